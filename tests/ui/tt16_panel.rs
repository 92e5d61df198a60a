//! The panel *Kiểm tra hồ sơ TT16*: a planning dossier with planted defects (File Geodatabases built by
//! GDAL at test time) opens as one group per package; a group is folded, the dossier is checked from
//! *Tệp → Kiểm tra hồ sơ TT16…*, the panel gives the verdict and counts, a click on the bow-tie's row frames
//! it and selects it in its open layer, and the problems are exported as CSV. A group header's button checks
//! that group's package alone.

use egui_kittest::kittest::Queryable;
use hpatlas::core::tt16::problem::ProblemKind;

use super::gdal_support::gdal_installed;
use super::layer_groups::click_group_header;
use super::package_fixture::three_table_gpkg;
use super::tt16_dossier::{PackageFiles, build_dossier_as, defective_layers};
use super::{harness_on, temp_folder};

/// Where the bow-tie of `ChucNangSuDungDat_A` crosses itself, in EPSG:9210 (the map CRS).
const BOW_TIE_CROSSING: [f64; 2] = [600_050.0, 2_300_250.0];

#[test]
fn tt16_panel_checks_a_dossier_and_zooms_to_a_problem() {
    if !gdal_installed() {
        return;
    }
    let folder = temp_folder("tt16-panel");
    let (layers, expected) = defective_layers();
    let dossier = build_dossier_as(&folder, &layers, PackageFiles::FileGdb);
    let mut harness = harness_on(vec![dossier.clone()]);
    let groups = harness.state().session.group_names();
    assert!(groups.contains(&"QuyHoach.gdb".to_string()), "{groups:?}");

    // Fold a package's group: its layers leave the list but stay open, so its problems still find them.
    click_group_header(&mut harness, "QuyHoach.gdb", false);
    assert!(harness.state().session.is_group_collapsed("QuyHoach.gdb"));

    // Check the dossier from the File menu through the open dialog.
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Kiểm tra hồ sơ TT16…").click();
    harness.run();
    harness.state_mut().set_open_dialog_path(&dossier);
    harness.run();
    // While the check runs the panel's spinner repaints: one step starts it, then wait for the report.
    harness.get_by_label("Mở").click();
    harness.step();
    harness.state_mut().finish_tt16_check_blocking();
    harness.run();
    let report = harness.state().tt16.report.clone().expect("a report");
    assert_eq!(report.problems.len(), expected.len());
    harness.get_by_label("KHÔNG ĐẠT");
    harness.get_by_label("8 lỗi, 1 cảnh báo; 9 lớp, 16 đối tượng");

    // A click on the bow-tie's row frames its crossing and selects it in the open layer.
    let bow_tie = report
        .problems
        .iter()
        .find(|problem| problem.kind == ProblemKind::InvalidGeometry)
        .expect("the bow-tie");
    harness.get_by_label(&bow_tie.message_vi()).click();
    harness.run();
    let app = harness.state();
    let [x, y] = app.camera.center_in_map;
    let distance = ((x - BOW_TIE_CROSSING[0]).powi(2) + (y - BOW_TIE_CROSSING[1]).powi(2)).sqrt();
    assert!(
        distance < 1.0,
        "the camera is at ({x}, {y}); chosen {:?}, notices {:?}, problem {:?}",
        app.tt16.chosen,
        app.notices,
        bow_tie
    );
    assert!(
        app.camera.m_per_px < 5.0,
        "zoomed in: {}",
        app.camera.m_per_px
    );
    let selection = app.selection.expect("the bow-tie is selected");
    let layer = app.session.layer(selection.layer).expect("its layer");
    assert_eq!(layer.source_table.as_deref(), Some("ChucNangSuDungDat_A"));
    assert_eq!(layer.group.as_deref(), Some("QuyHoach.gdb"));

    // The problems as CSV: a byte-order mark, a header and one line per problem.
    let csv_path = folder.join("kiem_tra.csv");
    harness.state_mut().tt16.csv_path_text = csv_path.display().to_string();
    harness.get_by_label("Xuất CSV").click();
    harness.run();
    let csv = std::fs::read_to_string(&csv_path).expect("the CSV is written");
    assert!(csv.starts_with("\u{feff}severity,kind,package,layer,feature,field,message,x,y\r\n"));
    assert_eq!(csv.lines().count(), 1 + expected.len());
    assert!(csv.contains(&bow_tie.message_vi()), "{csv}");
}

#[test]
fn tt16_a_group_header_checks_its_package() {
    let package = three_table_gpkg(&temp_folder("tt16-group"));
    let mut harness = harness_on(vec![package.clone()]);
    harness.get_by_label("Kiểm tra TT16").click();
    harness.step();
    harness.state_mut().finish_tt16_check_blocking();
    harness.run();
    let report = harness.state().tt16.report.clone().expect("a report");
    assert_eq!(report.path, package.display().to_string());
    assert_eq!(report.layers, 3);
    assert!(!report.ok, "its layer names are not the circular's");
    harness.get_by_label("KHÔNG ĐẠT");

    // In English the panel speaks English.
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label("NOT OK");
    let english = &report.problems[0].message;
    assert!(
        harness.query_all_by_label(english).next().is_some(),
        "{english}"
    );
}
