//! The planar graph of a polygon's rings and the cut line, and the walk around its faces that yields the
//! pieces of a split.
//!
//! Nodes are exact coordinates (ring corners, crossing points, cut-line corners); edges are the rings cut at
//! every crossing (each knowing on which side the polygon is) and the parts of the cut line inside the
//! polygon. Around every node the outgoing edges are ordered by direction with exact predicates; walking
//! each directed edge to the next one clockwise from its reverse traces every face once, with the face on
//! the left. Cut edges walked in both directions by one face (a line ending inside the polygon, or joining a
//! hole to the shell without closing anything off) cut nothing and are dropped before the final walk. The
//! faces on the polygon's side are then broken into simple cycles where they pass a node twice: the
//! counter-clockwise cycles are the pieces' shells, the clockwise ones their holes.

use std::collections::HashMap;

use geo::Coord;

use super::predicates::{angle_order, signed_ring_area};

/// What an edge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeKind {
    /// Part of a ring; the polygon is on the left going from `from` to `to`.
    Boundary,
    /// Part of the cut line inside the polygon.
    Cut,
}

#[derive(Clone, Copy, Debug)]
struct GraphEdge {
    from: usize,
    to: usize,
    kind: EdgeKind,
    removed: bool,
}

/// The planar graph (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct PlanarGraph {
    nodes: Vec<Coord>,
    node_of: HashMap<(u64, u64), usize>,
    edges: Vec<GraphEdge>,
    edge_of: HashMap<(usize, usize), usize>,
}

/// The half-edges around every node, in counter-clockwise order, and where each half-edge sits in its
/// node's list. Half-edge `2e` runs along edge `e`, `2e + 1` against it.
struct Rotation {
    around: Vec<Vec<usize>>,
    slot: Vec<usize>,
}

impl PlanarGraph {
    /// The node at `pt` (one per exact coordinate; −0 and +0 are the same).
    fn node(&mut self, pt: Coord) -> usize {
        let key = ((pt.x + 0.0).to_bits(), (pt.y + 0.0).to_bits());
        *self.node_of.entry(key).or_insert_with(|| {
            self.nodes.push(pt);
            self.nodes.len() - 1
        })
    }

    fn add_edge(&mut self, a: Coord, b: Coord, kind: EdgeKind) {
        let (from, to) = (self.node(a), self.node(b));
        if from == to {
            return;
        }
        let key = (from.min(to), from.max(to));
        if self.edge_of.contains_key(&key) {
            return;
        }
        self.edge_of.insert(key, self.edges.len());
        self.edges.push(GraphEdge {
            from,
            to,
            kind,
            removed: false,
        });
    }

    /// Adds a piece of a ring with the polygon on its left from `a` to `b`.
    pub fn add_boundary(&mut self, a: Coord, b: Coord) {
        self.add_edge(a, b, EdgeKind::Boundary);
    }

    /// Adds a piece of the cut line inside the polygon (ignored where a ring already runs).
    pub fn add_cut(&mut self, a: Coord, b: Coord) {
        self.add_edge(a, b, EdgeKind::Cut);
    }

    fn origin(&self, half: usize) -> Option<usize> {
        let edge = self.edges.get(half / 2)?;
        Some(if half.is_multiple_of(2) {
            edge.from
        } else {
            edge.to
        })
    }

    fn target(&self, half: usize) -> Option<usize> {
        self.origin(half ^ 1)
    }

    fn rotation(&self) -> Rotation {
        let mut around: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for (index, edge) in self.edges.iter().enumerate() {
            if edge.removed {
                continue;
            }
            if let Some(list) = around.get_mut(edge.from) {
                list.push(2 * index);
            }
            if let Some(list) = around.get_mut(edge.to) {
                list.push(2 * index + 1);
            }
        }
        let mut slot = vec![0; self.edges.len() * 2];
        for (node, list) in around.iter_mut().enumerate() {
            let origin = self.nodes.get(node).copied().unwrap_or_default();
            let tip = |half: usize| {
                self.target(half)
                    .and_then(|target| self.nodes.get(target).copied())
                    .unwrap_or(origin)
            };
            list.sort_by(|&u, &v| angle_order(origin, tip(u), tip(v)));
            for (position, &half) in list.iter().enumerate() {
                if let Some(entry) = slot.get_mut(half) {
                    *entry = position;
                }
            }
        }
        Rotation { around, slot }
    }

    /// The half-edge after `half` on the face to its left: the one clockwise next to its reverse.
    fn next(&self, rotation: &Rotation, half: usize) -> Option<usize> {
        let list = rotation.around.get(self.target(half)?)?;
        let slot = *rotation.slot.get(half ^ 1)?;
        list.get((slot + list.len() - 1) % list.len()).copied()
    }

    /// Every face, as the half-edges walked around it.
    fn faces(&self) -> Vec<Vec<usize>> {
        let rotation = self.rotation();
        let half_count = self.edges.len() * 2;
        let mut seen = vec![false; half_count];
        let mut faces = Vec::new();
        for start in 0..half_count {
            let live = self.edges.get(start / 2).is_some_and(|edge| !edge.removed);
            if !live || seen.get(start).copied().unwrap_or(true) {
                continue;
            }
            let mut face = Vec::new();
            let mut half = start;
            while let Some(flag) = seen.get_mut(half).filter(|flag| !**flag) {
                *flag = true;
                face.push(half);
                match self.next(&rotation, half) {
                    Some(next) => half = next,
                    None => break,
                }
            }
            faces.push(face);
        }
        faces
    }

    /// Drops the cut edges that one face walks in both directions; true when any was dropped.
    fn drop_idle_cuts(&mut self, faces: &[Vec<usize>]) -> bool {
        let mut face_of = vec![usize::MAX; self.edges.len() * 2];
        for (face, halves) in faces.iter().enumerate() {
            for &half in halves {
                if let Some(entry) = face_of.get_mut(half) {
                    *entry = face;
                }
            }
        }
        let mut dropped = false;
        for (index, edge) in self.edges.iter_mut().enumerate() {
            let same_face = face_of.get(2 * index) == face_of.get(2 * index + 1);
            if edge.kind == EdgeKind::Cut && !edge.removed && same_face {
                edge.removed = true;
                dropped = true;
            }
        }
        dropped
    }

    /// Whether a face lies on the polygon's side: it walks a ring edge forwards.
    fn is_inside(&self, face: &[usize]) -> bool {
        face.iter().any(|&half| {
            half.is_multiple_of(2)
                && self
                    .edges
                    .get(half / 2)
                    .is_some_and(|edge| edge.kind == EdgeKind::Boundary)
        })
    }

    /// The simple cycles bounding the polygon-side faces once idle cuts are dropped: shells counter-clockwise
    /// (positive area), holes clockwise. Each cycle lists its corners without repeating the first.
    pub fn inside_cycles(&mut self) -> Vec<Vec<Coord>> {
        let mut faces = self.faces();
        while self.drop_idle_cuts(&faces) {
            faces = self.faces();
        }
        faces
            .iter()
            .filter(|face| self.is_inside(face))
            .flat_map(|face| self.simple_cycles(face))
            .collect()
    }

    /// A closed walk broken into simple cycles where it passes a node twice.
    fn simple_cycles(&self, face: &[usize]) -> Vec<Vec<Coord>> {
        let mut cycles = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut place: HashMap<usize, usize> = HashMap::new();
        for node in face.iter().filter_map(|&half| self.origin(half)) {
            if let Some(&start) = place.get(&node) {
                let cycle: Vec<usize> = stack.split_off(start + 1);
                for later in &cycle {
                    place.remove(later);
                }
                let mut closed = vec![node];
                closed.extend(cycle);
                cycles.push(closed);
            } else {
                place.insert(node, stack.len());
                stack.push(node);
            }
        }
        cycles.push(stack);
        cycles
            .into_iter()
            .filter(|cycle| cycle.len() >= 3)
            .map(|cycle| {
                cycle
                    .iter()
                    .filter_map(|&node| self.nodes.get(node).copied())
                    .collect::<Vec<Coord>>()
            })
            .filter(|corners| signed_ring_area(corners) != 0.0)
            .collect()
    }
}
