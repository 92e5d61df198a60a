//! The command line: `info` prints one JSON object, `transform` prints X Y, bad input exits non-zero with one
//! line on stderr.

use std::process::Command;

use crate::fixture;

fn hpatlas(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .args(args)
        .output()
        .expect("the hpatlas binary runs")
}

#[test]
fn info_summarises_a_layer() {
    let path = fixture("shapes.geojson");
    let output = hpatlas(&["info", path.to_str().expect("utf-8 path")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(summary["features"], 5);
    assert_eq!(summary["geometry_types"]["Polygon"], 2);
    assert_eq!(summary["geometry_types"]["MultiPolygon"], 1);
    assert_eq!(summary["geometry_types"]["LineString"], 1);
    assert_eq!(summary["geometry_types"]["Point"], 1);
    assert_eq!(summary["crs"], "EPSG:4326");
    assert_eq!(summary["crs_origin"], "assumed");
    let bbox: Vec<f64> =
        serde_json::from_value(summary["bbox_wgs84"].clone()).expect("four numbers");
    assert_eq!(bbox, [106.5, 20.7, 107.07, 20.95]);
    let attributes = summary["attributes"].as_array().expect("array");
    assert_eq!(attributes[0]["name"], "ten");
    assert_eq!(attributes[0]["type"], "text");
    assert_eq!(attributes[2]["name"], "dien_tich_ha");
    assert_eq!(attributes[2]["type"], "real");
}

#[test]
fn info_reports_a_declared_vn2000_crs_and_a_wgs84_bbox() {
    let path = fixture("vn2000_legacy_crs.geojson");
    let output = hpatlas(&["info", path.to_str().expect("utf-8 path")]);
    assert!(output.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(summary["crs"], "EPSG:9210");
    assert_eq!(summary["crs_origin"], "declared");
    let bbox: Vec<f64> = serde_json::from_value(summary["bbox_wgs84"].clone()).expect("bbox");
    assert!(
        (bbox[0] - 106.6881).abs() < 1e-7 && (bbox[1] - 20.8449).abs() < 1e-7,
        "{bbox:?}"
    );
}

#[test]
fn info_with_crs_reads_an_undeclared_vn2000_file() {
    let path = fixture("vn2000_no_crs.geojson");
    let refused = hpatlas(&["info", path.to_str().expect("utf-8 path")]);
    assert!(!refused.status.success());
    let given = hpatlas(&[
        "info",
        path.to_str().expect("utf-8 path"),
        "--crs",
        "EPSG:9210",
    ]);
    assert!(
        given.status.success(),
        "{}",
        String::from_utf8_lossy(&given.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&given.stdout).expect("JSON");
    assert_eq!(summary["crs_origin"], "user");
}

#[test]
fn transform_matches_proj_for_the_hai_phong_check_point() {
    let output = hpatlas(&[
        "transform",
        "--from",
        "EPSG:4326",
        "--to",
        "EPSG:9210",
        "106.6881",
        "20.8449",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let numbers: Vec<f64> = text
        .split_whitespace()
        .map(|word| word.parse().expect("a number"))
        .collect();
    assert!(
        (numbers[0] - 597_432.44).abs() < 0.01 && (numbers[1] - 2_306_067.77).abs() < 0.01,
        "{text}"
    );
    let back = hpatlas(&[
        "transform",
        "--from",
        "EPSG:9210",
        "--to",
        "EPSG:4326",
        "597432.44",
        "2306067.77",
    ]);
    let text = String::from_utf8(back.stdout).expect("utf-8");
    let numbers: Vec<f64> = text
        .split_whitespace()
        .map(|word| word.parse().expect("a number"))
        .collect();
    assert!(
        (numbers[0] - 106.6881).abs() < 1e-6 && (numbers[1] - 20.8449).abs() < 1e-6,
        "{text}"
    );
}

#[test]
fn bad_input_exits_non_zero_with_one_line() {
    for args in [
        vec![
            "info".to_string(),
            fixture("bad/truncated.geojson").display().to_string(),
        ],
        vec![
            "info".to_string(),
            fixture("missing.geojson").display().to_string(),
        ],
        vec![
            "transform".into(),
            "--from".into(),
            "EPSG:4326".into(),
            "--to".into(),
            "EPSG:9210".into(),
            "NaN".into(),
            "1".into(),
        ],
        vec![
            "transform".into(),
            "--from".into(),
            "Lambert".into(),
            "--to".into(),
            "EPSG:9210".into(),
            "1".into(),
            "1".into(),
        ],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
            .args(&args)
            .output()
            .expect("runs");
        assert!(!output.status.success(), "{args:?} must fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.trim().is_empty(),
            "{args:?}: an explanation is printed"
        );
        assert!(output.stdout.is_empty(), "{args:?}: nothing on stdout");
        let lines = stderr.trim().lines().count();
        assert!(
            lines == 1 || args[0] == "transform",
            "{args:?}: one line expected, got {stderr}"
        );
    }
}

#[test]
fn info_reports_the_text_encoding_of_a_shapefile() {
    let path = fixture("formats/points_tcvn3.shp");
    let output = hpatlas(&["info", path.to_str().expect("utf-8 path")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(summary["encoding"]["name"], "TCVN3");
    assert_eq!(summary["encoding"]["origin"], "detected");
    let forced = hpatlas(&[
        "info",
        path.to_str().expect("utf-8 path"),
        "--encoding",
        "windows-1258",
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&forced.stdout).expect("JSON");
    assert_eq!(summary["encoding"]["name"], "windows-1258");
    assert_eq!(summary["encoding"]["origin"], "user");
}

#[test]
fn convert_writes_geojson_and_geopackage() {
    let dir = crate::round_trips::scratch_dir("cli-convert");
    let geojson = dir.join("parcels.geojson");
    let input = fixture("formats/parcels_vn2000.shp");
    let output = hpatlas(&[
        "convert",
        input.to_str().expect("utf-8 path"),
        geojson.to_str().expect("utf-8 path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geojson).expect("written")).expect("JSON");
    assert_eq!(
        written["features"][0]["properties"]["ten"],
        "Phường Lê Chân"
    );
    let lon = written["features"][0]["geometry"]["coordinates"][0][0][0]
        .as_f64()
        .expect("a longitude");
    assert!((106.0..107.5).contains(&lon), "{lon}");
    let gpkg = dir.join("points.gpkg");
    let csv = fixture("formats/points_xy.csv");
    let refused = hpatlas(&[
        "convert",
        csv.to_str().expect("path"),
        gpkg.to_str().expect("path"),
    ]);
    assert!(
        !refused.status.success(),
        "metres without a CRS must be asked for"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("coordinate system unknown"));
    let given = hpatlas(&[
        "convert",
        csv.to_str().expect("path"),
        gpkg.to_str().expect("path"),
        "--from-crs",
        "EPSG:9210",
    ]);
    assert!(
        given.status.success(),
        "{}",
        String::from_utf8_lossy(&given.stderr)
    );
    let info = hpatlas(&["info", gpkg.to_str().expect("path")]);
    let summary: serde_json::Value = serde_json::from_slice(&info.stdout).expect("JSON");
    assert_eq!(summary["features"], 2);
    assert_eq!(summary["crs"], "EPSG:9210");
    assert_eq!(summary["encoding"]["name"], "UTF-8");
    let bbox: Vec<f64> = serde_json::from_value(summary["bbox_wgs84"].clone()).expect("bbox");
    assert!((bbox[2] - 106.6881).abs() < 1e-6, "{bbox:?}");
}

#[test]
fn convert_refuses_bad_input_and_unknown_outputs_with_one_line() {
    let dir = crate::round_trips::scratch_dir("cli-refuse");
    for args in [
        vec![
            "convert".to_string(),
            fixture("bad/nan.shp").display().to_string(),
            dir.join("x.geojson").display().to_string(),
        ],
        vec![
            "convert".to_string(),
            fixture("shapes.geojson").display().to_string(),
            dir.join("x.dwg").display().to_string(),
        ],
        vec![
            "convert".to_string(),
            fixture("formats/points_tcvn3.shp").display().to_string(),
            dir.join("x.geojson").display().to_string(),
            "--encoding".to_string(),
            "klingon".to_string(),
        ],
    ] {
        let output = hpatlas(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.trim().is_empty(), "{args:?}");
        if args.len() == 3 {
            assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        }
    }
    assert!(!dir.join("x.geojson").exists(), "nothing half-written");
}

#[test]
fn coverage_reports_exact_figures_per_unit_and_in_total() {
    let units = fixture("coverage_units_vn2000.geojson");
    let sites = fixture("coverage_sites_vn2000.geojson");
    let gaps = std::env::temp_dir().join(format!("hpatlas-gaps-{}.geojson", std::process::id()));
    let output = hpatlas(&[
        "coverage",
        "--units",
        units.to_str().expect("utf-8"),
        "--sites",
        sites.to_str().expect("utf-8"),
        "--radius-field",
        "radius_m",
        "--unit-field",
        "ten",
        "--population-field",
        "dan_so",
        "--gaps",
        gaps.to_str().expect("utf-8"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let pi = std::f64::consts::PI;
    // P1 holds disc A (r 600) whole and the western half of disc B (r 1000) on its eastern edge.
    let p1_covered = pi * 600.0 * 600.0 + pi * 1000.0 * 1000.0 / 2.0;
    let p2_covered = pi * 1000.0 * 1000.0 / 2.0;
    let units = report["units"].as_array().expect("units");
    assert_eq!(units[0]["unit"], "Phường Một");
    let close = |value: &serde_json::Value, expected: f64| {
        (value.as_f64().expect("number") - expected).abs() < 1e-3
    };
    assert!(close(&units[0]["area_m2"], 16.0e6));
    assert!(close(&units[0]["covered_m2"], p1_covered), "{}", units[0]);
    assert!(close(&units[1]["covered_m2"], p2_covered), "{}", units[1]);
    assert!(close(&units[0]["covered_pct"], 100.0 * p1_covered / 16.0e6));
    assert!(close(
        &units[0]["population_covered"],
        20_000.0 * p1_covered / 16.0e6
    ));
    assert!(close(
        &report["total"]["covered_m2"],
        p1_covered + p2_covered
    ));
    assert!(close(
        &report["total"]["covered_pct"],
        100.0 * (p1_covered + p2_covered) / 32.0e6
    ));
    let gaps_text = std::fs::read_to_string(&gaps).expect("gaps written");
    let gaps_json: serde_json::Value = serde_json::from_str(&gaps_text).expect("GeoJSON");
    let features = gaps_json["features"].as_array().expect("features");
    assert_eq!(features.len(), 2, "one gap around the discs in each unit");
    let gap_total: f64 = features
        .iter()
        .map(|gap| gap["properties"]["gap_area_m2"].as_f64().unwrap_or(0.0))
        .sum();
    let uncovered = 32.0e6 - p1_covered - p2_covered;
    assert!(
        (gap_total - uncovered).abs() / uncovered < 0.001,
        "{gap_total} vs {uncovered}"
    );
    let lon = features[0]["geometry"]["coordinates"][0][0][0][0]
        .as_f64()
        .expect("lon");
    assert!(
        (105.0..108.0).contains(&lon),
        "gaps are written in WGS 84: {lon}"
    );
    std::fs::remove_file(&gaps).expect("clean up");
}

#[test]
fn coverage_csv_and_bad_sites() {
    let units = fixture("coverage_units_vn2000.geojson");
    let sites = fixture("coverage_sites_vn2000.geojson");
    let units = units.to_str().expect("utf-8");
    let output = hpatlas(&[
        "coverage",
        "--units",
        units,
        "--sites",
        sites.to_str().expect("utf-8"),
        "--radius-m",
        "600",
        "--format",
        "csv",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "unit,area_m2,covered_m2,covered_pct");
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with("#1,16000000.00,"), "{}", lines[1]);
    assert!(lines[3].starts_with("TOTAL,32000000.00,"), "{}", lines[3]);
    let no_radius = fixture("coverage_sites_no_radius.geojson");
    let refused = hpatlas(&[
        "coverage",
        "--units",
        units,
        "--sites",
        no_radius.to_str().expect("utf-8"),
        "--radius-field",
        "radius_m",
    ]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("feature 1") && message.contains("radius_m"),
        "{message}"
    );
}

#[test]
fn project_edits_a_title_and_saves_through_the_session() {
    let folder = crate::scratch_folder("cli-project-edit");
    let source =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/haiphong.hpatlas.json");
    let target = folder.join("ban-sao.hpatlas.json");
    let output = hpatlas(&[
        "project",
        source.to_str().expect("utf-8 path"),
        "--title",
        "Bản đồ Hải Phòng — họp quý IV",
        "--save-as",
        target.to_str().expect("utf-8 path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(summary["edits"], 1);
    // The copy opens with the new title and every layer (paths rewritten relative to the new place).
    let reopened = hpatlas(&["project", target.to_str().expect("utf-8 path")]);
    assert!(
        reopened.status.success(),
        "{}",
        String::from_utf8_lossy(&reopened.stderr)
    );
    let copy: serde_json::Value = serde_json::from_slice(&reopened.stdout).expect("JSON");
    assert_eq!(copy["title"], "Bản đồ Hải Phòng — họp quý IV");
    assert_eq!(copy["loaded_layers"], summary["loaded_layers"]);
    assert_eq!(copy["features"], summary["features"]);
}

#[test]
fn land_use_prints_the_balance_of_the_shipped_zoning() {
    let zoning =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/zoning_illustrative.geojson");
    let output = hpatlas(&[
        "land-use",
        zoning.to_str().expect("utf-8 path"),
        "--class-field",
        "class",
        "--population-field",
        "dan_so",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let balance: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rows = balance["rows"].as_array().expect("rows");
    assert!(rows.len() >= 3, "{rows:?}");
    let shares: f64 = rows
        .iter()
        .map(|row| row["share_pct"].as_f64().expect("share"))
        .sum();
    assert!((shares - 100.0).abs() < 1e-6, "{shares}");
    let total_m2 = balance["total_area_m2"].as_f64().expect("total");
    let summed: f64 = rows
        .iter()
        .map(|row| row["area_m2"].as_f64().expect("area"))
        .sum();
    assert!((summed - total_m2).abs() < 1e-3 * total_m2.max(1.0));
    // The areas are the zones' own (planar VN-2000), in the right order of magnitude for the city (km²).
    assert!(total_m2 > 1e8 && total_m2 < 1e10, "{total_m2}");
    let bad = hpatlas(&[
        "land-use",
        zoning.to_str().expect("utf-8 path"),
        "--class-field",
        "loai_dat",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("loai_dat"));
}

#[test]
fn convert_keeps_geojson_feature_ids() {
    let dir = crate::round_trips::scratch_dir("cli-convert-ids");
    let input = dir.join("with_ids.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"thua-7","properties":{"id":"x","ten":"A"},"geometry":{"type":"Point","coordinates":[106.68,20.85]}}]}"#,
    )
    .expect("input written");
    let output_path = dir.join("converted.geojson");
    let output = hpatlas(&[
        "convert",
        input.to_str().expect("utf-8 path"),
        output_path.to_str().expect("utf-8 path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output_path).expect("written"))
            .expect("JSON");
    let feature = &written["features"][0];
    assert_eq!(feature["id"], "thua-7", "the member, read as feature_id");
    assert_eq!(
        feature["properties"],
        serde_json::json!({"id": "x", "ten": "A"}),
        "the property called id stays a property"
    );
}

/// Runs hpatlas with its standard output a pipe whose reader is already gone (as `hpatlas … | head -1`
/// once `head` has exited, or `| more` quit on Windows).
fn hpatlas_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the hpatlas binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("hpatlas ends")
}

#[test]
fn a_closed_output_pipe_ends_every_printing_subcommand_quietly() {
    let shapes = fixture("shapes.geojson");
    let shapes = shapes.to_str().expect("utf-8 path");
    let root = env!("CARGO_MANIFEST_DIR");
    let zoning = format!("{root}/maps/zoning_illustrative.geojson");
    let sites = format!("{root}/maps/digital_sites_illustrative.geojson");
    let project = format!("{root}/maps/haiphong.hpatlas.json");
    let runs: [&[&str]; 5] = [
        &["info", shapes],
        &[
            "transform",
            "--from",
            "EPSG:4326",
            "--to",
            "EPSG:9210",
            "106.6881",
            "20.8449",
        ],
        &[
            "coverage",
            "--units",
            &zoning,
            "--sites",
            &sites,
            "--radius-field",
            "radius_m",
            "--format",
            "csv",
        ],
        &["land-use", &zoning, "--class-field", "class"],
        &["project", &project],
    ];
    for args in runs {
        let output = hpatlas_into_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("failed printing"),
            "{args:?}: {stderr}"
        );
        assert!(
            output.status.success(),
            "{args:?}: {:?} {stderr}",
            output.status
        );
    }
}
