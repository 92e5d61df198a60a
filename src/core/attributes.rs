//! Feature attributes: typed values, the per-layer field list, and the ordering used when a table is sorted.
//!
//! Values come from files as JSON-like data; they are kept typed (integer, real, text, …) so a column sorts
//! numerically and a categorized style can group by value. A layer's [`Field`] list gives each column a kind,
//! inferred from all of its values.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// One attribute value of one feature.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// No value (JSON `null` or a missing property).
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A real number.
    Real(f64),
    /// Text.
    Text(String),
    /// A nested array or object, kept as compact JSON text.
    Json(String),
}

/// The kind of a column, inferred from its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeKind {
    /// Only null values.
    Empty,
    /// true/false.
    Boolean,
    /// Whole numbers.
    Integer,
    /// Real numbers (whole numbers may be mixed in).
    Real,
    /// Text.
    Text,
    /// Nested arrays or objects.
    Json,
    /// Values of several kinds.
    Mixed,
}

/// A named column of a layer's attribute table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// The column name as written in the file.
    pub name: String,
    /// The kind inferred from every value in the column.
    #[serde(rename = "type")]
    pub kind: AttributeKind,
}

impl AttributeValue {
    /// Converts a JSON value from a file.
    pub fn from_json(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => Self::Null,
            Value::Bool(flag) => Self::Bool(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(whole) => Self::Integer(whole),
                None => number.as_f64().map_or(Self::Null, Self::Real),
            },
            Value::String(text) => Self::Text(text.clone()),
            Value::Array(_) | Value::Object(_) => Self::Json(value.to_string()),
        }
    }

    /// The value's own kind.
    pub fn kind(&self) -> AttributeKind {
        match self {
            Self::Null => AttributeKind::Empty,
            Self::Bool(_) => AttributeKind::Boolean,
            Self::Integer(_) => AttributeKind::Integer,
            Self::Real(_) => AttributeKind::Real,
            Self::Text(_) => AttributeKind::Text,
            Self::Json(_) => AttributeKind::Json,
        }
    }

    /// The value as a number, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Integer(whole) => Some(*whole as f64),
            Self::Real(real) => Some(*real),
            _ => None,
        }
    }

    /// Orders values for a sorted table: nulls first, then numbers numerically, then text, then the rest.
    pub fn sort_cmp(&self, other: &Self) -> Ordering {
        fn rank(value: &AttributeValue) -> u8 {
            match value {
                AttributeValue::Null => 0,
                AttributeValue::Bool(_) => 1,
                AttributeValue::Integer(_) | AttributeValue::Real(_) => 2,
                AttributeValue::Text(_) => 3,
                AttributeValue::Json(_) => 4,
            }
        }
        match (self, other) {
            (Self::Bool(a), Self::Bool(b)) => a.cmp(b),
            (Self::Text(a), Self::Text(b)) | (Self::Json(a), Self::Json(b)) => a.cmp(b),
            _ => match (self.as_f64(), other.as_f64()) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                _ => rank(self).cmp(&rank(other)),
            },
        }
    }
}

impl fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => Ok(()),
            Self::Bool(flag) => write!(f, "{flag}"),
            Self::Integer(whole) => write!(f, "{whole}"),
            Self::Real(real) => write!(f, "{real}"),
            Self::Text(text) | Self::Json(text) => f.write_str(text),
        }
    }
}

impl AttributeKind {
    /// The kind of a column holding values of kinds `self` and `other`.
    pub fn merge(self, other: Self) -> Self {
        use AttributeKind::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Empty, b) => b,
            (a, Empty) => a,
            (Integer, Real) | (Real, Integer) => Real,
            _ => Mixed,
        }
    }
}

/// Infers each column's kind from the values of every feature (`rows[i][j]` is column `j` of feature `i`).
pub fn infer_field_kinds<Row: AsRef<[AttributeValue]>>(
    names: Vec<String>,
    rows: &[Row],
) -> Vec<Field> {
    names
        .into_iter()
        .enumerate()
        .map(|(column, name)| {
            let kind = rows
                .iter()
                .filter_map(|row| row.as_ref().get(column))
                .fold(AttributeKind::Empty, |kind, value| kind.merge(value.kind()));
            Field { name, kind }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_numerically_and_nulls_first() {
        let mut values = vec![
            AttributeValue::Integer(10),
            AttributeValue::Real(2.5),
            AttributeValue::Null,
            AttributeValue::Integer(9),
        ];
        values.sort_by(|a, b| a.sort_cmp(b));
        assert_eq!(
            values,
            vec![
                AttributeValue::Null,
                AttributeValue::Real(2.5),
                AttributeValue::Integer(9),
                AttributeValue::Integer(10)
            ]
        );
    }

    #[test]
    fn column_kinds_are_inferred_from_all_values() {
        let rows = vec![
            vec![AttributeValue::Integer(1), AttributeValue::Text("a".into())],
            vec![AttributeValue::Real(1.5), AttributeValue::Integer(2)],
        ];
        let fields = infer_field_kinds(vec!["n".into(), "x".into()], &rows);
        assert_eq!(fields[0].kind, AttributeKind::Real);
        assert_eq!(fields[1].kind, AttributeKind::Mixed);
    }
}
