//! Covered and uncovered (gap) geometry of a unit, for drawing and for the gap list.
//!
//! The figures of the analysis come from the exact method in [`super::coverage`]; this module only builds
//! shapes, with each disc approximated by a circumscribed polygon of [`DISC_SEGMENTS`] sides (area within
//! 0.2 % of the disc) and the overlay done by `i_overlay` with the non-zero fill rule, so overlapping discs
//! merge. Boolean operations have panicked on degenerate input in the past, so each call is guarded: a unit
//! whose overlay fails gets no shapes and a [`GapError`], and the rest of the map is unaffected.

use std::f64::consts::TAU;

use geo::algorithm::bool_ops::{BooleanOps, FillRule, OpType};
use geo::{Area, Coord, LineString, MultiPolygon, Polygon};
use thiserror::Error;

use super::coverage::Disc;

/// Sides of the polygon that stands for a disc in drawn geometry.
pub const DISC_SEGMENTS: usize = 72;

/// Gap polygons smaller than this are left out of the gap list (slivers between neighbouring discs).
pub const MIN_GAP_AREA_M2: f64 = 100.0;

/// The overlay of a unit could not be built.
#[derive(Clone, Debug, Error, PartialEq)]
#[error(
    "the coverage shapes of this unit could not be built (the polygon overlay failed); its figures are still exact"
)]
pub struct GapError;

/// The covered and uncovered parts of one unit.
#[derive(Clone, Debug)]
pub struct UnitShapes {
    /// The part of the unit inside the union of discs.
    pub covered: MultiPolygon,
    /// The part of the unit outside every disc, as separate gap polygons.
    pub gaps: MultiPolygon,
}

/// A disc as a counter-clockwise polygon whose edges touch the circle from outside.
pub fn disc_polygon(disc: &Disc) -> Polygon {
    let outer_radius = disc.radius_m / (std::f64::consts::PI / DISC_SEGMENTS as f64).cos();
    let ring: Vec<Coord> = (0..=DISC_SEGMENTS)
        .map(|step| {
            let angle = TAU * (step % DISC_SEGMENTS) as f64 / DISC_SEGMENTS as f64;
            Coord {
                x: disc.center.x + outer_radius * angle.cos(),
                y: disc.center.y + outer_radius * angle.sin(),
            }
        })
        .collect();
    Polygon::new(LineString::new(ring), Vec::new())
}

/// Builds the covered and gap shapes of `unit` for the discs that can touch it.
pub fn unit_shapes(unit: &MultiPolygon, discs: &[Disc]) -> Result<UnitShapes, GapError> {
    if discs.is_empty() {
        return Ok(UnitShapes {
            covered: MultiPolygon::new(Vec::new()),
            gaps: unit.clone(),
        });
    }
    let outcome = std::panic::catch_unwind(|| {
        let union = MultiPolygon::new(discs.iter().map(disc_polygon).collect());
        let covered =
            unit.boolean_op_with_fill_rule(&union, OpType::Intersection, FillRule::NonZero);
        let gaps = unit.boolean_op_with_fill_rule(&union, OpType::Difference, FillRule::NonZero);
        (covered, gaps)
    });
    let (covered, gaps) = outcome.map_err(|_| GapError)?;
    let gaps = MultiPolygon::new(
        gaps.into_iter()
            .filter(|gap| gap.unsigned_area() >= MIN_GAP_AREA_M2)
            .collect(),
    );
    Ok(UnitShapes { covered, gaps })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn overlapping_discs_leave_the_expected_gap() {
        let unit = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 4_000.0, y: 0.0), (x: 4_000.0, y: 2_000.0), (x: 0.0, y: 2_000.0)
        ]]);
        let discs = [
            Disc {
                center: Coord {
                    x: 1_000.0,
                    y: 1_000.0,
                },
                radius_m: 800.0,
            },
            Disc {
                center: Coord {
                    x: 1_500.0,
                    y: 1_000.0,
                },
                radius_m: 800.0,
            },
        ];
        let shapes = unit_shapes(&unit, &discs).expect("overlay works");
        let exact_covered = crate::core::analysis::coverage::covered_area_m2(
            &crate::core::analysis::coverage::PreparedPolygon::new(&unit),
            &discs,
        );
        let drawn_covered = shapes.covered.unsigned_area();
        assert!(
            (drawn_covered - exact_covered).abs() / exact_covered < 0.003,
            "{drawn_covered} vs {exact_covered}"
        );
        let gap_total = shapes.gaps.unsigned_area();
        assert!(
            (gap_total + drawn_covered - 8.0e6).abs() < 1.0,
            "gaps {gap_total}"
        );
        assert_eq!(shapes.gaps.0.len(), 1, "one connected gap around the discs");
    }
}
