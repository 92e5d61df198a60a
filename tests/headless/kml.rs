//! KML and KMZ import: a KML written by GDAL (`ogr2ogr -f KML`, required in CI, skipped only on a developer
//! machine without it) from a GeoJSON gives the same features, coordinates and attributes as the GeoJSON; a
//! KMZ built here with the zip crate opens the same way; `hpatlas info` summarises a KML file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use geo::{Coord, CoordsIter, Geometry};
use hpatlas::core::attributes::{AttributeKind, AttributeValue};
use hpatlas::core::crs::WGS84;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::{Layer, LayerData};

use crate::{gdal_installed, scratch_folder};

/// Planning features of every geometry kind, with Vietnamese text, whole and real numbers, a code with a
/// leading zero and a missing value.
const SOURCE_GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"name": "Khu ở Đồ Sơn", "description": "Mật độ 40%", "dan_so": 1200,
  "dien_tich_ha": 12.5, "ma": "007"},
 "geometry": {"type": "Polygon", "coordinates": [[[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.9],
   [106.6, 20.8]], [[106.62, 20.82], [106.62, 20.84], [106.64, 20.84], [106.64, 20.82], [106.62, 20.82]]]}},
{"type": "Feature", "properties": {"name": "Cống Cát Bà", "description": null, "dan_so": null,
  "dien_tich_ha": 0.125, "ma": "A1"},
 "geometry": {"type": "Point", "coordinates": [106.123456789012, 20.987654321098]}},
{"type": "Feature", "properties": {"name": "Đê biển số 3", "description": "Tuyến <đê> & kè", "dan_so": 0,
  "dien_tich_ha": 3.0, "ma": "0"},
 "geometry": {"type": "LineString", "coordinates": [[106.75, 20.7], [106.76123456789, 20.71], [106.78, 20.69]]}},
{"type": "Feature", "properties": {"name": "Hai đảo", "description": "", "dan_so": 35, "dien_tich_ha": 1e-3,
  "ma": "B-2"},
 "geometry": {"type": "MultiPolygon", "coordinates": [
   [[[107.0, 20.7], [107.1, 20.7], [107.1, 20.8], [107.0, 20.7]]],
   [[[107.2, 20.7], [107.3, 20.7], [107.3, 20.8], [107.2, 20.7]]]]}},
{"type": "Feature", "properties": {"name": "Đường ống", "description": "Hai đoạn", "dan_so": 7,
  "dien_tich_ha": -2.5, "ma": "C"},
 "geometry": {"type": "MultiLineString", "coordinates": [[[106.5, 20.5], [106.6, 20.6]],
   [[106.7, 20.5], [106.8, 20.6]]]}}
]}"#;

fn read(path: &Path) -> LayerData {
    read_layer_file(path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
}

fn value<'a>(data: &'a LayerData, feature: usize, column: &str) -> &'a AttributeValue {
    let position = data
        .fields
        .iter()
        .position(|field| field.name == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    &data.features[feature].attributes[position]
}

fn kind(data: &LayerData, column: &str) -> AttributeKind {
    data.fields
        .iter()
        .find(|field| field.name == column)
        .map(|field| field.kind)
        .unwrap_or_else(|| panic!("no column {column}"))
}

/// The coordinates of a geometry, in order, with its kind.
fn coords(geometry: &Geometry) -> (&'static str, Vec<Coord>) {
    let kind = match geometry {
        Geometry::Point(_) => "Point",
        Geometry::LineString(_) => "LineString",
        Geometry::Polygon(_) => "Polygon",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        _ => "other",
    };
    (kind, geometry.coords_iter().collect())
}

/// Asserts that the KML layer holds the GeoJSON's features: same kinds, coordinates within 1e-9 degrees,
/// and the same attribute values (empty text read back as null, as KML does not tell them apart).
fn assert_same_features(kml: &LayerData, geojson: &LayerData) {
    assert_eq!(kml.crs, WGS84);
    assert_eq!(kml.features.len(), geojson.features.len());
    for (number, (ours, theirs)) in kml.features.iter().zip(&geojson.features).enumerate() {
        let (our_kind, our_coords) = coords(&ours.geometry);
        let (their_kind, their_coords) = coords(&theirs.geometry);
        assert_eq!(our_kind, their_kind, "feature {number}");
        assert_eq!(our_coords.len(), their_coords.len(), "feature {number}");
        for (a, b) in our_coords.iter().zip(&their_coords) {
            assert!(
                (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9,
                "feature {number}: {a:?} vs {b:?}"
            );
        }
        for column in ["name", "description", "dan_so", "dien_tich_ha", "ma"] {
            let expected = match value(geojson, number, column) {
                AttributeValue::Text(text) if text.is_empty() => &AttributeValue::Null,
                other => other,
            };
            let got = value(kml, number, column);
            let same = match (got, expected) {
                (AttributeValue::Real(a), AttributeValue::Real(b)) => (a - b).abs() < 1e-12,
                _ => got == expected,
            };
            assert!(same, "feature {number}, {column}: {got:?} vs {expected:?}");
        }
    }
    assert_eq!(kind(kml, "dan_so"), AttributeKind::Integer);
    assert_eq!(kind(kml, "dien_tich_ha"), AttributeKind::Real);
    assert_eq!(kind(kml, "ma"), AttributeKind::Text, "\"007\" stays a code");
}

/// The source GeoJSON written into `folder`.
fn source(folder: &Path) -> PathBuf {
    let path = folder.join("quy_hoach.geojson");
    std::fs::write(&path, SOURCE_GEOJSON).expect("written");
    path
}

#[test]
fn a_kml_written_by_gdal_reads_as_the_geojson_it_came_from() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("kml-gdal");
    let geojson = source(&folder);
    let kml = folder.join("quy_hoach.kml");
    let run = Command::new("ogr2ogr")
        .args(["-f", "KML"])
        .arg(&kml)
        .arg(&geojson)
        .output()
        .expect("ogr2ogr runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let ours = read(&kml);
    assert_same_features(&ours, &read(&geojson));
    assert_eq!(ours.name, "quy_hoach");
    assert_eq!(
        value(&ours, 0, "folder"),
        &AttributeValue::Text("quy_hoach".into()),
        "GDAL puts the layer in a folder of its name"
    );
    assert!(ours.notes.is_empty(), "{:?}", ours.notes);
    let layer = Layer::prepare(ours, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    assert!(layer.extent_in_map.is_some());
}

#[test]
fn a_kmz_built_with_the_zip_crate_reads_its_doc_kml() {
    let folder = scratch_folder("kmz");
    let kml_text = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>Khảo sát</name>
<Folder><name>Cống</name>
<Placemark id=\"c1\"><name>Cống Đồ Sơn</name><styleUrl>#cong</styleUrl>
  <ExtendedData><Data name=\"duong_kinh_m\"><value>1.5</value></Data></ExtendedData>
  <Point><coordinates>106.7835,20.7098,0</coordinates></Point></Placemark>
</Folder></Document></kml>";
    let kmz = folder.join("khao_sat.kmz");
    let file = std::fs::File::create(&kmz).expect("created");
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("files/cong.png", options).expect("entry");
    writer.write_all(b"not really a png").expect("written");
    writer.start_file("doc.kml", options).expect("entry");
    writer.write_all(kml_text.as_bytes()).expect("written");
    writer.finish().expect("finished");

    let data = read(&kmz);
    assert_eq!(data.name, "khao_sat");
    assert_eq!(data.features.len(), 1);
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(geo::Point::new(106.7835, 20.7098))
    );
    assert_eq!(
        value(&data, 0, "name"),
        &AttributeValue::Text("Cống Đồ Sơn".into())
    );
    assert_eq!(
        value(&data, 0, "folder"),
        &AttributeValue::Text("Cống".into())
    );
    assert_eq!(
        value(&data, 0, "style"),
        &AttributeValue::Text("#cong".into())
    );
    assert_eq!(value(&data, 0, "id"), &AttributeValue::Text("c1".into()));
    assert_eq!(value(&data, 0, "duong_kinh_m"), &AttributeValue::Real(1.5));

    let not_zip = folder.join("gia.kmz");
    std::fs::write(&not_zip, kml_text.as_bytes()).expect("written");
    let error = read_layer_file(&not_zip, None, &mut |_| {}).expect_err("not a zip");
    let message = error.to_string();
    assert!(
        message.contains("gia.kmz") && message.contains("not a zip archive"),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn info_summarises_a_kml_file_and_refuses_a_broken_one() {
    let folder = scratch_folder("kml-info");
    let kml = folder.join("tram.kml");
    std::fs::write(
        &kml,
        "<kml><Document><Placemark><name>Trạm 5G</name><ExtendedData><Data name=\"ban_kinh_m\"><value>600\
         </value></Data></ExtendedData><Point><coordinates>106.68,20.84</coordinates></Point></Placemark>\
         <Placemark><name>Tuyến</name><LineString><coordinates>106.6,20.8 106.7,20.9</coordinates>\
         </LineString></Placemark></Document></kml>",
    )
    .expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .arg("info")
        .arg(&kml)
        .output()
        .expect("the hpatlas binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(summary["features"], 2);
    assert_eq!(summary["geometry_types"]["Point"], 1);
    assert_eq!(summary["geometry_types"]["LineString"], 1);
    assert_eq!(summary["crs"], "EPSG:4326");
    assert_eq!(summary["crs_origin"], "declared");
    let bbox: Vec<f64> =
        serde_json::from_value(summary["bbox_wgs84"].clone()).expect("four numbers");
    assert_eq!(bbox, [106.6, 20.8, 106.7, 20.9]);
    let attributes = summary["attributes"].as_array().expect("array");
    let ban_kinh = attributes
        .iter()
        .find(|attribute| attribute["name"] == "ban_kinh_m")
        .expect("the data column");
    assert_eq!(ban_kinh["type"], "integer");

    let broken = folder.join("hong.kml");
    std::fs::write(&broken, "<kml>\n<Placemark><name>x</Placemark></kml>").expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .arg("info")
        .arg(&broken)
        .output()
        .expect("the hpatlas binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("hong.kml: line 2"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}
