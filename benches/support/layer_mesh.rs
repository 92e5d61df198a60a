//! The map's old drawing data, kept only as the benchmark baseline `a_cached_mesh_copy` of `frame_prep`: the
//! exact tessellation of every feature (earcut triangles, rings, lines, points) in map coordinates, grouped per
//! feature. The atlas draws through `hpatlas::core::lod` instead.

use std::ops::Range;

use geo::{Geometry, LineString, Polygon, TriangulateEarcut};
use hpatlas::core::layer::Feature;

/// The drawable parts of every feature of a layer, in map coordinates.
#[derive(Debug, Default, Clone)]
pub struct LayerMesh {
    /// Triangle corners of all filled areas.
    pub fill_vertices: Vec<[f64; 2]>,
    /// Three entries per triangle, indexing `fill_vertices`.
    pub fill_indices: Vec<u32>,
    /// Vertices of every polyline (polygon rings and lines), one after another.
    pub line_vertices: Vec<[f64; 2]>,
    /// Each polyline as a range of `line_vertices`, and whether it is a closed ring.
    pub polylines: Vec<(Range<u32>, bool)>,
    /// Marker positions of point features.
    pub points: Vec<[f64; 2]>,
    /// Per feature, which parts of the arrays above belong to it.
    pub features: Vec<FeatureParts>,
}

/// The ranges of a [`LayerMesh`]'s arrays that belong to one feature.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FeatureParts {
    /// Range of `fill_vertices`.
    pub fill_vertices: Range<u32>,
    /// Range of `fill_indices`.
    pub fill_indices: Range<u32>,
    /// Range of `polylines`.
    pub polylines: Range<u32>,
    /// Range of `points`.
    pub points: Range<u32>,
}

impl LayerMesh {
    /// Tessellates every feature's map geometry.
    pub fn build(features: &[Feature]) -> Self {
        let mut mesh = Self::default();
        for feature in features {
            let start = mesh.cursor();
            mesh.add_geometry(&feature.geometry_in_map);
            let end = mesh.cursor();
            mesh.features.push(FeatureParts {
                fill_vertices: start.fill_vertices.start..end.fill_vertices.start,
                fill_indices: start.fill_indices.start..end.fill_indices.start,
                polylines: start.polylines.start..end.polylines.start,
                points: start.points.start..end.points.start,
            });
        }
        mesh
    }

    /// The polylines (rings and lines) of one feature, each with whether it is a closed ring.
    pub fn feature_polylines(
        &self,
        parts: &FeatureParts,
    ) -> impl Iterator<Item = (&[[f64; 2]], bool)> + '_ {
        self.polylines
            .get(parts.polylines.start as usize..parts.polylines.end as usize)
            .unwrap_or_default()
            .iter()
            .map(|(range, closed)| {
                let coords = self
                    .line_vertices
                    .get(range.start as usize..range.end as usize)
                    .unwrap_or_default();
                (coords, *closed)
            })
    }

    fn cursor(&self) -> FeatureParts {
        let at = |length: usize| {
            let length = length as u32;
            length..length
        };
        FeatureParts {
            fill_vertices: at(self.fill_vertices.len()),
            fill_indices: at(self.fill_indices.len()),
            polylines: at(self.polylines.len()),
            points: at(self.points.len()),
        }
    }

    fn add_geometry(&mut self, geometry: &Geometry) {
        match geometry {
            Geometry::Point(point) => self.points.push([point.x(), point.y()]),
            Geometry::MultiPoint(points) => self
                .points
                .extend(points.iter().map(|point| [point.x(), point.y()])),
            Geometry::Line(line) => {
                self.add_polyline(&LineString::from(vec![line.start, line.end]), false)
            }
            Geometry::LineString(line) => self.add_polyline(line, false),
            Geometry::MultiLineString(lines) => {
                lines.iter().for_each(|line| self.add_polyline(line, false))
            }
            Geometry::Polygon(polygon) => self.add_polygon(polygon),
            Geometry::MultiPolygon(polygons) => polygons
                .iter()
                .for_each(|polygon| self.add_polygon(polygon)),
            Geometry::Rect(rect) => self.add_polygon(&rect.to_polygon()),
            Geometry::Triangle(triangle) => self.add_polygon(&triangle.to_polygon()),
            Geometry::GeometryCollection(collection) => {
                collection.iter().for_each(|part| self.add_geometry(part))
            }
        }
    }

    fn add_polygon(&mut self, polygon: &Polygon) {
        let triangulation = polygon.earcut_triangles_raw();
        let base = self.fill_vertices.len() as u32;
        self.fill_vertices
            .extend(triangulation.vertices.iter().copied());
        self.fill_indices.extend(
            triangulation
                .triangle_indices
                .iter()
                .map(|index| base + *index as u32),
        );
        self.add_polyline(polygon.exterior(), true);
        for interior in polygon.interiors() {
            self.add_polyline(interior, true);
        }
    }

    fn add_polyline(&mut self, line: &LineString, closed: bool) {
        let start = self.line_vertices.len() as u32;
        self.line_vertices
            .extend(line.coords().map(|coord| [coord.x, coord.y]));
        let end = self.line_vertices.len() as u32;
        self.polylines.push((start..end, closed));
    }
}
