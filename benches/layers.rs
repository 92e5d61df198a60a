//! Layer benchmarks on generated parcels: open + index, viewport queries, identify.
//!
//! The scaling series runs each benchmark on 10 k and 100 k generated parcels (20-vertex concave polygons over
//! Hai Phong, seed 1, written by the core generator into `target/bench-data/parcels_N.geojson` on first use);
//! with `HPATLAS_BENCH_1M=1` also on 1 M parcels (a 661 MB file; a load takes tens of seconds, so that size
//! runs the minimum sample count).
//!
//! * `load_index/N`: read the GeoJSON, reproject into the map CRS and bulk-load the R-tree (`Layer::prepare`).
//! * `viewport_query/ward/N`: the features whose boxes meet a 2 km × 2 km window (a ward on screen), counted.
//! * `viewport_query/full_extent/N`: the same for the layer's whole extent (everything on screen).
//! * `identify/N`: `hit_test` at 1,000 seeded points (a click each, 2 m tolerance), the time per 1,000 clicks.
//!
//! Run with `cargo bench --bench layers` (after `make test` has brought cmake).

use std::hint::black_box;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geo::{Point, Rect};
use hpatlas::core::index::hit_test;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;
use hpatlas::core::testdata::{SeededRng, write_parcels_geojson};

/// The parcel counts of the scaling series.
fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("HPATLAS_BENCH_1M").is_ok_and(|value| value == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

/// The generated file of `count` parcels, written on first use.
fn parcels_file(count: usize) -> PathBuf {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = directory.join(format!("parcels_{count}.geojson"));
    if !path.exists() {
        std::fs::create_dir_all(&directory).expect("target/bench-data can be created");
        let partial = path.with_extension("partial");
        let file = std::fs::File::create(&partial).expect("bench data file can be created");
        write_parcels_geojson(&mut BufWriter::with_capacity(1 << 20, file), count, 1)
            .expect("parcels are written");
        std::fs::rename(&partial, &path).expect("bench data file can be renamed");
    }
    path
}

fn load(path: &Path) -> Layer {
    let data = read_layer_file(path, None, &mut |_| {}).expect("generated parcels load");
    Layer::prepare(data, &mut |_| {}).expect("generated parcels reproject")
}

fn load_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_index");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for count in sizes() {
        let path = parcels_file(count);
        group.bench_with_input(BenchmarkId::from_parameter(count), &path, |b, path| {
            b.iter(|| black_box(load(path)));
        });
    }
    group.finish();
}

/// A 2 km × 2 km window at the centre of the layer's extent.
fn ward_window(extent: Rect) -> Rect {
    let centre = extent.center();
    Rect::new(
        (centre.x - 1_000.0, centre.y - 1_000.0),
        (centre.x + 1_000.0, centre.y + 1_000.0),
    )
}

fn queries_and_identify(c: &mut Criterion) {
    for count in sizes() {
        let layer = load(&parcels_file(count));
        let Some(extent) = layer.extent_in_map else {
            continue;
        };
        let mut group = c.benchmark_group("viewport_query");
        group.sample_size(20);
        let ward = ward_window(extent);
        group.bench_with_input(BenchmarkId::new("ward", count), &ward, |b, window| {
            b.iter(|| black_box(layer.index.query(*window).count()));
        });
        group.bench_with_input(
            BenchmarkId::new("full_extent", count),
            &extent,
            |b, window| b.iter(|| black_box(layer.index.query(*window).count())),
        );
        group.finish();

        let mut rng = SeededRng::new(11);
        let clicks: Vec<Point> = (0..1_000)
            .map(|_| {
                Point::new(
                    rng.range(extent.min().x, extent.max().x),
                    rng.range(extent.min().y, extent.max().y),
                )
            })
            .collect();
        let mut group = c.benchmark_group("identify_1000_clicks");
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::from_parameter(count), &clicks, |b, clicks| {
            b.iter(|| {
                clicks
                    .iter()
                    .filter_map(|click| hit_test(&layer.features, &layer.index, *click, 2.0))
                    .count()
            });
        });
        group.finish();
    }
}

criterion_group!(benches, load_index, queries_and_identify);
criterion_main!(benches);
