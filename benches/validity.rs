//! The validity check of polygons read from a file (`core::io::validity::check_loaded_polygon`, issue 13)
//! against geo's quadratic `Validation`, which the Shapefile reader used before:
//!
//! * `load_validity_80000_vertices`: one 80,000-vertex wavy ring with a 2,000-vertex hole (geo is not run:
//!   6.4·10⁹ segment pairs), and a 1,000-vertex ring, the largest the reader used to check, with both checks.
//! * `load_validity_parcels_100000`: the 100,000 seeded 20-vertex parcels of `core::testdata`, with both checks.
//!
//! Run with `cargo bench --no-default-features --bench validity`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Polygon, Validation};
use hpatlas::core::io::validity::check_loaded_polygon;
use hpatlas::core::testdata::{parcel_in_map, wavy_ring};

fn big_polygons(c: &mut Criterion) {
    let center = [600_000.0, 2_300_000.0];
    let big = Polygon::new(
        wavy_ring(center, 5_000.0, 80_000),
        vec![wavy_ring(
            [center[0] + 100.0, center[1] - 200.0],
            1_000.0,
            2_000,
        )],
    );
    assert_eq!(check_loaded_polygon(&big), Ok(()));
    let thousand = Polygon::new(wavy_ring(center, 5_000.0, 1_000), vec![]);
    let mut group = c.benchmark_group("load_validity_80000_vertices");
    group.sample_size(10);
    group.bench_function("check_loaded_polygon_80000", |b| {
        b.iter(|| black_box(check_loaded_polygon(&big)))
    });
    group.bench_function("check_loaded_polygon_1000", |b| {
        b.iter(|| black_box(check_loaded_polygon(&thousand)))
    });
    group.bench_function("geo_validation_1000", |b| {
        b.iter(|| black_box(thousand.check_validation()))
    });
    group.finish();
}

fn parcels(c: &mut Criterion) {
    const COUNT: usize = 100_000;
    let parcels: Vec<Polygon> = (0..COUNT)
        .map(|index| parcel_in_map(index, COUNT, 1))
        .collect();
    let mut group = c.benchmark_group("load_validity_parcels_100000");
    group.sample_size(10);
    group.bench_function("check_loaded_polygon", |b| {
        b.iter(|| {
            parcels
                .iter()
                .filter(|parcel| check_loaded_polygon(parcel).is_err())
                .count()
        })
    });
    group.bench_function("geo_validation", |b| {
        b.iter(|| {
            parcels
                .iter()
                .filter(|parcel| parcel.check_validation().is_err())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, big_polygons, parcels);
criterion_main!(benches);
