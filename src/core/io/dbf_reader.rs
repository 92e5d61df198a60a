//! The attribute half of a Shapefile: a dBASE (`.dbf`) table.
//!
//! [`read_dbf`] checks the header against the file's real size (a table that claims more records than it holds
//! is refused, not read past its end) and returns each cell as raw bytes. Text is decoded afterwards, once the
//! encoding of the whole table is known ([`DbfTable::text_cells`] feeds detection; [`DbfTable::to_rows`]
//! decodes and types every cell). The field descriptors end with 0x0D, or with 0x0A (written by some tools)
//! when that byte is exactly where the header length says the descriptors end.

use crate::core::attributes::AttributeValue;

use super::binary::ByteCursor;
use crate::core::layer_note::LayerNote;
use crate::core::text_encoding::TextEncoding;

/// One column of a dBASE table.
#[derive(Clone, Debug)]
pub(crate) struct DbfField {
    /// The name's raw bytes (up to the first NUL).
    pub(crate) raw_name: Vec<u8>,
    /// The dBASE type letter: C, N, F, L, D, M, I, O, …
    pub(crate) kind: u8,
    /// Width in bytes.
    pub(crate) width: usize,
    /// Decimal places of a numeric field.
    pub(crate) decimals: u8,
}

/// A dBASE table with its cells still as bytes borrowed from the file.
#[derive(Debug)]
pub(crate) struct DbfTable<'a> {
    /// The columns.
    pub(crate) fields: Vec<DbfField>,
    /// One slice per cell, row by row.
    pub(crate) rows: Vec<Vec<&'a [u8]>>,
    /// Bytes before the first record: the header and the field descriptors.
    pub(crate) header_len: usize,
    /// Bytes per record: the deletion flag, the cells and any padding.
    pub(crate) record_len: usize,
}

/// Reads the table structure and slices every record.
pub(crate) fn read_dbf(bytes: &[u8]) -> Result<DbfTable<'_>, String> {
    if bytes.len() < 32 {
        return Err(format!(
            "the file has {} bytes, fewer than a dBASE header (truncated?)",
            bytes.len()
        ));
    }
    let mut header = ByteCursor::new(bytes);
    header.skip(4)?;
    let record_count = header.u32(true)? as usize;
    let header_len = usize::from(u16::from_le_bytes([header.u8()?, header.u8()?]));
    let record_len = usize::from(u16::from_le_bytes([header.u8()?, header.u8()?]));
    let fields = read_fields(bytes, header_len)?;
    let fields_width: usize = fields.iter().map(|field| field.width).sum();
    if record_len < fields_width + 1 {
        return Err(format!(
            "the header's record length {record_len} is shorter than its fields ({} bytes)",
            fields_width + 1
        ));
    }
    let available = bytes.len().saturating_sub(header_len) / record_len.max(1);
    if available < record_count {
        return Err(format!(
            "the header declares {record_count} records but the file holds only {available} (truncated?)"
        ));
    }
    let data = bytes.get(header_len..).unwrap_or_default();
    let rows = data
        .chunks_exact(record_len)
        .take(record_count)
        .map(|record| slice_cells(record, &fields))
        .collect();
    Ok(DbfTable {
        fields,
        rows,
        header_len,
        record_len,
    })
}

fn read_fields(bytes: &[u8], header_len: usize) -> Result<Vec<DbfField>, String> {
    let descriptors = bytes.get(32..header_len).ok_or_else(|| {
        format!(
            "the header length {header_len} is impossible for a file of {} bytes",
            bytes.len()
        )
    })?;
    let mut fields = Vec::new();
    for (number, descriptor) in descriptors.chunks(32).enumerate() {
        // The terminator is 0x0D; some writers put 0x0A (a line feed) there instead. It is taken as the
        // terminator only where the header length says the descriptors end, so a stray byte is still refused.
        let last_byte = descriptor.len() == 1;
        match descriptor.first() {
            Some(0x0D) => break,
            Some(0x0A) if last_byte => break,
            _ => {}
        }
        let mut cursor = ByteCursor::new(descriptor);
        let name = cursor.take(11).map_err(|_| {
            format!(
                "field descriptor {number} is truncated: the header length {header_len} ends it after {} \
                 byte(s) (no 0x0D terminator where the header length says the descriptors end?)",
                descriptor.len()
            )
        })?;
        let kind = cursor.u8()?;
        cursor.skip(4)?;
        let width = usize::from(cursor.u8()?);
        let decimals = cursor.u8()?;
        let raw_name: Vec<u8> = name.iter().copied().take_while(|byte| *byte != 0).collect();
        fields.push(DbfField {
            raw_name,
            kind,
            width,
            decimals,
        });
    }
    Ok(fields)
}

fn slice_cells<'a>(record: &'a [u8], fields: &[DbfField]) -> Vec<&'a [u8]> {
    let mut at = 1;
    fields
        .iter()
        .map(|field| {
            let cell = record.get(at..at + field.width).unwrap_or_default();
            at += field.width;
            cell
        })
        .collect()
}

/// Trailing spaces and NULs pad dBASE cells.
fn trimmed(cell: &[u8]) -> &[u8] {
    let end = cell
        .iter()
        .rposition(|byte| *byte != b' ' && *byte != 0)
        .map_or(0, |last| last + 1);
    cell.get(..end).unwrap_or_default()
}

impl DbfTable<'_> {
    /// Every non-blank text cell and field name, raw, for encoding detection.
    pub(crate) fn text_cells(&self) -> Vec<&[u8]> {
        let text_columns: Vec<usize> = (0..self.fields.len())
            .filter(|column| {
                self.fields
                    .get(*column)
                    .is_some_and(|field| field.kind == b'C')
            })
            .collect();
        let names = self.fields.iter().map(|field| field.raw_name.as_slice());
        let cells = self.rows.iter().flat_map(|row| {
            text_columns
                .iter()
                .filter_map(|column| row.get(*column).map(|cell| trimmed(cell)))
        });
        names.chain(cells).filter(|cell| !cell.is_empty()).collect()
    }

    /// Decoded field names, made unique.
    pub(crate) fn field_names(&self, encoding: TextEncoding) -> Vec<String> {
        let mut names: Vec<String> = Vec::with_capacity(self.fields.len());
        for (column, field) in self.fields.iter().enumerate() {
            let decoded = encoding
                .decode(trimmed(&field.raw_name))
                .unwrap_or_else(|| String::from_utf8_lossy(&field.raw_name).into_owned());
            let base = if decoded.trim().is_empty() {
                format!("field_{}", column + 1)
            } else {
                decoded.trim().to_string()
            };
            let mut name = base.clone();
            let mut suffix = 2;
            while names.contains(&name) {
                name = format!("{base}_{suffix}");
                suffix += 1;
            }
            names.push(name);
        }
        names
    }

    /// Decodes and types every cell. Fails on text that is invalid in `encoding`, naming record and field.
    /// `notes` receives remarks about values that could not be typed (left empty) and unread memo fields.
    pub(crate) fn to_rows(
        &self,
        encoding: TextEncoding,
        names: &[String],
        notes: &mut Vec<LayerNote>,
    ) -> Result<Vec<Vec<AttributeValue>>, String> {
        let mut bad_numbers = vec![0usize; self.fields.len()];
        let mut rows = Vec::with_capacity(self.rows.len());
        for (number, row) in self.rows.iter().enumerate() {
            let mut values = Vec::with_capacity(row.len());
            for (column, (cell, field)) in row.iter().zip(&self.fields).enumerate() {
                let name = names.get(column).map_or("?", String::as_str);
                let value = cell_value(trimmed(cell), field, encoding)
                    .map_err(|message| format!("record {}, field {name}: {message}", number + 1))?;
                if value.is_none()
                    && let Some(count) = bad_numbers.get_mut(column)
                {
                    *count += 1;
                }
                values.push(value.unwrap_or(AttributeValue::Null));
            }
            rows.push(values);
        }
        for ((count, field), name) in bad_numbers.iter().zip(&self.fields).zip(names) {
            if *count > 0 {
                notes.push(LayerNote::UnreadableValues {
                    field: name.clone(),
                    dbase_type: char::from(field.kind),
                    count: *count,
                });
            }
        }
        Ok(rows)
    }
}

/// One cell's value; `Ok(None)` for a value that cannot be typed (counted and left empty).
fn cell_value(
    cell: &[u8],
    field: &DbfField,
    encoding: TextEncoding,
) -> Result<Option<AttributeValue>, String> {
    let blank = cell.iter().all(|byte| *byte == b' ');
    if blank && field.kind != b'I' && field.kind != b'O' {
        return Ok(Some(AttributeValue::Null));
    }
    Ok(match field.kind {
        b'C' => {
            let text = encoding.decode(cell).ok_or_else(|| {
                format!("the text is not valid {encoding}; choose another encoding")
            })?;
            Some(AttributeValue::Text(text))
        }
        b'N' | b'F' => number(cell, field.decimals),
        b'L' => match cell.first() {
            Some(b'T' | b't' | b'Y' | b'y') => Some(AttributeValue::Bool(true)),
            Some(b'F' | b'f' | b'N' | b'n') => Some(AttributeValue::Bool(false)),
            _ => Some(AttributeValue::Null),
        },
        b'D' => Some(date(cell)),
        b'I' => <[u8; 4]>::try_from(cell)
            .ok()
            .map(|bytes| AttributeValue::Integer(i64::from(i32::from_le_bytes(bytes)))),
        b'O' => <[u8; 8]>::try_from(cell)
            .ok()
            .map(|bytes| AttributeValue::Real(f64::from_le_bytes(bytes)))
            .filter(|value| value.as_f64().is_some_and(f64::is_finite)),
        _ => None,
    })
}

fn number(cell: &[u8], decimals: u8) -> Option<AttributeValue> {
    let text = std::str::from_utf8(cell).ok()?.trim();
    if text.chars().all(|c| c == '*') {
        return Some(AttributeValue::Null);
    }
    if decimals == 0
        && let Ok(whole) = text.parse::<i64>()
    {
        return Some(AttributeValue::Integer(whole));
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .map(AttributeValue::Real)
}

/// A `D` cell `YYYYMMDD` as `YYYY-MM-DD`; `00000000`, which many writers store for "no date", is null (as
/// GDAL reads it).
fn date(cell: &[u8]) -> AttributeValue {
    let text = String::from_utf8_lossy(cell).trim().to_string();
    if text == "00000000" {
        return AttributeValue::Null;
    }
    let digits = text.len() == 8 && text.chars().all(|c| c.is_ascii_digit());
    match (digits, text.get(0..4), text.get(4..6), text.get(6..8)) {
        (true, Some(year), Some(month), Some(day)) => {
            AttributeValue::Text(format!("{year}-{month}-{day}"))
        }
        _ => AttributeValue::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-column (`NAME`, C 5) table of one record, with `terminator` after the descriptor and the header
    /// length `header_len`.
    fn table(terminator: u8, header_len: u16) -> Vec<u8> {
        let mut bytes = vec![0x03, 124, 1, 1];
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&header_len.to_le_bytes());
        bytes.extend_from_slice(&6u16.to_le_bytes());
        bytes.resize(32, 0);
        let mut descriptor = b"NAME".to_vec();
        descriptor.resize(11, 0);
        descriptor.push(b'C');
        descriptor.extend_from_slice(&[0; 4]);
        descriptor.extend_from_slice(&[5, 0]);
        descriptor.resize(32, 0);
        bytes.extend_from_slice(&descriptor);
        bytes.push(terminator);
        bytes.resize(usize::from(header_len), 0);
        bytes.extend_from_slice(b" Hello\x1A");
        bytes
    }

    #[test]
    fn a_line_feed_ends_the_descriptors_where_the_header_length_says() {
        let bytes = table(0x0A, 65);
        let read = read_dbf(&bytes).expect("0x0A terminator at the header's end");
        assert_eq!(read.fields.len(), 1);
        assert_eq!(read.fields[0].raw_name, b"NAME");
        assert_eq!(read.rows, [vec![b"Hello".as_slice()]]);
        assert!(read_dbf(&table(0x0D, 65)).is_ok());
        let stray = read_dbf(&table(0x0A, 70)).expect_err("0x0A elsewhere is not a terminator");
        assert!(stray.contains("field descriptor 1 is truncated"), "{stray}");
    }

    #[test]
    fn an_all_zero_date_is_no_date() {
        // pyshp and other writers store "no date" as eight zeros (pyshp's NullTest.shp, records 1 and 3).
        assert_eq!(date(b"00000000"), AttributeValue::Null);
        assert_eq!(date(b"20250701"), AttributeValue::Text("2025-07-01".into()));
        assert_eq!(date(b"2025"), AttributeValue::Text("2025".into()));
    }
}
