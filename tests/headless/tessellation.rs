//! Tessellation: concave polygons, holes and multi-polygons become triangles covering exactly their area.

use geo::Area;
use hpatlas::core::tessellate::LayerMesh;

use crate::load_fixture;

#[test]
fn triangles_cover_exactly_the_polygon_area_with_holes_and_concavities() {
    let layer = load_fixture("shapes.geojson");
    let mesh = LayerMesh::build(&layer.features);
    for (position, feature) in layer.features.iter().enumerate().take(3) {
        let expected_m2 = feature.geometry_in_map.unsigned_area();
        let triangulated_m2 = mesh.feature_fill_area(position);
        assert!(expected_m2 > 1.0e6, "feature {position} is a real area");
        let relative = (triangulated_m2 - expected_m2).abs() / expected_m2;
        assert!(
            relative < 1e-9,
            "feature {position}: {triangulated_m2} vs {expected_m2}"
        );
    }
}

#[test]
fn the_hole_is_not_filled() {
    let layer = load_fixture("shapes.geojson");
    let mesh = LayerMesh::build(&layer.features);
    let outer_only = geo::Polygon::new(
        match &layer.features[0].geometry_in_map {
            geo::Geometry::Polygon(polygon) => polygon.exterior().clone(),
            other => panic!("expected a polygon, got {other:?}"),
        },
        vec![],
    );
    // The hole is 0.06° × 0.06° of a 0.1° × 0.1° square: 36 % of it.
    let ratio = mesh.feature_fill_area(0) / outer_only.unsigned_area();
    assert!((ratio - 0.64).abs() < 0.01, "filled share {ratio}");
}

#[test]
fn lines_and_points_have_no_triangles_but_polylines_and_markers() {
    let layer = load_fixture("shapes.geojson");
    let mesh = LayerMesh::build(&layer.features);
    let line = &mesh.features[3];
    assert!(line.fill_indices.is_empty());
    assert_eq!(line.polylines.len(), 1);
    let point = &mesh.features[4];
    assert_eq!(point.points.len(), 1);
    assert!(point.polylines.is_empty());
    // The polygon with a hole has two rings, the two-part multipolygon two exteriors.
    assert_eq!(mesh.features[0].polylines.len(), 2);
    assert_eq!(mesh.features[2].polylines.len(), 2);
}
