//! True ground measures of a feature: geodesic area and length on the WGS 84 ellipsoid (Karney's algorithms
//! through `geo`), whatever CRS the feature is stored in — so figures do not depend on a projection's scale.

use geo::{Geodesic, GeodesicArea, Geometry, Length};

use super::crs::{Crs, CrsError, Reprojector, WGS84};
use super::geometry::dimension;

/// The size of one feature on the ground.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GroundMeasure {
    /// An area, in square metres.
    Area {
        /// Geodesic area in m².
        area_m2: f64,
    },
    /// A length, in metres.
    Length {
        /// Geodesic length in m.
        length_m: f64,
    },
    /// Points and empty geometries have no size.
    None,
}

/// Measures `geometry` (stored in `crs`) geodesically on WGS 84.
pub fn ground_measure(geometry: &Geometry, crs: Crs) -> Result<GroundMeasure, CrsError> {
    let in_wgs84 = Reprojector::new(crs, WGS84)?.convert_geometry(geometry)?;
    Ok(match dimension(geometry) {
        2 => GroundMeasure::Area {
            area_m2: in_wgs84.geodesic_area_unsigned(),
        },
        1 => GroundMeasure::Length {
            length_m: line_length_m(&in_wgs84),
        },
        _ => GroundMeasure::None,
    })
}

fn line_length_m(geometry: &Geometry) -> f64 {
    match geometry {
        Geometry::Line(line) => Geodesic.length(line),
        Geometry::LineString(line) => Geodesic.length(line),
        Geometry::MultiLineString(lines) => lines.iter().map(|line| Geodesic.length(line)).sum(),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::VN2000_TM3_105_45;
    use geo::{LineString, Polygon};

    #[test]
    fn a_one_kilometre_grid_square_near_hai_phong_is_about_one_square_kilometre() {
        // A 1 km × 1 km square in EPSG:9210 near the city centre; the TM-3 scale factor there is ≈ 1.00001,
        // so its ground area is 1 km² within 0.1 %.
        let (x, y) = (597_000.0, 2_306_000.0);
        let square = Polygon::new(
            LineString::from(vec![
                (x, y),
                (x + 1000.0, y),
                (x + 1000.0, y + 1000.0),
                (x, y + 1000.0),
                (x, y),
            ]),
            vec![],
        );
        let measure =
            ground_measure(&Geometry::Polygon(square), VN2000_TM3_105_45).expect("in zone");
        let GroundMeasure::Area { area_m2 } = measure else {
            panic!("a polygon has an area, got {measure:?}");
        };
        assert!((area_m2 - 1.0e6).abs() < 1.0e3, "area {area_m2}");
    }

    #[test]
    fn one_degree_of_latitude_at_21_degrees_is_the_meridian_arc() {
        let line = LineString::from(vec![(106.7, 20.5), (106.7, 21.5)]);
        let measure = ground_measure(&Geometry::LineString(line), WGS84).expect("valid");
        let GroundMeasure::Length { length_m } = measure else {
            panic!("a line has a length, got {measure:?}");
        };
        // Meridian arc from 20.5° to 21.5° N on WGS 84 (integrated from the meridian radius): 110 717.05 m.
        assert!((length_m - 110_717.05).abs() < 0.5, "length {length_m}");
    }
}
