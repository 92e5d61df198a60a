//! The per-layer spatial index and hit testing.
//!
//! Each layer keeps an `rstar` R-tree of its features' bounding rectangles in the map CRS, bulk-loaded once.
//! Viewport culling asks it which features touch a rectangle; identify asks it for the few candidates near the
//! cursor and then runs an exact test (point in polygon, distance to a line or point) on those alone — never a
//! scan of all features.

use geo::{Contains, Distance, Euclidean, Geometry, Point, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RStarInsertionStrategy, RTree, RTreeParams};

use super::feature::Feature;
use super::geometry::dimension;

type IndexedEnvelope = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Node sizes of the layer R-trees. The tree is bulk-loaded once and then only queried, so nodes are wider than
/// rstar's default (6): a tree of a million features is three levels shallower, and a query over random windows
/// follows fewer pointers into memory that is not in cache.
#[derive(Debug, Clone, Copy)]
pub struct LayerIndexParams;

impl RTreeParams for LayerIndexParams {
    const MIN_SIZE: usize = 6;
    const MAX_SIZE: usize = 16;
    const REINSERTION_COUNT: usize = 4;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

/// An R-tree of feature bounding rectangles; the data of each entry is the feature's position in its layer.
#[derive(Debug, Default)]
pub struct SpatialIndex {
    tree: RTree<IndexedEnvelope, LayerIndexParams>,
}

impl SpatialIndex {
    /// Bulk-loads the bounding rectangles of `features` (features without geometry are left out).
    pub fn build(features: &[Feature]) -> Self {
        let envelopes = features
            .iter()
            .enumerate()
            .filter_map(|(position, feature)| {
                let bbox = feature.bbox_in_map?;
                Some(GeomWithData::new(rectangle_of(bbox), position))
            })
            .collect();
        Self {
            tree: RTree::bulk_load_with_params(envelopes),
        }
    }

    /// Adds the feature at `position` with bounding rectangle `bbox_in_map` (features without one are not
    /// indexed).
    pub fn insert(&mut self, position: usize, bbox_in_map: Option<Rect>) {
        if let Some(bbox) = bbox_in_map {
            self.tree
                .insert(GeomWithData::new(rectangle_of(bbox), position));
        }
    }

    /// Removes the feature at `position` whose indexed rectangle is `bbox_in_map`; false when it was not there.
    pub fn remove(&mut self, position: usize, bbox_in_map: Option<Rect>) -> bool {
        bbox_in_map.is_some_and(|bbox| {
            self.tree
                .remove(&GeomWithData::new(rectangle_of(bbox), position))
                .is_some()
        })
    }

    /// Renumbers the entries of features at positions `from` and after by `delta` (a feature was inserted
    /// before them: +1, or removed: −1), in one pass over the tree without rebuilding it.
    pub fn shift_positions(&mut self, from: usize, delta: isize) {
        for entry in self.tree.iter_mut() {
            if entry.data >= from {
                entry.data = entry.data.saturating_add_signed(delta);
            }
        }
    }

    /// The rectangle around every indexed feature (the root's envelope: exact, and kept up to date by
    /// insertions and removals), or `None` when nothing is indexed.
    pub fn extent(&self) -> Option<Rect> {
        if self.tree.size() == 0 {
            return None;
        }
        let envelope = self.tree.root().envelope();
        let [min_x, min_y] = envelope.lower();
        let [max_x, max_y] = envelope.upper();
        Some(Rect::new((min_x, min_y), (max_x, max_y)))
    }

    /// Number of indexed features.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// Positions of the features whose bounding rectangle intersects `rect_in_map`.
    pub fn query(&self, rect_in_map: Rect) -> impl Iterator<Item = usize> + '_ {
        let envelope = AABB::from_corners(
            [rect_in_map.min().x, rect_in_map.min().y],
            [rect_in_map.max().x, rect_in_map.max().y],
        );
        self.tree
            .locate_in_envelope_intersecting(&envelope)
            .map(|entry| entry.data)
    }
}

/// The R-tree rectangle of a bounding rectangle.
fn rectangle_of(bbox: Rect) -> Rectangle<[f64; 2]> {
    Rectangle::from_corners([bbox.min().x, bbox.min().y], [bbox.max().x, bbox.max().y])
}

/// The feature a click at `pt_in_map` means, if any.
///
/// Candidates come from `index` (rectangles within `tolerance_m` of the point); each is then tested exactly: a
/// polygon must contain the point, a line or point must lie within `tolerance_m`. Points win over lines, lines
/// over polygons; among polygons the smallest wins, among lines and points the nearest; ties go to the feature
/// drawn last (on top).
pub fn hit_test(
    features: &[Feature],
    index: &SpatialIndex,
    pt_in_map: Point,
    tolerance_m: f64,
) -> Option<usize> {
    let search = Rect::new(
        (pt_in_map.x() - tolerance_m, pt_in_map.y() - tolerance_m),
        (pt_in_map.x() + tolerance_m, pt_in_map.y() + tolerance_m),
    );
    let mut best: Option<(u8, f64, usize)> = None;
    for position in index.query(search) {
        let Some(feature) = features.get(position) else {
            continue;
        };
        let Some(score) = exact_hit_score(&feature.geometry_in_map, pt_in_map, tolerance_m) else {
            continue;
        };
        let rank = (dimension(&feature.geometry_in_map), score, position);
        let better = match best {
            None => true,
            Some((best_dim, best_score, best_pos)) => {
                (rank.0, rank.1) < (best_dim, best_score)
                    || ((rank.0, rank.1) == (best_dim, best_score) && position > best_pos)
            }
        };
        if better {
            best = Some(rank);
        }
    }
    best.map(|(_, _, position)| position)
}

/// `Some(score)` when `geometry` is hit by a click at `pt`; smaller scores are better hits.
fn exact_hit_score(geometry: &Geometry, pt: Point, tolerance_m: f64) -> Option<f64> {
    match geometry {
        Geometry::Polygon(_)
        | Geometry::MultiPolygon(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => {
            if geometry.contains(&pt) {
                Some(geo::Area::unsigned_area(geometry))
            } else {
                let distance = Euclidean.distance(geometry, &pt);
                (distance <= tolerance_m).then_some(f64::MAX / 2.0 + distance)
            }
        }
        Geometry::GeometryCollection(collection) => collection
            .iter()
            .filter_map(|part| exact_hit_score(part, pt, tolerance_m))
            .min_by(f64::total_cmp),
        _ => {
            let distance = Euclidean.distance(geometry, &pt);
            (distance <= tolerance_m).then_some(distance)
        }
    }
}
