//! The segments of a set of rings and the search for segments near a box, shared by validity checking and
//! splitting. Few segments are searched by a plain scan; many are bulk-loaded into an R-tree (rstar, the
//! version geo uses), so finding every pair of segments that might meet costs about n·log n, not n². The
//! pairs are first looked for by a sweep over the boxes sorted by their west edge, which for the rings of
//! real maps meets only a few neighbours per segment and costs a sort; a sweep that meets more than
//! [`SWEEP_BUDGET_PER_SEGMENT`] boxes per segment (long segments side by side, as in a comb) stops and the
//! R-tree finishes the job, so no ring costs n².

use std::cell::OnceCell;

use geo::Coord;
use geo::kernels::Orientation;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use super::predicates::{on_segment, orient};

/// Below this many segments a scan is faster than building a tree.
const SCAN_MAX_SEGMENTS: usize = 48;

/// How many boxes per segment, on average, the sweep may compare before the R-tree takes over.
const SWEEP_BUDGET_PER_SEGMENT: usize = 64;

/// One segment of a ring: from corner `index` to the next corner of ring `ring`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Segment {
    /// Start.
    pub a: Coord,
    /// End.
    pub b: Coord,
    /// The ring's position in the caller's list of rings.
    pub ring: usize,
    /// The position of the segment's start among the ring's corners.
    pub index: usize,
}

impl Segment {
    /// Lower-left and upper-right corners of the segment's bounding box.
    pub fn bounds(&self) -> (Coord, Coord) {
        (
            Coord {
                x: self.a.x.min(self.b.x),
                y: self.a.y.min(self.b.y),
            },
            Coord {
                x: self.a.x.max(self.b.x),
                y: self.a.y.max(self.b.y),
            },
        )
    }
}

/// The closed rings `rings` (corners without the repeated first one) as segments, ring after ring.
pub(crate) fn ring_segments(rings: &[Vec<Coord>]) -> Vec<Segment> {
    rings
        .iter()
        .enumerate()
        .flat_map(|(ring, corners)| {
            corners
                .iter()
                .zip(corners.iter().cycle().skip(1))
                .enumerate()
                .map(move |(index, (a, b))| Segment {
                    a: *a,
                    b: *b,
                    ring,
                    index,
                })
        })
        .collect()
}

type SegmentEnvelope = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Finds the segments whose bounding boxes meet a box.
pub(crate) struct SegmentIndex<'a> {
    segments: &'a [Segment],
    /// Built on first use, and only for more than [`SCAN_MAX_SEGMENTS`] segments.
    tree: OnceCell<Option<RTree<SegmentEnvelope>>>,
    /// The largest x of any segment (where eastward rays can stop).
    max_x: f64,
}

impl<'a> SegmentIndex<'a> {
    /// Indexes `segments` (an R-tree when there are many, built when first needed).
    pub fn new(segments: &'a [Segment]) -> Self {
        let max_x = segments
            .iter()
            .map(|segment| segment.a.x.max(segment.b.x))
            .fold(f64::NEG_INFINITY, f64::max);
        Self {
            segments,
            tree: OnceCell::new(),
            max_x,
        }
    }

    /// The R-tree of the segments' boxes, when there are enough segments for one.
    fn tree(&self) -> Option<&RTree<SegmentEnvelope>> {
        self.tree
            .get_or_init(|| {
                (self.segments.len() > SCAN_MAX_SEGMENTS).then(|| {
                    RTree::bulk_load(
                        self.segments
                            .iter()
                            .enumerate()
                            .map(|(position, segment)| {
                                let (min, max) = segment.bounds();
                                GeomWithData::new(
                                    Rectangle::from_corners([min.x, min.y], [max.x, max.y]),
                                    position,
                                )
                            })
                            .collect(),
                    )
                })
            })
            .as_ref()
    }

    /// The indexed segments.
    pub fn segments(&self) -> &'a [Segment] {
        self.segments
    }

    /// Puts into `out` (cleared first) the positions of the segments whose bounding box meets the box from
    /// `min` to `max`.
    pub fn in_box(&self, min: Coord, max: Coord, out: &mut Vec<usize>) {
        out.clear();
        match self.tree() {
            Some(tree) => {
                let envelope = AABB::from_corners([min.x, min.y], [max.x, max.y]);
                out.extend(
                    tree.locate_in_envelope_intersecting(&envelope)
                        .map(|entry| entry.data),
                );
            }
            None => out.extend(
                self.segments
                    .iter()
                    .enumerate()
                    .filter(|(_, segment)| {
                        let (low, high) = segment.bounds();
                        low.x <= max.x && high.x >= min.x && low.y <= max.y && high.y >= min.y
                    })
                    .map(|(position, _)| position),
            ),
        }
    }

    /// Calls `visit(i, j)` with `i < j` for every pair of segments whose bounding boxes meet and returns the
    /// error of the first pair in increasing order of `(i, j)` that fails. `visit` must not depend on the
    /// order of calls: it may be called for pairs after that one (the sweep used for few segments visits the
    /// pairs out of order).
    pub fn for_each_pair<E>(
        &self,
        mut visit: impl FnMut(usize, usize) -> Result<(), E>,
    ) -> Result<(), E> {
        let budget = (self.segments.len() > SCAN_MAX_SEGMENTS)
            .then(|| SWEEP_BUDGET_PER_SEGMENT.saturating_mul(self.segments.len()));
        if let Some(result) = self.for_each_pair_by_sweep(&mut visit, budget) {
            return result;
        }
        let mut near = Vec::new();
        for (position, segment) in self.segments.iter().enumerate() {
            let (min, max) = segment.bounds();
            self.in_box(min, max, &mut near);
            near.sort_unstable();
            for &other in near.iter().filter(|&&other| other > position) {
                visit(position, other)?;
            }
        }
        Ok(())
    }

    /// [`Self::for_each_pair`] by sweeping the boxes in order of their west edge (a plain scan of all pairs
    /// cost most of checking a small polygon). Every pair is visited and the error of the smallest failing
    /// pair kept, so the result does not depend on the sweep's order. `None` when more than `budget` boxes
    /// had to be compared (the caller then uses the R-tree; the pairs visited so far may be visited again).
    fn for_each_pair_by_sweep<E>(
        &self,
        visit: &mut impl FnMut(usize, usize) -> Result<(), E>,
        budget: Option<usize>,
    ) -> Option<Result<(), E>> {
        let mut comparisons_left = budget.unwrap_or(usize::MAX);
        let mut boxes: Vec<(Coord, Coord, usize)> = self
            .segments
            .iter()
            .enumerate()
            .map(|(position, segment)| {
                let (min, max) = segment.bounds();
                (min, max, position)
            })
            .collect();
        boxes.sort_unstable_by(|a, b| a.0.x.total_cmp(&b.0.x));
        let mut first_failure: Option<((usize, usize), E)> = None;
        for (rank, &(low, high, first)) in boxes.iter().enumerate() {
            for &(other_low, other_high, second) in boxes.iter().skip(rank + 1) {
                if other_low.x > high.x {
                    break;
                }
                comparisons_left = comparisons_left.checked_sub(1)?;
                if other_low.y > high.y || other_high.y < low.y {
                    continue;
                }
                let pair = (first.min(second), first.max(second));
                if first_failure
                    .as_ref()
                    .is_some_and(|(failed, _)| *failed < pair)
                {
                    continue;
                }
                if let Err(error) = visit(pair.0, pair.1) {
                    first_failure = Some((pair, error));
                }
            }
        }
        Some(match first_failure {
            Some((_, error)) => Err(error),
            None => Ok(()),
        })
    }

    /// Counts how often the ray from `pt` to the east crosses each ring other than `skip_ring`, as
    /// `(ring, crossings)` for the rings it crosses; `None` when `pt` lies on one of those rings.
    pub fn ray_crossings(
        &self,
        pt: Coord,
        skip_ring: Option<usize>,
        near: &mut Vec<usize>,
    ) -> Option<Vec<(usize, usize)>> {
        self.in_box(
            pt,
            Coord {
                x: self.max_x.max(pt.x),
                y: pt.y,
            },
            near,
        );
        let mut crossed: Vec<usize> = Vec::new();
        for segment in near
            .iter()
            .filter_map(|&position| self.segments.get(position))
        {
            if Some(segment.ring) == skip_ring {
                continue;
            }
            if on_segment(pt, segment.a, segment.b) {
                return None;
            }
            if crosses_eastward_ray(segment, pt) {
                crossed.push(segment.ring);
            }
        }
        crossed.sort_unstable();
        Some(
            crossed
                .chunk_by(|a, b| a == b)
                .filter_map(|chunk| Some((*chunk.first()?, chunk.len())))
                .collect(),
        )
    }

    /// Whether `pt` is inside the area the rings enclose (an odd number of ring crossings to the east);
    /// `None` when it lies on a ring.
    pub fn encloses(&self, pt: Coord) -> Option<bool> {
        let crossings = self.ray_crossings(pt, None, &mut Vec::new())?;
        let total: usize = crossings.iter().map(|&(_, count)| count).sum();
        Some(!total.is_multiple_of(2))
    }
}

/// Whether the segment crosses the ray from `pt` to the east (half-open in y, so a ray through a corner
/// counts once; `pt` is not on the segment).
fn crosses_eastward_ray(segment: &Segment, pt: Coord) -> bool {
    let (a, b) = (segment.a, segment.b);
    if (a.y > pt.y) == (b.y > pt.y) {
        return false;
    }
    let side = orient(a, b, pt);
    if a.y < b.y {
        side == Orientation::CounterClockwise
    } else {
        side == Orientation::Clockwise
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every pair `i < j` whose boxes meet, by comparing all pairs.
    fn pairs_by_brute_force(segments: &[Segment]) -> BTreeSet<(usize, usize)> {
        let mut pairs = BTreeSet::new();
        for (i, first) in segments.iter().enumerate() {
            for (j, second) in segments.iter().enumerate().skip(i + 1) {
                let ((low, high), (other_low, other_high)) = (first.bounds(), second.bounds());
                if low.x <= other_high.x
                    && other_low.x <= high.x
                    && low.y <= other_high.y
                    && other_low.y <= high.y
                {
                    pairs.insert((i, j));
                }
            }
        }
        pairs
    }

    fn pairs_found(segments: &[Segment]) -> BTreeSet<(usize, usize)> {
        let mut pairs = BTreeSet::new();
        let outcome: Result<(), ()> = SegmentIndex::new(segments).for_each_pair(|i, j| {
            pairs.insert((i, j));
            Ok(())
        });
        assert_eq!(outcome, Ok(()));
        pairs
    }

    /// A comb: `teeth` long horizontal teeth side by side, so every tooth's long edges overlap every other's
    /// in x — the sweep meets far more boxes than its budget allows.
    fn comb(teeth: usize) -> Vec<Coord> {
        let mut corners = vec![Coord { x: 0.0, y: 0.0 }];
        for tooth in 0..teeth {
            let y = tooth as f64 * 2.0;
            corners.push(Coord { x: 1000.0, y });
            corners.push(Coord {
                x: 1000.0,
                y: y + 1.0,
            });
            corners.push(Coord { x: 1.0, y: y + 1.0 });
            corners.push(Coord { x: 1.0, y: y + 2.0 });
        }
        corners.push(Coord {
            x: 0.0,
            y: teeth as f64 * 2.0,
        });
        corners
    }

    #[test]
    fn the_sweep_stays_within_its_budget_on_an_ordinary_ring() {
        let ring: Vec<Coord> = crate::core::testdata::wavy_ring([0.0, 0.0], 1000.0, 2000)
            .0
            .into_iter()
            .skip(1)
            .collect();
        let segments = ring_segments(&[ring]);
        let index = SegmentIndex::new(&segments);
        let swept = index.for_each_pair_by_sweep(
            &mut |_, _| -> Result<(), ()> { Ok(()) },
            Some(SWEEP_BUDGET_PER_SEGMENT * segments.len()),
        );
        assert_eq!(swept, Some(Ok(())));
        assert!(index.tree.get().is_none(), "no R-tree was needed");
        assert_eq!(pairs_found(&segments), pairs_by_brute_force(&segments));
    }

    #[test]
    fn a_comb_overruns_the_sweep_and_the_tree_finds_the_same_pairs() {
        let segments = ring_segments(&[comb(150)]);
        let index = SegmentIndex::new(&segments);
        let swept = index.for_each_pair_by_sweep(
            &mut |_, _| -> Result<(), ()> { Ok(()) },
            Some(SWEEP_BUDGET_PER_SEGMENT * segments.len()),
        );
        assert_eq!(swept, None, "the sweep gave up");
        assert_eq!(pairs_found(&segments), pairs_by_brute_force(&segments));
        // And the verdict on the comb itself: a valid polygon.
        let polygon = geo::Polygon::new(geo::LineString::from(comb(150)), vec![]);
        assert!(super::super::check_polygon(&polygon).is_ok());
    }
}
