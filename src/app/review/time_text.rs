//! How pin times read in the panel: Vietnam time (UTC+7, no daylight saving), `2025-07-01 15:30`, so a
//! planner in Hai Phong sees the clock time of the site visit whatever the laptop's time zone.

use crate::core::timestamp::Timestamp;

/// Vietnam's offset east of UTC, in nanoseconds (7 hours).
const VIETNAM_OFFSET_NS: i128 = 7 * 3_600 * 1_000_000_000;

/// `YYYY-MM-DD HH:MM` in Vietnam time.
pub fn vietnam_minute(at: Timestamp) -> String {
    let text = at.plus_ns(VIETNAM_OFFSET_NS).to_string();
    let date = text.get(..10).unwrap_or(&text);
    let time = text.get(11..16).unwrap_or("");
    format!("{date} {time}")
}

/// `YYYY-MM-DD` in Vietnam time.
pub fn vietnam_date(at: Timestamp) -> String {
    let text = at.plus_ns(VIETNAM_OFFSET_NS).to_string();
    text.get(..10).unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_vietnam_time() {
        let at: Timestamp = "2025-07-01T08:30:59.5Z".parse().expect("valid");
        assert_eq!(vietnam_minute(at), "2025-07-01 15:30");
        let late: Timestamp = "2025-12-31T17:05:00Z".parse().expect("valid");
        assert_eq!(vietnam_minute(late), "2026-01-01 00:05");
        assert_eq!(vietnam_date(late), "2026-01-01");
    }
}
