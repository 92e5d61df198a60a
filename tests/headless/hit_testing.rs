//! Identify: the index proposes candidates, the exact test decides — holes are empty, lines and points need
//! the click within tolerance, points win over the polygons under them.

use geo::Point;
use hpatlas::core::crs::{Reprojector, VN2000_TM3_105_45, WGS84};
use hpatlas::core::index::hit_test;

use crate::load_fixture;

fn in_map(lon: f64, lat: f64) -> Point {
    let reprojector = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("PROJ");
    let (x, y) = reprojector.convert(lon, lat).expect("in zone");
    Point::new(x, y)
}

#[test]
fn a_click_in_the_ring_hits_and_in_the_hole_misses() {
    let layer = load_fixture("shapes.geojson");
    let tolerance_m = 5.0;
    assert_eq!(
        hit_test(
            &layer.features,
            &layer.index,
            in_map(106.61, 20.85),
            tolerance_m
        ),
        Some(0)
    );
    assert_eq!(
        hit_test(
            &layer.features,
            &layer.index,
            in_map(106.65, 20.85),
            tolerance_m
        ),
        None
    );
}

#[test]
fn the_inside_of_the_u_is_not_part_of_it() {
    let layer = load_fixture("shapes.geojson");
    assert_eq!(
        hit_test(&layer.features, &layer.index, in_map(106.85, 20.88), 5.0),
        None
    );
    assert_eq!(
        hit_test(&layer.features, &layer.index, in_map(106.81, 20.88), 5.0),
        Some(1)
    );
}

#[test]
fn lines_are_hit_within_tolerance_only() {
    let layer = load_fixture("shapes.geojson");
    // On the line from (106.50, 20.75) to (106.95, 20.95), at lon 106.545 lat 20.77.
    let on_line = in_map(106.545, 20.77);
    assert_eq!(
        hit_test(&layer.features, &layer.index, on_line, 20.0),
        Some(3)
    );
    let beside = Point::new(on_line.x(), on_line.y() + 200.0);
    assert_eq!(hit_test(&layer.features, &layer.index, beside, 20.0), None);
}

#[test]
fn a_point_wins_over_the_polygon_it_lies_in() {
    let layer = load_fixture("shapes.geojson");
    // The 5G station at 106.6881, 20.8449 lies inside the ring of feature 0 (east of the hole).
    let near_station = in_map(106.6881, 20.8449);
    let shifted = Point::new(near_station.x() + 30.0, near_station.y());
    assert_eq!(
        hit_test(&layer.features, &layer.index, shifted, 60.0),
        Some(4)
    );
    let farther = Point::new(near_station.x() + 300.0, near_station.y());
    assert_eq!(
        hit_test(&layer.features, &layer.index, farther, 60.0),
        Some(0)
    );
}

#[test]
fn viewport_queries_return_only_what_touches_the_window() {
    let layer = load_fixture("shapes.geojson");
    let min = in_map(106.99, 20.69);
    let max = in_map(107.08, 20.73);
    let window = geo::Rect::new((min.x(), min.y()), (max.x(), max.y()));
    let mut found: Vec<usize> = layer.index.query(window).collect();
    found.sort_unstable();
    assert_eq!(found, [2]);
}
