//! Hit testing within one geometry: the vertex nearest to a point, and the edge nearest to a point with the
//! closest point on it, each within a tolerance in metres. The map view uses them to pick what a drag
//! grabs; [`super::snap`] uses them on the candidates its R-tree search returns.

use geo::{Coord, Geometry};

use super::predicates::{closest_on_segment, distance};
use super::vertex::{EdgeRef, VertexRef, for_each_edge, for_each_vertex};

/// The vertex nearest to a point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VertexHit {
    /// The vertex.
    pub vertex: VertexRef,
    /// Its position (map CRS), exactly as stored.
    pub pt_in_map: Coord,
    /// Its distance from the point, in metres.
    pub distance_m: f64,
}

/// The edge nearest to a point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeHit {
    /// The edge.
    pub edge: EdgeRef,
    /// The point of the edge closest to the point (map CRS); exactly an end when the closest point is one.
    pub pt_in_map: Coord,
    /// Its distance from the point, in metres.
    pub distance_m: f64,
}

/// The vertex of `geometry` nearest to `pt_in_map` within `tolerance_m` (the first one on ties).
pub fn nearest_vertex(
    geometry: &Geometry,
    pt_in_map: Coord,
    tolerance_m: f64,
) -> Option<VertexHit> {
    nearest_vertex_where(geometry, pt_in_map, tolerance_m, |_| true)
}

/// [`nearest_vertex`] among the vertices `accept` lets through.
pub(crate) fn nearest_vertex_where(
    geometry: &Geometry,
    pt_in_map: Coord,
    tolerance_m: f64,
    mut accept: impl FnMut(VertexRef) -> bool,
) -> Option<VertexHit> {
    let mut best: Option<VertexHit> = None;
    for_each_vertex(geometry, |vertex, pt| {
        if (pt.x - pt_in_map.x).abs() > tolerance_m || (pt.y - pt_in_map.y).abs() > tolerance_m {
            return;
        }
        let distance_m = distance(pt, pt_in_map);
        let closer = best.is_none_or(|hit| distance_m < hit.distance_m);
        if distance_m <= tolerance_m && closer && accept(vertex) {
            best = Some(VertexHit {
                vertex,
                pt_in_map: pt,
                distance_m,
            });
        }
    });
    best
}

/// The edge of `geometry` nearest to `pt_in_map` within `tolerance_m`, with the closest point on it (the
/// first one on ties). Points have no edges.
pub fn nearest_edge(geometry: &Geometry, pt_in_map: Coord, tolerance_m: f64) -> Option<EdgeHit> {
    nearest_edge_where(geometry, pt_in_map, tolerance_m, |_| true)
}

/// [`nearest_edge`] among the edges `accept` lets through.
pub(crate) fn nearest_edge_where(
    geometry: &Geometry,
    pt_in_map: Coord,
    tolerance_m: f64,
    mut accept: impl FnMut(EdgeRef) -> bool,
) -> Option<EdgeHit> {
    let mut best: Option<EdgeHit> = None;
    for_each_edge(geometry, |edge, a, b| {
        if a.x.min(b.x) - tolerance_m > pt_in_map.x
            || a.x.max(b.x) + tolerance_m < pt_in_map.x
            || a.y.min(b.y) - tolerance_m > pt_in_map.y
            || a.y.max(b.y) + tolerance_m < pt_in_map.y
        {
            return;
        }
        let closest = closest_on_segment(pt_in_map, a, b);
        let distance_m = distance(closest, pt_in_map);
        let closer = best.is_none_or(|hit| distance_m < hit.distance_m);
        if distance_m <= tolerance_m && closer && accept(edge) {
            best = Some(EdgeHit {
                edge,
                pt_in_map: closest,
                distance_m,
            });
        }
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn the_nearest_vertex_and_edge_within_tolerance_are_found() {
        let square = Geometry::Polygon(
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
        );
        let near_corner = Coord { x: 9.5, y: 10.2 };
        let hit = nearest_vertex(&square, near_corner, 1.0).map(|hit| hit.vertex);
        assert_eq!(hit, Some(VertexRef::new(0, 0, 2)));
        assert_eq!(nearest_vertex(&square, Coord { x: 5.0, y: 5.0 }, 1.0), None);
        let edge = nearest_edge(&square, Coord { x: 4.0, y: -0.5 }, 1.0)
            .unwrap_or_else(|| panic!("an edge within 1 m"));
        assert_eq!(edge.edge, EdgeRef::new(0, 0, 0));
        assert_eq!(edge.pt_in_map, Coord { x: 4.0, y: 0.0 });
        let closing = nearest_edge(&square, Coord { x: -0.2, y: 3.0 }, 1.0).map(|hit| hit.edge);
        assert_eq!(closing, Some(EdgeRef::new(0, 0, 3)));
    }
}
