//! UTC instants written as RFC 3339 text (`2025-07-01T08:30:00Z`, `2025-07-01T08:30:00.25Z`), without a date
//! crate: review pins and GPX points carry them, and merging pins compares them.
//!
//! A [`Timestamp`] is a count of nanoseconds since 1970-01-01T00:00:00Z. It prints in one canonical form
//! (UTC, `Z`, the fraction without trailing zeros and only when non-zero), so two laptops write the same
//! instant as the same text; it parses any RFC 3339 offset (`+07:00`) and a lower-case `t`/`z`.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An instant in UTC with nanosecond resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Nanoseconds since 1970-01-01T00:00:00Z (negative before).
    pub unix_ns: i128,
}

/// Text that is not an RFC 3339 date-time.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("not an RFC 3339 date-time: {text:?} (expected e.g. 2025-07-01T08:30:00Z)")]
pub struct TimestampError {
    /// The text that was given.
    pub text: String,
}

const NS_PER_SECOND: i128 = 1_000_000_000;
const SECONDS_PER_DAY: i128 = 86_400;

impl Timestamp {
    /// The current time of the system clock.
    pub fn now() -> Self {
        let unix_ns = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        Self { unix_ns }
    }

    /// Parses RFC 3339 text as [`FromStr`] does, and also an `xsd:dateTime` with no time zone
    /// (`2024-05-01T08:30:00`, with or without a fraction), taken as UTC — the reading GPX requires ("times are
    /// in UTC, not local time"). Review files keep the strict [`FromStr`].
    pub fn parse_utc_if_unzoned(text: &str) -> Result<Self, TimestampError> {
        text.parse().or_else(|error| {
            let trimmed = text.trim();
            let unzoned = trimmed.len() >= 19
                && trimmed.get(19..).is_some_and(|rest| {
                    rest.bytes()
                        .all(|byte| byte == b'.' || byte.is_ascii_digit())
                });
            if !unzoned {
                return Err(error);
            }
            parse_rfc3339(&format!("{trimmed}Z")).ok_or(error)
        })
    }

    /// The instant `seconds` after the Unix epoch.
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self {
            unix_ns: seconds as i128 * NS_PER_SECOND,
        }
    }

    /// The instant `nanoseconds` later.
    pub const fn plus_ns(self, nanoseconds: i128) -> Self {
        Self {
            unix_ns: self.unix_ns + nanoseconds,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.unix_ns.div_euclid(NS_PER_SECOND);
        let nanos = self.unix_ns.rem_euclid(NS_PER_SECOND);
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = (
            second_of_day / 3600,
            second_of_day % 3600 / 60,
            second_of_day % 60,
        );
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}"
        )?;
        if nanos != 0 {
            let fraction = format!("{nanos:09}");
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_rfc3339(text.trim()).ok_or_else(|| TimestampError {
            text: text.to_string(),
        })
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !text.is_ascii() {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i128> {
        let digits = text.get(from..to)?;
        digits
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let separators_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60
        && second < 61;
    if !valid {
        return None;
    }
    let (nanos, rest) = parse_fraction(text.get(19..)?)?;
    let offset_seconds = parse_offset(rest)?;
    let days = days_from_civil(year, month, day);
    let seconds =
        days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59) - offset_seconds;
    Some(Timestamp {
        unix_ns: seconds * NS_PER_SECOND + nanos,
    })
}

/// Reads an optional `.ddd` fraction; returns nanoseconds and the rest of the text.
fn parse_fraction(text: &str) -> Option<(i128, &str)> {
    let Some(after_dot) = text.strip_prefix('.') else {
        return Some((0, text));
    };
    let digit_count = after_dot.bytes().take_while(u8::is_ascii_digit).count();
    if digit_count == 0 {
        return None;
    }
    let digits = after_dot.get(..digit_count)?;
    let mut nanos: i128 = 0;
    for (place, digit) in digits.bytes().enumerate() {
        if place < 9 {
            nanos = nanos * 10 + i128::from(digit - b'0');
        }
    }
    for _ in digit_count..9 {
        nanos *= 10;
    }
    Some((nanos, after_dot.get(digit_count..)?))
}

/// Reads `Z` or `±HH:MM`; returns the offset east of UTC in seconds.
fn parse_offset(text: &str) -> Option<i128> {
    if text == "Z" || text == "z" {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if text.len() != 6 || text.as_bytes().get(3) != Some(&b':') {
        return None;
    }
    let hours: i128 = text.get(1..3)?.parse().ok()?;
    let minutes: i128 = text.get(4..6)?.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

fn is_leap(year: i128) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i128, month: i128) -> i128 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i128, month: i128, day: i128) -> i128 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i128) -> (i128, i128, i128) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_time_without_a_zone_is_utc_only_when_asked() {
        assert!("2024-05-01T08:30:00".parse::<Timestamp>().is_err());
        let utc = Timestamp::parse_utc_if_unzoned("2024-05-01T08:30:00.5").expect("unzoned");
        assert_eq!(utc.to_string(), "2024-05-01T08:30:00.5Z");
        let zoned = Timestamp::parse_utc_if_unzoned("2024-05-01T08:30:00+07:00").expect("zoned");
        assert_eq!(zoned.to_string(), "2024-05-01T01:30:00Z");
        assert!(Timestamp::parse_utc_if_unzoned("2024-05-01T08:30").is_err());
        assert!(Timestamp::parse_utc_if_unzoned("2024-05-01T08:30:00 x").is_err());
    }

    #[test]
    fn prints_and_parses_canonical_utc() {
        let stamp: Timestamp = "2025-07-01T08:30:00Z".parse().expect("valid");
        assert_eq!(stamp, Timestamp::from_unix_seconds(1_751_358_600));
        assert_eq!(stamp.to_string(), "2025-07-01T08:30:00Z");
        let local: Timestamp = "2025-07-01T15:30:00.250+07:00".parse().expect("valid");
        assert_eq!(local.to_string(), "2025-07-01T08:30:00.25Z");
        assert_eq!(
            "1969-12-31T23:59:59Z".parse(),
            Ok(Timestamp::from_unix_seconds(-1))
        );
        assert_eq!(
            "2024-02-29T00:00:00Z"
                .parse::<Timestamp>()
                .map(|t| t.to_string()),
            Ok("2024-02-29T00:00:00Z".to_string())
        );
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "2025-07-01",
            "2025-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-07-01T24:00:00Z",
            "2025-07-01T08:30:00",
            "2025-07-01T08:30:00.Z",
            "2025-07-01T08:30:00+7:00",
            "2025-07-01T08:30:0xZ",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn round_trips_many_instants() {
        let mut unix_ns: i128 = -5_000_000_000_000_000_000;
        while unix_ns < 5_000_000_000_000_000_000 {
            let stamp = Timestamp { unix_ns };
            assert_eq!(stamp.to_string().parse(), Ok(stamp), "{stamp}");
            unix_ns += 98_765_432_123_456_789;
        }
    }
}
