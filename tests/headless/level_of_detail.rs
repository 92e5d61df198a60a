//! The prepared levels of detail of big layers: simplified polygons stay valid with nearly their area, tiny
//! features become cells of the same total area, mid-size polygons become valid convex outlines of their area, culling finds exactly what meets the view, and a frame
//! hands exactly the visible items to its sink.

use geo::{Area, Centroid, Contains, Coord, Geometry, IsConvex, LineString, Polygon, Validation};
use hpatlas::core::layer::Feature;
use hpatlas::core::lod::coarse::{COARSE_PX, max_coarse_vertices};
use hpatlas::core::lod::frame::{FrameBuffers, FrameView};
use hpatlas::core::lod::{Item, LodLevel, LodOptions, PreparedLayer, TINY_PX};
use hpatlas::core::testdata::HAI_PHONG_BOX_IN_MAP;
use hpatlas::core::testdata::SeededRng;
use hpatlas::core::testdata::parcel_features;

/// Every band kept, whatever it saves, so each level can be checked.
fn every_level() -> LodOptions {
    LodOptions {
        min_vertices_for_lod: 0,
        keep_ratio: 1.0,
        ..LodOptions::default()
    }
}

fn ring(vertices: &[[f32; 2]], prepared: &PreparedLayer) -> LineString {
    let mut coords: Vec<Coord> = vertices
        .iter()
        .map(|vertex| {
            let [x, y] = prepared.to_map(*vertex);
            Coord { x, y }
        })
        .collect();
    if let Some(first) = coords.first().copied() {
        coords.push(first);
    }
    LineString::new(coords)
}

fn view_at(center_in_map: [f64; 2], m_per_px: f64, size_in_screen: [f32; 2]) -> FrameView {
    FrameView {
        center_in_map,
        m_per_px,
        center_in_screen: [size_in_screen[0] / 2.0, size_in_screen[1] / 2.0],
        size_in_screen,
    }
}

/// A detailed polygon with a hole: a wavy disc of `vertices` corners around `center`.
fn wavy_disc(center: [f64; 2], radius_m: f64, vertices: usize) -> Feature {
    let ring = |radius: f64, clockwise: bool| {
        let mut coords: Vec<Coord> = (0..vertices)
            .map(|corner| {
                let turn = corner as f64 / vertices as f64 * std::f64::consts::TAU;
                let angle = if clockwise { -turn } else { turn };
                let reach =
                    radius * (1.0 + 0.04 * (angle * 37.0).sin() + 0.01 * (angle * 211.0).cos());
                Coord {
                    x: center[0] + reach * angle.cos(),
                    y: center[1] + reach * angle.sin(),
                }
            })
            .collect();
        coords.push(coords[0]);
        LineString::new(coords)
    };
    let polygon = Polygon::new(ring(radius_m, false), vec![ring(radius_m / 3.0, true)]);
    Feature::new(Geometry::Polygon(polygon), Vec::new())
}

#[test]
fn simplified_polygons_stay_valid_and_keep_their_area() {
    let mut features = parcel_features(300, 5);
    features.push(wavy_disc([600_000.0, 2_300_000.0], 6_000.0, 3_000));
    features.push(wavy_disc([570_000.0, 2_320_000.0], 1_500.0, 800));
    let prepared = PreparedLayer::build_with(&features, &every_level());
    assert!(
        prepared.levels.len() > 3,
        "{} levels",
        prepared.levels.len()
    );
    let mut simplified_some = false;
    for level in &prepared.levels {
        for item in level.items.iter().filter(|item| item.paths.len > 0) {
            let rings: Vec<LineString> = level
                .item_paths(item)
                .map(|(vertices, _)| ring(vertices, &prepared))
                .collect();
            let polygon = Polygon::new(rings[0].clone(), rings[1..].to_vec());
            assert!(
                polygon.is_valid(),
                "level from {} m/px, feature {}",
                level.min_m_per_px,
                item.feature
            );
            let original = &features[item.feature as usize].geometry_in_map;
            let original_area = original.unsigned_area();
            let perimeter_m: f64 = rings
                .iter()
                .flat_map(|ring| ring.lines())
                .map(|line| (line.dx().powi(2) + line.dy().powi(2)).sqrt())
                .sum();
            let drift = (polygon.unsigned_area() - original_area).abs();
            assert!(
                drift <= perimeter_m * (level.tolerance_m + 0.01),
                "feature {} drifts {drift} m² at tolerance {} m",
                item.feature,
                level.tolerance_m
            );
            let triangles = level.item_fill_area(item);
            assert!(
                (triangles - polygon.unsigned_area()).abs() <= 1e-3 * original_area,
                "the triangles cover the simplified polygon"
            );
            let original_vertices = match original {
                Geometry::Polygon(polygon) => polygon.exterior().0.len(),
                _ => 0,
            };
            simplified_some |= rings[0].0.len() < original_vertices;
        }
    }
    assert!(simplified_some, "some level removed vertices");
}

#[test]
fn tiny_features_become_cells_of_the_same_total_area() {
    let features = parcel_features(10_000, 2);
    let prepared = PreparedLayer::build_with(&features, &every_level());
    let coarse = prepared.levels.last().expect("the coarsest level exists");
    let tiny_below_m = TINY_PX * coarse.min_m_per_px;
    let is_tiny = |feature: &Feature| {
        let bbox = feature.bbox_in_map.expect("parcels have boxes");
        bbox.width().max(bbox.height()) < tiny_below_m
    };
    let tiny_area: f64 = features
        .iter()
        .filter(|feature| is_tiny(feature))
        .map(|feature| feature.geometry_in_map.unsigned_area())
        .sum();
    let tiny_count = features.iter().filter(|feature| is_tiny(feature)).count();
    assert!(tiny_count > features.len() / 2, "{tiny_count} tiny parcels");
    let (cells, drawn): (Vec<&Item>, Vec<&Item>) =
        coarse.items.iter().partition(|item| item.paths.len == 0);
    assert_eq!(cells.len(), coarse.cell_count);
    assert!(coarse.cell_count > 0 && coarse.cell_count < tiny_count);
    let drawn_features: Vec<u32> = drawn.iter().map(|item| item.feature).collect();
    let not_tiny: Vec<u32> = (0..features.len() as u32)
        .filter(|feature| !is_tiny(&features[*feature as usize]))
        .collect();
    assert_eq!(
        drawn_features, not_tiny,
        "features drawn one by one are exactly the big ones"
    );
    let cells_area: f64 = cells
        .iter()
        .map(|item| {
            assert_eq!(level_vertex_count(coarse, item), 4, "a cell is a square");
            coarse.item_fill_area(item)
        })
        .sum();
    assert!(
        (cells_area - tiny_area).abs() <= 1e-3 * tiny_area,
        "cells {cells_area} m², tiny parcels {tiny_area} m²"
    );
    let finest = &prepared.levels[0];
    assert_eq!(finest.cell_count, 0);
    assert_eq!(finest.items.len(), features.len());
}

fn level_vertex_count(level: &LodLevel, item: &Item) -> usize {
    level.item_vertices(item).len()
}

#[test]
fn culling_finds_exactly_the_items_meeting_the_view() {
    let features = parcel_features(5_000, 3);
    let prepared = PreparedLayer::build_with(&features, &every_level());
    let ([min_x, min_y], [max_x, max_y]) = HAI_PHONG_BOX_IN_MAP;
    let mut rng = SeededRng::new(11);
    let mut visible = Vec::new();
    for _ in 0..40 {
        let center = [rng.range(min_x, max_x), rng.range(min_y, max_y)];
        let m_per_px = 2f64.powf(rng.range(-1.0, 8.0));
        let view = view_at(center, m_per_px, [300.0, 200.0]);
        let (position, level) = prepared
            .cull(&view, &mut visible)
            .expect("the layer has levels");
        let (view_min, view_max) = view.visible_in_map();
        let to_layer = |pt: [f64; 2]| {
            [
                (pt[0] - prepared.origin_in_map[0]) as f32,
                (pt[1] - prepared.origin_in_map[1]) as f32,
            ]
        };
        let (low, high) = (to_layer(view_min), to_layer(view_max));
        let brute_force: Vec<u32> = level
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                let vertices = level.item_vertices(item);
                let min_x = vertices.iter().map(|v| v[0]).fold(f32::MAX, f32::min);
                let max_x = vertices.iter().map(|v| v[0]).fold(f32::MIN, f32::max);
                let min_y = vertices.iter().map(|v| v[1]).fold(f32::MAX, f32::min);
                let max_y = vertices.iter().map(|v| v[1]).fold(f32::MIN, f32::max);
                min_x <= high[0] && max_x >= low[0] && min_y <= high[1] && max_y >= low[1]
            })
            .map(|(item, _)| item as u32)
            .collect();
        assert_eq!(visible, brute_force, "level {position} at {m_per_px} m/px");
        if position == 0 {
            // On the exact level items are features: compare with the features' own boxes too.
            let by_feature: Vec<u32> = features
                .iter()
                .enumerate()
                .filter(|(_, feature)| {
                    let bbox = feature.bbox_in_map.expect("parcels have boxes");
                    bbox.min().x <= view_max[0]
                        && bbox.max().x >= view_min[0]
                        && bbox.min().y <= view_max[1]
                        && bbox.max().y >= view_min[1]
                })
                .map(|(feature, _)| feature as u32)
                .collect();
            assert_eq!(visible, by_feature);
        }
    }
}

#[test]
fn a_frame_hands_the_visible_items_to_the_sink_in_screen_points() {
    let features = parcel_features(2_000, 4);
    let prepared = PreparedLayer::build_with(&features, &every_level());
    let ([min_x, min_y], [max_x, max_y]) = HAI_PHONG_BOX_IN_MAP;
    let center = [(min_x + max_x) / 2.0, (min_y + max_y) / 2.0];
    let view = view_at(center, 3.0, [800.0, 600.0]);
    let mut visible = Vec::new();
    let mut out = FrameBuffers::default();
    let stats = prepared.emit_frame(&view, &mut visible, &mut out);
    assert_eq!(stats.level, 0);
    assert!(stats.items > 0);
    let level = &prepared.levels[0];
    let expected_triangles: usize = visible
        .iter()
        .map(|item| level.items[*item as usize].indices.len as usize / 3)
        .sum();
    assert_eq!(out.indices.len() / 3, expected_triangles);
    assert!(
        out.indices
            .iter()
            .all(|index| (*index as usize) < out.positions.len())
    );
    // The first vertex of the first visible parcel lands where the camera formula puts it.
    let item = level.items[visible[0] as usize];
    let vertex = prepared.to_map(level.item_vertices(&item)[0]);
    let expected = [
        400.0 + ((vertex[0] - center[0]) / 3.0) as f32,
        300.0 - ((vertex[1] - center[1]) / 3.0) as f32,
    ];
    assert!((out.positions[0][0] - expected[0]).abs() < 0.01);
    assert!((out.positions[0][1] - expected[1]).abs() < 0.01);
    let mut ranges = Vec::new();
    prepared.gpu_draw_list(&view, &mut visible, &mut ranges);
    let drawn: u32 = ranges.iter().map(|range| range.len).sum();
    assert_eq!(drawn as usize, expected_triangles * 3);
}

#[test]
fn small_layers_keep_the_exact_tessellation_only() {
    let features = parcel_features(500, 6);
    let prepared = PreparedLayer::build(&features);
    assert_eq!(prepared.levels.len(), 1);
    let level = &prepared.levels[0];
    for (feature, item) in level.items.iter().enumerate() {
        assert_eq!(item.feature as usize, feature);
        let exact = features[feature].geometry_in_map.unsigned_area();
        assert!((level.item_fill_area(item) - exact).abs() <= 1e-4 * exact);
        assert_eq!(level.item_vertices(item).len(), 20);
    }
    assert!(std::ptr::eq(
        prepared.level_for(10_000.0).expect("one level"),
        level
    ));
}

#[test]
fn mid_size_parcels_become_valid_coarse_outlines_of_their_area() {
    // 20 k parcels over the Hai Phong box: ~510 m across, so ~8 points at 64 m per point — between tiny and
    // coarse. With the default options (400 k vertices) such a band must be kept: it saves most vertices.
    let features = parcel_features(20_000, 7);
    let prepared = PreparedLayer::build(&features);
    let level = prepared
        .levels
        .iter()
        .find(|level| level.cell_count == 0 && level.min_m_per_px > 0.0)
        .expect("a coarse level is kept between the exact one and the cell levels");
    assert_eq!(level.items.len(), features.len(), "no parcel is tiny there");
    assert!(
        level.vertices.len() * 3 < prepared.levels[0].vertices.len(),
        "{} of {} vertices",
        level.vertices.len(),
        prepared.levels[0].vertices.len()
    );
    for item in &level.items {
        let original = &features[item.feature as usize];
        let bbox = original.bbox_in_map.expect("parcels have boxes");
        let size_px = bbox.width().max(bbox.height()) / level.min_m_per_px;
        assert!((TINY_PX..COARSE_PX).contains(&size_px), "{size_px} points");
        let corners = level.item_vertices(item);
        assert!(corners.len() >= 3 && corners.len() <= max_coarse_vertices(size_px));
        let (ring_vertices, closed) = level
            .item_paths(item)
            .next()
            .expect("a coarse outline has a ring");
        assert!(closed);
        assert_eq!(
            ring_vertices, corners,
            "the ring shares the fill's vertices"
        );
        let exterior = ring(corners, &prepared);
        assert!(exterior.is_convex(), "feature {}", item.feature);
        let polygon = Polygon::new(exterior, Vec::new());
        assert!(polygon.is_valid(), "feature {}", item.feature);
        let original_area = original.geometry_in_map.unsigned_area();
        assert!(
            (polygon.unsigned_area() - original_area).abs() <= 1e-3 * original_area,
            "feature {}: {} m² for {original_area} m²",
            item.feature,
            polygon.unsigned_area()
        );
        assert!(
            (level.item_fill_area(item) - original_area).abs() <= 1e-3 * original_area,
            "the fan covers the outline"
        );
        let centre = polygon.centroid().expect("the outline has an area");
        assert!(
            bbox.contains(&centre),
            "feature {} stays in place",
            item.feature
        );
    }
}
