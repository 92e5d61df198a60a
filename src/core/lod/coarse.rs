//! Coarse outlines for mid-size polygons of a simplified level: a polygon only a few screen points across is
//! drawn as a small convex polygon of at most [`max_coarse_vertices`] corners with the polygon's own area,
//! instead of its full ring. Half a point of Visvalingam–Whyatt tolerance removes none of the concavities of
//! a detailed parcel at those sizes, so without this such polygons cost all their vertices while showing a
//! blob of a few pixels.
//!
//! The outline is the polygon's convex hull, reduced by repeatedly dropping the corner that spans the
//! smallest triangle with its neighbours (a convex polygon stays convex and simple when a corner is dropped),
//! then scaled about its centroid to the polygon's area. It is always a valid convex ring, it stays centred on
//! the polygon, and its area equals the polygon's (up to `f32` rounding of the level's coordinates).

use geo::{Area, Centroid, ConvexHull, Coord, Polygon};

/// Polygons (without holes) smaller than this many screen points at the finest scale of a level's band,
/// but not tiny, are drawn as coarse outlines at that level.
pub const COARSE_PX: f64 = 10.0;

/// Below this size (in screen points at the band's finest scale) a coarse outline has 4 corners, above it 6.
pub const COARSE_QUAD_PX: f64 = 6.0;

/// The most corners a coarse outline of a polygon `size_px` screen points across may have.
pub fn max_coarse_vertices(size_px: f64) -> usize {
    if size_px < COARSE_QUAD_PX { 4 } else { 6 }
}

/// The coarse outline of `polygon` (its exterior; holes are the caller's business) as an open ring of at most
/// `max_vertices` (≥ 3) corners with the polygon's area, or `None` when the polygon has no area.
pub fn coarse_outline(polygon: &Polygon, max_vertices: usize) -> Option<Vec<Coord>> {
    let target_area_m2 = polygon.unsigned_area();
    if target_area_m2.is_nan() || target_area_m2 <= 0.0 {
        return None;
    }
    let hull = polygon.convex_hull();
    let mut ring: Vec<Coord> = hull.exterior().0.clone();
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    while ring.len() > max_vertices.max(3) {
        let smallest = (0..ring.len())
            .map(|corner| (corner, corner_area(&ring, corner)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(corner, _)| corner)?;
        ring.remove(smallest);
    }
    if ring.len() < 3 {
        return None;
    }
    let reduced = Polygon::new(geo::LineString::from(ring.clone()), Vec::new());
    let reduced_area_m2 = reduced.unsigned_area();
    let centre = reduced.centroid()?;
    if reduced_area_m2.is_nan() || reduced_area_m2 <= 0.0 {
        return None;
    }
    let scale = (target_area_m2 / reduced_area_m2).sqrt();
    Some(
        ring.into_iter()
            .map(|corner| Coord {
                x: centre.x() + (corner.x - centre.x()) * scale,
                y: centre.y() + (corner.y - centre.y()) * scale,
            })
            .collect(),
    )
}

/// Twice the area of the triangle a corner spans with its two neighbours (ring is open).
fn corner_area(ring: &[Coord], corner: usize) -> f64 {
    let count = ring.len();
    let (previous, here, next) = (
        ring[(corner + count - 1) % count],
        ring[corner],
        ring[(corner + 1) % count],
    );
    ((here.x - previous.x) * (next.y - previous.y) - (next.x - previous.x) * (here.y - previous.y))
        .abs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Validation, polygon};

    #[test]
    fn an_l_shape_becomes_a_valid_convex_polygon_of_the_same_area() {
        let l_shape = polygon![
            (x: 0.0, y: 0.0), (x: 30.0, y: 0.0), (x: 30.0, y: 10.0), (x: 10.0, y: 10.0),
            (x: 10.0, y: 30.0), (x: 0.0, y: 30.0), (x: 0.0, y: 0.0),
        ];
        let outline = coarse_outline(&l_shape, 4).expect("the L has an area");
        assert_eq!(outline.len(), 4);
        let coarse = Polygon::new(geo::LineString::from(outline), Vec::new());
        assert!(coarse.is_valid());
        assert!((coarse.unsigned_area() - 500.0).abs() < 1e-6);
    }

    #[test]
    fn a_degenerate_polygon_has_no_outline() {
        let flat =
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 20.0, y: 0.0), (x: 0.0, y: 0.0)];
        assert!(coarse_outline(&flat, 6).is_none());
    }
}
