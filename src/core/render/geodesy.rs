//! The two ground truths map furniture needs at the centre of a view: how many ground metres one map metre
//! is (for a scale bar in true metres, measured geodesically on WGS 84), and how far true north is turned
//! from grid north (the meridian convergence of the TM-3 projection).

use geo::{Distance, Geodesic, Point};

use crate::core::crs::Reprojector;

/// Ground metres per map metre at `pt_in_map`, measured along the grid's east–west direction over
/// `span_m` map metres centred on the point. `None` when the point cannot be reprojected.
pub fn ground_per_map_metre(
    pt_in_map: [f64; 2],
    span_m: f64,
    to_wgs84: &Reprojector,
) -> Option<f64> {
    if !(span_m.is_finite() && span_m > 0.0) {
        return None;
    }
    let half = span_m / 2.0;
    let west = to_wgs84.convert(pt_in_map[0] - half, pt_in_map[1]).ok()?;
    let east = to_wgs84.convert(pt_in_map[0] + half, pt_in_map[1]).ok()?;
    let metres = Geodesic.distance(Point::new(west.0, west.1), Point::new(east.0, east.1));
    (metres.is_finite() && metres > 0.0).then_some(metres / span_m)
}

/// The direction of true north at `pt_in_map`, in radians clockwise from grid north (negative when true
/// north lies west of grid north, as east of the central meridian).
pub fn true_north_from_grid(
    pt_in_map: [f64; 2],
    to_wgs84: &Reprojector,
    from_wgs84: &Reprojector,
) -> Option<f64> {
    let (lon, lat) = to_wgs84.convert(pt_in_map[0], pt_in_map[1]).ok()?;
    let north = from_wgs84.convert(lon, (lat + 0.01).min(89.99)).ok()?;
    let (dx, dy) = (north.0 - pt_in_map[0], north.1 - pt_in_map[1]);
    (dx != 0.0 || dy != 0.0).then(|| dx.atan2(dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::{MAP_CRS, WGS84};

    #[test]
    fn hai_phong_ground_scale_and_convergence() {
        let to_wgs84 = Reprojector::new(MAP_CRS, WGS84).expect("PROJ knows EPSG:9210");
        let from_wgs84 = Reprojector::new(WGS84, MAP_CRS).expect("PROJ knows EPSG:9210");
        let centre = [597_432.44, 2_306_067.77];
        let factor = ground_per_map_metre(centre, 1_000.0, &to_wgs84).expect("inside the zone");
        assert!((factor - 1.0).abs() < 0.0005, "factor {factor}");
        let angle = true_north_from_grid(centre, &to_wgs84, &from_wgs84).expect("inside the zone");
        // Convergence γ ≈ Δλ·sin φ = 0.938° × sin 20.84° ≈ 0.334°, true north west of grid north.
        assert!(
            (angle.to_degrees() + 0.334).abs() < 0.02,
            "{}",
            angle.to_degrees()
        );
    }
}
