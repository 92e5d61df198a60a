//! Drawing one layer's features: the features its index says touch the image, each in its style's colours
//! (per category when categorized), polygons with holes filled even-odd, lines stroked, points as markers.
//! Geometry is clipped to just beyond the image and thinned to a third of a pixel before rasterising.

use geo::{Coord, Geometry, LineString, Polygon};
use tiny_skia::{FillRule, LineCap, LineJoin, PathBuilder, Pixmap, Stroke, StrokeDash, Transform};

use super::blend::{faded, fill_and_outline, solid};
use super::clip::{PixelRect, clip_polyline, clip_ring, decimate};
use super::marker::marker_path;
use super::viewport::Viewport;
use crate::core::layer::Layer;
use crate::core::style::{Dash, PointSymbol, Rgba};

/// Vertices closer than this (in pixels) to the previous one are skipped.
const MIN_STEP_PX: f64 = 0.35;

/// The colours and sizes of one feature, resolved from its layer's style.
struct FeatureLook {
    fill: Rgba,
    outline: Rgba,
    line: Rgba,
    stroke_width: f32,
    /// The outline's or line's dash pattern in pixels; solid when `None`.
    dash: Option<Dash>,
    symbol: PointSymbol,
    point_radius: f32,
    marker_outline_width: f32,
}

/// Draws the visible features of `layer`; `scale` multiplies stroke widths and marker sizes.
pub fn draw_layer(pixmap: &mut Pixmap, layer: &Layer, viewport: &Viewport, scale: f32) {
    let style = &layer.style;
    let widest_outline_px = style
        .categorized
        .iter()
        .flat_map(|categorized| &categorized.categories)
        .filter_map(|category| category.outline_width_px)
        .filter(|width| width.is_finite())
        .fold(style.stroke_width_px, f32::max);
    let margin_px = f64::from(
        (widest_outline_px.max(1.0) + style.point_radius_px * 1.5) * scale.max(0.1) + 2.0,
    );
    let bounds = PixelRect {
        min_x: -margin_px,
        min_y: -margin_px,
        max_x: f64::from(viewport.width_px) + margin_px,
        max_y: f64::from(viewport.height_px) + margin_px,
    };
    let mut visible: Vec<usize> = layer
        .index
        .query(viewport.visible_rect(margin_px))
        .collect();
    visible.sort_unstable();
    for position in visible {
        let Some(feature) = layer.features.get(position) else {
            continue;
        };
        let fill = faded(layer.fill_of(position), layer.opacity);
        let outline = faded(layer.stroke_of(position), layer.opacity);
        let outline_look = layer.outline_of(position);
        let look = FeatureLook {
            fill,
            outline,
            line: if style.categorized.is_some() {
                fill
            } else {
                outline
            },
            stroke_width: outline_look.width_px * scale,
            dash: outline_look.dash.map(|dash| Dash {
                on_px: dash.on_px * scale,
                off_px: dash.off_px * scale,
            }),
            symbol: layer.symbol_of(position),
            point_radius: style.point_radius_px * scale,
            marker_outline_width: scale,
        };
        let painter = GeometryPainter {
            viewport,
            bounds: &bounds,
            look: &look,
        };
        painter.draw(pixmap, &feature.geometry_in_map);
    }
}

struct GeometryPainter<'a> {
    viewport: &'a Viewport,
    bounds: &'a PixelRect,
    look: &'a FeatureLook,
}

impl GeometryPainter<'_> {
    fn draw(&self, pixmap: &mut Pixmap, geometry: &Geometry) {
        match geometry {
            Geometry::Point(point) => self.draw_point(pixmap, point.0),
            Geometry::MultiPoint(points) => points
                .iter()
                .for_each(|point| self.draw_point(pixmap, point.0)),
            Geometry::Line(line) => {
                self.draw_lines(pixmap, &[LineString::from(vec![line.start, line.end])])
            }
            Geometry::LineString(line) => self.draw_lines(pixmap, std::slice::from_ref(line)),
            Geometry::MultiLineString(lines) => self.draw_lines(pixmap, &lines.0),
            Geometry::Polygon(polygon) => self.draw_polygons(pixmap, std::slice::from_ref(polygon)),
            Geometry::MultiPolygon(polygons) => self.draw_polygons(pixmap, &polygons.0),
            Geometry::Rect(rect) => self.draw_polygons(pixmap, &[rect.to_polygon()]),
            Geometry::Triangle(triangle) => self.draw_polygons(pixmap, &[triangle.to_polygon()]),
            Geometry::GeometryCollection(collection) => {
                collection.iter().for_each(|part| self.draw(pixmap, part))
            }
        }
    }

    fn to_pixels(&self, line: &LineString) -> Vec<[f64; 2]> {
        line.coords()
            .map(|coord| self.viewport.pixel_from_map([coord.x, coord.y]))
            .collect()
    }

    fn draw_polygons(&self, pixmap: &mut Pixmap, polygons: &[Polygon]) {
        let mut pb = PathBuilder::new();
        for polygon in polygons {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let clipped = clip_ring(&self.to_pixels(ring), self.bounds);
                let thinned = decimate(&clipped, MIN_STEP_PX);
                if thinned.len() < 3 {
                    continue;
                }
                add_points(&mut pb, &thinned);
                pb.close();
            }
        }
        let Some(path) = pb.finish() else {
            return;
        };
        if let Some(paint) = solid(self.look.fill) {
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::EvenOdd,
                Transform::identity(),
                None,
            );
        }
        if self.look.stroke_width > 0.0
            && let Some(paint) = solid(self.look.outline)
        {
            pixmap.stroke_path(
                &path,
                &paint,
                &line_stroke(self.look.stroke_width, self.look.dash),
                Transform::identity(),
                None,
            );
        }
    }

    fn draw_lines(&self, pixmap: &mut Pixmap, lines: &[LineString]) {
        if self.look.stroke_width <= 0.0 {
            return;
        }
        let Some(paint) = solid(self.look.line) else {
            return;
        };
        let mut pb = PathBuilder::new();
        for line in lines {
            for run in clip_polyline(&self.to_pixels(line), self.bounds) {
                let thinned = decimate(&run, MIN_STEP_PX);
                if thinned.len() >= 2 {
                    add_points(&mut pb, &thinned);
                }
            }
        }
        if let Some(path) = pb.finish() {
            pixmap.stroke_path(
                &path,
                &paint,
                &line_stroke(self.look.stroke_width, self.look.dash),
                Transform::identity(),
                None,
            );
        }
    }

    fn draw_point(&self, pixmap: &mut Pixmap, coord: Coord) {
        let [x, y] = self.viewport.pixel_from_map([coord.x, coord.y]);
        let inside = x >= self.bounds.min_x
            && x <= self.bounds.max_x
            && y >= self.bounds.min_y
            && y <= self.bounds.max_y;
        if !inside {
            return;
        }
        if let Some(path) = marker_path(
            self.look.symbol,
            [x as f32, y as f32],
            self.look.point_radius,
        ) {
            fill_and_outline(
                pixmap,
                &path,
                self.look.fill,
                Some((self.look.outline, self.look.marker_outline_width)),
            );
        }
    }
}

fn add_points(pb: &mut PathBuilder, points: &[[f64; 2]]) {
    let mut iter = points.iter();
    if let Some(first) = iter.next() {
        pb.move_to(first[0] as f32, first[1] as f32);
    }
    for p in iter {
        pb.line_to(p[0] as f32, p[1] as f32);
    }
}

/// A round-capped stroke of `width` pixels, dashed when `dash` is given (butt caps then, so gaps stay open).
fn line_stroke(width: f32, dash: Option<Dash>) -> Stroke {
    let dash = dash.and_then(|dash| StrokeDash::new(vec![dash.on_px, dash.off_px], 0.0));
    Stroke {
        width,
        line_cap: if dash.is_some() {
            LineCap::Butt
        } else {
            LineCap::Round
        },
        line_join: LineJoin::Round,
        dash,
        ..Stroke::default()
    }
}
