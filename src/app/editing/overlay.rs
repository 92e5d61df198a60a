//! Drawing the editing tools over the map and handing them its drags: the drawing in progress with a rubber
//! band to the pointer, the selected feature's vertices (the chosen one ringed), a dragged vertex or feature
//! as it would become, and the snap marker where a click would land — a square on a vertex, a diamond on an
//! edge — before the click is made.

use eframe::egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};
use geo::{Coord, CoordsIter, Geometry};

use super::tools::{Drag, EditTarget, EditTool, EditorState};
use crate::app::camera::Camera;
use crate::app::map_view::MapOverlay;
use crate::core::editing::vertex::for_each_vertex;
use crate::core::editing::{SnapKind, move_vertex, translate};

const DRAFT_COLOUR: Color32 = Color32::from_rgb(230, 80, 0);
const VERTEX_COLOUR: Color32 = Color32::from_rgb(20, 60, 200);
const SNAP_COLOUR: Color32 = Color32::from_rgb(255, 0, 170);

/// The editor as the map's overlay for one frame.
pub struct EditOverlay<'a> {
    /// Where it edits.
    pub target: EditTarget<'a>,
    /// The tools' state.
    pub state: &'a mut EditorState,
}

impl MapOverlay for EditOverlay<'_> {
    fn paint(&mut self, painter: &Painter, camera: &Camera, view_in_screen: Rect) {
        let to_screen = |pt: Coord| camera.screen_from_map(view_in_screen, [pt.x, pt.y]);
        let hover = painter
            .ctx()
            .pointer_hover_pos()
            .filter(|pos| view_in_screen.contains(*pos))
            .map(|pos| camera.map_from_screen(view_in_screen, pos))
            .map(|pt| Coord { x: pt[0], y: pt[1] });
        if self.state.tool == EditTool::Vertices
            && let Some(feature) = self.target.selected
            && let Some(source) = self.target.layer.features.get(feature)
        {
            paint_vertices(
                painter,
                &source.geometry_in_map,
                self.state,
                feature,
                &to_screen,
            );
        }
        paint_drag(painter, self.target, self.state, &to_screen);
        paint_draft(
            painter,
            &self.state.draft,
            hover,
            self.state.tool,
            &to_screen,
        );
        if self.state.drag.is_none()
            && self.state.tool != EditTool::Select
            && let Some(pt) = hover
            && let Some(snap) = self.target.snap(pt, camera.m_per_px, None)
        {
            paint_snap(painter, to_screen(snap.point), snap.kind);
        }
    }

    fn begin_drag(&mut self, pt_in_map: [f64; 2], m_per_px: f64) -> bool {
        let pt = Coord {
            x: pt_in_map[0],
            y: pt_in_map[1],
        };
        self.state.begin_drag(self.target, pt, m_per_px)
    }

    fn drag_to(&mut self, pt_in_map: [f64; 2]) {
        let pt = Coord {
            x: pt_in_map[0],
            y: pt_in_map[1],
        };
        self.state.drag_to(self.target, pt);
    }

    fn end_drag(&mut self) {
        self.state.end_drag(self.target);
    }
}

/// The selected feature's vertices as small squares, the chosen one ringed.
fn paint_vertices(
    painter: &Painter,
    geometry: &Geometry,
    state: &EditorState,
    feature: usize,
    to_screen: &impl Fn(Coord) -> Pos2,
) {
    if geometry.coords_count() > 5_000 {
        return;
    }
    for_each_vertex(geometry, |vertex, pt| {
        let at = to_screen(pt);
        painter.rect_filled(
            Rect::from_center_size(at, vec2(7.0, 7.0)),
            1.0,
            Color32::WHITE,
        );
        painter.rect_stroke(
            Rect::from_center_size(at, vec2(7.0, 7.0)),
            1.0,
            Stroke::new(1.5, VERTEX_COLOUR),
            eframe::egui::StrokeKind::Middle,
        );
        if state.chosen_vertex == Some((feature, vertex)) {
            painter.circle_stroke(at, 8.0, Stroke::new(2.0, SNAP_COLOUR));
        }
    });
}

/// The dragged vertex's or feature's shape as it would become.
fn paint_drag(
    painter: &Painter,
    target: EditTarget,
    state: &EditorState,
    to_screen: &impl Fn(Coord) -> Pos2,
) {
    let preview = match state.drag {
        Some(Drag::Vertex {
            feature,
            vertex,
            to,
        }) => target
            .layer
            .features
            .get(feature)
            .and_then(|source| move_vertex(&source.geometry_in_map, vertex, to).ok()),
        Some(Drag::Feature { feature, from, to }) => {
            target.layer.features.get(feature).and_then(|source| {
                translate(&source.geometry_in_map, to.x - from.x, to.y - from.y).ok()
            })
        }
        None => None,
    };
    if let Some(geometry) = preview {
        stroke_geometry(
            painter,
            &geometry,
            Stroke::new(2.0, DRAFT_COLOUR),
            to_screen,
        );
    }
    if let Some(Drag::Vertex { to, .. }) = state.drag {
        painter.circle_filled(to_screen(to), 4.5, DRAFT_COLOUR);
    }
}

/// The vertices clicked so far, joined, with a dashed rubber band to the pointer.
fn paint_draft(
    painter: &Painter,
    draft: &[Coord],
    hover: Option<Coord>,
    tool: EditTool,
    to_screen: &impl Fn(Coord) -> Pos2,
) {
    if draft.is_empty() {
        return;
    }
    let points: Vec<Pos2> = draft.iter().map(|pt| to_screen(*pt)).collect();
    let stroke = Stroke::new(2.0, DRAFT_COLOUR);
    painter.add(Shape::line(points.clone(), stroke));
    if let (Some(last), Some(pointer)) = (points.last(), hover) {
        painter.add(Shape::dashed_line(
            &[*last, to_screen(pointer)],
            Stroke::new(1.5, DRAFT_COLOUR),
            6.0,
            4.0,
        ));
        if tool == EditTool::Add
            && points.len() >= 2
            && let Some(first) = points.first()
        {
            painter.add(Shape::dashed_line(
                &[to_screen(pointer), *first],
                Stroke::new(1.0, DRAFT_COLOUR.gamma_multiply(0.6)),
                6.0,
                4.0,
            ));
        }
    }
    for point in points {
        painter.circle_filled(point, 3.5, DRAFT_COLOUR);
    }
}

/// Where a click would land: a square on a vertex, a diamond on an edge.
fn paint_snap(painter: &Painter, at: Pos2, kind: SnapKind) {
    let stroke = Stroke::new(2.0, SNAP_COLOUR);
    match kind {
        SnapKind::Vertex => {
            painter.rect_stroke(
                Rect::from_center_size(at, vec2(12.0, 12.0)),
                0.0,
                stroke,
                eframe::egui::StrokeKind::Middle,
            );
        }
        SnapKind::Edge => {
            let corners = vec![
                pos2(at.x, at.y - 7.0),
                pos2(at.x + 7.0, at.y),
                pos2(at.x, at.y + 7.0),
                pos2(at.x - 7.0, at.y),
            ];
            painter.add(Shape::closed_line(corners, stroke));
        }
    }
}

/// The outlines of a geometry's rings and lines, and its points as dots.
fn stroke_geometry(
    painter: &Painter,
    geometry: &Geometry,
    stroke: Stroke,
    to_screen: &impl Fn(Coord) -> Pos2,
) {
    let line = |coords: &mut dyn Iterator<Item = Coord>| {
        let points: Vec<Pos2> = coords.map(to_screen).collect();
        painter.add(Shape::line(points, stroke));
    };
    match geometry {
        Geometry::Point(point) => {
            painter.circle_stroke(to_screen(point.0), 6.0, stroke);
        }
        Geometry::MultiPoint(points) => {
            for point in points {
                painter.circle_stroke(to_screen(point.0), 6.0, stroke);
            }
        }
        Geometry::LineString(string) => line(&mut string.coords().copied()),
        Geometry::MultiLineString(strings) => {
            for string in strings {
                line(&mut string.coords().copied());
            }
        }
        Geometry::Polygon(polygon) => {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                line(&mut ring.coords().copied());
            }
        }
        Geometry::MultiPolygon(polygons) => {
            for polygon in polygons {
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    line(&mut ring.coords().copied());
                }
            }
        }
        _ => {}
    }
}
