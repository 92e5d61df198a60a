//! Exact covered area of one polygon by a union of discs, without building any polygon.
//!
//! The covered set S = U ∩ (D₁ ∪ … ∪ Dₙ) is bounded by (a) the pieces of U's edges that lie inside some disc
//! and (b) the arcs of the disc circles that lie inside U and outside every other disc. Green's theorem gives
//! area(S) = ½∮(x dy − y dx) over that boundary, so the area is a sum of closed-form terms: ½(p₀ × p₁) for each
//! covered edge piece and ½[r²Δθ + r·cx·Δsinθ − r·cy·Δcosθ] for each boundary arc. Only interval arithmetic
//! and point-in-polygon tests are involved — no topology is constructed, so touching, duplicate and sliver
//! discs cannot make it fail; duplicates are removed first (their circles would count twice).
//!
//! Coordinates are metres in the map CRS (EPSG:9210), shifted to a local origin for precision.

use std::f64::consts::TAU;

use geo::{Coord, LineString, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// A service disc: every point within `radius_m` of `center` is covered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Disc {
    /// Centre in map coordinates (metres).
    pub center: Coord,
    /// Service radius in metres (> 0).
    pub radius_m: f64,
}

impl Disc {
    /// The disc's bounding rectangle.
    pub fn bbox(&self) -> Rect {
        Rect::new(
            (self.center.x - self.radius_m, self.center.y - self.radius_m),
            (self.center.x + self.radius_m, self.center.y + self.radius_m),
        )
    }
}

/// A polygon prepared for coverage: rings oriented with the interior on their left (exteriors
/// counter-clockwise, holes clockwise), closed, shifted so that `origin` is (0, 0).
#[derive(Clone, Debug)]
pub struct PreparedPolygon {
    origin: Coord,
    rings: Vec<Vec<Coord>>,
    area_m2: f64,
}

impl PreparedPolygon {
    /// Prepares a (valid) multipolygon in map coordinates.
    pub fn new(polygon: &MultiPolygon) -> Self {
        use geo::{BoundingRect, Orient, orient::Direction};
        let origin = polygon
            .bounding_rect()
            .map_or(Coord { x: 0.0, y: 0.0 }, |rect| rect.center());
        let oriented = polygon.orient(Direction::Default);
        let mut rings = Vec::new();
        for part in &oriented {
            rings.push(local_ring(part.exterior(), origin));
            rings.extend(part.interiors().iter().map(|hole| local_ring(hole, origin)));
        }
        rings.retain(|ring| ring.len() >= 4);
        let area_m2 = rings
            .iter()
            .map(|ring| shoelace(ring))
            .sum::<f64>()
            .max(0.0);
        Self {
            origin,
            rings,
            area_m2,
        }
    }

    /// The polygon's area in square metres.
    pub fn area_m2(&self) -> f64 {
        self.area_m2
    }

    /// Even-odd point-in-polygon test for a point in local coordinates.
    fn contains_local(&self, point: Coord) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for edge in ring.windows(2) {
                let (a, b) = (edge[0], edge[1]);
                if (a.y > point.y) != (b.y > point.y) {
                    let x_at_y = a.x + (point.y - a.y) / (b.y - a.y) * (b.x - a.x);
                    if point.x < x_at_y {
                        inside = !inside;
                    }
                }
            }
        }
        inside
    }
}

fn local_ring(ring: &LineString, origin: Coord) -> Vec<Coord> {
    let mut coords: Vec<Coord> = ring.coords().map(|coord| *coord - origin).collect();
    if coords.first() != coords.last()
        && let Some(first) = coords.first().copied()
    {
        coords.push(first);
    }
    coords
}

fn shoelace(ring: &[Coord]) -> f64 {
    ring.windows(2)
        .map(|edge| cross(edge[0], edge[1]))
        .sum::<f64>()
        / 2.0
}

fn cross(a: Coord, b: Coord) -> f64 {
    a.x * b.y - a.y * b.x
}

/// The discs relevant to one polygon, in local coordinates, duplicates removed, with an index when many.
struct LocalDiscs {
    discs: Vec<Disc>,
    tree: Option<RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>>,
}

/// Above this many discs, per-edge and per-disc neighbour searches go through an R-tree.
const INDEX_THRESHOLD: usize = 24;

impl LocalDiscs {
    fn new(discs: &[Disc], origin: Coord) -> Self {
        let mut local: Vec<Disc> = discs
            .iter()
            .filter(|disc| disc.radius_m > 0.0 && disc.radius_m.is_finite())
            .map(|disc| Disc {
                center: disc.center - origin,
                radius_m: disc.radius_m,
            })
            .collect();
        local.sort_by(|a, b| {
            (a.center.x, a.center.y, a.radius_m)
                .partial_cmp(&(b.center.x, b.center.y, b.radius_m))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        local.dedup_by(|a, b| same_disc(a, b));
        let tree = (local.len() > INDEX_THRESHOLD).then(|| {
            RTree::bulk_load(
                local
                    .iter()
                    .enumerate()
                    .map(|(position, disc)| {
                        let bbox = disc.bbox();
                        GeomWithData::new(
                            Rectangle::from_corners(
                                [bbox.min().x, bbox.min().y],
                                [bbox.max().x, bbox.max().y],
                            ),
                            position,
                        )
                    })
                    .collect(),
            )
        });
        Self { discs: local, tree }
    }

    /// Positions of discs whose bounding box meets the box `[min, max]`.
    fn near(&self, min: Coord, max: Coord) -> Vec<usize> {
        match &self.tree {
            Some(tree) => tree
                .locate_in_envelope_intersecting(&AABB::from_corners(
                    [min.x, min.y],
                    [max.x, max.y],
                ))
                .map(|entry| entry.data)
                .collect(),
            None => (0..self.discs.len())
                .filter(|&position| {
                    let bbox = self.discs[position].bbox();
                    bbox.min().x <= max.x
                        && bbox.max().x >= min.x
                        && bbox.min().y <= max.y
                        && bbox.max().y >= min.y
                })
                .collect(),
        }
    }
}

/// Two discs closer than this (centre and radius, in metres) are the same disc.
const SAME_DISC_TOLERANCE_M: f64 = 1e-6;

fn same_disc(a: &Disc, b: &Disc) -> bool {
    (a.center.x - b.center.x).abs() < SAME_DISC_TOLERANCE_M
        && (a.center.y - b.center.y).abs() < SAME_DISC_TOLERANCE_M
        && (a.radius_m - b.radius_m).abs() < SAME_DISC_TOLERANCE_M
}

/// The exact area (m²) of `polygon` covered by the union of `discs`.
pub fn covered_area_m2(polygon: &PreparedPolygon, discs: &[Disc]) -> f64 {
    if polygon.rings.is_empty() || discs.is_empty() {
        return 0.0;
    }
    let local = LocalDiscs::new(discs, polygon.origin);
    let along_edges = covered_edge_integral(polygon, &local);
    let along_arcs = uncovered_arc_integral(polygon, &local);
    (along_edges + along_arcs).clamp(0.0, polygon.area_m2)
}

/// ½∮(x dy − y dx) over the pieces of the polygon's edges that lie inside at least one disc.
fn covered_edge_integral(polygon: &PreparedPolygon, local: &LocalDiscs) -> f64 {
    let mut sum = 0.0;
    let mut intervals: Vec<(f64, f64)> = Vec::new();
    for ring in &polygon.rings {
        for edge in ring.windows(2) {
            let (a, b) = (edge[0], edge[1]);
            let min = Coord {
                x: a.x.min(b.x),
                y: a.y.min(b.y),
            };
            let max = Coord {
                x: a.x.max(b.x),
                y: a.y.max(b.y),
            };
            intervals.clear();
            for position in local.near(min, max) {
                if let Some(interval) = segment_inside_disc(a, b, &local.discs[position]) {
                    intervals.push(interval);
                }
            }
            for (t0, t1) in merge_intervals(&mut intervals) {
                sum += cross(lerp(a, b, t0), lerp(a, b, t1)) / 2.0;
            }
        }
    }
    sum
}

fn lerp(a: Coord, b: Coord, t: f64) -> Coord {
    Coord {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    }
}

/// The parameter interval (within 0..1) of segment a→b inside the disc, if any.
fn segment_inside_disc(a: Coord, b: Coord, disc: &Disc) -> Option<(f64, f64)> {
    let (t0, t1) = segment_circle_roots(a, b, disc)?;
    let (t0, t1) = (t0.max(0.0), t1.min(1.0));
    (t1 > t0).then_some((t0, t1))
}

/// Both roots t₀ ≤ t₁ of |a + t(b − a) − c| = r, when the line meets the circle at two points.
fn segment_circle_roots(a: Coord, b: Coord, disc: &Disc) -> Option<(f64, f64)> {
    let direction = b - a;
    let from_center = a - disc.center;
    let qa = direction.x * direction.x + direction.y * direction.y;
    if qa <= 0.0 {
        return None;
    }
    let qb = 2.0 * (from_center.x * direction.x + from_center.y * direction.y);
    let qc = from_center.x * from_center.x + from_center.y * from_center.y
        - disc.radius_m * disc.radius_m;
    let discriminant = qb * qb - 4.0 * qa * qc;
    if discriminant <= 0.0 {
        return None;
    }
    let root = discriminant.sqrt();
    Some(((-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa)))
}

/// Sorts and merges overlapping intervals in place, returning the merged list.
fn merge_intervals(intervals: &mut [(f64, f64)]) -> Vec<(f64, f64)> {
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(intervals.len());
    for &(start, end) in intervals.iter() {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// ½∮(x dy − y dx) over the arcs of each circle that lie inside the polygon and outside all other discs.
fn uncovered_arc_integral(polygon: &PreparedPolygon, local: &LocalDiscs) -> f64 {
    let mut sum = 0.0;
    let mut breakpoints: Vec<f64> = Vec::new();
    for (position, disc) in local.discs.iter().enumerate() {
        let bbox = disc.bbox();
        let neighbours: Vec<usize> = local
            .near(bbox.min(), bbox.max())
            .into_iter()
            .filter(|&other| other != position)
            .collect();
        breakpoints.clear();
        if !collect_disc_breakpoints(disc, &neighbours, &local.discs, &mut breakpoints) {
            continue;
        }
        collect_edge_breakpoints(disc, polygon, &mut breakpoints);
        sum += boundary_arcs_integral(disc, polygon, &neighbours, &local.discs, &mut breakpoints);
    }
    sum
}

/// Adds the angles where other circles cut this one. Returns false when another disc swallows this one.
fn collect_disc_breakpoints(
    disc: &Disc,
    neighbours: &[usize],
    discs: &[Disc],
    breakpoints: &mut Vec<f64>,
) -> bool {
    for &other_position in neighbours {
        let other = &discs[other_position];
        let offset = other.center - disc.center;
        let distance = offset.x.hypot(offset.y);
        if distance + disc.radius_m <= other.radius_m {
            return false;
        }
        if distance >= disc.radius_m + other.radius_m || distance + other.radius_m <= disc.radius_m
        {
            continue;
        }
        let cos_half = (distance * distance + disc.radius_m * disc.radius_m
            - other.radius_m * other.radius_m)
            / (2.0 * distance * disc.radius_m);
        let half = cos_half.clamp(-1.0, 1.0).acos();
        let toward = offset.y.atan2(offset.x);
        breakpoints.push(toward - half);
        breakpoints.push(toward + half);
    }
    true
}

/// Adds the angles where the polygon's edges cross this circle.
fn collect_edge_breakpoints(disc: &Disc, polygon: &PreparedPolygon, breakpoints: &mut Vec<f64>) {
    let bbox = disc.bbox();
    for ring in &polygon.rings {
        for edge in ring.windows(2) {
            let (a, b) = (edge[0], edge[1]);
            if a.x.max(b.x) < bbox.min().x
                || a.x.min(b.x) > bbox.max().x
                || a.y.max(b.y) < bbox.min().y
                || a.y.min(b.y) > bbox.max().y
            {
                continue;
            }
            if let Some((t0, t1)) = segment_circle_roots(a, b, disc) {
                for t in [t0, t1] {
                    if (0.0..=1.0).contains(&t) {
                        let point = lerp(a, b, t) - disc.center;
                        breakpoints.push(point.y.atan2(point.x));
                    }
                }
            }
        }
    }
}

/// Sums the integral over the sub-arcs between breakpoints that are inside the polygon and no other disc.
fn boundary_arcs_integral(
    disc: &Disc,
    polygon: &PreparedPolygon,
    neighbours: &[usize],
    discs: &[Disc],
    breakpoints: &mut [f64],
) -> f64 {
    let counts = |angle: f64| -> bool {
        let point = Coord {
            x: disc.center.x + disc.radius_m * angle.cos(),
            y: disc.center.y + disc.radius_m * angle.sin(),
        };
        polygon.contains_local(point)
            && !neighbours.iter().any(|&other| {
                let other = &discs[other];
                let offset = point - other.center;
                offset.x.hypot(offset.y) < other.radius_m
            })
    };
    if breakpoints.is_empty() {
        return if counts(0.0) {
            arc_integral(disc, 0.0, TAU)
        } else {
            0.0
        };
    }
    for angle in breakpoints.iter_mut() {
        *angle = angle.rem_euclid(TAU);
    }
    breakpoints.sort_by(f64::total_cmp);
    let mut sum = 0.0;
    for (index, &start) in breakpoints.iter().enumerate() {
        let end = match breakpoints.get(index + 1) {
            Some(&next) => next,
            None => breakpoints.first().map_or(start, |&first| first + TAU),
        };
        if end - start > 1e-12 && counts((start + end) / 2.0) {
            sum += arc_integral(disc, start, end);
        }
    }
    sum
}

/// ½∫(x dy − y dx) along the circle from angle `start` to `end` (counter-clockwise).
fn arc_integral(disc: &Disc, start: f64, end: f64) -> f64 {
    let r = disc.radius_m;
    let (cx, cy) = (disc.center.x, disc.center.y);
    0.5 * (r * r * (end - start) + r * cx * (end.sin() - start.sin())
        - r * cy * (end.cos() - start.cos()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Polygon, polygon};

    fn square(min: f64, max: f64) -> PreparedPolygon {
        let polygon: Polygon =
            polygon![(x: min, y: min), (x: max, y: min), (x: max, y: max), (x: min, y: max)];
        PreparedPolygon::new(&MultiPolygon::new(vec![polygon]))
    }

    fn disc(x: f64, y: f64, radius_m: f64) -> Disc {
        Disc {
            center: Coord { x, y },
            radius_m,
        }
    }

    #[test]
    fn a_lone_disc_inside_covers_pi_r_squared() {
        let unit = square(0.0, 10_000.0);
        let covered = covered_area_m2(&unit, &[disc(5_000.0, 5_000.0, 600.0)]);
        let exact = std::f64::consts::PI * 600.0 * 600.0;
        assert!(
            (covered - exact).abs() / exact < 1e-9,
            "{covered} vs {exact}"
        );
    }

    #[test]
    fn two_overlapping_discs_give_the_union_through_the_lens_area() {
        let unit = square(0.0, 10_000.0);
        let (r, d) = (1_000.0_f64, 1_200.0_f64);
        let lens = 2.0 * r * r * (d / (2.0 * r)).acos() - (d / 2.0) * (4.0 * r * r - d * d).sqrt();
        let exact = 2.0 * std::f64::consts::PI * r * r - lens;
        let covered = covered_area_m2(
            &unit,
            &[disc(4_000.0, 5_000.0, r), disc(4_000.0 + d, 5_000.0, r)],
        );
        assert!(
            (covered - exact).abs() / exact < 1e-9,
            "{covered} vs {exact}"
        );
    }

    #[test]
    fn a_unit_inside_a_disc_is_fully_covered() {
        let unit = square(0.0, 1_000.0);
        let covered = covered_area_m2(&unit, &[disc(500.0, 500.0, 2_000.0)]);
        assert!((covered - 1.0e6).abs() < 1e-6, "{covered}");
    }

    #[test]
    fn a_disc_on_a_straight_edge_covers_half() {
        let unit = square(0.0, 10_000.0);
        let covered = covered_area_m2(&unit, &[disc(5_000.0, 0.0, 800.0)]);
        let exact = std::f64::consts::PI * 800.0 * 800.0 / 2.0;
        assert!(
            (covered - exact).abs() / exact < 1e-9,
            "{covered} vs {exact}"
        );
    }

    #[test]
    fn duplicate_touching_and_nested_discs_count_once() {
        let unit = square(0.0, 10_000.0);
        let r = 500.0;
        let one = std::f64::consts::PI * r * r;
        let duplicate = covered_area_m2(
            &unit,
            &[disc(3_000.0, 3_000.0, r), disc(3_000.0, 3_000.0, r)],
        );
        assert!(
            (duplicate - one).abs() / one < 1e-9,
            "duplicate: {duplicate}"
        );
        let touching = covered_area_m2(
            &unit,
            &[disc(3_000.0, 3_000.0, r), disc(4_000.0, 3_000.0, r)],
        );
        assert!(
            (touching - 2.0 * one).abs() / one < 1e-9,
            "touching: {touching}"
        );
        let nested = covered_area_m2(
            &unit,
            &[disc(3_000.0, 3_000.0, r), disc(3_100.0, 3_000.0, 100.0)],
        );
        assert!((nested - one).abs() / one < 1e-9, "nested: {nested}");
        let sliver = covered_area_m2(
            &unit,
            &[disc(3_000.0, 3_000.0, r), disc(3_000.0 + 1e-7, 3_000.0, r)],
        );
        assert!((sliver - one).abs() / one < 1e-6, "sliver: {sliver}");
    }

    #[test]
    fn holes_are_not_covered() {
        let outer: Polygon = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 4_000.0, y: 0.0), (x: 4_000.0, y: 4_000.0), (x: 0.0, y: 4_000.0)],
            interiors: [[(x: 1_000.0, y: 1_000.0), (x: 3_000.0, y: 1_000.0), (x: 3_000.0, y: 3_000.0), (x: 1_000.0, y: 3_000.0)]],
        ];
        let unit = PreparedPolygon::new(&MultiPolygon::new(vec![outer]));
        assert!((unit.area_m2() - 12.0e6).abs() < 1e-6);
        let covered = covered_area_m2(&unit, &[disc(2_000.0, 2_000.0, 10_000.0)]);
        assert!((covered - 12.0e6).abs() < 1e-3, "{covered}");
        let inside_hole = covered_area_m2(&unit, &[disc(2_000.0, 2_000.0, 900.0)]);
        assert!(inside_hole.abs() < 1e-6, "{inside_hole}");
    }

    #[test]
    fn merging_intervals() {
        let mut intervals = vec![(0.5, 0.7), (0.1, 0.3), (0.2, 0.4), (0.7, 0.8)];
        assert_eq!(
            merge_intervals(&mut intervals),
            vec![(0.1, 0.4), (0.5, 0.8)]
        );
    }
}
