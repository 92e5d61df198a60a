//! The headless map renderer: real pixels of a small fixture (fills with holes, concave shapes, markers), the
//! title bar's text, Vietnamese glyphs, the size guard, the same map at 2× scale, the legend, and
//! `hpatlas render` on the shipped project.

use ab_glyph::{Font, FontRef};
use hpatlas::core::crs::{MAP_CRS, Reprojector, WGS84};
use hpatlas::core::layer::Layer;
use hpatlas::core::project::Language;
use hpatlas::core::render::text::{FONT_REGULAR, FONT_SEMIBOLD};
use hpatlas::core::render::{
    LegendWords, MapExport, MapWords, RenderError, SEA_COLOUR, SwatchShape, legend_entries,
    render_map_image, render_map_png,
};
use hpatlas::core::style::{CategorizedStyle, Category, PointSymbol, Rgba};
use tiny_skia::Pixmap;

use crate::load_fixture;

const RED: Rgba = Rgba::rgb(200, 40, 40);
const GREEN: Rgba = Rgba::rgb(40, 160, 60);
const BLUE: Rgba = Rgba::rgb(30, 60, 200);
const YELLOW: Rgba = Rgba::rgb(250, 210, 0);

fn category(value: &str, label_en: &str, fill: Rgba, symbol: Option<PointSymbol>) -> Category {
    Category {
        value: value.to_string(),
        label: value.to_string(),
        label_en: Some(label_en.to_string()),
        fill,
        stroke: None,
        symbol,
        outline_width_px: None,
        outline_dash: None,
    }
}

/// The shapes fixture coloured by `loai`, without outlines so fills meet the sea exactly.
fn styled_shapes() -> Layer {
    let mut layer = load_fixture("shapes.geojson");
    layer.style.stroke_width_px = 0.0;
    layer.style.point_radius_px = 8.0;
    layer.style.stroke = Rgba::rgb(255, 255, 255);
    layer.style.categorized = Some(CategorizedStyle {
        field: "loai".to_string(),
        categories: vec![
            category("đất ở", "Residential", RED, None),
            category("cây xanh", "Green space", GREEN, None),
            category("giao thông", "Road", BLUE, None),
            category("5G", "5G site", YELLOW, Some(PointSymbol::Square)),
        ],
        other_fill: Rgba::rgb(128, 128, 128),
    });
    layer
}

fn fitted_export(layer: &Layer, width: u32, height: u32) -> MapExport {
    let mut export = MapExport::new(width, height, 1.0);
    export.title = "Quy hoạch sử dụng đất — Phường Lê Chân".to_string();
    export.show_legend = false;
    export.fit(layer.extent_in_map.expect("the fixture has an extent"));
    export
}

fn pixel_at(pixmap: &Pixmap, export: &MapExport, lon: f64, lat: f64) -> [u8; 4] {
    let to_map = Reprojector::new(WGS84, MAP_CRS).expect("PROJ knows EPSG:9210");
    let (x, y) = to_map.convert(lon, lat).expect("inside the zone");
    let [px, py] = export.viewport().pixel_from_map([x, y]);
    let pixel = pixmap
        .pixel(px.floor() as u32, py.floor() as u32)
        .unwrap_or_else(|| panic!("({lon}, {lat}) is outside the image at ({px}, {py})"))
        .demultiply();
    [pixel.red(), pixel.green(), pixel.blue(), pixel.alpha()]
}

#[test]
fn fills_holes_concave_shapes_and_markers_have_their_colours() {
    let layer = styled_shapes();
    let export = fitted_export(&layer, 800, 600);
    let pixmap = render_map_image(&[&layer], &export, &[]).expect("renders");
    assert_eq!((pixmap.width(), pixmap.height()), (800, 600));
    // Inside the ring of the polygon with a hole.
    assert_eq!(pixel_at(&pixmap, &export, 106.61, 20.85), RED.0);
    // In its hole: the sea shows through.
    assert_eq!(pixel_at(&pixmap, &export, 106.65, 20.85), SEA_COLOUR.0);
    // The U-shape: its arms are filled, the notch between them is not.
    assert_eq!(pixel_at(&pixmap, &export, 106.81, 20.88), GREEN.0);
    assert_eq!(pixel_at(&pixmap, &export, 106.85, 20.88), SEA_COLOUR.0);
    // Both parts of the multipolygon.
    assert_eq!(pixel_at(&pixmap, &export, 107.06, 20.71), RED.0);
    // The 5G site's square marker, drawn over the ring.
    assert_eq!(pixel_at(&pixmap, &export, 106.6881, 20.8449), YELLOW.0);
}

#[test]
fn the_title_bar_shows_its_text() {
    let layer = styled_shapes();
    let export = fitted_export(&layer, 800, 600);
    let pixmap = render_map_image(&[&layer], &export, &[]).expect("renders");
    let bar = export.frame().title_bar.expect("a title bar");
    let mut ink = 0;
    for y in (bar.y as u32 + 2)..(bar.bottom() as u32 - 2) {
        for x in 0..pixmap.width() {
            let pixel = pixmap.pixel(x, y).expect("inside").demultiply();
            if u32::from(pixel.red()) + u32::from(pixel.green()) + u32::from(pixel.blue()) < 300 {
                ink += 1;
            }
        }
    }
    assert!(ink > 500, "only {ink} dark pixels in the title bar");
}

#[test]
fn vietnamese_letters_have_real_glyphs_in_the_shipped_fonts() {
    for bytes in [FONT_REGULAR, FONT_SEMIBOLD] {
        let font = FontRef::try_from_slice(bytes).expect("the shipped font parses");
        for c in "ạồủịữ Quy hoạch sử dụng đất Phường Lê Chân ẮẰẲẴẶ".chars()
        {
            if !c.is_whitespace() {
                assert_ne!(font.glyph_id(c).0, 0, "{c:?} would be tofu");
            }
        }
    }
    let fonts = hpatlas::core::render::text::Fonts::new().expect("fonts");
    assert!(fonts.missing_glyphs("Tỉ lệ ⌂ → ✖ ạồủịữ").is_empty());
}

#[test]
fn the_png_has_the_requested_size_and_two_x_shows_the_same_map() {
    let layer = styled_shapes();
    let export = fitted_export(&layer, 400, 300);
    let png = render_map_png(&[&layer], &export, &[]).expect("renders");
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let reader = decoder.read_info().expect("a valid PNG");
    let info = reader.info();
    assert_eq!((info.width, info.height), (400, 300));

    let mut doubled = export.clone();
    doubled.width_px = 800;
    doubled.height_px = 600;
    doubled.scale = 2.0;
    let small = render_map_image(&[&layer], &export, &[]).expect("1×");
    let large = render_map_image(&[&layer], &doubled, &[]).expect("2×");
    for (lon, lat, colour) in [
        (106.61, 20.85, RED),
        (106.65, 20.85, SEA_COLOUR),
        (106.81, 20.88, GREEN),
    ] {
        assert_eq!(pixel_at(&small, &export, lon, lat), colour.0);
        assert_eq!(pixel_at(&large, &doubled, lon, lat), colour.0);
    }
    assert_eq!(
        export.frame().map_area.height * 2.0,
        doubled.frame().map_area.height
    );
}

#[test]
fn sizes_and_views_are_guarded() {
    let layer = styled_shapes();
    for (width, height) in [
        (0, 100),
        (100, 0),
        (16_385, 100),
        (100, 20_000),
        (16_384, 16_384),
    ] {
        let export = MapExport::new(width, height, 1.0);
        assert!(
            matches!(
                render_map_png(&[&layer], &export, &[]),
                Err(RenderError::InvalidSize { .. })
            ),
            "{width}×{height} must be refused"
        );
    }
    let mut export = MapExport::new(100, 100, f32::NAN);
    assert!(matches!(
        render_map_png(&[&layer], &export, &[]),
        Err(RenderError::InvalidView(_))
    ));
    export.scale = 1.0;
    export.m_per_px = 0.0;
    assert!(render_map_png(&[&layer], &export, &[]).is_err());
}

#[test]
fn the_legend_lists_the_classes_present_with_their_swatches() {
    let layer = styled_shapes();
    let entries = legend_entries(&[&layer], &MapWords::for_language(Language::English).legend);
    assert_eq!(entries.len(), 1);
    let labels: Vec<&str> = entries[0]
        .items
        .iter()
        .map(|item| item.label.as_str())
        .collect();
    assert_eq!(labels, ["Residential", "Green space", "Road", "5G site"]);
    let shapes: Vec<SwatchShape> = entries[0]
        .items
        .iter()
        .map(|item| item.swatch.shape)
        .collect();
    assert_eq!(
        shapes,
        [
            SwatchShape::Area,
            SwatchShape::Area,
            SwatchShape::Line,
            SwatchShape::Point(PointSymbol::Square)
        ]
    );
    let mut export = fitted_export(&layer, 800, 600);
    export.show_legend = true;
    let with_legend = render_map_image(&[&layer], &export, &entries).expect("renders");
    let without =
        render_map_image(&[&layer], &fitted_export(&layer, 800, 600), &entries).expect("renders");
    assert_ne!(with_legend.data(), without.data(), "the legend must show");
}

#[test]
fn the_legend_uses_the_callers_words_for_labels_and_other() {
    let mut layer = styled_shapes();
    if let Some(categorized) = layer.style.categorized.as_mut() {
        categorized
            .categories
            .retain(|category| category.value != "5G");
    }
    let vietnamese = legend_entries(&[&layer], &MapWords::default().legend);
    let labels: Vec<&str> = vietnamese[0]
        .items
        .iter()
        .map(|item| item.label.as_str())
        .collect();
    assert_eq!(labels, ["đất ở", "cây xanh", "giao thông", "Khác"]);
    let own = LegendWords {
        language: Language::English,
        other: "Everything else".to_string(),
    };
    let english = legend_entries(&[&layer], &own);
    let last = english[0].items.last().map(|item| item.label.as_str());
    assert_eq!(last, Some("Everything else"));
    assert_eq!(english[0].items[0].label, "Residential");
}

#[test]
fn hpatlas_render_writes_a_png_of_the_requested_size() {
    let folder = std::env::temp_dir().join(format!("hpatlas-render-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let out = folder.join("map.png");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .args(["render", "--width", "640", "--height", "360", "--out"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("hpatlas runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let file = std::fs::File::open(&out).expect("the PNG was written");
    let reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a valid PNG");
    assert_eq!((reader.info().width, reader.info().height), (640, 360));

    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_hpatlas"))
        .args(["render", "--width", "0", "--out"])
        .arg(folder.join("none.png"))
        .output()
        .expect("hpatlas runs");
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("image size"), "{stderr}");
    assert!(!folder.join("none.png").exists());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_project_loads_with_a_warning_for_each_missing_layer() {
    use hpatlas::core::project_links::{home_extent, load_project_layers, open_project};
    let folder = std::env::temp_dir().join(format!("hpatlas-project-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let project = folder.join("test.hpatlas.json");
    let shapes = crate::fixture("shapes.geojson");
    let text = serde_json::json!({
        "format": "hpatlas-project",
        "version": 1,
        "title": "Thử nghiệm",
        "home_layer": "Hình mẫu",
        "layers": [
            {"path": "missing.geojson", "name": "Mất"},
            {"path": shapes, "name": "Hình mẫu", "opacity": 0.5, "style": {"stroke_width_px": 3.0}}
        ]
    });
    std::fs::write(&project, text.to_string()).expect("project written");
    let opened = open_project(&project).expect("the project opens");
    let loaded = load_project_layers(&project, &opened.project);
    assert_eq!(loaded.layers.len(), 1);
    assert_eq!(loaded.problems.len(), 1);
    assert!(
        loaded.problems[0].to_string().contains("missing.geojson"),
        "{:?}",
        loaded.problems
    );
    let layers: Vec<_> = loaded.layers.into_iter().map(|(_, layer)| layer).collect();
    let layer = &layers[0];
    assert_eq!(layer.name, "Hình mẫu");
    assert_eq!(layer.opacity, 0.5);
    assert_eq!(layer.style.stroke_width_px, 3.0);
    assert_eq!(home_extent(&opened.project, &layers), layer.extent_in_map);
    let _ = std::fs::remove_dir_all(&folder);
}
