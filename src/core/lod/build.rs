//! Building a [`PreparedLayer`]: the exact level, then one simplified level per band of scales (kept only
//! when it saves enough vertices), each with its items' R-tree.

use geo::{
    Area, BoundingRect, Geometry, LineString, Polygon, SimplifyVwPreserve, TriangulateEarcut,
};
use rstar::RTree;
use rstar::primitives::Rectangle;

use super::coarse::{COARSE_PX, coarse_outline, max_coarse_vertices};
use super::tiny_cells::{TinyPart, aggregate};
use super::{Item, ItemEnvelope, LodLevel, Path, PreparedLayer, Span, TINY_PX};
use crate::core::layer::Feature;

/// How levels of detail are chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LodOptions {
    /// Layers with fewer vertices than this keep the exact level only (their frames are cheap anyway, and
    /// they then look exactly like the plain tessellation).
    pub min_vertices_for_lod: usize,
    /// The finest scale (metres per screen point) of the first simplified band; each next band doubles it.
    pub first_band_m_per_px: f64,
    /// Bands stop once the layer's extent is narrower than this many screen points at the band's scale.
    pub min_extent_px: f64,
    /// A band's level is kept only when it has at most this fraction of the vertices of the level kept
    /// before it (judged on a sample of the features).
    pub keep_ratio: f64,
    /// Tiny features are aggregated into cells of this many screen points (at the band's finest scale).
    pub cell_px: f64,
}

impl Default for LodOptions {
    fn default() -> Self {
        Self {
            min_vertices_for_lod: 200_000,
            first_band_m_per_px: 4.0,
            min_extent_px: 256.0,
            keep_ratio: 0.8,
            cell_px: 4.0,
        }
    }
}

impl PreparedLayer {
    /// Prepares `features` with the default [`LodOptions`].
    pub fn build(features: &[Feature]) -> Self {
        Self::build_with(features, &LodOptions::default())
    }

    /// Prepares `features`: the exact level, and simplified levels when the layer is big enough.
    pub fn build_with(features: &[Feature], options: &LodOptions) -> Self {
        let extent = features
            .iter()
            .filter_map(|feature| feature.bbox_in_map)
            .reduce(|a, b| {
                geo::Rect::new(
                    (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                    (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
                )
            });
        let origin_in_map = extent.map_or([0.0, 0.0], |rect| [rect.center().x, rect.center().y]);
        let mut prepared = Self {
            origin_in_map,
            levels: Vec::new(),
            feature_count: features.len(),
            coarse_stale: false,
        };
        let mut exact = build_level(features, origin_in_map, 0.0, None, options);
        exact.reserve_for_edits();
        let exact_vertices = vertex_count(&exact);
        prepared.levels.push(exact);
        let Some(extent) = extent else {
            return prepared;
        };
        if exact_vertices < options.min_vertices_for_lod {
            return prepared;
        }
        // Whether a band saves enough is estimated before building it: simplification on a sample of about
        // 2,000 features, tiny-feature cells counted on all features' boxes. So bands that would change
        // nothing (features too detailed to simplify yet too big to be tiny) cost almost nothing.
        let step = (features.len() / SAMPLE_FEATURES).max(1);
        let sample: Vec<Feature> = features.iter().step_by(step).cloned().collect();
        let mut kept_vertices = exact_vertices;
        let extent_m = extent.width().max(extent.height());
        let mut band_m_per_px = options.first_band_m_per_px;
        while band_m_per_px > 0.0 && extent_m / band_m_per_px >= options.min_extent_px {
            let band = Some(band_m_per_px);
            let trial = build_level(&sample, origin_in_map, band_m_per_px, band, options);
            let simplified_vertices = vertex_count(&trial).saturating_sub(4 * trial.cell_count);
            let estimate = simplified_vertices * step
                + 4 * occupied_cells(features, origin_in_map, band_m_per_px, options);
            if (estimate as f64) <= options.keep_ratio * kept_vertices as f64 {
                let level = build_level(features, origin_in_map, band_m_per_px, band, options);
                kept_vertices = vertex_count(&level);
                prepared.levels.push(level);
            }
            band_m_per_px *= 2.0;
        }
        prepared
    }
}

/// How many features the band trials look at.
const SAMPLE_FEATURES: usize = 2_000;

fn vertex_count(level: &LodLevel) -> usize {
    level.vertices.len() + level.points.len()
}

/// How many cells the tiny features of a band would occupy (counted on bounding boxes only).
fn occupied_cells(
    features: &[Feature],
    origin: [f64; 2],
    band_m_per_px: f64,
    options: &LodOptions,
) -> usize {
    let cell_m = options.cell_px * band_m_per_px;
    let mut keys: Vec<(i64, i64)> = features
        .iter()
        .filter(|feature| crate::core::geometry::dimension(&feature.geometry_in_map) == 2)
        .filter_map(|feature| feature.bbox_in_map)
        .filter(|bbox| bbox.width().max(bbox.height()) < TINY_PX * band_m_per_px)
        .map(|bbox| {
            (
                ((bbox.center().y - origin[1]) / cell_m).floor() as i64,
                ((bbox.center().x - origin[0]) / cell_m).floor() as i64,
            )
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

/// One level: exact when `band_m_per_px` is `None`, else simplified for that band with tiny features
/// aggregated.
fn build_level(
    features: &[Feature],
    origin: [f64; 2],
    min_m_per_px: f64,
    band_m_per_px: Option<f64>,
    options: &LodOptions,
) -> LodLevel {
    let mut builder = LevelBuilder {
        level: LodLevel {
            min_m_per_px,
            tolerance_m: band_m_per_px.map_or(0.0, |band| band / 2.0),
            ..LodLevel::default()
        },
        origin,
        band_m_per_px,
        tiny: Vec::new(),
        item_vertex_start: 0,
    };
    for (position, feature) in features.iter().enumerate() {
        builder.add_feature(position as u32, feature);
    }
    if let Some(band) = band_m_per_px {
        let cells = aggregate(&mut builder.tiny, options.cell_px * band, band);
        builder.level.cell_count = cells.len();
        for cell in cells {
            builder.add_square(cell.feature, cell.min, cell.max);
        }
        builder.level.items.sort_by_key(|item| item.feature);
    }
    builder.finish()
}

/// Appends the exact drawing data of `feature` (at `position` in its layer) to the exact level `level`, and
/// returns its item; the item is not put into the level's items nor its R-tree.
pub(super) fn append_exact_item(
    level: &mut LodLevel,
    origin: [f64; 2],
    position: u32,
    feature: &Feature,
) -> Item {
    let mut builder = LevelBuilder {
        level: std::mem::take(level),
        origin,
        band_m_per_px: None,
        tiny: Vec::new(),
        item_vertex_start: 0,
    };
    let item = builder.item_of(position, &feature.geometry_in_map);
    *level = builder.level;
    item
}

struct LevelBuilder {
    level: LodLevel,
    origin: [f64; 2],
    band_m_per_px: Option<f64>,
    tiny: Vec<TinyPart>,
    /// Where the item being built starts in the level's vertices (its indices are relative to it).
    item_vertex_start: u32,
}

impl LevelBuilder {
    fn add_feature(&mut self, feature: u32, source: &Feature) {
        if let (Some(band), Some(bbox)) = (self.band_m_per_px, source.bbox_in_map)
            && crate::core::geometry::dimension(&source.geometry_in_map) > 0
            && bbox.width().max(bbox.height()) < TINY_PX * band
        {
            self.add_tiny(feature, &source.geometry_in_map);
            return;
        }
        let item = self.item_of(feature, &source.geometry_in_map);
        // Simplified levels draw only what has something to draw; the exact level keeps one item per
        // feature so item positions are feature positions.
        if self.band_m_per_px.is_none() || item != self.end_cursor(feature) {
            self.level.items.push(item);
        }
    }

    /// Appends the drawing data of one feature's geometry and returns its item (not pushed to the items).
    fn item_of(&mut self, feature: u32, geometry: &Geometry) -> Item {
        let start = self.cursor(feature);
        self.add_geometry(feature, geometry);
        self.close(start)
    }

    /// An item with empty spans at the current ends of the arrays.
    fn cursor(&mut self, feature: u32) -> Item {
        self.item_vertex_start = self.level.vertices.len() as u32;
        self.end_cursor(feature)
    }

    /// Empty spans at the current ends of the arrays, without starting a new item.
    fn end_cursor(&self, feature: u32) -> Item {
        let at = |len: usize| Span {
            start: len as u32,
            len: 0,
        };
        Item {
            feature,
            vertices: at(self.level.vertices.len()),
            indices: at(self.level.indices.len()),
            paths: at(self.level.paths.len()),
            points: at(self.level.points.len()),
        }
    }

    /// The item from `start` to the current ends of the arrays.
    fn close(&self, start: Item) -> Item {
        let end = self.end_cursor(start.feature);
        let span = |a: Span, b: Span| Span {
            start: a.start,
            len: b.start - a.start,
        };
        Item {
            feature: start.feature,
            vertices: span(start.vertices, end.vertices),
            indices: span(start.indices, end.indices),
            paths: span(start.paths, end.paths),
            points: span(start.points, end.points),
        }
    }

    fn add_geometry(&mut self, feature: u32, geometry: &Geometry) {
        match geometry {
            Geometry::Point(point) => self.add_point(point.x(), point.y()),
            Geometry::MultiPoint(points) => {
                for point in points {
                    self.add_point(point.x(), point.y());
                }
            }
            Geometry::Line(line) => {
                self.add_line(&LineString::from(vec![line.start, line.end]));
            }
            Geometry::LineString(line) => self.add_line(line),
            Geometry::MultiLineString(lines) => {
                for line in lines {
                    self.add_line(line);
                }
            }
            Geometry::Polygon(polygon) => self.add_polygon(feature, polygon),
            Geometry::MultiPolygon(polygons) => {
                for polygon in polygons {
                    self.add_polygon(feature, polygon);
                }
            }
            Geometry::Rect(rect) => self.add_polygon(feature, &rect.to_polygon()),
            Geometry::Triangle(triangle) => self.add_polygon(feature, &triangle.to_polygon()),
            Geometry::GeometryCollection(collection) => {
                for part in collection {
                    self.add_geometry(feature, part);
                }
            }
        }
    }

    /// A whole feature below the tiny size: its polygons go to the cells, its lines are dropped.
    fn add_tiny(&mut self, feature: u32, geometry: &Geometry) {
        match geometry {
            Geometry::Polygon(polygon) => self.add_tiny_polygon(feature, polygon),
            Geometry::MultiPolygon(polygons) => {
                for polygon in polygons {
                    self.add_tiny_polygon(feature, polygon);
                }
            }
            Geometry::Rect(rect) => self.add_tiny_polygon(feature, &rect.to_polygon()),
            Geometry::Triangle(triangle) => self.add_tiny_polygon(feature, &triangle.to_polygon()),
            Geometry::GeometryCollection(collection) => {
                for part in collection {
                    self.add_tiny(feature, part);
                }
            }
            Geometry::Point(_) | Geometry::MultiPoint(_) => {
                let start = self.cursor(feature);
                self.add_geometry(feature, geometry);
                let item = self.close(start);
                self.level.items.push(item);
            }
            Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => {}
        }
    }

    fn add_tiny_polygon(&mut self, feature: u32, polygon: &Polygon) {
        let Some(bbox) = polygon.bounding_rect() else {
            return;
        };
        self.tiny.push(TinyPart {
            feature,
            centre: [
                bbox.center().x - self.origin[0],
                bbox.center().y - self.origin[1],
            ],
            area_m2: polygon.unsigned_area(),
        });
    }

    fn add_point(&mut self, x: f64, y: f64) {
        let point = self.relative(x, y);
        self.level.points.push(point);
    }

    fn relative(&self, x: f64, y: f64) -> [f32; 2] {
        [(x - self.origin[0]) as f32, (y - self.origin[1]) as f32]
    }

    fn add_line(&mut self, line: &LineString) {
        let simplified;
        let line = match self.band_m_per_px {
            Some(band) => {
                let Some(bbox) = line.bounding_rect() else {
                    return;
                };
                if bbox.width().max(bbox.height()) < band {
                    return;
                }
                simplified = line.simplify_vw_preserve(band * band / 4.0);
                &simplified
            }
            None => line,
        };
        if line.0.len() < 2 {
            return;
        }
        let start = self.level.vertices.len() as u32;
        for coord in line.coords() {
            let vertex = self.relative(coord.x, coord.y);
            self.level.vertices.push(vertex);
        }
        self.push_path(start, false);
    }

    fn add_polygon(&mut self, feature: u32, polygon: &Polygon) {
        let simplified;
        let polygon = match self.band_m_per_px {
            Some(band) => {
                let Some(bbox) = polygon.bounding_rect() else {
                    return;
                };
                if bbox.width().max(bbox.height()) < TINY_PX * band {
                    // A part too small to draw of a bigger feature (an islet of a commune).
                    self.add_tiny_polygon(feature, polygon);
                    return;
                }
                let size_px = bbox.width().max(bbox.height()) / band;
                if size_px < COARSE_PX && polygon.interiors().is_empty() {
                    self.add_coarse_polygon(polygon, size_px);
                    return;
                }
                simplified = polygon.simplify_vw_preserve(band * band / 4.0);
                &simplified
            }
            None => polygon,
        };
        if polygon.exterior().0.len() < 4 {
            return;
        }
        let item_start = self.item_vertex_start;
        let triangulation = polygon.earcut_triangles_raw();
        let base = self.level.vertices.len() as u32 - item_start;
        for vertex in &triangulation.vertices {
            let relative = self.relative(vertex[0], vertex[1]);
            self.level.vertices.push(relative);
        }
        self.level.indices.extend(
            triangulation
                .triangle_indices
                .iter()
                .map(|index| base + *index as u32),
        );
        let mut ring_start = item_start + base;
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let ring_len = ring.0.len().saturating_sub(1) as u32;
            if ring_len == 0 {
                continue;
            }
            self.level.paths.push(Path {
                vertices: Span {
                    start: ring_start,
                    len: ring_len,
                },
                closed: true,
            });
            ring_start += ring_len;
        }
    }

    /// A mid-size polygon as its coarse outline (see [`super::coarse`]): a convex fan of a few vertices with
    /// the polygon's area; its ring shares the fill's vertices (the map view draws no outlines that small).
    fn add_coarse_polygon(&mut self, polygon: &Polygon, size_px: f64) {
        let Some(outline) = coarse_outline(polygon, max_coarse_vertices(size_px)) else {
            return;
        };
        let base = self.level.vertices.len() as u32 - self.item_vertex_start;
        for corner in &outline {
            let relative = self.relative(corner.x, corner.y);
            self.level.vertices.push(relative);
        }
        let corners = outline.len() as u32;
        self.level.indices.extend(
            (1..corners.saturating_sub(1))
                .flat_map(|corner| [base, base + corner, base + corner + 1]),
        );
        self.level.paths.push(Path {
            vertices: Span {
                start: self.item_vertex_start + base,
                len: corners,
            },
            closed: true,
        });
    }

    /// A square of a tiny-feature cell: four vertices, two triangles, no outline.
    fn add_square(&mut self, feature: u32, min: [f32; 2], max: [f32; 2]) {
        let start = self.cursor(feature);
        self.level.vertices.extend([
            [min[0], min[1]],
            [max[0], min[1]],
            [max[0], max[1]],
            [min[0], max[1]],
        ]);
        self.level.indices.extend([0, 1, 2, 0, 2, 3]);
        let item = self.close(start);
        self.level.items.push(item);
    }

    fn push_path(&mut self, start: u32, closed: bool) {
        let end = self.level.vertices.len() as u32;
        self.level.paths.push(Path {
            vertices: Span {
                start,
                len: end - start,
            },
            closed,
        });
    }

    fn finish(mut self) -> LodLevel {
        let envelopes: Vec<ItemEnvelope> = self
            .level
            .items
            .iter()
            .enumerate()
            .filter_map(|(position, item)| {
                let (min, max) = item_bounds(&self.level, item)?;
                Some(ItemEnvelope::new(
                    Rectangle::from_corners(min, max),
                    position as u32,
                ))
            })
            .collect();
        self.level.extent = envelopes
            .iter()
            .map(|entry| {
                let envelope = rstar::RTreeObject::envelope(entry.geom());
                (envelope.lower(), envelope.upper())
            })
            .reduce(|a, b| {
                (
                    [a.0[0].min(b.0[0]), a.0[1].min(b.0[1])],
                    [a.1[0].max(b.1[0]), a.1[1].max(b.1[1])],
                )
            });
        self.level.index = RTree::bulk_load(envelopes);
        self.level.vertices.shrink_to_fit();
        self.level.indices.shrink_to_fit();
        self.level.paths.shrink_to_fit();
        self.level.points.shrink_to_fit();
        self.level.items.shrink_to_fit();
        self.level
    }
}

/// The bounding box of an item's vertices and points, as (min, max); `None` for an item with neither.
pub(super) fn item_bounds(level: &LodLevel, item: &Item) -> Option<([f32; 2], [f32; 2])> {
    level
        .item_vertices(item)
        .iter()
        .chain(level.item_points(item))
        .fold(None, |bounds: Option<([f32; 2], [f32; 2])>, v| {
            Some(match bounds {
                None => (*v, *v),
                Some((min, max)) => (
                    [min[0].min(v[0]), min[1].min(v[1])],
                    [max[0].max(v[0]), max[1].max(v[1])],
                ),
            })
        })
}
