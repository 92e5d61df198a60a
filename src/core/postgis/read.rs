//! Streaming a PostGIS table into a layer. The rows come through a server-side portal in batches (the whole
//! table is never one result in memory twice), in one read-only transaction so the layer is one consistent
//! snapshot; after each batch the caller sees the progress against the table's estimated row count and the
//! features so far, and may stop (cancel). With a view box only the rows whose geometry's box meets it are
//! sent (`&&`, which the table's GiST index answers).
//!
//! Geometry arrives as binary WKB (`ST_AsBinary`; geography cast to geometry; curved types linearised by the
//! server with `ST_CurveToLine`, as GDAL does) and is read by the project's hardened WKB reader. Attribute
//! types map to the layer's kinds: integers → integer, `numeric`/`real`/`double` → real, `boolean`, text
//! types → text, and everything else (dates, timestamps, json, arrays, uuid…) → its text as the server
//! prints it. A row that cannot be read — an unreadable geometry, another SRID in a column that does not fix
//! one — is skipped and counted in a note, never refusing the table. Each row's key and version (`xmin`) are
//! kept ([`DbLayerSource::rows`]) so edits can be saved back without overwriting a newer change.

use std::time::Instant;

use geo::{Geometry, GeometryCollection, Rect};
use postgres::Client;
use postgres::types::ToSql;

use super::catalog::describe_table;
use super::error::{DbError, about_table};
use super::sql::{ident, table as table_sql};
use crate::core::attributes::{AttributeKind, AttributeValue, Field};
use crate::core::crs::{Crs, MAP_CRS, Reprojector};
use crate::core::db_source::{
    DbKey, DbLayerSource, DbReadOnly, DbRow, DbSource, DbTableInfo, ViewBox,
};
use crate::core::io::wkb::read_wkb;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;

/// Rows per batch fetched from the server.
pub const DEFAULT_BATCH_ROWS: i32 = 20_000;

/// The caller's choices for one read.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Only rows whose geometry's box meets this box (in the map CRS) — *Chỉ vùng đang xem*.
    pub view_box_in_map: Option<Rect>,
    /// The CRS to use when the table's geometry has no SRID.
    pub crs_override: Option<Crs>,
    /// Rows per batch (0: [`DEFAULT_BATCH_ROWS`]).
    pub batch_rows: i32,
}

/// What the caller sees after each batch.
pub struct BatchView<'a> {
    /// Rows received so far.
    pub rows_read: u64,
    /// The table's estimated row count (`None` when never analysed).
    pub estimated_rows: Option<u64>,
    /// The features read so far.
    pub features: &'a [SourceFeature],
    /// The layer's fields.
    pub fields: &'a [Field],
    /// The CRS of the features.
    pub crs: Crs,
}

/// Whether to go on reading after a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadControl {
    /// Fetch the next batch.
    Continue,
    /// Stop: the read ends with [`DbError::Cancelled`].
    Cancel,
}

/// A table read: the layer's data in the table's CRS and its link to the table.
#[derive(Debug)]
pub struct DbRead {
    /// Features and fields, in the table's SRID.
    pub data: LayerData,
    /// The table, the rows' keys and versions.
    pub database: DbLayerSource,
    /// Seconds from the start of the read until the first batch had arrived.
    pub first_batch_seconds: f64,
}

/// How one attribute column is selected and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnKind {
    Integer,
    Real,
    Boolean,
    Text,
}

impl ColumnKind {
    fn of(type_name: &str) -> Self {
        match type_name {
            "int2" | "int4" | "int8" | "oid" => Self::Integer,
            "float4" | "float8" | "numeric" => Self::Real,
            "bool" => Self::Boolean,
            _ => Self::Text,
        }
    }

    fn select(self, column: &str) -> String {
        let column = ident(column);
        match self {
            Self::Integer => format!("{column}::int8"),
            Self::Real => format!("{column}::float8"),
            Self::Boolean => column,
            Self::Text => format!("{column}::text"),
        }
    }

    fn attribute_kind(self) -> AttributeKind {
        match self {
            Self::Integer => AttributeKind::Integer,
            Self::Real => AttributeKind::Real,
            Self::Boolean => AttributeKind::Boolean,
            Self::Text => AttributeKind::Text,
        }
    }

    fn value(self, row: &postgres::Row, index: usize) -> Result<AttributeValue, postgres::Error> {
        Ok(match self {
            Self::Integer => row
                .try_get::<_, Option<i64>>(index)?
                .map_or(AttributeValue::Null, AttributeValue::Integer),
            Self::Real => row
                .try_get::<_, Option<f64>>(index)?
                .map_or(AttributeValue::Null, AttributeValue::Real),
            Self::Boolean => row
                .try_get::<_, Option<bool>>(index)?
                .map_or(AttributeValue::Null, AttributeValue::Bool),
            Self::Text => row
                .try_get::<_, Option<String>>(index)?
                .map_or(AttributeValue::Null, AttributeValue::Text),
        })
    }
}

/// True when the key column's values are integers (sent and compared as `int8`).
pub(crate) fn integer_key(type_name: Option<&str>) -> bool {
    matches!(type_name, Some("int2" | "int4" | "int8"))
}

/// The key column selected as `int8` or text.
pub(crate) fn key_select(table: &DbTableInfo) -> Option<String> {
    let key = table.key_column.as_deref()?;
    Some(if integer_key(table.key_type.as_deref()) {
        format!("{}::int8", ident(key))
    } else {
        format!("{}::text", ident(key))
    })
}

/// The geometry column as the WKB expression the atlas reads: geography cast to geometry, curves linearised.
pub(crate) fn geometry_select(table: &DbTableInfo) -> String {
    let column = ident(&table.geometry_column);
    let geometry = if table.geography {
        format!("{column}::geometry")
    } else {
        column
    };
    let curved = matches!(
        table
            .geometry_type
            .to_ascii_uppercase()
            .trim_end_matches(['Z', 'M']),
        "CIRCULARSTRING" | "COMPOUNDCURVE" | "CURVEPOLYGON" | "MULTICURVE" | "MULTISURFACE"
    );
    let generic = table.geometry_type.eq_ignore_ascii_case("GEOMETRY")
        || table
            .geometry_type
            .eq_ignore_ascii_case("GEOMETRYCOLLECTION");
    if curved {
        format!("ST_AsBinary(ST_CurveToLine({geometry}))")
    } else if generic {
        format!(
            "ST_AsBinary(CASE WHEN ST_HasArc({geometry}) THEN ST_CurveToLine({geometry}) ELSE {geometry} END)"
        )
    } else {
        format!("ST_AsBinary({geometry})")
    }
}

/// Decodes a key read by [`key_select`].
pub(crate) fn key_value(
    row: &postgres::Row,
    index: usize,
    integer: bool,
) -> Result<Option<DbKey>, postgres::Error> {
    Ok(if integer {
        row.try_get::<_, Option<i64>>(index)?.map(DbKey::Integer)
    } else {
        row.try_get::<_, Option<String>>(index)?.map(DbKey::Text)
    })
}

/// Reads `source`'s table through `client` (see the module documentation). `on_batch` is called after every
/// batch; returning [`ReadControl::Cancel`] stops the read with [`DbError::Cancelled`].
pub fn read_table(
    client: &mut Client,
    source: &DbSource,
    options: &ReadOptions,
    on_batch: &mut dyn FnMut(BatchView<'_>) -> ReadControl,
) -> Result<DbRead, DbError> {
    let started = Instant::now();
    let mut transaction = client
        .build_transaction()
        .read_only(true)
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .start()
        .map_err(|error| DbError::from_postgres(&error))?;
    let table = describe_table(
        &mut transaction,
        &source.table,
        source.key_column.as_deref(),
    )?;
    let declared_crs = crs_of(table.srid, options.crs_override)?;
    let kinds: Vec<ColumnKind> = table
        .columns
        .iter()
        .map(|column| ColumnKind::of(&column.type_name))
        .collect();
    let fields: Vec<Field> = table
        .columns
        .iter()
        .zip(&kinds)
        .map(|(column, kind)| Field {
            name: column.name.clone(),
            kind: kind.attribute_kind(),
        })
        .collect();
    let view_box = match (options.view_box_in_map, declared_crs) {
        (Some(rect), Some(crs)) => Some(view_box_in(rect, crs, table.srid)?),
        _ => None,
    };
    let statement = select_statement(&source.table, &table, &kinds, view_box.as_ref());
    let bounds: Vec<f64> = view_box
        .map(|found| found.bounds.to_vec())
        .unwrap_or_default();
    let parameters: Vec<&(dyn ToSql + Sync)> = bounds
        .iter()
        .map(|value| value as &(dyn ToSql + Sync))
        .collect();
    let portal = transaction
        .bind(statement.as_str(), &parameters)
        .map_err(|error| about_table(&error, &source.table))?;
    let batch_rows = if options.batch_rows > 0 {
        options.batch_rows
    } else {
        DEFAULT_BATCH_ROWS
    };
    let integer = integer_key(table.key_type.as_deref());
    let mut reading = Reading {
        crs: declared_crs,
        ..Reading::default()
    };
    // A whole table is read at the size the planner statistics give, so the lists do not grow by doubling
    // (which holds the old and the new list at once); a view box's share of the table is unknown.
    if view_box.is_none()
        && let Some(estimate) = table.estimated_rows
    {
        let expected = usize::try_from(estimate.min(RESERVE_ROWS_AT_MOST)).unwrap_or(0);
        reading.features.reserve(expected);
        reading.rows.reserve(expected);
    }
    let mut first_batch_seconds = None;
    loop {
        let rows = transaction
            .query_portal(&portal, batch_rows)
            .map_err(|error| about_table(&error, &source.table))?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            reading.take_row(row, &kinds, integer, table.key_column.is_some())?;
        }
        first_batch_seconds.get_or_insert_with(|| started.elapsed().as_secs_f64());
        let Some(crs) = reading.crs else {
            continue;
        };
        let control = on_batch(BatchView {
            rows_read: reading.rows_read,
            estimated_rows: table.estimated_rows,
            features: &reading.features,
            fields: &fields,
            crs,
        });
        if control == ReadControl::Cancel {
            return Err(DbError::Cancelled);
        }
        if rows.len() < usize::try_from(batch_rows).unwrap_or(usize::MAX) {
            break;
        }
    }
    transaction
        .commit()
        .map_err(|error| DbError::from_postgres(&error))?;
    let crs = match reading.crs {
        Some(crs) => crs,
        None if reading.features.is_empty() => MAP_CRS,
        None => return Err(DbError::NoSrid(source.table.clone())),
    };
    let read_only = if table.is_view {
        Some(DbReadOnly::View)
    } else if table.key_column.is_none() {
        Some(DbReadOnly::NoKey)
    } else {
        None
    };
    let mut notes = Vec::new();
    if reading.dropped_zm {
        notes.push(LayerNote::HeightsOrMeasuresDropped);
    }
    if reading.skipped > 0 {
        notes.push(LayerNote::RowsSkipped {
            count: reading.skipped,
            first_reason: reading.first_skip_reason.clone().unwrap_or_default(),
        });
    }
    Ok(DbRead {
        data: LayerData {
            name: source.table.name.clone(),
            source_path: None,
            crs,
            crs_origin: if options.crs_override.is_some() && table.srid <= 0 {
                CrsOrigin::User
            } else {
                CrsOrigin::Declared
            },
            fields,
            features: reading.features,
            text_encoding: None,
            notes,
        },
        database: DbLayerSource {
            source: source.clone(),
            table,
            view_box,
            rows: reading.rows,
            read_only,
        },
        first_batch_seconds: first_batch_seconds.unwrap_or_else(|| started.elapsed().as_secs_f64()),
    })
}

/// The CRS of a column with `srid`, or the override, or `None` when the rows must tell (SRID 0 without an
/// override).
fn crs_of(srid: i32, crs_override: Option<Crs>) -> Result<Option<Crs>, DbError> {
    if let Some(crs) = crs_override {
        return Ok(Some(crs));
    }
    match u32::try_from(srid) {
        Ok(epsg) if epsg > 0 => Ok(Some(Crs { epsg })),
        _ => Ok(None),
    }
}

/// The SELECT that streams the table: key, version, geometry, SRID, then the attribute columns.
fn select_statement(
    table_ref: &crate::core::db_source::TableRef,
    table: &DbTableInfo,
    kinds: &[ColumnKind],
    view_box: Option<&ViewBox>,
) -> String {
    let key = key_select(table).unwrap_or_else(|| "NULL::int8".to_string());
    let version = if table.is_view {
        "NULL::text".to_string()
    } else {
        "xmin::text".to_string()
    };
    let column = ident(&table.geometry_column);
    let as_geometry = if table.geography {
        format!("{column}::geometry")
    } else {
        column
    };
    let mut select = format!(
        "SELECT {key}, {version}, {}, ST_SRID({as_geometry})",
        geometry_select(table)
    );
    for (column, kind) in table.columns.iter().zip(kinds) {
        select.push_str(", ");
        select.push_str(&kind.select(&column.name));
    }
    select.push_str(" FROM ");
    select.push_str(&table_sql(table_ref));
    if let Some(found) = view_box {
        select.push_str(&format!(
            " WHERE {as_geometry} && ST_MakeEnvelope($1, $2, $3, $4, {})",
            found.srid
        ));
    }
    select
}

/// The map-CRS `rect` as a box in the table's CRS: the box of its corners and edge midpoints reprojected.
fn view_box_in(rect: Rect, crs: Crs, srid: i32) -> Result<ViewBox, DbError> {
    let to_table = Reprojector::new(MAP_CRS, crs)?;
    let (min, max) = (rect.min(), rect.max());
    let mid_x = (min.x + max.x) / 2.0;
    let mid_y = (min.y + max.y) / 2.0;
    let mut bounds = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (x, y) in [
        (min.x, min.y),
        (mid_x, min.y),
        (max.x, min.y),
        (max.x, mid_y),
        (max.x, max.y),
        (mid_x, max.y),
        (min.x, max.y),
        (min.x, mid_y),
    ] {
        let (table_x, table_y) = to_table.convert(x, y)?;
        bounds[0] = bounds[0].min(table_x);
        bounds[1] = bounds[1].min(table_y);
        bounds[2] = bounds[2].max(table_x);
        bounds[3] = bounds[3].max(table_y);
    }
    let srid = if srid > 0 {
        srid
    } else {
        i32::try_from(crs.epsg).unwrap_or(0)
    };
    Ok(ViewBox { srid, bounds })
}

/// The most rows reserved ahead from the table's estimate (a stale estimate must not allocate wildly).
const RESERVE_ROWS_AT_MOST: u64 = 10_000_000;

/// The features, keys and counts gathered while reading.
#[derive(Default)]
struct Reading {
    crs: Option<Crs>,
    features: Vec<SourceFeature>,
    rows: Vec<DbRow>,
    rows_read: u64,
    skipped: usize,
    first_skip_reason: Option<String>,
    dropped_zm: bool,
}

impl Reading {
    /// Takes one row: its feature and key, or a skip with the reason.
    fn take_row(
        &mut self,
        row: &postgres::Row,
        kinds: &[ColumnKind],
        integer_key: bool,
        has_key: bool,
    ) -> Result<(), DbError> {
        self.rows_read += 1;
        let decode = |error: postgres::Error| DbError::from_postgres(&error);
        let key = if has_key {
            key_value(row, 0, integer_key).map_err(decode)?
        } else {
            None
        };
        let version: Option<String> = row.try_get(1).map_err(decode)?;
        let wkb: Option<Vec<u8>> = row.try_get(2).map_err(decode)?;
        let srid: Option<i32> = row.try_get(3).map_err(decode)?;
        let label = key.as_ref().map_or_else(
            || format!("row {}", self.rows_read),
            |key| format!("key {key}"),
        );
        let geometry = match wkb {
            None => Geometry::GeometryCollection(GeometryCollection(Vec::new())),
            Some(bytes) => match read_wkb(&bytes) {
                Ok(read) => {
                    self.dropped_zm |= read.dropped_zm;
                    read.geometry
                }
                Err(message) => {
                    self.skip(format!("{label}: {message}"));
                    return Ok(());
                }
            },
        };
        if let Some(srid) = srid.filter(|srid| *srid > 0) {
            match self.crs {
                None => self.crs = u32::try_from(srid).ok().map(|epsg| Crs { epsg }),
                Some(crs) if i64::from(crs.epsg) != i64::from(srid) => {
                    self.skip(format!(
                        "{label}: SRID {srid}, not the layer's EPSG:{}",
                        crs.epsg
                    ));
                    return Ok(());
                }
                Some(_) => {}
            }
        }
        let mut attributes = Vec::with_capacity(kinds.len());
        for (offset, kind) in kinds.iter().enumerate() {
            attributes.push(kind.value(row, 4 + offset).map_err(decode)?);
        }
        if has_key {
            let Some(key) = key else {
                self.skip(format!("{label}: the key is empty"));
                return Ok(());
            };
            self.rows.push(DbRow {
                key,
                version: version.unwrap_or_default(),
            });
        }
        self.features.push(SourceFeature {
            geometry,
            attributes,
        });
        Ok(())
    }

    fn skip(&mut self, reason: String) {
        self.skipped += 1;
        self.first_skip_reason.get_or_insert(reason);
    }
}
