//! Seeded parcels over Hai Phong: concave 20-vertex polygons on a jittered grid, no two overlapping, each
//! with a land-use class; as map-CRS polygons or written as GeoJSON in WGS 84.

use std::io::Write;

use geo::{Coord, LineString, Polygon};

use super::{HAI_PHONG_BOX_IN_MAP, SeededRng, TestDataError};
use crate::core::crs::{MAP_CRS, Reprojector, WGS84};

/// Vertices of every generated parcel.
pub const PARCEL_VERTICES: usize = 20;

/// The grid used for `count` parcels over the Hai Phong box: (columns, rows, cell size in metres).
pub fn parcel_grid(count: usize) -> (usize, usize, f64) {
    let ([min_x, min_y], [max_x, max_y]) = HAI_PHONG_BOX_IN_MAP;
    let (width, height) = (max_x - min_x, max_y - min_y);
    let cell_m = (width * height / count.max(1) as f64).sqrt();
    let columns = ((width / cell_m).ceil() as usize).max(1);
    let rows = count.div_ceil(columns).max(1);
    (columns, rows, cell_m)
}

/// Parcel number `index` (in map coordinates): a concave star-like ring of [`PARCEL_VERTICES`] corners inside
/// its grid cell, so parcels never overlap.
pub fn parcel_in_map(index: usize, count: usize, seed: u64) -> Polygon {
    let (columns, _, cell_m) = parcel_grid(count);
    let ([min_x, min_y], _) = HAI_PHONG_BOX_IN_MAP;
    let (column, row) = (index % columns, index / columns);
    let mut rng = SeededRng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let center = Coord {
        x: min_x + (column as f64 + 0.5) * cell_m + rng.range(-0.05, 0.05) * cell_m,
        y: min_y + (row as f64 + 0.5) * cell_m + rng.range(-0.05, 0.05) * cell_m,
    };
    let rotation = rng.range(0.0, std::f64::consts::TAU);
    let mut ring: Vec<Coord> = (0..PARCEL_VERTICES)
        .map(|corner| {
            let angle = rotation + std::f64::consts::TAU * corner as f64 / PARCEL_VERTICES as f64;
            let reach = if corner % 2 == 0 {
                rng.range(0.38, 0.44)
            } else {
                rng.range(0.22, 0.32)
            };
            Coord {
                x: center.x + reach * cell_m * angle.cos(),
                y: center.y + reach * cell_m * angle.sin(),
            }
        })
        .collect();
    if let Some(first) = ring.first().copied() {
        ring.push(first);
    }
    Polygon::new(LineString::new(ring), Vec::new())
}

/// Land-use classes cycled through the parcels (so categorized styles and per-class figures have work).
pub const PARCEL_CLASSES: [&str; 5] = [
    "residential",
    "agriculture",
    "commercial",
    "green_space",
    "industrial_port",
];

/// Writes `count` parcels as RFC 7946 GeoJSON (WGS 84, one feature per line) with `parcel_id`, `class` and
/// `dan_so` properties.
pub fn write_parcels_geojson(
    out: &mut dyn Write,
    count: usize,
    seed: u64,
) -> Result<(), TestDataError> {
    let to_wgs84 = Reprojector::new(MAP_CRS, WGS84)?;
    out.write_all(
        b"{\"type\":\"FeatureCollection\",\"name\":\"synthetic_parcels\",\"features\":[\n",
    )?;
    let mut line = String::with_capacity(1024);
    for index in 0..count {
        let polygon = parcel_in_map(index, count, seed);
        line.clear();
        if index > 0 {
            line.push_str(",\n");
        }
        let class = PARCEL_CLASSES[index % PARCEL_CLASSES.len()];
        let population = if class == "residential" {
            20 + index % 180
        } else {
            0
        };
        line.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"parcel_id\":{index},\"class\":\"{class}\",\"dan_so\":{population}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[["
        ));
        for (position, coord) in polygon.exterior().coords().enumerate() {
            let (lon, lat) = to_wgs84.convert(coord.x, coord.y)?;
            if position > 0 {
                line.push(',');
            }
            line.push_str(&format!("[{lon:.7},{lat:.7}]"));
        }
        line.push_str("]]}}");
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Intersects, Validation};

    #[test]
    fn parcels_are_valid_concave_and_do_not_overlap() {
        let count = 400;
        let parcels: Vec<Polygon> = (0..count)
            .map(|index| parcel_in_map(index, count, 7))
            .collect();
        for parcel in &parcels {
            assert!(parcel.is_valid());
            assert_eq!(parcel.exterior().0.len(), PARCEL_VERTICES + 1);
            let hull = geo::ConvexHull::convex_hull(parcel);
            assert!(
                hull.unsigned_area() > parcel.unsigned_area() * 1.05,
                "concave"
            );
        }
        let (columns, _, _) = parcel_grid(count);
        for index in 0..count - columns - 1 {
            for neighbour in [index + 1, index + columns, index + columns + 1] {
                if index % columns != columns - 1 || neighbour == index + columns {
                    assert!(
                        !parcels[index].intersects(&parcels[neighbour]),
                        "{index} meets {neighbour}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let mut first = Vec::new();
        let mut second = Vec::new();
        write_parcels_geojson(&mut first, 50, 3).expect("writes");
        write_parcels_geojson(&mut second, 50, 3).expect("writes");
        assert_eq!(first, second);
        let parsed: serde_json::Value = serde_json::from_slice(&first).expect("valid JSON");
        assert_eq!(parsed["features"].as_array().map(Vec::len), Some(50));
    }
}
