//! The map canvas: input (drag to pan, wheel to zoom at the cursor, click to identify) and painting.
//!
//! Each visible layer asks its index which features touch the view, then paints only those from the cached
//! tessellation: triangles for fills, polylines for outlines and lines, markers for points, then labels with
//! simple collision avoidance and the highlight of the selected feature on top.

use eframe::egui::{self, Color32, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use super::camera::Camera;
use super::mesh_cache::{CachedLayer, MeshCache};
use crate::core::document::Document;
use crate::core::geometry::dimension;
use crate::core::layer::{Layer, LayerId};
use crate::core::style::PointSymbol;

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
    document: &Document,
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
    let visible_in_map = camera.visible_map_rect(view_in_screen);
    let mut labels = LabelPlacer::default();
    for layer in document
        .layers()
        .iter()
        .filter(|layer| layer.visible && layer.opacity > 0.0)
    {
        let mut visible: Vec<usize> = layer.index.query(visible_in_map).collect();
        visible.sort_unstable();
        let cached = cache.get(layer);
        let view = View {
            painter: &painter,
            camera,
            view_in_screen,
        };
        paint_layer(&view, layer, cached, &visible);
        paint_labels(&view, layer, cached, &visible, &mut labels);
    }
    overlay.paint(&painter, camera, view_in_screen);
    if let Some(selected) = selection
        && let Some(layer) = document.layer(selected.layer)
    {
        let view = View {
            painter: &painter,
            camera,
            view_in_screen,
        };
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

impl View<'_> {
    fn to_screen(&self, pt_in_map: [f64; 2]) -> Pos2 {
        self.camera.screen_from_map(self.view_in_screen, pt_in_map)
    }
}

fn paint_layer(view: &View, layer: &Layer, cached: &CachedLayer, visible: &[usize]) {
    let mesh_data = &cached.mesh;
    let style = &layer.style;
    let opacity = layer.opacity;
    let mut fill = Mesh::default();
    for &feature in visible {
        let (Some(parts), Some(colour)) = (
            mesh_data.features.get(feature),
            cached.fill_colors.get(feature),
        ) else {
            continue;
        };
        let colour = colour.gamma_multiply(opacity);
        if colour.a() == 0 || parts.fill_indices.is_empty() {
            continue;
        }
        let base = fill.vertices.len() as u32;
        let vertices = mesh_data
            .fill_vertices
            .get(parts.fill_vertices.start as usize..parts.fill_vertices.end as usize)
            .unwrap_or_default();
        for vertex in vertices {
            fill.colored_vertex(view.to_screen(*vertex), colour);
        }
        let indices = mesh_data
            .fill_indices
            .get(parts.fill_indices.start as usize..parts.fill_indices.end as usize)
            .unwrap_or_default();
        fill.indices.extend(
            indices
                .iter()
                .map(|index| base + (index - parts.fill_vertices.start)),
        );
    }
    view.painter.add(Shape::mesh(fill));

    for &feature in visible {
        let (Some(parts), Some(fill_colour), Some(stroke_colour)) = (
            mesh_data.features.get(feature),
            cached.fill_colors.get(feature),
            cached.stroke_colors.get(feature),
        ) else {
            continue;
        };
        let is_line = layer
            .features
            .get(feature)
            .is_some_and(|feature| dimension(&feature.geometry_in_map) == 1);
        let stroke_colour = stroke_colour.gamma_multiply(opacity);
        let line_colour = if is_line && style.categorized.is_some() {
            fill_colour.gamma_multiply(opacity)
        } else {
            stroke_colour
        };
        if style.stroke_width_px > 0.0 && line_colour.a() > 0 {
            let stroke = Stroke::new(style.stroke_width_px, line_colour);
            for (coords, closed) in mesh_data.feature_polylines(parts) {
                paint_polyline(view, coords, closed, stroke);
            }
        }
        let marker_colour = fill_colour.gamma_multiply(opacity);
        let symbol = cached
            .symbols
            .get(feature)
            .copied()
            .unwrap_or(style.point_symbol);
        for point in mesh_data.feature_points(parts) {
            let centre = view.to_screen(*point);
            paint_marker(
                view.painter,
                centre,
                symbol,
                style.point_radius_px,
                marker_colour,
                stroke_colour,
            );
        }
    }
}

fn paint_polyline(view: &View, coords: &[[f64; 2]], closed: bool, stroke: Stroke) {
    let points: Vec<Pos2> = coords.iter().map(|coord| view.to_screen(*coord)).collect();
    let bounds = Rect::from_points(&points);
    if bounds.width().max(bounds.height()) < MIN_PAINTED_EXTENT_PX
        || !bounds.intersects(view.view_in_screen)
    {
        return;
    }
    if closed {
        view.painter.add(Shape::closed_line(points, stroke));
    } else {
        view.painter.add(Shape::line(points, stroke));
    }
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

/// Places labels greedily, skipping any that would overlap one already placed.
#[derive(Default)]
struct LabelPlacer {
    placed: Vec<Rect>,
}

impl LabelPlacer {
    fn try_place(&mut self, rect: Rect) -> bool {
        let padded = rect.expand(2.0);
        if self.placed.iter().any(|other| other.intersects(padded)) {
            return false;
        }
        self.placed.push(padded);
        true
    }
}

fn paint_labels(
    view: &View,
    layer: &Layer,
    cached: &CachedLayer,
    visible: &[usize],
    placer: &mut LabelPlacer,
) {
    let Some(field) = layer.style.label_field.as_deref() else {
        return;
    };
    let Some(column) = layer.field_position(field) else {
        return;
    };
    let font = egui::FontId::proportional(layer.style.label_size_px);
    let text_colour = Color32::from_rgb(30, 30, 30).gamma_multiply(layer.opacity);
    let halo = Color32::from_rgba_unmultiplied(255, 255, 255, 210);
    for &feature in visible {
        let Some(anchor) = label_anchor(cached, feature) else {
            continue;
        };
        let text = layer
            .features
            .get(feature)
            .and_then(|feature| feature.attributes.get(column))
            .map(ToString::to_string)
            .unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        let anchor = view.to_screen(anchor);
        let galley = view.painter.layout_no_wrap(text, font.clone(), text_colour);
        let offset = layer.style.point_radius_px + 3.0;
        let rect = Rect::from_min_size(
            pos2(anchor.x + offset, anchor.y - galley.size().y / 2.0),
            galley.size(),
        );
        if !view.view_in_screen.contains_rect(rect) || !placer.try_place(rect) {
            continue;
        }
        view.painter.rect_filled(rect.expand(1.0), 3.0, halo);
        view.painter.galley(rect.min, galley, text_colour);
    }
}

fn label_anchor(cached: &CachedLayer, feature: usize) -> Option<[f64; 2]> {
    let parts = cached.mesh.features.get(feature)?;
    cached.mesh.points.get(parts.points.start as usize).copied()
}

fn paint_highlight(view: &View, cached: &CachedLayer, feature: usize) {
    let Some(parts) = cached.mesh.features.get(feature) else {
        return;
    };
    let mesh_data = &cached.mesh;
    let halo = Stroke::new(5.0, Color32::from_rgba_unmultiplied(255, 255, 255, 200));
    let stroke = Stroke::new(2.5, HIGHLIGHT_COLOR);
    for (coords, closed) in mesh_data.feature_polylines(parts) {
        let points: Vec<Pos2> = coords.iter().map(|coord| view.to_screen(*coord)).collect();
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
    for point in mesh_data.feature_points(parts) {
        let centre = view.to_screen(*point);
        view.painter.circle_stroke(centre, 9.0, halo);
        view.painter.circle_stroke(centre, 9.0, stroke);
    }
}
