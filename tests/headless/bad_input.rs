//! Bad input: every malformed file gives an error that names the file and the problem — never a panic.

use hpatlas::core::io::{LoadError, read_layer_file};
use hpatlas::core::layer::Layer;
use hpatlas::core::layer_note::LayerNote;

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
        read_layer_file(&fixture("shapes.cdr"), None, &mut |_| {}).expect_err("unsupported");
    assert!(error.to_string().contains("GeoJSON"), "{error}");
    assert!(error.to_string().contains("DXF .dxf"), "{error}");
    // A DWG is known but not readable: the message says what to save it as instead.
    let error = read_layer_file(&fixture("shapes.dwg"), None, &mut |_| {}).expect_err("refused");
    assert!(error.to_string().contains("save it as DXF"), "{error}");
}

#[test]
fn each_bad_shapefile_geopackage_and_csv_is_refused_with_a_clear_message() {
    let expectations: [(&str, &[&str]); 27] = [
        (
            "truncated.shp",
            &["truncated.shp", "record 2", "runs past the end"],
        ),
        (
            "short_dbf.shp",
            &["short_dbf.dbf", "declares 2 records", "holds only 1"],
        ),
        (
            "huge_dbf_count.shp",
            &["huge_dbf_count.dbf", "declares 4294967295 records"],
        ),
        (
            "dbf_count_mismatch.shp",
            &["dbf_count_mismatch.dbf", "2 record(s)", "1 shape(s)"],
        ),
        (
            "missing_shx.shp",
            &["missing_shx.shx", "missing", "missing_shx.shp"],
        ),
        ("missing_dbf.shp", &["missing_dbf.dbf", "missing"]),
        (
            "wrong_shape_type.shp",
            &[
                "wrong_shape_type.shp",
                "record 1",
                "shape type 3 in a file of shape type 1",
            ],
        ),
        ("multipatch.shp", &["multipatch.shp", "MultiPatch"]),
        (
            "one_point_line.shp",
            &["one_point_line.shp", "record 1", "part 0 has 1 point"],
        ),
        ("nan.shp", &["nan.shp", "record 1", "not a finite number"]),
        ("inf.shp", &["inf.shp", "record 1", "not a finite number"]),
        (
            "huge_coordinate.shp",
            &["huge_coordinate.shp", "record 1", "too large"],
        ),
        (
            "metres_as_degrees.shp",
            &["metres_as_degrees.shp", "record 1", "outside longitude"],
        ),
        (
            "huge_point_count.shp",
            &[
                "huge_point_count.shp",
                "record 1",
                "declares 2147483647 points",
            ],
        ),
        (
            "bad_part_start.shp",
            &[
                "bad_part_start.shp",
                "record 1",
                "does not start at point 0",
            ],
        ),
        (
            "unknown_prj.shp",
            &["unknown_prj.prj", "coordinate system unknown", "EPSG:9210"],
        ),
        (
            "garbage_prj.shp",
            &[
                "garbage_prj.prj",
                "coordinate system unknown",
                "PROJ cannot read",
            ],
        ),
        (
            "not_a_shapefile.shp",
            &["not_a_shapefile.shp", "not a Shapefile"],
        ),
        ("shx_truncated.shp", &["shx_truncated.shx", "truncated"]),
        ("empty.gpkg", &["empty.gpkg", "empty"]),
        (
            "not_sqlite.gpkg",
            &["not_sqlite.gpkg", "not an SQLite database"],
        ),
        ("no_tables.gpkg", &["no_tables.gpkg", "no feature table"]),
        (
            "plain_sqlite.gpkg",
            &["plain_sqlite.gpkg", "not a GeoPackage"],
        ),
        (
            "bad_blob.gpkg",
            &[
                "bad_blob.gpkg",
                "record 1",
                "shorter than its 8-byte header",
            ],
        ),
        (
            "huge_wkb.gpkg",
            &["huge_wkb.gpkg", "record 1", "declares 2147483647 points"],
        ),
        (
            "invalid_utf8_text.gpkg",
            &["invalid_utf8_text.gpkg", "record 1", "not valid UTF-8"],
        ),
        (
            "no_coordinates.csv",
            &["no_coordinates.csv", "no columns look like coordinates"],
        ),
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
    assert!(refusal("empty.csv").contains("empty"));
}

#[test]
fn a_csv_row_without_readable_coordinates_is_kept_without_a_geometry_and_noted() {
    let expectations: [(&str, &[&str]); 3] = [
        ("missing_cells.csv", &["line 3", "2 cell(s)"]),
        ("empty_coordinate.csv", &["line 3", "lon cell is empty"]),
        ("not_a_number.csv", &["line 3", "not a number"]),
    ];
    for (name, needles) in expectations {
        let path = fixture(&format!("bad/{name}"));
        let data = read_layer_file(&path, None, &mut |_| {})
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(data.features.len(), 2, "{name}: no row is lost");
        assert!(matches!(data.features[0].geometry, geo::Geometry::Point(_)));
        assert!(
            matches!(&data.features[1].geometry, geo::Geometry::GeometryCollection(parts) if parts.0.is_empty()),
            "{name}: {:?}",
            data.features[1].geometry
        );
        assert_eq!(
            data.features[1].attributes[0],
            hpatlas::core::attributes::AttributeValue::Text("B".into()),
            "{name}: the row's other values are kept"
        );
        let notes: Vec<String> = data.notes.iter().map(ToString::to_string).collect();
        let note = notes
            .iter()
            .find(|note| note.contains("without a geometry"))
            .unwrap_or_else(|| panic!("{name}: no note in {notes:?}"));
        assert!(note.starts_with("1 row(s)"), "{note}");
        for needle in needles {
            assert!(
                note.contains(needle),
                "{name}: {note:?} should mention {needle:?}"
            );
        }
    }
}

#[test]
fn a_degenerate_shapefile_ring_is_skipped_not_the_layer() {
    let path = fixture("bad/two_point_ring.shp");
    let data = read_layer_file(&path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.features.len(), 1, "the record is kept");
    assert!(
        matches!(&data.features[0].geometry, geo::Geometry::GeometryCollection(parts) if parts.0.is_empty()),
        "its only ring was degenerate: {:?}",
        data.features[0].geometry
    );
    let notes: Vec<String> = data.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes.iter().any(|note| note
            == "record 1: ring 0 has 2 point(s); a ring needs at least 3 distinct corners (4 points, closed); \
                the ring was skipped and the record has no geometry"),
        "{notes:?}"
    );
}

#[test]
fn a_self_intersecting_polygon_loads_and_is_flagged() {
    let path = fixture("bad/self_intersecting.shp");
    let data = read_layer_file(&path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.features.len(), 1);
    assert!(
        data.notes
            .iter()
            .any(|note| matches!(note, LayerNote::InvalidPolygon { record: 1, .. })),
        "{:?}",
        data.notes
    );
    Layer::prepare(data, &mut |_| {}).expect("drawable");
}

#[test]
fn each_bad_kml_and_kmz_is_refused_with_the_file_and_place() {
    let expectations: [(&str, &[&str]); 9] = [
        (
            "kml_truncated.kml",
            &["kml_truncated.kml", "line 5", "cut short"],
        ),
        (
            "kml_wrong_root.kml",
            &["kml_wrong_root.kml", "line 2, column 1", "not a KML file"],
        ),
        ("kml_empty.kml", &["kml_empty.kml", "empty"]),
        (
            "kml_utf16.kml",
            &[
                "kml_utf16.kml",
                "line 1, column 1",
                "UTF-16",
                "save it as UTF-8",
            ],
        ),
        (
            "kml_mismatched_tag.kml",
            &["kml_mismatched_tag.kml", "line 3"],
        ),
        (
            "kml_bad_entity.kml",
            &["kml_bad_entity.kml", "line 2", "unknown entity &nbsp;"],
        ),
        (
            "kmz_not_zip.kmz",
            &["kmz_not_zip.kmz", "not a KMZ file", "not a zip archive"],
        ),
        (
            "kmz_without_kml.kmz",
            &["kmz_without_kml.kmz", "no doc.kml"],
        ),
        (
            "kmz_truncated.kmz",
            &["kmz_truncated.kmz", "not a zip archive"],
        ),
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
fn a_kml_with_bad_placemarks_loads_the_others_and_names_the_bad_ones() {
    let data = read_layer_file(&fixture("bad/kml_one_bad_placemark.kml"), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(data.features.len(), 5, "every placemark is kept");
    let notes: Vec<String> = data.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "feature 2 (line 4, column 54): latitude 208 is not from -90 to 90 degrees; it was kept without a \
             geometry",
            "feature 3 (line 5, column 73): the coordinate \"8O\" is not a number; it was kept without a \
             geometry",
            "feature 4 (line 6, column 89): a ring has 2 distinct corner(s); a polygon ring needs at least 3; \
             it was kept without a geometry",
        ]
    );
    let layer = Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(layer.features.len(), 5);
}
