//! Snapping, as in QGIS digitizing: a point the planner clicks or drags near an existing vertex lands exactly
//! on it; failing that, near an edge, on the closest point of the edge.
//!
//! Candidates come from each layer's R-tree (the features whose boxes meet the tolerance box around the
//! point) and only those are tested exactly: the cost follows the features near the cursor, never the size
//! of the layer. A vertex within tolerance always wins over an edge, however much closer the edge is; among
//! vertices (or among edges) the nearest wins, ties going to the first layer given. The caller passes the
//! layers that may be snapped to (the visible ones, in the order it prefers).

use geo::{Coord, Rect};

use super::hit::{nearest_edge_where, nearest_vertex_where};
use super::vertex::{EdgeRef, VertexRef, sequence_of, vertex_count_of};
use crate::core::layer::{Layer, LayerId};

/// What a snapped point lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapKind {
    /// Exactly on an existing vertex.
    Vertex,
    /// On an edge (the closest point of it).
    Edge,
}

/// Where a point snaps to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snap {
    /// The snapped point (map CRS): a vertex's coordinates bit for bit, or the closest point of an edge.
    pub point: Coord,
    /// Vertex or edge.
    pub kind: SnapKind,
    /// The layer of the feature snapped to.
    pub layer: LayerId,
    /// The feature's position in its layer.
    pub feature: usize,
    /// The distance from the point given, in metres.
    pub distance_m: f64,
}

/// The vertex being dragged, which must not snap to itself nor to the edges that move with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MovingVertex {
    /// Its layer.
    pub layer: LayerId,
    /// Its feature's position.
    pub feature: usize,
    /// The vertex.
    pub vertex: VertexRef,
}

/// Where `pt_in_map` snaps to within `tolerance_m` on the features of `layers` (see the module
/// documentation); `None` when nothing is that close.
pub fn snap<'a>(
    pt_in_map: Coord,
    tolerance_m: f64,
    layers: impl IntoIterator<Item = &'a Layer>,
) -> Option<Snap> {
    snap_except(pt_in_map, tolerance_m, layers, None)
}

/// [`snap`] while dragging `moving`: that vertex and its two edges are not snapped to.
pub fn snap_except<'a>(
    pt_in_map: Coord,
    tolerance_m: f64,
    layers: impl IntoIterator<Item = &'a Layer>,
    moving: Option<MovingVertex>,
) -> Option<Snap> {
    if !(tolerance_m >= 0.0 && pt_in_map.x.is_finite() && pt_in_map.y.is_finite()) {
        return None;
    }
    let search = Rect::new(
        (pt_in_map.x - tolerance_m, pt_in_map.y - tolerance_m),
        (pt_in_map.x + tolerance_m, pt_in_map.y + tolerance_m),
    );
    let mut best_vertex: Option<Snap> = None;
    let mut best_edge: Option<Snap> = None;
    for layer in layers {
        for position in layer.index.query(search) {
            let Some(feature) = layer.features.get(position) else {
                continue;
            };
            let geometry = &feature.geometry_in_map;
            let dragged =
                moving.filter(|moving| moving.layer == layer.id && moving.feature == position);
            let vertex_hit = nearest_vertex_where(geometry, pt_in_map, tolerance_m, |vertex| {
                dragged.is_none_or(|moving| moving.vertex != vertex)
            });
            if let Some(hit) = vertex_hit {
                let snap = Snap {
                    point: hit.pt_in_map,
                    kind: SnapKind::Vertex,
                    layer: layer.id,
                    feature: position,
                    distance_m: hit.distance_m,
                };
                keep_nearer(&mut best_vertex, snap);
            }
            if best_vertex.is_some() {
                continue;
            }
            let edge_hit = nearest_edge_where(geometry, pt_in_map, tolerance_m, |edge| {
                dragged.is_none_or(|moving| !moves_with(geometry, moving.vertex, edge))
            });
            if let Some(hit) = edge_hit {
                let snap = Snap {
                    point: hit.pt_in_map,
                    kind: SnapKind::Edge,
                    layer: layer.id,
                    feature: position,
                    distance_m: hit.distance_m,
                };
                keep_nearer(&mut best_edge, snap);
            }
        }
    }
    best_vertex.or(best_edge)
}

/// Replaces `best` with `candidate` when it is strictly nearer.
fn keep_nearer(best: &mut Option<Snap>, candidate: Snap) {
    if best.is_none_or(|best| candidate.distance_m < best.distance_m) {
        *best = Some(candidate);
    }
}

/// Whether `edge` has `vertex` at one of its ends.
fn moves_with(geometry: &geo::Geometry, vertex: VertexRef, edge: EdgeRef) -> bool {
    if edge.part != vertex.part || edge.ring != vertex.ring {
        return false;
    }
    let Some((coords, closed)) = sequence_of(geometry, edge.part, edge.ring) else {
        return false;
    };
    let (start, end) = edge.ends(vertex_count_of(coords, closed), closed);
    start == vertex || end == vertex
}
