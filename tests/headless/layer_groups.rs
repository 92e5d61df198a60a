//! Layer groups headlessly: a GeoPackage with three feature tables (built here with the atlas's own writer,
//! one of them empty) is listed, planned and loaded as one group of three layers, the empty one hidden; the
//! group is shown and hidden as one undoable step; a project keeps each layer's table and group and the
//! group's folding, and a project without groups is written exactly as before.

use std::path::Path;

use hpatlas::core::project::{ProjectFile, ProjectGroup};
use hpatlas::core::project_save::save_project;
use hpatlas::core::session::{Edit, EditKind, GroupVisibility, Session};
use hpatlas::core::source_layers::{list_source_layers, load_package_layers, plan_package_open};

use crate::package_fixture::{GROUP, three_table_gpkg};
use crate::scratch_folder;

/// A session holding the package opened as the app opens it: its layers added as one step.
fn session_with_package(path: &Path) -> Session {
    let plans = plan_package_open(path)
        .expect("planned")
        .expect("several tables make a package");
    assert_eq!(plans.len(), 1);
    let mut session = Session::new("Gói quy hoạch");
    let group = session.unique_group_name(&plans[0].group, &[]);
    let (layers, problems) = load_package_layers(&plans[0], &group, None);
    assert!(problems.is_empty(), "{problems:?}");
    let edits = layers
        .into_iter()
        .map(|layer| Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .collect();
    session
        .edit_group(EditKind::OpenPackage, edits)
        .expect("package added");
    session
}

#[test]
fn a_geopackage_with_three_tables_opens_as_one_group_with_the_empty_layer_hidden() {
    let folder = scratch_folder("groups-open");
    let path = three_table_gpkg(&folder);
    let listed = list_source_layers(&path).expect("listed");
    let summary: Vec<(&str, Option<u64>)> = listed
        .iter()
        .map(|layer| (layer.name.as_str(), layer.feature_count))
        .collect();
    assert_eq!(
        summary,
        [
            ("GTDN_L", Some(1)),
            ("MocGioi_P", Some(0)),
            ("QHSDD_A", Some(2))
        ]
    );
    let session = session_with_package(&path);
    assert_eq!(session.layers().len(), 3);
    assert_eq!(session.group_names(), [GROUP]);
    assert_eq!(session.layer_tree().len(), 1, "one group item");
    for layer in session.layers() {
        assert_eq!(layer.group.as_deref(), Some(GROUP));
        assert_eq!(layer.source_table.as_deref(), Some(layer.name.as_str()));
        assert_eq!(layer.visible, !layer.features.is_empty(), "{}", layer.name);
    }
    let label = session.undo_label().expect("one step");
    assert_eq!(label.kind, EditKind::OpenPackage);
    assert_eq!(label.layer_name.as_deref(), Some(GROUP));
    assert_eq!(session.undo_len(), 1, "the package is one step");
}

#[test]
fn hiding_a_group_is_one_step_that_undoes_to_each_layers_own_visibility() {
    let folder = scratch_folder("groups-visibility");
    let mut session = session_with_package(&three_table_gpkg(&folder));
    session.reset_history();
    let visible = |session: &Session| -> Vec<bool> {
        session.layers().iter().map(|layer| layer.visible).collect()
    };
    let before = visible(&session);
    assert_eq!(before, [true, false, true]);
    assert_eq!(session.group_visibility(GROUP), Some(GroupVisibility::Some));
    let hide = session.group_visibility_edit(GROUP, false).expect("hide");
    session.edit(hide).expect("hidden");
    assert_eq!(visible(&session), [false, false, false]);
    assert_eq!(session.group_visibility(GROUP), Some(GroupVisibility::None));
    assert!(session.is_modified());
    let label = session.undo().expect("undo").expect("a step");
    assert_eq!(label.kind, EditKind::GroupVisibility);
    assert_eq!(label.layer_name.as_deref(), Some(GROUP));
    assert_eq!(visible(&session), before, "each layer as it was");
    assert!(!session.is_modified());
    session.redo().expect("redo");
    assert_eq!(visible(&session), [false, false, false]);
}

#[test]
fn a_project_keeps_each_layers_table_and_group_and_the_folding() {
    let folder = scratch_folder("groups-project");
    let mut session = session_with_package(&three_table_gpkg(&folder));
    session.set_group_collapsed(GROUP, true);
    let road = session.layers()[0].id;
    session
        .edit(Edit::Rename(road, "Đường giao thông".into()))
        .expect("rename");
    let project_path = folder.join("goi.hpatlas.json");
    session.save(&project_path).expect("saved");
    let text = std::fs::read_to_string(&project_path).expect("read");
    assert!(text.contains("\"table\": \"GTDN_L\""), "{text}");
    assert!(text.contains("\"group\": \"QuyHoach.gpkg\""), "{text}");
    assert!(text.contains("\"collapsed\": true"), "{text}");

    let reopened = Session::open(&project_path).expect("reopened");
    assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
    assert_eq!(
        reopened.opened.project.groups,
        [ProjectGroup {
            name: GROUP.into(),
            collapsed: true
        }]
    );
    let session = reopened.session;
    assert!(session.is_group_collapsed(GROUP));
    let summary: Vec<(&str, Option<&str>, usize, bool)> = session
        .layers()
        .iter()
        .map(|layer| {
            (
                layer.name.as_str(),
                layer.source_table.as_deref(),
                layer.features.len(),
                layer.visible,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Đường giao thông", Some("GTDN_L"), 1, true),
            ("MocGioi_P", Some("MocGioi_P"), 0, false),
            ("QHSDD_A", Some("QHSDD_A"), 2, true),
        ]
    );
    assert_eq!(session.group_layers(GROUP).len(), 3);
}

#[test]
fn a_project_without_groups_is_written_as_before_and_old_files_read_without_them() {
    let folder = scratch_folder("groups-old");
    let old = r#"{
  "format": "hpatlas-project",
  "version": 2,
  "title": "Cũ",
  "language": "vi",
  "layers": [
    {
      "path": "a.geojson",
      "visible": true,
      "opacity": 1.0
    }
  ],
  "views": [],
  "slides": [],
  "pins": []
}"#;
    let path = folder.join("cu.hpatlas.json");
    let project = ProjectFile::parse(old, &path).expect("an old project reads");
    assert_eq!(project.layers[0].table, None);
    assert_eq!(project.layers[0].group, None);
    assert!(project.groups.is_empty());
    save_project(&path, &project).expect("saved");
    let written = std::fs::read_to_string(&path).expect("read");
    assert_eq!(written.trim_end(), old, "byte for byte");
    let again = ProjectFile::read(&path).expect("reads");
    assert_eq!(again, project);
}
