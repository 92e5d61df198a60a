//! Splitting a polygon by a drawn line, as QGIS's "split features": every stretch of the line that crosses
//! the polygon from boundary to boundary cuts it, so a line across a concave polygon can give more than two
//! pieces, and a line through a hole opens it.
//!
//! The split is exact in the topological sense and keeps every original corner bit for bit: the rings are
//! cut where the line crosses them (each crossing computed once, with geo's robust `line_intersection`, and
//! used by both sides), the line's stretches inside the polygon are added, and the faces of that planar graph
//! are walked (see [`super::planar_graph`]). The pieces therefore share their new corners exactly, and their
//! areas add up to the polygon's (to rounding: a crossing point sits within an ulp of both lines).
//! Polygons are not split through a buffer or a boolean overlay, whose grid snapping would move corners.
//!
//! The line must cross the polygon completely at least once (stretches that end inside are ignored) and not
//! cross itself; an invalid polygon is not split. The largest piece comes first: it is the one that keeps
//! the feature (see [`super::split_polygon_edit`]).

use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{Area, Coord, Geometry, Line, LineString, MultiPolygon, Polygon};
use thiserror::Error;

use super::planar_graph::PlanarGraph;
use super::predicates::signed_ring_area;
use super::segments::{Segment, SegmentIndex, ring_segments};
use super::validity::{InvalidPolygon, check_multi_polygon, check_polygon, distinct_corners};

/// A split cannot be done.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum SplitError {
    /// Only polygons and multipolygons are split.
    #[error("only polygons can be split, not {0}")]
    NotAPolygon(&'static str),
    /// The line has fewer than two distinct points.
    #[error("the split line needs at least two distinct points")]
    LineTooShort,
    /// The line has a coordinate that is not a finite number.
    #[error("the split line has a coordinate that is not a finite number")]
    NonFinite,
    /// The line crosses or touches itself.
    #[error("the split line crosses itself at ({:.3}, {:.3})", at.x, at.y)]
    LineCrossesItself {
        /// One place where it does.
        at: Coord,
    },
    /// The polygon is invalid, so its pieces would be meaningless.
    #[error("the polygon is invalid: {0}")]
    InvalidPolygon(#[from] InvalidPolygon),
    /// The line does not cross the polygon from one side to another.
    #[error("the line does not cross the polygon completely")]
    DoesNotCross,
    /// A piece came out invalid (a crossing too close to a corner to be represented).
    #[error("a piece of the split would be invalid: {0}")]
    PieceInvalid(InvalidPolygon),
}

/// The pieces of `polygon` cut by `line`, largest first (see the module documentation).
pub fn split_polygon(polygon: &Polygon, line: &LineString) -> Result<Vec<Polygon>, SplitError> {
    check_polygon(polygon)?;
    let cut = clean_line(line)?;
    let rings = oriented_rings(polygon);
    let segments = ring_segments(&rings);
    let index = SegmentIndex::new(&segments);
    let crossings = crossings(&index, &cut);
    if crossings.on_rings.iter().all(Vec::is_empty) {
        return Err(SplitError::DoesNotCross);
    }
    let mut graph = PlanarGraph::default();
    for (segment, extra) in segments.iter().zip(&crossings.on_rings) {
        for pair in chain(segment.a, segment.b, extra).windows(2) {
            if let [a, b] = pair {
                graph.add_boundary(*a, *b);
            }
        }
    }
    for (pair, extra) in cut.windows(2).zip(&crossings.on_cut) {
        let [a, b] = pair else { continue };
        for piece in chain(*a, *b, extra).windows(2) {
            if let [p, q] = piece
                && p != q
                && index.encloses(midpoint(*p, *q)) == Some(true)
            {
                graph.add_cut(*p, *q);
            }
        }
    }
    let pieces = assemble(graph.inside_cycles());
    if pieces.len() < 2 {
        return Err(SplitError::DoesNotCross);
    }
    for piece in &pieces {
        check_polygon(piece).map_err(SplitError::PieceInvalid)?;
    }
    Ok(pieces)
}

/// The pieces of a polygon or multipolygon cut by `line`. A polygon gives polygons, largest first. A
/// multipolygon's parts that the line does not cross stay together with the largest piece in the first
/// geometry; every other piece is a multipolygon of its own, so a layer keeps one geometry type.
pub fn split_geometry(geometry: &Geometry, line: &LineString) -> Result<Vec<Geometry>, SplitError> {
    match geometry {
        Geometry::Polygon(polygon) => Ok(split_polygon(polygon, line)?
            .into_iter()
            .map(Geometry::Polygon)
            .collect()),
        Geometry::MultiPolygon(polygons) => split_multi_polygon(polygons, line),
        other => Err(SplitError::NotAPolygon(
            crate::core::geometry::geometry_type_name(other),
        )),
    }
}

fn split_multi_polygon(
    polygons: &MultiPolygon,
    line: &LineString,
) -> Result<Vec<Geometry>, SplitError> {
    check_multi_polygon(polygons)?;
    let mut kept = Vec::new();
    let mut pieces = Vec::new();
    for part in &polygons.0 {
        match split_polygon(part, line) {
            Ok(part_pieces) => pieces.extend(part_pieces),
            Err(SplitError::DoesNotCross) => kept.push(part.clone()),
            Err(error) => return Err(error),
        }
    }
    if pieces.is_empty() {
        return Err(SplitError::DoesNotCross);
    }
    pieces.sort_by(|a, b| b.unsigned_area().total_cmp(&a.unsigned_area()));
    let mut pieces = pieces.into_iter();
    kept.extend(pieces.next());
    Ok(std::iter::once(Geometry::MultiPolygon(MultiPolygon(kept)))
        .chain(pieces.map(|piece| Geometry::MultiPolygon(MultiPolygon(vec![piece]))))
        .collect())
}

/// The line's points without consecutive repeats, checked: finite, at least two, not crossing itself.
fn clean_line(line: &LineString) -> Result<Vec<Coord>, SplitError> {
    if line.0.iter().any(|c| !(c.x.is_finite() && c.y.is_finite())) {
        return Err(SplitError::NonFinite);
    }
    let mut points = line.0.clone();
    points.dedup();
    if points.len() < 2 {
        return Err(SplitError::LineTooShort);
    }
    let segments: Vec<Segment> = points
        .windows(2)
        .enumerate()
        .filter_map(|(index, pair)| match pair {
            [a, b] => Some(Segment {
                a: *a,
                b: *b,
                ring: 0,
                index,
            }),
            _ => None,
        })
        .collect();
    SegmentIndex::new(&segments).for_each_pair(|i, j| {
        let (Some(s), Some(t)) = (segments.get(i), segments.get(j)) else {
            return Ok(());
        };
        match line_intersection(Line::new(s.a, s.b), Line::new(t.a, t.b)) {
            None => Ok(()),
            Some(LineIntersection::SinglePoint { .. }) if j == i + 1 => Ok(()),
            Some(LineIntersection::SinglePoint { intersection, .. }) => {
                Err(SplitError::LineCrossesItself { at: intersection })
            }
            Some(LineIntersection::Collinear { intersection }) => {
                Err(SplitError::LineCrossesItself {
                    at: intersection.start,
                })
            }
        }
    })?;
    Ok(points)
}

/// The polygon's rings as distinct corners, the shell counter-clockwise and the holes clockwise, so the
/// polygon is on the left of every ring.
fn oriented_rings(polygon: &Polygon) -> Vec<Vec<Coord>> {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .enumerate()
        .map(|(ring, line)| {
            let mut corners = distinct_corners(&line.0);
            let counter_clockwise = signed_ring_area(&corners) > 0.0;
            if counter_clockwise != (ring == 0) {
                corners.reverse();
            }
            corners
        })
        .collect()
}

/// The points where the cut line meets the rings, per ring segment and per cut segment.
struct Crossings {
    on_rings: Vec<Vec<Coord>>,
    on_cut: Vec<Vec<Coord>>,
}

fn crossings(index: &SegmentIndex, cut: &[Coord]) -> Crossings {
    let mut found = Crossings {
        on_rings: vec![Vec::new(); index.segments().len()],
        on_cut: vec![Vec::new(); cut.len().saturating_sub(1)],
    };
    let mut near = Vec::new();
    for (position, pair) in cut.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        let min = Coord {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
        };
        let max = Coord {
            x: a.x.max(b.x),
            y: a.y.max(b.y),
        };
        index.in_box(min, max, &mut near);
        for &ring_position in &near {
            let Some(segment) = index.segments().get(ring_position) else {
                continue;
            };
            let points: Vec<Coord> =
                match line_intersection(Line::new(*a, *b), Line::new(segment.a, segment.b)) {
                    None => continue,
                    Some(LineIntersection::SinglePoint { intersection, .. }) => vec![intersection],
                    Some(LineIntersection::Collinear { intersection }) => {
                        vec![intersection.start, intersection.end]
                    }
                };
            if let Some(list) = found.on_rings.get_mut(ring_position) {
                list.extend(&points);
            }
            if let Some(list) = found.on_cut.get_mut(position) {
                list.extend(&points);
            }
        }
    }
    found
}

/// `a`, the points of `extra` strictly between, in order along the segment, then `b`.
fn chain(a: Coord, b: Coord, extra: &[Coord]) -> Vec<Coord> {
    let mut inner: Vec<Coord> = extra
        .iter()
        .copied()
        .filter(|pt| *pt != a && *pt != b)
        .collect();
    let from_a = |pt: &Coord| (pt.x - a.x).powi(2) + (pt.y - a.y).powi(2);
    inner.sort_by(|p, q| from_a(p).total_cmp(&from_a(q)));
    inner.dedup();
    let mut points = Vec::with_capacity(inner.len() + 2);
    points.push(a);
    points.extend(inner);
    points.push(b);
    points
}

fn midpoint(a: Coord, b: Coord) -> Coord {
    Coord {
        x: a.x + (b.x - a.x) / 2.0,
        y: a.y + (b.y - a.y) / 2.0,
    }
}

/// Polygons from the cycles: each clockwise cycle (a hole) goes into the smallest shell around it. Largest
/// piece first.
fn assemble(cycles: Vec<Vec<Coord>>) -> Vec<Polygon> {
    let (shells, holes): (Vec<Vec<Coord>>, Vec<Vec<Coord>>) = cycles
        .into_iter()
        .partition(|cycle| signed_ring_area(cycle) > 0.0);
    let mut shells: Vec<(f64, Vec<Coord>, Vec<LineString>)> = shells
        .into_iter()
        .map(|shell| (signed_ring_area(&shell), shell, Vec::new()))
        .collect();
    for hole in holes {
        let owner = shells
            .iter()
            .enumerate()
            .filter(|(_, (_, shell, _))| ring_holds(shell, &hole))
            .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
            .map(|(position, _)| position);
        if let Some((_, _, owned)) = owner.and_then(|position| shells.get_mut(position)) {
            owned.push(closed(hole));
        }
    }
    shells.sort_by(|a, b| b.0.total_cmp(&a.0));
    shells
        .into_iter()
        .map(|(_, shell, owned)| Polygon::new(closed(shell), owned))
        .collect()
}

fn closed(mut corners: Vec<Coord>) -> LineString {
    if let Some(first) = corners.first().copied() {
        corners.push(first);
    }
    LineString::new(corners)
}

/// Whether the ring `shell` holds the ring `inner` (which does not cross it): judged on the first point of
/// `inner` (corner or edge midpoint) that is not on `shell`.
fn ring_holds(shell: &[Coord], inner: &[Coord]) -> bool {
    let segments = ring_segments(&[shell.to_vec()]);
    let index = SegmentIndex::new(&segments);
    let midpoints = inner
        .iter()
        .zip(inner.iter().cycle().skip(1))
        .map(|(a, b)| midpoint(*a, *b));
    inner
        .iter()
        .copied()
        .chain(midpoints)
        .find_map(|pt| index.encloses(pt))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn a_square_cut_in_two_keeps_its_corners_and_its_area() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
        let line = LineString::from(vec![(0.5, -1.0), (2.0, 5.0)]);
        let pieces = split_polygon(&square, &line).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(pieces.len(), 2);
        let total: f64 = pieces.iter().map(Area::unsigned_area).sum();
        assert!((total - 16.0).abs() <= 1e-12, "{total}");
        // Crossings at (0.75, 0) and (1.75, 4): the smaller piece is the trapezoid on the left, 5 m².
        let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
        assert!((areas[0] - 11.0).abs() <= 1e-12, "{areas:?}");
        assert!((areas[1] - 5.0).abs() <= 1e-12, "{areas:?}");
        let original: Vec<Coord> = square.exterior().0.clone();
        for corner in &original {
            assert!(
                pieces
                    .iter()
                    .any(|piece| piece.exterior().0.contains(corner)),
                "corner {corner:?} kept bit for bit"
            );
        }
    }

    #[test]
    fn a_line_ending_inside_or_missing_does_not_split() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
        let into = LineString::from(vec![(2.0, -1.0), (2.0, 2.0)]);
        assert_eq!(split_polygon(&square, &into), Err(SplitError::DoesNotCross));
        let beside = LineString::from(vec![(5.0, -1.0), (5.0, 5.0)]);
        assert_eq!(
            split_polygon(&square, &beside),
            Err(SplitError::DoesNotCross)
        );
        let zigzag = LineString::from(vec![(-1.0, 1.0), (5.0, 1.0), (5.0, 2.0), (3.0, 0.0)]);
        assert!(matches!(
            split_polygon(&square, &zigzag),
            Err(SplitError::LineCrossesItself { .. })
        ));
    }

    #[test]
    fn lines_through_corners_and_along_edges_split_cleanly() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
        // Corner to corner: two triangles of 8 m².
        let diagonal = LineString::from(vec![(-1.0, -1.0), (5.0, 5.0)]);
        let pieces = split_polygon(&square, &diagonal).unwrap_or_else(|error| panic!("{error}"));
        let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
        assert_eq!(areas, vec![8.0, 8.0]);
        assert!(pieces.iter().all(|piece| piece.exterior().0.len() == 4));
        // Along the bottom edge, then up through the middle: the stretch on the boundary cuts nothing.
        let along = LineString::from(vec![(-1.0, 0.0), (1.0, 0.0), (1.0, 5.0)]);
        let pieces = split_polygon(&square, &along).unwrap_or_else(|error| panic!("{error}"));
        let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
        assert_eq!(areas, vec![12.0, 4.0]);
        // A line touching the square at a corner only does not split it.
        let touching = LineString::from(vec![(-1.0, 1.0), (1.0, -1.0)]);
        assert_eq!(
            split_polygon(&square, &touching),
            Err(SplitError::DoesNotCross)
        );
    }

    #[test]
    fn a_hole_touching_the_shell_at_a_point_stays_a_hole() {
        // The hole touches the shell at (0, 5): inside a shell edge, then at a shell corner (where the face
        // walk passes the node twice and is broken into shell and hole).
        for shell_corners in [4, 5] {
            let mut corners = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
            if shell_corners == 5 {
                corners.push((0.0, 5.0));
            }
            corners.push((0.0, 0.0));
            let hole = LineString::from(vec![(0.0, 5.0), (3.0, 3.0), (3.0, 7.0), (0.0, 5.0)]);
            let polygon = Polygon::new(LineString::from(corners), vec![hole]);
            let cut = LineString::from(vec![(6.0, -1.0), (6.0, 11.0)]);
            let pieces = split_polygon(&polygon, &cut).unwrap_or_else(|error| panic!("{error}"));
            let areas: Vec<f64> = pieces.iter().map(Area::unsigned_area).collect();
            assert_eq!(areas, vec![54.0, 40.0], "{shell_corners} corners");
            assert_eq!(pieces[0].interiors().len(), 1, "{shell_corners} corners");
        }
    }
}
