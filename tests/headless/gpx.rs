//! GPX import: tracks, routes and waypoints from a phone's file with Vietnamese names become one WGS 84
//! layer; a bad file is refused with its line.

use geo::Geometry;
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::crs::WGS84;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;

use crate::fixture;

fn text(value: &AttributeValue) -> &str {
    match value {
        AttributeValue::Text(text) => text,
        other => panic!("text expected, got {other:?}"),
    }
}

#[test]
fn tracks_routes_and_waypoints_become_one_wgs84_layer() {
    let path = fixture("gpx/khao_sat_do_son.gpx");
    let data = read_layer_file(&path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.crs, WGS84);
    assert_eq!(data.name, "khao_sat_do_son");
    let fields: Vec<&str> = data
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(fields, ["kind", "name", "desc", "ele_m", "time"]);
    assert_eq!(data.features.len(), 5);

    let culvert = &data.features[0];
    assert_eq!(
        culvert.geometry,
        Geometry::Point(geo::Point::new(106.7835, 20.7098))
    );
    assert_eq!(text(&culvert.attributes[0]), "waypoint");
    assert_eq!(text(&culvert.attributes[1]), "Cống Đồ Sơn");
    assert_eq!(text(&culvert.attributes[2]), "Cống thoát nước bị sạt lở");
    assert_eq!(culvert.attributes[3], AttributeValue::Real(4.5));
    assert_eq!(
        text(&culvert.attributes[4]),
        "2025-07-02T01:15:30Z",
        "converted to UTC"
    );
    assert_eq!(data.features[1].attributes[4], AttributeValue::Null);

    let dyke = &data.features[2];
    let Geometry::LineString(line) = &dyke.geometry else {
        panic!("one segment is a LineString: {:?}", dyke.geometry);
    };
    assert_eq!(line.0.len(), 3);
    assert_eq!(text(&dyke.attributes[0]), "track");
    assert_eq!(text(&dyke.attributes[1]), "Tuyến đê biển số 3");
    assert_eq!(
        text(&dyke.attributes[4]),
        "2025-07-02T01:20:00Z",
        "time of the first point"
    );
    assert_eq!(dyke.attributes[3], AttributeValue::Null);

    let street = &data.features[3];
    let Geometry::MultiLineString(parts) = &street.geometry else {
        panic!("two segments are a MultiLineString: {:?}", street.geometry);
    };
    assert_eq!(parts.0.len(), 2);
    assert_eq!(text(&street.attributes[2]), "Mất tín hiệu GPS ở giữa");

    let route = &data.features[4];
    assert_eq!(text(&route.attributes[0]), "route");
    assert!(matches!(route.geometry, Geometry::LineString(_)));

    let layer = Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    let extent = layer.extent_in_map.expect("extent");
    assert!(
        extent.min().x > 550_000.0 && extent.max().x < 650_000.0,
        "{extent:?}"
    );
}

#[test]
fn bad_gpx_files_are_refused_with_the_line() {
    let cases = [
        (
            "bad/gpx_missing_lon.gpx",
            "line 4, column 3",
            "no lon attribute",
        ),
        ("bad/gpx_truncated.gpx", "line", "gpx_truncated.gpx"),
        ("bad/gpx_bad_time.gpx", "line 4", "RFC 3339"),
    ];
    for (name, place, what) in cases {
        let error = read_layer_file(&fixture(name), None, &mut |_| {}).expect_err(name);
        let message = error.to_string();
        assert!(
            message.contains(name.trim_start_matches("bad/")),
            "{message}"
        );
        assert!(message.contains(place), "{name}: {message}");
        assert!(message.contains(what), "{name}: {message}");
        assert!(!message.contains('\n'), "{name}: {message}");
    }
}
