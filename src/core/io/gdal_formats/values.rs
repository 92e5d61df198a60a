//! Attribute values from GDAL features. Numbers are read as numbers; text is read as the bytes the file
//! holds and decoded for the whole layer at once by the atlas's encoding detection, so TCVN3, VNI and
//! Windows-1258 text in DXF, DGN and MapInfo files comes out right (GDAL's own build here has no iconv).
//! A MapInfo file whose charset GDAL recodes itself (WindowsLatin1, ISO8859_1) is turned back into its
//! bytes first; a DXF's `\U+XXXX` escapes are decoded after the encoding. A DXF entity gets two more
//! columns, `color` (`#rrggbb`) and `aci`; its paper-space flag is not a column (paper-space entities are
//! left out).

use std::path::Path;

use gdal::vector::{Feature, Layer, LayerAccess};
use gdal_sys::OGRFieldType;

use super::dxf_text::decode_unicode_escapes;
use super::{GdalFormat, cad, ffi};
use crate::core::attributes::AttributeValue;
use crate::core::layer_note::LayerNote;
use crate::core::text_encoding::{EncodingReport, TextEncoding, choose_encoding};

/// One attribute value as read, before the layer's text encoding is known.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RawValue {
    /// No value.
    Null,
    /// A whole number.
    Integer(i64),
    /// A real number.
    Real(f64),
    /// Text, as the bytes the file holds.
    Text(Vec<u8>),
    /// Text that is already UTF-8 whatever the layer's encoding (dates, GDAL's own renderings).
    Utf8(String),
}

/// One feature's values, in the reader's column order.
pub(crate) type RawRow = Vec<RawValue>;

/// How a column's values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnKind {
    Integer,
    Real,
    Text,
    Date,
    /// Bytes (`OFTBinary`): GDAL's hexadecimal rendering, kept as text.
    Binary,
}

/// Reads the attribute columns of one GDAL layer.
pub(crate) struct FieldReader {
    /// (GDAL field index, column name, how it is read), skipping the DXF paper-space flag.
    columns: Vec<(usize, String, ColumnKind)>,
    /// The DXF paper-space flag's field index.
    paper_space: Option<usize>,
    /// True when DXF colour columns are added.
    adds_colour: bool,
    /// The encoding GDAL decoded the file's text from before giving it as UTF-8 (MapInfo Latin charsets).
    recoded_by_gdal: Option<GdalRecoding>,
    /// The text encoding the file declares (FileGDB: always UTF-8; MapInfo: its charset).
    declared: Option<TextEncoding>,
}

impl FieldReader {
    /// The columns of `layer` of a file of `format` at `path`.
    pub(crate) fn new(path: &Path, layer: &Layer, format: GdalFormat) -> Self {
        let mut columns = Vec::new();
        let mut paper_space = None;
        for (index, field) in layer.defn().fields().enumerate() {
            let name = field.name();
            if format == GdalFormat::Dxf && name == "PaperSpace" {
                paper_space = Some(index);
                continue;
            }
            columns.push((index, name, column_kind(field.field_type())));
        }
        let charset = (format == GdalFormat::MapInfo)
            .then(|| mapinfo_charset(path))
            .flatten();
        Self {
            columns,
            paper_space,
            adds_colour: format == GdalFormat::Dxf,
            recoded_by_gdal: charset.as_deref().and_then(gdal_recoding),
            declared: match format {
                GdalFormat::FileGdb => Some(TextEncoding::Utf8),
                GdalFormat::MapInfo => charset.as_deref().and_then(declared_by_charset),
                GdalFormat::Dxf | GdalFormat::Dgn => None,
            },
        }
    }

    /// The DXF paper-space flag's field index.
    pub(crate) fn paper_space_index(&self) -> Option<usize> {
        self.paper_space
    }

    /// The column names, in order (with `color`, `aci` and `hatch_pattern` last for a DXF).
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .columns
            .iter()
            .map(|(_, name, _)| name.clone())
            .collect();
        if self.adds_colour {
            names.extend([
                "color".to_string(),
                "aci".to_string(),
                "hatch_pattern".to_string(),
            ]);
        }
        names
    }

    /// One feature's values; `is_area` tells a DXF hatch, whose `Text` GDAL fills with the hatch pattern's
    /// name (`SOLID`, `ANSI31`), from a TEXT or MTEXT, whose `Text` is what the drawing says: a pattern name
    /// goes to `hatch_pattern`, so `Text` holds only the drawing's words (and labels only them).
    pub(crate) fn raw_row(&self, feature: &Feature, is_area: bool) -> RawRow {
        let mut row: RawRow = self
            .columns
            .iter()
            .map(|&(index, _, kind)| self.raw_value(feature, index, kind))
            .collect();
        if self.adds_colour {
            match cad::entity_colour(feature) {
                Some((hex, aci)) => {
                    row.push(RawValue::Utf8(hex));
                    row.push(aci.map_or(RawValue::Null, |aci| RawValue::Integer(i64::from(aci))));
                }
                None => row.extend([RawValue::Null, RawValue::Null]),
            }
            let pattern = match self.text_column() {
                Some(column) if is_area => row.get_mut(column).map_or(RawValue::Null, |text| {
                    std::mem::replace(text, RawValue::Null)
                }),
                _ => RawValue::Null,
            };
            row.push(pattern);
        }
        row
    }

    /// The position of the `Text` column among the columns.
    fn text_column(&self) -> Option<usize> {
        self.columns.iter().position(|(_, name, _)| name == "Text")
    }

    fn raw_value(&self, feature: &Feature, index: usize, kind: ColumnKind) -> RawValue {
        let value = match kind {
            ColumnKind::Integer => feature
                .field_as_integer64(index)
                .ok()
                .flatten()
                .map(RawValue::Integer),
            ColumnKind::Real => feature
                .field_as_double(index)
                .ok()
                .flatten()
                .map(RawValue::Real),
            ColumnKind::Date => ffi::raw_text(feature, index)
                .map(|bytes| RawValue::Utf8(iso_date_time(&String::from_utf8_lossy(&bytes)))),
            ColumnKind::Binary => ffi::raw_text(feature, index)
                .map(|bytes| RawValue::Utf8(String::from_utf8_lossy(&bytes).into_owned())),
            ColumnKind::Text => ffi::raw_text(feature, index).map(|bytes| self.file_bytes(bytes)),
        };
        value.unwrap_or(RawValue::Null)
    }

    /// The bytes the file held, undoing GDAL's own recoding of a MapInfo Latin charset.
    fn file_bytes(&self, bytes: Vec<u8>) -> RawValue {
        let original = self.recoded_by_gdal.and_then(|recoding| {
            let text = std::str::from_utf8(&bytes).ok()?;
            recoding.undo(text)
        });
        RawValue::Text(original.unwrap_or(bytes))
    }

    /// Decodes every row with one encoding for the layer (the user's, else the declared one when the text
    /// agrees, else detected); returns the column names, the values and, for formats with legacy
    /// encodings, how the text was decoded.
    pub(crate) fn decode(
        &self,
        rows: &[RawRow],
        user: Option<TextEncoding>,
        notes: &mut Vec<LayerNote>,
    ) -> (
        Vec<String>,
        Vec<Vec<AttributeValue>>,
        Option<EncodingReport>,
    ) {
        let cells: Vec<&[u8]> = rows
            .iter()
            .flatten()
            .filter_map(|value| match value {
                RawValue::Text(bytes) => Some(bytes.as_slice()),
                _ => None,
            })
            .collect();
        let report = choose_encoding(&cells, self.declared, user);
        notes.extend(report.note.map(LayerNote::Encoding));
        let encoding = report.encoding;
        let escaped_column = self.adds_colour.then(|| self.text_column()).flatten();
        let values = rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(column, value)| {
                        let value = decoded(value, encoding);
                        match value {
                            AttributeValue::Text(text) if Some(column) == escaped_column => {
                                AttributeValue::Text(decode_unicode_escapes(&text).into_owned())
                            }
                            other => other,
                        }
                    })
                    .collect()
            })
            .collect();
        let always_utf8 = self.declared == Some(TextEncoding::Utf8) && user.is_none();
        (self.names(), values, (!always_utf8).then_some(report))
    }
}

fn decoded(value: &RawValue, encoding: TextEncoding) -> AttributeValue {
    match value {
        RawValue::Null => AttributeValue::Null,
        RawValue::Integer(number) => AttributeValue::Integer(*number),
        RawValue::Real(number) => AttributeValue::Real(*number),
        RawValue::Utf8(text) => AttributeValue::Text(text.clone()),
        RawValue::Text(bytes) => AttributeValue::Text(
            encoding
                .decode(bytes)
                .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
        ),
    }
}

fn column_kind(field_type: OGRFieldType::Type) -> ColumnKind {
    match field_type {
        OGRFieldType::OFTInteger | OGRFieldType::OFTInteger64 => ColumnKind::Integer,
        OGRFieldType::OFTReal => ColumnKind::Real,
        OGRFieldType::OFTDate | OGRFieldType::OFTTime | OGRFieldType::OFTDateTime => {
            ColumnKind::Date
        }
        OGRFieldType::OFTBinary => ColumnKind::Binary,
        _ => ColumnKind::Text,
    }
}

/// GDAL's `YYYY/MM/DD[ HH:MM:SS[.sss][±ZZ]]` as ISO 8601 (`YYYY-MM-DD[THH:MM:SS…]`).
fn iso_date_time(gdal_text: &str) -> String {
    let (date, time) = match gdal_text.split_once(' ') {
        Some((date, time)) => (date, Some(time)),
        None => (gdal_text, None),
    };
    let date = date.replace('/', "-");
    match time {
        Some(time) => format!("{date}T{time}"),
        None => date,
    }
}

/// The `Charset` a MapInfo `.tab` or `.mif` declares in its header (read from the first 64 KiB).
fn mapinfo_charset(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    text.lines().find_map(|line| {
        let line = line.trim().trim_start_matches('!');
        let (key, value) = line.split_once(char::is_whitespace)?;
        key.eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// A single-byte encoding GDAL itself decodes MapInfo text from before handing it over as UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GdalRecoding {
    /// `WindowsLatin1`: Windows-1252 (GDAL drops the five bytes it leaves undefined).
    Windows1252,
    /// `ISO8859_1`: each byte became the character of the same number.
    Latin1,
}

impl GdalRecoding {
    /// The bytes `text` was decoded from, or `None` when it cannot have come from this encoding.
    fn undo(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Self::Windows1252 => {
                let (bytes, _, had_errors) = encoding_rs::WINDOWS_1252.encode(text);
                (!had_errors).then(|| bytes.into_owned())
            }
            Self::Latin1 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect(),
        }
    }
}

/// How GDAL recodes a MapInfo charset itself (its build has tables for these).
fn gdal_recoding(charset: &str) -> Option<GdalRecoding> {
    match charset.to_ascii_lowercase().as_str() {
        "windowslatin1" => Some(GdalRecoding::Windows1252),
        "iso8859_1" => Some(GdalRecoding::Latin1),
        _ => None,
    }
}

/// The encoding a MapInfo charset declares, when it is one the atlas decodes itself.
fn declared_by_charset(charset: &str) -> Option<TextEncoding> {
    match charset.to_ascii_lowercase().as_str() {
        "windowsvietnamese" => Some(TextEncoding::Windows1258),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdal_dates_become_iso_8601() {
        assert_eq!(iso_date_time("2024/05/01"), "2024-05-01");
        assert_eq!(
            iso_date_time("2024/05/01 08:30:00+07"),
            "2024-05-01T08:30:00+07"
        );
    }

    #[test]
    fn gdal_latin_recoding_is_undone_byte_for_byte() {
        // Legacy Vietnamese bytes (above 0x7F), which GDAL hands over decoded as Latin text.
        let tcvn3 = [0x48, 0xB6, 0x69, 0x20, 0x50, 0x68, 0xE2, 0x6E, 0x67];
        let as_latin1: String = tcvn3.iter().map(|&byte| char::from(byte)).collect();
        assert_eq!(GdalRecoding::Latin1.undo(&as_latin1), Some(tcvn3.to_vec()));
        let (as_1252, _, _) = encoding_rs::WINDOWS_1252.decode(&tcvn3);
        assert_eq!(
            GdalRecoding::Windows1252.undo(&as_1252),
            Some(tcvn3.to_vec())
        );
        assert_eq!(GdalRecoding::Latin1.undo("Hải"), None);
    }

    #[test]
    fn a_declared_vietnamese_charset_is_windows_1258() {
        assert_eq!(
            declared_by_charset("WindowsVietnamese"),
            Some(TextEncoding::Windows1258)
        );
        assert_eq!(declared_by_charset("Neutral"), None);
    }
}
