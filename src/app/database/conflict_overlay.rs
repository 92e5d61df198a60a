//! The server's version of each conflicting row drawn over the map while the conflicts panel is open: a
//! dashed orange outline (a white halo under it so it reads on any fill), thicker for the row framed, with a
//! small tag. Mine is outlined in the selection's magenta (the framed row is also selected, so highlighted as
//! usual).

use eframe::egui::{self, Color32, Painter, Pos2, Rect, Shape, Stroke};
use geo::{BoundingRect, Geometry};

use crate::app::AtlasApp;
use crate::app::camera::Camera;

/// The colour of the server's version.
pub const THEIRS_COLOUR: Color32 = Color32::from_rgb(235, 120, 0);
/// The colour of this planner's version (the map's selection colour).
pub const MINE_COLOUR: Color32 = Color32::from_rgb(255, 0, 170);

impl AtlasApp {
    /// Paints the server's version of the conflicting rows over the map view `view`.
    pub(crate) fn paint_conflicts(&self, painter: &Painter, view: Rect) {
        let Some(panel) = self.db_save.conflicts.as_ref() else {
            return;
        };
        let tag = self.lang().db_save_texts().server_version_tag;
        let layer = self.session.layer(panel.layer);
        for (position, row) in panel.rows.iter().enumerate() {
            if row.settled.is_some() {
                continue;
            }
            let mine = row.conflict.record.and_then(|record| {
                layer?
                    .features
                    .iter()
                    .find(|feature| feature.source_record == Some(record))
            });
            if let Some(mine) = mine {
                let stroke = Stroke::new(2.0, MINE_COLOUR);
                paint_outline(
                    painter,
                    &self.camera,
                    view,
                    &mine.geometry_in_map,
                    stroke,
                    false,
                );
            }
            let Some(theirs) = row.conflict.theirs.as_ref() else {
                continue;
            };
            let geometry = &theirs.values.geometry_in_map;
            let focused = panel.focused == Some(position);
            let width = if focused { 3.0 } else { 2.0 };
            let stroke = Stroke::new(width, THEIRS_COLOUR);
            paint_outline(painter, &self.camera, view, geometry, stroke, true);
            if focused && let Some(bbox) = geometry.bounding_rect() {
                let corner = self
                    .camera
                    .screen_from_map(view, [bbox.min().x, bbox.max().y]);
                let text = format!("{tag} · {}", row.conflict.key);
                let galley =
                    painter.layout_no_wrap(text, egui::FontId::proportional(13.0), Color32::WHITE);
                let at = corner + egui::vec2(0.0, -galley.size().y - 6.0);
                let back = Rect::from_min_size(at, galley.size()).expand(3.0);
                painter.rect_filled(back, 3.0, THEIRS_COLOUR);
                painter.galley(at, galley, Color32::WHITE);
            }
        }
    }
}

/// The outline of `geometry` (points as rings) over a white halo, dashed or solid.
fn paint_outline(
    painter: &Painter,
    camera: &Camera,
    view: Rect,
    geometry: &Geometry,
    stroke: Stroke,
    dashed: bool,
) {
    let to_screen = |coord: geo::Coord| camera.screen_from_map(view, [coord.x, coord.y]);
    let halo = Stroke::new(stroke.width + 2.0, Color32::from_white_alpha(200));
    let line = |points: Vec<Pos2>| {
        painter.add(Shape::line(points.clone(), halo));
        if dashed {
            painter.extend(Shape::dashed_line(&points, stroke, 9.0, 5.0));
        } else {
            painter.add(Shape::line(points, stroke));
        }
    };
    let point = |at: Pos2| {
        painter.circle_stroke(at, 8.0, halo);
        painter.circle_stroke(at, 8.0, stroke);
    };
    match geometry {
        Geometry::Point(pt) => point(to_screen(pt.0)),
        Geometry::MultiPoint(points) => points.iter().for_each(|pt| point(to_screen(pt.0))),
        Geometry::LineString(string) => line(string.coords().copied().map(to_screen).collect()),
        Geometry::MultiLineString(strings) => {
            for string in strings {
                line(string.coords().copied().map(to_screen).collect());
            }
        }
        Geometry::Polygon(polygon) => {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                line(ring.coords().copied().map(to_screen).collect());
            }
        }
        Geometry::MultiPolygon(polygons) => {
            for polygon in polygons {
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    line(ring.coords().copied().map(to_screen).collect());
                }
            }
        }
        Geometry::GeometryCollection(parts) => {
            for part in parts {
                paint_outline(painter, camera, view, part, stroke, dashed);
            }
        }
        _ => {}
    }
}
