//! Coverage benchmarks: full statistics and a one-site what-if update.
//!
//! * `vietnam_692_districts_5000_sites`: the 692 pre-2025 district polygons of Vietnam (384 k vertices, read
//!   from `../shared/data/vietnam/`, reference data that is never copied into the project) with 5,000
//!   generated sites (seeded; radii 120 / 600 / 1,500 / 2,000 m like Wi-Fi, 5G, 4G and service centres).
//!   Skipped with a message when the shared data is not there.
//! * `hai_phong_zoning`: the shipped illustrative zoning (691 zones) and digital-service sites (910).
//!
//! Run with `cargo bench --bench coverage` (after `make test` has brought cmake).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Contains, Coord, Point};
use hpatlas::core::analysis::coverage::Disc;
use hpatlas::core::analysis::coverage_model::{CoverageModel, DiscId, PreparedUnits, UnitInput};
use hpatlas::core::analysis::units::{RadiusRule, discs_from_layer, units_from_layer};
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;

fn load(path: &Path) -> Option<Layer> {
    let data = read_layer_file(path, None, &mut |_| {}).ok()?;
    Layer::prepare(data, &mut |_| {}).ok()
}

fn shared_districts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/vietnam/districts_vietnam_pre2025_dvhcvn.geojson")
}

/// The seeded generator of the core's synthetic data, so every run checks the same instances.
use hpatlas::core::testdata::SeededRng as Rng;

/// `count` sites inside the units: a unit is drawn at random, then a point inside its bounding box until one
/// falls inside it.
fn sites_inside(units: &[UnitInput], count: usize, seed: u64) -> Vec<Disc> {
    use geo::BoundingRect;
    let radii = [120.0, 600.0, 1_500.0, 2_000.0];
    let mut rng = Rng::new(seed);
    let mut sites = Vec::with_capacity(count);
    while sites.len() < count {
        let unit = &units[(rng.next_f64() * units.len() as f64) as usize % units.len()];
        let Some(bbox) = unit.geometry.bounding_rect() else {
            continue;
        };
        for _ in 0..50 {
            let at = Coord {
                x: bbox.min().x + rng.next_f64() * bbox.width(),
                y: bbox.min().y + rng.next_f64() * bbox.height(),
            };
            if unit.geometry.contains(&Point(at)) {
                let radius_m = radii[(rng.next_f64() * 4.0) as usize % 4];
                sites.push(Disc {
                    center: at,
                    radius_m,
                });
                break;
            }
        }
    }
    sites
}

fn bench_vietnam(c: &mut Criterion) {
    let Some(districts) = load(&shared_districts()) else {
        eprintln!(
            "skipping the Vietnam benchmarks: {} is not readable",
            shared_districts().display()
        );
        return;
    };
    let Ok((units, _)) = units_from_layer(&districts, None, None, None) else {
        return;
    };
    let sites = sites_inside(&units, 5_000, 0x00C0_FFEE);
    let mut group = c.benchmark_group("coverage/vietnam_692_districts_5000_sites");
    group.sample_size(10);
    group.bench_function("prepare_units", |b| {
        b.iter(|| {
            black_box(
                PreparedUnits::new(units.clone())
                    .expect("valid units")
                    .len(),
            )
        })
    });
    let prepared = PreparedUnits::new(units.clone()).expect("valid units");
    group.bench_function("full_statistics", |b| {
        b.iter(|| {
            let model =
                CoverageModel::with_units(prepared.clone(), sites.clone()).expect("valid input");
            black_box(model.totals())
        })
    });
    let mut model = CoverageModel::with_units(prepared, sites.clone()).expect("valid input");
    let moving = DiscId(1_234);
    let home = sites[1_234].center;
    let mut step = 0_u32;
    group.bench_function("move_one_site", |b| {
        b.iter(|| {
            step = step.wrapping_add(1);
            let offset = f64::from(step % 16) * 150.0;
            let touched = model
                .move_disc(
                    moving,
                    Coord {
                        x: home.x + offset,
                        y: home.y - offset,
                    },
                )
                .expect("valid move");
            black_box((touched, model.totals()))
        })
    });
    group.finish();
}

fn bench_hai_phong(c: &mut Criterion) {
    let maps = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let (Some(zoning), Some(sites)) = (
        load(&maps.join("zoning_illustrative.geojson")),
        load(&maps.join("digital_sites_illustrative.geojson")),
    ) else {
        eprintln!("skipping the Hai Phong benchmarks: maps/ is not readable");
        return;
    };
    let (Ok((units, _)), Ok(discs)) = (
        units_from_layer(&zoning, Some("zone_id"), Some("dan_so"), Some("class")),
        discs_from_layer(&sites, &RadiusRule::Field("radius_m".into())),
    ) else {
        return;
    };
    let discs: Vec<Disc> = discs.into_iter().map(|(_, disc)| disc).collect();
    let mut group = c.benchmark_group("coverage/hai_phong_zoning");
    group.bench_function("full_statistics", |b| {
        b.iter(|| {
            black_box(
                CoverageModel::new(units.clone(), discs.clone())
                    .expect("valid")
                    .totals(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench_vietnam, bench_hai_phong);
criterion_main!(benches);
