//! UI flows driven through egui_kittest on the real application state: the atlas starts on the Hai Phong
//! map, a layer is toggled, a feature is identified by a click, the attribute table selects a feature, and
//! the language switches. Missing glyphs and unlabelled widgets fail these tests (kittest's own checks).

#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hpatlas::app::{AtlasApp, Lang};
use hpatlas::core::crs::{MAP_CRS, Reprojector, WGS84};

const CITY_OUTLINE: &str = "Ranh giới thành phố Hải Phòng";

fn harness_on(files: Vec<std::path::PathBuf>) -> Harness<'static, AtlasApp> {
    let mut app = AtlasApp::new(&eframe::egui::Context::default(), files);
    app.finish_loading_blocking();
    let mut harness = Harness::builder()
        .with_size([1400.0, 860.0])
        .with_context_setup(hpatlas::app::setup_context)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn in_map(lon: f64, lat: f64) -> [f64; 2] {
    let reprojector = Reprojector::new(WGS84, MAP_CRS).expect("PROJ");
    let (x, y) = reprojector.convert(lon, lat).expect("in zone");
    [x, y]
}

#[test]
fn starts_on_the_hai_phong_map_framed_on_the_city() {
    let harness = harness_on(Vec::new());
    let app = harness.state();
    assert!(app.notices.is_empty(), "{:?}", app.notices);
    assert!(app.document.layers().len() >= 5);
    harness.get_by_label("Lớp bản đồ");
    harness.get_by_role_and_label(eframe::egui::accesskit::Role::CheckBox, CITY_OUTLINE);
    // The camera frames the merged city: Hai Phong's centre (106.68 E, 20.86 N) and Hai Duong's
    // (106.33 E, 20.94 N) are both on screen.
    let view = app.map_view_rect();
    for (lon, lat) in [(106.68, 20.86), (106.33, 20.94), (107.05, 20.72)] {
        let pos = app.camera.screen_from_map(view, in_map(lon, lat));
        assert!(
            view.contains(pos),
            "({lon}, {lat}) at {pos:?} is outside {view:?}"
        );
    }
}

#[test]
fn toggling_a_layer_hides_it() {
    let mut harness = harness_on(Vec::new());
    let visible = |harness: &Harness<AtlasApp>| {
        let app = harness.state();
        app.document
            .layers()
            .iter()
            .find(|layer| layer.name == CITY_OUTLINE)
            .map(|layer| layer.visible)
    };
    assert_eq!(visible(&harness), Some(true));
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::CheckBox, CITY_OUTLINE)
        .click();
    harness.run();
    assert_eq!(visible(&harness), Some(false));
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::CheckBox, CITY_OUTLINE)
        .click();
    harness.run();
    assert_eq!(visible(&harness), Some(true));
}

#[test]
fn clicking_a_feature_identifies_it() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes.geojson");
    let mut harness = harness_on(vec![fixture]);
    let app = harness.state();
    let view = app.map_view_rect();
    // A point inside the ring of the polygon with a hole ("Ô có lỗ"), away from the 5G station.
    let pos = app.camera.screen_from_map(view, in_map(106.61, 20.85));
    harness.hover_at(pos);
    harness.event(eframe::egui::Event::PointerButton {
        pos,
        button: eframe::egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    harness.event(eframe::egui::Event::PointerButton {
        pos,
        button: eframe::egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    harness.run();
    let selection = harness.state().selection.expect("a feature is selected");
    assert_eq!(selection.feature, 0);
    harness.get_by_label("Thông tin đối tượng");
    harness.get_by_label("Ô có lỗ");
    harness.get_by_label_contains("Diện tích (trắc địa)");
}

#[test]
fn the_attribute_table_sorts_and_selects() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes.geojson");
    let mut harness = harness_on(vec![fixture]);
    harness.get_by_label("Bảng thuộc tính").click();
    harness.run();
    harness.get_by_label("ten").click();
    harness.run();
    harness.get_by_label("Trạm 5G Lê Chân").click();
    harness.run();
    let selection = harness
        .state()
        .selection
        .expect("the row selects its feature");
    assert_eq!(selection.feature, 4);
}

#[test]
fn the_language_switches_to_english_and_back() {
    let mut harness = harness_on(Vec::new());
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().lang, Lang::En);
    harness.get_by_label("Layers");
    harness.get_by_label("Tiếng Việt").click();
    harness.run();
    assert_eq!(harness.state().lang, Lang::Vi);
    harness.get_by_label("Lớp bản đồ");
}

#[test]
fn a_bad_file_shows_a_notice_and_keeps_what_was_loaded() {
    let good =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes.geojson");
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad/two_point_ring.geojson");
    let harness = harness_on(vec![good, bad]);
    let app = harness.state();
    assert_eq!(app.document.layers().len(), 1);
    assert_eq!(app.notices.len(), 1);
    assert!(app.notices[0].text.contains("two_point_ring.geojson"));
    harness.get_by_label_contains("two_point_ring.geojson");
}
