//! Seeded service sites (Wi-Fi, 5G, 4G, service centres with their radii) over Hai Phong or inside given
//! areas, written as GeoJSON in WGS 84.

use std::io::Write;

use geo::Coord;

use super::{HAI_PHONG_BOX_IN_MAP, SeededRng, TestDataError};
use crate::core::crs::{MAP_CRS, Reprojector, WGS84};

/// Writes `count` service sites (WGS 84 points with `type` and `radius_m`) spread over the Hai Phong box, or
/// inside `within` (map-coordinate polygons) when given.
pub fn write_sites_geojson(
    out: &mut dyn Write,
    count: usize,
    within: &[geo::MultiPolygon],
    seed: u64,
) -> Result<(), TestDataError> {
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
