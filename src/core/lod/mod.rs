//! Frame preparation for big layers: a [`PreparedLayer`] is built once per geometry revision and turns every
//! frame into a cheap cull-and-copy.
//!
//! It holds the layer's drawable geometry at several levels of detail, one per band of scales (metres per
//! screen point). Level 0 is the exact geometry (earcut triangles, rings, lines, points). Each coarser level
//! is simplified with a tolerance of half a screen point at the finest scale of its band (Visvalingam–Whyatt
//! with topology preserved per polygon, so rings stay simple and holes stay inside), and features smaller
//! than [`TINY_PX`] points at that scale are not drawn one by one: they are aggregated into grid cells and
//! each occupied cell becomes one small square of the cell's total area, coloured like its largest feature
//! (see [`tiny_cells`]). Polygons between tiny and [`coarse::COARSE_PX`] points are drawn as convex outlines
//! of 4–6 corners with their own area (see [`coarse`]). So the work of a frame is bounded by what the screen can show, not by the number of
//! features. A coarser level is only kept when it actually saves vertices; small layers have level 0 alone
//! and look exactly as the plain tessellation.
//!
//! Coordinates are `f32` relative to a layer origin (centimetre precision over a 100 km city), triangles
//! index per feature, and every level has an R-tree of its items for viewport culling. The per-frame step
//! ([`frame`]) hands the visible items, in feature order, to a [`frame::FrameSink`] with a screen transform.

pub mod build;
pub mod coarse;
pub mod frame;
mod incremental;
pub mod tiny_cells;

use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

pub use build::LodOptions;

/// Features whose bounding box is smaller than this many screen points at the finest scale of a level's band
/// are aggregated into cells at that level.
pub const TINY_PX: f64 = 4.0;

/// An R-tree entry: an item's bounding box in layer coordinates and its position in the level's items.
pub(crate) type ItemEnvelope = GeomWithData<Rectangle<[f32; 2]>, u32>;

/// A range of one of a level's arrays, as start and length (compact: 8 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// First element.
    pub start: u32,
    /// Number of elements.
    pub len: u32,
}

impl Span {
    /// The span as a `usize` range.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// One drawn thing of a level: a feature (possibly simplified) or an aggregated cell of tiny features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// The feature it stands for (for a cell: its largest feature), for colour and style.
    pub feature: u32,
    /// Its vertices in the level's `vertices`.
    pub vertices: Span,
    /// Its triangle corners in the level's `indices` (indices are relative to `vertices.start`).
    pub indices: Span,
    /// Its outlines and lines in the level's `paths`.
    pub paths: Span,
    /// Its point markers in the level's `points`.
    pub points: Span,
}

/// A polyline of a level: a range of its vertices, closed (a polygon ring, without the repeated first
/// vertex) or open (a line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path {
    /// The vertices.
    pub vertices: Span,
    /// Whether the last vertex joins the first.
    pub closed: bool,
}

/// The geometry of a layer for one band of scales.
#[derive(Debug, Default)]
pub struct LodLevel {
    /// The finest scale (metres per screen point) this level is used at; it serves every scale from here to
    /// the next level's.
    pub min_m_per_px: f64,
    /// The simplification tolerance in metres (0 for the exact level).
    pub tolerance_m: f64,
    /// Vertex positions in layer coordinates (metres from [`PreparedLayer::origin_in_map`]).
    pub vertices: Vec<[f32; 2]>,
    /// Triangle corners, three per triangle, relative to their item's first vertex.
    pub indices: Vec<u32>,
    /// Rings and lines.
    pub paths: Vec<Path>,
    /// Point marker positions in layer coordinates.
    pub points: Vec<[f32; 2]>,
    /// What is drawn, sorted by feature.
    pub items: Vec<Item>,
    /// How many items are aggregated cells of tiny features.
    pub cell_count: usize,
    /// Bounding box of each item in layer coordinates, for culling.
    index: RTree<ItemEnvelope>,
    /// Bounding box of all items, as (min, max).
    extent: Option<([f32; 2], [f32; 2])>,
    /// Vertices no item refers to any more (left behind by incremental updates, see
    /// [`PreparedLayer::apply_changes`]).
    dead_vertices: usize,
}

/// A layer's geometry prepared for fast drawing at every scale.
#[derive(Debug, Default)]
pub struct PreparedLayer {
    /// The map point (EPSG:9210 metres) that layer coordinates are relative to.
    pub origin_in_map: [f64; 2],
    /// Levels from the finest (exact) to the coarsest, by increasing `min_m_per_px`.
    pub levels: Vec<LodLevel>,
    /// Number of features of the layer.
    pub feature_count: usize,
    /// True once an incremental update changed features that the coarse levels still show as they were
    /// (see [`PreparedLayer::apply_changes`]).
    coarse_stale: bool,
}

impl PreparedLayer {
    /// The level used at `m_per_px`: the coarsest whose band starts at or below that scale.
    pub fn level_for(&self, m_per_px: f64) -> Option<&LodLevel> {
        self.levels
            .iter()
            .take_while(|level| level.min_m_per_px <= m_per_px)
            .last()
            .or_else(|| self.levels.first())
    }

    /// Bytes held by the prepared buffers and indexes (an estimate for the R-trees: one entry per item plus
    /// a quarter for inner nodes).
    pub fn memory_bytes(&self) -> usize {
        self.levels.iter().map(LodLevel::memory_bytes).sum()
    }

    /// The map point of a layer-coordinate vertex.
    pub fn to_map(&self, vertex: [f32; 2]) -> [f64; 2] {
        [
            self.origin_in_map[0] + f64::from(vertex[0]),
            self.origin_in_map[1] + f64::from(vertex[1]),
        ]
    }
}

impl LodLevel {
    /// The vertices of one item.
    pub fn item_vertices(&self, item: &Item) -> &[[f32; 2]] {
        self.vertices.get(item.vertices.range()).unwrap_or_default()
    }

    /// The triangle corners of one item, relative to its first vertex.
    pub fn item_indices(&self, item: &Item) -> &[u32] {
        self.indices.get(item.indices.range()).unwrap_or_default()
    }

    /// The rings and lines of one item, each with whether it is closed.
    pub fn item_paths(&self, item: &Item) -> impl Iterator<Item = (&[[f32; 2]], bool)> + '_ {
        self.paths
            .get(item.paths.range())
            .unwrap_or_default()
            .iter()
            .map(|path| {
                (
                    self.vertices.get(path.vertices.range()).unwrap_or_default(),
                    path.closed,
                )
            })
    }

    /// The point markers of one item.
    pub fn item_points(&self, item: &Item) -> &[[f32; 2]] {
        self.points.get(item.points.range()).unwrap_or_default()
    }

    /// The area of one item's triangles, in square metres.
    pub fn item_fill_area(&self, item: &Item) -> f64 {
        let vertices = self.item_vertices(item);
        let corner = |index: u32| {
            vertices
                .get(index as usize)
                .map(|v| [f64::from(v[0]), f64::from(v[1])])
        };
        self.item_indices(item)
            .chunks_exact(3)
            .filter_map(|triangle| {
                let [a, b, c] = [
                    corner(triangle[0])?,
                    corner(triangle[1])?,
                    corner(triangle[2])?,
                ];
                Some(((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0)
            })
            .sum()
    }

    /// Bytes held by this level.
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        self.vertices.capacity() * size_of::<[f32; 2]>()
            + self.indices.capacity() * size_of::<u32>()
            + self.paths.capacity() * size_of::<Path>()
            + self.points.capacity() * size_of::<[f32; 2]>()
            + self.items.capacity() * size_of::<Item>()
            + self.index.size() * size_of::<ItemEnvelope>() * 5 / 4
    }

    /// Positions (in `items`) of the items whose bounding box meets the rectangle (layer coordinates),
    /// in drawing order.
    pub fn visible_items(&self, min: [f32; 2], max: [f32; 2], out: &mut Vec<u32>) {
        out.clear();
        let Some((extent_min, extent_max)) = self.extent else {
            return;
        };
        if min[0] <= extent_min[0]
            && min[1] <= extent_min[1]
            && max[0] >= extent_max[0]
            && max[1] >= extent_max[1]
        {
            out.extend(0..self.items.len() as u32);
            return;
        }
        let envelope = rstar::AABB::from_corners(min, max);
        out.extend(
            self.index
                .locate_in_envelope_intersecting(&envelope)
                .map(|entry| entry.data),
        );
        out.sort_unstable();
    }
}
