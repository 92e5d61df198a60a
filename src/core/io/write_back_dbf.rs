//! Attribute values as dBASE cells in the table's own field types, widths and decimals, and text in the file's
//! own encoding (UTF-8, Windows-1258, TCVN3, VNI-Windows or a code page). A value that does not fit is
//! refused, never cut or rounded: text longer than the field, a character the encoding lacks, something that is
//! not a number in a numeric field, a number wider than the field or with more decimal places than it keeps.
//!
//! A changed record starts as a copy of its bytes in the file and only the cells whose value differs from the
//! file's are encoded again; the table keeps its header (with the new record count and today's date).

use std::borrow::Cow;

use super::dbf_reader::{DbfField, DbfTable};
use super::write_back_error::ValueProblem;
use crate::core::attributes::AttributeValue;
use crate::core::text_encoding::TextEncoding;
use crate::core::timestamp::Timestamp;

/// The dBASE end-of-file marker.
const END_OF_FILE: u8 = 0x1A;
/// Relative difference below which a number counts as written exactly with the field's decimals (the
/// difference between a binary fraction and its decimal spelling).
const DECIMAL_NOISE_RELATIVE: f64 = 1e-9;

/// A value that cannot be written: the field's position and why.
pub(super) type CellRefusal = (usize, ValueProblem);

/// Writes records of one dBASE table.
pub(super) struct DbfWriter<'a> {
    table: &'a DbfTable<'a>,
    bytes: &'a [u8],
    encoding: TextEncoding,
    /// Where each cell starts within a record (after the deletion flag).
    offsets: Vec<usize>,
}

impl<'a> DbfWriter<'a> {
    /// A writer for `table`, read from `bytes`, whose text is in `encoding`.
    pub(super) fn new(table: &'a DbfTable<'a>, bytes: &'a [u8], encoding: TextEncoding) -> Self {
        let offsets = table
            .fields
            .iter()
            .scan(1, |at, field| {
                let start = *at;
                *at += field.width;
                Some(start)
            })
            .collect();
        Self {
            table,
            bytes,
            encoding,
            offsets,
        }
    }

    /// The bytes of record `at` (zero-based) as they are in the file.
    pub(super) fn record(&self, at: usize) -> Option<&'a [u8]> {
        let start = self
            .table
            .header_len
            .checked_add(at.checked_mul(self.table.record_len)?)?;
        self.bytes
            .get(start..start.checked_add(self.table.record_len)?)
    }

    /// Record `at` with the cells whose value in `values` differs from `as_read` (the file's values) encoded
    /// again.
    pub(super) fn updated_record(
        &self,
        at: usize,
        values: &[AttributeValue],
        as_read: &[AttributeValue],
    ) -> Result<Option<Vec<u8>>, CellRefusal> {
        let Some(mut record) = self.record(at).map(<[u8]>::to_vec) else {
            return Ok(None);
        };
        for (column, value) in values.iter().enumerate() {
            if as_read.get(column) != Some(value) {
                self.put_cell(&mut record, column, value)?;
            }
        }
        Ok(Some(record))
    }

    /// A new record holding `values` (not deleted, padding as spaces).
    pub(super) fn new_record(&self, values: &[AttributeValue]) -> Result<Vec<u8>, CellRefusal> {
        let mut record = vec![b' '; self.table.record_len];
        for column in 0..self.table.fields.len() {
            let value = values.get(column).unwrap_or(&AttributeValue::Null);
            self.put_cell(&mut record, column, value)?;
        }
        Ok(record)
    }

    fn put_cell(
        &self,
        record: &mut [u8],
        column: usize,
        value: &AttributeValue,
    ) -> Result<(), CellRefusal> {
        let (Some(field), Some(start)) = (self.table.fields.get(column), self.offsets.get(column))
        else {
            return Ok(());
        };
        let cell = encode_cell(value, field, self.encoding).map_err(|problem| (column, problem))?;
        if let Some(slot) = record.get_mut(*start..start + field.width)
            && slot.len() == cell.len()
        {
            slot.copy_from_slice(&cell);
        }
        Ok(())
    }

    /// The whole table: the file's header with the new record count and today's date, the records, and the
    /// end-of-file marker when the file had one. `None` when the count does not fit the header.
    pub(super) fn table_bytes(&self, records: &[Cow<[u8]>]) -> Option<Vec<u8>> {
        let mut header = self.bytes.get(..self.table.header_len)?.to_vec();
        let count = u32::try_from(records.len()).ok()?;
        header.get_mut(4..8)?.copy_from_slice(&count.to_le_bytes());
        if let (Some(date), Some(today)) = (header.get_mut(1..4), today()) {
            date.copy_from_slice(&today);
        }
        let mut bytes =
            Vec::with_capacity(header.len() + records.len() * self.table.record_len + 1);
        bytes.extend(header);
        for record in records {
            bytes.extend_from_slice(record);
        }
        let end = self.table.header_len + self.table.rows.len() * self.table.record_len;
        if self.bytes.get(end) == Some(&END_OF_FILE) {
            bytes.push(END_OF_FILE);
        }
        Some(bytes)
    }
}

/// Today as the dBASE header's last-update date: years since 1900, month, day.
fn today() -> Option<[u8; 3]> {
    let text = Timestamp::now().to_string();
    let year: u16 = text.get(0..4)?.parse().ok()?;
    let month: u8 = text.get(5..7)?.parse().ok()?;
    let day: u8 = text.get(8..10)?.parse().ok()?;
    Some([u8::try_from(year.checked_sub(1900)?).ok()?, month, day])
}

/// One value as a cell of `field`, exactly `field.width` bytes.
pub(super) fn encode_cell(
    value: &AttributeValue,
    field: &DbfField,
    encoding: TextEncoding,
) -> Result<Vec<u8>, ValueProblem> {
    let width = field.width;
    match field.kind {
        b'C' => text_cell(value, width, encoding),
        b'N' | b'F' => number_cell(value, width, field.decimals),
        b'L' => logical_cell(value, width),
        b'D' => date_cell(value, width),
        b'I' => integer_cell(value, width),
        b'O' => double_cell(value, width),
        other => Err(ValueProblem::UnsupportedType {
            kind: char::from(other).to_string(),
        }),
    }
}

fn padded_right(mut bytes: Vec<u8>, width: usize) -> Vec<u8> {
    bytes.resize(width, b' ');
    bytes
}

fn padded_left(text: &str, width: usize) -> Vec<u8> {
    format!("{text:>width$}").into_bytes()
}

fn text_cell(
    value: &AttributeValue,
    width: usize,
    encoding: TextEncoding,
) -> Result<Vec<u8>, ValueProblem> {
    let bytes = encoding
        .encode_or_name_failure(&value.to_string())
        .map_err(|character| ValueProblem::Unencodable {
            character,
            encoding,
        })?;
    if bytes.len() > width {
        return Err(ValueProblem::TooLong {
            bytes: bytes.len(),
            width,
            encoding,
        });
    }
    Ok(padded_right(bytes, width))
}

/// A number for an `N` or `F` field, right-aligned, with exactly `decimals` decimal places.
fn number_cell(
    value: &AttributeValue,
    width: usize,
    decimals: u8,
) -> Result<Vec<u8>, ValueProblem> {
    let text = match value {
        AttributeValue::Null => return Ok(vec![b' '; width]),
        AttributeValue::Integer(whole) => whole_text(*whole, decimals),
        AttributeValue::Real(real) => real_text(*real, decimals)?,
        AttributeValue::Text(text) => {
            let cleaned = text.trim();
            match (cleaned.parse::<i64>(), cleaned.parse::<f64>()) {
                (Ok(whole), _) => whole_text(whole, decimals),
                (_, Ok(real)) => real_text(real, decimals)?,
                _ => return Err(not_a_number(value)),
            }
        }
        AttributeValue::Bool(_) | AttributeValue::Json(_) => return Err(not_a_number(value)),
    };
    if text.len() > width {
        return Err(ValueProblem::TooWide { text, width });
    }
    Ok(padded_left(&text, width))
}

fn not_a_number(value: &AttributeValue) -> ValueProblem {
    ValueProblem::NotANumber {
        value: value.to_string(),
    }
}

fn whole_text(whole: i64, decimals: u8) -> String {
    match decimals {
        0 => whole.to_string(),
        places => format!("{whole}.{}", "0".repeat(usize::from(places))),
    }
}

fn real_text(real: f64, decimals: u8) -> Result<String, ValueProblem> {
    if !real.is_finite() {
        return Err(ValueProblem::NotANumber {
            value: real.to_string(),
        });
    }
    let places = usize::from(decimals);
    let text = format!("{real:.places$}");
    let exact = text.parse::<f64>().is_ok_and(|written| {
        (written - real).abs() <= DECIMAL_NOISE_RELATIVE * real.abs().max(1.0)
    });
    if !exact {
        return Err(ValueProblem::TooManyDecimals {
            value: real.to_string(),
            decimals,
        });
    }
    Ok(text)
}

fn logical_cell(value: &AttributeValue, width: usize) -> Result<Vec<u8>, ValueProblem> {
    let flag = match value {
        AttributeValue::Null => b'?',
        AttributeValue::Bool(true) => b'T',
        AttributeValue::Bool(false) => b'F',
        AttributeValue::Text(text) => match text.trim().to_lowercase().as_str() {
            "t" | "true" | "y" | "yes" => b'T',
            "f" | "false" | "n" | "no" => b'F',
            _ => return Err(not_a_boolean(value)),
        },
        _ => return Err(not_a_boolean(value)),
    };
    Ok(padded_right(vec![flag], width))
}

fn not_a_boolean(value: &AttributeValue) -> ValueProblem {
    ValueProblem::NotABoolean {
        value: value.to_string(),
    }
}

/// A date as `YYYYMMDD` from `YYYY-MM-DD` (as the reader shows it) or `YYYYMMDD`.
fn date_cell(value: &AttributeValue, width: usize) -> Result<Vec<u8>, ValueProblem> {
    let text = match value {
        AttributeValue::Null => return Ok(vec![b' '; width]),
        other => other.to_string(),
    };
    let trimmed = text.trim();
    let dashed =
        trimmed.len() == 10 && trimmed.get(4..5) == Some("-") && trimmed.get(7..8) == Some("-");
    let digits = match trimmed.len() {
        8 => trimmed.to_string(),
        10 if dashed => trimmed.replace('-', ""),
        _ => String::new(),
    };
    if digits.len() != 8 || width < 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValueProblem::NotADate { value: text });
    }
    Ok(padded_right(digits.into_bytes(), width))
}

/// A binary 32-bit integer (dBASE 7 / Visual FoxPro `I`).
fn integer_cell(value: &AttributeValue, width: usize) -> Result<Vec<u8>, ValueProblem> {
    let whole = match value {
        AttributeValue::Null => {
            return Err(ValueProblem::EmptyNotAllowed { kind: "I".into() });
        }
        AttributeValue::Integer(whole) => *whole,
        AttributeValue::Real(real) if real.fract() == 0.0 && real.abs() < 1e18 => *real as i64,
        AttributeValue::Text(text) => text.trim().parse().map_err(|_| not_a_number(value))?,
        _ => return Err(not_a_number(value)),
    };
    let small = i32::try_from(whole).map_err(|_| ValueProblem::OutOfRange {
        value: whole.to_string(),
        kind: "I (32-bit integer)".into(),
    })?;
    Ok(padded_right(small.to_le_bytes().to_vec(), width))
}

/// A binary 64-bit float (`O`).
fn double_cell(value: &AttributeValue, width: usize) -> Result<Vec<u8>, ValueProblem> {
    let real = match value {
        AttributeValue::Null => {
            return Err(ValueProblem::EmptyNotAllowed { kind: "O".into() });
        }
        AttributeValue::Text(text) => text.trim().parse().map_err(|_| not_a_number(value))?,
        other => other.as_f64().ok_or_else(|| not_a_number(other))?,
    };
    Ok(padded_right(real.to_le_bytes().to_vec(), width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: u8, width: usize, decimals: u8) -> DbfField {
        DbfField {
            raw_name: b"f".to_vec(),
            kind,
            width,
            decimals,
        }
    }

    #[test]
    fn numbers_fill_the_field_or_are_refused() {
        let area = field(b'N', 8, 3);
        let cell = |value: AttributeValue| encode_cell(&value, &area, TextEncoding::Utf8);
        assert_eq!(cell(AttributeValue::Real(0.99)), Ok(b"   0.990".to_vec()));
        assert_eq!(cell(AttributeValue::Integer(12)), Ok(b"  12.000".to_vec()));
        assert_eq!(
            cell(AttributeValue::Text(" 1.5 ".into())),
            Ok(b"   1.500".to_vec())
        );
        assert_eq!(cell(AttributeValue::Null), Ok(b"        ".to_vec()));
        assert!(matches!(
            cell(AttributeValue::Real(1.2345)),
            Err(ValueProblem::TooManyDecimals { decimals: 3, .. })
        ));
        assert!(matches!(
            cell(AttributeValue::Real(123_456.5)),
            Err(ValueProblem::TooWide { width: 8, .. })
        ));
        assert!(matches!(
            cell(AttributeValue::Text("mười".into())),
            Err(ValueProblem::NotANumber { .. })
        ));
        let population = field(b'N', 10, 0);
        assert_eq!(
            encode_cell(
                &AttributeValue::Real(1300.0),
                &population,
                TextEncoding::Utf8
            ),
            Ok(b"      1300".to_vec())
        );
    }

    #[test]
    fn text_is_encoded_in_the_file_encoding_and_must_fit() {
        let name = field(b'C', 10, 0);
        assert_eq!(
            encode_cell(
                &AttributeValue::Text("Hải Phòng".into()),
                &name,
                TextEncoding::Tcvn3
            ),
            Ok(b"H\xb6i Ph\xdfng ".to_vec())
        );
        assert_eq!(
            encode_cell(
                &AttributeValue::Text("Hải Phòng".into()),
                &name,
                TextEncoding::Utf8
            ),
            Err(ValueProblem::TooLong {
                bytes: 12,
                width: 10,
                encoding: TextEncoding::Utf8
            })
        );
        assert_eq!(
            encode_cell(
                &AttributeValue::Text("Hải → Phòng".into()),
                &name,
                TextEncoding::Tcvn3
            ),
            Err(ValueProblem::Unencodable {
                character: '→',
                encoding: TextEncoding::Tcvn3
            })
        );
    }

    #[test]
    fn dates_and_logicals() {
        let date = field(b'D', 8, 0);
        assert_eq!(
            encode_cell(
                &AttributeValue::Text("2025-07-01".into()),
                &date,
                TextEncoding::Utf8
            ),
            Ok(b"20250701".to_vec())
        );
        assert!(
            encode_cell(
                &AttributeValue::Text("1/7/2025".into()),
                &date,
                TextEncoding::Utf8
            )
            .is_err()
        );
        let flag = field(b'L', 1, 0);
        assert_eq!(
            encode_cell(&AttributeValue::Bool(false), &flag, TextEncoding::Utf8),
            Ok(b"F".to_vec())
        );
        assert!(encode_cell(&AttributeValue::Integer(2), &flag, TextEncoding::Utf8).is_err());
    }
}
