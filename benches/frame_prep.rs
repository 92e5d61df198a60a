//! Frame preparation benchmarks: what the map view does per frame for a big polygon layer, on the seeded
//! synthetic parcels (concave 20-vertex polygons over Hai Phong) of 10 k and 100 k features, and 1 M with
//! `HPATLAS_BENCH_1M=1` (generating and preparing it takes a while).
//!
//! For each size and four views of a 1100 × 820-point map (the map area of the 1400 × 880 window) — the full
//! extent, a ward (a 2 × 2 km window), a district (25 km high, 30.5 m per point) and a quarter (13 km high,
//! 15.9 m per point) — three options:
//!
//! * `a_cached_mesh_copy`: the old path. The exact tessellation is cached per layer ([`LayerMesh`], kept in
//!   `benches/support/` for this comparison only); each
//!   frame asks the layer's R-tree for the visible features and copies their triangles and rings to screen
//!   coordinates.
//! * `b_cull_lod`: the [`PreparedLayer`] path: the level for the scale, its R-tree, and a copy of the visible
//!   items (simplified polygons, aggregated tiny features) to screen coordinates.
//! * `c_gpu_draw_list`: the CPU side of a GPU paint callback over the prepared level's buffers uploaded once:
//!   cull and merge index ranges; no vertex is touched.
//!
//! With the `gui` feature, `egui_tessellate` measures what egui then does with the frame's fill mesh
//! (epaint's tessellator copying it into its clipped primitive), for (a) and (b).
//!
//! One-shot figures (preparation time, prepared memory, vertices per frame) are printed to stderr.
//! Run with `cargo bench --bench frame_prep` (after `make test` has brought cmake).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hpatlas::core::index::SpatialIndex;
use hpatlas::core::layer::Feature;
use hpatlas::core::lod::PreparedLayer;
use hpatlas::core::lod::frame::{FrameBuffers, FrameView};
use hpatlas::core::testdata::HAI_PHONG_BOX_IN_MAP;
use hpatlas::core::testdata::parcel_features;

#[path = "support/layer_mesh.rs"]
mod layer_mesh;

use layer_mesh::{FeatureParts, LayerMesh};

const MAP_SIZE_PX: [f32; 2] = [1100.0, 820.0];
const WARD_SIZE_M: f64 = 2_000.0;
const DISTRICT_SIZE_M: f64 = 25_000.0;
/// A 13 km-high window: 15.9 m per point, the coarsest scale of the 1 M layer's 6-corner level (8 m/pt band).
const QUARTER_SIZE_M: f64 = 13_000.0;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("HPATLAS_BENCH_1M").is_ok_and(|value| value == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

/// The views: the whole box framed like `Camera::fit` (8 % margin), and 2 km-, 25 km- and 13 km-high windows
/// at its centre.
fn views() -> [(&'static str, FrameView); 4] {
    let ([min_x, min_y], [max_x, max_y]) = HAI_PHONG_BOX_IN_MAP;
    let center_in_map = [(min_x + max_x) / 2.0, (min_y + max_y) / 2.0];
    let usable = [
        f64::from(MAP_SIZE_PX[0]) * 0.92,
        f64::from(MAP_SIZE_PX[1]) * 0.92,
    ];
    let full_m_per_px = ((max_x - min_x) / usable[0]).max((max_y - min_y) / usable[1]);
    let view = |m_per_px| FrameView {
        center_in_map,
        m_per_px,
        center_in_screen: [MAP_SIZE_PX[0] / 2.0, MAP_SIZE_PX[1] / 2.0],
        size_in_screen: MAP_SIZE_PX,
    };
    [
        ("full_extent", view(full_m_per_px)),
        ("ward_2km", view(WARD_SIZE_M / f64::from(MAP_SIZE_PX[1]))),
        // The mid-scale gap of the 1 M layer: just finer than its first cell level (32 m per point), parcels
        // 2–3 points across over a 34 × 25 km window (the 16 m/pt band of coarse outlines, formerly exact).
        (
            "district_25km",
            view(DISTRICT_SIZE_M / f64::from(MAP_SIZE_PX[1])),
        ),
        (
            "quarter_13km",
            view(QUARTER_SIZE_M / f64::from(MAP_SIZE_PX[1])),
        ),
    ]
}

/// The old per-frame path over a cached [`LayerMesh`]: R-tree query, sort, copy the visible features'
/// triangles and rings to screen coordinates (what `paint_layer` did before egui got the mesh).
fn cached_mesh_copy(
    mesh: &LayerMesh,
    index: &SpatialIndex,
    view: &FrameView,
    visible: &mut Vec<usize>,
    out: &mut FrameBuffers,
) {
    let (min, max) = view.visible_in_map();
    visible.clear();
    visible.extend(index.query(geo::Rect::new((min[0], min[1]), (max[0], max[1]))));
    visible.sort_unstable();
    let to_screen = |pt: [f64; 2]| {
        [
            view.center_in_screen[0] + ((pt[0] - view.center_in_map[0]) / view.m_per_px) as f32,
            view.center_in_screen[1] - ((pt[1] - view.center_in_map[1]) / view.m_per_px) as f32,
        ]
    };
    for &feature in visible.iter() {
        let Some(parts) = mesh.features.get(feature) else {
            continue;
        };
        let base = out.positions.len() as u32;
        let vertices = mesh
            .fill_vertices
            .get(parts.fill_vertices.start as usize..parts.fill_vertices.end as usize)
            .unwrap_or_default();
        out.positions.extend(vertices.iter().map(|v| to_screen(*v)));
        out.features
            .extend(std::iter::repeat_n(feature as u32, vertices.len()));
        let indices = mesh
            .fill_indices
            .get(parts.fill_indices.start as usize..parts.fill_indices.end as usize)
            .unwrap_or_default();
        out.indices.extend(
            indices
                .iter()
                .map(|index| base + (index - parts.fill_vertices.start)),
        );
        for (coords, _closed) in mesh.feature_polylines(parts) {
            out.path_points.extend(coords.iter().map(|v| to_screen(*v)));
        }
    }
}

fn layer_mesh_bytes(mesh: &LayerMesh) -> usize {
    use std::mem::size_of;
    mesh.fill_vertices.capacity() * size_of::<[f64; 2]>()
        + mesh.fill_indices.capacity() * size_of::<u32>()
        + mesh.line_vertices.capacity() * size_of::<[f64; 2]>()
        + mesh.polylines.capacity() * size_of::<(std::ops::Range<u32>, bool)>()
        + mesh.points.capacity() * size_of::<[f64; 2]>()
        + mesh.features.capacity() * size_of::<FeatureParts>()
}

struct Prepared {
    features: Vec<Feature>,
    index: SpatialIndex,
    mesh: LayerMesh,
    lod: PreparedLayer,
}

fn prepare(count: usize) -> Prepared {
    let started = Instant::now();
    let features = parcel_features(count, 1);
    let generated = started.elapsed();
    let started = Instant::now();
    let index = SpatialIndex::build(&features);
    let indexed = started.elapsed();
    let started = Instant::now();
    let mesh = LayerMesh::build(&features);
    let meshed = started.elapsed();
    let started = Instant::now();
    let lod = PreparedLayer::build(&features);
    let lod_built = started.elapsed();
    eprintln!(
        "[frame_prep] {count} parcels: generated in {:.0} ms, R-tree {:.0} ms; \
         (a) LayerMesh {:.0} ms, {:.1} MB; (b) PreparedLayer {:.0} ms, {:.1} MB, {} levels",
        generated.as_secs_f64() * 1e3,
        indexed.as_secs_f64() * 1e3,
        meshed.as_secs_f64() * 1e3,
        layer_mesh_bytes(&mesh) as f64 / 1e6,
        lod_built.as_secs_f64() * 1e3,
        lod.memory_bytes() as f64 / 1e6,
        lod.levels.len(),
    );
    for (position, level) in lod.levels.iter().enumerate() {
        eprintln!(
            "[frame_prep]   level {position}: from {} m/px, tolerance {} m, {} items ({} cells), {} vertices, {} triangles, {:.1} MB",
            level.min_m_per_px,
            level.tolerance_m,
            level.items.len(),
            level.cell_count,
            level.vertices.len(),
            level.indices.len() / 3,
            level.memory_bytes() as f64 / 1e6,
        );
    }
    Prepared {
        features,
        index,
        mesh,
        lod,
    }
}

fn frame_prep(c: &mut Criterion) {
    for count in sizes() {
        let prepared = prepare(count);
        let mut group = c.benchmark_group(format!("frame_prep_{count}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        for (view_name, view) in views() {
            let mut out = FrameBuffers::default();
            let mut visible = Vec::new();
            cached_mesh_copy(
                &prepared.mesh,
                &prepared.index,
                &view,
                &mut visible,
                &mut out,
            );
            let a_vertices = out.positions.len() + out.path_points.len();
            out.clear();
            let mut scratch = Vec::new();
            let stats = prepared.lod.emit_frame(&view, &mut scratch, &mut out);
            eprintln!(
                "[frame_prep] {count} {view_name} at {:.2} m/px: (a) {} features, {a_vertices} vertices; \
                 (b) level {}, {} items, {} fill vertices, {} triangles, {} path vertices",
                view.m_per_px,
                visible.len(),
                stats.level,
                stats.items,
                out.positions.len(),
                out.indices.len() / 3,
                out.path_points.len(),
            );
            group.bench_function(BenchmarkId::new("a_cached_mesh_copy", view_name), |b| {
                b.iter(|| {
                    out.clear();
                    cached_mesh_copy(
                        &prepared.mesh,
                        &prepared.index,
                        &view,
                        &mut visible,
                        &mut out,
                    );
                    black_box(out.positions.len())
                })
            });
            group.bench_function(BenchmarkId::new("b_cull_lod", view_name), |b| {
                b.iter(|| {
                    out.clear();
                    black_box(prepared.lod.emit_frame(&view, &mut scratch, &mut out))
                })
            });
            let mut ranges = Vec::new();
            group.bench_function(BenchmarkId::new("c_gpu_draw_list", view_name), |b| {
                b.iter(|| {
                    black_box(prepared.lod.gpu_draw_list(&view, &mut scratch, &mut ranges));
                    black_box(ranges.len())
                })
            });
            #[cfg(feature = "gui")]
            egui_tessellate(&mut group, &prepared, &view, view_name);
        }
        group.finish();
        black_box(&prepared.features);
    }
}

/// epaint's tessellation of the fill mesh of one frame, from (a) and (b).
#[cfg(feature = "gui")]
fn egui_tessellate(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    prepared: &Prepared,
    view: &FrameView,
    view_name: &str,
) {
    use eframe::egui::epaint::{
        ClippedShape, Color32, Mesh, Pos2, Rect, Shape, TessellationOptions, Tessellator, Vertex,
        WHITE_UV,
    };
    let to_egui = |out: &FrameBuffers| Mesh {
        indices: out.indices.clone(),
        vertices: out
            .positions
            .iter()
            .map(|pos| Vertex {
                pos: Pos2::new(pos[0], pos[1]),
                uv: WHITE_UV,
                color: Color32::from_rgb(200, 180, 120),
            })
            .collect(),
        texture_id: Default::default(),
    };
    let mut out = FrameBuffers::default();
    let mut visible = Vec::new();
    cached_mesh_copy(
        &prepared.mesh,
        &prepared.index,
        view,
        &mut visible,
        &mut out,
    );
    let mesh_a = std::sync::Arc::new(to_egui(&out));
    out.clear();
    prepared.lod.emit_frame(view, &mut Vec::new(), &mut out);
    let mesh_b = std::sync::Arc::new(to_egui(&out));
    let clip_rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(MAP_SIZE_PX[0], MAP_SIZE_PX[1]));
    for (name, mesh) in [("egui_tessellate_a", mesh_a), ("egui_tessellate_b", mesh_b)] {
        group.bench_function(BenchmarkId::new(name, view_name), |b| {
            b.iter(|| {
                let mut tessellator = Tessellator::new(
                    1.0,
                    TessellationOptions::default(),
                    [1024, 1024],
                    Vec::new(),
                );
                black_box(tessellator.tessellate_shapes(vec![ClippedShape::new(
                    clip_rect,
                    Shape::Mesh(mesh.clone()),
                )]))
            })
        });
    }
}

criterion_group!(benches, frame_prep);
criterion_main!(benches);
