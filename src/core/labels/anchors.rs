//! Where a feature's label may go, in pixels of the view: a point's own position (the label then sits beside
//! its marker); the middle of the longest part of a line that is in view, else other places along that part;
//! an interior point of an area (of the part in view when the whole area's interior point is outside it).
//! Each anchor comes with the room the feature offers there, so a label longer than its line, or wider than
//! its area, is left out.

use geo::algorithm::bool_ops::BooleanOps;
use geo::{BoundingRect, Coord, Geometry, InteriorPoint, LineString, Point, Polygon, Rect};

use super::LabelView;
use crate::core::pixel_box::{PixelRect, clip_polyline};

/// What a label is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorKind {
    /// A point: the label sits beside the marker.
    Point,
    /// A line: the label is centred on its longest visible part, at the middle if free.
    Line,
    /// An area: the label is centred on an interior point.
    Area,
}

/// Where one feature's label may go.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// The positions, best first, pixels: one for a point or an area; for a line, the middle of its longest
    /// visible part and then places farther from the middle along it.
    pub at_px: Vec<[f64; 2]>,
    /// What it is attached to.
    pub kind: AnchorKind,
    /// The room the feature offers, pixels: a line's visible length (and no height limit), an area's visible
    /// width and height; unlimited for a point.
    pub room_px: [f64; 2],
}

/// The anchor of `geometry` in `view`, or `None` when no part of it is in view or it offers less room than
/// `min_room_px` (cheap checks first: the exact anchor is only computed for features big enough on screen).
pub fn anchor_of(geometry: &Geometry, view: &LabelView, min_room_px: [f64; 2]) -> Option<Anchor> {
    match geometry {
        Geometry::Point(point) => point_anchor(std::iter::once(point.0), view),
        Geometry::MultiPoint(points) => point_anchor(points.iter().map(|point| point.0), view),
        Geometry::Line(line) => line_anchor(
            std::iter::once(&LineString::new(vec![line.start, line.end])),
            view,
            min_room_px,
        ),
        Geometry::LineString(line) => line_anchor(std::iter::once(line), view, min_room_px),
        Geometry::MultiLineString(lines) => line_anchor(lines.iter(), view, min_room_px),
        Geometry::Polygon(polygon) => area_anchor(polygon, view, min_room_px),
        Geometry::MultiPolygon(polygons) => area_anchor(polygons, view, min_room_px),
        Geometry::Rect(rect) => area_anchor(&rect.to_polygon(), view, min_room_px),
        Geometry::Triangle(triangle) => area_anchor(&triangle.to_polygon(), view, min_room_px),
        Geometry::GeometryCollection(parts) => parts
            .iter()
            .find_map(|part| anchor_of(part, view, min_room_px)),
    }
}

/// The first of `points` inside the view.
fn point_anchor(points: impl Iterator<Item = Coord>, view: &LabelView) -> Option<Anchor> {
    points
        .map(|coord| view.pixel_from_map([coord.x, coord.y]))
        .find(|at| view.contains_px(*at))
        .map(|at| Anchor {
            at_px: vec![at],
            kind: AnchorKind::Point,
            room_px: [f64::INFINITY; 2],
        })
}

/// Where along a line's longest visible part its label is tried, as shares of the part's length.
const LINE_POSITIONS: [f64; 5] = [0.5, 0.35, 0.65, 0.2, 0.8];

/// The middle of the longest run of the lines inside the view.
fn line_anchor<'a>(
    lines: impl Iterator<Item = &'a LineString>,
    view: &LabelView,
    min_room_px: [f64; 2],
) -> Option<Anchor> {
    let bounds = view.bounds;
    let mut best: Option<(f64, Vec<[f64; 2]>)> = None;
    for line in lines {
        let pixels: Vec<[f64; 2]> = line
            .coords()
            .map(|coord| view.pixel_from_map([coord.x, coord.y]))
            .collect();
        if diagonal_px(&pixels) < min_room_px[0] {
            continue;
        }
        for run in clip_polyline(&pixels, &PixelRect::from(&bounds)) {
            let length = run_length(&run);
            if best.as_ref().is_none_or(|(longest, _)| length > *longest) {
                best = Some((length, run));
            }
        }
    }
    let (length, run) = best.filter(|(length, _)| *length >= min_room_px[0])?;
    let at_px: Vec<[f64; 2]> = LINE_POSITIONS
        .iter()
        .filter_map(|share| point_along(&run, length * share))
        .collect();
    (!at_px.is_empty()).then_some(Anchor {
        at_px,
        kind: AnchorKind::Line,
        room_px: [length, f64::INFINITY],
    })
}

/// An interior point of a polygon or multipolygon (of its part inside the view when its own is outside it).
fn area_anchor<A>(area: &A, view: &LabelView, min_room_px: [f64; 2]) -> Option<Anchor>
where
    A: InteriorPoint<Output = Option<Point>>
        + BoundingRect<f64, Output = Option<Rect>>
        + BooleanOps<Scalar = f64>,
{
    let visible_in_map = view.visible_in_map();
    let bbox = area.bounding_rect()?;
    let room_px = visible_size_px(&bbox, &visible_in_map, view.m_per_px)?;
    if room_px[0] < min_room_px[0] || room_px[1] < min_room_px[1] {
        return None;
    }
    let inside_view = |point: Point| {
        let at = view.pixel_from_map([point.x(), point.y()]);
        view.contains_px(at).then_some(at)
    };
    let whole = area.interior_point().and_then(inside_view);
    let at = match whole {
        Some(at) => at,
        None => area
            .intersection(&Polygon::from(visible_in_map))
            .interior_point()
            .and_then(inside_view)?,
    };
    Some(Anchor {
        at_px: vec![at],
        kind: AnchorKind::Area,
        room_px,
    })
}

/// Width and height in pixels of the part of `bbox` inside `visible`, or `None` when they do not meet.
fn visible_size_px(bbox: &Rect, visible: &Rect, m_per_px: f64) -> Option<[f64; 2]> {
    let width = bbox.max().x.min(visible.max().x) - bbox.min().x.max(visible.min().x);
    let height = bbox.max().y.min(visible.max().y) - bbox.min().y.max(visible.min().y);
    (width >= 0.0 && height >= 0.0).then(|| [width / m_per_px, height / m_per_px])
}

/// The diagonal of the bounding box of `pixels`.
fn diagonal_px(pixels: &[[f64; 2]]) -> f64 {
    let mut min = [f64::INFINITY; 2];
    let mut max = [f64::NEG_INFINITY; 2];
    for [x, y] in pixels {
        min = [min[0].min(*x), min[1].min(*y)];
        max = [max[0].max(*x), max[1].max(*y)];
    }
    (max[0] - min[0]).hypot(max[1] - min[1])
}

fn run_length(run: &[[f64; 2]]) -> f64 {
    run.windows(2)
        .map(|pair| (pair[1][0] - pair[0][0]).hypot(pair[1][1] - pair[0][1]))
        .sum()
}

/// The point `distance` pixels along `run`.
fn point_along(run: &[[f64; 2]], distance: f64) -> Option<[f64; 2]> {
    let mut left = distance;
    for pair in run.windows(2) {
        let [a, b] = [pair[0], pair[1]];
        let length = (b[0] - a[0]).hypot(b[1] - a[1]);
        if left <= length && length > 0.0 {
            let t = left / length;
            return Some([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
        left -= length;
    }
    run.last().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pixel_box::{PixelBox, clip_segment};

    fn view() -> LabelView {
        LabelView {
            center_in_map: [0.0, 0.0],
            center_px: [400.0, 300.0],
            m_per_px: 1.0,
            px_per_pt: 1.0,
            bounds: PixelBox {
                x: 0.0,
                y: 0.0,
                width: 800.0,
                height: 600.0,
            },
        }
    }

    #[test]
    fn a_line_is_labelled_at_the_middle_of_its_longest_visible_part() {
        // From far left of the view to x = 100 px along y = 300 px, then 10 px up: the visible part runs
        // from the left edge, 110 px long, its middle 55 px from the edge.
        let line = Geometry::LineString(LineString::from(vec![
            (-1_000.0, 0.0),
            (-300.0, 0.0),
            (-300.0, 10.0),
        ]));
        let anchor = anchor_of(&line, &view(), [0.0, 0.0]).expect("in view");
        assert_eq!(anchor.kind, AnchorKind::Line);
        assert!((anchor.at_px[0][0] - 55.0).abs() < 1e-9, "{anchor:?}");
        assert!((anchor.at_px[1][0] - 38.5).abs() < 1e-9, "{anchor:?}");
        assert!((anchor.room_px[0] - 110.0).abs() < 1e-9, "{anchor:?}");
        assert!(anchor_of(&line, &view(), [200.0, 0.0]).is_none());
    }

    #[test]
    fn an_area_bigger_than_the_view_is_labelled_inside_the_view() {
        // A square whose interior point (its middle) is far right of the view; its left end covers the view.
        let square = Geometry::Polygon(Polygon::new(
            LineString::from(vec![
                (-500.0, -400.0),
                (5_000.0, -400.0),
                (5_000.0, 400.0),
                (-500.0, 400.0),
                (-500.0, -400.0),
            ]),
            Vec::new(),
        ));
        let anchor = anchor_of(&square, &view(), [100.0, 20.0]).expect("in view");
        assert_eq!(anchor.kind, AnchorKind::Area);
        assert!(view().contains_px(anchor.at_px[0]), "{anchor:?}");
        assert_eq!(anchor.room_px, [800.0, 600.0]);
    }

    #[test]
    fn segments_are_clipped_to_the_box() {
        let bounds = view().bounds;
        assert_eq!(
            clip_segment([-100.0, 300.0], [900.0, 300.0], &PixelRect::from(&bounds)),
            Some(([0.0, 300.0], [800.0, 300.0]))
        );
        assert_eq!(
            clip_segment([-100.0, -5.0], [900.0, -5.0], &PixelRect::from(&bounds)),
            None
        );
        let runs = clip_polyline(
            &[
                [-10.0, 10.0],
                [10.0, 10.0],
                [10.0, -10.0],
                [20.0, 10.0],
                [30.0, 10.0],
            ],
            &PixelRect::from(&bounds),
        );
        assert_eq!(runs.len(), 2, "{runs:?}");
    }
}
