//! Points from a CSV table (a spreadsheet saved as CSV): longitude/latitude columns, or VN-2000 grid
//! coordinates where — in Vietnamese surveying practice — X is the northing and Y the easting.
//!
//! [`inspect_csv`] reads the header and the first rows and returns [`CsvGuess`]: which column holds the
//! longitude or easting and which the latitude or northing, judged by the column names (lon, lng, kinh_do, x,
//! y, easting, northing, …) and by the value ranges over Vietnam, with flags saying whether the columns and the
//! CRS are sure. [`read_csv_points`] reads the whole file with explicit choices, or with the guess when it is
//! sure; otherwise it answers [`LoadError::CsvColumnsUnsure`] or [`LoadError::CrsUnknown`] so the user can be
//! asked. A row whose coordinates cannot be read (missing or extra cells, a coordinate cell that is empty or
//! not a number) is kept without a geometry, its cells kept as far as the header goes, and a
//! [`LayerNote::RowsWithoutGeometry`] says how many and why the first was; a coordinate outside the CRS's range
//! still refuses the file (it means a wrong CRS choice, not one bad row). The delimiter (`,` `;` or tab) is
//! sniffed from the header; with `;` a decimal comma is accepted. A table with a column of WKT geometry is
//! read through [`super::csv_wkt`] instead, unless coordinate columns are chosen.

use std::fmt;
use std::path::Path;

use geo::{Geometry, Point};
use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use super::coords::checked_coord;
use super::csv_wkt;
use super::unknown_crs::UnknownCrsReason;
use super::{LoadError, LoadOptions, display_name};
use crate::core::attributes::{AttributeValue, infer_field_kinds};
use crate::core::crs::{CRS_CHOICES_WHEN_UNKNOWN, Crs, VN2000_TM3_105_45, WGS84};
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;
use crate::core::text_encoding::{EncodingReport, TextEncoding, choose_encoding};

/// How many data rows [`inspect_csv`] samples.
const SAMPLE_ROWS: usize = 200;

/// The two coordinate columns, by zero-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CsvColumns {
    /// The column with longitude (degrees) or easting (metres; "Y" in Vietnamese practice).
    pub lon_or_easting: usize,
    /// The column with latitude (degrees) or northing (metres; "X" in Vietnamese practice).
    pub lat_or_northing: usize,
}

/// The guess about a CSV's coordinates, for the import dialog.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CsvGuess {
    /// Column names from the header row.
    pub headers: Vec<String>,
    /// The guessed coordinate columns, if any pair looks plausible.
    pub columns: Option<CsvColumns>,
    /// True when the columns are clear (names and values agree); otherwise ask the user.
    pub columns_sure: bool,
    /// The guessed CRS.
    pub crs: Option<Crs>,
    /// True when the CRS is clear (degrees → WGS 84); metres could be several VN-2000 grids, so ask.
    pub crs_sure: bool,
    /// Why the guess is what it is.
    pub reason: CsvGuessReason,
}

/// Why the coordinate columns of a CSV were guessed as they were. `Display` gives the English wording of the
/// command line; it serialises as that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvGuessReason {
    /// Longitude and latitude columns, by name and value.
    LonLatByNameAndValue,
    /// Columns named longitude/latitude whose values are outside Vietnam's range.
    LonLatNamesOutOfRange,
    /// X/Y columns that hold longitude/latitude.
    XyHoldLonLat,
    /// X/Y columns that hold latitude/longitude.
    XyHoldLatLon,
    /// X/Y columns whose values do not tell northing from easting.
    XyUnclear,
    /// Easting/northing in metres (X = northing, Y = easting); the VN-2000 zone must be chosen.
    MetresByName,
    /// Coordinate columns whose values are outside the VN-2000 ranges.
    MetresOutOfRange,
    /// Unnamed columns whose values look like longitude/latitude.
    UnnamedLonLat,
    /// Unnamed columns whose values look like VN-2000 metres.
    UnnamedMetres,
    /// No columns look like coordinates.
    NoCoordinates,
}

impl fmt::Display for CsvGuessReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::LonLatByNameAndValue => "longitude and latitude columns by name and value",
            Self::LonLatNamesOutOfRange => "columns named longitude/latitude hold values outside Vietnam's range",
            Self::XyHoldLonLat => "X/Y columns hold longitude/latitude",
            Self::XyHoldLatLon => "X/Y columns hold latitude/longitude",
            Self::XyUnclear => "X/Y columns whose values do not tell northing from easting",
            Self::MetresByName => "easting/northing in metres (X = northing, Y = easting); the VN-2000 zone must be chosen",
            Self::MetresOutOfRange => "coordinate columns whose values are outside the VN-2000 ranges",
            Self::UnnamedLonLat => "unnamed columns whose values look like longitude/latitude",
            Self::UnnamedMetres => "unnamed columns whose values look like VN-2000 metres",
            Self::NoCoordinates => "no columns look like coordinates",
        })
    }
}

impl Serialize for CsvGuessReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl CsvGuess {
    /// A one-line summary used in messages.
    pub fn summary(&self) -> String {
        let name = |at: usize| self.headers.get(at).map_or("?", String::as_str).to_string();
        match self.columns {
            Some(columns) => format!(
                "{} (best guess: longitude/easting = {}, latitude/northing = {})",
                self.reason,
                name(columns.lon_or_easting),
                name(columns.lat_or_northing)
            ),
            None => self.reason.to_string(),
        }
    }
}

/// The header, the first rows and the guess, for a dialog to show.
#[derive(Clone, Debug)]
pub struct CsvPreview {
    /// The guess.
    pub guess: CsvGuess,
    /// The first data rows (decoded), as cells.
    pub rows: Vec<Vec<String>>,
    /// How the text was decoded.
    pub encoding: EncodingReport,
}

struct CsvText {
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
    encoding: EncodingReport,
    decimal_comma: bool,
}

/// Reads the header and the first rows of a CSV and guesses its coordinate columns and CRS.
pub fn inspect_csv(path: &Path, encoding: Option<TextEncoding>) -> Result<CsvPreview, LoadError> {
    let text = parse(path, encoding, Some(SAMPLE_ROWS))?;
    let sample: Vec<Vec<String>> = text.rows.into_iter().map(|(_, row)| row).collect();
    Ok(CsvPreview {
        guess: guess_csv_columns(&text.headers, &sample),
        rows: sample,
        encoding: text.encoding,
    })
}

/// Reads every row as a point, with the caller's choices or a sure guess.
pub fn read_csv_points(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let text = parse(path, options.encoding, None)?;
    progress(0.5);
    let sample: Vec<Vec<String>> = text
        .rows
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(_, row)| row.clone())
        .collect();
    if options.csv_columns.is_none()
        && let Some(at) = csv_wkt::wkt_column(&text.headers, &sample)
    {
        return read_wkt_rows(path, options, text, at, progress);
    }
    let guess = guess_csv_columns(&text.headers, &sample);
    let columns = match (options.csv_columns, guess.columns) {
        (Some(columns), _) => columns,
        (None, Some(columns)) if guess.columns_sure => columns,
        _ => {
            return Err(LoadError::CsvColumnsUnsure {
                path: path.to_path_buf(),
                guess: Box::new(guess),
            });
        }
    };
    let (crs, crs_origin) = match (options.crs, guess.crs) {
        (Some(crs), _) => (crs, CrsOrigin::User),
        (None, Some(crs)) if guess.crs_sure && options.csv_columns.is_none() => {
            (crs, CrsOrigin::Assumed)
        }
        (None, _)
            if options.csv_columns.is_some() && values_look_like_degrees(&sample, columns) =>
        {
            (WGS84, CrsOrigin::Assumed)
        }
        _ => {
            return Err(crs_unknown_in_metres(path));
        }
    };
    let column_count = text.headers.len();
    let mut without_geometry = RowsWithoutGeometry::default();
    let mut features = Vec::with_capacity(text.rows.len());
    for (line, row) in &text.rows {
        let coordinate = |at: usize| -> Result<f64, String> {
            let name = text.headers.get(at).map_or("?", String::as_str);
            let cell = row.get(at).map(|cell| cell.trim()).unwrap_or_default();
            if cell.is_empty() {
                return Err(format!("the {name} cell is empty"));
            }
            parse_number(cell, text.decimal_comma)
                .ok_or_else(|| format!("the {name} cell {cell:?} is not a number"))
        };
        let read = if row.len() == column_count {
            coordinate(columns.lon_or_easting)
                .and_then(|x| coordinate(columns.lat_or_northing).map(|y| (x, y)))
        } else {
            Err(format!(
                "{} cell(s) but the header has {column_count} column(s)",
                row.len()
            ))
        };
        let geometry = match read {
            Ok((x, y)) => {
                let coord = checked_coord(x, y, crs).map_err(|message| LoadError::Line {
                    path: path.to_path_buf(),
                    line: *line,
                    message,
                })?;
                Geometry::Point(Point(coord))
            }
            Err(reason) => {
                without_geometry.add(*line, reason);
                csv_wkt::no_geometry()
            }
        };
        let mut attributes: Vec<AttributeValue> = row
            .iter()
            .take(column_count)
            .map(|cell| typed(cell, text.decimal_comma))
            .collect();
        attributes.resize(column_count, AttributeValue::Null);
        features.push(SourceFeature {
            geometry,
            attributes,
        });
    }
    progress(1.0);
    let headers = text.headers.clone();
    let layer = CsvLayer {
        crs,
        crs_origin,
        headers,
        features,
        without_geometry,
    };
    Ok(layer.into_data(path, text, None))
}

/// Reads every row of a CSV whose geometry is the WKT column `wkt_at` (see [`csv_wkt`]); the other
/// columns are the attributes.
fn read_wkt_rows(
    path: &Path,
    options: &LoadOptions,
    text: CsvText,
    wkt_at: usize,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let column_count = text.headers.len();
    let mut without_geometry = RowsWithoutGeometry::default();
    let mut heights_dropped = false;
    let parsed: Vec<(usize, Option<Geometry>, &Vec<String>)> = text
        .rows
        .iter()
        .map(|(line, row)| {
            let cell = row.get(wkt_at).map(String::as_str).unwrap_or_default();
            match csv_wkt::parse_wkt(cell) {
                Ok((geometry, dropped)) => {
                    heights_dropped |= dropped;
                    (*line, Some(geometry), row)
                }
                Err(reason) => {
                    without_geometry.add(*line, reason);
                    (*line, None, row)
                }
            }
        })
        .collect();
    progress(0.8);
    let (crs, crs_origin) = match options.crs {
        Some(crs) => (crs, CrsOrigin::User),
        // Without any position (every cell unreadable or empty) the rows open as a table and the note says
        // why, instead of asking for a grid.
        None if csv_wkt::nothing_in_metres(parsed.iter().filter_map(|(_, g, _)| g.as_ref())) => {
            (WGS84, CrsOrigin::Assumed)
        }
        None => {
            return Err(crs_unknown_in_metres(path));
        }
    };
    let mut features = Vec::with_capacity(parsed.len());
    for (line, geometry, row) in parsed {
        let geometry = match geometry {
            Some(geometry) => {
                csv_wkt::checked_for(geometry, crs).map_err(|message| LoadError::Line {
                    path: path.to_path_buf(),
                    line,
                    message,
                })?
            }
            None => csv_wkt::no_geometry(),
        };
        let mut attributes: Vec<AttributeValue> = row
            .iter()
            .take(column_count)
            .enumerate()
            .filter(|(at, _)| *at != wkt_at)
            .map(|(_, cell)| typed(cell, text.decimal_comma))
            .collect();
        attributes.resize(column_count.saturating_sub(1), AttributeValue::Null);
        features.push(SourceFeature {
            geometry,
            attributes,
        });
    }
    let headers: Vec<String> = text
        .headers
        .iter()
        .enumerate()
        .filter(|(at, _)| *at != wkt_at)
        .map(|(_, name)| name.clone())
        .collect();
    progress(1.0);
    let layer = CsvLayer {
        crs,
        crs_origin,
        headers,
        features,
        without_geometry,
    };
    let heights = heights_dropped.then_some(LayerNote::HeightsOrMeasuresDropped);
    Ok(layer.into_data(path, text, heights))
}

/// The CRS question for a CSV whose coordinates are metres: which grid they are in.
fn crs_unknown_in_metres(path: &Path) -> LoadError {
    LoadError::CrsUnknown {
        path: path.to_path_buf(),
        reason: UnknownCrsReason::CsvInMetres,
        suggestions: CRS_CHOICES_WHEN_UNKNOWN.to_vec(),
    }
}

/// What a CSV reader collected, before it becomes a layer.
struct CsvLayer {
    crs: Crs,
    crs_origin: CrsOrigin,
    /// The attribute column names.
    headers: Vec<String>,
    features: Vec<SourceFeature>,
    without_geometry: RowsWithoutGeometry,
}

impl CsvLayer {
    /// The layer read from `path`, with the field kinds inferred from the values and the notes (encoding,
    /// rows without geometry, then `extra_note`).
    fn into_data(self, path: &Path, text: CsvText, extra_note: Option<LayerNote>) -> LayerData {
        let rows: Vec<Vec<AttributeValue>> = self
            .features
            .iter()
            .map(|feature| feature.attributes.clone())
            .collect();
        let mut notes: Vec<LayerNote> = text
            .encoding
            .note
            .map(LayerNote::Encoding)
            .into_iter()
            .collect();
        notes.extend(self.without_geometry.note());
        notes.extend(extra_note);
        LayerData {
            name: display_name(path),
            source_path: Some(path.to_path_buf()),
            crs: self.crs,
            crs_origin: self.crs_origin,
            fields: infer_field_kinds(self.headers, &rows),
            features: self.features,
            text_encoding: Some(text.encoding),
            notes,
        }
    }
}

/// Rows kept without a geometry (missing or extra cells, a coordinate that is empty or not a number).
#[derive(Default)]
struct RowsWithoutGeometry {
    count: usize,
    first: Option<(usize, String)>,
}

impl RowsWithoutGeometry {
    fn add(&mut self, line: usize, reason: String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((line, reason));
        }
    }

    fn note(self) -> Option<LayerNote> {
        let (first_line, first_reason) = self.first?;
        Some(LayerNote::RowsWithoutGeometry {
            count: self.count,
            first_line,
            first_reason,
        })
    }
}

fn parse(
    path: &Path,
    encoding: Option<TextEncoding>,
    limit: Option<usize>,
) -> Result<CsvText, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::io(path, source))?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let lines: Vec<&[u8]> = bytes.split(|byte| *byte == b'\n').collect();
    let report = choose_encoding(&lines, None, encoding);
    let text = report.encoding.decode(bytes).ok_or_else(|| {
        LoadError::malformed(
            path,
            format!(
                "the text is not valid {}; choose another encoding",
                report.encoding
            ),
        )
    })?;
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|delimiter| header_line.bytes().filter(|byte| byte == delimiter).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| LoadError::malformed(path, format!("the header row: {error}")))?
        .iter()
        .map(|name| name.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        if limit.is_some_and(|limit| rows.len() >= limit) {
            break;
        }
        let record = record.map_err(|error| {
            let line = error
                .position()
                .map_or(0, |position| position.line() as usize);
            LoadError::Line {
                path: path.to_path_buf(),
                line,
                message: error.to_string(),
            }
        })?;
        let line = record
            .position()
            .map_or(rows.len() + 2, |position| position.line() as usize);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(CsvText {
        headers,
        rows,
        encoding: report,
        decimal_comma: delimiter == b';',
    })
}

fn parse_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let cell = cell.trim();
    let normalised = if decimal_comma {
        cell.replace(',', ".")
    } else {
        cell.to_string()
    };
    normalised.parse::<f64>().ok()
}

fn typed(cell: &str, decimal_comma: bool) -> AttributeValue {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return AttributeValue::Null;
    }
    if let Ok(whole) = trimmed.parse::<i64>() {
        return AttributeValue::Integer(whole);
    }
    match parse_number(trimmed, decimal_comma) {
        Some(real) if real.is_finite() => AttributeValue::Real(real),
        _ => AttributeValue::Text(trimmed.to_string()),
    }
}

/// What a column looks like by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameRole {
    Lon,
    Lat,
    Easting,
    Northing,
    /// "X" (northing in Vietnamese practice, easting in GIS).
    LetterX,
    /// "Y" (easting in Vietnamese practice, northing in GIS).
    LetterY,
}

/// Lower case, without diacritics or separators: "Kinh độ" → "kinhdo".
fn simplified(name: &str) -> String {
    name.nfd()
        .filter(|c| c.is_ascii_alphanumeric() || *c == 'đ' || *c == 'Đ')
        .map(|c| {
            if c == 'đ' || c == 'Đ' {
                'd'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn name_role(name: &str) -> Option<NameRole> {
    let name = simplified(name);
    Some(match name.as_str() {
        "lon" | "lng" | "long" | "longitude" | "kinhdo" | "kd" | "xlon" => NameRole::Lon,
        "lat" | "latitude" | "vido" | "vd" | "ylat" => NameRole::Lat,
        "easting" | "east" | "e" | "toadoe" => NameRole::Easting,
        "northing" | "north" | "n" | "toadon" => NameRole::Northing,
        "x" | "toadox" | "xm" | "coordx" | "xvn2000" => NameRole::LetterX,
        "y" | "toadoy" | "ym" | "coordy" | "yvn2000" => NameRole::LetterY,
        _ => return None,
    })
}

/// The numeric values of a column in the sample (cells that are not numbers are skipped here; reading
/// reports them with their line), or `None` when fewer than half of its non-empty cells are numbers.
fn column_values(rows: &[Vec<String>], at: usize) -> Option<Vec<f64>> {
    let cells: Vec<&String> = rows
        .iter()
        .filter_map(|row| row.get(at))
        .filter(|cell| !cell.trim().is_empty())
        .collect();
    let values: Vec<f64> = cells
        .iter()
        .filter_map(|cell| parse_number(cell, false).or_else(|| parse_number(cell, true)))
        .collect();
    (!values.is_empty() && values.len() * 2 >= cells.len()).then_some(values)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Range {
    /// Longitude over Vietnam (102–118° E).
    Lon,
    /// Latitude over Vietnam (8–24° N).
    Lat,
    /// A VN-2000 easting (TM-3 or UTM: 100 km – 900 km).
    Easting,
    /// A VN-2000 northing (900 km – 2 700 km).
    Northing,
}

fn range_of(values: &[f64]) -> Option<Range> {
    let within = |low: f64, high: f64| values.iter().all(|value| (low..=high).contains(value));
    if within(102.0, 118.0) {
        Some(Range::Lon)
    } else if within(8.0, 24.0) {
        Some(Range::Lat)
    } else if within(100_000.0, 900_000.0) {
        Some(Range::Easting)
    } else if within(900_000.0, 2_700_000.0) {
        Some(Range::Northing)
    } else {
        None
    }
}

fn values_look_like_degrees(rows: &[Vec<String>], columns: CsvColumns) -> bool {
    let range = |at| column_values(rows, at).as_deref().and_then(range_of);
    range(columns.lon_or_easting) == Some(Range::Lon)
        && range(columns.lat_or_northing) == Some(Range::Lat)
}

/// Guesses the coordinate columns and CRS from the header names and the sampled values.
pub fn guess_csv_columns(headers: &[String], rows: &[Vec<String>]) -> CsvGuess {
    let ranges: Vec<Option<Range>> = (0..headers.len())
        .map(|at| column_values(rows, at).as_deref().and_then(range_of))
        .collect();
    let roles: Vec<Option<NameRole>> = headers.iter().map(|name| name_role(name)).collect();
    let find_range = |wanted: Range| ranges.iter().position(|range| *range == Some(wanted));
    let find_role = |wanted: NameRole| roles.iter().position(|role| *role == Some(wanted));
    let range_at = |at: usize| ranges.get(at).copied().flatten();
    let guess = |columns: Option<CsvColumns>, columns_sure, crs, crs_sure, reason| CsvGuess {
        headers: headers.to_vec(),
        columns,
        columns_sure,
        crs,
        crs_sure,
        reason,
    };
    let pair = |lon: usize, lat: usize| CsvColumns {
        lon_or_easting: lon,
        lat_or_northing: lat,
    };
    // Named longitude/latitude columns whose values agree.
    if let (Some(lon), Some(lat)) = (find_role(NameRole::Lon), find_role(NameRole::Lat)) {
        let agree = range_at(lon) == Some(Range::Lon) && range_at(lat) == Some(Range::Lat);
        return guess(
            Some(pair(lon, lat)),
            agree,
            Some(WGS84),
            agree,
            if agree {
                CsvGuessReason::LonLatByNameAndValue
            } else {
                CsvGuessReason::LonLatNamesOutOfRange
            },
        );
    }
    // Named easting/northing, or X/Y judged by their values (X = northing in Vietnamese practice).
    let named_metres = match (find_role(NameRole::Easting), find_role(NameRole::Northing)) {
        (Some(east), Some(north)) => Some((east, north)),
        _ => match (find_role(NameRole::LetterX), find_role(NameRole::LetterY)) {
            (Some(x), Some(y)) => match (range_at(x), range_at(y)) {
                (Some(Range::Northing), Some(Range::Easting)) => Some((y, x)),
                (Some(Range::Easting), Some(Range::Northing)) => Some((x, y)),
                (Some(Range::Lon), Some(Range::Lat)) => {
                    return guess(
                        Some(pair(x, y)),
                        true,
                        Some(WGS84),
                        true,
                        CsvGuessReason::XyHoldLonLat,
                    );
                }
                (Some(Range::Lat), Some(Range::Lon)) => {
                    return guess(
                        Some(pair(y, x)),
                        true,
                        Some(WGS84),
                        true,
                        CsvGuessReason::XyHoldLatLon,
                    );
                }
                _ => {
                    return guess(
                        Some(pair(y, x)),
                        false,
                        Some(VN2000_TM3_105_45),
                        false,
                        CsvGuessReason::XyUnclear,
                    );
                }
            },
            _ => None,
        },
    };
    if let Some((east, north)) = named_metres {
        let agree =
            range_at(east) == Some(Range::Easting) && range_at(north) == Some(Range::Northing);
        return guess(
            Some(pair(east, north)),
            agree,
            Some(VN2000_TM3_105_45),
            false,
            if agree {
                CsvGuessReason::MetresByName
            } else {
                CsvGuessReason::MetresOutOfRange
            },
        );
    }
    // No names: values alone.
    if let (Some(lon), Some(lat)) = (find_range(Range::Lon), find_range(Range::Lat)) {
        return guess(
            Some(pair(lon, lat)),
            false,
            Some(WGS84),
            true,
            CsvGuessReason::UnnamedLonLat,
        );
    }
    if let (Some(east), Some(north)) = (find_range(Range::Easting), find_range(Range::Northing)) {
        return guess(
            Some(pair(east, north)),
            false,
            Some(VN2000_TM3_105_45),
            false,
            CsvGuessReason::UnnamedMetres,
        );
    }
    guess(None, false, None, false, CsvGuessReason::NoCoordinates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|row| row.iter().map(|cell| cell.to_string()).collect())
            .collect()
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn vietnamese_x_is_the_northing() {
        let guess = guess_csv_columns(
            &headers(&["Tên", "X", "Y"]),
            &rows(&[
                &["A", "2306067.77", "597432.44"],
                &["B", "2310000", "600000"],
            ]),
        );
        assert_eq!(
            guess.columns,
            Some(CsvColumns {
                lon_or_easting: 2,
                lat_or_northing: 1
            })
        );
        assert!(guess.columns_sure);
        assert!(!guess.crs_sure, "the VN-2000 zone must be asked");
    }

    #[test]
    fn kinh_do_and_vi_do_are_longitude_and_latitude() {
        let guess = guess_csv_columns(
            &headers(&["Vĩ độ", "Kinh độ"]),
            &rows(&[&["20.8449", "106.6881"]]),
        );
        assert_eq!(
            guess.columns,
            Some(CsvColumns {
                lon_or_easting: 1,
                lat_or_northing: 0
            })
        );
        assert!(guess.columns_sure && guess.crs_sure);
        assert_eq!(guess.crs, Some(WGS84));
    }

    #[test]
    fn unclear_columns_are_not_sure() {
        let guess = guess_csv_columns(&headers(&["a", "b"]), &rows(&[&["1", "2"]]));
        assert!(!guess.columns_sure);
        assert_eq!(guess.columns, None);
    }
}
