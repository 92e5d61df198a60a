//! Single test shapes: a smooth wavy ring, a stand-in for a detailed coastline-like boundary, used by the
//! editing and validity benchmarks.

use geo::{Coord, LineString};

/// A closed ring of `corners` corners around `center` (map metres), its radius `radius_m` waving by ±2 %
/// seven times around; counter-clockwise, never self-intersecting.
pub fn wavy_ring(center: [f64; 2], radius_m: f64, corners: usize) -> LineString {
    let mut coords: Vec<Coord> = (0..corners)
        .map(|corner| {
            let angle = std::f64::consts::TAU * corner as f64 / corners as f64;
            let reach = radius_m * (1.0 + 0.02 * (7.0 * angle).sin());
            Coord {
                x: center[0] + reach * angle.cos(),
                y: center[1] + reach * angle.sin(),
            }
        })
        .collect();
    if let Some(&first) = coords.first() {
        coords.push(first);
    }
    LineString::new(coords)
}
