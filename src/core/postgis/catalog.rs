//! What the database holds: the tables and views with a geometry or geography column (from PostGIS's
//! `geometry_columns` and `geography_columns`), each with its geometry type, SRID, estimated row count
//! (`pg_class.reltuples`, never a `count(*)`) and key; and the full description of one table the atlas is
//! about to read ([`describe_table`]). Every name goes to the server as a parameter.
//!
//! Describing one table reads only that relation's catalog rows (its columns' type modifiers give the
//! geometry type and SRID), not PostGIS's `geometry_columns` view: the view looks every geometry column of
//! the database up in the server's caches, which are not transactional, so while another planner drops or
//! replaces a table the view can fail with "cache lookup failed" (seen with concurrent sessions). Only a
//! column declared without a type modifier (older `AddGeometryColumn` tables, constrained by `CHECK`s) is
//! looked up in the view.

use postgres::GenericClient;

use super::error::{DbError, about_table};
use crate::core::db_source::{DbColumn, DbTableInfo, TableRef};

/// A table or view with geometry, as listed for the planner to choose.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryTable {
    /// The table or view.
    pub table: TableRef,
    /// Its geometry (or geography) column.
    pub geometry_column: String,
    /// True for a `geography` column.
    pub geography: bool,
    /// The declared geometry type (`MULTIPOLYGON`, `POINT`, `GEOMETRY`, …).
    pub geometry_type: String,
    /// The declared SRID (0 when the column does not say).
    pub srid: i32,
    /// The estimated row count (`None` when the table was never analysed).
    pub estimated_rows: Option<u64>,
    /// The single-column primary key or unique index, if any.
    pub key_column: Option<String>,
    /// True for a view or materialised view.
    pub is_view: bool,
}

/// The listing: every geometry or geography column the role may read, with its table's estimate and key
/// (one statement, the key found per table by [`key_select`]).
fn list_sql() -> String {
    format!(
        "SELECT g.schema_name, g.table_name, g.column_name, g.geometry_type, g.srid, g.geography,
                c.reltuples::float8, c.relkind::text, k.key_column
         FROM (
             SELECT f_table_schema::text AS schema_name, f_table_name::text AS table_name,
                    f_geometry_column::text AS column_name, type::text AS geometry_type, srid,
                    false AS geography
             FROM geometry_columns
             UNION ALL
             SELECT f_table_schema::text, f_table_name::text, f_geography_column::text, type::text, srid, true
             FROM geography_columns
         ) g
         JOIN pg_namespace n ON n.nspname = g.schema_name
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.table_name
         LEFT JOIN LATERAL ({}) k ON true
         WHERE has_table_privilege(c.oid, 'SELECT')
           AND ($1::text IS NULL OR (g.schema_name = $1 AND g.table_name = $2))
         ORDER BY g.schema_name, g.table_name, g.column_name",
        key_select("c.oid")
    )
}

/// The single-column primary key (else the first single-column unique index without predicate or
/// expression) of the relation whose oid is the SQL expression `relation`, as `key_column` (no row: none).
fn key_select(relation: &str) -> String {
    format!(
        "SELECT a.attname::text AS key_column
         FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = {relation} AND (i.indisprimary OR i.indisunique) AND i.indnkeyatts = 1
           AND i.indpred IS NULL AND i.indexprs IS NULL
         ORDER BY i.indisprimary DESC, a.attnum
         LIMIT 1"
    )
}

const GEOMETRY_COLUMNS_SQL: &str = "
    SELECT a.attname::text, t.typname = 'geography', a.atttypmod,
           regexp_replace(upper(postgis_typmod_type(a.atttypmod)), '(ZM|Z|M)$', ''),
           postgis_typmod_srid(a.atttypmod), c.reltuples::float8, c.relkind::text
    FROM pg_attribute a
    JOIN pg_type t ON t.oid = a.atttypid
    JOIN pg_class c ON c.oid = a.attrelid
    WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      AND t.typname IN ('geometry', 'geography')
    ORDER BY a.attnum";

const COLUMNS_SQL: &str = "
    SELECT a.attname::text, t.typname::text, (a.atthasdef OR a.attidentity <> '')
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum";

/// How many times a listing that met another session's DROP is tried (see the module documentation).
const LISTING_ATTEMPTS: u32 = 3;

/// Lists every table and view with a geometry or geography column that the role may read. Call it outside
/// a transaction: a listing that fails because another session dropped a table at that moment ("cache
/// lookup failed") is tried again.
pub fn list_geometry_tables(
    client: &mut impl GenericClient,
) -> Result<Vec<GeometryTable>, DbError> {
    let mut attempt = 1;
    loop {
        match geometry_tables(client, None) {
            Err(DbError::Server { message, code })
                if code == "XX000"
                    && message.starts_with("cache lookup failed")
                    && attempt < LISTING_ATTEMPTS =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            listed => return listed,
        }
    }
}

/// The geometry tables, all or only `only`.
fn geometry_tables(
    client: &mut impl GenericClient,
    only: Option<&TableRef>,
) -> Result<Vec<GeometryTable>, DbError> {
    let schema = only.map(|table| table.schema.as_str());
    let name = only.map(|table| table.name.as_str());
    let rows = client
        .query(&list_sql(), &[&schema, &name])
        .map_err(|error| DbError::from_postgres(&error))?;
    let mut tables = Vec::with_capacity(rows.len());
    for row in rows {
        let get_text = |index: usize| -> Result<String, DbError> {
            row.try_get::<_, String>(index)
                .map_err(|error| DbError::from_postgres(&error))
        };
        let relkind = get_text(7)?;
        tables.push(GeometryTable {
            table: TableRef {
                schema: get_text(0)?,
                name: get_text(1)?,
            },
            geometry_column: get_text(2)?,
            geometry_type: get_text(3)?,
            srid: row
                .try_get(4)
                .map_err(|error| DbError::from_postgres(&error))?,
            geography: row
                .try_get(5)
                .map_err(|error| DbError::from_postgres(&error))?,
            estimated_rows: estimated(row.try_get(6).ok()),
            key_column: row
                .try_get(8)
                .map_err(|error| DbError::from_postgres(&error))?,
            is_view: relkind == "v" || relkind == "m",
        });
    }
    Ok(tables)
}

/// Describes `table` for reading: its first geometry column (or `geometry_column` when given), SRID, type,
/// key (the primary key or a single-column unique index, or `key_column` when the planner chose one) and
/// attribute columns in table order.
pub fn describe_table(
    client: &mut impl GenericClient,
    table: &TableRef,
    key_column: Option<&str>,
) -> Result<DbTableInfo, DbError> {
    let oid = relation_oid(client, table)?.ok_or_else(|| DbError::TableMissing(table.clone()))?;
    let found = geometry_column_of(client, table, oid)?;
    let column_rows = client
        .query(COLUMNS_SQL, &[&oid])
        .map_err(|error| about_table(&error, table))?;
    let mut columns = Vec::new();
    let mut key_type = None;
    let mut key_has_default = false;
    let key = match key_column {
        Some(chosen) => Some(chosen.to_string()),
        None => key_of(client, oid)?,
    };
    for row in column_rows {
        let name: String = row
            .try_get(0)
            .map_err(|error| DbError::from_postgres(&error))?;
        let type_name: String = row
            .try_get(1)
            .map_err(|error| DbError::from_postgres(&error))?;
        let has_default: bool = row
            .try_get(2)
            .map_err(|error| DbError::from_postgres(&error))?;
        if key.as_deref() == Some(name.as_str()) {
            key_type = Some(type_name.clone());
            key_has_default = has_default;
        }
        if name == found.geometry_column || type_name == "geometry" || type_name == "geography" {
            continue;
        }
        columns.push(DbColumn { name, type_name });
    }
    if let (Some(chosen), None) = (&key, &key_type) {
        return Err(DbError::Unsupported(format!(
            "table {} has no column {chosen:?} to use as its key",
            table.display_name()
        )));
    }
    Ok(DbTableInfo {
        geometry_column: found.geometry_column,
        geography: found.geography,
        geometry_type: found.geometry_type,
        srid: if found.geography && found.srid == 0 {
            4326
        } else {
            found.srid
        },
        key_column: key,
        key_type,
        key_has_default,
        columns,
        estimated_rows: found.estimated_rows,
        is_view: found.is_view,
    })
}

/// The first geometry or geography column of the relation `oid` (in table order), from its own catalog
/// rows; a column without a type modifier is looked up in `geometry_columns` (see the module documentation).
fn geometry_column_of(
    client: &mut impl GenericClient,
    table: &TableRef,
    oid: u32,
) -> Result<GeometryTable, DbError> {
    let row = client
        .query(GEOMETRY_COLUMNS_SQL, &[&oid])
        .map_err(|error| about_table(&error, table))?
        .into_iter()
        .next()
        .ok_or_else(|| DbError::NoGeometry(table.clone()))?;
    let get = |error: postgres::Error| DbError::from_postgres(&error);
    let column: String = row.try_get(0).map_err(get)?;
    let type_modifier: i32 = row.try_get(2).map_err(get)?;
    if type_modifier < 0 {
        let listed = geometry_tables(client, Some(table))?;
        if let Some(found) = listed
            .into_iter()
            .find(|candidate| candidate.geometry_column == column)
        {
            return Ok(found);
        }
    }
    let relkind: String = row.try_get(6).map_err(get)?;
    Ok(GeometryTable {
        table: table.clone(),
        geometry_column: column,
        geography: row.try_get(1).map_err(get)?,
        geometry_type: row.try_get(3).map_err(get)?,
        srid: row.try_get(4).map_err(get)?,
        estimated_rows: estimated(row.try_get(5).ok()),
        key_column: None,
        is_view: relkind == "v" || relkind == "m",
    })
}

/// The oid of `table`, or `None` when there is no such relation.
pub fn relation_oid(
    client: &mut impl GenericClient,
    table: &TableRef,
) -> Result<Option<u32>, DbError> {
    let row = client
        .query_opt(
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = $2",
            &[&table.schema, &table.name],
        )
        .map_err(|error| DbError::from_postgres(&error))?;
    row.map(|row| row.try_get(0))
        .transpose()
        .map_err(|error| DbError::from_postgres(&error))
}

/// The key column of the relation `oid` (see [`key_select`]).
fn key_of(client: &mut impl GenericClient, oid: u32) -> Result<Option<String>, DbError> {
    let row = client
        .query_opt(&key_select("$1"), &[&oid])
        .map_err(|error| DbError::from_postgres(&error))?;
    row.map(|row| row.try_get(0))
        .transpose()
        .map_err(|error| DbError::from_postgres(&error))
}

/// `reltuples` as a count: negative (PostgreSQL 14+: never analysed) or missing is unknown.
fn estimated(reltuples: Option<f64>) -> Option<u64> {
    reltuples
        .filter(|count| count.is_finite() && *count >= 0.0)
        .map(|count| count.round() as u64)
}
