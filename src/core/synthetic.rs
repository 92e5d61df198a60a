//! Deterministic synthetic data for benchmarks and the side-by-side comparison: parcel layers of any size
//! over Hai Phong (concave 20-vertex polygons on a jittered grid, no two overlapping) and service sites inside
//! them. The same seed always gives the same bytes, so anyone can regenerate the benchmark inputs.

use std::io::Write;

use geo::{Coord, LineString, Polygon};

use super::crs::{CrsError, MAP_CRS, Reprojector, WGS84};

/// The generation area in EPSG:9210 metres: the merged Hai Phong city's bounding box.
pub const HAI_PHONG_BOX_IN_MAP: ([f64; 2], [f64; 2]) =
    ([548_000.0, 2_270_000.0], [650_000.0, 2_346_000.0]);

/// Vertices of every generated parcel.
pub const PARCEL_VERTICES: usize = 20;

/// A seeded xorshift64* generator (no dependency, stable across platforms).
#[derive(Clone, Debug)]
pub struct SeededRng(u64);

impl SeededRng {
    /// A generator from a seed (zero is replaced by a fixed constant).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A uniform number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64().checked_rem(bound).unwrap_or(0)
    }

    /// A uniform number in [low, high).
    pub fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next_f64()
    }
}

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
) -> Result<(), SyntheticError> {
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

/// Writes `count` service sites (WGS 84 points with `type` and `radius_m`) spread over the Hai Phong box, or
/// inside `within` (map-coordinate polygons) when given.
pub fn write_sites_geojson(
    out: &mut dyn Write,
    count: usize,
    within: &[geo::MultiPolygon],
    seed: u64,
) -> Result<(), SyntheticError> {
    use geo::{BoundingRect, Contains};
    let to_wgs84 = Reprojector::new(MAP_CRS, WGS84)?;
    let kinds = [
        ("wifi", 120.0),
        ("5G", 600.0),
        ("4G", 1_500.0),
        ("service_centre", 2_000.0),
    ];
    let mut rng = SeededRng::new(seed);
    out.write_all(
        b"{\"type\":\"FeatureCollection\",\"name\":\"synthetic_sites\",\"features\":[\n",
    )?;
    let mut written = 0;
    let mut attempts = 0_usize;
    while written < count && attempts < count.saturating_mul(1_000).max(1_000) {
        attempts += 1;
        let at = match within.get((rng.next_f64() * within.len() as f64) as usize) {
            Some(area) => {
                let Some(bbox) = area.bounding_rect() else {
                    continue;
                };
                let at = Coord {
                    x: rng.range(bbox.min().x, bbox.max().x),
                    y: rng.range(bbox.min().y, bbox.max().y),
                };
                if !area.contains(&geo::Point(at)) {
                    continue;
                }
                at
            }
            None => {
                let ([min_x, min_y], [max_x, max_y]) = HAI_PHONG_BOX_IN_MAP;
                Coord {
                    x: rng.range(min_x, max_x),
                    y: rng.range(min_y, max_y),
                }
            }
        };
        let (kind, radius_m) = kinds[(rng.next_f64() * kinds.len() as f64) as usize % kinds.len()];
        let (lon, lat) = to_wgs84.convert(at.x, at.y)?;
        let separator = if written > 0 { ",\n" } else { "" };
        out.write_all(
            format!(
                "{separator}{{\"type\":\"Feature\",\"properties\":{{\"site_id\":{written},\"type\":\"{kind}\",\"radius_m\":{radius_m}}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon:.7},{lat:.7}]}}}}"
            )
            .as_bytes(),
        )?;
        written += 1;
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}

/// Generation failed.
#[derive(Debug, thiserror::Error)]
pub enum SyntheticError {
    /// Reprojection failed.
    #[error(transparent)]
    Crs(#[from] CrsError),
    /// Writing failed.
    #[error("cannot write the generated data: {0}")]
    Io(#[from] std::io::Error),
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
