//! `hpatlas check-tt16` on TT16 packages built at test time by GDAL (`ogr2ogr`, required in CI, skipped only on
//! a developer machine without it): a `HoSoGIS` folder of four GeoPackages whose layers declare the catalogue's
//! fields with their widths (CSV + `.csvt` → `TEXT(15)`, `FLOAT`, …), once clean and once with nine planted
//! defects. The check must find exactly the planted ones, and set the exit code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hpatlas::core::tt16::catalogue::{CatalogueField, Package, shipped};
use hpatlas::core::tt16::package::FieldType;
use serde_json::Value;

use crate::{gdal_installed, scratch_folder};

/// The dossier code every feature carries.
const DOSSIER: &str = "31QHC0010001";

/// One layer to write: where, what, and the defects planted in it.
struct LayerSpec {
    /// The package file's stem (in the case it is written with).
    file_stem: &'static str,
    /// The package whose catalogue fields it carries (`None`: minimum fields only).
    catalogue_package: Option<Package>,
    /// The layer name.
    name: &'static str,
    /// `-nlt` for ogr2ogr.
    geometry_type: &'static str,
    /// The layer's EPSG code.
    epsg: u32,
    /// The WKT of each feature (fids 1, 2, …).
    geometries: Vec<&'static str>,
    /// Fields left out.
    drop_fields: Vec<&'static str>,
    /// Declared types replaced: (field, csvt type).
    retype: Vec<(&'static str, &'static str)>,
    /// Values replaced: (fid, field, value).
    values: Vec<(usize, &'static str, String)>,
}

impl LayerSpec {
    fn new(
        file_stem: &'static str,
        name: &'static str,
        geometry_type: &'static str,
        geometries: Vec<&'static str>,
    ) -> Self {
        Self {
            file_stem,
            catalogue_package: Package::from_name(file_stem),
            name,
            geometry_type,
            epsg: 9210,
            geometries,
            drop_fields: Vec::new(),
            retype: Vec::new(),
            values: Vec::new(),
        }
    }
}

const SQUARE_1: &str =
    "POLYGON((600000 2300000,600100 2300000,600100 2300100,600000 2300100,600000 2300000))";
const SQUARE_2: &str =
    "POLYGON((600200 2300000,600300 2300000,600300 2300100,600200 2300100,600200 2300000))";
const SQUARE_4: &str =
    "POLYGON((600400 2300000,600500 2300000,600500 2300100,600400 2300100,600400 2300000))";
const BOW_TIE: &str =
    "POLYGON((600000 2300200,600100 2300300,600100 2300200,600000 2300300,600000 2300200))";
const POINT_1: &str = "POINT(600000 2300000)";
const POINT_2: &str = "POINT(600200 2300000)";
const LINE_1: &str = "LINESTRING(600000 2300000,600100 2300000)";
const LINE_2: &str = "LINESTRING(600000 2300100,600100 2300100)";
const LINE_DEGREES: &str = "LINESTRING(106.60 20.80,106.70 20.85)";

/// The layers of the clean dossier.
fn clean_layers() -> Vec<LayerSpec> {
    vec![
        LayerSpec::new("NenDiaHinh", "DiemDoCao_P", "POINT", vec![POINT_1, POINT_2]),
        LayerSpec::new(
            "HienTrang",
            "ChucNangSuDungDat_A",
            "PROMOTE_TO_MULTI",
            vec![SQUARE_1, SQUARE_2],
        ),
        LayerSpec::new(
            "HienTrang",
            "RanhGioiHanhChinh_L",
            "LINESTRING",
            vec![LINE_1, LINE_2],
        ),
        LayerSpec::new(
            "QuyHoach",
            "ChucNangSuDungDat_A",
            "POLYGON",
            vec![SQUARE_1, SQUARE_2, SQUARE_4, SQUARE_4],
        ),
        LayerSpec::new("QuyHoach", "CayXanh_P", "POINT", vec![POINT_1, POINT_2]),
        LayerSpec::new("QuyHoach", "MatNuoc_A", "POLYGON", vec![SQUARE_1]),
        LayerSpec::new(
            "QuyHoach",
            "HuongDi_L",
            "PROMOTE_TO_MULTI",
            vec![LINE_1, LINE_2],
        ),
        LayerSpec::new("mocgioi", "MocGioiQuyHoach_P", "POINT", vec![POINT_1]),
    ]
}

/// One planted defect as the report gives it: (kind, package, layer, feature, field).
type Found = (String, String, String, Option<i64>, Option<String>);

fn found(
    kind: &str,
    package: &str,
    layer: &str,
    feature: Option<i64>,
    field: Option<&str>,
) -> Found {
    (
        kind.into(),
        package.into(),
        layer.into(),
        feature,
        field.map(Into::into),
    )
}

/// The layers of the dossier with nine defects planted, and the problems they must give.
fn defective_layers() -> (Vec<LayerSpec>, BTreeSet<Found>) {
    let mut layers = clean_layers();
    let layer = |layers: &mut Vec<LayerSpec>, stem: &str, name: &str| -> usize {
        layers
            .iter()
            .position(|spec| spec.file_stem == stem && spec.name == name)
            .expect("a planned layer")
    };
    // A layer in WGS 84.
    let at = layer(&mut layers, "HienTrang", "RanhGioiHanhChinh_L");
    layers[at].epsg = 4326;
    layers[at].geometries = vec![LINE_DEGREES];
    // An empty tenDoiTuong, a bow-tie, a maDoiTuong used twice.
    let at = layer(&mut layers, "QuyHoach", "ChucNangSuDungDat_A");
    layers[at].geometries[2] = BOW_TIE;
    layers[at].values.push((2, "tenDoiTuong", String::new()));
    layers[at]
        .values
        .push((4, "maDoiTuong", object_code("ChucNangSuDungDat_A", 1)));
    // maThongTinQH declared TEXT(10).
    let at = layer(&mut layers, "QuyHoach", "CayXanh_P");
    layers[at].retype.push(("maThongTinQH", "String(10)"));
    // An _A layer holding points.
    let at = layer(&mut layers, "QuyHoach", "MatNuoc_A");
    layers[at].geometry_type = "POINT";
    layers[at].geometries = vec![POINT_1];
    // A missing minimum field and a bad maHoSoQH.
    let at = layer(&mut layers, "QuyHoach", "HuongDi_L");
    layers[at].drop_fields.push("ghiChu");
    layers[at]
        .values
        .push((2, "maHoSoQH", "31QHX0010001".into()));
    // A layer the catalogue does not have.
    let mut unknown = LayerSpec::new("QuyHoach", "KhuVucLaBan_A", "POLYGON", vec![SQUARE_1]);
    unknown.catalogue_package = None;
    layers.push(unknown);
    let expected = [
        found("wrong_crs", "HienTrang", "RanhGioiHanhChinh_L", None, None),
        found(
            "empty_required",
            "QuyHoach",
            "ChucNangSuDungDat_A",
            Some(2),
            Some("tenDoiTuong"),
        ),
        found(
            "invalid_geometry",
            "QuyHoach",
            "ChucNangSuDungDat_A",
            Some(3),
            None,
        ),
        found(
            "duplicate_id",
            "QuyHoach",
            "ChucNangSuDungDat_A",
            Some(4),
            Some("maDoiTuong"),
        ),
        found(
            "field_type",
            "QuyHoach",
            "CayXanh_P",
            None,
            Some("maThongTinQH"),
        ),
        found("geometry_mismatch", "QuyHoach", "MatNuoc_A", None, None),
        found(
            "missing_field",
            "QuyHoach",
            "HuongDi_L",
            None,
            Some("ghiChu"),
        ),
        found(
            "code_format",
            "QuyHoach",
            "HuongDi_L",
            Some(2),
            Some("maHoSoQH"),
        ),
        found("unknown_layer", "QuyHoach", "KhuVucLaBan_A", None, None),
    ]
    .into_iter()
    .collect();
    (layers, expected)
}

/// The object code of feature `fid` of `layer`.
fn object_code(layer: &str, fid: usize) -> String {
    format!("{DOSSIER}-{layer}-{fid}")
}

/// The fields a layer of the spec carries, from the shipped catalogue.
fn fields_of(spec: &LayerSpec) -> Vec<&'static CatalogueField> {
    let catalogue = shipped().expect("the catalogue parses");
    let fields: Vec<&CatalogueField> = match spec.catalogue_package {
        Some(package) => {
            let layer = catalogue
                .layer(package, spec.name)
                .expect("a catalogue layer");
            catalogue.required_fields(layer)
        }
        None => catalogue.minimum_fields().collect(),
    };
    fields
        .into_iter()
        .filter(|field| !spec.drop_fields.contains(&field.name.as_str()))
        .collect()
}

/// The GDAL CSV type (`.csvt`) of a catalogue field.
fn csvt_type(field: &CatalogueField) -> String {
    match (&field.kind, field.width) {
        (FieldType::Text, Some(width)) => format!("String({width})"),
        (FieldType::Short, _) => "Integer(Int16)".into(),
        (FieldType::Long, _) => "Integer".into(),
        (FieldType::Float, _) => "Real(Float32)".into(),
        (FieldType::Double, _) => "Real".into(),
        (FieldType::Date, _) => "Date".into(),
        _ => "String".into(),
    }
}

/// A valid value of a field in feature `fid`.
fn clean_value(field: &CatalogueField, layer: &str, fid: usize) -> String {
    match (field.name.as_str(), &field.kind) {
        ("maThongTinQH", _) => "312511012345".into(),
        ("maHoSoQH", _) => DOSSIER.into(),
        ("maDoiTuong", _) => object_code(layer, fid),
        ("tenDoiTuong", _) => format!("Khu đất {fid}"),
        ("phanLoai", _) => "DAT_O_Nhomnhao".into(),
        ("ghiChu", _) => String::new(),
        (_, FieldType::Short | FieldType::Long) => "3".into(),
        (_, FieldType::Float | FieldType::Double) => "1.5".into(),
        (_, FieldType::Date) => "2025-07-01".into(),
        _ => "Ghi chú".into(),
    }
}

/// Writes the spec's CSV and `.csvt` into `folder`; returns the CSV's path.
fn write_csv(folder: &Path, spec: &LayerSpec) -> PathBuf {
    let fields = fields_of(spec);
    let csv_path = folder.join(format!("{}-{}.csv", spec.file_stem, spec.name));
    let mut writer = csv::Writer::from_path(&csv_path).expect("CSV created");
    let header: Vec<&str> = std::iter::once("WKT")
        .chain(fields.iter().map(|field| field.name.as_str()))
        .collect();
    writer.write_record(&header).expect("header");
    for (at, wkt) in spec.geometries.iter().enumerate() {
        let fid = at + 1;
        let mut row = vec![(*wkt).to_string()];
        for field in &fields {
            let planted = spec
                .values
                .iter()
                .find(|(on, name, _)| *on == fid && *name == field.name);
            row.push(
                planted.map_or_else(|| clean_value(field, spec.name, fid), |(_, _, v)| v.clone()),
            );
        }
        writer.write_record(&row).expect("row");
    }
    writer.flush().expect("CSV written");
    let types: Vec<String> = std::iter::once("WKT".to_string())
        .chain(fields.iter().map(|field| {
            spec.retype
                .iter()
                .find(|(name, _)| *name == field.name)
                .map_or_else(|| csvt_type(field), |(_, kind)| (*kind).to_string())
        }))
        .map(|kind| format!("\"{kind}\""))
        .collect();
    std::fs::write(csv_path.with_extension("csvt"), types.join(",")).expect("csvt written");
    csv_path
}

/// Builds the `HoSoGIS` folder of `layers` under `folder` with ogr2ogr, as GeoPackages.
fn build_dossier(folder: &Path, layers: &[LayerSpec]) -> PathBuf {
    build_dossier_as(folder, layers, PackageFiles::GeoPackage)
}

/// How the packages of a test dossier are stored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PackageFiles {
    GeoPackage,
    FileGdb,
}

/// Builds the `HoSoGIS` folder of `layers` under `folder` with ogr2ogr, as `files`.
fn build_dossier_as(folder: &Path, layers: &[LayerSpec], files: PackageFiles) -> PathBuf {
    let (driver, extension) = match files {
        PackageFiles::GeoPackage => ("GPKG", "gpkg"),
        PackageFiles::FileGdb => ("OpenFileGDB", "gdb"),
    };
    let dossier = folder.join("HoSoGIS");
    let sources = folder.join("csv");
    std::fs::create_dir_all(&dossier).expect("dossier folder");
    std::fs::create_dir_all(&sources).expect("source folder");
    for spec in layers {
        let csv_path = write_csv(&sources, spec);
        let gpkg = dossier.join(format!("{}.{extension}", spec.file_stem));
        let mut command = Command::new("ogr2ogr");
        command.args(["-f", driver]);
        if gpkg.exists() {
            command.arg("-update");
        }
        let run = command
            .arg(&gpkg)
            .arg(&csv_path)
            .args([
                "-oo",
                "GEOM_POSSIBLE_NAMES=WKT",
                "-oo",
                "KEEP_GEOM_COLUMNS=NO",
            ])
            .args(["-nln", spec.name, "-nlt", geometry_type_for(spec, files)])
            .args(["-a_srs", &format!("EPSG:{}", spec.epsg)])
            .args(["-lco", "GEOMETRY_NAME=geom"])
            .output()
            .expect("ogr2ogr runs");
        assert!(
            run.status.success(),
            "ogr2ogr {}: {}",
            spec.name,
            String::from_utf8_lossy(&run.stderr)
        );
    }
    dossier
}

/// `-nlt` for a layer: a FileGDB feature class needs a definite type where GeoPackage takes PROMOTE_TO_MULTI.
fn geometry_type_for(spec: &LayerSpec, files: PackageFiles) -> &'static str {
    let first = spec.geometries.first().copied().unwrap_or_default();
    match (files, spec.geometry_type) {
        (PackageFiles::FileGdb, "PROMOTE_TO_MULTI") if first.starts_with("POLYGON") => {
            "MULTIPOLYGON"
        }
        (PackageFiles::FileGdb, "PROMOTE_TO_MULTI") => "MULTILINESTRING",
        (_, declared) => declared,
    }
}

/// Runs `hpatlas check-tt16 PATH --format FORMAT`: (exit code, stdout).
fn check_tt16(path: &Path, format: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .arg("check-tt16")
        .arg(path)
        .args(["--format", format])
        .output()
        .expect("hpatlas runs");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

/// The problems of a JSON report as (kind, package, layer, feature, field).
fn problems_of(report: &Value) -> BTreeSet<Found> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|problem| {
            (
                problem["kind"].as_str().expect("kind").to_string(),
                problem["package"].as_str().expect("package").to_string(),
                problem["layer"].as_str().unwrap_or_default().to_string(),
                problem["feature"].as_i64(),
                problem["field"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn tt16_a_clean_dossier_built_by_gdal_passes() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("tt16-clean");
    let dossier = build_dossier(&folder, &clean_layers());
    let (code, stdout) = check_tt16(&dossier, "json");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(problems_of(&report), BTreeSet::new(), "{stdout}");
    assert_eq!(report["ok"], true);
    assert_eq!(report["layers"], 8);
    assert_eq!(report["features"], 16);
    assert_eq!(code, 0);
    let (code, text) = check_tt16(&dossier, "text");
    assert_eq!(code, 0);
    assert!(
        text.contains(": OK (0 errors, 0 warnings; 8 layers, 16 features)"),
        "{text}"
    );
}

#[test]
fn tt16_check_finds_exactly_the_planted_defects() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("tt16-defects");
    let (layers, expected) = defective_layers();
    let dossier = build_dossier(&folder, &layers);
    let (code, stdout) = check_tt16(&dossier, "json");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(problems_of(&report), expected, "{stdout}");
    assert_eq!(report["ok"], false);
    assert_eq!(report["path"], dossier.display().to_string());
    assert_eq!(code, 1);
    let problems = report["problems"].as_array().expect("problems");
    let warnings: Vec<&str> = problems
        .iter()
        .filter(|problem| problem["severity"] == "warning")
        .filter_map(|problem| problem["kind"].as_str())
        .collect();
    assert_eq!(
        warnings,
        vec!["code_format"],
        "only the unverified pattern warns"
    );
    let bow_tie = problems
        .iter()
        .find(|problem| problem["kind"] == "invalid_geometry")
        .expect("the bow-tie");
    assert_eq!(
        bow_tie["location"],
        serde_json::json!([600050.0, 2300250.0])
    );
    let (code, text) = check_tt16(&dossier, "text");
    assert_eq!(code, 1);
    assert!(
        text.contains("NOT OK (8 errors, 1 warning; 9 layers, 16 features)"),
        "{text}"
    );
    assert!(text.contains("\nQuyHoach\n"), "{text}");
}

#[test]
fn tt16_file_geodatabase_dossiers_are_checked_like_geopackages() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("tt16-filegdb-clean");
    let dossier = build_dossier_as(&folder, &clean_layers(), PackageFiles::FileGdb);
    assert!(dossier.join("QuyHoach.gdb").is_dir());
    let (code, stdout) = check_tt16(&dossier, "json");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(problems_of(&report), BTreeSet::new(), "{stdout}");
    assert_eq!(report["layers"], 8);
    assert_eq!(report["features"], 16);
    assert_eq!(code, 0);

    let folder = scratch_folder("tt16-filegdb-defects");
    let (layers, expected) = defective_layers();
    let dossier = build_dossier_as(&folder, &layers, PackageFiles::FileGdb);
    let (code, stdout) = check_tt16(&dossier, "json");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(problems_of(&report), expected, "{stdout}");
    assert_eq!(code, 1);
}

#[test]
fn tt16_a_single_geopackage_and_a_missing_path() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("tt16-single");
    let layers: Vec<LayerSpec> = clean_layers()
        .into_iter()
        .filter(|spec| spec.file_stem == "QuyHoach")
        .collect();
    let dossier = build_dossier(&folder, &layers);
    let (code, stdout) = check_tt16(&dossier.join("QuyHoach.gpkg"), "json");
    let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(problems_of(&report), BTreeSet::new(), "{stdout}");
    assert_eq!((code, report["layers"].as_u64()), (0, Some(4)));
    let output = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .arg("check-tt16")
        .arg(folder.join("nothing-here.gpkg"))
        .output()
        .expect("hpatlas runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no such file or folder"), "{stderr}");
}
