//! The analysis on the map: covered areas (green) and gaps (red) of the units in view, the proposed sites
//! (orange diamonds with their service circle), and the interaction that adds, selects and drags proposed
//! sites. Shapes come from the session's cache and are triangulated once per change of a unit.

use std::collections::HashMap;

use eframe::egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, Stroke, vec2};
use geo::{Coord, MultiPolygon};

use super::AnalysisState;
use crate::app::camera::Camera;
use crate::app::map_view::MapOverlay;
use crate::core::tessellate::triangulate_multipolygon;

const COVERED_FILL: Color32 = Color32::from_rgba_premultiplied(13, 70, 35, 70);
const GAP_FILL: Color32 = Color32::from_rgba_premultiplied(120, 20, 15, 95);
const GAP_OUTLINE: Color32 = Color32::from_rgb(180, 30, 25);
const PROPOSED_FILL: Color32 = Color32::from_rgb(255, 140, 0);
/// Clicks and drags within this many screen points of a proposed site pick it.
pub const PICK_RADIUS_PX: f64 = 12.0;

/// Triangulated shapes of one unit.
struct UnitMesh {
    covered: (Vec<[f64; 2]>, Vec<u32>),
    gaps: (Vec<[f64; 2]>, Vec<u32>),
    gap_rings: Vec<Vec<[f64; 2]>>,
}

/// Triangulated covered/gap shapes per unit, with the shape generation they were built from.
#[derive(Default)]
pub struct ShapeMeshCache {
    units: HashMap<usize, (u64, UnitMesh)>,
}

impl ShapeMeshCache {
    /// Forgets everything (after a new computation).
    pub fn clear(&mut self) {
        self.units.clear();
    }
}

fn unit_mesh(covered: &MultiPolygon, gaps: &MultiPolygon) -> UnitMesh {
    let gap_rings = gaps
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .map(|ring| ring.coords().map(|coord| [coord.x, coord.y]).collect())
        .collect();
    UnitMesh {
        covered: triangulate_multipolygon(covered),
        gaps: triangulate_multipolygon(gaps),
        gap_rings,
    }
}

fn paint_triangles(
    painter: &Painter,
    to_screen: &dyn Fn([f64; 2]) -> Pos2,
    triangles: &(Vec<[f64; 2]>, Vec<u32>),
    colour: Color32,
) {
    let (vertices, indices) = triangles;
    if indices.is_empty() {
        return;
    }
    let mut mesh = Mesh::default();
    for vertex in vertices {
        mesh.colored_vertex(to_screen(*vertex), colour);
    }
    mesh.indices.extend_from_slice(indices);
    painter.add(Shape::mesh(mesh));
}

impl MapOverlay for AnalysisState {
    fn paint(&mut self, painter: &Painter, camera: &Camera, view_in_screen: Rect) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let visible = camera.visible_map_rect(view_in_screen);
        let to_screen = |pt: [f64; 2]| camera.screen_from_map(view_in_screen, pt);
        for unit in session.units_in(visible) {
            let generation = session.shape_generation(unit);
            let stale = self
                .shape_cache
                .units
                .get(&unit)
                .is_none_or(|(built, _)| *built != generation);
            if stale {
                let Some(Ok(shapes)) = session.unit_shapes(unit) else {
                    continue;
                };
                let mesh = unit_mesh(&shapes.covered, &shapes.gaps);
                self.shape_cache.units.insert(unit, (generation, mesh));
            }
            let Some((_, mesh)) = self.shape_cache.units.get(&unit) else {
                continue;
            };
            paint_triangles(painter, &to_screen, &mesh.covered, COVERED_FILL);
            paint_triangles(painter, &to_screen, &mesh.gaps, GAP_FILL);
            for ring in &mesh.gap_rings {
                let points: Vec<Pos2> = ring.iter().map(|pt| to_screen(*pt)).collect();
                painter.add(Shape::closed_line(points, Stroke::new(1.0, GAP_OUTLINE)));
            }
        }
        for site in session.proposed() {
            let centre = to_screen([site.center.x, site.center.y]);
            let radius_px = (site.radius_m / camera.m_per_px) as f32;
            painter.circle_stroke(centre, radius_px, Stroke::new(2.0, PROPOSED_FILL));
            let selected = self.selected_site == Some(site.id);
            let size = if selected { 10.0 } else { 7.5 };
            let corners = vec![
                centre + vec2(0.0, -size),
                centre + vec2(size, 0.0),
                centre + vec2(0.0, size),
                centre + vec2(-size, 0.0),
            ];
            let outline = if selected {
                Stroke::new(2.5, Color32::BLACK)
            } else {
                Stroke::new(1.5, Color32::from_rgb(90, 40, 0))
            };
            painter.add(Shape::convex_polygon(corners, PROPOSED_FILL, outline));
        }
    }

    fn begin_drag(&mut self, pt_in_map: [f64; 2], m_per_px: f64) -> bool {
        if !self.editing {
            return false;
        }
        let Some(session) = &self.session else {
            return false;
        };
        let at = Coord {
            x: pt_in_map[0],
            y: pt_in_map[1],
        };
        match session.proposed_near(at, PICK_RADIUS_PX * m_per_px) {
            Some(id) => {
                let from = session
                    .proposed()
                    .find(|site| site.id == id)
                    .map_or(at, |site| site.center);
                self.dragging = Some((id, from));
                self.selected_site = Some(id);
                true
            }
            None => false,
        }
    }

    fn drag_to(&mut self, pt_in_map: [f64; 2]) {
        if let (Some((id, _)), Some(session)) = (self.dragging, self.session.as_mut()) {
            // A move to a finite map point cannot fail; the model keeps the old position otherwise.
            let _ = session.preview_move(
                id,
                Coord {
                    x: pt_in_map[0],
                    y: pt_in_map[1],
                },
            );
        }
    }

    fn end_drag(&mut self) {
        if let (Some((id, from)), Some(session)) = (self.dragging.take(), &self.session)
            && let Some(to) = session
                .proposed()
                .find(|site| site.id == id)
                .map(|site| site.center)
            && to != from
        {
            self.finished_move = Some((id, to));
        }
    }
}
