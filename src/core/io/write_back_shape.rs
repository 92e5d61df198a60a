//! One geometry as the content of a `.shp` record, in the file's own shape type: a point file takes points, a
//! multipoint file points and multipoints, a polyline file lines, a polygon file polygons (rings turned the
//! Shapefile way: outer rings clockwise, holes counter-clockwise). An empty geometry is a null shape, which
//! any file can hold. A geometry of another type is refused, as is any geometry for a file whose shapes carry
//! Z or M values (the atlas does not keep them, so it would write them as nothing).

use geo::orient::Direction;
use geo::{BoundingRect, Coord, CoordsIter, Geometry, LineString, Orient, Polygon};

use super::shp_reader::ShapeKind;

/// Why a geometry cannot be a record of this file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ShapeRefusal {
    /// The file holds shapes of another type.
    WrongType {
        /// What the file holds ("points", …).
        expected: &'static str,
    },
    /// The file's shapes carry Z or M values.
    ZOrM,
    /// The geometry is not a valid shape (a line of one point, more points than the format counts, …).
    Invalid(String),
}

/// What a file of shapes of `kind` holds, for messages.
pub(super) fn kind_name(kind: ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Point => "points",
        ShapeKind::MultiPoint => "multipoints",
        ShapeKind::Polyline => "lines",
        ShapeKind::Polygon => "polygons",
    }
}

/// The record content (little-endian, without the 8-byte record header) for `geometry` in a file of shapes of
/// `kind`; `z_or_m` when the file's shape type carries Z or M values.
pub(super) fn shape_content(
    geometry: &Geometry,
    kind: ShapeKind,
    z_or_m: bool,
) -> Result<Vec<u8>, ShapeRefusal> {
    if geometry.coords_count() == 0 {
        return Ok(0i32.to_le_bytes().to_vec());
    }
    if z_or_m {
        return Err(ShapeRefusal::ZOrM);
    }
    let wrong = || ShapeRefusal::WrongType {
        expected: kind_name(kind),
    };
    match (kind, geometry) {
        (ShapeKind::Point, Geometry::Point(point)) => {
            let mut content = 1i32.to_le_bytes().to_vec();
            push_coord(&mut content, point.0);
            Ok(content)
        }
        (ShapeKind::MultiPoint, Geometry::Point(point)) => multipoint(&[point.0]),
        (ShapeKind::MultiPoint, Geometry::MultiPoint(points)) => {
            multipoint(&points.0.iter().map(|point| point.0).collect::<Vec<_>>())
        }
        (ShapeKind::Polyline, _) => parts(3, &line_parts(geometry).ok_or_else(wrong)?, 2),
        (ShapeKind::Polygon, _) => parts(5, &polygon_rings(geometry).ok_or_else(wrong)?, 4),
        _ => Err(wrong()),
    }
}

fn line_parts(geometry: &Geometry) -> Option<Vec<LineString>> {
    Some(match geometry {
        Geometry::LineString(line) => vec![line.clone()],
        Geometry::Line(line) => vec![LineString::from(*line)],
        Geometry::MultiLineString(lines) => lines.0.clone(),
        _ => return None,
    })
}

/// The rings of every polygon, each polygon's outer ring first, outer rings clockwise and holes
/// counter-clockwise.
fn polygon_rings(geometry: &Geometry) -> Option<Vec<LineString>> {
    let polygons: Vec<Polygon> = match geometry {
        Geometry::Polygon(polygon) => vec![polygon.clone()],
        Geometry::MultiPolygon(polygons) => polygons.0.clone(),
        Geometry::Rect(rect) => vec![rect.to_polygon()],
        Geometry::Triangle(triangle) => vec![triangle.to_polygon()],
        _ => return None,
    };
    Some(
        polygons
            .iter()
            .map(|polygon| polygon.orient(Direction::Reversed))
            .flat_map(|polygon| {
                let (exterior, interiors) = polygon.into_inner();
                std::iter::once(exterior).chain(interiors)
            })
            .filter(|ring| !ring.0.is_empty())
            .collect(),
    )
}

fn multipoint(points: &[Coord]) -> Result<Vec<u8>, ShapeRefusal> {
    let mut content = 8i32.to_le_bytes().to_vec();
    push_box(&mut content, points);
    content.extend(count(points.len())?.to_le_bytes());
    for point in points {
        push_coord(&mut content, *point);
    }
    Ok(content)
}

/// A polyline (type 3) or polygon (type 5) record; every part needs `min_points`.
fn parts(
    shape_type: i32,
    parts: &[LineString],
    min_points: usize,
) -> Result<Vec<u8>, ShapeRefusal> {
    if let Some((number, short)) = parts
        .iter()
        .enumerate()
        .find(|(_, part)| part.0.len() < min_points)
    {
        return Err(ShapeRefusal::Invalid(format!(
            "part {number} has {} point(s); it needs at least {min_points}",
            short.0.len()
        )));
    }
    let points: Vec<Coord> = parts
        .iter()
        .flat_map(|part| part.0.iter().copied())
        .collect();
    let mut content = shape_type.to_le_bytes().to_vec();
    push_box(&mut content, &points);
    content.extend(count(parts.len())?.to_le_bytes());
    content.extend(count(points.len())?.to_le_bytes());
    let mut start = 0;
    for part in parts {
        content.extend(count(start)?.to_le_bytes());
        start += part.0.len();
    }
    for point in &points {
        push_coord(&mut content, *point);
    }
    Ok(content)
}

fn count(value: usize) -> Result<i32, ShapeRefusal> {
    i32::try_from(value)
        .map_err(|_| ShapeRefusal::Invalid(format!("{value} is more than a Shapefile can count")))
}

fn push_coord(content: &mut Vec<u8>, coord: Coord) {
    content.extend(coord.x.to_le_bytes());
    content.extend(coord.y.to_le_bytes());
}

fn push_box(content: &mut Vec<u8>, points: &[Coord]) {
    let rect = geo::MultiPoint::from(points.to_vec()).bounding_rect();
    let (min, max) = rect.map_or((Coord::zero(), Coord::zero()), |rect| {
        (rect.min(), rect.max())
    });
    for value in [min.x, min.y, max.x, max.y] {
        content.extend(value.to_le_bytes());
    }
}

/// The XY bounding box [min x, min y, max x, max y] of a record's content; `None` for a null shape or
/// content too short to have one.
pub(super) fn content_box(content: &[u8]) -> Option<[f64; 4]> {
    let number = |at: usize| {
        content
            .get(at..at + 8)
            .and_then(|bytes| <[u8; 8]>::try_from(bytes).ok())
            .map(f64::from_le_bytes)
    };
    let shape_type = content
        .get(..4)
        .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
        .map(i32::from_le_bytes)?;
    match shape_type {
        0 => None,
        1 | 11 | 21 => {
            let (x, y) = (number(4)?, number(12)?);
            Some([x, y, x, y])
        }
        _ => Some([number(4)?, number(12)?, number(20)?, number(28)?]),
    }
}

#[cfg(test)]
mod tests {
    use geo::{MultiPolygon, Point, polygon};

    use super::super::shp_reader::{RawShape, read_shp};
    use super::*;

    /// A `.shp` and `.shx` holding one record with `content`.
    fn one_record_files(shape_type: i32, content: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let header = |total_bytes: usize| {
            let mut bytes = vec![0u8; 100];
            bytes[0..4].copy_from_slice(&9994i32.to_be_bytes());
            bytes[24..28].copy_from_slice(&((total_bytes / 2) as i32).to_be_bytes());
            bytes[28..32].copy_from_slice(&1000i32.to_le_bytes());
            bytes[32..36].copy_from_slice(&shape_type.to_le_bytes());
            bytes
        };
        let mut shp = header(108 + content.len());
        shp.extend(1i32.to_be_bytes());
        shp.extend(((content.len() / 2) as i32).to_be_bytes());
        shp.extend_from_slice(content);
        let mut shx = header(108);
        shx.extend(50i32.to_be_bytes());
        shx.extend(((content.len() / 2) as i32).to_be_bytes());
        (shp, shx)
    }

    #[test]
    fn a_polygon_with_a_hole_reads_back_with_the_shapefile_ring_order() {
        let square = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0), (x: 0.0, y: 0.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 2.0, y: 2.0), (x: 1.0, y: 1.0)]],
        ];
        let geometry = Geometry::MultiPolygon(MultiPolygon(vec![square]));
        let content = shape_content(&geometry, ShapeKind::Polygon, false).expect("a polygon");
        assert_eq!(content_box(&content), Some([0.0, 0.0, 4.0, 4.0]));
        let (shp, shx) = one_record_files(5, &content);
        let read = read_shp(&shp, &shx).expect("valid");
        let RawShape::Polygon(rings) = &read.shapes[0] else {
            panic!("{:?}", read.shapes[0]);
        };
        assert_eq!(rings.len(), 2);
        let signed_area = |ring: &Vec<Coord>| {
            ring.windows(2)
                .map(|pair| pair[0].x * pair[1].y - pair[1].x * pair[0].y)
                .sum::<f64>()
        };
        assert!(signed_area(&rings[0]) < 0.0, "outer ring clockwise");
        assert!(signed_area(&rings[1]) > 0.0, "hole counter-clockwise");
    }

    #[test]
    fn other_types_and_z_files_are_refused_and_empty_is_a_null_shape() {
        let point = Geometry::Point(Point::new(1.0, 2.0));
        assert_eq!(
            shape_content(&point, ShapeKind::Polygon, false),
            Err(ShapeRefusal::WrongType {
                expected: "polygons"
            })
        );
        assert_eq!(
            shape_content(&point, ShapeKind::Point, true),
            Err(ShapeRefusal::ZOrM)
        );
        let empty = Geometry::GeometryCollection(geo::GeometryCollection::default());
        assert_eq!(
            shape_content(&empty, ShapeKind::Polygon, true),
            Ok(vec![0, 0, 0, 0])
        );
        let (shp, shx) = one_record_files(
            1,
            &shape_content(&point, ShapeKind::Point, false).expect("a point"),
        );
        assert_eq!(
            read_shp(&shp, &shx).expect("valid").shapes,
            [RawShape::Point(Coord { x: 1.0, y: 2.0 })]
        );
    }
}
