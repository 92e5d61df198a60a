//! Bad input: every malformed file gives an error that names the file and the problem — never a panic.

use hpatlas::core::io::{LoadError, read_layer_file};
use hpatlas::core::layer::Layer;

use crate::fixture;

/// Loads and prepares a bad fixture and returns the message of whichever step refused it.
fn refusal(name: &str) -> String {
    let path = fixture(&format!("bad/{name}"));
    let outcome = std::panic::catch_unwind(|| {
        read_layer_file(&path, None, &mut |_| {})
            .map_err(|error| error.to_string())
            .and_then(|data| {
                Layer::prepare(data, &mut |_| {})
                    .map(|_| ())
                    .map_err(|error| error.to_string())
            })
    });
    let result = outcome.unwrap_or_else(|_| panic!("{name}: the loader panicked"));
    let message = result.expect_err(&format!("{name} must be refused"));
    assert!(
        !message.contains('\n'),
        "{name}: one-line message expected: {message}"
    );
    message
}

#[test]
fn each_bad_file_is_refused_with_a_clear_message() {
    let expectations: [(&str, &[&str]); 14] = [
        ("empty.geojson", &["empty.geojson", "empty"]),
        ("truncated.geojson", &["truncated.geojson", "line 1", "EOF"]),
        ("nan.geojson", &["nan.geojson", "line 1"]),
        ("overflow.geojson", &["overflow.geojson", "out of range"]),
        (
            "huge.geojson",
            &["huge.geojson", "feature 0", "outside longitude"],
        ),
        (
            "two_point_ring.geojson",
            &[
                "two_point_ring.geojson",
                "feature 0",
                "ring 0 has 2 position",
            ],
        ),
        (
            "short_position.geojson",
            &["short_position.geojson", "feature 0", "1 number"],
        ),
        ("unknown_type.geojson", &["unknown_type.geojson", "Hexagon"]),
        (
            "wrong_nesting.geojson",
            &["wrong_nesting.geojson", "line 1"],
        ),
        (
            "unknown_crs.geojson",
            &["unknown_crs.geojson", "Lambert Hai Phong"],
        ),
        (
            "features_not_array.geojson",
            &["features_not_array.geojson", "line 1"],
        ),
        ("not_geojson.geojson", &["not_geojson.geojson"]),
        ("invalid_utf8.geojson", &["invalid_utf8.geojson", "line 1"]),
        ("unknown_epsg.geojson", &["EPSG:999999"]),
    ];
    for (name, needles) in expectations {
        let message = refusal(name);
        for needle in needles {
            assert!(
                message.contains(needle),
                "{name}: {message:?} should mention {needle:?}"
            );
        }
    }
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let path = fixture("does-not-exist.geojson");
    let error = read_layer_file(&path, None, &mut |_| {}).expect_err("missing");
    assert!(matches!(error, LoadError::Io { .. }));
    assert!(error.to_string().contains("does-not-exist.geojson"));
}

#[test]
fn unsupported_extensions_say_what_is_supported() {
    let error =
        read_layer_file(&fixture("shapes.dwg"), None, &mut |_| {}).expect_err("unsupported");
    assert!(error.to_string().contains("GeoJSON"), "{error}");
}
