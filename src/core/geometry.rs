//! Small geometry facts shared by the loaders, the index, hit testing and tessellation: the name and
//! dimension of a geometry, its bounding rectangle, and a check that its coordinates are usable.

use geo::{BoundingRect, CoordsIter, Geometry, Rect};

/// The GeoJSON name of a geometry's type ("Polygon", "MultiLineString", …); an empty collection is "Null".
pub fn geometry_type_name(geometry: &Geometry) -> &'static str {
    match geometry {
        Geometry::Point(_) => "Point",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::Line(_) | Geometry::LineString(_) => "LineString",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(collection) if collection.0.is_empty() => "Null",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

/// The topological dimension used to rank hits: 0 for points, 1 for lines, 2 for areas, 3 for empty/mixed.
pub fn dimension(geometry: &Geometry) -> u8 {
    match geometry {
        Geometry::Point(_) | Geometry::MultiPoint(_) => 0,
        Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => 1,
        Geometry::Polygon(_)
        | Geometry::MultiPolygon(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => 2,
        Geometry::GeometryCollection(_) => 3,
    }
}

/// The bounding rectangle, or `None` for an empty geometry.
pub fn bounding_rect(geometry: &Geometry) -> Option<Rect> {
    geometry.bounding_rect()
}

/// The union of two optional rectangles.
pub fn union_rect(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Rect::new(
            geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )),
        (a, None) => a,
        (None, b) => b,
    }
}

/// The number of vertices in a geometry.
pub fn vertex_count(geometry: &Geometry) -> usize {
    geometry.coords_count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Point, Polygon};

    #[test]
    fn names_and_dimensions() {
        let square = Polygon::new(
            LineString::from(vec![(0., 0.), (1., 0.), (1., 1.), (0., 0.)]),
            vec![],
        );
        assert_eq!(
            geometry_type_name(&Geometry::Polygon(square.clone())),
            "Polygon"
        );
        assert_eq!(dimension(&Geometry::Polygon(square)), 2);
        assert_eq!(dimension(&Geometry::Point(Point::new(1., 2.))), 0);
        let a = Rect::new((0., 0.), (1., 1.));
        let b = Rect::new((2., -1.), (3., 0.5));
        let union = union_rect(Some(a), Some(b)).expect("two rectangles");
        assert_eq!(
            (union.min().x, union.min().y, union.max().x, union.max().y),
            (0., -1., 3., 1.)
        );
    }
}
