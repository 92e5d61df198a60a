//! CSV tables whose geometry is a column of Well-Known Text (`WKT`, `geometry`, `the_geom`, …), as GDAL's
//! `ogr2ogr -f CSV -lco GEOMETRY=AS_WKT`, QGIS's "Save as CSV" and many databases' exports write them. Each
//! cell is read by GDAL's WKT parser (curves included) and checked like any other geometry; a row whose cell
//! is empty or not WKT is kept without a geometry and counted in a note. The WKT column itself is not kept
//! as an attribute (it is the geometry). Degrees over the whole sample mean WGS 84; metres leave the CRS to
//! the user, as for coordinate columns.

use geo::{BoundingRect, Geometry, GeometryCollection, MapCoords};

use super::coords::{check_parts, checked_coord};
use super::wkb::read_wkb;
use crate::core::crs::Crs;

/// Column names that hold WKT geometry (compared without case).
const WKT_COLUMN_NAMES: [&str; 8] = [
    "wkt", "wkt_geom", "geometry", "geom", "the_geom", "shape", "hinh_hoc", "hinhhoc",
];

/// The words a WKT geometry starts with.
const WKT_KEYWORDS: [&str; 14] = [
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
    "CIRCULARSTRING",
    "COMPOUNDCURVE",
    "CURVEPOLYGON",
    "MULTICURVE",
    "MULTISURFACE",
    "TRIANGLE",
    "TIN",
];

/// True when `cell` starts like a WKT geometry (`POINT (…`, `MULTIPOLYGON Z (…`, `POLYGON EMPTY`).
pub(super) fn looks_like_wkt(cell: &str) -> bool {
    let cell = cell.trim_start();
    let word: String = cell
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    let rest = cell[word.len()..].trim_start();
    WKT_KEYWORDS.contains(&word.as_str())
        && (rest.starts_with('(')
            || rest.starts_with(['Z', 'M', 'z', 'm'])
            || rest.to_ascii_uppercase().starts_with("EMPTY"))
}

/// The column holding WKT geometry: one named as such whose filled sample cells are WKT, else the first
/// column whose filled sample cells all are.
pub(super) fn wkt_column(headers: &[String], sample: &[Vec<String>]) -> Option<usize> {
    let all_wkt = |at: usize| {
        let mut filled = sample
            .iter()
            .filter_map(|row| row.get(at))
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .peekable();
        filled.peek().is_some() && filled.all(looks_like_wkt)
    };
    let named = headers
        .iter()
        .position(|name| WKT_COLUMN_NAMES.contains(&name.trim().to_ascii_lowercase().as_str()));
    named
        .filter(|&at| all_wkt(at))
        .or_else(|| (0..headers.len()).find(|&at| all_wkt(at)))
}

/// The geometry of one WKT cell, segmented if curved, in 2-D (Z and M are dropped; the second value says
/// whether there were any).
pub(super) fn parse_wkt(cell: &str) -> Result<(Geometry, bool), String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Err("the geometry cell is empty".into());
    }
    let wkb = super::gdal_formats::wkt_as_wkb(cell)?;
    let read = read_wkb(&wkb)?;
    Ok((read.geometry, read.dropped_zm))
}

/// `geometry` checked for `crs` (finite, in range, degrees a hair out of range clamped; lines with two
/// positions, rings with three corners).
pub(super) fn checked_for(geometry: Geometry, crs: Crs) -> Result<Geometry, String> {
    let geometry = geometry.try_map_coords(|coord| checked_coord(coord.x, coord.y, crs))?;
    check_parts(&geometry)?;
    Ok(geometry)
}

/// True when no position of `geometries` lies outside longitude −180…180 and latitude −90…90 — also when
/// there is no position at all (every cell unreadable or empty: nothing is placed, and nothing says metres).
/// The CRS is then taken as WGS 84.
pub(super) fn nothing_in_metres<'a>(geometries: impl IntoIterator<Item = &'a Geometry>) -> bool {
    geometries
        .into_iter()
        .filter_map(|geometry| geometry.bounding_rect())
        .all(|rect| {
            let (min, max) = (rect.min(), rect.max());
            !(min.x < -180.0 || max.x > 180.0 || min.y < -90.0 || max.y > 90.0)
        })
}

/// The empty geometry a row without one gets.
pub(super) fn no_geometry() -> Geometry {
    Geometry::GeometryCollection(GeometryCollection::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|cell| cell.to_string()).collect())
            .collect()
    }

    #[test]
    fn wkt_cells_are_told_from_text() {
        assert!(looks_like_wkt("POINT (106.68 20.85)"));
        assert!(looks_like_wkt("  multipolygon(((0 0,1 0,1 1,0 0)))"));
        assert!(looks_like_wkt("LINESTRING Z (0 0 1,1 1 2)"));
        assert!(looks_like_wkt("POLYGON EMPTY"));
        assert!(!looks_like_wkt("Point of sale"));
        assert!(!looks_like_wkt("Polygonum"));
        assert!(!looks_like_wkt("106.68"));
    }

    #[test]
    fn the_geometry_column_is_found_by_name_or_by_content() {
        let headers = vec!["ten".to_string(), "WKT".to_string()];
        let rows = cells(&[&["A", "POINT (1 2)"], &["B", ""]]);
        assert_eq!(wkt_column(&headers, &rows), Some(1));
        let headers = vec!["ten".to_string(), "hinh".to_string()];
        assert_eq!(wkt_column(&headers, &rows), Some(1));
        let rows = cells(&[&["A", "1"], &["B", "2"]]);
        assert_eq!(wkt_column(&headers, &rows), None);
    }

    #[test]
    fn a_wkt_cell_becomes_its_geometry_and_bad_text_says_why() {
        let (geometry, dropped) = parse_wkt("POINT Z (106.68 20.85 3)").expect("a point");
        assert_eq!(geometry, Geometry::Point(geo::Point::new(106.68, 20.85)));
        assert!(dropped);
        assert!(parse_wkt("POLYGON ((0 0, 1 0").is_err());
        assert!(parse_wkt("").is_err());
    }
}
