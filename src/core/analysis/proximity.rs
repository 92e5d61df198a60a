//! Proximity: how far each unit is from its nearest service centre, found through an R-tree nearest-neighbour
//! query. A unit's distance is measured from its interior point (a point guaranteed inside the polygon, near
//! its middle) — a stand-in for where its residents are.

use geo::{Coord, InteriorPoint, MultiPolygon};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::Serialize;

/// The distance from one unit to its nearest service centre.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitProximity {
    /// Zero-based unit number.
    pub unit: usize,
    /// Distance in metres from the unit's interior point to the nearest centre (infinite when there is none).
    pub nearest_m: f64,
    /// Zero-based number of that centre in the list given.
    pub nearest_site: Option<usize>,
}

/// For each unit, the nearest of `sites`; returns only the units farther than `threshold_m`, farthest first.
pub fn units_farther_than(
    units: &[MultiPolygon],
    sites: &[Coord],
    threshold_m: f64,
) -> Vec<UnitProximity> {
    let tree = RTree::bulk_load(
        sites
            .iter()
            .enumerate()
            .map(|(position, site)| GeomWithData::new([site.x, site.y], position))
            .collect(),
    );
    let mut rows: Vec<UnitProximity> = units
        .iter()
        .enumerate()
        .filter_map(|(unit, polygon)| {
            let anchor = polygon.interior_point()?;
            let nearest = tree.nearest_neighbor(&[anchor.x(), anchor.y()]);
            let (nearest_m, nearest_site) = match nearest {
                Some(site) => (
                    (site.geom()[0] - anchor.x()).hypot(site.geom()[1] - anchor.y()),
                    Some(site.data),
                ),
                None => (f64::INFINITY, None),
            };
            Some(UnitProximity {
                unit,
                nearest_m,
                nearest_site,
            })
        })
        .filter(|row| row.nearest_m > threshold_m)
        .collect();
    rows.sort_by(|a, b| b.nearest_m.total_cmp(&a.nearest_m));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn finds_the_units_beyond_the_threshold_farthest_first() {
        let square = |x0: f64| {
            MultiPolygon::new(vec![polygon![
                (x: x0, y: 0.0), (x: x0 + 100.0, y: 0.0), (x: x0 + 100.0, y: 100.0), (x: x0, y: 100.0)
            ]])
        };
        let units = vec![square(0.0), square(1_000.0), square(5_000.0)];
        let sites = [Coord { x: 50.0, y: 50.0 }];
        let far = units_farther_than(&units, &sites, 500.0);
        assert_eq!(
            far.iter().map(|row| row.unit).collect::<Vec<_>>(),
            vec![2, 1]
        );
        assert!((far[1].nearest_m - 1_000.0).abs() < 1e-9);
        let none = units_farther_than(&units, &[], 500.0);
        assert_eq!(none.len(), 3);
        assert!(none.iter().all(|row| row.nearest_site.is_none()));
    }
}
