//! Feature labels: the value of a layer's label attribute next to each point (or at the interior point of a
//! line or area), dark text with a white halo, placed greedily in feature order and skipped where it would
//! overlap a label already placed or the map furniture.

use geo::{Geometry, InteriorPoint};
use tiny_skia::Pixmap;

use super::blend::{draw_text, faded};
use super::frame::Area;
use super::text::{Fonts, Weight};
use super::viewport::Viewport;
use crate::core::layer::Layer;
use crate::core::style::Rgba;

/// Greedy label placement: a box is taken only when it overlaps nothing taken before.
#[derive(Default)]
pub struct LabelPlacer {
    taken: Vec<Area>,
}

impl LabelPlacer {
    /// A placer where `blocked` boxes (the furniture) are already taken.
    pub fn new(blocked: Vec<Area>) -> Self {
        Self { taken: blocked }
    }

    /// Takes `area` (padded by `padding`) if it is free; true when taken.
    pub fn try_place(&mut self, area: Area, padding: f32) -> bool {
        let padded = area.expanded(padding);
        if self.taken.iter().any(|other| other.intersects(&padded)) {
            return false;
        }
        self.taken.push(padded);
        true
    }
}

/// Draws the labels of `layer` that fit inside `map_area`.
pub fn draw_labels(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    layer: &Layer,
    viewport: &Viewport,
    (scale, map_area): (f32, &Area),
    placer: &mut LabelPlacer,
) {
    let Some(column) = layer
        .style
        .label_field
        .as_deref()
        .and_then(|field| layer.field_position(field))
    else {
        return;
    };
    let size = layer.style.label_size_px * scale;
    if size <= 0.0 {
        return;
    }
    let text_colour = faded(Rgba::rgb(30, 30, 30), layer.opacity);
    let halo = faded(Rgba::with_alpha(255, 255, 255, 225), layer.opacity);
    let mut visible: Vec<usize> = layer.index.query(viewport.visible_rect(0.0)).collect();
    visible.sort_unstable();
    for position in visible {
        let Some(feature) = layer.features.get(position) else {
            continue;
        };
        let text = feature
            .attributes
            .get(column)
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some((anchor, is_point)) = anchor_of(&feature.geometry_in_map) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let [x, y] = viewport.pixel_from_map(anchor);
        let line = fonts.layout(&text, size, Weight::Regular);
        let left = if is_point {
            x as f32 + layer.style.point_radius_px * scale + 3.0 * scale
        } else {
            x as f32 - line.width / 2.0
        };
        let area = Area {
            x: left,
            y: y as f32 - line.height() / 2.0,
            width: line.width,
            height: line.height(),
        };
        if !map_area.contains(&area) || !placer.try_place(area, 2.0 * scale) {
            continue;
        }
        draw_text(
            pixmap,
            fonts,
            &line,
            (area.x, area.y),
            text_colour,
            Some((halo, 2.0 * scale)),
        );
    }
}

/// Where a feature's label goes: its first point, or the interior point of a line or area.
fn anchor_of(geometry: &Geometry) -> Option<([f64; 2], bool)> {
    match geometry {
        Geometry::Point(point) => Some(([point.x(), point.y()], true)),
        Geometry::MultiPoint(points) => points.iter().next().map(|p| ([p.x(), p.y()], true)),
        other => other.interior_point().map(|p| ([p.x(), p.y()], false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_labels_are_refused() {
        let blocked = Area {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 20.0,
        };
        let mut placer = LabelPlacer::new(vec![blocked]);
        let inside = Area {
            x: 50.0,
            y: 5.0,
            width: 30.0,
            height: 10.0,
        };
        assert!(!placer.try_place(inside, 1.0));
        let free = Area { y: 40.0, ..inside };
        assert!(placer.try_place(free, 1.0));
        assert!(!placer.try_place(Area { x: 60.0, ..free }, 1.0));
    }
}
