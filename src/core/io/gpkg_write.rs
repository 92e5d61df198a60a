//! GeoPackage writing (OGC 12-128r18, version 1.2): one feature table per layer, with its attributes, its CRS
//! in `gpkg_spatial_ref_sys` (the EPSG code and PROJ's WKT 1 definition) and geometries as GeoPackage binary
//! (header with the XY envelope, then little-endian WKB). Geometries keep the layer's own CRS. The file is built
//! beside the destination and renamed over it when complete. No spatial index is written (GDAL and QGIS read
//! the tables without one).

use std::collections::HashSet;
use std::path::Path;

use geo::{BoundingRect, Geometry};
use rusqlite::{Connection, params};
use unicode_normalization::UnicodeNormalization;

use super::ExportError;
use super::atomic_write::write_atomically_via_path;
use super::export_layer::ExportLayer;
use super::wkb::write_wkb;
use crate::core::attributes::{AttributeKind, AttributeValue};
use crate::core::crs::Crs;
use crate::core::geometry::geometry_type_name;

/// "GPKG" as the SQLite application id.
const GPKG_APPLICATION_ID: i32 = 0x4750_4B47;
/// GeoPackage 1.2.
const GPKG_USER_VERSION: i32 = 10200;

/// Writes `layers` as a new GeoPackage at `path` (replacing any file there).
pub fn write_gpkg(path: &Path, layers: &[ExportLayer]) -> Result<(), ExportError> {
    let fail = |message: String| ExportError::Unwritable {
        path: path.to_path_buf(),
        message,
    };
    let io_error = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    write_atomically_via_path(
        path,
        |temporary| -> Result<(), ExportError> {
            let mut connection =
                Connection::open(temporary).map_err(|error| fail(error.to_string()))?;
            let transaction = connection
                .transaction()
                .map_err(|error| fail(error.to_string()))?;
            create_metadata(&transaction).map_err(|error| fail(error.to_string()))?;
            let mut used_names = HashSet::new();
            for layer in layers {
                let table = unique_name(&nfc(layer.name), &mut used_names);
                write_layer(&transaction, &table, layer)
                    .map_err(|message| fail(format!("layer {table}: {message}")))?;
            }
            transaction
                .commit()
                .map_err(|error| fail(error.to_string()))?;
            connection
                .close()
                .map_err(|(_, error)| fail(error.to_string()))
        },
        io_error,
    )
}

fn nfc(text: &str) -> String {
    text.nfc().collect()
}

fn unique_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let base = if wanted.trim().is_empty() {
        "layer".to_string()
    } else {
        wanted.trim().to_string()
    };
    let mut name = base.clone();
    let mut suffix = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{base}_{suffix}");
        suffix += 1;
    }
    name
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn create_metadata(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute_batch(&format!(
        "PRAGMA application_id = {GPKG_APPLICATION_ID};
         PRAGMA user_version = {GPKG_USER_VERSION};
         CREATE TABLE gpkg_spatial_ref_sys (
           srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
           organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (
           table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
           description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
           min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
           CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (
           table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
           srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
           CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
           CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
           CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         INSERT INTO gpkg_spatial_ref_sys VALUES
           ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
           ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');"
    ))?;
    insert_srs(connection, Crs::epsg(4326))
        .map_err(|message| rusqlite::Error::ToSqlConversionFailure(message.into()))
}

/// Adds `crs` to `gpkg_spatial_ref_sys` (once) with PROJ's WKT 1 definition.
fn insert_srs(connection: &Connection, crs: Crs) -> Result<(), String> {
    let proj = proj::Proj::new(&crs.to_string())
        .map_err(|error| format!("PROJ does not know {crs}: {error}"))?;
    let definition = proj
        .as_wkt(Some(proj::wkt::WktVersion::Wkt1_Gdal), None)
        .map_err(|error| format!("PROJ cannot write {crs} as WKT: {error}"))?;
    let name = proj.proj_info().description.unwrap_or_else(|| crs.label());
    connection
        .execute(
            "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?1, ?2, 'EPSG', ?2, ?3, ?4)",
            params![name, crs.epsg, definition, crs.label()],
        )
        .map(|_| ())
        .map_err(|error| error.to_string())
}

fn column_type(kind: AttributeKind) -> &'static str {
    match kind {
        AttributeKind::Boolean => "BOOLEAN",
        AttributeKind::Integer => "INTEGER",
        AttributeKind::Real => "REAL",
        _ => "TEXT",
    }
}

fn geometry_type(layer: &ExportLayer) -> &'static str {
    let mut kinds = layer
        .features
        .iter()
        .map(|(geometry, _)| geometry_type_name(geometry))
        .filter(|name| *name != "Null");
    let first = kinds.next();
    let uniform = first.is_some_and(|first| kinds.all(|other| other == first));
    match (uniform, first) {
        (true, Some("Point")) => "POINT",
        (true, Some("LineString")) => "LINESTRING",
        (true, Some("Polygon")) => "POLYGON",
        (true, Some("MultiPoint")) => "MULTIPOINT",
        (true, Some("MultiLineString")) => "MULTILINESTRING",
        (true, Some("MultiPolygon")) => "MULTIPOLYGON",
        _ => "GEOMETRY",
    }
}

fn write_layer(connection: &Connection, table: &str, layer: &ExportLayer) -> Result<(), String> {
    insert_srs(connection, layer.crs)?;
    let mut used = HashSet::from(["fid".to_string(), "geom".to_string()]);
    let columns: Vec<String> = layer
        .fields
        .iter()
        .map(|field| unique_name(&nfc(&field.name), &mut used))
        .collect();
    let definitions: Vec<String> = columns
        .iter()
        .zip(layer.fields)
        .map(|(name, field)| format!("{} {}", quoted(name), column_type(field.kind)))
        .collect();
    let geometry_type = geometry_type(layer);
    let mut create = format!(
        "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {geometry_type}",
        quoted(table)
    );
    for definition in &definitions {
        create.push_str(", ");
        create.push_str(definition);
    }
    create.push(')');
    let sql = |error: rusqlite::Error| error.to_string();
    connection.execute(&create, []).map_err(sql)?;
    let extent = layer
        .features
        .iter()
        .filter_map(|(geometry, _)| geometry.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        });
    let (min_x, min_y, max_x, max_y) = extent.map_or((None, None, None, None), |rect| {
        (
            Some(rect.min().x),
            Some(rect.min().y),
            Some(rect.max().x),
            Some(rect.max().y),
        )
    });
    connection
        .execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) \
             VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6)",
            params![table, min_x, min_y, max_x, max_y, layer.crs.epsg],
        )
        .map_err(sql)?;
    connection
        .execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, ?3, 0, 0)",
            params![table, geometry_type, layer.crs.epsg],
        )
        .map_err(sql)?;
    let placeholders: String = (0..=columns.len())
        .map(|at| format!("?{}", at + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let names: String = std::iter::once("geom".to_string())
        .chain(columns.iter().map(|name| quoted(name)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut insert = connection
        .prepare(&format!(
            "INSERT INTO {} ({names}) VALUES ({placeholders})",
            quoted(table)
        ))
        .map_err(sql)?;
    for (geometry, attributes) in &layer.features {
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(columns.len() + 1);
        values.push(geometry_blob(geometry, layer.crs));
        values.extend(layer.fields.iter().enumerate().map(|(at, field)| {
            sql_value(
                attributes.get(at).unwrap_or(&AttributeValue::Null),
                field.kind,
            )
        }));
        insert
            .execute(rusqlite::params_from_iter(values))
            .map_err(sql)?;
    }
    Ok(())
}

fn sql_value(value: &AttributeValue, kind: AttributeKind) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match (value, kind) {
        (AttributeValue::Null, _) => Value::Null,
        (AttributeValue::Bool(flag), AttributeKind::Boolean) => Value::Integer(i64::from(*flag)),
        (AttributeValue::Integer(whole), AttributeKind::Integer) => Value::Integer(*whole),
        (AttributeValue::Integer(whole), AttributeKind::Real) => Value::Real(*whole as f64),
        (AttributeValue::Real(real), AttributeKind::Real) => Value::Real(*real),
        (other, _) => Value::Text(nfc(&other.to_string())),
    }
}

/// GeoPackage binary with the layer's EPSG code as `srs_id` (see [`gpkg_geometry_blob`]).
fn geometry_blob(geometry: &Geometry, crs: Crs) -> rusqlite::types::Value {
    gpkg_geometry_blob(geometry, i32::try_from(crs.epsg).unwrap_or(0))
}

/// GeoPackage binary: "GP", version 0, flags (little-endian, XY envelope), `srs_id`, envelope, WKB; NULL for
/// an empty geometry.
pub(super) fn gpkg_geometry_blob(geometry: &Geometry, srs_id: i32) -> rusqlite::types::Value {
    let Some(rect) = geometry.bounding_rect() else {
        return rusqlite::types::Value::Null;
    };
    let mut blob = Vec::with_capacity(64);
    blob.extend_from_slice(b"GP");
    blob.push(0);
    blob.push(0b0000_0011);
    blob.extend(srs_id.to_le_bytes());
    for value in [rect.min().x, rect.max().x, rect.min().y, rect.max().y] {
        blob.extend(value.to_le_bytes());
    }
    write_wkb(geometry, &mut blob);
    rusqlite::types::Value::Blob(blob)
}
