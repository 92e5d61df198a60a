//! Feature labels, placed by one set of rules for the map view and for exported images: which features get a
//! label at the view's scale, where each label may go, and which labels win where they would overlap. The
//! painters only measure text with their own fonts (through [`TextMeasure`]) and draw what this returns.
//!
//! The rules, for each layer with a label attribute, in drawing order (bottom layer first) and within a layer
//! in feature order, greedily:
//! - a feature's text is its label attribute's value, trimmed; features with none are skipped;
//! - a point is labelled beside its marker, to the right, else left, above or below ([`AnchorKind::Point`]);
//! - a line along its longest part in view, when that part is at least as long as the text: at the middle,
//!   else at 35, 65, 20 or 80 % of its length;
//! - an area at an interior point (of its part in view when the whole area's is outside the view), when its
//!   part in view is at least as wide and as high as the text;
//! - a label must lie wholly inside the view and overlap no label placed before (with a small gap) nor any
//!   box the caller blocked (an exported map's title bar, legend, scale bar, …);
//! - at most [`MAX_FEATURES_TRIED`] features per layer are tried, so a dense layer costs a bounded time.
//!
//! Sizes are in UI points times [`LabelView::px_per_pt`], so a 2× export places the same labels as a 1×
//! export or the screen at the same view, at twice the pixels.

mod anchors;
mod placer;

pub use anchors::{Anchor, AnchorKind, anchor_of};
pub use placer::LabelPlacer;

use geo::{Geometry, Rect};

use crate::core::feature::Feature;
use crate::core::layer::Layer;
use crate::core::lod::frame::FrameView;
use crate::core::pixel_box::PixelBox;

/// The gap kept between a label and other labels, UI points.
pub const LABEL_GAP_PT: f32 = 2.0;
/// The gap between a point's marker and its label, UI points.
pub const MARKER_GAP_PT: f32 = 3.0;
/// The most features of one layer tried for a label in one view.
pub const MAX_FEATURES_TRIED: usize = 4_000;

/// Measures label text in the painter's font.
pub trait TextMeasure {
    /// The width and height, in pixels, of `text` on one line at `size_px`.
    fn measure(&mut self, text: &str, size_px: f32) -> [f32; 2];
}

/// The view labels are placed in: where the map is on the screen or image, and the box labels must stay in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelView {
    /// The map point (EPSG:9210 metres) at `center_px`.
    pub center_in_map: [f64; 2],
    /// The pixel position of `center_in_map` (x right, y down).
    pub center_px: [f64; 2],
    /// Map metres per pixel.
    pub m_per_px: f64,
    /// Pixels per UI point: 1 on screen (egui points), an export's scale in an image.
    pub px_per_pt: f32,
    /// The box labels must lie wholly inside: the map view, or an exported image's map area.
    pub bounds: PixelBox,
}

impl LabelView {
    /// The map view of one frame (screen points, one pixel per point), its whole rectangle open to labels.
    pub fn of_frame(frame: &FrameView) -> Self {
        let [width, height] = frame.size_in_screen;
        let [center_x, center_y] = frame.center_in_screen;
        Self {
            center_in_map: frame.center_in_map,
            center_px: [f64::from(center_x), f64::from(center_y)],
            m_per_px: frame.m_per_px,
            px_per_pt: 1.0,
            bounds: PixelBox {
                x: center_x - width / 2.0,
                y: center_y - height / 2.0,
                width,
                height,
            },
        }
    }

    /// The pixel position of a map point.
    pub fn pixel_from_map(&self, pt_in_map: [f64; 2]) -> [f64; 2] {
        [
            self.center_px[0] + (pt_in_map[0] - self.center_in_map[0]) / self.m_per_px,
            self.center_px[1] - (pt_in_map[1] - self.center_in_map[1]) / self.m_per_px,
        ]
    }

    /// The map rectangle under [`Self::bounds`].
    pub fn visible_in_map(&self) -> Rect {
        let corner = |x: f32, y: f32| {
            [
                self.center_in_map[0] + (f64::from(x) - self.center_px[0]) * self.m_per_px,
                self.center_in_map[1] - (f64::from(y) - self.center_px[1]) * self.m_per_px,
            ]
        };
        let a = corner(self.bounds.x, self.bounds.y);
        let b = corner(self.bounds.right(), self.bounds.bottom());
        Rect::new((a[0], a[1]), (b[0], b[1]))
    }

    /// True when the pixel position lies inside [`Self::bounds`].
    pub fn contains_px(&self, at: [f64; 2]) -> bool {
        let bounds = &self.bounds;
        at[0] >= f64::from(bounds.x)
            && at[0] <= f64::from(bounds.right())
            && at[1] >= f64::from(bounds.y)
            && at[1] <= f64::from(bounds.bottom())
    }

    fn is_usable(&self) -> bool {
        self.m_per_px.is_finite()
            && self.m_per_px > 0.0
            && self.px_per_pt.is_finite()
            && self.px_per_pt > 0.0
            && self
                .center_in_map
                .iter()
                .chain(&self.center_px)
                .all(|value| value.is_finite())
    }
}

/// One label that won its place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The feature's position in its layer.
    pub feature: usize,
    /// The text.
    pub text: String,
    /// Where the text goes (its top-left corner and size), pixels.
    pub text_box: PixelBox,
    /// The text size, pixels.
    pub size_px: f32,
    /// What it is attached to.
    pub kind: AnchorKind,
}

/// Places the labels of `layer` in `view` that fit among those already in `placer` (see the module
/// documentation for the rules), and returns them in placing order.
pub fn place_layer_labels(
    placer: &mut LabelPlacer,
    layer: &Layer,
    view: &LabelView,
    measure: &mut dyn TextMeasure,
) -> Vec<PlacedLabel> {
    let style = &layer.style;
    let size_px = style.label_size_px * view.px_per_pt;
    let column = style
        .label_field
        .as_deref()
        .and_then(|field| layer.field_position(field));
    let (Some(column), true) = (column, layer_is_labelled(layer, view, size_px)) else {
        return Vec::new();
    };
    let mut visible: Vec<usize> = layer.index.query(view.visible_in_map()).collect();
    visible.sort_unstable();
    let marker_px = (style.point_radius_px + MARKER_GAP_PT) * view.px_per_pt;
    let mut placed = Vec::new();
    let mut tried = 0;
    for position in visible {
        if tried >= MAX_FEATURES_TRIED {
            break;
        }
        let Some(feature) = layer.features.get(position) else {
            continue;
        };
        // The text is at least one size high and one size wide: features with less room are left out before
        // any text is read or measured.
        let min_room = [f64::from(size_px); 2];
        if is_too_small(feature, view, min_room) {
            continue;
        }
        let Some(text) = label_text(feature, column) else {
            continue;
        };
        let Some(anchor) = anchor_of(&feature.geometry_in_map, view, min_room) else {
            continue;
        };
        tried += 1;
        let [width, height] = measure.measure(&text, size_px);
        if f64::from(width) > anchor.room_px[0] || f64::from(height) > anchor.room_px[1] {
            continue;
        }
        let won = candidate_boxes(&anchor, [width, height], marker_px)
            .into_iter()
            .find(|candidate| {
                view.bounds.contains(candidate)
                    && placer.try_place(*candidate, LABEL_GAP_PT * view.px_per_pt)
            });
        if let Some(text_box) = won {
            placed.push(PlacedLabel {
                feature: position,
                text,
                text_box,
                size_px,
                kind: anchor.kind,
            });
        }
    }
    placed
}

/// True when the layer is drawn and its labels have a size in this view.
fn layer_is_labelled(layer: &Layer, view: &LabelView, size_px: f32) -> bool {
    layer.visible && layer.opacity > 0.0 && size_px.is_finite() && size_px > 0.0 && view.is_usable()
}

/// True for a line or area whose bounding box is narrower and lower than `min_room_px` in the view (the cheap
/// test before its anchor is worked out).
fn is_too_small(feature: &Feature, view: &LabelView, min_room_px: [f64; 2]) -> bool {
    let is_point = matches!(
        feature.geometry_in_map,
        Geometry::Point(_) | Geometry::MultiPoint(_)
    );
    let Some(bbox) = feature.bbox_in_map.filter(|_| !is_point) else {
        return false;
    };
    bbox.width() / view.m_per_px < min_room_px[0] && bbox.height() / view.m_per_px < min_room_px[1]
}

/// The feature's label text: its value in `column`, trimmed; `None` when empty.
fn label_text(feature: &Feature, column: usize) -> Option<String> {
    let text = feature.attributes.get(column)?.to_string();
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The boxes a label of `size` may take at `anchor`, best first: beside a point's marker (right, left, above,
/// below, `marker_px` from its centre), or centred on a line's or area's positions.
fn candidate_boxes(anchor: &Anchor, [width, height]: [f32; 2], marker_px: f32) -> Vec<PixelBox> {
    let at = |left: f32, top: f32| PixelBox {
        x: left,
        y: top,
        width,
        height,
    };
    let mut boxes = Vec::new();
    for [x, y] in &anchor.at_px {
        let [x, y] = [*x as f32, *y as f32];
        match anchor.kind {
            AnchorKind::Point => boxes.extend([
                at(x + marker_px, y - height / 2.0),
                at(x - marker_px - width, y - height / 2.0),
                at(x - width / 2.0, y - marker_px - height),
                at(x - width / 2.0, y + marker_px),
            ]),
            AnchorKind::Line | AnchorKind::Area => {
                boxes.push(at(x - width / 2.0, y - height / 2.0))
            }
        }
    }
    boxes
}
