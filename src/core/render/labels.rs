//! Feature labels in exported images: placed by the core's label rules ([`crate::core::labels`], the same as
//! the map view's) in the image's map area, clear of the furniture, measured with the shipped fonts and drawn
//! as dark text with a white halo.

use tiny_skia::Pixmap;

use super::blend::{draw_text, faded};
use super::text::{Fonts, Weight};
use super::viewport::Viewport;
use crate::core::labels::{LabelPlacer, LabelView, TextMeasure, place_layer_labels};
use crate::core::layer::Layer;
use crate::core::pixel_box::PixelBox;
use crate::core::style::Rgba;

/// Label text measured with the shipped regular face.
struct FontMeasure<'a>(&'a Fonts);

impl TextMeasure for FontMeasure<'_> {
    fn measure(&mut self, text: &str, size_px: f32) -> [f32; 2] {
        let line = self.0.layout(text, size_px, Weight::Regular);
        [line.width, line.height()]
    }
}

/// The label view of an image: its viewport at `scale` pixels per UI point, labels kept inside `map_area`.
pub(super) fn label_view(viewport: &Viewport, scale: f32, map_area: PixelBox) -> LabelView {
    LabelView {
        center_in_map: viewport.center_in_map,
        center_px: [
            f64::from(viewport.width_px) / 2.0,
            f64::from(viewport.height_px) / 2.0,
        ],
        m_per_px: viewport.m_per_px,
        px_per_pt: scale,
        bounds: map_area,
    }
}

/// Places and draws the labels of `layer` that win a place among those already in `placer`.
pub(super) fn draw_labels(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    layer: &Layer,
    view: &LabelView,
    placer: &mut LabelPlacer,
) {
    let text_colour = faded(Rgba::rgb(30, 30, 30), layer.opacity);
    let halo = faded(Rgba::with_alpha(255, 255, 255, 225), layer.opacity);
    let halo_px = 2.0 * view.px_per_pt;
    for label in place_layer_labels(placer, layer, view, &mut FontMeasure(fonts)) {
        let line = fonts.layout(&label.text, label.size_px, Weight::Regular);
        draw_text(
            pixmap,
            fonts,
            &line,
            (label.text_box.x, label.text_box.y),
            text_colour,
            Some((halo, halo_px)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::MAP_CRS;
    use crate::core::labels::{AnchorKind, PlacedLabel};
    use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
    use crate::core::lod::frame::FrameView;
    use geo::{Geometry, LineString, Point, Polygon};

    use crate::core::attributes::{AttributeKind, AttributeValue, Field};

    /// Text `size` pixels high and 0.6 `size` wide per character: the same on screen and in the image.
    struct FakeMeasure;

    impl TextMeasure for FakeMeasure {
        fn measure(&mut self, text: &str, size_px: f32) -> [f32; 2] {
            [0.6 * size_px * text.chars().count() as f32, size_px]
        }
    }

    /// Around (600 000, 2 300 000): three points close together, a long road across the view, a big zone
    /// reaching beyond the view's left edge and a parcel too small to hold its name.
    fn labelled_layer() -> Layer {
        let (x, y) = (600_000.0, 2_300_000.0);
        let square = |left: f64, bottom: f64, side: f64| {
            Geometry::Polygon(Polygon::new(
                LineString::from(vec![
                    (left, bottom),
                    (left + side, bottom),
                    (left + side, bottom + side),
                    (left, bottom + side),
                    (left, bottom),
                ]),
                Vec::new(),
            ))
        };
        let features = [
            (Geometry::Point(Point::new(x, y)), "Trạm 5G Lê Chân"),
            (Geometry::Point(Point::new(x + 30.0, y)), "Trạm 4G"),
            (Geometry::Point(Point::new(x + 60.0, y + 5.0)), "Trạm Wi-Fi"),
            (
                Geometry::LineString(LineString::from(vec![
                    (x - 9_000.0, y - 1_500.0),
                    (x + 9_000.0, y - 1_400.0),
                ])),
                "Đường Hồ Sen",
            ),
            (square(x - 20_000.0, y + 500.0, 21_000.0), "Khu đô thị mới"),
            (square(x + 2_000.0, y - 3_000.0, 30.0), "Lô nhỏ"),
        ];
        let data = LayerData {
            name: "nhãn".into(),
            source_path: None,
            crs: MAP_CRS,
            crs_origin: CrsOrigin::Declared,
            fields: vec![Field {
                name: "ten".into(),
                kind: AttributeKind::Text,
            }],
            features: features
                .into_iter()
                .map(|(geometry, name)| SourceFeature {
                    geometry,
                    attributes: vec![AttributeValue::Text(name.into())],
                })
                .collect(),
            text_encoding: None,
            notes: Vec::new(),
        };
        let mut layer = Layer::prepare(data, &mut |_| {}).expect("prepared");
        layer.style.label_field = Some("ten".into());
        layer
    }

    fn place(layer: &Layer, view: &LabelView) -> Vec<PlacedLabel> {
        place_layer_labels(&mut LabelPlacer::default(), layer, view, &mut FakeMeasure)
    }

    /// The map view of an 800 × 600-point map at 10 m per point, and the 800 × 600-pixel export of the
    /// same view at scale 1 (no title or credits bars, so the map area is the whole image).
    fn screen_and_image(scale: f32) -> (LabelView, LabelView) {
        let centre = [600_000.0, 2_300_000.0];
        let screen = LabelView::of_frame(&FrameView {
            center_in_map: centre,
            m_per_px: 10.0,
            center_in_screen: [400.0, 300.0],
            size_in_screen: [800.0, 600.0],
        });
        let (width_px, height_px) = ((800.0 * scale) as u32, (600.0 * scale) as u32);
        let viewport = Viewport {
            width_px,
            height_px,
            center_in_map: centre,
            m_per_px: 10.0 / f64::from(scale),
        };
        let map_area = PixelBox {
            x: 0.0,
            y: 0.0,
            width: width_px as f32,
            height: height_px as f32,
        };
        (screen, label_view(&viewport, scale, map_area))
    }

    #[test]
    fn the_same_view_gets_the_same_labels_on_screen_and_in_the_image() {
        let layer = labelled_layer();
        let (screen, image) = screen_and_image(1.0);
        let on_screen = place(&layer, &screen);
        assert_eq!(on_screen, place(&layer, &image));
        let winners: Vec<(usize, AnchorKind)> = on_screen
            .iter()
            .map(|label| (label.feature, label.kind))
            .collect();
        // The second point's label would cover the first's and goes left of its marker; the third finds no
        // free side. The road and the zone (at its part in view) are labelled; the 3-point parcel is not.
        assert_eq!(
            winners,
            [
                (0, AnchorKind::Point),
                (1, AnchorKind::Point),
                (3, AnchorKind::Line),
                (4, AnchorKind::Area)
            ]
        );
        let left_of_marker = on_screen[1].text_box.right() < 403.0;
        assert!(left_of_marker, "{:?}", on_screen[1]);
    }

    #[test]
    fn a_double_resolution_image_places_the_same_labels_at_twice_the_pixels() {
        let layer = labelled_layer();
        let (screen, image) = screen_and_image(2.0);
        let on_screen = place(&layer, &screen);
        let in_image = place(&layer, &image);
        assert_eq!(on_screen.len(), in_image.len());
        for (small, large) in on_screen.iter().zip(&in_image) {
            assert_eq!((small.feature, &small.text), (large.feature, &large.text));
            assert!((large.text_box.x - 2.0 * small.text_box.x).abs() < 1e-3);
            assert!((large.text_box.y - 2.0 * small.text_box.y).abs() < 1e-3);
            assert!((large.text_box.width - 2.0 * small.text_box.width).abs() < 1e-3);
        }
    }
}
