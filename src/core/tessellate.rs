//! Triangles of a multipolygon for painters that fill only convex shapes (egui): the analysis overlay fills
//! covered and gap areas with them. Layers are drawn through [`crate::core::lod`], whose levels hold their own
//! triangles.

use geo::TriangulateEarcut;

/// Triangles of a multipolygon (holes left open) as vertices and indices, for drawing analysis shapes.
pub fn triangulate_multipolygon(polygons: &geo::MultiPolygon) -> (Vec<[f64; 2]>, Vec<u32>) {
    let mut vertices: Vec<[f64; 2]> = Vec::new();
    let mut indices: Vec<u32> = Vec::new();
    for polygon in polygons {
        let triangulation = polygon.earcut_triangles_raw();
        let base = vertices.len() as u32;
        vertices.extend(triangulation.vertices.iter().copied());
        indices.extend(
            triangulation
                .triangle_indices
                .iter()
                .map(|index| base + *index as u32),
        );
    }
    (vertices, indices)
}
