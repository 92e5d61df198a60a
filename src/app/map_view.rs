//! The map canvas: input (drag to pan, wheel to zoom at the cursor, click to identify) and painting.
//!
//! Each visible layer's prepared geometry (see [`crate::core::lod`]) picks the level of detail for the scale
//! and hands over only the items its R-tree says touch the view: triangles go into one fill mesh, rings and
//! lines become strokes, points markers. Labels follow over all layers, placed by the core's label rules
//! ([`crate::core::labels`], the same as exported images'), and the highlight of the selected feature on top.

use eframe::egui::epaint::{Vertex, WHITE_UV};
use eframe::egui::{
    self, Color32, FontId, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2,
};

use super::camera::Camera;
use super::mesh_cache::{CachedLayer, MeshCache};
use crate::core::labels::{LabelPlacer, LabelView, TextMeasure, place_layer_labels};
use crate::core::layer::{Layer, LayerId};
use crate::core::lod::frame::{FrameSink, FrameView, ScreenTransform};
use crate::core::session::Session;
use crate::core::style::{Dash, Outline, PointSymbol};

/// A feature picked on the map or in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The layer.
    pub layer: LayerId,
    /// The feature's position in the layer.
    pub feature: usize,
}

/// What happened on the map this frame.
pub struct MapResponse {
    /// The screen rectangle of the map.
    pub view_in_screen: Rect,
    /// The map point under the cursor.
    pub hovered_in_map: Option<[f64; 2]>,
    /// The map point clicked (a click, not a drag).
    pub clicked_in_map: Option<[f64; 2]>,
    /// The map point double-clicked (its second click is also in `clicked_in_map`).
    pub double_clicked_in_map: Option<[f64; 2]>,
}

/// Something drawn over the layers that may also take drags (e.g. proposed sites in the analysis).
pub trait MapOverlay {
    /// Paints over the layers.
    fn paint(&mut self, painter: &Painter, camera: &Camera, view_in_screen: Rect);
    /// A primary drag starts at `pt_in_map`; returns true to take it (the map then does not pan).
    fn begin_drag(&mut self, pt_in_map: [f64; 2], m_per_px: f64) -> bool;
    /// The drag it took moved to `pt_in_map`.
    fn drag_to(&mut self, pt_in_map: [f64; 2]);
    /// The drag it took ended.
    fn end_drag(&mut self);
}

/// An overlay that draws nothing and takes no drags.
pub struct NoOverlay;

impl MapOverlay for NoOverlay {
    fn paint(&mut self, _painter: &Painter, _camera: &Camera, _view_in_screen: Rect) {}
    fn begin_drag(&mut self, _pt_in_map: [f64; 2], _m_per_px: f64) -> bool {
        false
    }
    fn drag_to(&mut self, _pt_in_map: [f64; 2]) {}
    fn end_drag(&mut self) {}
}

/// The sea colour behind all layers.
pub const SEA_COLOR: Color32 = Color32::from_rgb(198, 224, 240);
const HIGHLIGHT_COLOR: Color32 = Color32::from_rgb(255, 0, 170);
/// Polylines shorter than this on screen are skipped.
const MIN_PAINTED_EXTENT_PX: f32 = 0.6;

/// Lays out the map in the remaining space of `ui`, handles its input and paints `document`.
pub fn map_ui(
    ui: &mut egui::Ui,
    document: &Session,
    camera: &mut Camera,
    cache: &mut MeshCache,
    selection: Option<Selection>,
    overlay: &mut dyn MapOverlay,
) -> MapResponse {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let view_in_screen = response.rect;
    drag_ui(ui, &response, camera, overlay);
    if let Some(pointer) = response.hover_pos() {
        let (scroll_y, pinch) = ui.input(|input| (input.smooth_scroll_delta.y, input.zoom_delta()));
        let factor = f64::from(pinch) * (f64::from(scroll_y) * 0.0025).exp();
        if (factor - 1.0).abs() > 1e-6 {
            camera.zoom_at(view_in_screen, pointer, factor);
        }
    }
    painter.rect_filled(view_in_screen, 0.0, SEA_COLOR);
    let mut visible_items = Vec::new();
    let drawn: Vec<&Layer> = document
        .layers()
        .iter()
        .filter(|layer| layer.visible && layer.opacity > 0.0)
        .collect();
    let view = View {
        painter: &painter,
        camera,
        view_in_screen,
    };
    for layer in &drawn {
        paint_layer(&view, layer, cache.get(layer), &mut visible_items);
    }
    paint_labels(&view, &drawn);
    overlay.paint(&painter, camera, view_in_screen);
    if let Some(selected) = selection
        && let Some(layer) = document.layer(selected.layer)
    {
        paint_highlight(&view, cache.get(layer), selected.feature);
    }
    MapResponse {
        view_in_screen,
        hovered_in_map: response
            .hover_pos()
            .map(|pos| camera.map_from_screen(view_in_screen, pos)),
        clicked_in_map: response
            .clicked()
            .then(|| response.interact_pointer_pos())
            .flatten()
            .map(|pos| camera.map_from_screen(view_in_screen, pos)),
        double_clicked_in_map: response
            .double_clicked()
            .then(|| response.interact_pointer_pos())
            .flatten()
            .map(|pos| camera.map_from_screen(view_in_screen, pos)),
    }
}

/// Pans the map with a drag, unless the overlay takes the drag (remembered in egui's memory for its length).
fn drag_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    camera: &mut Camera,
    overlay: &mut dyn MapOverlay,
) {
    let taken_id = response.id.with("overlay-drag");
    let pointer_in_map = response
        .interact_pointer_pos()
        .map(|pos| camera.map_from_screen(response.rect, pos));
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(start) = response
            .interact_pointer_pos()
            .map(|pos| camera.map_from_screen(response.rect, pos - response.drag_delta()))
    {
        let taken = overlay.begin_drag(start, camera.m_per_px);
        ui.data_mut(|data| data.insert_temp(taken_id, taken));
    }
    let taken = ui
        .data(|data| data.get_temp::<bool>(taken_id))
        .unwrap_or(false);
    if taken {
        if response.dragged()
            && let Some(pt) = pointer_in_map
        {
            overlay.drag_to(pt);
        }
        if response.drag_stopped() {
            overlay.end_drag();
            ui.data_mut(|data| data.insert_temp(taken_id, false));
        }
    } else if response.dragged_by(egui::PointerButton::Primary)
        || response.dragged_by(egui::PointerButton::Middle)
    {
        camera.pan_by(response.drag_delta());
    }
}

struct View<'a> {
    painter: &'a Painter,
    camera: &'a Camera,
    view_in_screen: Rect,
}

/// Outlines narrower than this on screen are skipped on small layers (as they always were).
const MIN_OUTLINE_PX: f32 = MIN_PAINTED_EXTENT_PX;
/// On big layers (those with levels of detail) outlines are drawn only from this size: below it thousands of
/// one-pixel rings would cost egui more than the fills and show nothing but a grey wash. It is the size under
/// which a level draws polygons as coarse 4–6-corner outlines, so those never get a stroke.
const MIN_OUTLINE_PX_BIG_LAYER: f32 = crate::core::lod::coarse::COARSE_PX as f32;

fn paint_layer(view: &View, layer: &Layer, cached: &CachedLayer, visible: &mut Vec<u32>) {
    let fill_slot = view.painter.add(Shape::Noop);
    let big_layer = cached.prepared.levels.len() > 1;
    let mut sink = EguiSink {
        view,
        layer,
        cached,
        fill: Mesh::default(),
        min_outline_px: if big_layer {
            MIN_OUTLINE_PX_BIG_LAYER
        } else {
            MIN_OUTLINE_PX
        },
    };
    cached
        .prepared
        .emit_frame(&frame_view(view), visible, &mut sink);
    let fill = sink.fill;
    view.painter.set(fill_slot, Shape::mesh(fill));
}

/// The core's description of this frame's view.
fn frame_view(view: &View) -> FrameView {
    let center = view.view_in_screen.center();
    FrameView {
        center_in_map: view.camera.center_in_map,
        m_per_px: view.camera.m_per_px,
        center_in_screen: [center.x, center.y],
        size_in_screen: [view.view_in_screen.width(), view.view_in_screen.height()],
    }
}

/// Turns the prepared layer's visible items into one egui fill mesh (coloured per feature) and outline,
/// line and marker shapes.
struct EguiSink<'a> {
    view: &'a View<'a>,
    layer: &'a Layer,
    cached: &'a CachedLayer,
    fill: Mesh,
    min_outline_px: f32,
}

impl FrameSink for EguiSink<'_> {
    fn fill(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        indices: &[u32],
        to_screen: &ScreenTransform,
    ) {
        let Some(colour) = self.cached.fill_colors.get(feature as usize) else {
            return;
        };
        let colour = colour.gamma_multiply(self.layer.opacity);
        if colour.a() == 0 {
            return;
        }
        let base = self.fill.vertices.len() as u32;
        self.fill
            .vertices
            .extend(vertices.iter().map(|vertex| Vertex {
                pos: to_pos(to_screen.apply(*vertex)),
                uv: WHITE_UV,
                color: colour,
            }));
        self.fill
            .indices
            .extend(indices.iter().map(|index| base + index));
    }

    fn path(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        closed: bool,
        to_screen: &ScreenTransform,
    ) {
        let style = &self.layer.style;
        let feature = feature as usize;
        let (Some(fill_colour), Some(stroke_colour)) = (
            self.cached.fill_colors.get(feature),
            self.cached.stroke_colors.get(feature),
        ) else {
            return;
        };
        let opacity = self.layer.opacity;
        let is_line = !closed;
        let line_colour = if is_line && style.categorized.is_some() {
            fill_colour.gamma_multiply(opacity)
        } else {
            stroke_colour.gamma_multiply(opacity)
        };
        let outline = self
            .cached
            .outlines
            .get(feature)
            .copied()
            .unwrap_or(Outline {
                width_px: style.stroke_width_px,
                dash: None,
            });
        if outline.width_px <= 0.0 || line_colour.a() == 0 {
            return;
        }
        // Bounds first (no allocation), so the many outlines too small to draw cost little.
        let mut bounds = Rect::NOTHING;
        for vertex in vertices {
            bounds.extend_with(to_pos(to_screen.apply(*vertex)));
        }
        if bounds.width().max(bounds.height()) < self.min_outline_px
            || !bounds.intersects(self.view.view_in_screen)
        {
            return;
        }
        let points: Vec<Pos2> = vertices
            .iter()
            .map(|vertex| to_pos(to_screen.apply(*vertex)))
            .collect();
        let stroke = Stroke::new(outline.width_px, line_colour);
        paint_outline(self.view.painter, points, closed, stroke, outline.dash);
    }

    fn point(&mut self, feature: u32, pos_in_screen: [f32; 2]) {
        let style = &self.layer.style;
        let feature = feature as usize;
        let opacity = self.layer.opacity;
        let (Some(fill_colour), Some(stroke_colour)) = (
            self.cached.fill_colors.get(feature),
            self.cached.stroke_colors.get(feature),
        ) else {
            return;
        };
        let symbol = self
            .cached
            .symbols
            .get(feature)
            .copied()
            .unwrap_or(style.point_symbol);
        paint_marker(
            self.view.painter,
            to_pos(pos_in_screen),
            symbol,
            style.point_radius_px,
            fill_colour.gamma_multiply(opacity),
            stroke_colour.gamma_multiply(opacity),
        );
    }
}

/// Paints a line through `points` (back to the first when `closed`), solid or dashed.
pub fn paint_outline(
    painter: &Painter,
    mut points: Vec<Pos2>,
    closed: bool,
    stroke: Stroke,
    dash: Option<Dash>,
) {
    match dash {
        Some(dash) => {
            if closed && let Some(first) = points.first().copied() {
                points.push(first);
            }
            let mut dashes = Vec::new();
            Shape::dashed_line_many(&points, stroke, dash.on_px, dash.off_px, &mut dashes);
            painter.extend(dashes);
        }
        None if closed => {
            painter.add(Shape::closed_line(points, stroke));
        }
        None => {
            painter.add(Shape::line(points, stroke));
        }
    }
}

/// Paints `stroke` along the inside of `rect` (the line's middle half a width in), solid or dashed.
pub fn paint_rect_outline(painter: &Painter, rect: Rect, stroke: Stroke, dash: Option<Dash>) {
    let inner = rect.shrink(stroke.width / 2.0);
    let corners = vec![
        inner.left_top(),
        inner.right_top(),
        inner.right_bottom(),
        inner.left_bottom(),
    ];
    paint_outline(painter, corners, true, stroke, dash);
}

fn to_pos(pt: [f32; 2]) -> Pos2 {
    pos2(pt[0], pt[1])
}

/// Paints one point marker.
pub fn paint_marker(
    painter: &Painter,
    centre: Pos2,
    symbol: PointSymbol,
    radius: f32,
    fill: Color32,
    outline: Color32,
) {
    let outline = Stroke::new(1.0, outline);
    match symbol {
        PointSymbol::Circle => {
            painter.circle(centre, radius, fill, outline);
        }
        PointSymbol::Square => {
            painter.rect(
                Rect::from_center_size(centre, vec2(radius * 2.0, radius * 2.0)),
                0.0,
                fill,
                outline,
                egui::StrokeKind::Middle,
            );
        }
        PointSymbol::Triangle => {
            let corners = vec![
                centre + vec2(0.0, -radius * 1.2),
                centre + vec2(radius * 1.1, radius * 0.8),
                centre + vec2(-radius * 1.1, radius * 0.8),
            ];
            painter.add(Shape::convex_polygon(corners, fill, outline));
        }
        PointSymbol::Diamond => {
            let corners = vec![
                centre + vec2(0.0, -radius * 1.3),
                centre + vec2(radius * 1.3, 0.0),
                centre + vec2(0.0, radius * 1.3),
                centre + vec2(-radius * 1.3, 0.0),
            ];
            painter.add(Shape::convex_polygon(corners, fill, outline));
        }
    }
}

/// Label text measured with the map's font. It lays the text out in the colour it is painted in, so painting
/// reuses the galley egui cached here.
struct EguiMeasure<'a> {
    painter: &'a Painter,
    colour: Color32,
}

impl TextMeasure for EguiMeasure<'_> {
    fn measure(&mut self, text: &str, size_px: f32) -> [f32; 2] {
        let size = self
            .painter
            .layout_no_wrap(text.to_owned(), FontId::proportional(size_px), self.colour)
            .size();
        [size.x, size.y]
    }
}

/// Places the labels of `layers` (bottom first) by the core's rules, the same as an exported image's, and
/// paints them over all layers: dark text on a light halo.
fn paint_labels(view: &View, layers: &[&Layer]) {
    let label_view = LabelView::of_frame(&frame_view(view));
    let halo = Color32::from_rgba_unmultiplied(255, 255, 255, 210);
    let mut placer = LabelPlacer::default();
    for layer in layers {
        let colour = Color32::from_rgb(30, 30, 30).gamma_multiply(layer.opacity);
        let mut measure = EguiMeasure {
            painter: view.painter,
            colour,
        };
        for label in place_layer_labels(&mut placer, layer, &label_view, &mut measure) {
            let text_box = label.text_box;
            let rect = Rect::from_min_size(
                pos2(text_box.x, text_box.y),
                vec2(text_box.width, text_box.height),
            );
            view.painter.rect_filled(rect.expand(1.0), 3.0, halo);
            let galley = view.painter.layout_no_wrap(
                label.text,
                FontId::proportional(label.size_px),
                colour,
            );
            view.painter.galley(rect.min, galley, colour);
        }
    }
}

/// Outlines the selected feature with its exact geometry (the prepared layer's exact level, whose items are
/// the features in order).
fn paint_highlight(view: &View, cached: &CachedLayer, feature: usize) {
    let prepared = &cached.prepared;
    let Some(level) = prepared.levels.first() else {
        return;
    };
    let Some(item) = level
        .items
        .get(feature)
        .filter(|item| item.feature as usize == feature)
    else {
        return;
    };
    let to_screen = prepared.screen_transform(&frame_view(view));
    let halo = Stroke::new(5.0, Color32::from_rgba_unmultiplied(255, 255, 255, 200));
    let stroke = Stroke::new(2.5, HIGHLIGHT_COLOR);
    for (vertices, closed) in level.item_paths(item) {
        let points: Vec<Pos2> = vertices
            .iter()
            .map(|vertex| to_pos(to_screen.apply(*vertex)))
            .collect();
        let shape = |stroke| {
            if closed {
                Shape::closed_line(points.clone(), stroke)
            } else {
                Shape::line(points.clone(), stroke)
            }
        };
        view.painter.add(shape(halo));
        view.painter.add(shape(stroke));
    }
    for point in level.item_points(item) {
        let centre = to_pos(to_screen.apply(*point));
        view.painter.circle_stroke(centre, 9.0, halo);
        view.painter.circle_stroke(centre, 9.0, stroke);
    }
}
