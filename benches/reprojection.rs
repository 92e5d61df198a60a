//! Reprojection of 100,000 positions over Hai Phong (a seeded scatter over the merged city's extent), the
//! closed-form WGS 84 ↔ VN-2000 transformation (`core::crs::ClosedForm`, issue 13) against the same
//! transformation through PROJ (`Reprojector::through_proj_only`):
//!
//! * `wgs84_to_vn2000_tm3`: EPSG:4326 → EPSG:9210, what every GeoJSON load does to each vertex.
//! * `vn2000_tm3_to_wgs84`: EPSG:9210 → EPSG:4326, what a GeoJSON export does.
//!
//! Run with `cargo bench --no-default-features --bench reprojection`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hpatlas::core::crs::{Reprojector, VN2000_TM3_105_45, WGS84};

/// 100,000 longitude/latitude pairs over 105.9–107.2° E, 20.4–21.2° N from a fixed linear congruential
/// sequence (the same every run).
fn positions_over_hai_phong() -> Vec<(f64, f64)> {
    let mut state: u64 = 7;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..100_000)
        .map(|_| (105.9 + 1.3 * next(), 20.4 + 0.8 * next()))
        .collect()
}

fn convert_all(reprojector: &Reprojector, positions: &[(f64, f64)]) -> f64 {
    positions
        .iter()
        .filter_map(|&(x, y)| reprojector.convert(x, y).ok())
        .map(|(x, y)| x + y)
        .sum()
}

fn both_ways(c: &mut Criterion) {
    let geographic = positions_over_hai_phong();
    let to_grid = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("PROJ knows both");
    let to_grid_by_proj = Reprojector::through_proj_only(WGS84, VN2000_TM3_105_45).expect("PROJ");
    let grid: Vec<(f64, f64)> = geographic
        .iter()
        .filter_map(|&(lon, lat)| to_grid.convert(lon, lat).ok())
        .collect();
    let to_geographic = Reprojector::new(VN2000_TM3_105_45, WGS84).expect("PROJ knows both");
    let to_geographic_by_proj =
        Reprojector::through_proj_only(VN2000_TM3_105_45, WGS84).expect("PROJ");

    for (name, closed_form, by_proj, positions) in [
        (
            "wgs84_to_vn2000_tm3",
            &to_grid,
            &to_grid_by_proj,
            &geographic,
        ),
        (
            "vn2000_tm3_to_wgs84",
            &to_geographic,
            &to_geographic_by_proj,
            &grid,
        ),
    ] {
        let mut group = c.benchmark_group(name);
        group.sample_size(20);
        group.bench_function("closed_form_100000", |b| {
            b.iter(|| black_box(convert_all(closed_form, positions)))
        });
        group.bench_function("proj_100000", |b| {
            b.iter(|| black_box(convert_all(by_proj, positions)))
        });
        group.finish();
    }
}

criterion_group!(benches, both_ways);
criterion_main!(benches);
