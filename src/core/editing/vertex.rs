//! Vertices and edges addressed by part, ring and index, and the vertex operations: move, insert on an edge,
//! delete, and moving a whole feature. Every operation returns a new geometry; the one given is never
//! changed, so a refused edit leaves nothing to undo.
//!
//! Addressing: a point is part 0 and a multipoint's points are its parts, each with ring 0 and vertex 0; a
//! line is part 0, ring 0, a multiline's lines are its parts; a polygon is part 0 and a multipolygon's
//! polygons are its parts, ring 0 being the shell and ring `k` hole `k - 1`. A ring's vertices are its
//! corners without the repeated closing one: moving vertex 0 moves the closing corner with it. Edge `i` of a
//! line or ring runs from vertex `i` to the next (for a ring, the last edge closes it).

use geo::{Coord, Geometry, LineString, Polygon, Translate};
use thiserror::Error;

use super::validity::distinct_corners;

/// A vertex of a geometry (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VertexRef {
    /// The part: the point of a multipoint, the line of a multiline, the polygon of a multipolygon.
    pub part: usize,
    /// The ring of a polygon (0 = shell, `k` = hole `k - 1`); 0 for points and lines.
    pub ring: usize,
    /// The vertex within the ring or line.
    pub vertex: usize,
}

/// An edge of a line or ring: from vertex `edge` to the next vertex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EdgeRef {
    /// The part.
    pub part: usize,
    /// The ring (0 for lines).
    pub ring: usize,
    /// The edge: from vertex `edge` to vertex `edge + 1` (for a ring's last edge, to vertex 0).
    pub edge: usize,
}

impl VertexRef {
    /// Vertex `vertex` of ring `ring` of part `part`.
    pub fn new(part: usize, ring: usize, vertex: usize) -> Self {
        Self { part, ring, vertex }
    }
}

impl EdgeRef {
    /// Edge `edge` of ring `ring` of part `part`.
    pub fn new(part: usize, ring: usize, edge: usize) -> Self {
        Self { part, ring, edge }
    }

    /// The vertices at the edge's start and end, given the number of vertices of its ring or line.
    pub fn ends(&self, vertex_count: usize, closed: bool) -> (VertexRef, VertexRef) {
        let next = if closed && vertex_count > 0 {
            (self.edge + 1) % vertex_count
        } else {
            self.edge + 1
        };
        (
            VertexRef::new(self.part, self.ring, self.edge),
            VertexRef::new(self.part, self.ring, next),
        )
    }
}

/// A vertex operation cannot be carried out.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum GeometryEditError {
    /// The geometry has no such vertex.
    #[error("the geometry has no vertex {0:?}")]
    NoSuchVertex(VertexRef),
    /// The geometry has no such edge.
    #[error("the geometry has no edge {0:?}")]
    NoSuchEdge(EdgeRef),
    /// This kind of geometry is not edited vertex by vertex.
    #[error("{0} geometries cannot be edited vertex by vertex")]
    Unsupported(&'static str),
    /// A polygon ring would keep fewer than three distinct corners.
    #[error("ring {ring} of part {part} would have fewer than 3 distinct corners")]
    TooFewCorners {
        /// The part.
        part: usize,
        /// The ring.
        ring: usize,
    },
    /// A line would keep fewer than two distinct points.
    #[error("line {part} would have fewer than 2 distinct points")]
    TooFewPoints {
        /// The part.
        part: usize,
    },
    /// The only point of a point geometry cannot be deleted (delete the feature instead).
    #[error("the last point of a point feature cannot be deleted; delete the feature instead")]
    LastPoint,
    /// A coordinate or offset is infinite or not a number.
    #[error("coordinates must be finite numbers")]
    NonFinite,
}

/// One addressed sequence of coordinates of a geometry.
enum Sequence<'a> {
    /// A point.
    Point(&'a mut Coord),
    /// An open line.
    Line(&'a mut Vec<Coord>),
    /// A closed ring (first coordinate repeated at the end).
    Ring(&'a mut Vec<Coord>),
}

/// A copy of `geometry` with `operation` applied to the coordinates of `part` and `ring`; `missing` when the
/// geometry has no such part or ring.
fn edit_sequence(
    geometry: &Geometry,
    part: usize,
    ring: usize,
    missing: GeometryEditError,
    operation: impl FnOnce(Sequence<'_>) -> Result<(), GeometryEditError>,
) -> Result<Geometry, GeometryEditError> {
    let mut edited = geometry.clone();
    match &mut edited {
        Geometry::Point(point) if part == 0 && ring == 0 => {
            operation(Sequence::Point(&mut point.0))?
        }
        Geometry::MultiPoint(points) if ring == 0 => {
            let point = points.0.get_mut(part).ok_or(missing)?;
            operation(Sequence::Point(&mut point.0))?;
        }
        Geometry::LineString(line) if part == 0 && ring == 0 => {
            operation(Sequence::Line(&mut line.0))?;
        }
        Geometry::MultiLineString(lines) if ring == 0 => {
            let line = lines.0.get_mut(part).ok_or(missing)?;
            operation(Sequence::Line(&mut line.0))?;
        }
        Geometry::Polygon(polygon) if part == 0 => edit_ring(polygon, ring, missing, operation)?,
        Geometry::MultiPolygon(polygons) => {
            let polygon = polygons.0.get_mut(part).ok_or(missing.clone())?;
            edit_ring(polygon, ring, missing, operation)?;
        }
        Geometry::Point(_)
        | Geometry::MultiPoint(_)
        | Geometry::LineString(_)
        | Geometry::MultiLineString(_)
        | Geometry::Polygon(_) => return Err(missing),
        other => return Err(unsupported(other)),
    }
    Ok(edited)
}

fn unsupported(geometry: &Geometry) -> GeometryEditError {
    GeometryEditError::Unsupported(crate::core::geometry::geometry_type_name(geometry))
}

/// Applies `operation` to ring `ring` of `polygon` (geo re-closes the ring afterwards; the operations keep it
/// closed themselves).
fn edit_ring(
    polygon: &mut Polygon,
    ring: usize,
    missing: GeometryEditError,
    operation: impl FnOnce(Sequence<'_>) -> Result<(), GeometryEditError>,
) -> Result<(), GeometryEditError> {
    match ring {
        0 => polygon.try_exterior_mut(|exterior| operation(Sequence::Ring(&mut exterior.0))),
        hole => polygon.try_interiors_mut(|interiors| {
            let interior = interiors.get_mut(hole - 1).ok_or(missing)?;
            operation(Sequence::Ring(&mut interior.0))
        }),
    }
}

/// The number of addressable vertices of a ring (its corners without the closing one).
fn ring_vertex_count(coords: &[Coord]) -> usize {
    match coords {
        [] => 0,
        [first, .., last] if first == last => coords.len() - 1,
        _ => coords.len(),
    }
}

fn check_finite(pt: Coord) -> Result<(), GeometryEditError> {
    if pt.x.is_finite() && pt.y.is_finite() {
        Ok(())
    } else {
        Err(GeometryEditError::NonFinite)
    }
}

/// The position of vertex `vertex`, if the geometry has it.
pub fn vertex_at(geometry: &Geometry, vertex: VertexRef) -> Option<Coord> {
    let mut found = None;
    for_each_vertex(geometry, |candidate, pt| {
        if candidate == vertex {
            found = Some(pt);
        }
    });
    found
}

/// A copy of `geometry` with `vertex` moved to `to` (a ring's closing corner moves with its vertex 0).
pub fn move_vertex(
    geometry: &Geometry,
    vertex: VertexRef,
    to: Coord,
) -> Result<Geometry, GeometryEditError> {
    check_finite(to)?;
    let missing = GeometryEditError::NoSuchVertex(vertex);
    edit_sequence(
        geometry,
        vertex.part,
        vertex.ring,
        missing.clone(),
        |sequence| match sequence {
            Sequence::Point(pt) if vertex.vertex == 0 => {
                *pt = to;
                Ok(())
            }
            Sequence::Point(_) => Err(missing),
            Sequence::Line(coords) => {
                *coords.get_mut(vertex.vertex).ok_or(missing)? = to;
                Ok(())
            }
            Sequence::Ring(coords) => {
                let count = ring_vertex_count(coords);
                if vertex.vertex >= count {
                    return Err(missing);
                }
                *coords.get_mut(vertex.vertex).ok_or(missing.clone())? = to;
                if vertex.vertex == 0 && coords.len() > count {
                    *coords.last_mut().ok_or(missing)? = to;
                }
                Ok(())
            }
        },
    )
}

/// A copy of `geometry` with a new vertex at `at` on `edge` (it becomes vertex `edge.edge + 1`). The point is
/// taken as given; pass the point returned by [`super::nearest_edge`] to put it exactly on the edge.
pub fn insert_vertex(
    geometry: &Geometry,
    edge: EdgeRef,
    at: Coord,
) -> Result<Geometry, GeometryEditError> {
    check_finite(at)?;
    let missing = GeometryEditError::NoSuchEdge(edge);
    edit_sequence(
        geometry,
        edge.part,
        edge.ring,
        missing.clone(),
        |sequence| match sequence {
            Sequence::Point(_) => Err(missing),
            Sequence::Line(coords) => {
                if edge.edge + 1 >= coords.len() {
                    return Err(missing);
                }
                coords.insert(edge.edge + 1, at);
                Ok(())
            }
            Sequence::Ring(coords) => {
                if edge.edge >= ring_vertex_count(coords) {
                    return Err(missing);
                }
                coords.insert(edge.edge + 1, at);
                Ok(())
            }
        },
    )
}

/// A copy of `geometry` without `vertex`. Refused when a ring would keep fewer than three distinct corners,
/// a line fewer than two distinct points, or a point feature no point.
pub fn delete_vertex(
    geometry: &Geometry,
    vertex: VertexRef,
) -> Result<Geometry, GeometryEditError> {
    let missing = GeometryEditError::NoSuchVertex(vertex);
    if let Geometry::MultiPoint(points) = geometry {
        if vertex.ring != 0 || vertex.vertex != 0 || vertex.part >= points.0.len() {
            return Err(missing);
        }
        if points.0.len() == 1 {
            return Err(GeometryEditError::LastPoint);
        }
        let mut kept = points.clone();
        kept.0.remove(vertex.part);
        return Ok(Geometry::MultiPoint(kept));
    }
    edit_sequence(
        geometry,
        vertex.part,
        vertex.ring,
        missing.clone(),
        |sequence| match sequence {
            Sequence::Point(_) => Err(GeometryEditError::LastPoint),
            Sequence::Line(coords) => {
                if vertex.vertex >= coords.len() {
                    return Err(missing);
                }
                coords.remove(vertex.vertex);
                let mut distinct = coords.clone();
                distinct.dedup();
                if distinct.len() < 2 {
                    return Err(GeometryEditError::TooFewPoints { part: vertex.part });
                }
                Ok(())
            }
            Sequence::Ring(coords) => delete_ring_vertex(coords, vertex, missing),
        },
    )
}

/// Removes vertex `vertex.vertex` of a closed ring, keeping it closed and with three distinct corners.
fn delete_ring_vertex(
    coords: &mut Vec<Coord>,
    vertex: VertexRef,
    missing: GeometryEditError,
) -> Result<(), GeometryEditError> {
    let count = ring_vertex_count(coords);
    if vertex.vertex >= count {
        return Err(missing);
    }
    coords.truncate(count);
    coords.remove(vertex.vertex);
    if distinct_corners(coords).len() < 3 {
        return Err(GeometryEditError::TooFewCorners {
            part: vertex.part,
            ring: vertex.ring,
        });
    }
    if let Some(first) = coords.first().copied() {
        coords.push(first);
    }
    Ok(())
}

/// A copy of `geometry` moved by `dx_m`, `dy_m` metres.
pub fn translate(geometry: &Geometry, dx_m: f64, dy_m: f64) -> Result<Geometry, GeometryEditError> {
    if !(dx_m.is_finite() && dy_m.is_finite()) {
        return Err(GeometryEditError::NonFinite);
    }
    Ok(geometry.translate(dx_m, dy_m))
}

/// Calls `visit` with every addressable vertex of `geometry` and its position, in order (a ring's closing
/// corner is not visited: it is vertex 0). Geometries that are not addressed (collections, rectangles) have
/// none.
pub fn for_each_vertex(geometry: &Geometry, mut visit: impl FnMut(VertexRef, Coord)) {
    for_each_sequence(geometry, |part, ring, coords, closed| {
        let count = if closed {
            ring_vertex_count(coords)
        } else {
            coords.len()
        };
        for (vertex, pt) in coords.iter().take(count).enumerate() {
            visit(VertexRef::new(part, ring, vertex), *pt);
        }
    });
}

/// Calls `visit` with every edge of `geometry` and its two ends, in order.
pub fn for_each_edge(geometry: &Geometry, mut visit: impl FnMut(EdgeRef, Coord, Coord)) {
    for_each_sequence(geometry, |part, ring, coords, _| {
        for (edge, pair) in coords.windows(2).enumerate() {
            if let [a, b] = pair {
                visit(EdgeRef::new(part, ring, edge), *a, *b);
            }
        }
    });
}

/// Calls `visit(part, ring, coordinates, closed)` for every addressed sequence of `geometry`.
pub(crate) fn for_each_sequence(
    geometry: &Geometry,
    mut visit: impl FnMut(usize, usize, &[Coord], bool),
) {
    match geometry {
        Geometry::Point(point) => visit(0, 0, std::slice::from_ref(&point.0), false),
        Geometry::MultiPoint(points) => {
            for (part, point) in points.0.iter().enumerate() {
                visit(part, 0, std::slice::from_ref(&point.0), false);
            }
        }
        Geometry::LineString(line) => visit(0, 0, &line.0, false),
        Geometry::MultiLineString(lines) => {
            for (part, line) in lines.0.iter().enumerate() {
                visit(part, 0, &line.0, false);
            }
        }
        Geometry::Polygon(shape) => for_each_ring(0, shape, &mut visit),
        Geometry::MultiPolygon(shapes) => {
            for (part, shape) in shapes.0.iter().enumerate() {
                for_each_ring(part, shape, &mut visit);
            }
        }
        _ => {}
    }
}

/// Calls `visit(part, ring, coordinates, true)` for the shell and each hole of `polygon`.
fn for_each_ring(
    part: usize,
    polygon: &Polygon,
    visit: &mut impl FnMut(usize, usize, &[Coord], bool),
) {
    for (ring, line) in std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .enumerate()
    {
        visit(part, ring, &line.0, true);
    }
}

/// The line or ring coordinates of `part` and `ring`, with whether it is a closed ring.
pub(crate) fn sequence_of(
    geometry: &Geometry,
    part: usize,
    ring: usize,
) -> Option<(&[Coord], bool)> {
    match geometry {
        Geometry::LineString(line) if part == 0 && ring == 0 => Some((&line.0, false)),
        Geometry::MultiLineString(lines) if ring == 0 => Some((&lines.0.get(part)?.0, false)),
        Geometry::Polygon(polygon) if part == 0 => Some((&ring_of(polygon, ring)?.0, true)),
        Geometry::MultiPolygon(polygons) => Some((&ring_of(polygons.0.get(part)?, ring)?.0, true)),
        _ => None,
    }
}

/// Ring `ring` of a polygon (0 = shell, `k` = hole `k - 1`).
fn ring_of(polygon: &Polygon, ring: usize) -> Option<&LineString> {
    match ring {
        0 => Some(polygon.exterior()),
        hole => polygon.interiors().get(hole - 1),
    }
}

/// The number of addressable vertices of a line or ring (a ring's closing corner not counted).
pub(crate) fn vertex_count_of(coords: &[Coord], closed: bool) -> usize {
    if closed {
        ring_vertex_count(coords)
    } else {
        coords.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Point, polygon};

    fn square() -> Geometry {
        Geometry::Polygon(
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)],
        )
    }

    fn exterior(geometry: &Geometry) -> Vec<Coord> {
        match geometry {
            Geometry::Polygon(polygon) => polygon.exterior().0.clone(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn moving_vertex_zero_moves_the_closing_corner_and_leaves_the_original_alone() {
        let original = square();
        let moved = move_vertex(
            &original,
            VertexRef::new(0, 0, 0),
            Coord { x: -1.0, y: -1.0 },
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let ring = exterior(&moved);
        assert_eq!(ring.first(), Some(&Coord { x: -1.0, y: -1.0 }));
        assert_eq!(ring.last(), Some(&Coord { x: -1.0, y: -1.0 }));
        assert_eq!(ring.len(), 5);
        assert_eq!(exterior(&original).first(), Some(&Coord { x: 0.0, y: 0.0 }));
        assert_eq!(
            move_vertex(&original, VertexRef::new(0, 0, 4), Coord { x: 1.0, y: 1.0 }),
            Err(GeometryEditError::NoSuchVertex(VertexRef::new(0, 0, 4)))
        );
    }

    #[test]
    fn inserting_on_the_closing_edge_and_deleting_vertex_zero_keep_the_ring_closed() {
        let inserted = insert_vertex(&square(), EdgeRef::new(0, 0, 3), Coord { x: 0.0, y: 2.0 })
            .unwrap_or_else(|error| panic!("{error}"));
        let ring = exterior(&inserted);
        assert_eq!(ring.len(), 6);
        assert_eq!(ring.get(4), Some(&Coord { x: 0.0, y: 2.0 }));
        let deleted = delete_vertex(&inserted, VertexRef::new(0, 0, 0))
            .unwrap_or_else(|error| panic!("{error}"));
        let ring = exterior(&deleted);
        assert_eq!(ring.first(), Some(&Coord { x: 4.0, y: 0.0 }));
        assert_eq!(ring.last(), Some(&Coord { x: 4.0, y: 0.0 }));
        assert_eq!(ring.len(), 5);
    }

    #[test]
    fn points_and_lines_keep_their_minimum() {
        let point = Geometry::Point(Point::new(1.0, 2.0));
        assert_eq!(
            delete_vertex(&point, VertexRef::new(0, 0, 0)),
            Err(GeometryEditError::LastPoint)
        );
        let line = Geometry::LineString(LineString::from(vec![(0.0, 0.0), (1.0, 0.0)]));
        assert_eq!(
            delete_vertex(&line, VertexRef::new(0, 0, 1)),
            Err(GeometryEditError::TooFewPoints { part: 0 })
        );
        let moved = translate(&point, 10.0, -2.0).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(moved, Geometry::Point(Point::new(11.0, 0.0)));
    }
}
