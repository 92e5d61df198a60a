//! Workshop slides without a GUI: a slide's view applied through session edits, every slide exported as
//! a PNG named after its title (size, title text, layer visibility per slide, annotations drawn), and the
//! layers' own states back as they were afterwards.

use hpatlas::core::project::{Annotation, Camera, LayerRef, SavedView, Slide, ViewLayer};
use hpatlas::core::render::{MapExport, SEA_COLOUR};
use hpatlas::core::session::{Edit, Session};
use hpatlas::core::slides::{SlideExportOptions, capture_view, export_slides, view_edits};
use hpatlas::core::style::Rgba;

use crate::{load_fixture, scratch_folder};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 400;
const CRIMSON: Rgba = Rgba::rgb(220, 20, 60);

fn shapes_document() -> (Session, [f64; 2]) {
    let mut document = Session::new("");
    let layer = load_fixture("shapes.geojson");
    let to_map = hpatlas::core::crs::Reprojector::new(
        hpatlas::core::crs::WGS84,
        hpatlas::core::crs::MAP_CRS,
    )
    .expect("PROJ");
    // Inside the ring of the polygon with a hole ("Ô có lỗ").
    let (x, y) = to_map.convert(106.61, 20.85).expect("in zone");
    document
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .expect("adds");
    (document, [x, y])
}

fn slide(title: &str, centre: [f64; 2], visible: bool, annotations: Vec<Annotation>) -> Slide {
    Slide {
        title: title.to_string(),
        speaker_note: String::new(),
        view: SavedView {
            name: title.to_string(),
            camera: Camera {
                center_in_map: centre,
                m_per_px: 20.0,
            },
            layers: vec![ViewLayer {
                layer: LayerRef::Name("shapes".to_string()),
                visible,
                opacity: None,
                style: None,
            }],
        },
        annotations,
    }
}

/// RGBA pixels of a PNG file, with its size.
fn decode(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).expect("the slide image exists");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a valid PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("decodes");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    (info.width, info.height, pixels)
}

fn pixel(pixels: &[u8], x: u32, y: u32) -> [u8; 4] {
    let at = ((y * WIDTH + x) * 4) as usize;
    [pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]]
}

#[test]
fn a_view_applies_only_what_differs_and_only_to_listed_layers() {
    let (mut document, centre) = shapes_document();
    let camera = Camera {
        center_in_map: centre,
        m_per_px: 5.0,
    };
    let shown = capture_view("shown", camera, document.layers());
    assert!(view_edits(document.layers(), &shown).is_empty());
    let hidden = slide("hidden", centre, false, Vec::new()).view;
    let commands = view_edits(document.layers(), &hidden);
    assert!(matches!(commands.as_slice(), [Edit::SetVisible(_, false)]));
    let unknown = SavedView {
        layers: vec![ViewLayer {
            layer: LayerRef::Name("no such layer".to_string()),
            visible: false,
            opacity: Some(0.2),
            style: None,
        }],
        ..hidden
    };
    assert!(view_edits(document.layers(), &unknown).is_empty());
    for command in view_edits(document.layers(), &slide("h", centre, false, vec![]).view) {
        document.edit(command).expect("applies");
    }
    assert!(!document.layers()[0].visible);
}

#[test]
fn every_slide_is_exported_as_a_png_with_title_layers_and_annotations() {
    let (mut document, centre) = shapes_document();
    let radius_px = 60.0;
    let circle = Annotation::Circle {
        center_in_map: centre,
        radius_m: radius_px * 20.0,
        colour: CRIMSON,
        width_px: 5.0,
    };
    let slides = vec![
        slide("Tổng quan khu vực", centre, true, Vec::new()),
        slide("Ẩn lớp quy hoạch", centre, false, Vec::new()),
        slide("Vùng cần lưu ý", centre, false, vec![circle]),
    ];
    let folder = scratch_folder("slides-png");
    let options = SlideExportOptions {
        width_px: WIDTH,
        height_px: HEIGHT,
        ..SlideExportOptions::default()
    };
    for (position, slide) in slides.into_iter().enumerate() {
        document
            .edit(Edit::InsertSlide {
                position,
                slide: Box::new(slide),
            })
            .expect("slide");
    }
    let undo_steps = document.undo_len();
    let written = export_slides(&mut document, &folder, &options).expect("exports");
    assert_eq!(document.undo_len(), undo_steps, "exporting records no edit");
    let names: Vec<String> = written
        .iter()
        .map(|path| {
            path.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "01-tong-quan-khu-vuc.png",
            "02-an-lop-quy-hoach.png",
            "03-vung-can-luu-y.png"
        ]
    );
    assert_eq!(std::fs::read_dir(&folder).expect("lists").count(), 3);
    assert!(
        document.layers()[0].visible,
        "the layer's own state is back"
    );

    // The camera's centre sits at the centre of the map area between the title and credits bars.
    let mut page = MapExport::new(WIDTH, HEIGHT, 1.0);
    page.title = "x".to_string();
    let frame = page.frame();
    let map = frame.map_area;
    let (cx, cy) = (
        (map.x + map.width / 2.0) as u32,
        (map.y + map.height / 2.0) as u32,
    );
    let title_bar = frame.title_bar.expect("a title bar");
    let images: Vec<_> = written.iter().map(|path| decode(path)).collect();
    for (width, height, pixels) in &images {
        assert_eq!((*width, *height), (WIDTH, HEIGHT));
        let dark_title_pixels = (title_bar.y as u32..title_bar.bottom() as u32)
            .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
            .filter(|(x, y)| pixel(pixels, *x, *y)[0] < 90)
            .count();
        assert!(
            dark_title_pixels > 150,
            "title text: {dark_title_pixels} dark pixels"
        );
    }
    let sea = SEA_COLOUR.0;
    assert_ne!(pixel(&images[0].2, cx, cy), sea, "slide 1 shows the layer");
    assert_eq!(pixel(&images[1].2, cx, cy), sea, "slide 2 hides it");
    let on_circle = pixel(&images[2].2, cx + radius_px as u32, cy);
    assert!(
        on_circle[0] > 180 && on_circle[1] < 90 && on_circle[2] < 120,
        "the circle annotation is drawn: {on_circle:?}"
    );
    assert_eq!(pixel(&images[1].2, cx + radius_px as u32, cy), sea);
}
