//! Saving a database layer's edits back to its table in one transaction, without ever overwriting another
//! planner's work.
//!
//! The rows this layer changed or removed are first locked and read back (`SELECT … FOR UPDATE`): a row whose
//! version (`xmin`) is no longer the one the layer read was changed by someone else since, and a row that is
//! gone was deleted by someone else. Either is a [`RowConflict`]; if there is any, nothing is written (the
//! transaction is rolled back) and the conflicts come back with both sides — mine and the server's — for the
//! planner to settle row by row ([`keep_mine`], or taking the server's version through the session), then
//! save again. Otherwise only the columns that differ from the server's row are updated (an attribute edit
//! does not rewrite the geometry, so its Z values and exact coordinates stay), removed rows are deleted, new
//! rows inserted with keys from the server, and the transaction commits. Any error — a lost connection, a
//! permission the role lacks, a constraint — rolls everything back and leaves the layer's edits unsaved;
//! the layer's record of what the table holds changes only after the commit.

use std::collections::HashMap;

use geo::Geometry;
use postgres::Client;
use postgres::types::ToSql;

use super::error::{DbError, about_table};
use super::read::{geometry_select, integer_key, key_value};
use super::sql::{ident, table as table_sql};
use crate::core::attributes::AttributeValue;
use crate::core::crs::{MAP_CRS, Reprojector};
use crate::core::db_source::{DbKey, DbLayerSource, DbRow, DbTableInfo};
use crate::core::io::wkb::{read_wkb, write_wkb};
use crate::core::io::write_back::same_geometry;
use crate::core::layer::Layer;
use crate::core::source_state::{FeatureFate, WrittenRecord};

/// One side of a conflicting row: its values and geometry (map CRS).
#[derive(Clone, Debug, PartialEq)]
pub struct RowValues {
    /// Attribute values in the layer's field order.
    pub attributes: Vec<AttributeValue>,
    /// The geometry in the map CRS.
    pub geometry_in_map: Geometry,
}

/// The server's current version of a row.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerRow {
    /// Its values.
    pub values: RowValues,
    /// Its version now.
    pub version: String,
}

/// A row another planner changed or deleted since this layer read it, while this layer changed or removed it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowConflict {
    /// The row's key.
    pub key: DbKey,
    /// Its location in [`DbLayerSource::rows`].
    pub location: usize,
    /// The feature's position in the layer at the save, `None` when this layer removed the row.
    pub position: Option<usize>,
    /// The feature's record id (see [`crate::core::feature::Feature::source_record`]), to find it again
    /// after other conflicts were settled; `None` when this layer removed the row.
    pub record: Option<u64>,
    /// This layer's version (`None`: removed here).
    pub mine: Option<RowValues>,
    /// The server's version (`None`: deleted by someone else).
    pub theirs: Option<ServerRow>,
}

/// What a save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DbSaveReport {
    /// Rows updated.
    pub updated: usize,
    /// Rows inserted.
    pub inserted: usize,
    /// Rows deleted.
    pub removed: usize,
    /// Changed features whose values turned out equal to the server's (nothing to write).
    pub unchanged: usize,
}

/// How a save ended (errors aside).
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Everything was written and committed.
    Saved(DbSaveReport),
    /// Nothing was written: these rows changed on the server since they were read.
    Conflicts(Vec<RowConflict>),
}

/// The server's row as locked for the save, in the table's CRS.
struct LockedRow {
    version: String,
    geometry: Option<Geometry>,
    dimensions: i16,
    attributes: Vec<AttributeValue>,
}

/// Saves `layer`'s edits to its table through `client` (see the module documentation).
pub fn save_layer(client: &mut Client, layer: &mut Layer) -> Result<SaveOutcome, DbError> {
    let database = layer
        .database
        .as_deref()
        .ok_or_else(|| DbError::Unsupported("the layer is not from a database".to_string()))?;
    if let Some(reason) = database.read_only {
        return Err(DbError::ReadOnly(reason));
    }
    let key_column = database
        .table
        .key_column
        .clone()
        .ok_or(DbError::ReadOnly(crate::core::db_source::DbReadOnly::NoKey))?;
    let plan = layer.written.plan(&layer.features);
    let mut changed = Vec::new();
    let mut new = Vec::new();
    for (position, fate) in plan.fates.iter().enumerate() {
        match fate {
            FeatureFate::Unchanged { .. } => {}
            FeatureFate::Changed { location, .. } => changed.push((position, *location)),
            FeatureFate::New => new.push(position),
        }
    }
    if changed.is_empty() && new.is_empty() && plan.removed.is_empty() {
        return Ok(SaveOutcome::Saved(DbSaveReport::default()));
    }
    let positions: Vec<usize> = changed
        .iter()
        .map(|(position, _)| *position)
        .chain(new.iter().copied())
        .collect();
    let mine_in_source: HashMap<usize, Geometry> = positions
        .iter()
        .copied()
        .zip(layer.source_geometries(positions.iter().copied())?)
        .collect();
    let row_at = |location: i64| -> Result<&DbRow, DbError> {
        usize::try_from(location)
            .ok()
            .and_then(|slot| database.rows.get(slot))
            .ok_or_else(|| {
                DbError::Unsupported(format!("row location {location} is unknown to the layer"))
            })
    };
    let table = &database.table;
    let mut transaction = client
        .transaction()
        .map_err(|error| DbError::from_postgres(&error))?;
    let locked_keys: Vec<DbKey> = changed
        .iter()
        .map(|(_, location)| row_at(*location).map(|row| row.key.clone()))
        .chain(
            plan.removed
                .iter()
                .map(|location| row_at(*location).map(|row| row.key.clone())),
        )
        .collect::<Result<_, _>>()?;
    let locked = lock_rows(&mut transaction, database, &locked_keys)?;
    let mut conflicts = Vec::new();
    let mut report = DbSaveReport::default();
    let mut new_versions: Vec<(usize, String)> = Vec::new();
    for (position, location) in &changed {
        let row = row_at(*location)?;
        let slot = usize::try_from(*location).unwrap_or(usize::MAX);
        let feature = layer.features.get(*position);
        let mine_geometry = mine_in_source.get(position);
        let (Some(feature), Some(mine_geometry)) = (feature, mine_geometry) else {
            continue;
        };
        let current = locked.get(&row.key);
        match current {
            Some(current) if current.version == row.version => {
                let update = column_changes(table, &feature.attributes, mine_geometry, current);
                if update.is_empty() {
                    report.unchanged += 1;
                    new_versions.push((slot, row.version.clone()));
                    continue;
                }
                if update.geometry && current.dimensions > 2 {
                    return Err(DbError::Unsupported(format!(
                        "row {}: its geometry has Z or M values, which the atlas's 2-D edit would lose; \
                         reshape it in a 3-D tool",
                        row.key
                    )));
                }
                let version = update_row(
                    &mut transaction,
                    database,
                    &key_column,
                    &row.key,
                    &feature.attributes,
                    mine_geometry,
                    &update,
                )?;
                report.updated += 1;
                new_versions.push((slot, version));
            }
            _ => conflicts.push(RowConflict {
                key: row.key.clone(),
                location: slot,
                position: Some(*position),
                record: feature.source_record,
                mine: Some(RowValues {
                    attributes: feature.attributes.clone(),
                    geometry_in_map: feature.geometry_in_map.clone(),
                }),
                theirs: current
                    .map(|current| server_row(current, layer))
                    .transpose()?,
            }),
        }
    }
    for location in &plan.removed {
        let row = row_at(*location)?;
        let slot = usize::try_from(*location).unwrap_or(usize::MAX);
        match locked.get(&row.key) {
            None => {}
            Some(current) if current.version == row.version => {
                delete_row(&mut transaction, database, &key_column, &row.key)?;
                report.removed += 1;
            }
            Some(current) => conflicts.push(RowConflict {
                key: row.key.clone(),
                location: slot,
                position: None,
                record: None,
                mine: None,
                theirs: Some(server_row(current, layer)?),
            }),
        }
    }
    if !conflicts.is_empty() {
        transaction
            .rollback()
            .map_err(|error| DbError::from_postgres(&error))?;
        return Ok(SaveOutcome::Conflicts(conflicts));
    }
    let mut inserted = Vec::with_capacity(new.len());
    for position in &new {
        let (Some(feature), Some(geometry)) =
            (layer.features.get(*position), mine_in_source.get(position))
        else {
            continue;
        };
        let (key, version) = insert_row(
            &mut transaction,
            database,
            &key_column,
            &feature.attributes,
            geometry,
        )?;
        inserted.push((*position, DbRow { key, version }));
    }
    report.inserted = inserted.len();
    transaction
        .commit()
        .map_err(|error| DbError::from_postgres(&error))?;
    record_saved(layer, &plan.fates, &new_versions, inserted);
    Ok(SaveOutcome::Saved(report))
}

/// Which columns of a row to update: attribute field positions, and whether the geometry.
#[derive(Default)]
struct ColumnChanges {
    fields: Vec<usize>,
    geometry: bool,
}

impl ColumnChanges {
    fn is_empty(&self) -> bool {
        self.fields.is_empty() && !self.geometry
    }
}

/// The columns where `attributes`/`geometry` differ from the server's `current` row. The key column is never
/// updated.
fn column_changes(
    table: &DbTableInfo,
    attributes: &[AttributeValue],
    geometry: &Geometry,
    current: &LockedRow,
) -> ColumnChanges {
    let fields = table
        .columns
        .iter()
        .zip(attributes.iter().zip(&current.attributes))
        .enumerate()
        .filter(|(_, (column, (mine, theirs)))| {
            Some(column.name.as_str()) != table.key_column.as_deref() && !same_value(mine, theirs)
        })
        .map(|(field, _)| field)
        .collect();
    let geometry = match &current.geometry {
        Some(theirs) => !same_geometry(geometry, theirs),
        None => !is_empty_geometry(geometry),
    };
    ColumnChanges { fields, geometry }
}

/// Values equal as the table stores them (an integer and the same real are equal).
fn same_value(a: &AttributeValue, b: &AttributeValue) -> bool {
    match (a, b) {
        (AttributeValue::Integer(x), AttributeValue::Real(y))
        | (AttributeValue::Real(y), AttributeValue::Integer(x)) => (*x as f64) == *y,
        _ => a == b,
    }
}

fn is_empty_geometry(geometry: &Geometry) -> bool {
    matches!(geometry, Geometry::GeometryCollection(collection) if collection.0.is_empty())
}

/// Locks and reads the rows with `keys` (those still there), by key.
fn lock_rows(
    transaction: &mut postgres::Transaction<'_>,
    database: &DbLayerSource,
    keys: &[DbKey],
) -> Result<HashMap<DbKey, LockedRow>, DbError> {
    let mut found = HashMap::new();
    if keys.is_empty() {
        return Ok(found);
    }
    let table = &database.table;
    let integer = integer_key(table.key_type.as_deref());
    let Some(key_column) = table.key_column.as_deref() else {
        return Ok(found);
    };
    let column = ident(&table.geometry_column);
    let as_geometry = if table.geography {
        format!("{column}::geometry")
    } else {
        column
    };
    let mut select = format!(
        "SELECT {}, xmin::text, {}, ST_NDims({as_geometry})::int2",
        key_expression(key_column, integer),
        geometry_select(table)
    );
    for column in &table.columns {
        select.push_str(", ");
        select.push_str(&attribute_select(&column.name, &column.type_name));
    }
    let keys_parameter = if integer {
        "$1::int8[]".to_string()
    } else {
        format!("CAST($1::text[] AS {}[])", key_type_sql(table))
    };
    select.push_str(&format!(
        " FROM {} WHERE {} = ANY({keys_parameter}) FOR UPDATE",
        table_sql(&database.source.table),
        ident(key_column)
    ));
    let rows = if integer {
        let values: Vec<i64> = keys
            .iter()
            .filter_map(|key| match key {
                DbKey::Integer(value) => Some(*value),
                DbKey::Text(_) => None,
            })
            .collect();
        transaction.query(select.as_str(), &[&values])
    } else {
        let values: Vec<String> = keys.iter().map(ToString::to_string).collect();
        transaction.query(select.as_str(), &[&values])
    }
    .map_err(|error| about_table(&error, &database.source.table))?;
    let decode = |error: postgres::Error| DbError::from_postgres(&error);
    for row in rows {
        let Some(key) = key_value(&row, 0, integer).map_err(decode)? else {
            continue;
        };
        let version: Option<String> = row.try_get(1).map_err(decode)?;
        let wkb: Option<Vec<u8>> = row.try_get(2).map_err(decode)?;
        let dimensions: Option<i16> = row.try_get(3).map_err(decode)?;
        let geometry = match wkb {
            Some(bytes) => Some(
                read_wkb(&bytes)
                    .map_err(|message| {
                        DbError::Unsupported(format!(
                            "row {key}: geometry on the server: {message}"
                        ))
                    })?
                    .geometry,
            ),
            None => None,
        };
        let mut attributes = Vec::with_capacity(table.columns.len());
        for (offset, column) in table.columns.iter().enumerate() {
            attributes.push(attribute_value(&row, 4 + offset, &column.type_name).map_err(decode)?);
        }
        found.insert(
            key,
            LockedRow {
                version: version.unwrap_or_default(),
                geometry,
                dimensions: dimensions.unwrap_or(2),
                attributes,
            },
        );
    }
    Ok(found)
}

/// The key column as compared with a parameter array: `int8` for integer keys, text otherwise.
fn key_expression(key_column: &str, integer: bool) -> String {
    if integer {
        format!("{}::int8", ident(key_column))
    } else {
        format!("{}::text", ident(key_column))
    }
}

/// How a column is selected, by its type name (as [`super::read`] maps it).
fn attribute_select(name: &str, type_name: &str) -> String {
    let column = ident(name);
    match type_name {
        "int2" | "int4" | "int8" | "oid" => format!("{column}::int8"),
        "float4" | "float8" | "numeric" => format!("{column}::float8"),
        "bool" => column,
        _ => format!("{column}::text"),
    }
}

/// Reads a column selected by [`attribute_select`].
fn attribute_value(
    row: &postgres::Row,
    index: usize,
    type_name: &str,
) -> Result<AttributeValue, postgres::Error> {
    Ok(match type_name {
        "int2" | "int4" | "int8" | "oid" => row
            .try_get::<_, Option<i64>>(index)?
            .map_or(AttributeValue::Null, AttributeValue::Integer),
        "float4" | "float8" | "numeric" => row
            .try_get::<_, Option<f64>>(index)?
            .map_or(AttributeValue::Null, AttributeValue::Real),
        "bool" => row
            .try_get::<_, Option<bool>>(index)?
            .map_or(AttributeValue::Null, AttributeValue::Bool),
        _ => row
            .try_get::<_, Option<String>>(index)?
            .map_or(AttributeValue::Null, AttributeValue::Text),
    })
}

/// The server's row in the map CRS, for the planner to compare.
fn server_row(current: &LockedRow, layer: &Layer) -> Result<ServerRow, DbError> {
    let geometry_in_map = match &current.geometry {
        Some(geometry) => Reprojector::new(layer.crs, MAP_CRS)?.convert_geometry(geometry)?,
        None => Geometry::GeometryCollection(geo::GeometryCollection(Vec::new())),
    };
    Ok(ServerRow {
        values: RowValues {
            attributes: current.attributes.clone(),
            geometry_in_map,
        },
        version: current.version.clone(),
    })
}

/// A parameter for one attribute value, typed for its column.
fn attribute_parameter(value: &AttributeValue, type_name: &str) -> Box<dyn ToSql + Sync> {
    match type_name {
        "int2" | "int4" | "int8" | "oid" => Box::new(match value {
            AttributeValue::Integer(number) => Some(*number),
            AttributeValue::Real(number) if number.fract() == 0.0 => Some(*number as i64),
            _ => None,
        }),
        "float4" | "float8" | "numeric" => Box::new(value.as_f64()),
        "bool" => Box::new(match value {
            AttributeValue::Bool(flag) => Some(*flag),
            _ => None,
        }),
        _ => Box::new(match value {
            AttributeValue::Null => None,
            AttributeValue::Text(text) | AttributeValue::Json(text) => Some(text.clone()),
            other => Some(other.to_string()),
        }),
    }
}

/// `$n` cast from the parameter's type to the column's.
fn cast_parameter(number: usize, type_name: &str) -> String {
    let sent = match type_name {
        "int2" | "int4" | "int8" | "oid" => "int8",
        "float4" | "float8" | "numeric" => "float8",
        "bool" => "bool",
        _ => "text",
    };
    format!("CAST(${number}::{sent} AS {})", ident(type_name))
}

/// The geometry expression for a WKB parameter `$n`: in the table's SRID, made multi when the column is.
fn geometry_parameter(number: usize, table: &DbTableInfo) -> String {
    let mut expression = format!("ST_GeomFromWKB(${number}, {})", table.srid.max(0));
    if table
        .geometry_type
        .to_ascii_uppercase()
        .starts_with("MULTI")
    {
        expression = format!("ST_Multi({expression})");
    }
    if table.geography {
        expression = format!("{expression}::geography");
    }
    expression
}

fn wkb_of(geometry: &Geometry) -> Option<Vec<u8>> {
    if is_empty_geometry(geometry) {
        return None;
    }
    let mut bytes = Vec::new();
    write_wkb(geometry, &mut bytes);
    Some(bytes)
}

/// The key column's type as SQL (quoted), for casting text parameters to it.
fn key_type_sql(table: &DbTableInfo) -> String {
    ident(table.key_type.as_deref().unwrap_or("text"))
}

/// The key as a parameter, with the condition comparing the key column to it — the column itself on the
/// left, so the table's key index finds the row.
fn key_parameter(
    key: &DbKey,
    key_column: &str,
    table: &DbTableInfo,
    number: usize,
) -> (Box<dyn ToSql + Sync>, String) {
    match key {
        DbKey::Integer(value) => (
            Box::new(*value),
            format!("{} = ${number}::int8", ident(key_column)),
        ),
        DbKey::Text(value) => (
            Box::new(value.clone()),
            format!(
                "{} = CAST(${number}::text AS {})",
                ident(key_column),
                key_type_sql(table)
            ),
        ),
    }
}

/// Updates the changed columns of one row; returns its new version.
fn update_row(
    transaction: &mut postgres::Transaction<'_>,
    database: &DbLayerSource,
    key_column: &str,
    key: &DbKey,
    attributes: &[AttributeValue],
    geometry: &Geometry,
    changes: &ColumnChanges,
) -> Result<String, DbError> {
    let table = &database.table;
    let mut parameters: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut assignments = Vec::new();
    for field in &changes.fields {
        let (Some(column), Some(value)) = (table.columns.get(*field), attributes.get(*field))
        else {
            continue;
        };
        parameters.push(attribute_parameter(value, &column.type_name));
        assignments.push(format!(
            "{} = {}",
            ident(&column.name),
            cast_parameter(parameters.len(), &column.type_name)
        ));
    }
    if changes.geometry {
        parameters.push(Box::new(wkb_of(geometry)));
        assignments.push(format!(
            "{} = {}",
            ident(&table.geometry_column),
            geometry_parameter(parameters.len(), table)
        ));
    }
    let (key_value, key_condition) = key_parameter(key, key_column, table, parameters.len() + 1);
    parameters.push(key_value);
    let statement = format!(
        "UPDATE {} SET {} WHERE {key_condition} RETURNING xmin::text",
        table_sql(&database.source.table),
        assignments.join(", ")
    );
    let references: Vec<&(dyn ToSql + Sync)> = parameters.iter().map(AsRef::as_ref).collect();
    let row = transaction
        .query_one(statement.as_str(), &references)
        .map_err(|error| about_table(&error, &database.source.table))?;
    row.try_get(0)
        .map_err(|error| DbError::from_postgres(&error))
}

/// Deletes one row.
fn delete_row(
    transaction: &mut postgres::Transaction<'_>,
    database: &DbLayerSource,
    key_column: &str,
    key: &DbKey,
) -> Result<(), DbError> {
    let (key_value, key_condition) = key_parameter(key, key_column, &database.table, 1);
    let statement = format!(
        "DELETE FROM {} WHERE {key_condition}",
        table_sql(&database.source.table)
    );
    transaction
        .execute(statement.as_str(), &[key_value.as_ref()])
        .map_err(|error| about_table(&error, &database.source.table))?;
    Ok(())
}

/// Inserts one new row, letting the server give its key when the key column has a default; returns the key
/// and version.
fn insert_row(
    transaction: &mut postgres::Transaction<'_>,
    database: &DbLayerSource,
    key_column: &str,
    attributes: &[AttributeValue],
    geometry: &Geometry,
) -> Result<(DbKey, String), DbError> {
    let table = &database.table;
    let mut parameters: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut columns = Vec::new();
    let mut values = Vec::new();
    for (column, value) in table.columns.iter().zip(attributes) {
        let server_key = column.name == key_column
            && (table.key_has_default || matches!(value, AttributeValue::Null));
        if server_key {
            continue;
        }
        parameters.push(attribute_parameter(value, &column.type_name));
        columns.push(ident(&column.name));
        values.push(cast_parameter(parameters.len(), &column.type_name));
    }
    parameters.push(Box::new(wkb_of(geometry)));
    columns.push(ident(&table.geometry_column));
    values.push(geometry_parameter(parameters.len(), table));
    let integer = integer_key(table.key_type.as_deref());
    let statement = format!(
        "INSERT INTO {} ({}) VALUES ({}) RETURNING {}, xmin::text",
        table_sql(&database.source.table),
        columns.join(", "),
        values.join(", "),
        key_expression(key_column, integer)
    );
    let references: Vec<&(dyn ToSql + Sync)> = parameters.iter().map(AsRef::as_ref).collect();
    let row = transaction
        .query_one(statement.as_str(), &references)
        .map_err(|error| about_table(&error, &database.source.table))?;
    let decode = |error: postgres::Error| DbError::from_postgres(&error);
    let key = key_value(&row, 0, integer)
        .map_err(decode)?
        .ok_or_else(|| DbError::Unsupported("the server gave the new row no key".to_string()))?;
    let version = row.try_get(1).map_err(decode)?;
    Ok((key, version))
}

/// After the commit: new versions of the updated rows, the inserted rows with their keys (also put into the
/// features' key attribute), and the layer's record of what the table holds.
fn record_saved(
    layer: &mut Layer,
    fates: &[FeatureFate],
    new_versions: &[(usize, String)],
    inserted: Vec<(usize, DbRow)>,
) {
    let Layer {
        features,
        written,
        database,
        ..
    } = layer;
    let Some(database) = database.as_deref_mut() else {
        return;
    };
    for (slot, version) in new_versions {
        if let Some(row) = database.rows.get_mut(*slot) {
            row.version = version.clone();
        }
    }
    let key_field = database.table.key_column.as_deref().and_then(|key| {
        database
            .table
            .columns
            .iter()
            .position(|column| column.name == key)
    });
    let mut new_locations = HashMap::new();
    for (position, row) in inserted {
        if let (Some(field), Some(feature)) = (key_field, features.get_mut(position))
            && let Some(value) = feature.attributes.get_mut(field)
        {
            *value = match &row.key {
                DbKey::Integer(number) => AttributeValue::Integer(*number),
                DbKey::Text(text) => AttributeValue::Text(text.clone()),
            };
        }
        new_locations.insert(position, database.rows.len());
        database.rows.push(row);
    }
    let mut records = Vec::with_capacity(features.len());
    for ((position, feature), fate) in features.iter_mut().enumerate().zip(fates) {
        let (record, location) = match fate {
            FeatureFate::Unchanged { record, location }
            | FeatureFate::Changed { record, location } => (*record, *location),
            FeatureFate::New => {
                let Some(location) = new_locations.get(&position) else {
                    continue;
                };
                (
                    written.new_record_id(),
                    i64::try_from(*location).unwrap_or(i64::MAX),
                )
            }
        };
        feature.source_record = Some(record);
        records.push(WrittenRecord {
            record,
            stamp: feature.edit_stamp,
            location,
        });
    }
    written.record_written_rows(records);
}

/// Settles a conflict by keeping this layer's version: the next save overwrites the server's row (or
/// deletes it, or inserts this feature again when the row was deleted there) knowingly.
pub fn keep_mine(layer: &mut Layer, conflict: &RowConflict) {
    let Layer {
        features, database, ..
    } = layer;
    let Some(database) = database.as_deref_mut() else {
        return;
    };
    match &conflict.theirs {
        Some(theirs) => {
            if let Some(row) = database.rows.get_mut(conflict.location) {
                row.version = theirs.version.clone();
            }
        }
        None => {
            if let Some(feature) = conflict
                .position
                .and_then(|position| features.get_mut(position))
            {
                feature.source_record = None;
            }
        }
    }
}

/// After the layer took the server's version of a conflicting row (through edits in the session): records
/// that the table holds the feature at `position` as it now is, at the server's version.
pub fn record_taken_from_server(
    layer: &mut Layer,
    conflict: &RowConflict,
    position: Option<usize>,
) {
    let Layer {
        features,
        written,
        database,
        ..
    } = layer;
    let Some(database) = database.as_deref_mut() else {
        return;
    };
    if let (Some(theirs), Some(row)) = (&conflict.theirs, database.rows.get_mut(conflict.location))
    {
        row.version = theirs.version.clone();
    }
    let location = i64::try_from(conflict.location).unwrap_or(i64::MAX);
    if let Some(feature) = position.and_then(|position| features.get_mut(position)) {
        let record = match feature.source_record {
            Some(record) => record,
            None => {
                let record = written.new_record_id();
                feature.source_record = Some(record);
                record
            }
        };
        written.set_record(WrittenRecord {
            record,
            stamp: feature.edit_stamp,
            location,
        });
    }
}
