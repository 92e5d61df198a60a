//! Saving edits back to a GeoPackage feature table, in one SQLite transaction: removed features' rows are
//! deleted, a changed feature's row is updated in only the columns whose value differs from the row (and its
//! geometry only if it moved), new features are inserted and get their `fid` from SQLite. Rows of unchanged
//! features are not touched. Values are written in the columns' declared types (a value that does not fit is
//! refused), geometries as GeoPackage binary with the column's `srs_id`, in the geometry column's type (a
//! single part is wrapped when the column holds multi-geometries). `gpkg_contents` gets the new change time
//! and an extent grown to cover the written geometries. Any error rolls the transaction back: the file is
//! unchanged.
//!
//! Rows are found by `fid`. A layer still as read knows its features only by read position, which is the
//! order of the `fid`s (the reader orders by them), so the `fid`s are listed again, in the same transaction,
//! from a file that is checked to be unchanged since it was read.

use std::path::Path;
use std::time::Duration;

use geo::{BoundingRect, Geometry, MultiLineString, MultiPoint, MultiPolygon, Rect};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params_from_iter};
use unicode_normalization::UnicodeNormalization;

use super::gpkg::{GpkgLayerInfo, TableColumns, feature_tables, quoted, select_in_read_order};
use super::gpkg_functions::register_geometry_functions;
use super::gpkg_write::gpkg_geometry_blob;
use super::write_back::{WriteJob, same_geometry};
use super::write_back_error::{ValueProblem, WriteBackError};
use crate::core::attributes::AttributeValue;
use crate::core::geometry::{geometry_type_name, union_rect};
use crate::core::source_state::FeatureFate;

/// How long to wait for another program's lock on the GeoPackage before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The feature table being written.
struct Table<'a> {
    name: &'a str,
    info: GpkgLayerInfo,
    columns: TableColumns,
    fid_column: String,
    /// True when the geometry column requires Z or M values.
    z_or_m_required: bool,
}

/// Writes the layer's features into its GeoPackage table; returns each feature's `fid`.
pub(super) fn write_gpkg_back(job: &WriteJob, table: &str) -> Result<Vec<i64>, WriteBackError> {
    let database = |error: rusqlite::Error| database_error(job, error);
    let mut connection = Connection::open_with_flags(
        job.path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(database)?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(database)?;
    register_geometry_functions(&connection).map_err(database)?;
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database)?;
    let fids = write_rows(job, &transaction, table)?;
    transaction.commit().map_err(database)?;
    connection.close().map_err(|(_, error)| database(error))?;
    Ok(fids)
}

fn database_error(job: &WriteJob, error: rusqlite::Error) -> WriteBackError {
    WriteBackError::Database {
        path: job.path.to_path_buf(),
        message: error.to_string(),
    }
}

fn write_rows(
    job: &WriteJob,
    connection: &Connection,
    name: &str,
) -> Result<Vec<i64>, WriteBackError> {
    let table = open_table(job, connection, name)?;
    let database = |error: rusqlite::Error| database_error(job, error);
    let read_order = read_order_fids(connection, &table).map_err(database)?;
    if job.plan.locations_are_read_positions && read_order.len() != job.layer.written.record_count()
    {
        return Err(source_changed(job.path));
    }
    let fid_of = |location: i64| -> Result<i64, WriteBackError> {
        if !job.plan.locations_are_read_positions {
            return Ok(location);
        }
        let position = job.file_position(location, read_order.len())?;
        read_order
            .get(position)
            .copied()
            .ok_or_else(|| source_changed(job.path))
    };
    let delete = format!(
        "DELETE FROM {} WHERE {} = ?1",
        quoted(name),
        quoted(&table.fid_column)
    );
    for location in &job.plan.removed {
        connection
            .execute(&delete, [fid_of(*location)?])
            .map_err(database)?;
    }
    let mut fids = Vec::with_capacity(job.plan.fates.len());
    let mut written_extent = None;
    for (position, fate) in job.plan.fates.iter().enumerate() {
        let fid = match fate {
            FeatureFate::Unchanged { location, .. } => fid_of(*location)?,
            FeatureFate::Changed { location, .. } => {
                let fid = fid_of(*location)?;
                let extent = update_row(job, connection, &table, position, fid)?;
                written_extent = union_rect(written_extent, extent);
                fid
            }
            FeatureFate::New => {
                let (fid, extent) = insert_row(job, connection, &table, position)?;
                written_extent = union_rect(written_extent, extent);
                fid
            }
        };
        fids.push(fid);
    }
    touch_contents(connection, name, written_extent).map_err(database)?;
    Ok(fids)
}

fn source_changed(path: &Path) -> WriteBackError {
    WriteBackError::SourceChanged {
        path: path.to_path_buf(),
    }
}

/// The table's description, after checking its attribute columns are the layer's fields.
fn open_table<'a>(
    job: &WriteJob,
    connection: &Connection,
    name: &'a str,
) -> Result<Table<'a>, WriteBackError> {
    let malformed = |message: String| WriteBackError::Malformed {
        path: job.path.to_path_buf(),
        message,
    };
    let info = feature_tables(connection)
        .map_err(malformed)?
        .into_iter()
        .find(|info| info.table == name)
        .ok_or_else(|| {
            malformed(format!(
                "there is no feature table named {name:?} (any more); edits are saved only into \
                 feature tables, so save this layer as a new file instead"
            ))
        })?;
    let names = connection
        .prepare(&format!("SELECT * FROM {} LIMIT 0", quoted(name)))
        .map_err(|error| database_error(job, error))?
        .column_names()
        .iter()
        .map(|column| column.to_string())
        .collect();
    let columns = TableColumns::new(connection, name, &info.geometry_column, names);
    let fid_column = columns
        .fid_at
        .map(|at| columns.name(at).to_string())
        .ok_or_else(|| {
            malformed(format!(
                "table {name} has no primary key column to find rows by"
            ))
        })?;
    if columns.geometry_at.is_none() {
        return Err(malformed(format!(
            "table {name} has no column {}",
            info.geometry_column
        )));
    }
    let file_fields = columns.attribute_names();
    if file_fields != job.field_names() {
        return Err(WriteBackError::FieldsDiffer {
            path: job.path.to_path_buf(),
            layer: job.field_names(),
            file: file_fields,
        });
    }
    let z_or_m_required = connection
        .query_row(
            "SELECT z = 1 OR m = 1 FROM gpkg_geometry_columns WHERE table_name = ?1",
            [name],
            |row| row.get::<_, bool>(0),
        )
        .optional()
        .map_err(|error| database_error(job, error))?
        .unwrap_or(false);
    Ok(Table {
        name,
        info,
        columns,
        fid_column,
        z_or_m_required,
    })
}

/// The `fid` of every row, in the order the reader reads them.
fn read_order_fids(connection: &Connection, table: &Table) -> rusqlite::Result<Vec<i64>> {
    let fid_at = table.columns.fid_at.unwrap_or(0);
    let mut statement = connection.prepare(&select_in_read_order(table.name, &table.columns))?;
    let fids = statement
        .query_map([], |row| row.get::<_, i64>(fid_at))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(fids)
}

/// Updates the columns of row `fid` whose value differs from the feature at `position`; returns the extent
/// of the geometry written, if it was.
fn update_row(
    job: &WriteJob,
    connection: &Connection,
    table: &Table,
    position: usize,
    fid: i64,
) -> Result<Option<Rect>, WriteBackError> {
    let database = |error: rusqlite::Error| database_error(job, error);
    let select = format!(
        "SELECT * FROM {} WHERE {} = ?1",
        quoted(table.name),
        quoted(&table.fid_column)
    );
    let current = connection
        .query_row(&select, [fid], |row| {
            Ok(table.columns.row_values(row, job.layer.crs))
        })
        .optional()
        .map_err(database)?
        .ok_or_else(|| source_changed(job.path))?
        .map_err(|message| WriteBackError::Malformed {
            path: job.path.to_path_buf(),
            message: format!("row {fid}: {message}"),
        })?;
    let mut assignments: Vec<(&str, SqlValue)> = Vec::new();
    let mut extent = None;
    if let Some(geometry) = job.geometry(position)
        && !same_geometry(geometry, &current.geometry)
    {
        let (blob, rect) = geometry_value(job, table, position, geometry)?;
        extent = rect;
        assignments.push((table.info.geometry_column.as_str(), blob));
    }
    let values = feature_values(job, position);
    for ((column, at), value) in table
        .columns
        .attribute_columns
        .iter()
        .enumerate()
        .zip(values)
    {
        if current.attributes.get(column) != Some(value) {
            let converted = sql_value(value, table.columns.declared_type(*at))
                .map_err(|problem| value_error(job, position, table.columns.name(*at), problem))?;
            assignments.push((table.columns.name(*at), converted));
        }
    }
    if assignments.is_empty() {
        return Ok(None);
    }
    let settings: Vec<String> = assignments
        .iter()
        .enumerate()
        .map(|(at, (column, _))| format!("{} = ?{}", quoted(column), at + 1))
        .collect();
    let update = format!(
        "UPDATE {} SET {} WHERE {} = ?{}",
        quoted(table.name),
        settings.join(", "),
        quoted(&table.fid_column),
        assignments.len() + 1
    );
    let parameters = assignments
        .into_iter()
        .map(|(_, value)| value)
        .chain([SqlValue::Integer(fid)]);
    connection
        .execute(&update, params_from_iter(parameters))
        .map_err(database)?;
    Ok(extent)
}

/// Inserts the feature at `position`; returns its new `fid` and the extent of its geometry.
fn insert_row(
    job: &WriteJob,
    connection: &Connection,
    table: &Table,
    position: usize,
) -> Result<(i64, Option<Rect>), WriteBackError> {
    let empty = Geometry::GeometryCollection(geo::GeometryCollection::default());
    let geometry = job.geometry(position).unwrap_or(&empty);
    let (blob, extent) = geometry_value(job, table, position, geometry)?;
    let mut names = vec![quoted(&table.info.geometry_column)];
    let mut values = vec![blob];
    for (at, value) in table
        .columns
        .attribute_columns
        .iter()
        .zip(feature_values(job, position))
    {
        names.push(quoted(table.columns.name(*at)));
        values.push(
            sql_value(value, table.columns.declared_type(*at))
                .map_err(|problem| value_error(job, position, table.columns.name(*at), problem))?,
        );
    }
    let placeholders: Vec<String> = (1..=values.len()).map(|at| format!("?{at}")).collect();
    let insert = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quoted(table.name),
        names.join(", "),
        placeholders.join(", ")
    );
    connection
        .execute(&insert, params_from_iter(values))
        .map_err(|error| database_error(job, error))?;
    Ok((connection.last_insert_rowid(), extent))
}

/// The feature's attribute values (empty when the position is out of range).
fn feature_values<'a>(job: &'a WriteJob, position: usize) -> &'a [AttributeValue] {
    job.layer
        .features
        .get(position)
        .map_or(&[][..], |feature| feature.attributes.as_slice())
}

fn value_error(
    job: &WriteJob,
    position: usize,
    column: &str,
    problem: ValueProblem,
) -> WriteBackError {
    WriteBackError::Value {
        path: job.path.to_path_buf(),
        feature: position,
        field: column.to_string(),
        problem,
    }
}

/// The geometry as a blob for the table's geometry column, and its extent.
fn geometry_value(
    job: &WriteJob,
    table: &Table,
    position: usize,
    geometry: &Geometry,
) -> Result<(SqlValue, Option<Rect>), WriteBackError> {
    let Some(extent) = geometry.bounding_rect() else {
        return Ok((SqlValue::Null, None));
    };
    if table.z_or_m_required {
        return Err(WriteBackError::ZOrMWouldBeLost {
            path: job.path.to_path_buf(),
            feature: position,
        });
    }
    let fitted = fit_column_type(geometry, &table.info.geometry_type).ok_or_else(|| {
        WriteBackError::WrongGeometryType {
            path: job.path.to_path_buf(),
            feature: position,
            expected: format!("{} geometries", table.info.geometry_type),
            found: geometry_type_name(geometry),
        }
    })?;
    let srs_id = i32::try_from(table.info.srs_id).unwrap_or(0);
    Ok((gpkg_geometry_blob(&fitted, srs_id), Some(extent)))
}

/// `geometry` as the column's declared type takes it (a single part wrapped for a multi column); `None` when
/// the column cannot hold it.
fn fit_column_type(geometry: &Geometry, column_type: &str) -> Option<Geometry> {
    let polygon = |geometry: &Geometry| match geometry {
        Geometry::Polygon(polygon) => Some(polygon.clone()),
        Geometry::Rect(rect) => Some(rect.to_polygon()),
        Geometry::Triangle(triangle) => Some(triangle.to_polygon()),
        _ => None,
    };
    let line = |geometry: &Geometry| match geometry {
        Geometry::LineString(line) => Some(line.clone()),
        Geometry::Line(line) => Some((*line).into()),
        _ => None,
    };
    Some(
        match (column_type.to_ascii_uppercase().as_str(), geometry) {
            ("GEOMETRY", other) => other.clone(),
            ("POINT", Geometry::Point(_))
            | ("MULTIPOINT", Geometry::MultiPoint(_))
            | ("MULTILINESTRING", Geometry::MultiLineString(_))
            | ("MULTIPOLYGON", Geometry::MultiPolygon(_))
            | ("GEOMETRYCOLLECTION", Geometry::GeometryCollection(_)) => geometry.clone(),
            ("MULTIPOINT", Geometry::Point(point)) => {
                Geometry::MultiPoint(MultiPoint(vec![*point]))
            }
            ("LINESTRING", other) => Geometry::LineString(line(other)?),
            ("MULTILINESTRING", other) => {
                Geometry::MultiLineString(MultiLineString(vec![line(other)?]))
            }
            ("POLYGON", other) => Geometry::Polygon(polygon(other)?),
            ("MULTIPOLYGON", other) => Geometry::MultiPolygon(MultiPolygon(vec![polygon(other)?])),
            ("GEOMETRYCOLLECTION", other) => {
                Geometry::GeometryCollection(geo::GeometryCollection(vec![other.clone()]))
            }
            _ => return None,
        },
    )
}

/// An attribute value for a column of `declared` type (GeoPackage types: BOOLEAN, TINYINT, SMALLINT,
/// MEDIUMINT, INT/INTEGER, FLOAT/DOUBLE/REAL, TEXT(n), DATE, DATETIME, BLOB; anything else by the value's
/// own kind).
fn sql_value(value: &AttributeValue, declared: &str) -> Result<SqlValue, ValueProblem> {
    if *value == AttributeValue::Null {
        return Ok(SqlValue::Null);
    }
    let upper = declared.trim().to_ascii_uppercase();
    let (base, limit) = match upper.split_once('(') {
        Some((base, rest)) => (
            base.trim(),
            rest.trim_end_matches(')').trim().parse::<usize>().ok(),
        ),
        None => (upper.as_str(), None),
    };
    let kind = || declared.to_string();
    Ok(match base {
        "BOOLEAN" => match value {
            AttributeValue::Bool(flag) => SqlValue::Integer(i64::from(*flag)),
            AttributeValue::Integer(whole @ (0 | 1)) => SqlValue::Integer(*whole),
            other => {
                return Err(ValueProblem::NotABoolean {
                    value: other.to_string(),
                });
            }
        },
        "TINYINT" => SqlValue::Integer(ranged(
            whole_number(value)?,
            i64::from(i8::MIN),
            i64::from(i8::MAX),
            kind,
        )?),
        "SMALLINT" => SqlValue::Integer(ranged(
            whole_number(value)?,
            i64::from(i16::MIN),
            i64::from(i16::MAX),
            kind,
        )?),
        "MEDIUMINT" => SqlValue::Integer(ranged(
            whole_number(value)?,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            kind,
        )?),
        "INT" | "INTEGER" => SqlValue::Integer(whole_number(value)?),
        "FLOAT" | "DOUBLE" | "REAL" => SqlValue::Real(real_number(value)?),
        "TEXT" | "DATE" | "DATETIME" => {
            let text: String = value.to_string().nfc().collect();
            let characters = text.chars().count();
            if let Some(limit) = limit.filter(|limit| *limit > 0 && characters > *limit) {
                return Err(ValueProblem::TooManyCharacters { characters, limit });
            }
            SqlValue::Text(text)
        }
        "BLOB" => return Err(ValueProblem::UnsupportedType { kind: kind() }),
        _ => match value {
            AttributeValue::Bool(flag) => SqlValue::Integer(i64::from(*flag)),
            AttributeValue::Integer(whole) => SqlValue::Integer(*whole),
            AttributeValue::Real(real) => SqlValue::Real(*real),
            other => SqlValue::Text(other.to_string().nfc().collect()),
        },
    })
}

fn whole_number(value: &AttributeValue) -> Result<i64, ValueProblem> {
    let not_a_number = || ValueProblem::NotANumber {
        value: value.to_string(),
    };
    match value {
        AttributeValue::Integer(whole) => Ok(*whole),
        AttributeValue::Real(real) if real.fract() == 0.0 && real.abs() < 9.0e15 => {
            Ok(*real as i64)
        }
        AttributeValue::Real(real) if real.is_finite() => Err(ValueProblem::TooManyDecimals {
            value: real.to_string(),
            decimals: 0,
        }),
        AttributeValue::Text(text) => text.trim().parse().map_err(|_| not_a_number()),
        _ => Err(not_a_number()),
    }
}

fn real_number(value: &AttributeValue) -> Result<f64, ValueProblem> {
    let not_a_number = || ValueProblem::NotANumber {
        value: value.to_string(),
    };
    let real = match value {
        AttributeValue::Text(text) => text.trim().parse::<f64>().map_err(|_| not_a_number())?,
        other => other.as_f64().ok_or_else(not_a_number)?,
    };
    if real.is_finite() {
        Ok(real)
    } else {
        Err(not_a_number())
    }
}

fn ranged(whole: i64, min: i64, max: i64, kind: impl Fn() -> String) -> Result<i64, ValueProblem> {
    if (min..=max).contains(&whole) {
        Ok(whole)
    } else {
        Err(ValueProblem::OutOfRange {
            value: whole.to_string(),
            kind: kind(),
        })
    }
}

/// Sets the table's change time in `gpkg_contents` and grows its extent (when it has one) to cover the
/// geometries written.
fn touch_contents(
    connection: &Connection,
    table: &str,
    written: Option<Rect>,
) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?1",
        [table],
    )?;
    let Some(written) = written else {
        return Ok(());
    };
    let extent: Option<[Option<f64>; 4]> = connection
        .query_row(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?1",
            [table],
            |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
        )
        .optional()?;
    let Some([Some(min_x), Some(min_y), Some(max_x), Some(max_y)]) = extent else {
        return Ok(());
    };
    let recorded = Rect::new(
        geo::coord! { x: min_x, y: min_y },
        geo::coord! { x: max_x, y: max_y },
    );
    let Some(grown) = union_rect(Some(recorded), Some(written)) else {
        return Ok(());
    };
    connection.execute(
        "UPDATE gpkg_contents SET min_x = ?1, min_y = ?2, max_x = ?3, max_y = ?4 WHERE table_name = ?5",
        rusqlite::params![grown.min().x, grown.min().y, grown.max().x, grown.max().y, table],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use geo::{Point, polygon};

    use super::*;

    #[test]
    fn values_take_the_column_types() {
        assert_eq!(
            sql_value(&AttributeValue::Bool(true), "BOOLEAN"),
            Ok(SqlValue::Integer(1))
        );
        assert_eq!(
            sql_value(&AttributeValue::Real(12.0), "MEDIUMINT"),
            Ok(SqlValue::Integer(12))
        );
        assert_eq!(
            sql_value(&AttributeValue::Integer(3), "REAL"),
            Ok(SqlValue::Real(3.0))
        );
        assert_eq!(
            sql_value(&AttributeValue::Null, "INTEGER"),
            Ok(SqlValue::Null)
        );
        assert!(matches!(
            sql_value(&AttributeValue::Integer(300), "TINYINT"),
            Err(ValueProblem::OutOfRange { .. })
        ));
        assert!(matches!(
            sql_value(&AttributeValue::Text("mười".into()), "INTEGER"),
            Err(ValueProblem::NotANumber { .. })
        ));
        assert_eq!(
            sql_value(&AttributeValue::Text("Hải Phòng".into()), "TEXT(5)"),
            Err(ValueProblem::TooManyCharacters {
                characters: 9,
                limit: 5
            })
        );
    }

    #[test]
    fn single_parts_are_wrapped_for_multi_columns_and_other_types_refused() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)];
        let wrapped = fit_column_type(&Geometry::Polygon(square.clone()), "MULTIPOLYGON");
        assert_eq!(
            wrapped,
            Some(Geometry::MultiPolygon(MultiPolygon(vec![square])))
        );
        assert_eq!(
            fit_column_type(&Geometry::Point(Point::new(1.0, 2.0)), "POLYGON"),
            None
        );
    }
}
