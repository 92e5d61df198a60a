//! Tessellation: concave polygons, holes and multi-polygons become triangles covering exactly their area, in
//! the exact level of the drawing data the map paints ([`PreparedLayer`]) and in the analysis overlay's
//! triangles ([`triangulate_multipolygon`]).

use geo::{Area, Geometry, MultiPolygon, Polygon};
use hpatlas::core::lod::PreparedLayer;
use hpatlas::core::tessellate::triangulate_multipolygon;

use crate::load_fixture;

#[test]
fn triangles_cover_exactly_the_polygon_area_with_holes_and_concavities() {
    let layer = load_fixture("shapes.geojson");
    let prepared = PreparedLayer::build(&layer.features);
    let exact = &prepared.levels[0];
    for (position, feature) in layer.features.iter().enumerate().take(3) {
        let expected_m2 = feature.geometry_in_map.unsigned_area();
        let triangulated_m2 = exact.item_fill_area(&exact.items[position]);
        assert!(expected_m2 > 1.0e6, "feature {position} is a real area");
        // The drawing data holds centimetre-precise f32 coordinates relative to the layer's origin.
        let relative = (triangulated_m2 - expected_m2).abs() / expected_m2;
        assert!(
            relative < 1e-5,
            "feature {position}: {triangulated_m2} vs {expected_m2}"
        );
    }
}

#[test]
fn the_hole_is_not_filled() {
    let layer = load_fixture("shapes.geojson");
    let Geometry::Polygon(with_hole) = &layer.features[0].geometry_in_map else {
        panic!("expected a polygon");
    };
    let outer_only = Polygon::new(with_hole.exterior().clone(), vec![]);
    // The hole is 0.06° × 0.06° of a 0.1° × 0.1° square: 36 % of it.
    let prepared = PreparedLayer::build(&layer.features);
    let exact = &prepared.levels[0];
    let ratio = exact.item_fill_area(&exact.items[0]) / outer_only.unsigned_area();
    assert!((ratio - 0.64).abs() < 0.01, "filled share {ratio}");
    let (vertices, indices) = triangulate_multipolygon(&MultiPolygon(vec![with_hole.clone()]));
    let overlay_m2: f64 = indices
        .chunks_exact(3)
        .map(|triangle| {
            let [a, b, c] = [0, 1, 2].map(|corner| vertices[triangle[corner] as usize]);
            ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
        })
        .sum();
    let relative = (overlay_m2 - with_hole.unsigned_area()).abs() / with_hole.unsigned_area();
    assert!(relative < 1e-9, "overlay triangles {overlay_m2} m²");
}

#[test]
fn lines_and_points_have_no_triangles_but_paths_and_markers() {
    let layer = load_fixture("shapes.geojson");
    let prepared = PreparedLayer::build(&layer.features);
    let exact = &prepared.levels[0];
    let line = &exact.items[3];
    assert!(exact.item_indices(line).is_empty());
    assert_eq!(exact.item_paths(line).count(), 1);
    let point = &exact.items[4];
    assert_eq!(exact.item_points(point).len(), 1);
    assert_eq!(exact.item_paths(point).count(), 0);
    // The polygon with a hole has two rings, the two-part multipolygon two exteriors.
    assert_eq!(exact.item_paths(&exact.items[0]).count(), 2);
    assert_eq!(exact.item_paths(&exact.items[2]).count(), 2);
}
