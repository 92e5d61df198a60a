//! Project files: a literal version-1 file still opens, a version-2 project with every member survives a
//! save and a reload, paths are written relative to the project, missing layer files are listed and can be
//! relinked, autosave side files are offered for recovery only when newer, and the recent list behaves.

use std::path::{Path, PathBuf};

use hpatlas::core::autosave::{autosave_path, discard_autosave, find_recovery, write_autosave};
use hpatlas::core::crs::VN2000_TM3_105_45;
use hpatlas::core::project::analysis_settings::{
    AnalysisSettingsFile, ProposedSiteSetting, ServiceTypeSetting, SuggestionObjective,
};
use hpatlas::core::project::{
    Annotation, Camera, Language, LayerRef, PROJECT_VERSION, PaletteRef, ProjectFile, ProjectLayer,
    SavedView, Slide, ViewLayer,
};
use hpatlas::core::project_links::{LayerProblem, load_project_layers, open_project};
use hpatlas::core::project_save::save_project;
use hpatlas::core::recent::{MAX_RECENT, RecentProjects, recent_path_from};
use hpatlas::core::review::{PinCategory, PinDraft, ReviewPins};
use hpatlas::core::style::{Rgba, Style};
use hpatlas::core::timestamp::Timestamp;

use crate::{fixture, scratch_folder};

const VERSION_1_PROJECT: &str = r##"{
  "format": "hpatlas-project",
  "version": 1,
  "title": "Dự án cũ (phiên bản 1)",
  "home_layer": "Các hình",
  "layers": [
    {
      "path": "shapes.geojson",
      "name": "Các hình",
      "opacity": 0.5,
      "style": { "fill": "#ff000080", "stroke": "#000000ff", "stroke_width_px": 2.0 }
    },
    { "path": "vn2000_no_crs.geojson", "crs": "EPSG:9210", "visible": false }
  ]
}
"##;

#[test]
fn a_literal_version_1_file_opens_and_loads_its_layers() {
    let folder = scratch_folder("v1");
    for name in ["shapes.geojson", "vn2000_no_crs.geojson"] {
        std::fs::copy(fixture(name), folder.join(name)).expect("copy fixture");
    }
    let path = folder.join("cu.hpatlas.json");
    std::fs::write(&path, VERSION_1_PROJECT).expect("write v1");
    let opened = open_project(&path).expect("v1 opens");
    let project = &opened.project;
    assert_eq!(project.version, PROJECT_VERSION);
    assert_eq!(project.title, "Dự án cũ (phiên bản 1)");
    assert_eq!(project.home_layer.as_deref(), Some("Các hình"));
    assert_eq!(project.layers.len(), 2);
    assert_eq!(project.layers[0].opacity, 0.5);
    assert_eq!(project.layers[1].crs, Some(VN2000_TM3_105_45));
    assert!(!project.layers[1].visible);
    assert!(project.layers[0].path.is_absolute());
    assert!(opened.missing.is_empty());
    assert_eq!(project.language, Language::Vietnamese);
    assert!(project.views.is_empty() && project.slides.is_empty() && project.pins.is_empty());
    let load = load_project_layers(&path, project);
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    assert_eq!(load.layers.len(), 2);
    assert_eq!(load.layers[0].1.name, "Các hình");
    assert_eq!(load.layers[0].1.opacity, 0.5);
    assert!(!load.layers[1].1.visible);
    // Saving upgrades it to the newest version, still readable.
    save_project(&path, project).expect("save");
    let text = std::fs::read_to_string(&path).expect("read back");
    assert!(text.contains("\"version\": 2"), "{text}");
    assert!(text.contains("\"path\": \"shapes.geojson\""), "{text}");
    assert_eq!(
        open_project(&path).expect("reopens").project,
        opened.project
    );
}

#[test]
fn the_shipped_project_opens_with_no_missing_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/haiphong.hpatlas.json");
    let opened = open_project(&path).expect("the shipped project opens");
    assert!(opened.missing.is_empty(), "{:?}", opened.missing);
    assert!(opened.project.layers.len() >= 5);
}

/// A project using every member of the format.
fn full_project(folder: &Path) -> ProjectFile {
    let mut pins = ReviewPins::new();
    let when = Timestamp::from_unix_seconds(1_751_360_000);
    let draft = PinDraft {
        lon_deg: 106.6881,
        lat_deg: 20.8449,
        category: PinCategory::Proposal,
        text: "Đề xuất thêm trạm 5G gần chợ Sắt".into(),
    };
    let id = pins.add(draft, "Nguyễn Thị Lan", when).expect("pin");
    pins.edit(id, "Trần Văn Minh", when.plus_ns(60_000_000_000), |pin| {
        pin.text.push_str(" — đã khảo sát");
    })
    .expect("edit");
    let camera = Camera {
        center_in_map: [597_432.44, 2_306_067.77],
        m_per_px: 12.5,
    };
    let view = SavedView {
        name: "Trung tâm".into(),
        camera,
        layers: vec![
            ViewLayer {
                layer: LayerRef::Name("Các hình".into()),
                visible: true,
                opacity: Some(0.7),
                style: Some(Style {
                    fill: Rgba::rgb(10, 200, 30),
                    ..Style::default()
                }),
            },
            ViewLayer {
                layer: LayerRef::Index(1),
                visible: false,
                opacity: None,
                style: None,
            },
        ],
    };
    ProjectFile {
        language: Language::English,
        layers: vec![
            ProjectLayer {
                database: None,
                view_box: None,
                table: None,
                group: None,
                path: folder.join("data/shapes.geojson"),
                name: Some("Các hình".into()),
                crs: None,
                visible: true,
                opacity: 0.8,
                style: Some(Style::default()),
                palette: Some(PaletteRef {
                    path: folder.join("palettes/zoning_palette.json"),
                    field: "class".into(),
                }),
            },
            ProjectLayer {
                database: None,
                view_box: None,
                table: None,
                group: None,
                path: folder.join("data/vn2000_no_crs.geojson"),
                name: None,
                crs: Some(VN2000_TM3_105_45),
                visible: false,
                opacity: 1.0,
                style: None,
                palette: None,
            },
        ],
        home_layer: Some("Các hình".into()),
        camera: Some(camera),
        analysis: Some(AnalysisSettingsFile {
            sites_layer: Some(LayerRef::Name("Các hình".into())),
            units_layer: Some(LayerRef::Index(1)),
            types: vec![ServiceTypeSetting {
                kind: "5G".into(),
                enabled: true,
                radius_m: 600.0,
            }],
            population_field: Some("dan_so".into()),
            objective: SuggestionObjective::Area,
            proposed_sites: vec![ProposedSiteSetting {
                kind: "5G".into(),
                position_in_map: [597_000.0, 2_306_000.0],
            }],
            ..AnalysisSettingsFile::default()
        }),
        views: vec![view.clone()],
        slides: vec![Slide {
            title: "Hiện trạng phủ sóng".into(),
            speaker_note: "Nhấn mạnh khoảng trống ở Kiến Thụy".into(),
            view,
            annotations: vec![
                Annotation::Arrow {
                    from_in_map: [597_000.0, 2_306_000.0],
                    to_in_map: [598_000.0, 2_307_000.0],
                    colour: Rgba::rgb(220, 0, 0),
                    width_px: 4.0,
                },
                Annotation::Circle {
                    center_in_map: [597_500.0, 2_306_500.0],
                    radius_m: 750.0,
                    colour: Rgba::rgb(0, 0, 220),
                    width_px: 3.0,
                },
                Annotation::Text {
                    position_in_map: [597_100.0, 2_306_900.0],
                    text: "Khu dân cư mới".into(),
                    colour: Rgba::rgb(0, 0, 0),
                    size_px: 28.0,
                },
            ],
        }],
        pins: pins.to_pins(),
        ..ProjectFile::new("Đồ án phủ sóng số — Hải Phòng")
    }
}

#[test]
fn a_full_project_round_trips_with_relative_paths() {
    let folder = scratch_folder("round-trip");
    std::fs::create_dir_all(folder.join("data")).expect("data folder");
    std::fs::create_dir_all(folder.join("palettes")).expect("palette folder");
    for name in ["shapes.geojson", "vn2000_no_crs.geojson"] {
        std::fs::copy(fixture(name), folder.join("data").join(name)).expect("copy");
    }
    let shipped_palette = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/zoning_palette.json");
    std::fs::copy(shipped_palette, folder.join("palettes/zoning_palette.json")).expect("palette");
    let path = folder.join("do_an.hpatlas.json");
    let project = full_project(&folder);
    save_project(&path, &project).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\"path\": \"data/shapes.geojson\""), "{text}");
    assert!(
        text.contains("\"path\": \"palettes/zoning_palette.json\""),
        "{text}"
    );
    assert!(
        !text.contains(folder.to_str().expect("utf-8")),
        "no absolute path: {text}"
    );
    assert!(text.contains("Đồ án phủ sóng số"), "UTF-8 kept as text");
    let opened = open_project(&path).expect("reopen");
    assert_eq!(
        opened.project, project,
        "everything survives the round trip"
    );
    assert_eq!(opened.project.pins[0].history.len(), 1);
    let load = load_project_layers(&path, &opened.project);
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    assert!(
        load.layers[0].1.style.categorized.is_some(),
        "palette applied"
    );
    // The project moves to another folder with its data: it still opens.
    let moved = scratch_folder("round-trip-moved");
    for sub in ["data", "palettes"] {
        std::fs::rename(folder.join(sub), moved.join(sub)).expect("move");
    }
    std::fs::rename(&path, moved.join("do_an.hpatlas.json")).expect("move project");
    let reopened = open_project(&moved.join("do_an.hpatlas.json")).expect("opens after moving");
    assert!(reopened.missing.is_empty(), "{:?}", reopened.missing);
}

#[test]
fn missing_layers_are_listed_loaded_around_and_relinked() {
    let folder = scratch_folder("missing");
    let elsewhere = scratch_folder("missing-new-place");
    for name in [
        "shapes.geojson",
        "vn2000_no_crs.geojson",
        "coverage_sites_vn2000.geojson",
    ] {
        std::fs::copy(fixture(name), elsewhere.join(name)).expect("copy");
    }
    std::fs::copy(fixture("shapes.geojson"), folder.join("shapes.geojson")).expect("copy");
    let mut project = ProjectFile::new("Thiếu tệp");
    for name in [
        "shapes.geojson",
        "vn2000_no_crs.geojson",
        "coverage_sites_vn2000.geojson",
    ] {
        project.layers.push(ProjectLayer {
            database: None,
            view_box: None,
            table: None,
            group: None,
            path: PathBuf::from(format!("old_place/{name}")),
            name: None,
            crs: Some(VN2000_TM3_105_45),
            visible: true,
            opacity: 1.0,
            style: None,
            palette: None,
        });
    }
    project.layers[0].path = PathBuf::from("shapes.geojson");
    project.layers[0].crs = None;
    let path = folder.join("thieu.hpatlas.json");
    save_project(&path, &project).expect("save");

    let mut opened = open_project(&path).expect("opens despite missing files");
    let missing: Vec<usize> = opened.missing.iter().map(|layer| layer.index).collect();
    assert_eq!(missing, [1, 2]);
    assert!(
        opened.missing[0]
            .path
            .ends_with("old_place/vn2000_no_crs.geojson")
    );
    assert_eq!(opened.missing[0].name, "vn2000_no_crs");
    let load = load_project_layers(&path, &opened.project);
    assert_eq!(load.layers.len(), 1, "the rest still loads");
    assert!(matches!(load.problems[0], LayerProblem::Missing(_)));
    assert!(
        load.problems[0]
            .to_string()
            .contains("vn2000_no_crs.geojson")
    );

    assert!(
        opened
            .project
            .relink_layer(1, &elsewhere.join("nowhere.geojson"))
            .is_err()
    );
    let also = opened
        .project
        .relink_layer(1, &elsewhere.join("vn2000_no_crs.geojson"))
        .expect("relink");
    assert_eq!(also, [2], "the sibling moved with it is found too");
    assert!(opened.project.missing_layers().is_empty());
    save_project(&path, &opened.project).expect("save relinked");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("\"path\": \"../project-missing-new-place/vn2000_no_crs.geojson\""),
        "{text}"
    );
    let reopened = open_project(&path).expect("reopen");
    assert!(reopened.missing.is_empty());
    assert_eq!(
        load_project_layers(&path, &reopened.project).layers.len(),
        3
    );
}

#[test]
fn a_newer_autosave_is_offered_and_an_older_one_is_not() {
    let folder = scratch_folder("autosave");
    let path = folder.join("tu_dong.hpatlas.json");
    let mut project = ProjectFile::new("Bản đã lưu");
    save_project(&path, &project).expect("save");
    assert!(find_recovery(&path).expect("no error").is_none());
    std::thread::sleep(std::time::Duration::from_millis(20));
    project.title = "Bản chưa lưu".into();
    write_autosave(&path, &project).expect("autosave");
    let side = autosave_path(&path);
    assert_eq!(side, folder.join(".tu_dong.hpatlas.json.autosave"));
    let recovery = find_recovery(&path).expect("reads").expect("offered");
    assert_eq!(recovery.project.title, "Bản chưa lưu");
    assert_eq!(recovery.autosave_path, side);
    assert_eq!(
        ProjectFile::read(&path).expect("project intact").title,
        "Bản đã lưu",
        "autosave never touches the project file"
    );
    // Saving afterwards makes the autosave stale: it is no longer offered.
    std::thread::sleep(std::time::Duration::from_millis(20));
    save_project(&path, &recovery.project).expect("save recovered");
    assert!(find_recovery(&path).expect("no error").is_none());
    discard_autosave(&path).expect("discard");
    assert!(!side.exists());
    discard_autosave(&path).expect("discarding twice is fine");
    // A corrupt autosave is an error naming the file, not a silent recovery.
    std::fs::write(&side, "{ half").expect("corrupt");
    let error = find_recovery(&path).expect_err("corrupt autosave");
    assert!(
        error.to_string().contains(".tu_dong.hpatlas.json.autosave"),
        "{error}"
    );
}

#[test]
fn the_recent_list_is_ordered_deduplicated_and_bounded() {
    let folder = scratch_folder("recent");
    let list_path = folder.join("config/hpatlas/recent.json");
    assert!(
        RecentProjects::load(&list_path)
            .expect("missing is empty")
            .projects
            .is_empty()
    );
    for number in 0..(MAX_RECENT + 3) {
        RecentProjects::record(&list_path, &folder.join(format!("p{number}.hpatlas.json")))
            .expect("record");
    }
    let again = folder.join("p5.hpatlas.json");
    let list = RecentProjects::record(&list_path, &again).expect("record again");
    assert_eq!(list.projects.len(), MAX_RECENT);
    assert_eq!(list.projects[0], again);
    assert_eq!(
        list.projects[1],
        folder.join(format!("p{}.hpatlas.json", MAX_RECENT + 2))
    );
    assert_eq!(
        list.projects.iter().filter(|path| **path == again).count(),
        1
    );
    let reloaded = RecentProjects::load(&list_path).expect("reload");
    assert_eq!(reloaded, list);
    assert!(reloaded.existing().is_empty(), "none of these files exist");
    std::fs::write(&list_path, "[1,2").expect("corrupt");
    let error = RecentProjects::load(&list_path).expect_err("corrupt list");
    assert!(error.to_string().contains("recent.json"), "{error}");

    let home = PathBuf::from("/home/lan");
    assert_eq!(
        recent_path_from(None, Some(home.clone())),
        Some(PathBuf::from("/home/lan/.config/hpatlas/recent.json"))
    );
    assert_eq!(
        recent_path_from(Some(PathBuf::from("/xdg")), Some(home.clone())),
        Some(PathBuf::from("/xdg/hpatlas/recent.json"))
    );
    assert_eq!(
        recent_path_from(Some(PathBuf::from("relative")), Some(home)),
        Some(PathBuf::from("/home/lan/.config/hpatlas/recent.json")),
        "a relative XDG_CONFIG_HOME is ignored, as the specification says"
    );
    assert_eq!(recent_path_from(None, None), None);
}
