//! GeoPackage reading: the feature tables listed in `gpkg_contents` (and its attribute tables, read as
//! rows without geometry), their geometry column (GeoPackage binary
//! header + WKB) and their CRS from `gpkg_spatial_ref_sys` (the EPSG code when the organisation is EPSG,
//! otherwise the WKT definition matched like a `.prj`). The database is opened read-only.

use std::path::Path;

use geo::{Geometry, GeometryCollection, MapCoords};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::coords::{check_parts, checked_coord};
use super::prj::match_prj;
use super::unknown_crs::UnknownCrsReason;
use super::wkb::read_wkb;
use super::{LoadError, LoadOptions};
use crate::core::attributes::{AttributeValue, infer_field_kinds};
use crate::core::crs::{CRS_CHOICES_WHEN_UNKNOWN, Crs, MAP_CRS};
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;
use crate::core::text_encoding::{EncodingOrigin, EncodingReport, TextEncoding};

/// One feature table of a GeoPackage, for a chooser.
#[derive(Clone, Debug, PartialEq)]
pub struct GpkgLayerInfo {
    /// The table name.
    pub table: String,
    /// The geometry column.
    pub geometry_column: String,
    /// The declared geometry type (POINT, MULTIPOLYGON, GEOMETRY, …).
    pub geometry_type: String,
    /// The `srs_id` of the geometry column.
    pub srs_id: i64,
}

/// Lists the feature tables of a GeoPackage, then its attribute tables (tables without geometry, listed with
/// an empty geometry column and the type `NONE`).
pub fn list_gpkg_layers(path: &Path) -> Result<Vec<GpkgLayerInfo>, LoadError> {
    let connection = open(path)?;
    all_tables(&connection).map_err(|message| LoadError::malformed(path, message))
}

/// The feature tables, then the attribute tables (see [`list_gpkg_layers`]).
fn all_tables(connection: &Connection) -> Result<Vec<GpkgLayerInfo>, String> {
    let mut tables = feature_tables(connection)?;
    tables.extend(attribute_tables(connection)?);
    Ok(tables)
}

/// The tables `gpkg_contents` lists as `attributes`: rows without geometry.
fn attribute_tables(connection: &Connection) -> Result<Vec<GpkgLayerInfo>, String> {
    let sql =
        "SELECT table_name FROM gpkg_contents WHERE data_type = 'attributes' ORDER BY table_name";
    let mut statement = connection
        .prepare(sql)
        .map_err(|error| format!("cannot list the attribute tables: {error}"))?;
    statement
        .query_map([], |row| {
            Ok(GpkgLayerInfo {
                table: row.get(0)?,
                geometry_column: String::new(),
                geometry_type: "NONE".into(),
                srs_id: 0,
            })
        })
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(|error| format!("cannot list the attribute tables: {error}"))
}

/// Lists the feature tables of a GeoPackage with the number of rows of each.
pub fn list_gpkg_layers_counted(path: &Path) -> Result<Vec<(GpkgLayerInfo, u64)>, LoadError> {
    let connection = open(path)?;
    let tables = all_tables(&connection).map_err(|message| LoadError::malformed(path, message))?;
    tables
        .into_iter()
        .map(|info| {
            let count: i64 = connection
                .query_row(
                    &format!("SELECT COUNT(*) FROM {}", quoted(&info.table)),
                    [],
                    |row| row.get(0),
                )
                .map_err(|error| {
                    LoadError::malformed(path, format!("table {}: {error}", info.table))
                })?;
            Ok((info, u64::try_from(count).unwrap_or(0)))
        })
        .collect()
}

/// Reads one feature table (`options.table`, else the first) of a GeoPackage.
pub fn read_gpkg(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let connection = open(path)?;
    let tables = all_tables(&connection).map_err(|message| LoadError::malformed(path, message))?;
    let info = match &options.table {
        Some(name) => tables
            .iter()
            .find(|info| &info.table == name)
            .ok_or_else(|| {
                LoadError::malformed(
                    path,
                    format!("there is no feature or attribute table named {name:?}"),
                )
            })?,
        None => tables.first().ok_or_else(|| {
            LoadError::malformed(
                path,
                "the GeoPackage holds no feature table (nor any attribute table)",
            )
        })?,
    };
    let (crs, crs_origin, notes) = match options.crs {
        Some(crs) => (crs, CrsOrigin::User, Vec::new()),
        // An attribute table has no coordinates: no CRS to ask for; the map's stands in.
        None if info.geometry_column.is_empty() => (MAP_CRS, CrsOrigin::Assumed, Vec::new()),
        None => table_crs(path, &connection, info.srs_id)?,
    };
    progress(0.1);
    let mut data = read_table(path, &connection, info, crs)?;
    data.crs_origin = crs_origin;
    data.notes = notes.into_iter().chain(data.notes).collect();
    progress(1.0);
    Ok(data)
}

fn open(path: &Path) -> Result<Connection, LoadError> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|source| LoadError::io(path, source))?;
    let read = std::io::Read::read(&mut file, &mut header)
        .map_err(|source| LoadError::io(path, source))?;
    if read == 0 {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    if &header != b"SQLite format 3\0" {
        return Err(LoadError::malformed(
            path,
            "not a GeoPackage (not an SQLite database)",
        ));
    }
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| LoadError::malformed(path, format!("SQLite cannot open it: {error}")))
}

/// The feature tables listed in `gpkg_contents` with their geometry column, type and `srs_id`.
pub(super) fn feature_tables(connection: &Connection) -> Result<Vec<GpkgLayerInfo>, String> {
    let sql = "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id \
               FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name \
               WHERE c.data_type = 'features' ORDER BY c.table_name";
    let mut statement = connection.prepare(sql).map_err(|error| {
        format!("not a GeoPackage (no gpkg_contents/gpkg_geometry_columns: {error})")
    })?;
    let rows = statement
        .query_map([], |row| {
            Ok(GpkgLayerInfo {
                table: row.get(0)?,
                geometry_column: row.get(1)?,
                geometry_type: row.get(2)?,
                srs_id: row.get(3)?,
            })
        })
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(|error| format!("cannot list the feature tables: {error}"))?;
    Ok(rows)
}

fn table_crs(
    path: &Path,
    connection: &Connection,
    srs_id: i64,
) -> Result<(Crs, CrsOrigin, Vec<LayerNote>), LoadError> {
    let unknown = |reason: UnknownCrsReason| LoadError::CrsUnknown {
        path: path.to_path_buf(),
        reason,
        suggestions: CRS_CHOICES_WHEN_UNKNOWN.to_vec(),
    };
    let row: Option<(String, i64, String)> = connection
        .query_row(
            "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [srs_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .ok();
    let Some((organization, code, definition)) = row else {
        return Err(unknown(UnknownCrsReason::GpkgSrsMissing { srs_id }));
    };
    if organization.eq_ignore_ascii_case("EPSG") && code > 0 {
        let epsg = u32::try_from(code)
            .map_err(|_| unknown(UnknownCrsReason::GpkgImpossibleEpsg { code }))?;
        return Ok((Crs::epsg(epsg), CrsOrigin::Declared, Vec::new()));
    }
    if srs_id <= 0 || definition.trim().eq_ignore_ascii_case("undefined") {
        return Err(unknown(UnknownCrsReason::GpkgSrsUndefined { srs_id }));
    }
    match_prj(&definition)
        .map(|found| (found.crs, CrsOrigin::Declared, found.warnings))
        .map_err(|problem| unknown(UnknownCrsReason::Prj(problem)))
}

/// An SQL identifier in double quotes.
pub(super) fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// How the columns of a feature table are read: which one holds the geometry, which the feature id, which
/// are attributes (all the others, in table order) and which of those are declared BOOLEAN.
pub(super) struct TableColumns {
    /// Column names in table order, as `SELECT *` returns them.
    pub(super) names: Vec<String>,
    /// The declared type of each column by name (empty when unknown).
    declared_types: Vec<(String, String, bool)>,
    /// The geometry column's position.
    pub(super) geometry_at: Option<usize>,
    /// The primary key (`fid`) column's position.
    pub(super) fid_at: Option<usize>,
    /// The attribute columns' positions, in table order.
    pub(super) attribute_columns: Vec<usize>,
}

/// One row as the reader sees it.
pub(super) struct RowValues {
    /// The geometry in the table's CRS (an empty collection when NULL).
    pub(super) geometry: Geometry,
    /// True when Z or M ordinates were dropped.
    pub(super) dropped_zm: bool,
    /// The attribute values, one per attribute column.
    pub(super) attributes: Vec<AttributeValue>,
}

impl TableColumns {
    /// The columns of `table` as `SELECT *` on it returned `names`.
    pub(super) fn new(
        connection: &Connection,
        table: &str,
        geometry_column: &str,
        names: Vec<String>,
    ) -> Self {
        let declared_types = column_types(connection, table);
        let geometry_at = names
            .iter()
            .position(|name| name.eq_ignore_ascii_case(geometry_column));
        let fid_at = names.iter().position(|name| {
            declared_types
                .iter()
                .any(|(column, _, primary)| *primary && column == name)
        });
        let attribute_columns = (0..names.len())
            .filter(|at| Some(*at) != geometry_at && Some(*at) != fid_at)
            .collect();
        Self {
            names,
            declared_types,
            geometry_at,
            fid_at,
            attribute_columns,
        }
    }

    /// The attribute columns' names, in table order.
    pub(super) fn attribute_names(&self) -> Vec<String> {
        self.attribute_columns
            .iter()
            .filter_map(|at| self.names.get(*at).cloned())
            .collect()
    }

    /// The name of the column at `at` ("?" when out of range).
    pub(super) fn name(&self, at: usize) -> &str {
        self.names.get(at).map_or("?", String::as_str)
    }

    /// The declared type of the column at `at` ("" when unknown).
    pub(super) fn declared_type(&self, at: usize) -> &str {
        let Some(name) = self.names.get(at) else {
            return "";
        };
        self.declared_types
            .iter()
            .find(|(column, _, _)| column == name)
            .map_or("", |(_, kind, _)| kind.as_str())
    }

    fn is_boolean(&self, at: usize) -> bool {
        self.declared_type(at).eq_ignore_ascii_case("BOOLEAN")
    }

    /// Reads one row of `SELECT *` on the table: its geometry (checked against `crs`) and attribute values.
    /// Errors name the column.
    pub(super) fn row_values(&self, row: &rusqlite::Row, crs: Crs) -> Result<RowValues, String> {
        let (geometry, dropped_zm) = match self.geometry_at.map(|at| row.get_ref(at)) {
            Some(Ok(ValueRef::Blob(blob))) => gpkg_geometry(blob, crs)?,
            _ => (
                Geometry::GeometryCollection(GeometryCollection::default()),
                false,
            ),
        };
        let mut attributes = Vec::with_capacity(self.attribute_columns.len());
        for at in &self.attribute_columns {
            let in_column = |message: String| format!("column {}: {message}", self.name(*at));
            let value = row
                .get_ref(*at)
                .map_err(|error| in_column(error.to_string()))?;
            attributes.push(attribute(value, self.is_boolean(*at)).map_err(in_column)?);
        }
        Ok(RowValues {
            geometry,
            dropped_zm,
            attributes,
        })
    }
}

fn read_table(
    path: &Path,
    connection: &Connection,
    info: &GpkgLayerInfo,
    crs: Crs,
) -> Result<LayerData, LoadError> {
    let sql_error = |error: rusqlite::Error| {
        LoadError::malformed(path, format!("table {}: {error}", info.table))
    };
    let names = connection
        .prepare(&format!("SELECT * FROM {} LIMIT 0", quoted(&info.table)))
        .map_err(sql_error)?
        .column_names()
        .iter()
        .map(|name| name.to_string())
        .collect();
    let columns = TableColumns::new(connection, &info.table, &info.geometry_column, names);
    let mut statement = connection
        .prepare(&select_in_read_order(&info.table, &columns))
        .map_err(sql_error)?;
    let mut rows = statement.query([]).map_err(sql_error)?;
    let mut features = Vec::new();
    let mut dropped_zm = false;
    while let Some(row) = rows.next().map_err(sql_error)? {
        let record = columns
            .fid_at
            .and_then(|at| row.get::<_, i64>(at).ok())
            .and_then(|fid| usize::try_from(fid).ok())
            .unwrap_or(features.len() + 1);
        let values = columns
            .row_values(row, crs)
            .map_err(|message| LoadError::Record {
                path: path.to_path_buf(),
                record,
                message,
            })?;
        dropped_zm |= values.dropped_zm;
        features.push(SourceFeature {
            geometry: values.geometry,
            attributes: values.attributes,
        });
    }
    let value_rows: Vec<Vec<AttributeValue>> = features
        .iter()
        .map(|feature| feature.attributes.clone())
        .collect();
    let mut notes = Vec::new();
    if dropped_zm {
        notes.push(LayerNote::HeightsOrMeasuresDropped);
    }
    Ok(LayerData {
        name: info.table.clone(),
        source_path: Some(path.to_path_buf()),
        crs,
        crs_origin: CrsOrigin::Declared,
        fields: infer_field_kinds(columns.attribute_names(), &value_rows),
        features,
        text_encoding: Some(EncodingReport {
            encoding: TextEncoding::Utf8,
            origin: EncodingOrigin::Declared,
            candidates: Vec::new(),
            note: None,
        }),
        notes,
    })
}

/// `SELECT *` on `table` in the reader's order: by feature id when the table has one (saving edits back finds
/// the rows of a layer again by this order), else in storage order.
pub(super) fn select_in_read_order(table: &str, columns: &TableColumns) -> String {
    match columns.fid_at.map(|at| columns.name(at)) {
        Some(fid) => format!("SELECT * FROM {} ORDER BY {}", quoted(table), quoted(fid)),
        None => format!("SELECT * FROM {}", quoted(table)),
    }
}

/// (name, declared type, is primary key) of each column.
fn column_types(connection: &Connection, table: &str) -> Vec<(String, String, bool)> {
    let Ok(mut statement) = connection.prepare(&format!("PRAGMA table_info({})", quoted(table)))
    else {
        return Vec::new();
    };
    statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(5)? > 0,
            ))
        })
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

fn attribute(value: ValueRef, boolean: bool) -> Result<AttributeValue, String> {
    Ok(match value {
        ValueRef::Null => AttributeValue::Null,
        ValueRef::Integer(whole) if boolean => AttributeValue::Bool(whole != 0),
        ValueRef::Integer(whole) => AttributeValue::Integer(whole),
        ValueRef::Real(real) => AttributeValue::Real(real),
        ValueRef::Text(bytes) => AttributeValue::Text(
            std::str::from_utf8(bytes)
                .map_err(|_| "text is not valid UTF-8".to_string())?
                .to_string(),
        ),
        ValueRef::Blob(bytes) => {
            AttributeValue::Text(format!("<{} bytes of binary data>", bytes.len()))
        }
    })
}

/// Parses a GeoPackage geometry blob: "GP", version, flags, srs_id, optional envelope, then WKB.
pub(super) fn gpkg_geometry(blob: &[u8], crs: Crs) -> Result<(Geometry, bool), String> {
    let header = blob
        .get(..8)
        .ok_or("the geometry blob is shorter than its 8-byte header")?;
    if header.get(..2) != Some(b"GP".as_slice()) {
        return Err("the geometry blob does not start with \"GP\"".into());
    }
    let flags = header.get(3).copied().unwrap_or_default();
    if flags & 0b0010_0000 != 0 {
        return Err("extended GeoPackage geometries are not supported".into());
    }
    let envelope_bytes = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => {
            return Err(format!(
                "invalid envelope code {other} in the geometry header"
            ));
        }
    };
    let wkb = blob
        .get(8 + envelope_bytes..)
        .ok_or("the geometry blob ends inside its envelope")?;
    if flags & 0b0001_0000 != 0 && wkb.is_empty() {
        return Ok((
            Geometry::GeometryCollection(GeometryCollection::default()),
            false,
        ));
    }
    let read = read_wkb(wkb)?;
    let geometry = read
        .geometry
        .try_map_coords(|coord| checked_coord(coord.x, coord.y, crs))?;
    check_parts(&geometry)?;
    Ok((geometry, read.dropped_zm))
}
