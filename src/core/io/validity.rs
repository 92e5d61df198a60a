//! The validity note of polygons read from a file: which polygons break the OGC rules (a ring crossing or
//! touching itself, rings crossing each other, a hole outside its shell), worded as geo's
//! [`InvalidPolygon`] so the note ([`LayerNote::InvalidPolygon`](crate::core::layer_note::LayerNote)) reads
//! as before.
//!
//! The check is [`check_polygon`](crate::core::polygon_validity::check_polygon), the one editing uses:
//! the ring segments go into one R-tree (a sweep over their boxes for small rings) and only segments whose
//! boxes meet are intersected, so a polygon of n vertices costs about n·log n instead of the n² pairs of geo's `Validation` (which took over 85 % of
//! opening the 692 districts of Vietnam as a Shapefile, and which is why polygons of more than 1000
//! vertices used to go unchecked). Every polygon is now checked, whatever its size.
//!
//! **Design: the check stays on the load path.** It grows in proportion to the number of vertices (times a
//! logarithm), so a single 80,000-vertex polygon (about 30 ms) and a million parcels (about 1 µs each) load
//! in time proportional to their size, and the note stays where the planner already sees it, with the layer:
//! no second pass, thread or late-arriving note to keep in step with edits, reloads and `hpatlas info`. It is
//! not free: on the 692 districts of Vietnam (384,196 vertices) it is about half of the Shapefile's 0.23 s
//! load, and about a fifth of reading a million parcels (BENCHMARKS.md, "Shapefile polygon validity
//! (issue 13)"). If the load must get faster than that, the next step is to run this same function on the
//! worker thread after the layer is drawn and add the notes then.
//!
//! **Verdicts.** It agrees with geo's `Validation` on valid, self-touching, self-crossing (bow-tie),
//! hole-outside and repeated-corner polygons (tested against geo on random polygons). A ring that touches
//! itself at a vertex (an "inverted hole", allowed by ESRI, not by OGC) is reported as a self-intersection,
//! as geo does. It is stricter than geo on a ring that folds back along itself (a spike such as
//! `POLYGON((0 0, 2 0, 1 0, 1 1, 0 0))`, which geo accepts): that is reported as a self-intersection too.
//! Where a polygon has several problems, the one reported may differ from the first geo would report.

use geo::algorithm::validation::{CoordIndex, InvalidPolygon, RingRole};
use geo::coordinate_position::CoordPos;
use geo::{Coord, CoordinatePosition, LineString, Polygon};

use crate::core::polygon_validity::{self as fast, RingId};

/// Checks one polygon read from a file; the error says what is wrong in geo's terms (see the module
/// documentation for how it compares with geo's `Validation`). About n·log n for n vertices.
pub fn check_loaded_polygon(polygon: &Polygon) -> Result<(), InvalidPolygon> {
    fast::check_polygon(polygon).map_err(|problem| in_geo_terms(polygon, problem))
}

/// The ring's role in geo's numbering (ring 0 the shell, ring `k` hole `k - 1`).
fn role(ring: RingId) -> RingRole {
    match ring.ring {
        0 => RingRole::Exterior,
        hole => RingRole::Interior(hole - 1),
    }
}

/// The ring of `polygon` with the given role (empty if there is none).
fn ring_of(polygon: &Polygon, role: RingRole) -> LineString {
    match role {
        RingRole::Exterior => polygon.exterior().clone(),
        RingRole::Interior(hole) => polygon
            .interiors()
            .get(hole)
            .cloned()
            .unwrap_or_else(|| LineString::new(Vec::new())),
    }
}

/// Translates a problem found by the fast check into geo's wording.
fn in_geo_terms(polygon: &Polygon, problem: fast::InvalidPolygon) -> InvalidPolygon {
    match problem {
        fast::InvalidPolygon::TooFewCorners { ring } => {
            InvalidPolygon::TooFewPointsInRing(role(ring))
        }
        fast::InvalidPolygon::NonFiniteCoordinate { ring, vertex } => {
            InvalidPolygon::NonFiniteCoord(role(ring), CoordIndex(vertex))
        }
        fast::InvalidPolygon::SelfIntersection { ring, .. } => {
            InvalidPolygon::SelfIntersection(role(ring))
        }
        fast::InvalidPolygon::HoleOutsideShell { hole } => {
            InvalidPolygon::InteriorRingNotContainedInExteriorRing(role(hole))
        }
        fast::InvalidPolygon::HoleInsideHole { hole, outer } => {
            let (first, second) = ordered(role(hole), role(outer));
            InvalidPolygon::IntersectingRingsOnAnArea(first, second)
        }
        fast::InvalidPolygon::RingsCross { first, second, at } => {
            let (first, second) = ordered(role(first), role(second));
            rings_cross_in_geo_terms(polygon, first, second, at)
        }
        // A single polygon has one part; kept for completeness.
        fast::InvalidPolygon::PartInsidePart { .. } => {
            InvalidPolygon::IntersectingRingsOnAnArea(RingRole::Exterior, RingRole::Exterior)
        }
    }
}

/// The two roles with the shell first, then holes in order (geo's order of reporting).
fn ordered(a: RingRole, b: RingRole) -> (RingRole, RingRole) {
    let rank = |role: RingRole| match role {
        RingRole::Exterior => 0,
        RingRole::Interior(hole) => hole + 1,
    };
    if rank(a) <= rank(b) { (a, b) } else { (b, a) }
}

/// Two rings of a polygon cross or share a stretch (one place being `at`): geo tells a hole not inside the
/// shell from a hole that only shares a line with it, and two holes overlapping on an area from two holes
/// sharing a line. geo's own `Validation` decides this with `relate`, which panics ("topology position
/// conflict") on some rings of nearly coincident or subnormal coordinates that a file can hold (found by
/// fuzzing the Shapefile reader), so the verdict comes from point positions instead, which cannot fail:
/// where `at` is a corner of neither ring, the two boundaries cross there and the areas overlap; otherwise
/// the rings only touch or share stretches, and where each ring's corners and edge midpoints lie relative
/// to the other's area tells which (a sample of them, so that this stays linear; see [`MAX_SAMPLES`]).
fn rings_cross_in_geo_terms(
    polygon: &Polygon,
    first: RingRole,
    second: RingRole,
    at: Coord,
) -> InvalidPolygon {
    let (first_ring, second_ring) = (ring_of(polygon, first), ring_of(polygon, second));
    let is_corner = |ring: &LineString| ring.0.contains(&at);
    let boundaries_cross = !is_corner(&first_ring) && !is_corner(&second_ring);
    let on_a_line = || InvalidPolygon::IntersectingRingsOnALine(first, second);
    match first {
        RingRole::Exterior
            if boundaries_cross || any_sample_at(&second_ring, &first_ring, CoordPos::Outside) =>
        {
            InvalidPolygon::InteriorRingNotContainedInExteriorRing(second)
        }
        RingRole::Exterior => on_a_line(),
        RingRole::Interior(_)
            if boundaries_cross
                || any_sample_at(&second_ring, &first_ring, CoordPos::Inside)
                || any_sample_at(&first_ring, &second_ring, CoordPos::Inside) =>
        {
            InvalidPolygon::IntersectingRingsOnAnArea(first, second)
        }
        RingRole::Interior(_) => on_a_line(),
    }
}

/// At most this many corners and as many edge midpoints of a ring are placed in the other ring's area (evenly
/// spread along the ring), so the wording of the note stays linear in the rings' sizes.
const MAX_SAMPLES: usize = 128;

/// Whether a corner or an edge midpoint of `ring` (at most [`MAX_SAMPLES`] of each) lies at `position`
/// relative to the area `area_ring` encloses.
fn any_sample_at(ring: &LineString, area_ring: &LineString, position: CoordPos) -> bool {
    let area = Polygon::new(area_ring.clone(), Vec::new());
    let step = ring.0.len().div_ceil(MAX_SAMPLES).max(1);
    let midpoints = ring.lines().step_by(step).map(|line| Coord {
        x: line.start.x / 2.0 + line.end.x / 2.0,
        y: line.start.y / 2.0 + line.end.y / 2.0,
    });
    ring.0
        .iter()
        .copied()
        .step_by(step)
        .chain(midpoints)
        .any(|sample| area.coordinate_position(&sample) == position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Validation;

    fn square(min: f64, max: f64) -> LineString {
        LineString::from(vec![
            (min, min),
            (max, min),
            (max, max),
            (min, max),
            (min, min),
        ])
    }

    #[test]
    fn problems_read_as_geo_words_them() {
        let cases = [
            // A bow-tie.
            Polygon::new(
                LineString::from(vec![(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)]),
                vec![],
            ),
            // A hole crossing the shell.
            Polygon::new(square(0.0, 10.0), vec![square(5.0, 15.0)]),
            // A hole outside the shell.
            Polygon::new(square(0.0, 10.0), vec![square(20.0, 30.0)]),
            // A hole sharing a stretch of the shell's edge.
            Polygon::new(
                square(0.0, 10.0),
                vec![LineString::from(vec![
                    (0.0, 2.0),
                    (5.0, 2.0),
                    (5.0, 6.0),
                    (0.0, 6.0),
                    (0.0, 2.0),
                ])],
            ),
            // Two holes overlapping.
            Polygon::new(square(0.0, 10.0), vec![square(1.0, 5.0), square(3.0, 7.0)]),
            // A hole inside another hole.
            Polygon::new(square(0.0, 10.0), vec![square(1.0, 9.0), square(2.0, 8.0)]),
            // Two holes sharing an edge.
            Polygon::new(
                square(0.0, 10.0),
                vec![
                    square(1.0, 4.0),
                    LineString::from(vec![
                        (4.0, 1.0),
                        (7.0, 1.0),
                        (7.0, 4.0),
                        (4.0, 4.0),
                        (4.0, 1.0),
                    ]),
                ],
            ),
            // Too few corners.
            Polygon::new(
                LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)]),
                vec![],
            ),
        ];
        for polygon in &cases {
            assert_eq!(
                check_loaded_polygon(polygon),
                polygon.check_validation(),
                "{polygon:?}"
            );
        }
    }
}
