//! Coverage engine checks against independent computations: a fine polygon overlay on random instances,
//! incremental updates against full recomputation, and greedy siting against exhaustive search.

use geo::algorithm::bool_ops::{BooleanOps, FillRule, OpType};
use geo::{Area, Coord, LineString, MultiPolygon, Polygon};
use hpatlas::core::analysis::coverage::{Disc, PreparedPolygon, covered_area_m2};
use hpatlas::core::analysis::coverage_model::{CoverageModel, DiscId, UnitInput};
use hpatlas::core::analysis::siting::{DemandPoint, greedy_sites};

/// The seeded generator of the core's synthetic data, so every run checks the same instances.
use hpatlas::core::testdata::SeededRng as Rng;

/// A concave star-shaped polygon with a square hole, about 10 km across.
fn concave_unit_with_hole(rng: &mut Rng) -> MultiPolygon {
    let corners = 17;
    let ring: Vec<Coord> = (0..=corners)
        .map(|step| {
            let angle = std::f64::consts::TAU * (step % corners) as f64 / corners as f64;
            let radius = if step % 2 == 0 {
                rng.range(4_000.0, 5_000.0)
            } else {
                rng.range(1_800.0, 3_000.0)
            };
            Coord {
                x: 600_000.0 + radius * angle.cos(),
                y: 2_300_000.0 + radius * angle.sin(),
            }
        })
        .collect();
    let mut ring = ring;
    if let (Some(first), Some(last)) = (ring.first().copied(), ring.last_mut()) {
        *last = first;
    }
    let hole = LineString::from(vec![
        (599_500.0, 2_299_500.0),
        (599_500.0, 2_300_500.0),
        (600_500.0, 2_300_500.0),
        (600_500.0, 2_299_500.0),
        (599_500.0, 2_299_500.0),
    ]);
    MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![hole])])
}

fn fine_disc(disc: &Disc) -> Polygon {
    let segments = 4096;
    let ring: Vec<Coord> = (0..=segments)
        .map(|step| {
            let angle = std::f64::consts::TAU * (step % segments) as f64 / segments as f64;
            Coord {
                x: disc.center.x + disc.radius_m * angle.cos(),
                y: disc.center.y + disc.radius_m * angle.sin(),
            }
        })
        .collect();
    Polygon::new(LineString::new(ring), vec![])
}

#[test]
fn exact_coverage_matches_a_fine_polygon_overlay_on_random_instances() {
    let mut rng = Rng::new(0x5EED_CAFE);
    for instance in 0..12 {
        let unit = concave_unit_with_hole(&mut rng);
        let discs: Vec<Disc> = (0..25)
            .map(|_| Disc {
                center: Coord {
                    x: rng.range(594_000.0, 606_000.0),
                    y: rng.range(2_294_000.0, 2_306_000.0),
                },
                radius_m: [120.0, 600.0, 1_500.0, 2_000.0][(rng.next_f64() * 4.0) as usize % 4],
            })
            .collect();
        let exact = covered_area_m2(&PreparedPolygon::new(&unit), &discs);
        let union = MultiPolygon::new(discs.iter().map(fine_disc).collect());
        let overlay = unit
            .boolean_op_with_fill_rule(&union, OpType::Intersection, FillRule::NonZero)
            .unsigned_area();
        let relative = (exact - overlay).abs() / overlay.max(1.0);
        assert!(
            relative < 1e-4,
            "instance {instance}: exact {exact} vs overlay {overlay}"
        );
    }
}

#[test]
fn incremental_moves_equal_a_full_recomputation() {
    let mut rng = Rng::new(42);
    let mut units = Vec::new();
    for index in 0..6 {
        use geo::Translate;
        let shift = rng.range(-3_000.0, 3_000.0);
        units.push(UnitInput {
            name: format!("U{index}"),
            geometry: concave_unit_with_hole(&mut rng).translate(shift, shift / 2.0),
            population: Some(1_000.0 * (index + 1) as f64),
            class: None,
        });
    }
    let discs: Vec<Disc> = (0..40)
        .map(|_| Disc {
            center: Coord {
                x: rng.range(592_000.0, 608_000.0),
                y: rng.range(2_292_000.0, 2_308_000.0),
            },
            radius_m: rng.range(300.0, 1_800.0),
        })
        .collect();
    let mut model = CoverageModel::new(units.clone(), discs.clone()).expect("valid");
    let mut moved = discs;
    for step in 0..30 {
        let which = step * 7 % moved.len();
        let to = Coord {
            x: rng.range(592_000.0, 608_000.0),
            y: rng.range(2_292_000.0, 2_308_000.0),
        };
        model.move_disc(DiscId(which), to).expect("valid move");
        moved[which].center = to;
    }
    let fresh = CoverageModel::new(units, moved).expect("valid");
    for (incremental, full) in model.results().iter().zip(fresh.results()) {
        assert!(
            (incremental.covered_m2 - full.covered_m2).abs() < 1e-6,
            "{incremental:?} vs {full:?}"
        );
    }
}

fn exhaustive_best(
    candidates: &[Coord],
    demand: &[DemandPoint],
    radius_m: f64,
    count: usize,
) -> f64 {
    fn recurse(
        start: usize,
        left: usize,
        chosen: &mut Vec<usize>,
        best: &mut f64,
        score: &dyn Fn(&[usize]) -> f64,
        total: usize,
    ) {
        if left == 0 {
            *best = best.max(score(chosen));
            return;
        }
        for next in start..total {
            chosen.push(next);
            recurse(next + 1, left - 1, chosen, best, score, total);
            chosen.pop();
        }
    }
    let score = |chosen: &[usize]| -> f64 {
        demand
            .iter()
            .filter(|point| {
                chosen.iter().any(|&candidate| {
                    let site = candidates[candidate];
                    (site.x - point.at.x).hypot(site.y - point.at.y) <= radius_m
                })
            })
            .map(|point| point.weight)
            .sum()
    };
    let mut best = 0.0;
    recurse(
        0,
        count,
        &mut Vec::new(),
        &mut best,
        &score,
        candidates.len(),
    );
    best
}

#[test]
fn greedy_siting_is_optimal_for_one_site_and_near_optimal_for_more() {
    let mut rng = Rng::new(7);
    for instance in 0..15 {
        let demand: Vec<DemandPoint> = (0..60)
            .map(|_| DemandPoint {
                at: Coord {
                    x: rng.range(0.0, 5_000.0),
                    y: rng.range(0.0, 5_000.0),
                },
                weight: rng.range(1.0, 10.0),
            })
            .collect();
        let candidates: Vec<Coord> = (0..12)
            .map(|_| Coord {
                x: rng.range(0.0, 5_000.0),
                y: rng.range(0.0, 5_000.0),
            })
            .collect();
        let radius_m = 1_200.0;
        let one = greedy_sites(&candidates, &demand, radius_m, 1);
        let best_one = exhaustive_best(&candidates, &demand, radius_m, 1);
        assert!(
            (one[0].marginal_gain - best_one).abs() < 1e-9,
            "instance {instance}"
        );
        for count in [2, 3] {
            let greedy: f64 = greedy_sites(&candidates, &demand, radius_m, count)
                .iter()
                .map(|suggestion| suggestion.marginal_gain)
                .sum();
            let optimum = exhaustive_best(&candidates, &demand, radius_m, count);
            assert!(
                greedy >= (1.0 - 1.0 / std::f64::consts::E) * optimum - 1e-9,
                "instance {instance}, K={count}"
            );
            assert!(greedy <= optimum + 1e-9);
        }
    }
}

#[test]
fn greedy_equals_the_exhaustive_optimum_on_separate_clusters() {
    // Three clusters of demand far apart, weights 30, 20 and 10: the best three sites are one per cluster,
    // which greedy finds.
    let mut demand = Vec::new();
    let mut candidates = Vec::new();
    for (cluster, weight) in [(0.0, 3.0), (10_000.0, 2.0), (20_000.0, 1.0)] {
        for offset in 0..10 {
            demand.push(DemandPoint {
                at: Coord {
                    x: cluster + offset as f64 * 20.0,
                    y: 0.0,
                },
                weight,
            });
        }
        candidates.push(Coord {
            x: cluster + 90.0,
            y: 0.0,
        });
        candidates.push(Coord {
            x: cluster + 5_000.0,
            y: 0.0,
        });
    }
    let greedy: f64 = greedy_sites(&candidates, &demand, 500.0, 3)
        .iter()
        .map(|suggestion| suggestion.marginal_gain)
        .sum();
    assert_eq!(greedy, exhaustive_best(&candidates, &demand, 500.0, 3));
    assert_eq!(greedy, 60.0);
}
