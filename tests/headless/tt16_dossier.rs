//! A TT16 planning dossier built at test time by GDAL (`ogr2ogr`): a `HoSoGIS` folder whose packages are
//! GeoPackages or File Geodatabases, and whose layers declare the catalogue's fields with their widths
//! (CSV + `.csvt` → `TEXT(15)`, `FLOAT`, …), once clean and once with nine planted defects. Shared by the
//! headless check tests and the UI flow of the check panel.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hpatlas::core::tt16::catalogue::{CatalogueField, Package, shipped};
use hpatlas::core::tt16::package::FieldType;

/// The dossier code every feature carries.
pub const DOSSIER: &str = "31QHC0010001";

/// One layer to write: where, what, and the defects planted in it.
pub struct LayerSpec {
    /// The package file's stem (in the case it is written with).
    pub file_stem: &'static str,
    /// The package whose catalogue fields it carries (`None`: minimum fields only).
    pub catalogue_package: Option<Package>,
    /// The layer name.
    pub name: &'static str,
    /// `-nlt` for ogr2ogr.
    pub geometry_type: &'static str,
    /// The layer's EPSG code.
    pub epsg: u32,
    /// The WKT of each feature (fids 1, 2, …).
    pub geometries: Vec<&'static str>,
    /// Fields left out.
    pub drop_fields: Vec<&'static str>,
    /// Declared types replaced: (field, csvt type).
    pub retype: Vec<(&'static str, &'static str)>,
    /// Values replaced: (fid, field, value).
    pub values: Vec<(usize, &'static str, String)>,
}

impl LayerSpec {
    pub fn new(
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

pub const SQUARE_1: &str =
    "POLYGON((600000 2300000,600100 2300000,600100 2300100,600000 2300100,600000 2300000))";
pub const SQUARE_2: &str =
    "POLYGON((600200 2300000,600300 2300000,600300 2300100,600200 2300100,600200 2300000))";
pub const SQUARE_4: &str =
    "POLYGON((600400 2300000,600500 2300000,600500 2300100,600400 2300100,600400 2300000))";
pub const BOW_TIE: &str =
    "POLYGON((600000 2300200,600100 2300300,600100 2300200,600000 2300300,600000 2300200))";
pub const POINT_1: &str = "POINT(600000 2300000)";
pub const POINT_2: &str = "POINT(600200 2300000)";
pub const LINE_1: &str = "LINESTRING(600000 2300000,600100 2300000)";
pub const LINE_2: &str = "LINESTRING(600000 2300100,600100 2300100)";
pub const LINE_DEGREES: &str = "LINESTRING(106.60 20.80,106.70 20.85)";

/// The layers of the clean dossier.
pub fn clean_layers() -> Vec<LayerSpec> {
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
pub type Found = (String, String, String, Option<i64>, Option<String>);

pub fn found(
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
pub fn defective_layers() -> (Vec<LayerSpec>, BTreeSet<Found>) {
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
pub fn object_code(layer: &str, fid: usize) -> String {
    format!("{DOSSIER}-{layer}-{fid}")
}

/// The fields a layer of the spec carries, from the shipped catalogue.
pub fn fields_of(spec: &LayerSpec) -> Vec<&'static CatalogueField> {
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
pub fn csvt_type(field: &CatalogueField) -> String {
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
pub fn clean_value(field: &CatalogueField, layer: &str, fid: usize) -> String {
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
pub fn write_csv(folder: &Path, spec: &LayerSpec) -> PathBuf {
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
pub fn build_dossier(folder: &Path, layers: &[LayerSpec]) -> PathBuf {
    build_dossier_as(folder, layers, PackageFiles::GeoPackage)
}

/// How the packages of a test dossier are stored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PackageFiles {
    /// GeoPackages (`.gpkg`).
    GeoPackage,
    /// File Geodatabases (`.gdb` folders).
    FileGdb,
}

/// Builds the `HoSoGIS` folder of `layers` under `folder` with ogr2ogr, as `files`.
pub fn build_dossier_as(folder: &Path, layers: &[LayerSpec], files: PackageFiles) -> PathBuf {
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
pub fn geometry_type_for(spec: &LayerSpec, files: PackageFiles) -> &'static str {
    let first = spec.geometries.first().copied().unwrap_or_default();
    match (files, spec.geometry_type) {
        (PackageFiles::FileGdb, "PROMOTE_TO_MULTI") if first.starts_with("POLYGON") => {
            "MULTIPOLYGON"
        }
        (PackageFiles::FileGdb, "PROMOTE_TO_MULTI") => "MULTILINESTRING",
        (_, declared) => declared,
    }
}
