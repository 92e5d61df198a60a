//! Reading a GeoPackage package: every feature table through the project's GeoPackage reader
//! ([`crate::core::io::gpkg`]), with the schema the table declares — field types and widths from
//! `PRAGMA table_info` (`TEXT(15)`, `MEDIUMINT`, `REAL`, `DATE`, …), the geometry type from
//! `gpkg_geometry_columns` — and the feature ids (`fid`) in the reader's order. A table that cannot be read is
//! an `unreadable_layer` problem; the other tables are still read.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::package::{DeclaredField, DeclaredGeometry, FieldType, PackageLayer};
use super::problem::{Detail, Place, Problem};
use crate::core::crs::VN2000_TM3_105_45;
use crate::core::io::gpkg::{GpkgLayerInfo, list_gpkg_layers, read_gpkg};
use crate::core::io::{LoadError, LoadOptions};
use crate::core::layer::{CrsOrigin, LayerData};

/// The layers of a GeoPackage package, and the problems of the tables that could not be read.
pub(super) fn read_gpkg_package(
    path: &Path,
    package: &str,
) -> Result<(Vec<PackageLayer>, Vec<Problem>), LoadError> {
    let tables = list_gpkg_layers(path)?;
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| LoadError::malformed(path, format!("SQLite cannot open it: {error}")))?;
    let mut layers = Vec::new();
    let mut problems = Vec::new();
    for table in &tables {
        match read_table(path, &connection, table, package) {
            Ok(layer) => layers.push(layer),
            Err(error) => problems.push(Problem::new(
                Place {
                    package: package.to_string(),
                    layer: Some(table.table.clone()),
                    ..Place::default()
                },
                Detail::UnreadableLayer {
                    reason: error.to_string(),
                },
            )),
        }
    }
    Ok((layers, problems))
}

/// One feature table with its declared schema.
fn read_table(
    path: &Path,
    connection: &Connection,
    table: &GpkgLayerInfo,
    package: &str,
) -> Result<PackageLayer, LoadError> {
    let (data, epsg) = read_features(path, &table.table)?;
    let columns = table_columns(connection, &table.table)
        .map_err(|error| LoadError::malformed(path, format!("table {}: {error}", table.table)))?;
    let key = columns
        .iter()
        .find(|column| column.primary_key)
        .map(|column| column.name.clone());
    let declared_fields = columns
        .into_iter()
        .filter(|column| {
            !column.primary_key && !column.name.eq_ignore_ascii_case(&table.geometry_column)
        })
        .map(|column| declared_field(column.name, &column.declared_type))
        .collect();
    let feature_ids = feature_ids(connection, &table.table, key.as_deref())
        .filter(|ids| ids.len() == data.features.len())
        .unwrap_or_else(|| positions(data.features.len()));
    Ok(PackageLayer {
        package: package.to_string(),
        source: path.to_path_buf(),
        name: table.table.clone(),
        declared_geometry: DeclaredGeometry::from_type_name(&table.geometry_type),
        declared_fields,
        epsg,
        data,
        feature_ids,
    })
}

/// The features of `table` and the EPSG code of its declared CRS. A table whose CRS the reader does not know is
/// read as stored (with a placeholder CRS) and gets no EPSG code, so that the check reports the CRS and still
/// checks the rest.
fn read_features(path: &Path, table: &str) -> Result<(LayerData, Option<u32>), LoadError> {
    let options = LoadOptions {
        table: Some(table.to_string()),
        ..LoadOptions::default()
    };
    match read_gpkg(path, &options, &mut |_| {}) {
        Ok(data) => {
            let epsg = (data.crs_origin == CrsOrigin::Declared).then_some(data.crs.epsg);
            Ok((data, epsg))
        }
        Err(error) if error.needs_user_choice() => {
            let placeholder = LoadOptions {
                crs: Some(VN2000_TM3_105_45),
                ..options
            };
            read_gpkg(path, &placeholder, &mut |_| {}).map(|data| (data, None))
        }
        Err(error) => Err(error),
    }
}

/// One column of a table as `PRAGMA table_info` gives it.
struct Column {
    name: String,
    declared_type: String,
    primary_key: bool,
}

/// The columns of `table`, in table order.
fn table_columns(connection: &Connection, table: &str) -> Result<Vec<Column>, rusqlite::Error> {
    let sql = format!("PRAGMA table_info(\"{}\")", table.replace('"', "\"\""));
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map([], |row| {
        Ok(Column {
            name: row.get(1)?,
            declared_type: row.get::<_, Option<String>>(2)?.unwrap_or_default(),
            primary_key: row.get::<_, i64>(5)? > 0,
        })
    })?;
    rows.collect()
}

/// A declared field from its SQL type (`TEXT(15)`, `MEDIUMINT`, …).
fn declared_field(name: String, declared_type: &str) -> DeclaredField {
    let upper = declared_type.trim().to_ascii_uppercase();
    let (base, width) = match upper.split_once('(') {
        Some((base, rest)) => (
            base.trim().to_string(),
            rest.trim_end_matches(')').trim().parse::<u32>().ok(),
        ),
        None => (upper.clone(), None),
    };
    let kind = match base.as_str() {
        "TEXT" | "VARCHAR" | "CHAR" | "CHARACTER" | "NVARCHAR" | "STRING" => FieldType::Text,
        "TINYINT" | "SMALLINT" | "INT2" => FieldType::Short,
        "MEDIUMINT" | "INT" | "INTEGER" | "BIGINT" => FieldType::Long,
        "FLOAT" => FieldType::Float,
        "DOUBLE" | "REAL" => FieldType::Double,
        "DATE" => FieldType::Date,
        "DATETIME" | "TIMESTAMP" => FieldType::DateTime,
        _ => FieldType::Other(declared_type.trim().to_string()),
    };
    let width = width.filter(|_| kind == FieldType::Text);
    DeclaredField { name, kind, width }
}

/// The feature ids of `table` in the reader's order: by the primary key when there is one, else the row ids
/// in storage order. `None` when they cannot be read.
fn feature_ids(connection: &Connection, table: &str, key: Option<&str>) -> Option<Vec<i64>> {
    let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let sql = match key {
        Some(key) => format!(
            "SELECT {} FROM {} ORDER BY {}",
            quoted(key),
            quoted(table),
            quoted(key)
        ),
        None => format!("SELECT rowid FROM {}", quoted(table)),
    };
    let mut statement = connection.prepare(&sql).ok()?;
    let rows = statement.query_map([], |row| row.get::<_, i64>(0)).ok()?;
    rows.collect::<Result<Vec<_>, _>>().ok()
}

/// One-based positions, when a table's ids cannot be read.
fn positions(count: usize) -> Vec<i64> {
    (1..=count)
        .map(|position| i64::try_from(position).unwrap_or(i64::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_types_map_to_field_types_with_text_widths() {
        let field = |declared: &str| declared_field("f".into(), declared);
        assert_eq!(field("TEXT(15)").kind, FieldType::Text);
        assert_eq!(field("TEXT(15)").width, Some(15));
        assert_eq!(field("text").width, None);
        assert_eq!(field("MEDIUMINT").kind, FieldType::Long);
        assert_eq!(field("SMALLINT").kind, FieldType::Short);
        assert_eq!(field("FLOAT").kind, FieldType::Float);
        assert_eq!(field("REAL").kind, FieldType::Double);
        assert_eq!(field("DATE").kind, FieldType::Date);
        assert_eq!(field("DATETIME").kind, FieldType::DateTime);
        assert_eq!(field("BOOLEAN").kind, FieldType::Other("BOOLEAN".into()));
        assert_eq!(field("BLOB(10)").width, None);
        assert_eq!(field("TEXT(x)").width, None);
    }
}
