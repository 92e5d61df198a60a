//! `hpatlas check-tt16` on TT16 packages built at test time by GDAL (`ogr2ogr`, required in CI, skipped only on
//! a developer machine without it): a `HoSoGIS` folder of four GeoPackages whose layers declare the catalogue's
//! fields with their widths (CSV + `.csvt` → `TEXT(15)`, `FLOAT`, …), once clean and once with nine planted
//! defects. The check must find exactly the planted ones, and set the exit code.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::tt16_dossier::{
    Found, LayerSpec, PackageFiles, build_dossier, build_dossier_as, clean_layers, defective_layers,
};
use crate::{gdal_installed, scratch_folder};

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
