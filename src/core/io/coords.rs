//! The check every reader applies to a coordinate before accepting it: finite, and within the range of its CRS
//! (degrees for a geographic CRS, at most ten Earth circumferences in metres otherwise). Keeping it in one place
//! makes every format refuse the same NaN, infinity or 1e308 with the same words. Degrees a hair beyond the
//! range (within [`DEGREE_NOISE`], float noise such as the longitude 180.00000000000006 other tools write at the
//! antimeridian) are clamped to it rather than refused.

use geo::Coord;

use crate::core::crs::Crs;

/// Largest absolute coordinate accepted in a projected CRS, in metres (ten times the Earth's circumference).
pub(crate) const MAX_PROJECTED_COORDINATE_M: f64 = 4.0e8;

/// How far beyond ±180° of longitude or ±90° of latitude a coordinate may lie and still be taken as float noise
/// (clamped to the range): 1e-9° is about 0.1 mm.
pub(crate) const DEGREE_NOISE: f64 = 1e-9;

/// `value` clamped to ±`limit` when it lies beyond by at most [`DEGREE_NOISE`]; unchanged otherwise.
fn clamp_noise(value: f64, limit: f64) -> f64 {
    if value.abs() > limit && value.abs() <= limit + DEGREE_NOISE {
        limit.copysign(value)
    } else {
        value
    }
}

/// Accepts `(x, y)` in `crs` (degrees a hair out of range clamped, see [`DEGREE_NOISE`]), or says what is wrong
/// with it.
pub(crate) fn checked_coord(x: f64, y: f64, crs: Crs) -> Result<Coord, String> {
    if !x.is_finite() || !y.is_finite() {
        return Err(format!("coordinate ({x}, {y}) is not a finite number"));
    }
    if crs.is_geographic() {
        let (x, y) = (clamp_noise(x, 180.0), clamp_noise(y, 90.0));
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            return Err(format!(
                "coordinate ({x}, {y}) is outside longitude −180…180 / latitude −90…90 of {crs}; \
                 if the file is in a projected grid such as VN-2000, choose its CRS"
            ));
        }
        return Ok(Coord { x, y });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::{VN2000_TM3_105_45, WGS84};

    #[test]
    fn degrees_a_hair_out_of_range_are_clamped_and_further_ones_refused() {
        let clamped = checked_coord(180.000_000_000_000_06, -90.000_000_000_1, WGS84);
        assert_eq!(clamped, Ok(Coord { x: 180.0, y: -90.0 }));
        let west = checked_coord(-180.000_000_000_000_06, 20.0, WGS84);
        assert_eq!(west, Ok(Coord { x: -180.0, y: 20.0 }));
        assert!(checked_coord(180.000_001, 0.0, WGS84).is_err());
        assert!(checked_coord(0.0, 90.01, WGS84).is_err());
        assert_eq!(
            checked_coord(106.5, 20.8, WGS84),
            Ok(Coord { x: 106.5, y: 20.8 })
        );
        assert_eq!(
            checked_coord(597_432.0, 2_306_067.0, VN2000_TM3_105_45),
            Ok(Coord {
                x: 597_432.0,
                y: 2_306_067.0
            }),
            "metres are not clamped"
        );
    }
}
