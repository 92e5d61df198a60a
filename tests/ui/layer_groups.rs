//! Layer groups in the app: a GeoPackage with three tables opens as one group in the layer panel (the empty
//! table hidden), the group folds and unfolds from its header, its checkbox shows and hides all its layers as
//! one undoable step, and a planning dossier folder (`HoSoGIS`) opens as one group per package, also from
//! the open dialog, where a click chooses a package folder but still browses into any other folder.

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use hpatlas::app::AtlasApp;

use super::package_fixture::{GROUP, three_table_gpkg};
use super::{harness_on, temp_folder};

/// Each layer's name and visibility, bottom first.
fn visibility(harness: &Harness<'static, AtlasApp>) -> Vec<(String, bool)> {
    harness
        .state()
        .session
        .layers()
        .iter()
        .map(|layer| (layer.name.clone(), layer.visible))
        .collect()
}

/// The group's header (the name that folds it; the checkbox is labelled by it).
fn header(folded: bool) -> String {
    format!("{} {GROUP}", if folded { "▸" } else { "▾" })
}

/// Clicks the name of group `group`, which folds or unfolds it (the name labels the checkbox too, so
/// kittest's label queries skip it unless asked to include labels).
pub(crate) fn click_group_header(
    harness: &mut Harness<'static, AtlasApp>,
    group: &str,
    folded: bool,
) {
    let name = format!("{} {group}", if folded { "▸" } else { "▾" });
    harness
        .get(
            By::new()
                .label(&name)
                .include_labels()
                .predicate(|node| node.role() != Role::CheckBox),
        )
        .click();
    harness.run();
}

/// Clicks the test package's group name.
fn click_group_name(harness: &mut Harness<'static, AtlasApp>, folded: bool) {
    click_group_header(harness, GROUP, folded);
}

#[test]
fn a_multi_table_geopackage_opens_as_a_group_that_folds_and_hides_all() {
    let folder = temp_folder("groups");
    let mut harness = harness_on(vec![three_table_gpkg(&folder)]);
    assert!(
        harness.state().notices.is_empty(),
        "{:?}",
        harness.state().notices
    );
    assert_eq!(
        visibility(&harness),
        [
            ("GTDN_L".to_string(), true),
            ("MocGioi_P".to_string(), false),
            ("QHSDD_A".to_string(), true),
        ]
    );
    assert_eq!(harness.state().session.group_names(), [GROUP]);
    harness.get_by_role_and_label(Role::CheckBox, "QHSDD_A");

    // Fold: the layers leave the list, not the map.
    let steps = harness.state().session.undo_len();
    click_group_name(&mut harness, false);
    assert!(harness.state().session.is_group_collapsed(GROUP));
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "QHSDD_A")
            .is_none()
    );
    assert_eq!(
        harness.state().session.undo_len(),
        steps,
        "folding is no edit"
    );

    // Partly shown: the first click shows all, the second hides all.
    harness
        .get_by_role_and_label(Role::CheckBox, &header(true))
        .click();
    harness.run();
    assert!(visibility(&harness).iter().all(|(_, shown)| *shown));
    harness
        .get_by_role_and_label(Role::CheckBox, &header(true))
        .click();
    harness.run();
    assert!(visibility(&harness).iter().all(|(_, shown)| !*shown));

    // One undo brings back the layers shown before; unfolding lists them again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(visibility(&harness).iter().all(|(_, shown)| *shown));
    click_group_name(&mut harness, true);
    assert!(!harness.state().session.is_group_collapsed(GROUP));
    harness.get_by_role_and_label(Role::CheckBox, "MocGioi_P");
}

#[test]
fn a_dossier_folder_opens_one_group_per_package() {
    let folder = temp_folder("dossier").join("HoSoGIS");
    std::fs::create_dir_all(&folder).expect("dossier folder");
    let plan = three_table_gpkg(&folder);
    std::fs::copy(&plan, folder.join("HienTrang.gpkg")).expect("second package");
    let harness = harness_on(vec![folder]);
    assert!(
        harness.state().notices.is_empty(),
        "{:?}",
        harness.state().notices
    );
    let session = &harness.state().session;
    assert_eq!(session.group_names(), ["HienTrang.gpkg", GROUP]);
    assert_eq!(session.layers().len(), 6);
    assert_eq!(session.undo_len(), 2, "one step per package");
    harness.get_by_role_and_label(Role::CheckBox, "▾ HienTrang.gpkg");
}

#[test]
fn the_open_dialog_opens_package_folders_and_browses_into_others() {
    let folder = temp_folder("open-packages");
    let dossier = folder.join("HoSoGIS");
    std::fs::create_dir_all(&dossier).expect("dossier");
    three_table_gpkg(&dossier);
    std::fs::create_dir_all(folder.join("Goi.gdb")).expect("a .gdb folder");
    std::fs::create_dir_all(folder.join("thu_muc").join("con")).expect("a plain folder");
    let mut harness = harness_on(vec![three_table_gpkg(&temp_folder("open-packages-first"))]);
    harness.state_mut().show_open_dialog_at(folder.clone());
    harness.run();
    harness.get_by_label("▣ Goi.gdb");
    // A click on a plain folder browses into it; the parent button comes back.
    harness.get_by_label("▸ thu_muc/").click();
    harness.run();
    harness.get_by_label("▸ con/");
    assert!(harness.query_by_label("▣ HoSoGIS").is_none());
    harness.get_by_label("⬆ Thư mục cha").click();
    harness.run();
    // A click on the dossier chooses it (it does not browse into it) and *Mở* opens it: one more group,
    // named apart from the one already open.
    harness.get_by_label("▣ HoSoGIS").click();
    harness.run();
    harness.get_by_label("Mở").click();
    harness.run();
    harness.state_mut().finish_loading_blocking();
    harness.run();
    assert_eq!(
        harness.state().session.group_names(),
        [GROUP.to_string(), format!("{GROUP} (2)")]
    );
}
