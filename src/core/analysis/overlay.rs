//! Overlay conflicts: infrastructure features that cross zones of chosen classes (a road through protected
//! green space or water), with the length or area inside each zone. Candidate zones come from the zones
//! layer's R-tree; the clipping is guarded so a failing overlay skips one pair instead of stopping the app.

use std::collections::BTreeSet;

use geo::algorithm::bool_ops::BooleanOps;
use geo::{Area, Contains, Euclidean, Geometry, Length, MultiLineString};
use serde::Serialize;

use super::units::as_multipolygon;
use crate::core::layer::Layer;

/// One infrastructure feature inside one zone of a protected class.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// Position of the infrastructure feature in its layer.
    pub infrastructure_feature: usize,
    /// Position of the zone in the zones layer.
    pub zone_feature: usize,
    /// The zone's class.
    pub zone_class: String,
    /// Length of line inside the zone, in metres (lines).
    pub length_m: f64,
    /// Area inside the zone, in m² (polygons).
    pub area_m2: f64,
}

/// All conflicts between `infrastructure` and the zones of `classes` (attribute `class_field` of `zones`),
/// sorted by infrastructure feature then zone. Points count when inside a zone (length and area zero).
pub fn overlay_conflicts(
    infrastructure: &Layer,
    zones: &Layer,
    class_field: &str,
    classes: &BTreeSet<String>,
) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    for (infra_position, infra) in infrastructure.features.iter().enumerate() {
        let Some(bbox) = infra.bbox_in_map else {
            continue;
        };
        let mut candidates: Vec<usize> = zones.index.query(bbox).collect();
        candidates.sort_unstable();
        for zone_position in candidates {
            let Some(class) = zones
                .attribute(zone_position, class_field)
                .map(ToString::to_string)
            else {
                continue;
            };
            if !classes.contains(&class) {
                continue;
            }
            let Some(zone) = zones
                .features
                .get(zone_position)
                .and_then(|zone| as_multipolygon(&zone.geometry_in_map))
            else {
                continue;
            };
            if let Some((length_m, area_m2)) = inside_measure(&infra.geometry_in_map, &zone) {
                conflicts.push(Conflict {
                    infrastructure_feature: infra_position,
                    zone_feature: zone_position,
                    zone_class: class,
                    length_m,
                    area_m2,
                });
            }
        }
    }
    conflicts
}

/// (length inside, area inside) when `geometry` meets `zone`; `None` when it does not (or the overlay failed).
fn inside_measure(geometry: &Geometry, zone: &geo::MultiPolygon) -> Option<(f64, f64)> {
    match geometry {
        Geometry::Point(point) => zone.contains(point).then_some((0.0, 0.0)),
        Geometry::MultiPoint(points) => points
            .iter()
            .any(|point| zone.contains(point))
            .then_some((0.0, 0.0)),
        Geometry::LineString(line) => {
            clipped_length(zone, &MultiLineString::new(vec![line.clone()]))
        }
        Geometry::MultiLineString(lines) => clipped_length(zone, lines),
        other => {
            let area = as_multipolygon(other)?;
            let inside = std::panic::catch_unwind(|| zone.intersection(&area)).ok()?;
            let area_m2 = inside.unsigned_area();
            (area_m2 > 0.0).then_some((0.0, area_m2))
        }
    }
}

fn clipped_length(zone: &geo::MultiPolygon, lines: &MultiLineString) -> Option<(f64, f64)> {
    let inside = std::panic::catch_unwind(|| zone.clip(lines, false)).ok()?;
    let length_m: f64 = inside.iter().map(|line| Euclidean.length(line)).sum();
    (length_m > 0.0).then_some((length_m, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, polygon};

    #[test]
    fn a_road_through_a_green_zone_reports_the_length_inside() {
        let zone = geo::MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 1_000.0, y: 0.0), (x: 1_000.0, y: 1_000.0), (x: 0.0, y: 1_000.0)
        ]]);
        let road = Geometry::LineString(LineString::from(vec![(-500.0, 500.0), (1_500.0, 500.0)]));
        let (length_m, _) = inside_measure(&road, &zone).expect("crosses");
        assert!((length_m - 1_000.0).abs() < 1e-6, "{length_m}");
        let beside = Geometry::LineString(LineString::from(vec![
            (-500.0, 1_500.0),
            (1_500.0, 1_500.0),
        ]));
        assert_eq!(inside_measure(&beside, &zone), None);
    }
}
