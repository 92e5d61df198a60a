//! The check every reader applies to a coordinate before accepting it: finite, and within the range of its CRS
//! (degrees for a geographic CRS, at most ten Earth circumferences in metres otherwise). Keeping it in one place
//! makes every format refuse the same NaN, infinity or 1e308 with the same words.

use geo::Coord;

use crate::core::crs::Crs;

/// Largest absolute coordinate accepted in a projected CRS, in metres (ten times the Earth's circumference).
pub(crate) const MAX_PROJECTED_COORDINATE_M: f64 = 4.0e8;

/// Accepts `(x, y)` in `crs`, or says what is wrong with it.
pub(crate) fn checked_coord(x: f64, y: f64, crs: Crs) -> Result<Coord, String> {
    if !x.is_finite() || !y.is_finite() {
        return Err(format!("coordinate ({x}, {y}) is not a finite number"));
    }
    if crs.is_geographic() {
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            return Err(format!(
                "coordinate ({x}, {y}) is outside longitude −180…180 / latitude −90…90 of {crs}; \
                 if the file is in a projected grid such as VN-2000, choose its CRS"
            ));
        }
    } else if x.abs() > MAX_PROJECTED_COORDINATE_M || y.abs() > MAX_PROJECTED_COORDINATE_M {
        return Err(format!(
            "coordinate ({x}, {y}) is too large for {crs} (metres)"
        ));
    }
    Ok(Coord { x, y })
}

/// Checks that every line has at least 2 positions and every ring at least 3 distinct corners, for formats
/// whose geometry encoding does not guarantee it (WKB).
pub(crate) fn check_parts(geometry: &geo::Geometry) -> Result<(), String> {
    use geo::Geometry;
    let line = |line: &geo::LineString| {
        if line.0.len() < 2 {
            Err(format!(
                "a line has {} position(s); it needs at least 2",
                line.0.len()
            ))
        } else {
            Ok(())
        }
    };
    let ring = |number: usize, ring: &geo::LineString| {
        let closed = ring.0.len() > 1 && ring.0.first() == ring.0.last();
        let distinct = ring.0.len().saturating_sub(usize::from(closed));
        if distinct < 3 {
            Err(format!(
                "ring {number} has {} position(s); a ring needs at least 3 distinct corners",
                ring.0.len()
            ))
        } else {
            Ok(())
        }
    };
    let polygon = |polygon: &geo::Polygon| {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .enumerate()
            .try_for_each(|(number, each)| ring(number, each))
    };
    match geometry {
        Geometry::LineString(each) => line(each),
        Geometry::MultiLineString(lines) => lines.0.iter().try_for_each(line),
        Geometry::Polygon(each) => polygon(each),
        Geometry::MultiPolygon(polygons) => polygons.0.iter().try_for_each(polygon),
        Geometry::GeometryCollection(parts) => parts.0.iter().try_for_each(check_parts),
        _ => Ok(()),
    }
}
