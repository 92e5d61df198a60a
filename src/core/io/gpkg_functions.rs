//! The SQL functions a GeoPackage's spatial index triggers call (`ST_MinX`, `ST_MaxX`, `ST_MinY`, `ST_MaxY`,
//! `ST_IsEmpty`, as in the GeoPackage R-tree extension). GDAL and QGIS write such triggers into every table
//! with a spatial index and provide the functions themselves; plain SQLite does not, so a connection that
//! inserts, updates or deletes features must register them, or the trigger fails (and the change with it).
//! Each takes a GeoPackage geometry blob and returns NULL for anything else.

use geo::{BoundingRect, CoordsIter, Rect};
use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;

use super::wkb::read_wkb;

/// One coordinate of a rectangle's corners.
type RectCorner = fn(&Rect) -> f64;

/// Registers the R-tree extension's geometry functions on `connection`.
pub(super) fn register_geometry_functions(connection: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    let corners: [(&str, RectCorner); 4] = [
        ("ST_MinX", |rect| rect.min().x),
        ("ST_MaxX", |rect| rect.max().x),
        ("ST_MinY", |rect| rect.min().y),
        ("ST_MaxY", |rect| rect.max().y),
    ];
    for (name, corner) in corners {
        connection.create_scalar_function(name, 1, flags, move |context: &Context| {
            Ok(blob_argument(context)
                .and_then(blob_extent)
                .map(|rect| corner(&rect)))
        })?;
    }
    connection.create_scalar_function("ST_IsEmpty", 1, flags, |context: &Context| {
        Ok(blob_argument(context).map(|blob| i64::from(blob_is_empty(blob))))
    })
}

fn blob_argument<'a>(context: &'a Context) -> Option<&'a [u8]> {
    match context.get_raw(0) {
        ValueRef::Blob(blob) => Some(blob),
        _ => None,
    }
}

/// Header flags and the WKB after the envelope, when `blob` is a GeoPackage geometry.
fn parts(blob: &[u8]) -> Option<(u8, &[u8])> {
    if blob.get(..2) != Some(b"GP".as_slice()) {
        return None;
    }
    let flags = *blob.get(3)?;
    let envelope_bytes = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        _ => return None,
    };
    Some((flags, blob.get(8 + envelope_bytes..)?))
}

/// The XY bounding rectangle of a GeoPackage geometry blob (from its WKB, so a missing envelope is no
/// matter); `None` for an empty or unreadable geometry.
fn blob_extent(blob: &[u8]) -> Option<Rect> {
    let (_, wkb) = parts(blob)?;
    read_wkb(wkb).ok()?.geometry.bounding_rect()
}

/// True when the blob says it is empty or its geometry has no coordinates.
fn blob_is_empty(blob: &[u8]) -> bool {
    let Some((flags, wkb)) = parts(blob) else {
        return true;
    };
    flags & 0b0001_0000 != 0 || read_wkb(wkb).map_or(true, |read| read.geometry.coords_count() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_can_index_a_geometry() {
        let connection = Connection::open_in_memory().expect("memory database");
        register_geometry_functions(&connection).expect("registered");
        let mut blob = b"GP\x00\x01".to_vec();
        blob.extend(0i32.to_le_bytes());
        blob.push(1);
        blob.extend(2u32.to_le_bytes());
        blob.extend(2u32.to_le_bytes());
        for value in [1.0f64, 5.0, 3.0, 2.0] {
            blob.extend(value.to_le_bytes());
        }
        let row: (f64, f64, f64, f64, i64, Option<f64>) = connection
            .query_row(
                "SELECT ST_MinX(?1), ST_MaxX(?1), ST_MinY(?1), ST_MaxY(?1), ST_IsEmpty(?1), ST_MinX(NULL)",
                [&blob],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)),
            )
            .expect("queried");
        assert_eq!(row, (1.0, 3.0, 2.0, 5.0, 0, None));
    }
}
