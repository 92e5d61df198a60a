//! Turning what a planner types into a typed attribute value for a column: a whole-number column takes only
//! whole numbers, a real column numbers (a decimal comma, as Vietnamese write it, is accepted when there is
//! no point), a true/false column `true`/`false`/`có`/`không`, a JSON column valid JSON; text is kept in
//! Unicode NFC, as every reader of the atlas stores it. An empty entry clears the value. A refusal is a
//! typed [`ValueError`] that the app words in the interface's language.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use super::attributes::{AttributeKind, AttributeValue};

/// Typed text that does not fit its column.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// A whole-number column got something else.
    #[error("{text:?} is not a whole number")]
    NotInteger {
        /// What was typed.
        text: String,
    },
    /// A number column got something else.
    #[error("{text:?} is not a number")]
    NotNumber {
        /// What was typed.
        text: String,
    },
    /// A true/false column got something else.
    #[error("{text:?} is not true or false")]
    NotBoolean {
        /// What was typed.
        text: String,
    },
    /// A JSON column got text that is not JSON.
    #[error("{text:?} is not valid JSON")]
    NotJson {
        /// What was typed.
        text: String,
    },
}

/// The value `text` means in a column of kind `kind` (see the module documentation).
pub fn parse_value(kind: AttributeKind, text: &str) -> Result<AttributeValue, ValueError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(AttributeValue::Null);
    }
    let owned = || trimmed.to_string();
    match kind {
        AttributeKind::Integer => parse_integer(trimmed)
            .map(AttributeValue::Integer)
            .ok_or_else(|| ValueError::NotInteger { text: owned() }),
        AttributeKind::Real => parse_real(trimmed)
            .map(AttributeValue::Real)
            .ok_or_else(|| ValueError::NotNumber { text: owned() }),
        AttributeKind::Boolean => parse_boolean(trimmed)
            .map(AttributeValue::Bool)
            .ok_or_else(|| ValueError::NotBoolean { text: owned() }),
        AttributeKind::Json => serde_json::from_str::<serde_json::Value>(trimmed)
            .map(|value| AttributeValue::Json(value.to_string()))
            .map_err(|_| ValueError::NotJson { text: owned() }),
        AttributeKind::Text | AttributeKind::Empty | AttributeKind::Mixed => {
            Ok(AttributeValue::Text(text.nfc().collect()))
        }
    }
}

/// A whole number, with spaces between digit groups allowed ("1 250").
fn parse_integer(text: &str) -> Option<i64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.parse().ok()
}

/// A finite number; "12,5" is read as 12.5 when the text has no point.
fn parse_real(text: &str) -> Option<f64> {
    let mut compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.contains('.') && compact.matches(',').count() == 1 {
        compact = compact.replace(',', ".");
    }
    compact
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

fn parse_boolean(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "1" | "có" | "co" | "đúng" | "yes" => Some(true),
        "false" | "0" | "không" | "khong" | "sai" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_refuse_text_and_accept_a_decimal_comma() {
        assert_eq!(
            parse_value(AttributeKind::Integer, " 1 250 "),
            Ok(AttributeValue::Integer(1_250))
        );
        assert_eq!(
            parse_value(AttributeKind::Integer, "12,5"),
            Err(ValueError::NotInteger {
                text: "12,5".into()
            })
        );
        assert_eq!(
            parse_value(AttributeKind::Real, "12,5"),
            Ok(AttributeValue::Real(12.5))
        );
        assert_eq!(
            parse_value(AttributeKind::Real, "đất ở"),
            Err(ValueError::NotNumber {
                text: "đất ở".into()
            })
        );
        assert!(parse_value(AttributeKind::Real, "inf").is_err());
        assert_eq!(
            parse_value(AttributeKind::Real, ""),
            Ok(AttributeValue::Null)
        );
    }

    #[test]
    fn text_is_kept_in_nfc_and_booleans_read_vietnamese() {
        // "Hải" typed with a combining hook above (NFD) is stored precomposed.
        let decomposed = "Ha\u{0309}i Pho\u{0300}ng";
        assert_eq!(
            parse_value(AttributeKind::Text, decomposed),
            Ok(AttributeValue::Text("Hải Phòng".into()))
        );
        assert_eq!(
            parse_value(AttributeKind::Boolean, "Có"),
            Ok(AttributeValue::Bool(true))
        );
        assert!(parse_value(AttributeKind::Json, "{not json").is_err());
    }
}
