//! Saving a layer's edits back to its source file, through the session: a GeoPackage, a GeoJSON and a TCVN3
//! Shapefile are loaded, edited (attributes, geometries, features added and removed), written back and read
//! again by the atlas and by GDAL (`ogr2ogr`, required in CI, skipped only on a developer machine without
//! it). The edits are there; every other record is the same byte for byte (Shapefile records, GeoPackage rows)
//! or value for value (GeoJSON features); Shapefile text is still TCVN3. Values that do not fit, read-only
//! files and folders, a failing disk and a file changed by another program are refused with the files left as
//! they were; an undo after a save makes the next save write the old value again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use geo::{BoundingRect, Coord, Geometry, MultiPolygon, Point, Translate, polygon};
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::crs::{MAP_CRS, Reprojector, WGS84};
use hpatlas::core::io::export_layer::ExportLayer;
use hpatlas::core::io::gpkg_write::write_gpkg;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::io::write_back::{
    NotWritable, ReadOnlyFormat, ValueProblem, WriteBackError, can_write_back, data_changes,
    has_unsaved_data_edits,
};
use hpatlas::core::layer::{Feature, Layer, LayerId};
use hpatlas::core::session::{Edit, Session};
use hpatlas::core::text_encoding::TextEncoding;
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::{fixture, gdal_installed, scratch_folder};

// ------------------------------------------------------------------------------------------------ helpers

/// Five parcels in VN-2000 / TM-3 105°45' (the map CRS), with feature ids and foreign members.
const PARCELS_GEOJSON: &str = r#"{"type":"FeatureCollection","name":"khu","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},"x_nguon":"Sở Xây dựng",
"features":[
{"type":"Feature","id":"k1","properties":{"ten":"Khu A","dan_so":1200,"dien_tich":0.99},"geometry":{"type":"Polygon","coordinates":[[[597000.0,2306000.0],[597100.0,2306000.0],[597100.0,2306100.0],[597000.0,2306100.0],[597000.0,2306000.0]]]},"x_kiem_tra":true},
{"type":"Feature","id":"k2","properties":{"ten":"Khu B","dan_so":35,"dien_tich":0.5},"geometry":{"type":"Polygon","coordinates":[[[597200.0,2306000.0],[597300.0,2306000.0],[597300.0,2306100.0],[597200.0,2306000.0]]]}},
{"type":"Feature","id":"k3","properties":{"ten":"Khu C","dan_so":7,"dien_tich":1.0},"geometry":{"type":"Polygon","coordinates":[[[597400.0,2306000.0],[597500.0,2306000.0],[597500.0,2306100.0],[597400.0,2306000.0]]]}},
{"type":"Feature","id":"k4","properties":{"ten":"Khu D","dan_so":null,"dien_tich":2.25},"geometry":{"type":"Polygon","coordinates":[[[597600.0,2306000.0],[597700.0,2306000.0],[597700.0,2306100.0],[597600.0,2306000.0]]]}},
{"type":"Feature","id":"k5","properties":{"ten":"Ô trống","dan_so":0,"dien_tich":null},"geometry":{"type":"Polygon","coordinates":[[[597800.0,2306000.0],[597900.0,2306000.0],[597900.0,2306100.0],[597800.0,2306000.0]]]}}
]}
"#;

/// Loads and prepares a layer from `path`.
fn load(path: &Path) -> Layer {
    let data = read_layer_file(path, None, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
}

/// A session holding `layer`, and the layer's id.
fn session_with(layer: Layer) -> (Session, LayerId) {
    let mut session = Session::new("Lưu về tệp gốc");
    session
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("layer added");
    session.reset_history();
    let id = session.layers()[0].id;
    (session, id)
}

fn layer(session: &Session, id: LayerId) -> &Layer {
    session.layer(id).expect("the layer")
}

fn set_text(session: &mut Session, id: LayerId, feature: usize, field: &str, text: &str) {
    let field = layer(session, id).field_position(field).expect("field");
    set_value(
        session,
        id,
        feature,
        field,
        AttributeValue::Text(text.into()),
    );
}

fn set_value(
    session: &mut Session,
    id: LayerId,
    feature: usize,
    field: usize,
    value: AttributeValue,
) {
    session
        .edit(Edit::SetAttribute {
            layer: id,
            feature,
            field,
            value,
        })
        .expect("attribute set");
}

/// Moves feature `feature` by (`dx_m`, `dy_m`) in the map CRS.
fn move_feature(session: &mut Session, id: LayerId, feature: usize, dx_m: f64, dy_m: f64) {
    let moved = layer(session, id).features[feature]
        .geometry_in_map
        .translate(dx_m, dy_m);
    session
        .edit(Edit::SetGeometry {
            layer: id,
            feature,
            geometry: Box::new(moved),
        })
        .expect("geometry set");
}

fn insert(
    session: &mut Session,
    id: LayerId,
    geometry_in_map: Geometry,
    attributes: Vec<AttributeValue>,
) {
    let position = layer(session, id).features.len();
    session
        .edit(Edit::InsertFeature {
            layer: id,
            position,
            feature: Box::new(Feature::new(geometry_in_map, attributes)),
        })
        .expect("feature inserted");
}

fn remove(session: &mut Session, id: LayerId, position: usize) {
    session
        .edit(Edit::RemoveFeature {
            layer: id,
            position,
        })
        .expect("feature removed");
}

fn undo_all(session: &mut Session) {
    while session.undo().expect("undone").is_some() {}
}

/// A value of column `name` of every feature of a layer read again from `path`, in file order.
fn column(path: &Path, name: &str) -> Vec<AttributeValue> {
    let reread = load(path);
    (0..reread.features.len())
        .map(|feature| {
            reread
                .attribute(feature, name)
                .cloned()
                .unwrap_or(AttributeValue::Null)
        })
        .collect()
}

fn text(value: &str) -> AttributeValue {
    AttributeValue::Text(value.into())
}

/// Copies the fixture files `names` into a fresh scratch folder called `folder`.
fn copy_fixtures(folder: &str, names: &[&str]) -> PathBuf {
    let folder = scratch_folder(folder);
    for name in names {
        let source = fixture(name);
        let file_name = source.file_name().expect("a file name");
        std::fs::copy(&source, folder.join(file_name)).expect("fixture copied");
    }
    folder
}

/// Every file in `folder` with its bytes.
fn folder_bytes(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(folder)
        .expect("folder listed")
        .map(|entry| {
            let entry = entry.expect("entry");
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// The features GDAL reads from `path` (through `ogr2ogr` to GeoJSON), or `None` without GDAL.
fn gdal_features(path: &Path, open_options: &[&str]) -> Option<Vec<Value>> {
    if !gdal_installed() {
        return None;
    }
    let mut command = Command::new("ogr2ogr");
    command.args(["-f", "GeoJSON"]);
    for option in open_options {
        command.args(["-oo", option]);
    }
    let run = command
        .arg("/vsistdout/")
        .arg(path)
        .output()
        .expect("ogr2ogr runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "ogr2ogr failed on {}: {stderr}",
        path.display()
    );
    assert!(!stderr.contains("ERROR"), "{stderr}");
    let document: Value = serde_json::from_slice(&run.stdout).expect("GDAL writes JSON");
    Some(document["features"].as_array().expect("features").clone())
}

/// The bounding box of a GeoPackage geometry blob's WKB, read independently of the atlas (little-endian
/// polygon or multipolygon after an XY envelope).
fn blob_envelope(blob: &[u8]) -> [f64; 4] {
    assert_eq!(&blob[..2], b"GP");
    assert_eq!(blob[3] & 0b1110, 0b0010, "an XY envelope");
    let number = |at: usize| f64::from_le_bytes(blob[at..at + 8].try_into().expect("8 bytes"));
    [number(8), number(16), number(24), number(32)]
}

// ------------------------------------------------------------------------------------------------ GeoPackage

/// A GeoPackage of the five parcels: made by GDAL with a spatial index (as planners' files are), or by the
/// atlas's own writer where GDAL is missing.
fn parcels_gpkg(folder: &Path) -> PathBuf {
    let geojson = folder.join("khu.geojson");
    std::fs::write(&geojson, PARCELS_GEOJSON).expect("source written");
    let gpkg = folder.join("khu.gpkg");
    if gdal_installed() {
        let run = Command::new("ogr2ogr")
            .args(["-f", "GPKG", "-nlt", "PROMOTE_TO_MULTI"])
            .arg(&gpkg)
            .arg(&geojson)
            .output()
            .expect("ogr2ogr runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    } else {
        let source = load(&geojson);
        let export = ExportLayer::from_whole_layer(&source).expect("exportable");
        write_gpkg(&gpkg, &[export]).expect("written");
    }
    std::fs::remove_file(&geojson).expect("source removed");
    gpkg
}

/// Every row of the GeoPackage's feature table `table`, by fid, with all its column values.
fn gpkg_rows(path: &Path, table: &str) -> BTreeMap<i64, Vec<SqlValue>> {
    let connection = rusqlite::Connection::open(path).expect("opened");
    let mut statement = connection
        .prepare(&format!("SELECT * FROM \"{table}\""))
        .expect("prepared");
    let count = statement.column_count();
    let fid_at = statement
        .column_names()
        .iter()
        .position(|name| *name == "fid")
        .expect("a fid column");
    statement
        .query_map([], |row| {
            let values: Vec<SqlValue> =
                (0..count).map(|at| row.get(at)).collect::<Result<_, _>>()?;
            Ok((row.get::<_, i64>(fid_at)?, values))
        })
        .expect("queried")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn gpkg_column_at(path: &Path, table: &str, name: &str) -> usize {
    let connection = rusqlite::Connection::open(path).expect("opened");
    let statement = connection
        .prepare(&format!("SELECT * FROM \"{table}\" LIMIT 0"))
        .expect("prepared");
    statement
        .column_names()
        .iter()
        .position(|column| *column == name)
        .expect("column")
}

#[test]
fn geopackage_edits_are_written_in_place_and_other_rows_stay_identical() {
    let folder = scratch_folder("write-back-gpkg");
    let path = parcels_gpkg(&folder);
    let before = gpkg_rows(&path, "khu");
    let fids: Vec<i64> = before.keys().copied().collect();
    assert_eq!(fids.len(), 5);
    let (mut session, id) = session_with(load(&path));
    assert!(can_write_back(layer(&session, id)).is_ok());
    assert!(!has_unsaved_data_edits(layer(&session, id)));

    set_text(&mut session, id, 0, "ten", "Khu A (mở rộng)");
    move_feature(&mut session, id, 2, 50.0, 20.0);
    remove(&mut session, id, 3);
    let new_parcel = polygon![
        (x: 598_000.0, y: 2_306_000.0), (x: 598_100.0, y: 2_306_000.0), (x: 598_100.0, y: 2_306_300.0),
        (x: 598_000.0, y: 2_306_000.0)
    ];
    let mut values = vec![AttributeValue::Null; layer(&session, id).fields.len()];
    let field = |name: &str| layer(&session, id).field_position(name).expect("field");
    values[field("ten")] = text("Khu mới");
    values[field("dan_so")] = AttributeValue::Integer(12);
    values[field("dien_tich")] = AttributeValue::Real(3.5);
    insert(
        &mut session,
        id,
        Geometry::Polygon(new_parcel.clone()),
        values,
    );
    let changes = data_changes(layer(&session, id));
    assert_eq!(
        (changes.changed, changes.added, changes.removed),
        (vec![0, 2], vec![4], 1)
    );

    let report = session.write_layer_back(id).expect("written back");
    assert_eq!(
        (
            report.unchanged,
            report.updated,
            report.inserted,
            report.removed
        ),
        (2, 2, 1, 1)
    );
    assert!(!has_unsaved_data_edits(layer(&session, id)));

    let after = gpkg_rows(&path, "khu");
    let (ten_at, geom_at) = (
        gpkg_column_at(&path, "khu", "ten"),
        gpkg_column_at(&path, "khu", "geom"),
    );
    for untouched in [fids[1], fids[4]] {
        assert_eq!(
            after[&untouched], before[&untouched],
            "row {untouched} is untouched"
        );
    }
    assert!(!after.contains_key(&fids[3]), "the removed row is deleted");
    let renamed = &after[&fids[0]];
    assert_eq!(renamed[ten_at], SqlValue::Text("Khu A (mở rộng)".into()));
    for (at, value) in renamed.iter().enumerate().filter(|(at, _)| *at != ten_at) {
        assert_eq!(
            value, &before[&fids[0]][at],
            "only the edited column changes"
        );
    }
    let (SqlValue::Blob(old), SqlValue::Blob(new)) =
        (&before[&fids[2]][geom_at], &after[&fids[2]][geom_at])
    else {
        panic!("geometry blobs");
    };
    let (old_box, new_box) = (blob_envelope(old), blob_envelope(new));
    assert_eq!(
        new_box,
        [
            old_box[0] + 50.0,
            old_box[1] + 50.0,
            old_box[2] + 20.0,
            old_box[3] + 20.0
        ]
    );
    assert_eq!(
        i32::from_le_bytes(new[4..8].try_into().expect("srs_id")),
        9210
    );
    let inserted = after.keys().max().copied().expect("rows");
    assert!(inserted > fids[4], "the new row gets a new fid");
    assert_eq!(after[&inserted][ten_at], SqlValue::Text("Khu mới".into()));
    let SqlValue::Blob(new_blob) = &after[&inserted][geom_at] else {
        panic!("a geometry blob");
    };
    assert_eq!(
        blob_envelope(new_blob),
        [598_000.0, 598_100.0, 2_306_000.0, 2_306_300.0]
    );

    // The atlas reads the edits back, in fid order.
    assert_eq!(
        column(&path, "ten"),
        [
            text("Khu A (mở rộng)"),
            text("Khu B"),
            text("Khu C"),
            text("Ô trống"),
            text("Khu mới")
        ]
    );
    let reread = load(&path);
    let moved = reread.features[2]
        .geometry_in_map
        .bounding_rect()
        .expect("a box");
    assert_eq!((moved.min().x, moved.min().y), (597_450.0, 2_306_020.0));

    if let Some(features) = gdal_features(&path, &[]) {
        assert!(
            matches!(&reread.features[4].geometry_in_map, Geometry::MultiPolygon(parts) if parts.0 == [new_parcel]),
            "a polygon is wrapped for GDAL's MULTIPOLYGON column: {:?}",
            reread.features[4].geometry_in_map
        );
        let names: Vec<&str> = features
            .iter()
            .map(|feature| feature["properties"]["ten"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            ["Khu A (mở rộng)", "Khu B", "Khu C", "Ô trống", "Khu mới"]
        );
        let connection = rusqlite::Connection::open(&path).expect("opened");
        let indexed: (f64, f64) = connection
            .query_row(
                "SELECT minx, miny FROM rtree_khu_geom WHERE id = ?1",
                [fids[2]],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .expect("the spatial index follows the moved parcel");
        assert!((indexed.0 - 597_450.0).abs() < 0.1 && (indexed.1 - 2_306_020.0).abs() < 0.1);
        let extent: f64 = connection
            .query_row(
                "SELECT max_y FROM gpkg_contents WHERE table_name = 'khu'",
                [],
                |row| row.get(0),
            )
            .expect("extent");
        assert!(
            extent >= 2_306_300.0,
            "the recorded extent covers the new parcel"
        );
    }

    // Undo everything after the save, save again: the file holds the original values again.
    undo_all(&mut session);
    assert!(has_unsaved_data_edits(layer(&session, id)));
    session.write_layer_back(id).expect("written back again");
    assert!(!has_unsaved_data_edits(layer(&session, id)));
    let mut names = column(&path, "ten");
    names.sort_by(|a, b| a.sort_cmp(b));
    assert_eq!(
        names,
        [
            text("Khu A"),
            text("Khu B"),
            text("Khu C"),
            text("Khu D"),
            text("Ô trống")
        ]
    );
    let again = gpkg_rows(&path, "khu");
    assert_eq!(
        again[&fids[0]], before[&fids[0]],
        "the undone rename is written back"
    );
    assert_eq!(
        again[&fids[2]][geom_at], before[&fids[2]][geom_at],
        "the undone move too"
    );
}

#[test]
fn a_failing_disk_leaves_the_geopackage_unchanged_and_the_edits_unsaved() {
    let folder = scratch_folder("write-back-gpkg-fail");
    let path = parcels_gpkg(&folder);
    let (mut session, id) = session_with(load(&path));
    set_text(&mut session, id, 1, "ten", "Khu B mới");
    remove(&mut session, id, 0);
    let before = std::fs::read(&path).expect("read");
    // SQLite cannot create its rollback journal where a folder of that name stands: an OS error on write
    // that no permission bit (and no administrator) gets around.
    let journal = folder.join("khu.gpkg-journal");
    std::fs::create_dir(&journal).expect("journal blocked");
    let error = session
        .write_layer_back(id)
        .expect_err("the journal cannot be created");
    assert!(matches!(error, WriteBackError::Database { .. }), "{error}");
    assert!(error.to_string().contains("khu.gpkg"), "{error}");
    std::fs::remove_dir(&journal).expect("journal unblocked");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is unchanged"
    );
    assert!(has_unsaved_data_edits(layer(&session, id)));
    session
        .write_layer_back(id)
        .expect("written once the disk works");
    assert_eq!(
        column(&path, "ten"),
        [
            text("Khu B mới"),
            text("Khu C"),
            text("Khu D"),
            text("Ô trống")
        ]
    );
}

#[test]
fn an_edited_layer_exports_its_edited_state() {
    let folder = scratch_folder("write-back-export");
    let source = folder.join("khu.geojson");
    std::fs::write(&source, PARCELS_GEOJSON).expect("source written");
    let (mut session, id) = session_with(load(&source));
    set_text(&mut session, id, 0, "ten", "Khu A đã sửa");
    remove(&mut session, id, 4);
    let output = folder.join("ban_sao.gpkg");
    let export = ExportLayer::from_whole_layer(layer(&session, id)).expect("exportable");
    write_gpkg(&output, &[export]).expect("exported");
    assert_eq!(
        column(&output, "ten"),
        [
            text("Khu A đã sửa"),
            text("Khu B"),
            text("Khu C"),
            text("Khu D")
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&source).expect("read"),
        PARCELS_GEOJSON,
        "the source is untouched"
    );
}

// ------------------------------------------------------------------------------------------------ GeoJSON

fn document(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("valid JSON")
}

#[test]
fn geojson_edits_keep_unchanged_features_value_for_value() {
    let folder = scratch_folder("write-back-geojson");
    let path = folder.join("khu.geojson");
    std::fs::write(&path, PARCELS_GEOJSON).expect("source written");
    let original = document(&path);
    let original_features = original["features"].as_array().expect("features").clone();
    let (mut session, id) = session_with(load(&path));

    set_text(&mut session, id, 0, "ten", "Khu A (mở rộng)");
    move_feature(&mut session, id, 2, 10.0, -5.0);
    remove(&mut session, id, 3);
    let point = Geometry::Point(Point::new(597_950.5, 2_306_050.25));
    insert(
        &mut session,
        id,
        point,
        vec![
            AttributeValue::Null, // the `id` column of the features' `id` members: none for a new one
            text("Trạm mới"),
            AttributeValue::Integer(3),
            AttributeValue::Null,
        ],
    );
    session.write_layer_back(id).expect("written back");
    assert!(!has_unsaved_data_edits(layer(&session, id)));

    let written = document(&path);
    let keys: Vec<&String> = written.as_object().expect("an object").keys().collect();
    assert_eq!(
        keys,
        ["type", "name", "crs", "x_nguon", "features"],
        "top-level members and their order"
    );
    assert_eq!(
        written["crs"], original["crs"],
        "the legacy crs member is kept"
    );
    let features = written["features"].as_array().expect("features");
    assert_eq!(features.len(), 5);
    assert_eq!(
        features[1], original_features[1],
        "unchanged: value for value"
    );
    assert_eq!(
        features[3], original_features[4],
        "unchanged after a removal"
    );
    let renamed = &features[0];
    assert_eq!(renamed["id"], "k1");
    assert_eq!(
        renamed["x_kiem_tra"], true,
        "a foreign member of a changed feature is kept"
    );
    assert_eq!(renamed["properties"]["ten"], "Khu A (mở rộng)");
    assert_eq!(
        renamed["properties"]["dan_so"], 1200,
        "untouched values keep their JSON"
    );
    assert_eq!(
        renamed["geometry"], original_features[0]["geometry"],
        "an attribute edit keeps the geometry"
    );
    let moved = &features[2];
    assert_eq!(moved["properties"], original_features[2]["properties"]);
    assert_eq!(
        moved["geometry"]["coordinates"][0][0],
        serde_json::json!([597_410.0, 2_305_995.0])
    );
    assert_eq!(
        features[4],
        serde_json::json!({"type": "Feature", "properties": {"ten": "Trạm mới", "dan_so": 3, "dien_tich": null},
            "geometry": {"type": "Point", "coordinates": [597_950.5, 2_306_050.25]}})
    );
    let text_written = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text_written.lines().count(),
        13,
        "one member and one feature per line:\n{text_written}"
    );

    assert_eq!(
        column(&path, "ten"),
        [
            text("Khu A (mở rộng)"),
            text("Khu B"),
            text("Khu C"),
            text("Ô trống"),
            text("Trạm mới")
        ]
    );
    if let Some(features) = gdal_features(&path, &[]) {
        assert_eq!(features.len(), 5);
        assert_eq!(features[4]["properties"]["ten"], "Trạm mới");
        assert_eq!(
            features[2]["geometry"]["coordinates"][0][0],
            serde_json::json!([597_410.0, 2_305_995.0])
        );
    }

    // A second round after the save: records moved, so the file's positions must follow.
    set_text(&mut session, id, 3, "ten", "Ô đã dùng");
    session.write_layer_back(id).expect("written back again");
    let features = document(&path)["features"]
        .as_array()
        .expect("features")
        .clone();
    assert_eq!(
        features[3]["id"], "k5",
        "the record found at its new position"
    );
    assert_eq!(features[3]["properties"]["ten"], "Ô đã dùng");

    undo_all(&mut session);
    session
        .write_layer_back(id)
        .expect("undone edits written back");
    let features = document(&path)["features"]
        .as_array()
        .expect("features")
        .clone();
    assert_eq!(features.len(), 5);
    for at in [0, 1, 2, 4] {
        assert_eq!(
            features[at], original_features[at],
            "feature {at} is as it was"
        );
    }
    assert_eq!(
        features[3]["properties"], original_features[3]["properties"],
        "the removed feature is back"
    );
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten() {
    let folder = scratch_folder("write-back-changed");
    let path = folder.join("khu.geojson");
    std::fs::write(&path, PARCELS_GEOJSON).expect("source written");
    let (mut session, id) = session_with(load(&path));
    set_text(&mut session, id, 0, "ten", "Khu A mới");
    let elsewhere = PARCELS_GEOJSON.replace("Khu B", "Khu B (sửa ở QGIS)");
    std::fs::write(&path, &elsewhere).expect("changed elsewhere");
    let error = session.write_layer_back(id).expect_err("refused");
    assert!(
        matches!(error, WriteBackError::SourceChanged { .. }),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), elsewhere);
}

// ------------------------------------------------------------------------------------------------ Shapefile

const TCVN3_FILES: [&str; 4] = [
    "formats/points_tcvn3.shp",
    "formats/points_tcvn3.shx",
    "formats/points_tcvn3.dbf",
    "formats/points_tcvn3.prj",
];

/// A dBASE table's records, raw (deletion flag and cells).
fn dbf_records(path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("read");
    let count = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    let header_len = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let record_len = usize::from(u16::from_le_bytes([bytes[10], bytes[11]]));
    assert_eq!(
        bytes.len(),
        header_len + count * record_len + 1,
        "records and the end marker"
    );
    assert_eq!(bytes.last(), Some(&0x1A));
    bytes[header_len..header_len + count * record_len]
        .chunks(record_len)
        .map(<[u8]>::to_vec)
        .collect()
}

/// A `.shp`'s record contents (without record headers), through its `.shx`, after checking both headers.
fn shp_records(shp_path: &Path) -> Vec<Vec<u8>> {
    let shp = std::fs::read(shp_path).expect("read");
    let shx = std::fs::read(shp_path.with_extension("shx")).expect("read");
    let words = |bytes: &[u8], at: usize| {
        i32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize
    };
    assert_eq!(
        words(&shp, 24) * 2,
        shp.len(),
        "the .shp header gives its length"
    );
    assert_eq!(
        words(&shx, 24) * 2,
        shx.len(),
        "the .shx header gives its length"
    );
    shx[100..]
        .chunks(8)
        .enumerate()
        .map(|(number, entry)| {
            let (offset, length) = (words(entry, 0) * 2, words(entry, 4) * 2);
            assert_eq!(
                words(&shp, offset),
                number + 1,
                "records are numbered in order"
            );
            assert_eq!(words(&shp, offset + 4) * 2, length);
            shp[offset + 8..offset + 8 + length].to_vec()
        })
        .collect()
}

fn point_of(content: &[u8]) -> Coord {
    assert_eq!(
        i32::from_le_bytes(content[..4].try_into().expect("type")),
        1,
        "a point record"
    );
    let number = |at: usize| f64::from_le_bytes(content[at..at + 8].try_into().expect("8 bytes"));
    Coord {
        x: number(4),
        y: number(12),
    }
}

/// A 60-byte TCVN3 cell as written by the C library's iconv (the fixture's bytes), padded with spaces.
fn tcvn3_cell(bytes: &[u8]) -> Vec<u8> {
    let mut cell = bytes.to_vec();
    cell.resize(60, b' ');
    cell
}

/// "Nhà văn hóa Hải Phòng" and "Hải Phòng" in TCVN3, spelled with the bytes iconv wrote into the fixture.
const NHA_VAN_HOA_HAI_PHONG: &[u8] = b"Nh\xb5 v\xa8n h\xe3a H\xb6i Ph\xdfng";
const HAI_PHONG: &[u8] = b"H\xb6i Ph\xdfng";

#[test]
fn a_tcvn3_shapefile_keeps_its_encoding_and_unchanged_records_byte_for_byte() {
    let folder = copy_fixtures("write-back-tcvn3", &TCVN3_FILES);
    let shp = folder.join("points_tcvn3.shp");
    let (dbf, prj) = (shp.with_extension("dbf"), shp.with_extension("prj"));
    let (shapes_before, records_before) = (shp_records(&shp), dbf_records(&dbf));
    let prj_before = std::fs::read(&prj).expect("read");
    let loaded = load(&shp);
    assert_eq!(
        loaded.text_encoding.as_ref().map(|report| report.encoding),
        Some(TextEncoding::Tcvn3)
    );
    let (mut session, id) = session_with(loaded);

    set_text(&mut session, id, 1, "ten", "Nhà văn hóa Hải Phòng");
    move_feature(&mut session, id, 0, 100.0, 50.0);
    let new_point = layer(&session, id).features[1]
        .geometry_in_map
        .translate(-30.0, 40.0);
    insert(&mut session, id, new_point.clone(), vec![text("Hải Phòng")]);
    session.write_layer_back(id).expect("written back");

    let (shapes, records) = (shp_records(&shp), dbf_records(&dbf));
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[0], records_before[0],
        "a moved feature keeps its .dbf record byte for byte"
    );
    assert_eq!(
        records[1][1..],
        tcvn3_cell(NHA_VAN_HOA_HAI_PHONG)[..],
        "the new text is TCVN3"
    );
    assert_eq!(records[2], [&b" "[..], &tcvn3_cell(HAI_PHONG)].concat());
    assert_eq!(
        shapes[1], shapes_before[1],
        "an attribute edit keeps the shape byte for byte"
    );
    let to_wgs84 = Reprojector::new(MAP_CRS, WGS84).expect("PROJ");
    let expected = to_wgs84
        .convert_geometry(&layer(&session, id).features[0].geometry_in_map)
        .expect("in range");
    let Geometry::Point(expected) = expected else {
        panic!("a point")
    };
    // PROJ's plain inverse is up to 7e-9 degrees off; the written point is the corrected one.
    let written = point_of(&shapes[0]);
    assert!((written.x - expected.x()).abs() < 1e-7 && (written.y - expected.y()).abs() < 1e-7);
    assert_ne!(
        written,
        point_of(&shapes_before[0]),
        "the moved point is written"
    );
    assert_eq!(
        std::fs::read(&prj).expect("read"),
        prj_before,
        "the .prj is kept"
    );
    assert!(
        !folder.join("points_tcvn3.cpg").exists(),
        "no .cpg is added"
    );

    let reread = load(&shp);
    assert_eq!(
        reread.text_encoding.as_ref().map(|report| report.encoding),
        Some(TextEncoding::Tcvn3)
    );
    assert_eq!(
        column(&shp, "ten"),
        [
            text("Trụ sở Ủy ban nhân dân thành phố Hải Phòng"),
            text("Nhà văn hóa Hải Phòng"),
            text("Hải Phòng")
        ]
    );
    if let Some(features) = gdal_features(&shp, &["ENCODING=ISO-8859-1"]) {
        // GDAL reads the bytes as Latin-1 (one character per byte): the bytes must be TCVN3's.
        let raw: Vec<Vec<u8>> = features
            .iter()
            .map(|feature| {
                let name = feature["properties"]["ten"].as_str().expect("text");
                name.chars()
                    .map(|c| u8::try_from(u32::from(c)).expect("one byte"))
                    .collect()
            })
            .collect();
        assert_eq!(raw[1], NHA_VAN_HOA_HAI_PHONG);
        assert_eq!(raw[2], HAI_PHONG);
        let x = features[0]["geometry"]["coordinates"][0]
            .as_f64()
            .expect("x");
        assert!((x - written.x).abs() < 1e-12);
    }

    // Removing the first feature moves the others up: they are found again and copied byte for byte.
    remove(&mut session, id, 0);
    session.write_layer_back(id).expect("written back again");
    let (shapes_after, records_after) = (shp_records(&shp), dbf_records(&dbf));
    assert_eq!(shapes_after, shapes[1..]);
    assert_eq!(records_after, records[1..]);

    // Undo everything: the next save writes the original text again, byte for byte.
    undo_all(&mut session);
    session
        .write_layer_back(id)
        .expect("undone edits written back");
    assert_eq!(dbf_records(&dbf), records_before);
    let shapes_undone = shp_records(&shp);
    assert_eq!(shapes_undone[1], shapes_before[1]);
    let (back, original) = (point_of(&shapes_undone[0]), point_of(&shapes_before[0]));
    assert!((back.x - original.x).abs() < 1e-9 && (back.y - original.y).abs() < 1e-9);
}

#[test]
fn a_character_tcvn3_lacks_is_refused_and_nothing_is_written() {
    let folder = copy_fixtures("write-back-tcvn3-refused", &TCVN3_FILES);
    let shp = folder.join("points_tcvn3.shp");
    let before = folder_bytes(&folder);
    let (mut session, id) = session_with(load(&shp));
    set_text(&mut session, id, 1, "ten", "Nhà văn hóa → Hải Phòng");
    let error = session.write_layer_back(id).expect_err("refused");
    let WriteBackError::Value {
        feature,
        field,
        problem,
        ..
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!((*feature, field.as_str()), (1, "ten"));
    assert_eq!(
        *problem,
        ValueProblem::Unencodable {
            character: '→',
            encoding: TextEncoding::Tcvn3
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("feature 1")
            && message.contains("ten")
            && message.contains('→')
            && message.contains("TCVN3"),
        "{message}"
    );
    assert_eq!(
        folder_bytes(&folder),
        before,
        "nothing written, no temporary file left"
    );
    assert!(has_unsaved_data_edits(layer(&session, id)));

    set_text(&mut session, id, 1, "ten", &"Hải Phòng ".repeat(7));
    let error = session.write_layer_back(id).expect_err("too long");
    assert!(
        matches!(
            &error,
            WriteBackError::Value {
                problem: ValueProblem::TooLong {
                    bytes: 70,
                    width: 60,
                    ..
                },
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(folder_bytes(&folder), before);
}

#[test]
fn numbers_and_geometries_that_do_not_fit_the_shapefile_are_refused() {
    let folder = copy_fixtures(
        "write-back-parcels",
        &[
            "formats/parcels_vn2000.shp",
            "formats/parcels_vn2000.shx",
            "formats/parcels_vn2000.dbf",
            "formats/parcels_vn2000.prj",
            "formats/parcels_vn2000.cpg",
        ],
    );
    let shp = folder.join("parcels_vn2000.shp");
    let before = folder_bytes(&folder);
    let field =
        |session: &Session, id, name: &str| layer(session, id).field_position(name).expect("field");

    let (mut session, id) = session_with(load(&shp));
    let dan_so = field(&session, id, "dan_so");
    set_value(&mut session, id, 0, dan_so, text("nhiều"));
    let error = session.write_layer_back(id).expect_err("not a number");
    assert!(
        matches!(&error, WriteBackError::Value { feature: 0, field, problem: ValueProblem::NotANumber { .. }, .. } if field == "dan_so"),
        "{error}"
    );
    set_value(
        &mut session,
        id,
        0,
        dan_so,
        AttributeValue::Integer(12_345_678_901),
    );
    let error = session.write_layer_back(id).expect_err("too wide");
    assert!(
        matches!(
            &error,
            WriteBackError::Value {
                problem: ValueProblem::TooWide { width: 10, .. },
                ..
            }
        ),
        "{error}"
    );
    let dien_tich = field(&session, id, "dien_tich");
    set_value(&mut session, id, 0, dan_so, AttributeValue::Integer(1300));
    set_value(
        &mut session,
        id,
        1,
        dien_tich,
        AttributeValue::Real(0.123_45),
    );
    let error = session.write_layer_back(id).expect_err("too many decimals");
    assert!(
        matches!(
            &error,
            WriteBackError::Value {
                feature: 1,
                problem: ValueProblem::TooManyDecimals { decimals: 3, .. },
                ..
            }
        ),
        "{error}"
    );
    set_value(&mut session, id, 1, dien_tich, AttributeValue::Real(0.125));
    let point = Geometry::Point(Point::new(597_100.0, 2_306_050.0));
    session
        .edit(Edit::SetGeometry {
            layer: id,
            feature: 2,
            geometry: Box::new(point),
        })
        .expect("geometry set");
    let error = session
        .write_layer_back(id)
        .expect_err("a point in a polygon file");
    assert!(
        matches!(
            &error,
            WriteBackError::WrongGeometryType {
                feature: 2,
                found: "Point",
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("polygons"), "{error}");
    assert_eq!(
        folder_bytes(&folder),
        before,
        "every refusal leaves the files as they were"
    );

    session.undo().expect("the point undone");
    let square = MultiPolygon(vec![polygon![
        (x: 597_000.0, y: 2_306_200.0), (x: 597_050.0, y: 2_306_200.0), (x: 597_050.0, y: 2_306_250.0),
        (x: 597_000.0, y: 2_306_250.0), (x: 597_000.0, y: 2_306_200.0)
    ]]);
    session
        .edit(Edit::SetGeometry {
            layer: id,
            feature: 2,
            geometry: Box::new(Geometry::MultiPolygon(square.clone())),
        })
        .expect("geometry set");
    session
        .write_layer_back(id)
        .expect("values that fit are written");
    assert_eq!(column(&shp, "dan_so")[0], AttributeValue::Integer(1300));
    assert_eq!(column(&shp, "dien_tich")[1], AttributeValue::Real(0.125));
    let reread = load(&shp);
    assert!(
        matches!(&reread.features[2].geometry_in_map, Geometry::Polygon(polygon) if polygon.exterior().0.len() == 5),
        "{:?}",
        reread.features[2].geometry_in_map
    );
    assert_eq!(
        reread.features[2].geometry_in_map.bounding_rect(),
        square.bounding_rect()
    );
    if let Some(features) = gdal_features(&shp, &[]) {
        assert_eq!(features[0]["properties"]["dan_so"], 1300);
        assert_eq!(features[1]["properties"]["dien_tich"], 0.125);
        assert_eq!(features[2]["geometry"]["type"], "Polygon");
    }
}

// ------------------------------------------------------------------------------------------------ permissions

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("mode set");
}

#[test]
fn read_only_files_and_folders_are_refused_and_nothing_is_lost() {
    let folder = copy_fixtures("write-back-read-only", &TCVN3_FILES);
    let shp = folder.join("points_tcvn3.shp");
    let dbf = folder.join("points_tcvn3.dbf");
    let (mut session, id) = session_with(load(&shp));
    set_text(&mut session, id, 0, "ten", "Hải Phòng");
    let before = folder_bytes(&folder);

    set_mode(&dbf, 0o444);
    assert_eq!(
        can_write_back(layer(&session, id)),
        Err(NotWritable::ReadOnlyFile { path: dbf.clone() })
    );
    let error = session.write_layer_back(id).expect_err("read-only file");
    assert!(error.to_string().contains("read-only"), "{error}");
    set_mode(&dbf, 0o644);

    set_mode(&folder, 0o555);
    let refused = can_write_back(layer(&session, id));
    let error = session.write_layer_back(id).expect_err("read-only folder");
    set_mode(&folder, 0o755);
    assert_eq!(
        refused,
        Err(NotWritable::ReadOnlyFolder {
            path: folder.clone()
        })
    );
    assert!(
        matches!(
            error,
            WriteBackError::NotWritable(NotWritable::ReadOnlyFolder { .. })
        ),
        "{error}"
    );
    // The refusals come from the permission bits, so they hold when the tests run as root too, who could
    // write through them. The operating system's own refusal (which root gets too) is tested with a blocked
    // GeoPackage journal.
    assert_eq!(
        folder_bytes(&folder),
        before,
        "nothing lost or half-written"
    );
    assert!(has_unsaved_data_edits(layer(&session, id)));
    session.write_layer_back(id).expect("writable again");
    assert_eq!(column(&shp, "ten")[0], text("Hải Phòng"));
}

#[test]
fn layers_without_a_writable_source_say_why() {
    let mut csv = load(&fixture("shapes.geojson"));
    csv.source_path = Some(PathBuf::from("diem.csv"));
    assert!(matches!(
        can_write_back(&csv),
        Err(NotWritable::NoWriter {
            format: ReadOnlyFormat::Csv,
            ..
        })
    ));
    let mut gpx = load(&fixture("shapes.geojson"));
    gpx.source_path = Some(PathBuf::from("khao_sat.gpx"));
    assert!(matches!(
        can_write_back(&gpx),
        Err(NotWritable::NoWriter {
            format: ReadOnlyFormat::Gpx,
            ..
        })
    ));
    let mut drawn = load(&fixture("shapes.geojson"));
    drawn.source_path = None;
    assert_eq!(can_write_back(&drawn), Err(NotWritable::NoSourceFile));
    let mut gone = load(&fixture("shapes.geojson"));
    gone.source_path = Some(scratch_folder("write-back-gone").join("mat.geojson"));
    assert!(matches!(
        can_write_back(&gone),
        Err(NotWritable::Missing { .. })
    ));
}
