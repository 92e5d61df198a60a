//! Drawing a slide's quick annotations — arrows, circles and free text placed in map coordinates — over the
//! rendered map, so an exported slide shows what was drawn on it in the workshop.

use tiny_skia::{LineCap, LineJoin, PathBuilder, Pixmap, Stroke, Transform};

use super::blend::{draw_text, solid};
use super::text::{Fonts, Weight};
use super::viewport::Viewport;
use crate::core::project::Annotation;
use crate::core::style::Rgba;

/// The halo behind annotation text, so it reads over any map colour.
const TEXT_HALO: Rgba = Rgba::with_alpha(255, 255, 255, 230);

/// Draws `annotations` at their map places; `scale` is pixels per UI point (widths and sizes are in points).
pub fn draw_annotations(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    annotations: &[Annotation],
    viewport: &Viewport,
    scale: f32,
) {
    for annotation in annotations {
        match annotation {
            Annotation::Arrow {
                from_in_map,
                to_in_map,
                colour,
                width_px,
            } => {
                let from = pixel(viewport, *from_in_map);
                let to = pixel(viewport, *to_in_map);
                draw_arrow(pixmap, from, to, *colour, width_px * scale);
            }
            Annotation::Circle {
                center_in_map,
                radius_m,
                colour,
                width_px,
            } => {
                let centre = pixel(viewport, *center_in_map);
                let radius = (radius_m / viewport.m_per_px) as f32;
                if let Some(path) = PathBuilder::from_circle(centre[0], centre[1], radius.max(1.0))
                {
                    stroke_path(pixmap, &path, *colour, width_px * scale);
                }
            }
            Annotation::Text {
                position_in_map,
                text,
                colour,
                size_px,
            } => {
                let top_left = pixel(viewport, *position_in_map);
                let line = fonts.layout(text, size_px * scale, Weight::SemiBold);
                draw_text(
                    pixmap,
                    fonts,
                    &line,
                    (top_left[0], top_left[1]),
                    *colour,
                    Some((TEXT_HALO, 2.0 * scale)),
                );
            }
        }
    }
}

fn pixel(viewport: &Viewport, pt_in_map: [f64; 2]) -> [f32; 2] {
    let [x, y] = viewport.pixel_from_map(pt_in_map);
    [x as f32, y as f32]
}

/// The two barbs of an arrow head at `to` for a shaft coming from `from`, each `length` long.
pub fn arrow_head(from: [f32; 2], to: [f32; 2], length: f32) -> Option<[[f32; 2]; 2]> {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let shaft = (dx * dx + dy * dy).sqrt();
    if shaft < 1e-3 {
        return None;
    }
    let (ux, uy) = (dx / shaft, dy / shaft);
    let (cos, sin) = (0.5_f32.cos(), 0.5_f32.sin());
    let barb = |sign: f32| {
        let (bx, by) = (ux * cos - uy * sin * sign, uy * cos + ux * sin * sign);
        [to[0] - bx * length, to[1] - by * length]
    };
    Some([barb(1.0), barb(-1.0)])
}

fn draw_arrow(pixmap: &mut Pixmap, from: [f32; 2], to: [f32; 2], colour: Rgba, width: f32) {
    let mut builder = PathBuilder::new();
    builder.move_to(from[0], from[1]);
    builder.line_to(to[0], to[1]);
    if let Some([left, right]) = arrow_head(from, to, (width * 4.0).max(8.0)) {
        builder.move_to(left[0], left[1]);
        builder.line_to(to[0], to[1]);
        builder.line_to(right[0], right[1]);
    }
    if let Some(path) = builder.finish() {
        stroke_path(pixmap, &path, colour, width);
    }
}

fn stroke_path(pixmap: &mut Pixmap, path: &tiny_skia::Path, colour: Rgba, width: f32) {
    let Some(paint) = solid(colour) else {
        return;
    };
    let stroke = Stroke {
        width: width.max(0.5),
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    pixmap.stroke_path(path, &paint, &stroke, Transform::identity(), None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrow_head_points_back_along_the_shaft() {
        let [left, right] = arrow_head([0.0, 0.0], [100.0, 0.0], 10.0).expect("a shaft");
        assert!(left[0] < 100.0 && right[0] < 100.0);
        assert!(
            (left[1] + right[1]).abs() < 1e-4,
            "symmetric: {left:?} {right:?}"
        );
        assert!(arrow_head([5.0, 5.0], [5.0, 5.0], 10.0).is_none());
    }
}
