//! Site suggestion: choose K new sites of one radius that cover the most still-uncovered demand — the
//! maximal covering location problem, solved greedily.
//!
//! Demand is a grid of weighted points over the target units (weight = the cell's area in m², or its share of
//! the unit's population), keeping only points no existing or proposed disc covers. Each candidate's gain is
//! the weight of the uncovered points within its radius (found through an R-tree). Greedy picks the best
//! candidate, marks its points covered and repeats; gains only shrink (the objective is submodular), so stale
//! gains are re-evaluated lazily from a priority queue. Greedy is within 1 − 1/e of the optimum in general and
//! is optimal for K = 1.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use geo::{BoundingRect, Contains, Coord, MultiPolygon, Point};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::Serialize;

use super::coverage::Disc;

/// A unit of demand at one place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DemandPoint {
    /// Where, in map coordinates.
    pub at: Coord,
    /// How much (m² of area, or residents).
    pub weight: f64,
}

/// One suggested site and what it adds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    /// Position of the candidate in the list given.
    pub candidate: usize,
    /// The site's position in map coordinates.
    #[serde(skip)]
    pub at: Coord,
    /// Demand newly covered by this site, given the sites chosen before it.
    pub marginal_gain: f64,
}

/// A target unit for demand: its polygon and the weight per m² of its area (1 for area; density for people).
pub struct DemandUnit<'a> {
    /// The unit polygon in map coordinates.
    pub polygon: &'a MultiPolygon,
    /// Weight per square metre.
    pub weight_per_m2: f64,
}

/// Grid demand points (spacing `spacing_m`) inside the target units, minus those covered by `covered_by`.
pub fn uncovered_demand(
    units: &[DemandUnit],
    covered_by: &[Disc],
    spacing_m: f64,
) -> Vec<DemandPoint> {
    if !(spacing_m.is_finite() && spacing_m > 0.0) {
        return Vec::new();
    }
    let discs = DiscLookup::new(covered_by);
    let cell_m2 = spacing_m * spacing_m;
    let mut demand = Vec::new();
    for unit in units {
        let Some(bbox) = unit.polygon.bounding_rect() else {
            continue;
        };
        let columns = ((bbox.width() / spacing_m).ceil() as usize).min(100_000);
        let rows = ((bbox.height() / spacing_m).ceil() as usize).min(100_000);
        for row in 0..rows {
            for column in 0..columns {
                let at = Coord {
                    x: bbox.min().x + (column as f64 + 0.5) * spacing_m,
                    y: bbox.min().y + (row as f64 + 0.5) * spacing_m,
                };
                if unit.polygon.contains(&Point(at)) && !discs.covers(at) {
                    demand.push(DemandPoint {
                        at,
                        weight: cell_m2 * unit.weight_per_m2,
                    });
                }
            }
        }
    }
    demand
}

/// Answers "is this point inside any disc?" through an R-tree of disc centres.
struct DiscLookup {
    tree: RTree<GeomWithData<[f64; 2], f64>>,
    largest_radius_m: f64,
}

impl DiscLookup {
    fn new(discs: &[Disc]) -> Self {
        Self {
            tree: RTree::bulk_load(
                discs
                    .iter()
                    .map(|disc| GeomWithData::new([disc.center.x, disc.center.y], disc.radius_m))
                    .collect(),
            ),
            largest_radius_m: discs.iter().map(|disc| disc.radius_m).fold(0.0, f64::max),
        }
    }

    fn covers(&self, at: Coord) -> bool {
        self.tree
            .locate_within_distance([at.x, at.y], self.largest_radius_m * self.largest_radius_m)
            .any(|entry| (entry.geom()[0] - at.x).hypot(entry.geom()[1] - at.y) <= entry.data)
    }
}

/// Candidate positions on a square grid of `spacing_m` over the target units (inside them).
pub fn grid_candidates(units: &[DemandUnit], spacing_m: f64) -> Vec<Coord> {
    uncovered_demand(units, &[], spacing_m)
        .into_iter()
        .map(|point| point.at)
        .collect()
}

#[derive(PartialEq)]
struct Pending {
    gain: f64,
    candidate: usize,
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then_with(|| other.candidate.cmp(&self.candidate))
    }
}

/// Greedily chooses up to `count` of `candidates` (each with `radius_m`) to cover the most `demand`.
/// Ties go to the earlier candidate; candidates that add nothing are never suggested.
pub fn greedy_sites(
    candidates: &[Coord],
    demand: &[DemandPoint],
    radius_m: f64,
    count: usize,
) -> Vec<Suggestion> {
    let tree = RTree::bulk_load(
        demand
            .iter()
            .enumerate()
            .map(|(position, point)| GeomWithData::new([point.at.x, point.at.y], position))
            .collect(),
    );
    let reach: Vec<Vec<usize>> = candidates
        .iter()
        .map(|candidate| {
            tree.locate_within_distance([candidate.x, candidate.y], radius_m * radius_m)
                .map(|entry| entry.data)
                .collect()
        })
        .collect();
    let mut covered = vec![false; demand.len()];
    let gain_of = |candidate: usize, covered: &[bool]| -> f64 {
        reach
            .get(candidate)
            .map(|points| {
                points
                    .iter()
                    .filter(|&&point| !covered.get(point).copied().unwrap_or(true))
                    .filter_map(|&point| demand.get(point).map(|demand| demand.weight))
                    .sum()
            })
            .unwrap_or(0.0)
    };
    let mut queue: BinaryHeap<Pending> = (0..candidates.len())
        .map(|candidate| Pending {
            gain: gain_of(candidate, &covered),
            candidate,
        })
        .collect();
    let mut chosen = Vec::new();
    while chosen.len() < count {
        let Some(top) = queue.pop() else {
            break;
        };
        let fresh = gain_of(top.candidate, &covered);
        if fresh <= 0.0 {
            continue;
        }
        let still_best = queue.peek().is_none_or(|next| {
            fresh > next.gain || (fresh == next.gain && top.candidate < next.candidate)
        });
        if !still_best {
            queue.push(Pending {
                gain: fresh,
                candidate: top.candidate,
            });
            continue;
        }
        for &point in reach.get(top.candidate).into_iter().flatten() {
            if let Some(flag) = covered.get_mut(point) {
                *flag = true;
            }
        }
        if let Some(&at) = candidates.get(top.candidate) {
            chosen.push(Suggestion {
                candidate: top.candidate,
                at,
                marginal_gain: fresh,
            });
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64, weight: f64) -> DemandPoint {
        DemandPoint {
            at: Coord { x, y },
            weight,
        }
    }

    #[test]
    fn marginal_gains_do_not_count_demand_twice() {
        let demand = vec![
            point(0.0, 0.0, 5.0),
            point(100.0, 0.0, 5.0),
            point(1_000.0, 0.0, 3.0),
        ];
        let candidates = [
            Coord { x: 50.0, y: 0.0 },
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 1_000.0, y: 0.0 },
        ];
        let chosen = greedy_sites(&candidates, &demand, 60.0, 3);
        assert_eq!(chosen.len(), 2, "the third candidate would add nothing");
        assert_eq!((chosen[0].candidate, chosen[0].marginal_gain), (0, 10.0));
        assert_eq!((chosen[1].candidate, chosen[1].marginal_gain), (2, 3.0));
    }
}
