//! Geometry editing benchmarks on the seeded synthetic parcels (concave 20-vertex polygons over Hai Phong):
//! 100 k parcels by default, and 1 M with `HPATLAS_BENCH_1M=1` (generating and preparing them takes a while).
//!
//! * `vertex_move_<count>`: one vertex move as the app would do it — build the edit (copy of the parcel,
//!   validity check), apply it through `Session::edit` (R-tree update, undo record), then bring the drawing
//!   data up to date with `PreparedLayer::apply_changes`. Target: ≤ 16 ms on 1 M parcels.
//! * `undo_1000_vertex_moves_<count>`: 1,000 vertex moves (not timed) undone one by one through
//!   `Session::undo` (`undo_only`), and the same followed by one `apply_changes` of the 1,000 changes
//!   (`undo_and_redraw`). Target: ≤ 50 ms.
//!
//! * `polygon_80000_vertices`: `check_polygon` on an 80,000-vertex polygon with a 2,000-vertex hole, a
//!   vertex-move edit of it (copy, then validity check), and a split of it by a line across.
//!
//! The split of one vertex move between building the edit, the session and the drawing update is printed to
//! stderr. Run with `cargo bench --no-default-features --bench editing`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Coord, Geometry, LineString, Polygon};
use hpatlas::core::attributes::{AttributeKind, Field};
use hpatlas::core::crs::MAP_CRS;
use hpatlas::core::editing::{VertexRef, check_polygon, move_vertex_edit, split_polygon};
use hpatlas::core::layer::{CrsOrigin, Layer, LayerData, LayerId, SourceFeature};
use hpatlas::core::lod::PreparedLayer;
use hpatlas::core::session::{Edit, Session};
use hpatlas::core::testdata::{parcel_features, wavy_ring};

fn sizes() -> Vec<usize> {
    let mut sizes = vec![100_000];
    if std::env::var("HPATLAS_BENCH_1M").is_ok_and(|value| value == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

/// A session with one parcel layer, and the layer's drawing data prepared at its current revision.
struct Fixture {
    session: Session,
    id: LayerId,
    prepared: PreparedLayer,
    revision: u64,
    /// Moves made so far (picks the next parcel and vertex).
    moves: usize,
}

fn fixture(count: usize) -> Fixture {
    let started = Instant::now();
    let features = parcel_features(count, 1)
        .into_iter()
        .map(|feature| SourceFeature {
            geometry: feature.geometry_in_map,
            attributes: feature.attributes,
        })
        .collect();
    let data = LayerData {
        name: "parcels".into(),
        source_path: None,
        crs: MAP_CRS,
        crs_origin: CrsOrigin::Declared,
        fields: vec![Field {
            name: "class".into(),
            kind: AttributeKind::Text,
        }],
        features,
        text_encoding: None,
        notes: Vec::new(),
    };
    let layer = Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"));
    let prepared = PreparedLayer::build(&layer.features);
    let revision = layer.revision;
    let mut session = Session::new("bench");
    session
        .edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        })
        .unwrap_or_else(|error| panic!("{error}"));
    session.reset_history();
    let id = session.layers()[0].id;
    eprintln!(
        "[editing] {count} parcels: layer and drawing data ({} levels) ready in {:.1} s",
        prepared.levels.len(),
        started.elapsed().as_secs_f64()
    );
    Fixture {
        session,
        id,
        prepared,
        revision,
        moves: 0,
    }
}

impl Fixture {
    fn layer(&self) -> &Layer {
        self.session
            .layer(self.id)
            .unwrap_or_else(|| panic!("the layer"))
    }

    /// The edit moving the next vertex by 10 cm (back and forth on later visits).
    fn next_move(&mut self) -> Edit {
        let count = self.layer().features.len();
        let feature = self.moves.wrapping_mul(7_919) % count;
        let vertex = VertexRef::new(0, 0, self.moves % 20);
        let step = if (self.moves / count).is_multiple_of(2) {
            0.1
        } else {
            -0.1
        };
        self.moves += 1;
        let layer = self.layer();
        let Geometry::Polygon(polygon) = &layer.features[feature].geometry_in_map else {
            panic!("parcels are polygons");
        };
        let from = polygon.exterior().0[vertex.vertex];
        let to = Coord {
            x: from.x + step,
            y: from.y + step,
        };
        move_vertex_edit(layer, feature, vertex, to).unwrap_or_else(|error| panic!("{error}"))
    }

    /// Applies the layer's changes since the drawing data's revision to it.
    fn redraw(&mut self) {
        let layer = self
            .session
            .layer(self.id)
            .unwrap_or_else(|| panic!("the layer"));
        let changes = layer
            .geometry_changes_since(self.revision)
            .unwrap_or_else(|| panic!("changes recorded"));
        assert!(self.prepared.apply_changes(&layer.features, changes));
        self.revision = layer.revision;
    }

    /// One vertex move, from building the edit to updated drawing data; the time of each phase.
    fn timed_move(&mut self) -> [Duration; 3] {
        let started = Instant::now();
        let edit = self.next_move();
        let built = started.elapsed();
        let started = Instant::now();
        self.session
            .edit(edit)
            .unwrap_or_else(|error| panic!("{error}"));
        let applied = started.elapsed();
        let started = Instant::now();
        self.redraw();
        [built, applied, started.elapsed()]
    }
}

fn vertex_move(c: &mut Criterion, fixture: &mut Fixture, count: usize) {
    let first: Duration = fixture.timed_move().iter().sum();
    let mut phases = [Duration::ZERO; 3];
    let mut slowest = Duration::ZERO;
    let mut over_16_ms = 0;
    let samples = 40_000;
    for move_number in 0..samples {
        let times = fixture.timed_move();
        let total: Duration = times.iter().sum();
        slowest = slowest.max(total);
        over_16_ms += usize::from(total > Duration::from_millis(16));
        for (sum, time) in phases.iter_mut().zip(times) {
            *sum += time;
        }
        if move_number % 4_096 == 4_095 {
            fixture.session.reset_history();
        }
    }
    fixture.session.reset_history();
    let micros = |total: Duration| total.as_secs_f64() * 1e6 / f64::from(samples);
    eprintln!(
        "[editing] {count} parcels, one vertex move: the first after preparing {:.0} µs; then (mean of \
         {samples}) build edit {:.1} µs, Session::edit {:.1} µs, apply_changes {:.1} µs; slowest {:.1} ms, \
         {over_16_ms} over 16 ms",
        first.as_secs_f64() * 1e6,
        micros(phases[0]),
        micros(phases[1]),
        micros(phases[2]),
        slowest.as_secs_f64() * 1e3,
    );
    let mut group = c.benchmark_group(format!("vertex_move_{count}"));
    group.sample_size(20);
    group.bench_function("edit_session_redraw", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for iteration in 0..iterations {
                let times = fixture.timed_move();
                total += times.iter().sum::<Duration>();
                if iteration % 4_096 == 4_095 {
                    fixture.session.reset_history();
                }
            }
            fixture.session.reset_history();
            total
        })
    });
    group.finish();
}

fn undo_moves(c: &mut Criterion, fixture: &mut Fixture, count: usize) {
    const MOVES: usize = 1_000;
    let mut group = c.benchmark_group(format!("undo_1000_vertex_moves_{count}"));
    group.sample_size(10);
    for redraw in [false, true] {
        let name = if redraw {
            "undo_and_redraw"
        } else {
            "undo_only"
        };
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    fixture.session.reset_history();
                    for _ in 0..MOVES {
                        let edit = fixture.next_move();
                        fixture
                            .session
                            .edit(edit)
                            .unwrap_or_else(|error| panic!("{error}"));
                    }
                    fixture.redraw();
                    let started = Instant::now();
                    for _ in 0..MOVES {
                        black_box(
                            fixture
                                .session
                                .undo()
                                .unwrap_or_else(|error| panic!("{error}")),
                        );
                    }
                    if redraw {
                        fixture.redraw();
                    }
                    total += started.elapsed();
                    if !redraw {
                        fixture.redraw();
                    }
                }
                total
            })
        });
    }
    group.finish();
}

fn big_polygon(c: &mut Criterion) {
    let center = [600_000.0, 2_300_000.0];
    let polygon = Polygon::new(
        wavy_ring(center, 5_000.0, 80_000),
        vec![wavy_ring(
            [center[0] + 100.0, center[1] - 200.0],
            1_000.0,
            2_000,
        )],
    );
    let layer = {
        let data = LayerData {
            name: "coast".into(),
            source_path: None,
            crs: MAP_CRS,
            crs_origin: CrsOrigin::Declared,
            fields: Vec::new(),
            features: vec![SourceFeature {
                geometry: Geometry::Polygon(polygon.clone()),
                attributes: Vec::new(),
            }],
            text_encoding: None,
            notes: Vec::new(),
        };
        Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
    };
    let across = LineString::from(vec![
        (center[0] - 6_000.0, center[1] + 1_234.5),
        (center[0] + 6_000.0, center[1] - 987.6),
    ]);
    let mut group = c.benchmark_group("polygon_80000_vertices");
    group.sample_size(10);
    group.bench_function("check_polygon", |b| {
        b.iter(|| black_box(check_polygon(&polygon)))
    });
    let corner = polygon.exterior().0[40_000];
    let to = Coord {
        x: corner.x + 0.5,
        y: corner.y - 0.5,
    };
    group.bench_function("move_vertex_edit", |b| {
        b.iter(|| {
            black_box(move_vertex_edit(
                &layer,
                0,
                VertexRef::new(0, 0, 40_000),
                to,
            ))
        })
    });
    group.bench_function("split_polygon", |b| {
        b.iter(|| black_box(split_polygon(&polygon, &across)))
    });
    group.finish();
}

fn editing(c: &mut Criterion) {
    for count in sizes() {
        let mut fixture = fixture(count);
        vertex_move(c, &mut fixture, count);
        undo_moves(c, &mut fixture, count);
    }
}

criterion_group!(benches, big_polygon, editing);
criterion_main!(benches);
