//! UI flows driven through egui_kittest on the real application state: the atlas starts on the Hai Phong
//! map, a layer is toggled, a feature is identified by a click, the attribute table selects a feature, and
//! the language switches. Missing glyphs and unlabelled widgets fail these tests (kittest's own checks).

#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hpatlas::app::{AtlasApp, Lang};
use hpatlas::core::crs::{MAP_CRS, Reprojector, WGS84};

mod database;
mod database_save;
#[path = "../headless/gdal_support.rs"]
mod gdal_support;
mod layer_groups;
#[path = "../headless/package_fixture.rs"]
mod package_fixture;
#[path = "../headless/pg_support.rs"]
mod pg_support;
#[path = "../headless/tt16_dossier.rs"]
mod tt16_dossier;
mod tt16_panel;

const CITY_OUTLINE: &str = "Ranh giới thành phố Hải Phòng";

fn harness_on(files: Vec<std::path::PathBuf>) -> Harness<'static, AtlasApp> {
    let mut app = AtlasApp::new(&eframe::egui::Context::default(), files);
    app.finish_loading_blocking();
    // Background loads, autosave and the unsaved-changes check run on wall-clock time, so on a loaded machine a
    // frame or two more can pass before the UI is at rest than kittest's default of 4 allows.
    let mut harness = Harness::builder()
        .with_max_steps(16)
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
    assert!(app.session.layers().len() >= 5);
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
        app.session
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

/// The texts painted inside the map view in the last frame (labels, the scale bar, …; the panels lie
/// outside it).
fn texts_on_the_map(harness: &Harness<'static, AtlasApp>) -> Vec<String> {
    use eframe::egui::Shape;
    fn collect(shape: &Shape, map: eframe::egui::Rect, found: &mut Vec<String>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|shape| collect(shape, map, found)),
            Shape::Text(text) if map.contains(text.pos) => {
                found.push(text.galley.text().to_string())
            }
            _ => {}
        }
    }
    let map = harness.state().map_view_rect();
    let mut found = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, map, &mut found);
    }
    found
}

#[test]
fn areas_lines_and_points_are_labelled_on_the_map() {
    use hpatlas::core::session::Edit;
    let mut harness = harness_on(vec![fixture_path("shapes.geojson")]);
    let names = [
        "Ô có lỗ",
        "Hình chữ U",
        "Hai đảo",
        "Đường trục",
        "Trạm 5G Lê Chân",
    ];
    let before = texts_on_the_map(&harness);
    assert!(
        names
            .iter()
            .all(|name| !before.iter().any(|text| text == name)),
        "no labels before a label field is chosen: {before:?}"
    );
    let layer = &harness.state().session.layers()[0];
    let (id, mut style) = (layer.id, layer.style.clone());
    style.label_field = Some("ten".to_string());
    harness
        .state_mut()
        .session
        .edit(Edit::SetStyle(id, Box::new(style)))
        .expect("style set");
    harness.run();
    let labels = texts_on_the_map(&harness);
    for name in [
        "Ô có lỗ",
        "Hình chữ U",
        "Hai đảo",
        "Đường trục",
        "Trạm 5G Lê Chân",
    ] {
        assert!(
            labels.iter().any(|label| label == name),
            "{name} is not on the map: {labels:?}"
        );
    }
}

#[test]
fn the_language_switches_to_english_and_back() {
    let mut harness = harness_on(Vec::new());
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().lang(), Lang::En);
    harness.get_by_label("Layers");
    harness.get_by_label("Tiếng Việt").click();
    harness.run();
    assert_eq!(harness.state().lang(), Lang::Vi);
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
    assert_eq!(app.session.layers().len(), 1);
    assert_eq!(app.notices.len(), 1);
    assert!(app.notices[0].text.contains("two_point_ring.geojson"));
    harness.get_by_label_contains("two_point_ring.geojson");
}

fn press_drag_release(
    harness: &mut Harness<'static, AtlasApp>,
    from: eframe::egui::Pos2,
    to: eframe::egui::Pos2,
) {
    use eframe::egui::{Event, PointerButton};
    harness.hover_at(from);
    harness.run();
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    harness.run();
    for step in 1..=10 {
        let pos = from + (to - from) * (step as f32 / 10.0);
        harness.event(Event::PointerMoved(pos));
        harness.run();
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    harness.run();
}

fn click_at(harness: &mut Harness<'static, AtlasApp>, pos: eframe::egui::Pos2) {
    use eframe::egui::{Event, PointerButton};
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    harness.run();
}

#[test]
fn dragging_a_proposed_site_updates_the_coverage_figures_live() {
    use geo::InteriorPoint;
    let mut harness = harness_on(Vec::new());
    harness.get_by_label("Phân tích phủ sóng").click();
    harness.run();
    harness.get_by_label("Tính toán").click();
    harness.run();
    let covered_before = {
        let session = harness.state().analysis.session.as_ref().expect("computed");
        session.model().totals().covered_m2
    };
    assert!(covered_before > 0.0);
    harness.get_by_label("Chỉnh sửa trạm đề xuất").click();
    harness.run();
    // A poorly covered residential or agricultural unit in view: add a site at its interior point.
    let (target_in_map, view) = {
        let app = harness.state();
        let model = app.analysis.session.as_ref().expect("computed").model();
        let view = app.map_view_rect();
        let unit = (0..model.unit_count())
            .filter(|&unit| {
                model.results()[unit].covered_pct < 40.0 && model.results()[unit].area_m2 > 5.0e6
            })
            .find(|&unit| {
                let Some(point) = model
                    .unit_geometry(unit)
                    .and_then(|geometry| geometry.interior_point())
                else {
                    return false;
                };
                view.shrink(80.0)
                    .contains(app.camera.screen_from_map(view, [point.x(), point.y()]))
            })
            .expect("a poorly covered unit on screen");
        let point = model
            .unit_geometry(unit)
            .and_then(|g| g.interior_point())
            .expect("interior point");
        ([point.x(), point.y()], view)
    };
    let site_pos = harness.state().camera.screen_from_map(view, target_in_map);
    click_at(&mut harness, site_pos);
    let covered_with_site = {
        let session = harness.state().analysis.session.as_ref().expect("computed");
        assert_eq!(
            session.proposed().count(),
            1,
            "the click added a proposed site"
        );
        session.model().totals().covered_m2
    };
    assert!(
        covered_with_site > covered_before,
        "{covered_with_site} > {covered_before}"
    );
    // Drag it 40 screen points east: the figures follow, and equal a fresh computation at the new place.
    let to = site_pos + eframe::egui::vec2(40.0, 0.0);
    press_drag_release(&mut harness, site_pos, to);
    let app = harness.state();
    let session = app.analysis.session.as_ref().expect("computed");
    let site = session.proposed().next().expect("still one site");
    let moved_m = (site.center.x - target_in_map[0]).hypot(site.center.y - target_in_map[1]);
    assert!(
        (moved_m - 40.0 * app.camera.m_per_px).abs() < 2.0 * app.camera.m_per_px,
        "moved {moved_m} m"
    );
    let covered_after_drag = session.model().totals().covered_m2;
    assert_ne!(
        covered_after_drag, covered_with_site,
        "the figures changed with the drag"
    );
    harness.get_by_label("Hoàn tác").click();
    harness.run();
    let session = harness.state().analysis.session.as_ref().expect("computed");
    let back = session.model().totals().covered_m2;
    assert!(
        (back - covered_with_site).abs() < 1e-3,
        "undo puts the site back: {back} vs {covered_with_site}"
    );
}

#[test]
fn suggestions_proximity_and_conflicts_from_the_panel() {
    let mut harness = harness_on(Vec::new());
    harness.get_by_label("Phân tích phủ sóng").click();
    harness.run();
    harness.get_by_label("Tính toán").click();
    harness.run();
    // Each section opens (and draws with labelled widgets) in turn; the suggestion section stays open.
    for section in [
        "Theo loại đất",
        "Theo đơn vị",
        "Khoảng cách tới bộ phận một cửa",
        "Đề xuất vị trí trạm",
    ] {
        harness.get_by_label(section).click();
        harness.run();
        if section != "Đề xuất vị trí trạm" {
            harness.get_by_label(section).click();
            harness.run();
        }
    }
    harness.get_by_label("Đề xuất").click();
    harness.run();
    let gains: Vec<f64> = harness
        .state()
        .analysis
        .suggestions
        .iter()
        .map(|row| row.suggestion.marginal_gain)
        .collect();
    assert_eq!(gains.len(), 5, "five sites suggested by default");
    assert!(
        gains.windows(2).all(|pair| pair[0] >= pair[1]),
        "greedy gains never grow: {gains:?}"
    );
    assert!(gains[0] > 0.0);
    let before = harness
        .state()
        .analysis
        .session
        .as_ref()
        .expect("computed")
        .model()
        .totals()
        .population_covered;
    harness.get_by_label("Thêm các trạm đã chọn").click();
    harness.run();
    let session = harness.state().analysis.session.as_ref().expect("computed");
    assert_eq!(session.proposed().count(), 5);
    let after = session.model().totals().population_covered;
    assert!(after > before, "{after:?} > {before:?}");
    harness.get_by_label("Đề xuất vị trí trạm").click();
    harness.run();
    harness.get_by_label("Xung đột hạ tầng – quy hoạch").click();
    harness.run();
    harness.get_by_label("Kiểm tra xung đột").click();
    harness.run();
    assert!(
        !harness.state().analysis.conflicts.is_empty(),
        "the illustrative roads cross green space and water"
    );
    assert!(
        harness
            .state()
            .analysis
            .conflicts
            .iter()
            .all(|conflict| { ["green_space", "water"].contains(&conflict.zone_class.as_str()) })
    );
}

fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_shapefile_without_prj_asks_for_its_crs_and_loads_with_the_answer() {
    let mut harness = harness_on(vec![fixture_path("formats/no_prj.shp")]);
    assert!(
        harness.state().session.layers().is_empty(),
        "nothing is loaded before the answer"
    );
    harness.get_by_label_contains("Tệp không cho biết hệ toạ độ");
    harness
        .get_by_label("EPSG:9210 (VN-2000 / TM-3 105°45')")
        .click();
    harness.run();
    harness.get_by_label("Mở").click();
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    harness.step();
    harness.state_mut().finish_loading_blocking();
    harness.run();
    let app = harness.state();
    assert_eq!(app.session.layers().len(), 1, "{:?}", app.notices);
    let layer = &app.session.layers()[0];
    assert_eq!(layer.crs, hpatlas::core::crs::VN2000_TM3_105_45);
    let geo::Geometry::Point(point) = &layer.features[0].geometry_in_map else {
        panic!("a point");
    };
    assert!((point.x() - 597_432.44).abs() < 1e-6);
}

#[test]
fn a_layer_in_tcvn3_shows_its_encoding_and_reloads_with_another() {
    use hpatlas::core::text_encoding::{EncodingOrigin, TextEncoding};
    let mut harness = harness_on(vec![fixture_path("formats/points_tcvn3.shp")]);
    let (id, encoding) = {
        let layer = &harness.state().session.layers()[0];
        (
            layer.id,
            layer
                .text_encoding
                .clone()
                .expect("a Shapefile reports its encoding"),
        )
    };
    assert_eq!(encoding.encoding, TextEncoding::Tcvn3);
    assert_eq!(encoding.origin, EncodingOrigin::Detected);
    harness.get_by_label("Bảng mã");
    let value = harness.state().session.layers()[0]
        .attribute(0, "ten")
        .map(ToString::to_string);
    assert_eq!(
        value.as_deref(),
        Some("Trụ sở Ủy ban nhân dân thành phố Hải Phòng")
    );
    let ctx = eframe::egui::Context::default();
    harness.state_mut().apply(
        &ctx,
        hpatlas::app::Action::ReloadWithEncoding(id, TextEncoding::Windows1258),
    );
    harness.state_mut().finish_loading_blocking();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.session.layers().len(),
        1,
        "the layer is replaced, not added"
    );
    let layer = &app.session.layers()[0];
    assert_eq!(layer.id, id);
    let report = layer.text_encoding.as_ref().expect("encoding");
    assert_eq!(
        (report.encoding, report.origin),
        (TextEncoding::Windows1258, EncodingOrigin::User)
    );
}

#[test]
fn a_layer_is_exported_to_geojson_from_the_layer_panel() {
    let mut harness = harness_on(vec![fixture_path("shapes.geojson")]);
    harness.get_by_label("Xuất dữ liệu…").click();
    harness.run();
    let out =
        std::env::temp_dir().join(format!("hpatlas-ui-export-{}.geojson", std::process::id()));
    harness.state_mut().set_export_path(&out);
    harness.run();
    harness.get_by_label("Xuất").click();
    harness.run();
    let text = std::fs::read_to_string(&out).expect("the file was written");
    let json: serde_json::Value = serde_json::from_str(&text).expect("GeoJSON");
    assert_eq!(json["features"].as_array().map(Vec::len), Some(5));
    assert_eq!(json["features"][1]["properties"]["ten"], "Hình chữ U");
    std::fs::remove_file(&out).expect("clean up");
}

#[test]
fn the_current_view_is_exported_as_a_png_from_the_file_menu() {
    let mut harness = harness_on(Vec::new());
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Xuất bản đồ ảnh PNG…").click();
    harness.run();
    let out = std::env::temp_dir().join(format!("hpatlas-ui-map-{}.png", std::process::id()));
    let ctx = eframe::egui::Context::default();
    let mut request = hpatlas::app::panels::png_export::PngExportState::new("Bản đồ kiểm thử");
    request.path_text = out.display().to_string();
    request.width_px = 800;
    request.height_px = 500;
    harness.get_by_label("Xuất");
    harness
        .state_mut()
        .apply(&ctx, hpatlas::app::Action::ExportPng(request));
    let bytes = std::fs::read(&out).expect("the PNG was written");
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    assert_eq!((width, height), (800, 500));
    assert!(
        harness
            .state()
            .notices
            .iter()
            .all(|notice| !notice.is_error),
        "{:?}",
        harness.state().notices
    );
    std::fs::remove_file(&out).expect("clean up");
}

/// The atlas on the Hai Phong map, with the reviewer's name kept in a fresh settings file of its own.
fn review_harness(name: &str) -> (Harness<'static, AtlasApp>, std::path::PathBuf) {
    let mut harness = harness_on(Vec::new());
    let folder =
        std::env::temp_dir().join(format!("hpatlas-ui-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    let message = harness
        .state_mut()
        .review
        .use_settings_file(folder.join("settings.json"));
    assert_eq!(message, None);
    harness.run();
    (harness, folder)
}

fn type_into(harness: &mut Harness<'static, AtlasApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn add_pin(
    app: &mut AtlasApp,
    lon_deg: f64,
    lat_deg: f64,
    category: hpatlas::core::review::PinCategory,
    text: &str,
) -> uuid::Uuid {
    let draft = hpatlas::core::review::PinDraft {
        lon_deg,
        lat_deg,
        category,
        text: text.to_string(),
    };
    let (id, version) = hpatlas::core::review::ReviewPins::first_version(
        draft,
        "Lê Thị Bình",
        hpatlas::core::timestamp::Timestamp::now(),
    )
    .expect("pin added");
    app.session
        .edit(hpatlas::core::session::Edit::PutPinVersion {
            id,
            version: Box::new(version),
        })
        .expect("pin added");
    id
}

#[test]
fn a_pin_is_dropped_by_a_click_then_written_and_edited() {
    use hpatlas::core::review::PinStatus;
    let (mut harness, folder) = review_harness("drop");
    harness.get_by_label("Góp ý hiện trường").click();
    harness.run();
    harness.get_by_label("Thả ghim").click();
    harness.run();
    // No reviewer name yet on this laptop: it is asked once, then the dropping mode starts.
    type_into(&mut harness, "Họ và tên", "Nguyễn Văn An");
    harness.get_by_label("Lưu tên").click();
    harness.run();
    assert_eq!(
        harness.state().review.author.as_deref(),
        Some("Nguyễn Văn An")
    );
    let settings = std::fs::read_to_string(folder.join("settings.json")).expect("stored");
    assert!(settings.contains("Nguyễn Văn An"), "{settings}");
    assert!(harness.state().review.dropping);
    let view = harness.state().map_view_rect();
    let click = view.center() + eframe::egui::vec2(-80.0, 60.0);
    let clicked_in_map = harness.state().camera.map_from_screen(view, click);
    click_at(&mut harness, click);
    assert!(!harness.state().review.dropping);
    assert!(
        harness.state().session.pins().is_empty(),
        "saved only on Save"
    );
    type_into(&mut harness, "Nội dung", "Cống thoát nước bị tắc");
    harness.get_by_label("Lưu góp ý").click();
    harness.run();
    let id = {
        let pins = &harness.state().session.pins();
        assert_eq!(pins.len(), 1);
        let id = pins.ids().next().expect("one pin");
        assert_eq!(pins.versions(id).len(), 1);
        id
    };
    // Edit: resolved, with a longer note → one more version.
    harness.get_by_label("Đã xử lý").click();
    harness.run();
    type_into(&mut harness, "Nội dung", ", đã nạo vét");
    harness.get_by_label("Lưu góp ý").click();
    harness.run();
    let app = harness.state();
    let pins = &app.session.pins();
    assert_eq!(pins.versions(id).len(), 2);
    let current = pins.current(id).expect("pin");
    assert_eq!(current.status, PinStatus::Resolved);
    assert_eq!(current.text, "Cống thoát nước bị tắc, đã nạo vét");
    assert_eq!(current.author, "Nguyễn Văn An");
    let (x, y) = Reprojector::new(WGS84, MAP_CRS)
        .expect("PROJ")
        .convert(current.lon_deg, current.lat_deg)
        .expect("in zone");
    let off_m = (x - clicked_in_map[0]).hypot(y - clicked_in_map[1]);
    let tolerance_m = 6.0 * app.camera.m_per_px;
    assert!(off_m < tolerance_m, "{off_m} m from the click");
    // The list row shows the note's first line, then category · status · author · time.
    harness.get_by_label_contains(
        "Cống thoát nước bị tắc, đã nạo vét\nVấn đề · Đã xử lý · Nguyễn Văn An · ",
    );
    harness.get_by_label_contains("Lịch sử (2 phiên bản)");
    // Closing the form and clicking the marker's head on the map selects the pin again.
    harness.get_by_label("Đóng").click();
    harness.run();
    assert_eq!(harness.state().review.selected(), None);
    let tip = {
        let app = harness.state();
        app.camera.screen_from_map(app.map_view_rect(), [x, y])
    };
    click_at(&mut harness, tip + eframe::egui::vec2(0.0, -20.0));
    assert_eq!(harness.state().review.selected(), Some(id));
    assert_eq!(harness.state().selection, None, "the pin, not a feature");
    std::fs::remove_dir_all(&folder).expect("clean up");
}

#[test]
fn exporting_and_importing_the_same_review_file_changes_nothing() {
    use hpatlas::core::review::PinCategory;
    let (mut harness, folder) = review_harness("exchange");
    add_pin(
        harness.state_mut(),
        106.68,
        20.86,
        PinCategory::Issue,
        "Vỉa hè lấn chiếm",
    );
    add_pin(
        harness.state_mut(),
        106.70,
        20.85,
        PinCategory::Proposal,
        "Thêm cây xanh",
    );
    let before = harness.state().session.pins().clone();
    harness.get_by_label("Góp ý hiện trường").click();
    harness.run();
    harness.get_by_label("Xuất tệp góp ý…").click();
    harness.run();
    let file = folder.join("gop-y.geojson");
    harness.state_mut().review.export_path = Some(file.display().to_string());
    harness.run();
    harness.get_by_label("Ghi tệp góp ý").click();
    harness.run();
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("Thêm cây xanh"));
    harness.get_by_label("Nhập và gộp tệp góp ý…").click();
    harness.run();
    type_into(
        &mut harness,
        "Các tệp góp ý (mỗi dòng một tệp)",
        &file.display().to_string(),
    );
    harness.get_by_label("Gộp vào dự án").click();
    harness.run();
    assert_eq!(*harness.state().session.pins(), before);
    // The report shows in a notice and stays in the panel.
    let report = "Đã gộp 1 tệp: 0 ghim mới, 0 ghim được cập nhật, 2 ghim không đổi.";
    assert_eq!(harness.query_all_by_label(report).count(), 2);
    // A broken file: a notice names it, and nothing changes.
    let broken = folder.join("hong.geojson");
    std::fs::write(&broken, "{\"type\": \"FeatureCollection\", \"features\": [").expect("write");
    harness.get_by_label("Nhập và gộp tệp góp ý…").click();
    harness.run();
    type_into(
        &mut harness,
        "Các tệp góp ý (mỗi dòng một tệp)",
        &format!("{}\n{}", file.display(), broken.display()),
    );
    harness.get_by_label("Gộp vào dự án").click();
    harness.run();
    assert_eq!(*harness.state().session.pins(), before);
    let notices = &harness.state().notices;
    assert!(
        notices
            .iter()
            .any(|notice| notice.is_error && notice.text.contains("hong.geojson")),
        "{notices:?}"
    );
    std::fs::remove_dir_all(&folder).expect("clean up");
}

#[test]
fn the_category_filter_hides_other_pins_and_a_row_flies_to_its_pin() {
    use hpatlas::core::review::PinCategory;
    let (mut harness, folder) = review_harness("filter");
    add_pin(
        harness.state_mut(),
        106.68,
        20.86,
        PinCategory::Issue,
        "Ngập sau mưa",
    );
    let proposal = add_pin(
        harness.state_mut(),
        106.62,
        20.83,
        PinCategory::Proposal,
        "Mở rộng nút giao",
    );
    harness.get_by_label("Góp ý hiện trường").click();
    harness.run();
    harness.get_by_label_contains("Ngập sau mưa");
    harness.get_by_label_contains("Mở rộng nút giao");
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Loại")
        .click();
    harness.run();
    harness.get_by_label("Đề xuất").click();
    harness.run();
    assert!(harness.query_by_label_contains("Ngập sau mưa").is_none());
    harness.get_by_label_contains("Mở rộng nút giao").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.review.selected(), Some(proposal));
    let expected = in_map(106.62, 20.83);
    let centre = app.camera.center_in_map;
    assert!(
        (centre[0] - expected[0]).abs() < 0.01 && (centre[1] - expected[1]).abs() < 0.01,
        "{centre:?} vs {expected:?}"
    );
    std::fs::remove_dir_all(&folder).expect("clean up");
}

#[test]
fn a_photo_is_attached_once_the_project_is_saved() {
    use hpatlas::core::review::PinCategory;
    let (mut harness, folder) = review_harness("photo");
    let id = add_pin(
        harness.state_mut(),
        106.68,
        20.86,
        PinCategory::Issue,
        "Tường rào đổ",
    );
    harness.state_mut().review.author = Some("Lê Thị Bình".into());
    harness.get_by_label("Góp ý hiện trường").click();
    harness.run();
    harness.get_by_label_contains("Tường rào đổ").click();
    harness.run();
    // Not saved yet: the button is off and says why.
    harness.get_by_label_contains("Cần lưu dự án trước");
    let photo = folder.join("tuong-rao.jpg");
    std::fs::write(&photo, b"not really a jpeg").expect("write");
    let project = folder.join("du-an.hpatlas.json");
    harness.state_mut().set_project_path(Some(project));
    harness.run();
    harness.get_by_label("Đính kèm ảnh…").click();
    harness.run();
    // The field starts at the project's folder; the file name is typed after it.
    type_into(&mut harness, "Tệp ảnh", "tuong-rao.jpg");
    harness.get_by_label("Đính kèm").click();
    harness.run();
    let app = harness.state();
    assert!(app.notices.is_empty(), "{:?}", app.notices);
    let current = app.session.pins().current(id).expect("pin");
    assert_eq!(current.photos.len(), 1);
    let copied = folder.join(&current.photos[0]);
    assert_eq!(
        std::fs::read(&copied).expect("copied next to the project"),
        b"not really a jpeg"
    );
    assert_eq!(app.session.pins().versions(id).len(), 2);
    harness.get_by_label_contains("tuong-rao.jpg");
    std::fs::remove_dir_all(&folder).expect("clean up");
}

/// Runs frames until the camera's flight has landed and nothing asks for a repaint.
fn settle(harness: &mut Harness<'static, AtlasApp>) {
    for _ in 0..120 {
        if harness.state().presentation.flight.is_none() {
            break;
        }
        harness.step();
    }
    assert!(
        harness.state().presentation.flight.is_none(),
        "the flight lands"
    );
    // New areas (title bar, legend, toolbar) take a few sizing frames.
    harness.run_steps(8);
    harness.run();
}

fn camera_at(x: f64, y: f64, m_per_px: f64) -> hpatlas::app::Camera {
    hpatlas::app::Camera {
        center_in_map: [x, y],
        m_per_px,
    }
}

/// Opens the slides panel and adds one slide per camera through its button.
fn slides_at(harness: &mut Harness<'static, AtlasApp>, cameras: &[hpatlas::app::Camera]) {
    harness.get_by_label("Trình chiếu").click();
    harness.run();
    for camera in cameras {
        harness.state_mut().camera = *camera;
        harness.run();
        harness
            .get_by_label("Thêm trang từ khung nhìn hiện tại")
            .click();
        harness.run();
    }
}

#[test]
fn slides_are_presented_with_the_clicker_keys_and_flights_land_on_each_view() {
    use eframe::egui::Key;
    let mut harness = harness_on(Vec::new());
    let cameras = [
        camera_at(597_000.0, 2_306_000.0, 80.0),
        camera_at(590_000.0, 2_300_000.0, 20.0),
        camera_at(612_000.0, 2_312_000.0, 6.0),
    ];
    slides_at(&mut harness, &cameras);
    let slides = &harness.state().session.slides();
    assert_eq!(slides.len(), 3);
    for (slide, camera) in slides.iter().zip(&cameras) {
        assert_eq!(slide.view.camera.center_in_map, camera.center_in_map);
        assert_eq!(slide.view.camera.m_per_px, camera.m_per_px);
        assert!(
            slide.view.layers.len() >= 5,
            "every layer's state is captured"
        );
    }
    harness.get_by_label("1. Trang 1").click();
    harness.run();
    harness.get_by_label("Lớp bản đồ");

    harness.key_press(Key::F5);
    settle(&mut harness);
    assert!(harness.state().presentation.is_presenting());
    assert_eq!(harness.state().camera, cameras[0]);
    assert!(
        harness.query_by_label("Lớp bản đồ").is_none(),
        "no side panels in the show"
    );
    assert!(
        harness.query_by_label("Tệp").is_none(),
        "no menu bar in the show"
    );
    harness.get_by_label("Trang 1");
    harness.get_by_label("1 / 3");

    for (key, expected) in [
        (Key::ArrowRight, 1),
        (Key::Space, 2),
        (Key::PageDown, 2),
        (Key::ArrowLeft, 1),
    ] {
        harness.key_press(key);
        settle(&mut harness);
        let app = harness.state();
        let current = app.presentation.show.as_ref().map(|show| show.current);
        assert_eq!(current, Some(expected), "after {key:?}");
        assert_eq!(app.camera, cameras[expected], "camera after {key:?}");
    }
    harness.get_by_label("2 / 3");

    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert!(!harness.state().presentation.is_presenting());
    harness.get_by_label("Lớp bản đồ");
    assert_eq!(
        harness.state().camera,
        cameras[2],
        "leaving the show restores the view from before it"
    );
}

#[test]
fn annotations_drawn_in_the_show_are_kept_with_the_slide_or_cleared() {
    use eframe::egui::Key;
    use hpatlas::core::project::Annotation;
    let mut harness = harness_on(Vec::new());
    slides_at(&mut harness, &[camera_at(597_000.0, 2_306_000.0, 40.0)]);
    harness.key_press(Key::F5);
    settle(&mut harness);
    let drafts = |harness: &Harness<'static, AtlasApp>| {
        harness
            .state()
            .presentation
            .show
            .as_ref()
            .map(|show| show.current_drafts().to_vec())
            .unwrap_or_default()
    };
    let view = harness
        .state()
        .presentation
        .show
        .as_ref()
        .map(|show| show.map_in_screen)
        .expect("presenting");
    let centre = view.center();

    harness.key_press(Key::A);
    harness.run();
    press_drag_release(
        &mut harness,
        centre,
        centre + eframe::egui::vec2(200.0, -80.0),
    );
    assert!(matches!(
        drafts(&harness).as_slice(),
        [Annotation::Arrow { .. }]
    ));
    harness.get_by_label("Giữ với trang").click();
    harness.run();
    assert!(drafts(&harness).is_empty());
    let kept = harness.state().session.slides()[0].annotations.clone();
    assert!(
        matches!(kept.as_slice(), [Annotation::Arrow { .. }]),
        "{kept:?}"
    );

    harness.key_press(Key::C);
    harness.run();
    press_drag_release(&mut harness, centre, centre + eframe::egui::vec2(90.0, 0.0));
    assert!(matches!(
        drafts(&harness).as_slice(),
        [Annotation::Circle { .. }]
    ));
    harness.key_press(Key::Backspace);
    harness.run();
    assert!(
        drafts(&harness).is_empty(),
        "Backspace clears what was not kept"
    );
    press_drag_release(
        &mut harness,
        centre,
        centre + eframe::egui::vec2(50.0, 50.0),
    );
    harness.get_by_label("Xóa").click();
    harness.run();
    assert!(drafts(&harness).is_empty(), "the Clear button too");
    assert_eq!(harness.state().session.slides()[0].annotations, kept);

    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert!(!harness.state().presentation.is_presenting());
}

/// A fresh temporary folder for one test.
fn temp_folder(name: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("hpatlas-ui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    folder
}

/// Opens a project through File → Recent projects (the list file is written first, as the app would).
fn open_from_recent(
    harness: &mut Harness<'static, AtlasApp>,
    list: &std::path::Path,
    project: &std::path::Path,
) {
    hpatlas::core::recent::RecentProjects::record(list, project).expect("recent list written");
    harness
        .state_mut()
        .set_recent_list_path(Some(list.to_path_buf()));
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Dự án gần đây").click();
    harness.run();
    let name = project
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    harness.get_by_label(&name).click();
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    harness.step();
    harness.state_mut().finish_loading_blocking();
    harness.run();
}

/// A project of two copies of the shapes fixture, the first (bottom) styled; returns the project path.
fn two_layer_project(folder: &std::path::Path) -> std::path::PathBuf {
    let data = folder.join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    for name in ["duoi.geojson", "tren.geojson"] {
        std::fs::copy(fixture_path("shapes.geojson"), data.join(name)).expect("fixture copied");
    }
    let project = folder.join("thu.hpatlas.json");
    let text = serde_json::json!({
        "format": "hpatlas-project",
        "version": 2,
        "title": "Dự án thử",
        "layers": [
            {"path": "data/duoi.geojson", "name": "Lớp dưới", "opacity": 0.3,
             "style": {"stroke_width_px": 4.5, "fill": "#12345678"}},
            {"path": "data/tren.geojson", "name": "Lớp trên"}
        ],
        "camera": {"center_in_map": [600000.0, 2300000.0], "m_per_px": 20.0}
    });
    std::fs::write(&project, text.to_string()).expect("project written");
    project
}

fn layer_names(app: &AtlasApp) -> Vec<String> {
    app.session
        .layers()
        .iter()
        .map(|layer| layer.name.clone())
        .collect()
}

#[test]
fn a_project_saved_from_the_file_menu_reopens_with_everything() {
    use hpatlas::app::Action;
    use hpatlas::core::project::{Annotation, Camera, SavedView, Slide};
    use hpatlas::core::review::{PinCategory, PinDraft};
    use hpatlas::core::session::Edit;
    use hpatlas::core::style::Rgba;
    use hpatlas::core::timestamp::Timestamp;

    let folder = temp_folder("round-trip");
    let list = folder.join("recent.json");
    let mut harness = harness_on(Vec::new());
    harness.state_mut().set_recent_list_path(Some(list.clone()));
    let ctx = eframe::egui::Context::default();
    // Visibility through the layer panel, opacity and style as the panel's controls send them.
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::CheckBox, CITY_OUTLINE)
        .click();
    harness.run();
    let (rivers_id, mut style) = {
        let layer = harness
            .state()
            .session
            .layers()
            .iter()
            .find(|layer| layer.name == "Sông chính (WDBII)")
            .expect("the rivers layer");
        (layer.id, layer.style.clone())
    };
    style.stroke = Rgba::rgb(200, 30, 40);
    style.stroke_width_px = 3.25;
    harness
        .state_mut()
        .apply(&ctx, Action::Edit(Edit::SetOpacity(rivers_id, 0.4)));
    harness.state_mut().apply(
        &ctx,
        Action::Edit(Edit::SetStyle(rivers_id, Box::new(style.clone()))),
    );
    // The analysis panel picks its input layers; the planner changes a threshold.
    harness.get_by_label("Phân tích phủ sóng").click();
    harness.run();
    harness
        .state_mut()
        .analysis
        .settings
        .chosen
        .proximity_threshold_m = 1_250.0;
    let analysis_layer_name = |app: &AtlasApp| {
        app.analysis
            .settings
            .sites_layer
            .and_then(|id| app.session.layer(id))
            .map(|layer| layer.name.clone())
    };
    let sites_layer = analysis_layer_name(harness.state());
    assert!(sites_layer.is_some());
    // The camera moves with the map's zoom button; the language switches with its button.
    harness.get_by_label("+").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    let slide = Slide {
        title: "Trạm 5G mới".into(),
        speaker_note: "Nhấn mạnh vùng trống phía tây".into(),
        view: SavedView {
            name: "Tây thành phố".into(),
            camera: Camera {
                center_in_map: [590_000.5, 2_305_000.25],
                m_per_px: 12.5,
            },
            layers: Vec::new(),
        },
        annotations: vec![Annotation::Text {
            position_in_map: [591_000.0, 2_306_000.0],
            text: "Vùng trống".into(),
            colour: Rgba::rgb(220, 0, 0),
            size_px: 16.0,
        }],
    };
    {
        let app = harness.state_mut();
        app.session
            .edit(Edit::InsertSlide {
                position: 0,
                slide: Box::new(slide.clone()),
            })
            .expect("slide added");
        let (id, version) = hpatlas::core::review::ReviewPins::first_version(
            PinDraft {
                lon_deg: 106.68,
                lat_deg: 20.86,
                category: PinCategory::Issue,
                text: "Ngập khi triều cường".into(),
            },
            "Khảo sát",
            Timestamp::from_unix_seconds(1_760_000_000),
        )
        .expect("pin added");
        app.session
            .edit(Edit::PutPinVersion {
                id,
                version: Box::new(version),
            })
            .expect("pin added");
    }
    harness.run();
    assert!(harness.state().has_unsaved_changes());
    let before = harness.state_mut().current_project().0;
    let camera_before = harness.state().camera;

    // The shipped map has no file of its own: Save (Ctrl+S) asks for one.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::S);
    harness.run();
    let saved = folder.join("vong_tron.hpatlas.json");
    let field = harness.get_by_label("Path");
    field.focus();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness
        .get_by_label("Path")
        .type_text(&folder.join("vong_tron").display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    assert!(saved.is_file(), "{:?}", harness.state().notices);
    assert!(!harness.state().has_unsaved_changes());
    assert_eq!(harness.state().project_path(), Some(saved.as_path()));
    // The menu bar shows the title and the new file name, without the unsaved marker.
    harness.get_by_label(&format!("{} — vong_tron.hpatlas.json", before.title));

    // A fresh atlas opens it from the recent list.
    let mut fresh = harness_on(Vec::new());
    open_from_recent(&mut fresh, &list, &saved);
    let app = fresh.state();
    assert!(
        app.notices.iter().all(|notice| !notice.is_error),
        "{:?}",
        app.notices
    );
    assert_eq!(app.lang(), Lang::En);
    fresh.get_by_label("Layers");
    assert_eq!(layer_names(app), layer_names(harness.state()));
    for (reopened, original) in app
        .session
        .layers()
        .iter()
        .zip(harness.state().session.layers())
    {
        assert_eq!(reopened.visible, original.visible, "{}", original.name);
        assert_eq!(reopened.opacity, original.opacity, "{}", original.name);
        assert_eq!(reopened.style, original.style, "{}", original.name);
    }
    let rivers = app
        .session
        .layers()
        .iter()
        .find(|layer| layer.name == "Sông chính (WDBII)")
        .expect("rivers");
    assert_eq!(rivers.opacity, 0.4);
    assert_eq!(rivers.style, style);
    let outline_layer = app
        .session
        .layers()
        .iter()
        .find(|layer| layer.name == CITY_OUTLINE)
        .expect("outline");
    assert!(!outline_layer.visible);
    for axis in 0..2 {
        assert!((app.camera.center_in_map[axis] - camera_before.center_in_map[axis]).abs() < 1e-6);
    }
    assert!((app.camera.m_per_px - camera_before.m_per_px).abs() < 1e-6);
    assert_eq!(analysis_layer_name(app), sites_layer);
    assert_eq!(app.analysis.settings.chosen.proximity_threshold_m, 1_250.0);
    assert_eq!(app.session.slides(), vec![slide]);
    assert_eq!(app.session.pins().to_pins(), before.pins);
    assert_eq!(app.session.pins().to_pins().len(), 1);
    assert_eq!(app.project_path(), Some(saved.as_path()));
    assert!(!app.has_unsaved_changes());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_moved_layer_file_is_listed_and_relinked_with_its_saved_style() {
    let folder = temp_folder("relink");
    let project = two_layer_project(&folder);
    let moved = folder.join("chuyen_di");
    std::fs::create_dir_all(&moved).expect("new folder");
    std::fs::rename(folder.join("data/duoi.geojson"), moved.join("duoi.geojson"))
        .expect("file moved");
    let mut harness = harness_on(Vec::new());
    open_from_recent(&mut harness, &folder.join("recent.json"), &project);
    assert_eq!(layer_names(harness.state()), ["Lớp trên"]);
    assert_eq!(harness.state().missing_layers().len(), 1);
    harness.get_by_label("Tệp bị thiếu");
    harness.get_by_label("Lớp dưới");
    harness.get_by_label_contains("duoi.geojson");
    harness.get_by_label("Tìm lại…").click();
    harness.run();
    harness.get_by_label("Tìm lại tệp dữ liệu");
    harness
        .state_mut()
        .set_open_dialog_path(&moved.join("duoi.geojson"));
    harness.get_by_label("Mở").click();
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    harness.step();
    harness.state_mut().finish_loading_blocking();
    harness.run();
    let app = harness.state_mut();
    assert_eq!(layer_names(app), ["Lớp dưới", "Lớp trên"]);
    let relinked = &app.session.layers()[0];
    assert_eq!(relinked.opacity, 0.3);
    assert_eq!(relinked.style.stroke_width_px, 4.5);
    assert_eq!(
        relinked.style.fill,
        hpatlas::core::style::Rgba::with_alpha(0x12, 0x34, 0x56, 0x78)
    );
    assert!(app.missing_layers().is_empty());
    assert!(harness.query_by_label("Tệp bị thiếu").is_none());
    // The new place is what the project saves.
    let app = harness.state_mut();
    let saved = app.current_project().0;
    assert_eq!(saved.layers[0].path, moved.join("duoi.geojson"));
    // The new place is not saved yet: a new project asks before dropping it.
    assert!(app.has_unsaved_changes());
    for (button, layers_left) in [("Huỷ", 2), ("Bỏ thay đổi", 0)] {
        harness.get_by_label("Tệp").click();
        harness.run();
        harness.get_by_label("Dự án mới").click();
        harness.run();
        harness.get_by_label("Có thay đổi chưa lưu");
        harness.get_by_label(button).click();
        harness.run();
        assert_eq!(harness.state().session.layers().len(), layers_left);
    }
    assert!(!harness.state().has_unsaved_changes());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_newer_autosave_is_offered_and_recovered() {
    use hpatlas::app::Action;
    use hpatlas::core::autosave::autosave_path;
    use hpatlas::core::session::Edit;

    let folder = temp_folder("recover");
    let project = two_layer_project(&folder);
    let list = folder.join("recent.json");
    let mut harness = harness_on(Vec::new());
    open_from_recent(&mut harness, &list, &project);
    assert!(!harness.state().offers_recovery());
    let top = harness.state().session.layers()[1].id;
    let ctx = eframe::egui::Context::default();
    harness
        .state_mut()
        .apply(&ctx, Action::Edit(Edit::SetOpacity(top, 0.65)));
    harness.run();
    assert!(harness.state().has_unsaved_changes());
    harness.state_mut().autosave_now();
    let side = autosave_path(&project);
    assert!(side.is_file());
    // The project file is older than its autosave (the atlas "crashed" after autosaving).
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
    std::fs::File::options()
        .write(true)
        .open(&project)
        .and_then(|file| file.set_modified(an_hour_ago))
        .expect("project time set");

    let mut fresh = harness_on(Vec::new());
    open_from_recent(&mut fresh, &list, &project);
    assert!(fresh.state().offers_recovery());
    fresh.get_by_label("Khôi phục bản tự lưu?");
    fresh.get_by_label("Khôi phục").click();
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    fresh.step();
    fresh.state_mut().finish_loading_blocking();
    fresh.run();
    let app = fresh.state();
    assert!(!app.offers_recovery());
    assert_eq!(layer_names(app), ["Lớp dưới", "Lớp trên"]);
    assert_eq!(app.session.layers()[1].opacity, 0.65);
    assert!(app.has_unsaved_changes(), "recovered work is not saved yet");
    assert_eq!(app.project_path(), Some(project.as_path()));
    fresh.get_by_label_contains("•");
    // Saving writes the project and removes the autosave.
    fresh.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::S);
    fresh.run();
    assert!(!side.exists());
    assert!(!fresh.state().has_unsaved_changes());
    let reread = hpatlas::core::project::ProjectFile::read(&project).expect("saved project");
    assert_eq!(reread.layers[1].opacity, 0.65);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn declining_the_autosave_opens_the_saved_project() {
    use hpatlas::core::autosave::{autosave_path, write_autosave};
    use hpatlas::core::project::ProjectFile;

    let folder = temp_folder("decline");
    let project = two_layer_project(&folder);
    let mut changed = ProjectFile::read(&project).expect("project");
    changed.layers[1].opacity = 0.1;
    write_autosave(&project, &changed).expect("autosave written");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
    std::fs::File::options()
        .write(true)
        .open(&project)
        .and_then(|file| file.set_modified(an_hour_ago))
        .expect("project time set");
    let mut harness = harness_on(Vec::new());
    open_from_recent(&mut harness, &folder.join("recent.json"), &project);
    harness.get_by_label("Bỏ bản tự lưu").click();
    // One frame starts the load; running to rest here would race the loading thread's repaints.
    harness.step();
    harness.state_mut().finish_loading_blocking();
    harness.run();
    let app = harness.state();
    assert_eq!(app.session.layers()[1].opacity, 1.0);
    assert!(!app.has_unsaved_changes());
    assert!(!autosave_path(&project).exists());
    let _ = std::fs::remove_dir_all(&folder);
}

/// A zoning layer of two 200 m squares in VN-2000 / TM-3 (class, population), written to a fresh folder.
fn zoning_file(folder: &std::path::Path) -> std::path::PathBuf {
    let square = |x: f64, class: &str, people: i64| {
        serde_json::json!({
            "type": "Feature",
            "properties": {"class": class, "dan_so": people},
            "geometry": {"type": "Polygon", "coordinates": [[
                [x, 2_300_000.0], [x + 200.0, 2_300_000.0], [x + 200.0, 2_300_200.0],
                [x, 2_300_200.0], [x, 2_300_000.0]
            ]]}
        })
    };
    let collection = serde_json::json!({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}},
        "features": [square(600_000.0, "residential", 100), square(600_300.0, "green_space", 0)]
    });
    let path = folder.join("vung.geojson");
    std::fs::write(&path, collection.to_string()).expect("zoning written");
    path
}

/// The area of class `class` in the land-use balance panel's table, m².
fn balance_area_m2(app: &mut AtlasApp, class: &str) -> f64 {
    let Some(layer) = app.land_use.layer.and_then(|id| app.session.layer(id)) else {
        return f64::NAN;
    };
    let balance = app.land_use.balance(layer).as_ref().expect("a balance");
    balance
        .rows
        .iter()
        .find(|row| row.class.as_deref() == Some(class))
        .map_or(0.0, |row| row.area_m2)
}

#[test]
fn a_polygon_is_digitized_with_snapping_classed_in_the_table_undone_redone_and_saved() {
    use eframe::egui::{Key, Modifiers};
    let folder = temp_folder("digitize");
    let file = zoning_file(&folder);
    let mut harness = harness_on(vec![file.clone()]);
    let layer = harness.state().session.layers()[0].id;
    // The land-use balance follows the zoning layer.
    harness.get_by_label("Cân bằng sử dụng đất").click();
    harness.run();
    assert_eq!(
        balance_area_m2(harness.state_mut(), "green_space"),
        40_000.0
    );
    // Edit mode with the pencil, then the add tool.
    harness.get_by_label("✏").click();
    harness.run();
    assert_eq!(harness.state().editing, Some(layer));
    harness.get_by_label("Thêm").click();
    harness.run();
    let corner = [600_200.0, 2_300_200.0];
    let view = harness.state().map_view_rect();
    let screen = |pt: [f64; 2], app: &AtlasApp| app.camera.screen_from_map(view, pt);
    // Near the square's corner (4 points off): the vertex lands exactly on it.
    let near_corner = screen(corner, harness.state()) + eframe::egui::vec2(4.0, -3.0);
    click_at(&mut harness, near_corner);
    for pt in [[600_260.0, 2_300_320.0], [600_140.0, 2_300_320.0]] {
        let at = screen(pt, harness.state());
        click_at(&mut harness, at);
    }
    harness.key_press(Key::Enter);
    harness.run();
    let added = {
        let app = harness.state();
        let layer = app.session.layer(layer).expect("layer");
        assert_eq!(layer.features.len(), 3, "{:?}", app.notices);
        let geo::Geometry::Polygon(polygon) = &layer.features[2].geometry_in_map else {
            panic!("a polygon was added");
        };
        let first = polygon.exterior().0[0];
        assert_eq!(
            [first.x, first.y],
            corner,
            "snapped bit for bit onto the corner"
        );
        assert_eq!(polygon.exterior().0.len(), 4);
        geo::Area::unsigned_area(polygon)
    };
    assert!((added - 7_200.0).abs() < 7_200.0 * 0.02, "{added} m²");
    // Class it in the attribute table: choose its row, set the first field for the chosen rows.
    let ctx = eframe::egui::Context::default();
    harness
        .state_mut()
        .apply(&ctx, hpatlas::app::Action::OpenTable(layer));
    harness.run();
    harness.get_by_label("3").click();
    harness.run();
    type_into(&mut harness, "Giá trị", "green_space");
    harness.get_by_label("Gán cho các dòng đã chọn (1)").click();
    harness.run();
    let classed = balance_area_m2(harness.state_mut(), "green_space");
    assert!((classed - 40_000.0 - added).abs() < 1e-6, "{classed}");
    // Undo twice (the class, then the polygon), redo once (the polygon, unclassed).
    harness.get_by_label("Giá trị").focus();
    harness.key_press(Key::Escape);
    harness.run();
    harness.state_mut().selection = None;
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert_eq!(
        harness
            .state()
            .session
            .layer(layer)
            .expect("layer")
            .features
            .len(),
        2
    );
    assert_eq!(
        balance_area_m2(harness.state_mut(), "green_space"),
        40_000.0
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(
        harness
            .state()
            .session
            .layer(layer)
            .expect("layer")
            .features
            .len(),
        3
    );
    assert_eq!(
        balance_area_m2(harness.state_mut(), "green_space"),
        40_000.0
    );
    assert!(harness.state().has_unsaved_changes());
    // Save the layer's edits to its file from the layer panel; the file has the new zone.
    harness
        .state_mut()
        .apply(&ctx, hpatlas::app::Action::ChooseLayer(Some(layer)));
    harness.run();
    harness.get_by_label("Lưu chỉnh sửa vào tệp").click();
    harness.run();
    let reread = hpatlas::core::io::read_layer_file(&file, None, &mut |_| {}).expect("reread");
    assert_eq!(reread.features.len(), 3, "{:?}", harness.state().notices);
    assert!(harness.state().layers_with_unsaved_edits().is_empty());
    // One more edit not saved to the file: closing the window asks first.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!harness.state().layers_with_unsaved_edits().is_empty());
    harness
        .input_mut()
        .viewports
        .entry(eframe::egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(eframe::egui::ViewportEvent::Close);
    harness.run();
    harness.get_by_label("Có thay đổi chưa lưu");
    harness.get_by_label("Huỷ").click();
    harness.run();
    assert!(harness.query_by_label("Có thay đổi chưa lưu").is_none());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_wrong_value_and_a_self_crossing_drawing_are_refused_with_a_message_and_nothing_changes() {
    use eframe::egui::Key;
    let folder = temp_folder("refusals");
    let file = zoning_file(&folder);
    let mut harness = harness_on(vec![file]);
    let layer = harness.state().session.layers()[0].id;
    let steps = harness.state().session.undo_len();
    harness.get_by_label("✏").click();
    harness.run();
    // Identify the first zone, then type text into its population (a whole-number column).
    let view = harness.state().map_view_rect();
    let inside = harness
        .state()
        .camera
        .screen_from_map(view, [600_100.0, 2_300_100.0]);
    click_at(&mut harness, inside);
    assert_eq!(
        harness.state().selection.map(|selected| selected.feature),
        Some(0)
    );
    harness.get_by_label("dan_so").focus();
    harness.run();
    harness.key_press(Key::Backspace);
    harness.get_by_label("dan_so").type_text("nhiều");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    let value = &app.session.layer(layer).expect("layer").features[0].attributes[1];
    assert_eq!(
        value,
        &hpatlas::core::attributes::AttributeValue::Integer(100)
    );
    assert!(
        app.notices
            .iter()
            .any(|notice| notice.is_error && notice.text.contains("không phải số nguyên")),
        "{:?}",
        app.notices
    );
    assert_eq!(app.session.undo_len(), steps, "nothing recorded");
    // A bow-tie drawn with the add tool is refused: nothing is added. (The identify panel took room: the
    // map's rectangle is read again.)
    harness.get_by_label("Thêm").click();
    harness.run();
    let view = harness.state().map_view_rect();
    for pt in [
        [600_320.0, 2_300_260.0],
        [600_480.0, 2_300_400.0],
        [600_480.0, 2_300_260.0],
        [600_320.0, 2_300_400.0],
    ] {
        let at = harness.state().camera.screen_from_map(view, pt);
        click_at(&mut harness, at);
    }
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(app.session.layer(layer).expect("layer").features.len(), 2);
    assert!(
        app.notices
            .iter()
            .any(|notice| notice.is_error && notice.text.contains("tự cắt")),
        "{:?}",
        app.notices
    );
    assert_eq!(app.session.undo_len(), steps, "nothing recorded");
    let _ = std::fs::remove_dir_all(&folder);
}
