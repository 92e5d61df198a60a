//! Loading GeoJSON: geometry kinds, attributes, the legacy `crs` member, CRS override, and the shipped maps.

use geo::Geometry;
use hpatlas::core::attributes::{AttributeKind, AttributeValue};
use hpatlas::core::crs::{VN2000_TM3_105_45, WGS84};
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::{CrsOrigin, Layer};
use hpatlas::core::project::ProjectFile;

use crate::{fixture, load_fixture};

#[test]
fn loads_every_geometry_kind_with_typed_attributes() {
    let layer = load_fixture("shapes.geojson");
    assert_eq!(layer.features.len(), 5);
    let kinds: Vec<&str> = layer
        .features
        .iter()
        .map(|feature| hpatlas::core::geometry::geometry_type_name(&feature.geometry_in_map))
        .collect();
    assert_eq!(
        kinds,
        ["Polygon", "Polygon", "MultiPolygon", "LineString", "Point"]
    );
    let Geometry::Polygon(with_hole) = &layer.features[0].geometry_in_map else {
        panic!("first feature is a polygon");
    };
    assert_eq!(with_hole.interiors().len(), 1);
    let area_field = layer
        .fields
        .iter()
        .find(|field| field.name == "dien_tich_ha")
        .expect("column");
    assert_eq!(area_field.kind, AttributeKind::Real);
    assert_eq!(
        layer.attribute(1, "ten"),
        Some(&AttributeValue::Text("Hình chữ U".into()))
    );
    assert_eq!(
        layer.attribute(4, "dien_tich_ha"),
        Some(&AttributeValue::Null)
    );
    assert_eq!(layer.index.len(), 5);
}

#[test]
fn map_coordinates_are_vn2000_metres() {
    let layer = load_fixture("shapes.geojson");
    let Geometry::Point(station) = &layer.features[4].geometry_in_map else {
        panic!("fifth feature is a point");
    };
    assert!(
        (station.x() - 597_432.44).abs() < 0.01,
        "easting {}",
        station.x()
    );
    assert!(
        (station.y() - 2_306_067.77).abs() < 0.01,
        "northing {}",
        station.y()
    );
}

#[test]
fn the_legacy_crs_member_is_honoured() {
    let layer = load_fixture("vn2000_legacy_crs.geojson");
    assert_eq!(layer.crs, VN2000_TM3_105_45);
    assert_eq!(layer.crs_origin, CrsOrigin::Declared);
    let Geometry::Point(station) = &layer.features[0].geometry_in_map else {
        panic!("a point");
    };
    assert!((station.x() - 597_432.44).abs() < 1e-6 && (station.y() - 2_306_067.77).abs() < 1e-6);
}

#[test]
fn a_file_without_crs_in_metres_needs_the_user_to_choose() {
    let path = fixture("vn2000_no_crs.geojson");
    let assumed = read_layer_file(&path, None, &mut |_| {});
    let message = assumed.expect_err("metres read as degrees").to_string();
    assert!(
        message.contains("vn2000_no_crs.geojson") && message.contains("feature 0"),
        "{message}"
    );
    let chosen =
        read_layer_file(&path, Some(VN2000_TM3_105_45), &mut |_| {}).expect("with the right CRS");
    assert_eq!(chosen.crs_origin, CrsOrigin::User);
    let layer = Layer::prepare(chosen, &mut |_| {}).expect("prepares");
    let Geometry::Point(station) = &layer.features[0].geometry_in_map else {
        panic!("a point");
    };
    assert_eq!((station.x(), station.y()), (597_432.44, 2_306_067.77));
}

#[test]
fn changing_a_layers_crs_reprojects_it_and_bumps_its_revision() {
    let mut layer = load_fixture("vn2000_legacy_crs.geojson");
    let before = layer.revision;
    // Declaring the metres to be VN-2000 / TM-3 105°30' (old Hai Duong) moves the point ~26 km west.
    layer
        .set_crs(hpatlas::core::crs::VN2000_TM3_105_30)
        .expect("EPSG:9209 is known");
    let Geometry::Point(moved) = &layer.features[0].geometry_in_map else {
        panic!("a point");
    };
    assert!(moved.x() < 597_432.44 - 20_000.0, "easting {}", moved.x());
    assert!(layer.revision > before);
    assert_eq!(layer.crs_origin, CrsOrigin::User);
    // Back to WGS 84 the metres are out of range: the layer stays as it was.
    assert!(layer.set_crs(WGS84).is_err());
    assert_eq!(layer.crs, hpatlas::core::crs::VN2000_TM3_105_30);
}

#[test]
fn the_shipped_hai_phong_project_loads_every_layer() {
    let project_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/haiphong.hpatlas.json");
    let project = ProjectFile::read(&project_path).expect("the default project parses");
    assert!(project.layers.len() >= 5);
    for entry in &project.layers {
        let path = ProjectFile::layer_path(&project_path, entry);
        let data = read_layer_file(&path, entry.crs, &mut |_| {})
            .unwrap_or_else(|error| panic!("{error}"));
        let layer = Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
        assert!(!layer.features.is_empty(), "{} is empty", path.display());
        let extent = layer.extent_in_map.expect("has geometry");
        // Everything lies within the clip box lon 105.9–107.9, lat 19.9–21.45 (in EPSG:9210 metres).
        assert!(
            extent.min().x > 510_000.0 && extent.max().x < 730_000.0,
            "{}: {extent:?}",
            path.display()
        );
        assert!(
            extent.min().y > 2_200_000.0 && extent.max().y < 2_375_000.0,
            "{}: {extent:?}",
            path.display()
        );
    }
}

#[test]
fn progress_reaches_one_and_never_goes_back() {
    let mut seen = Vec::new();
    read_layer_file(&fixture("shapes.geojson"), None, &mut |fraction| {
        seen.push(fraction)
    })
    .expect("loads");
    assert_eq!(seen.last().copied(), Some(1.0));
    assert!(seen.windows(2).all(|pair| pair[0] <= pair[1]), "{seen:?}");
}
