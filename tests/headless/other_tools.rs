//! Real files from other GIS tools (issue 13, "Real files from other tools"): small files written here the way
//! other tools write them, read through the same entry point as the app, and compared with what GDAL does.

use std::path::{Path, PathBuf};

use geo::Geometry;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::LayerData;

use crate::cad_formats::ogr2ogr;
use crate::scratch_folder;

/// A test path as text for a command line.
fn path_text(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Writes `bytes` as `name` in a fresh folder for `test` and returns its path.
fn write_file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_folder(&format!("other-tools-{test}")).join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    path
}

/// Reads `path` as the app does, panicking with the loader's message on failure.
fn read(path: &Path) -> LayerData {
    read_layer_file(path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn geojson_with_a_utf8_byte_order_mark_is_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"ten":"L\u00ea Ch\u00e2n"},"geometry":{"type":"Point","coordinates":[106.68,20.85]}}]}"#,
    );
    let data = read(&write_file("bom", "bom.geojson", &bytes));
    assert_eq!(data.features.len(), 1);
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(geo::Point::new(106.68, 20.85))
    );
    assert_eq!(data.fields[0].name, "ten");
}

#[test]
fn geojson_feature_ids_are_kept_on_load_and_written_back_on_convert() {
    use hpatlas::core::attributes::AttributeValue;
    use hpatlas::core::io::export_layer::ExportLayer;
    use hpatlas::core::io::geojson_export::write_geojson;

    let text = br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"thua-01","properties":{"ten":"A"},"geometry":{"type":"Point","coordinates":[106.68,20.85]}},
        {"type":"Feature","id":42,"properties":{"ten":"B"},"geometry":{"type":"Point","coordinates":[106.69,20.86]}}]}"#;
    let input = write_file("ids", "ids.geojson", text);
    let data = read(&input);
    assert_eq!(data.fields[0].name, "id");
    assert_eq!(
        data.features[0].attributes[0],
        AttributeValue::Text("thua-01".into())
    );
    assert_eq!(data.features[1].attributes[0], AttributeValue::Integer(42));

    let output = input.with_file_name("converted.geojson");
    write_geojson(&output, &ExportLayer::from_data(&data)).expect("convert");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&output).expect("read back")).expect("JSON");
    let features = written["features"].as_array().expect("features");
    assert_eq!(features[0]["id"], serde_json::json!("thua-01"));
    assert_eq!(features[1]["id"], serde_json::json!(42));
    assert_eq!(
        features[0]["properties"],
        serde_json::json!({"ten": "A"}),
        "the id is the member, not a property as well"
    );
    let again = read(&output);
    assert_eq!(again.fields, data.fields);
    assert_eq!(again.features[1].attributes, data.features[1].attributes);
}

#[test]
fn geojson_heights_dropped_on_load_are_noted() {
    use hpatlas::core::layer_note::LayerNote;

    let text = br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.68,20.85,3.5],[106.69,20.86,4.0]]}}]}"#;
    let data = read(&write_file("heights", "z.geojson", text));
    assert_eq!(data.notes, [LayerNote::HeightsDropped]);
    let Geometry::LineString(line) = &data.features[0].geometry else {
        panic!("a line: {:?}", data.features[0].geometry);
    };
    assert_eq!(
        line.0[1],
        geo::Coord {
            x: 106.69,
            y: 20.86
        }
    );
}

#[test]
fn wgs84_degrees_with_float_noise_at_the_antimeridian_are_clamped() {
    let text = br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[179.5,-16.0],[180.00000000000006,-16.5]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-180.00000000000006,-90.0000000000001]}}]}"#;
    let data = read(&write_file("antimeridian", "fiji.geojson", text));
    let Geometry::LineString(line) = &data.features[0].geometry else {
        panic!("a line: {:?}", data.features[0].geometry);
    };
    assert_eq!(line.0[1], geo::Coord { x: 180.0, y: -16.5 });
    assert_eq!(
        data.features[1].geometry,
        Geometry::Point(geo::Point::new(-180.0, -90.0))
    );
    let beyond = br#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[180.001,0]}}"#;
    let path = write_file("antimeridian-beyond", "beyond.geojson", beyond);
    assert!(
        read_layer_file(&path, None, &mut |_| {}).is_err(),
        "a real error is still refused"
    );
}

#[test]
fn gpx_single_point_tracks_and_routes_keep_their_point_and_unzoned_times_are_utc() {
    use hpatlas::core::attributes::AttributeValue;

    let text = br#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="other tool" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>one point</name><trkseg><trkpt lat="20.85" lon="106.68"><time>2024-05-01T08:30:00</time></trkpt></trkseg></trk>
  <rte><name>one stop</name><rtept lat="20.86" lon="106.69"/></rte>
  <trk><name>mixed</name>
    <trkseg><trkpt lat="20.80" lon="106.70"/><trkpt lat="20.81" lon="106.71"/></trkseg>
    <trkseg><trkpt lat="20.90" lon="106.90"/></trkseg>
  </trk>
</gpx>"#;
    let data = read(&write_file("gpx-single", "single.gpx", text));
    assert_eq!(data.features.len(), 3);
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(geo::Point::new(106.68, 20.85))
    );
    assert_eq!(
        data.features[0].attributes[4],
        AttributeValue::Text("2024-05-01T08:30:00Z".into()),
        "a time without a zone is UTC"
    );
    assert_eq!(
        data.features[1].geometry,
        Geometry::Point(geo::Point::new(106.69, 20.86))
    );
    let Geometry::GeometryCollection(parts) = &data.features[2].geometry else {
        panic!("lines and the lone point: {:?}", data.features[2].geometry);
    };
    assert!(matches!(parts.0[0], Geometry::LineString(_)));
    assert_eq!(parts.0[1], Geometry::Point(geo::Point::new(106.90, 20.90)));
}

#[test]
fn csv_rows_with_extra_cells_or_a_text_coordinate_keep_the_rest_of_the_file() {
    use hpatlas::core::attributes::AttributeValue;

    let text =
        b"ten,lon,lat\nA,106.70,20.80\nB,106.71,20.81,surplus\nC,106.72,20.82\nD,n/a,20.83\n";
    let data = read(&write_file("csv-ragged", "ragged.csv", text));
    assert_eq!(data.features.len(), 4);
    assert!(matches!(data.features[2].geometry, Geometry::Point(_)));
    for kept in [1, 3] {
        assert!(
            matches!(&data.features[kept].geometry, Geometry::GeometryCollection(parts) if parts.0.is_empty())
        );
        assert_eq!(data.features[kept].attributes.len(), 3, "cut to the header");
    }
    assert_eq!(
        data.features[1].attributes[1],
        AttributeValue::Real(106.71),
        "values kept as far as the header goes"
    );
    let notes: Vec<String> = data.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes.iter().any(|note| note.starts_with("2 row(s)")
            && note.contains("line 3: 4 cell(s) but the header has 3 column(s)")),
        "{notes:?}"
    );
}

#[test]
fn curved_geopackage_geometries_are_segmented_as_gdal_segments_them() {
    use geo::Area;

    if !crate::gdal_installed() {
        return;
    }
    // A land parcel with a rounded corner, a roundabout, a curved road and a two-part multi-surface, in
    // VN-2000, written by GDAL's own GeoPackage writer with their curves kept.
    let folder = scratch_folder("other-tools-curves");
    let csv = folder.join("cong_trinh.csv");
    std::fs::write(
        &csv,
        "WKT,ten\n\
         \"CURVEPOLYGON(COMPOUNDCURVE((597000 2306000,597100 2306000,597100 2306050),CIRCULARSTRING(597100 2306050,597085.355 2306085.355,597050 2306100),(597050 2306100,597000 2306100,597000 2306000)))\",thua dat\n\
         \"CURVEPOLYGON(CIRCULARSTRING(597300 2306000,597340 2306000,597300 2306000))\",vong xuyen\n\
         \"CIRCULARSTRING(597400 2306000,597450 2306050,597500 2306000)\",duong cong\n\
         \"MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(597600 2306000,597620 2306000,597600 2306000)),((597700 2306000,597710 2306000,597710 2306010,597700 2306000)))\",hai phan\n",
    )
    .expect("write the CSV");
    let curved = folder.join("curved.gpkg");
    let segmented = folder.join("segmented.gpkg");
    for (output, geometry_type) in [(&curved, "GEOMETRY"), (&segmented, "CONVERT_TO_LINEAR")] {
        ogr2ogr(&[
            "-f",
            "GPKG",
            "-a_srs",
            "EPSG:9210",
            "-nlt",
            geometry_type,
            path_text(output),
            path_text(&csv),
        ]);
    }
    let ours = read(&curved);
    let by_gdal = read(&segmented);
    assert_eq!(ours.features.len(), 4);
    for (feature, gdal_feature) in ours.features.iter().zip(&by_gdal.features) {
        assert_eq!(
            feature.geometry, gdal_feature.geometry,
            "{:?}",
            feature.attributes
        );
    }
    let roundabout_m2 = std::f64::consts::PI * 20.0 * 20.0;
    let area = ours.features[1].geometry.unsigned_area();
    assert!(
        (area - roundabout_m2).abs() / roundabout_m2 < 1e-3,
        "{area}"
    );
    assert!(matches!(ours.features[2].geometry, Geometry::LineString(_)));
    assert!(matches!(
        ours.features[3].geometry,
        Geometry::MultiPolygon(_)
    ));
}

#[test]
fn a_csv_with_wkt_geometry_written_by_gdal_reads_as_its_source() {
    use hpatlas::core::attributes::AttributeValue;
    use hpatlas::core::crs::WGS84;
    use hpatlas::core::layer_note::LayerNote;

    if !crate::gdal_installed() {
        return;
    }
    let folder = scratch_folder("other-tools-csv-wkt");
    let source = folder.join("thua_dat.geojson");
    std::fs::write(
        &source,
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"ten":"Thửa 1","dien_tich":1200.5},"geometry":{"type":"Polygon","coordinates":[[[106.68,20.85],[106.69,20.85],[106.69,20.86],[106.68,20.85]]]}},
        {"type":"Feature","properties":{"ten":"Đường trục","dien_tich":null},"geometry":{"type":"LineString","coordinates":[[106.60,20.80],[106.70,20.90]]}},
        {"type":"Feature","properties":{"ten":"Trạm 5G","dien_tich":0},"geometry":{"type":"Point","coordinates":[106.6881,20.8449]}}]}"#,
    )
    .expect("write");
    let csv = folder.join("thua_dat.csv");
    ogr2ogr(&[
        "-f",
        "CSV",
        "-lco",
        "GEOMETRY=AS_WKT",
        path_text(&csv),
        path_text(&source),
    ]);
    let ours = read(&csv);
    let original = read(&source);
    assert_eq!(ours.crs, WGS84, "degrees are WGS 84");
    let names: Vec<&str> = ours
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec!["ten", "dien_tich"],
        "the WKT column is the geometry"
    );
    assert_eq!(ours.features.len(), 3);
    for (feature, expected) in ours.features.iter().zip(&original.features) {
        assert_eq!(feature.geometry, expected.geometry);
    }
    assert_eq!(
        ours.features[0].attributes[0],
        AttributeValue::Text("Thửa 1".into())
    );
    assert_eq!(ours.features[0].attributes[1], AttributeValue::Real(1200.5));

    // One broken cell keeps its row, without a geometry, and says so.
    let text = std::fs::read_to_string(&csv).expect("read");
    let broken = text.replacen("LINESTRING (", "LINESTRING ((", 1);
    let broken_path = write_file("csv-wkt", "broken.csv", broken.as_bytes());
    let data = read(&broken_path);
    assert_eq!(data.features.len(), 3);
    assert!(matches!(
        &data.features[1].geometry,
        Geometry::GeometryCollection(collection) if collection.0.is_empty()
    ));
    assert!(
        data.notes.iter().any(|note| matches!(
            note,
            LayerNote::RowsWithoutGeometry {
                count: 1,
                first_line: 3,
                ..
            }
        )),
        "{:?}",
        data.notes
    );

    // No cell readable (as fiona's test_tin.csv, TIN and TRIANGLE): the rows open without geometry and the
    // note says why; nothing asks for a grid, since no coordinate says metres.
    let unreadable =
        "WKT,ten\n\"TIN Z (((0 0 0,0 0 1,0 1 0,0 0 0)))\",a\n\"TRIANGLE ((0 0,0 1,1 1,0 0))\",b\n";
    let unreadable_path = write_file("csv-wkt", "tin.csv", unreadable.as_bytes());
    let data = read(&unreadable_path);
    assert_eq!(data.features.len(), 2);
    assert!(data.features.iter().all(|feature| matches!(
        &feature.geometry,
        Geometry::GeometryCollection(collection) if collection.0.is_empty()
    )));
    assert!(
        data.notes.iter().any(|note| matches!(
            note,
            LayerNote::RowsWithoutGeometry {
                count: 2,
                first_line: 2,
                ..
            }
        )),
        "{:?}",
        data.notes
    );
}

#[test]
fn attribute_only_geopackage_tables_are_listed_and_open_as_tables() {
    use hpatlas::core::attributes::AttributeValue;
    use hpatlas::core::io::gpkg::list_gpkg_layers;
    use hpatlas::core::io::{LoadOptions, read_layer_file_with};

    if !crate::gdal_installed() {
        return;
    }
    // A GeoPackage as GDAL writes one: a feature table and a table of records without geometry.
    let folder = scratch_folder("other-tools-attribute-table");
    let sites = folder.join("tram.geojson");
    std::fs::write(
        &sites,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ma":"T1"},"geometry":{"type":"Point","coordinates":[106.6881,20.8449]}}]}"#,
    )
    .expect("write");
    let owners = folder.join("chu_so_huu.csv");
    std::fs::write(
        &owners,
        "ma,chu_so_huu,nam\nT1,Viettel,2024\nT2,VNPT,2025\n",
    )
    .expect("write");
    let package = folder.join("vien_thong.gpkg");
    ogr2ogr(&["-f", "GPKG", path_text(&package), path_text(&sites)]);
    ogr2ogr(&["-update", path_text(&package), path_text(&owners)]);
    let tables: Vec<(String, String)> = list_gpkg_layers(&package)
        .expect("listed")
        .into_iter()
        .map(|info| (info.table, info.geometry_type))
        .collect();
    assert_eq!(
        tables,
        vec![
            ("tram".to_string(), "POINT".to_string()),
            ("chu_so_huu".to_string(), "NONE".to_string())
        ]
    );
    let options = LoadOptions {
        table: Some("chu_so_huu".into()),
        ..LoadOptions::default()
    };
    let data = read_layer_file_with(&package, &options, &mut |_| {})
        .unwrap_or_else(|error| panic!("an attribute table opens without a CRS question: {error}"));
    assert_eq!(data.features.len(), 2);
    let names: Vec<&str> = data
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(names, vec!["ma", "chu_so_huu", "nam"]);
    assert_eq!(
        data.features[1].attributes[1],
        AttributeValue::Text("VNPT".into())
    );
    assert!(data.features.iter().all(|feature| matches!(
        &feature.geometry,
        Geometry::GeometryCollection(collection) if collection.0.is_empty()
    )));
    let layer = hpatlas::core::layer::Layer::prepare(data, &mut |_| {}).expect("a layer");
    assert_eq!(layer.extent_in_map, None);
}
