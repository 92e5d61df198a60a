//! Well-Known Binary geometry, as stored in GeoPackage blobs: reading (either byte order; ISO and extended Z/M
//! codes, whose extra ordinates are dropped; curved types turned into straight segments by GDAL, as
//! GDAL-based tools show them) and writing (little-endian, 2-D). Counts are checked against the
//! bytes left before allocating, and nesting is limited, so hostile blobs cannot exhaust memory or the stack.

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use super::binary::ByteCursor;

/// Deepest nesting of geometry collections accepted.
const MAX_DEPTH: usize = 32;

/// A geometry read from WKB and whether Z or M ordinates were dropped.
pub(crate) struct ReadGeometry {
    /// The 2-D geometry.
    pub(crate) geometry: Geometry,
    /// True when the WKB carried Z or M values.
    pub(crate) dropped_zm: bool,
}

/// The error [`read_geometry`] gives on a curved type (CircularString 8 … Surface 14), so that the whole
/// geometry is segmented and read again.
const CURVED: &str = "a curved geometry";

/// Reads one WKB geometry from the start of `bytes`; a geometry with curves is read as GDAL segments it.
pub(crate) fn read_wkb(bytes: &[u8]) -> Result<ReadGeometry, String> {
    match read_linear_wkb(bytes) {
        Err(error) if error == CURVED => {
            let linear = super::gdal_formats::linearised_wkb(bytes)?;
            read_linear_wkb(&linear)
        }
        read => read,
    }
}

fn read_linear_wkb(bytes: &[u8]) -> Result<ReadGeometry, String> {
    let mut cursor = ByteCursor::new(bytes);
    let mut dropped_zm = false;
    let geometry = read_geometry(&mut cursor, 0, &mut dropped_zm)?;
    Ok(ReadGeometry {
        geometry,
        dropped_zm,
    })
}

struct Header {
    little_endian: bool,
    base_type: u32,
    extra_ordinates: usize,
}

fn read_header(cursor: &mut ByteCursor) -> Result<Header, String> {
    let little_endian = match cursor.u8()? {
        0 => false,
        1 => true,
        other => return Err(format!("WKB byte-order mark {other} (expected 0 or 1)")),
    };
    let code = cursor.u32(little_endian)?;
    let flag_z = code & 0x8000_0000 != 0;
    let flag_m = code & 0x4000_0000 != 0;
    let iso = code & 0x0FFF_FFFF;
    let (base_type, iso_z, iso_m) = match iso / 1000 {
        0 => (iso, false, false),
        1 => (iso % 1000, true, false),
        2 => (iso % 1000, false, true),
        3 => (iso % 1000, true, true),
        _ => return Err(format!("unknown WKB geometry type code {code}")),
    };
    let extra_ordinates = usize::from(flag_z || iso_z) + usize::from(flag_m || iso_m);
    Ok(Header {
        little_endian,
        base_type,
        extra_ordinates,
    })
}

fn read_geometry(
    cursor: &mut ByteCursor,
    depth: usize,
    dropped_zm: &mut bool,
) -> Result<Geometry, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "geometry collections nested deeper than {MAX_DEPTH}"
        ));
    }
    let header = read_header(cursor)?;
    *dropped_zm |= header.extra_ordinates > 0;
    let point_bytes = 16 + 8 * header.extra_ordinates;
    let le = header.little_endian;
    Ok(match header.base_type {
        1 => {
            let coord = coord(cursor, &header)?;
            if coord.x.is_nan() && coord.y.is_nan() {
                Geometry::GeometryCollection(GeometryCollection::default())
            } else {
                Geometry::Point(Point(coord))
            }
        }
        2 => Geometry::LineString(line(cursor, &header, point_bytes)?),
        3 => Geometry::Polygon(polygon(cursor, &header, point_bytes)?),
        4..=7 => {
            let count = counted(cursor, le, 5, "parts")?;
            let mut parts = Vec::with_capacity(count);
            for _ in 0..count {
                parts.push(read_geometry(cursor, depth + 1, dropped_zm)?);
            }
            collect_parts(header.base_type, parts)?
        }
        8..=14 => return Err(CURVED.to_string()),
        other => return Err(format!("unsupported WKB geometry type {other}")),
    })
}

fn collect_parts(base_type: u32, parts: Vec<Geometry>) -> Result<Geometry, String> {
    let wrong = |expected: &str| format!("a multi-geometry part is not a {expected}");
    Ok(match base_type {
        4 => Geometry::MultiPoint(MultiPoint(
            parts
                .into_iter()
                .map(|part| match part {
                    Geometry::Point(point) => Ok(point),
                    _ => Err(wrong("point")),
                })
                .collect::<Result<_, _>>()?,
        )),
        5 => Geometry::MultiLineString(MultiLineString(
            parts
                .into_iter()
                .map(|part| match part {
                    Geometry::LineString(line) => Ok(line),
                    _ => Err(wrong("line string")),
                })
                .collect::<Result<_, _>>()?,
        )),
        6 => Geometry::MultiPolygon(MultiPolygon(
            parts
                .into_iter()
                .map(|part| match part {
                    Geometry::Polygon(polygon) => Ok(polygon),
                    _ => Err(wrong("polygon")),
                })
                .collect::<Result<_, _>>()?,
        )),
        _ => Geometry::GeometryCollection(GeometryCollection(parts)),
    })
}

/// A count, refused when `min_item_bytes` per item cannot fit in the bytes left.
fn counted(
    cursor: &mut ByteCursor,
    little_endian: bool,
    min_item_bytes: usize,
    what: &str,
) -> Result<usize, String> {
    let count = cursor.u32(little_endian)? as usize;
    if count.saturating_mul(min_item_bytes) > cursor.remaining() {
        return Err(format!(
            "declares {count} {what} but only {} bytes follow",
            cursor.remaining()
        ));
    }
    Ok(count)
}

fn coord(cursor: &mut ByteCursor, header: &Header) -> Result<Coord, String> {
    let x = cursor.f64(header.little_endian)?;
    let y = cursor.f64(header.little_endian)?;
    cursor.skip(8 * header.extra_ordinates)?;
    Ok(Coord { x, y })
}

fn line(
    cursor: &mut ByteCursor,
    header: &Header,
    point_bytes: usize,
) -> Result<LineString, String> {
    let count = counted(cursor, header.little_endian, point_bytes, "points")?;
    // Sized up front (the count was checked against the bytes left): collecting a `Result` iterator
    // grows the list by doubling, which left a 21-point ring holding room for 32.
    let mut coords = Vec::with_capacity(count);
    for _ in 0..count {
        coords.push(coord(cursor, header)?);
    }
    Ok(LineString(coords))
}

fn polygon(
    cursor: &mut ByteCursor,
    header: &Header,
    point_bytes: usize,
) -> Result<Polygon, String> {
    let count = counted(cursor, header.little_endian, 4, "rings")?;
    let mut rings = Vec::with_capacity(count);
    for _ in 0..count {
        rings.push(line(cursor, header, point_bytes)?);
    }
    let mut rings = rings.into_iter();
    let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
    Ok(Polygon::new(exterior, rings.collect()))
}

/// Writes a 2-D geometry as little-endian WKB.
pub(crate) fn write_wkb(geometry: &Geometry, out: &mut Vec<u8>) {
    let header = |out: &mut Vec<u8>, code: u32| {
        out.push(1);
        out.extend(code.to_le_bytes());
    };
    let count = |out: &mut Vec<u8>, n: usize| {
        out.extend(u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes())
    };
    let coords = |out: &mut Vec<u8>, line: &LineString| {
        count(out, line.0.len());
        for c in &line.0 {
            out.extend(c.x.to_le_bytes());
            out.extend(c.y.to_le_bytes());
        }
    };
    let polygon = |out: &mut Vec<u8>, polygon: &Polygon| {
        header(out, 3);
        count(out, 1 + polygon.interiors().len());
        coords(out, polygon.exterior());
        for ring in polygon.interiors() {
            coords(out, ring);
        }
    };
    match geometry {
        Geometry::Point(point) => {
            header(out, 1);
            out.extend(point.x().to_le_bytes());
            out.extend(point.y().to_le_bytes());
        }
        Geometry::LineString(line) => {
            header(out, 2);
            coords(out, line);
        }
        Geometry::Polygon(shape) => polygon(out, shape),
        Geometry::MultiPoint(points) => {
            header(out, 4);
            count(out, points.0.len());
            for point in &points.0 {
                write_wkb(&Geometry::Point(*point), out);
            }
        }
        Geometry::MultiLineString(lines) => {
            header(out, 5);
            count(out, lines.0.len());
            for line in &lines.0 {
                header(out, 2);
                coords(out, line);
            }
        }
        Geometry::MultiPolygon(polygons) => {
            header(out, 6);
            count(out, polygons.0.len());
            for shape in &polygons.0 {
                polygon(out, shape);
            }
        }
        Geometry::GeometryCollection(collection) => {
            header(out, 7);
            count(out, collection.0.len());
            for part in &collection.0 {
                write_wkb(part, out);
            }
        }
        Geometry::Line(line) => write_wkb(&Geometry::LineString(LineString::from(*line)), out),
        Geometry::Rect(rect) => polygon(out, &rect.to_polygon()),
        Geometry::Triangle(triangle) => polygon(out, &triangle.to_polygon()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometries_round_trip_through_wkb() {
        let polygon = Polygon::new(
            LineString::from(vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 0.0)]),
            vec![LineString::from(vec![
                (1.0, 1.0),
                (2.0, 1.0),
                (2.0, 2.0),
                (1.0, 1.0),
            ])],
        );
        for geometry in [
            Geometry::Point(Point::new(106.68, 20.85)),
            Geometry::Polygon(polygon.clone()),
            Geometry::MultiPolygon(MultiPolygon(vec![polygon])),
            Geometry::MultiLineString(MultiLineString(vec![LineString::from(vec![
                (0.0, 1.0),
                (2.0, 3.0),
            ])])),
        ] {
            let mut bytes = Vec::new();
            write_wkb(&geometry, &mut bytes);
            let read = read_wkb(&bytes).expect("valid WKB");
            assert_eq!(read.geometry, geometry);
            assert!(!read.dropped_zm);
        }
    }

    /// Little-endian WKB of a circular string through `points` (ISO type 8).
    fn circular_string(points: &[(f64, f64)]) -> Vec<u8> {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&8u32.to_le_bytes());
        bytes.extend_from_slice(&(points.len() as u32).to_le_bytes());
        for (x, y) in points {
            bytes.extend_from_slice(&x.to_le_bytes());
            bytes.extend_from_slice(&y.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn a_circular_arc_is_read_as_segments_on_its_circle() {
        let read = read_wkb(&circular_string(&[(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]))
            .expect("a circular string");
        let Geometry::LineString(line) = read.geometry else {
            panic!("an arc becomes a line string, got {:?}", read.geometry);
        };
        assert!(line.0.len() > 10, "segmented: {} points", line.0.len());
        assert_eq!(line.0.first(), Some(&Coord { x: 0.0, y: 0.0 }));
        assert_eq!(line.0.last(), Some(&Coord { x: 2.0, y: 0.0 }));
        for point in &line.0 {
            let radius = ((point.x - 1.0).powi(2) + point.y.powi(2)).sqrt();
            assert!((radius - 1.0).abs() < 1e-9, "{point:?} is off the circle");
        }
    }

    #[test]
    fn a_curve_polygon_of_a_full_circle_has_the_circles_area() {
        use geo::Area;
        // CurvePolygon (10) with one ring: a closed circular string of radius 10 about (10, 0).
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&10u32.to_le_bytes());
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend(circular_string(&[(0.0, 0.0), (20.0, 0.0), (0.0, 0.0)]));
        let read = read_wkb(&bytes).expect("a curve polygon");
        let Geometry::Polygon(polygon) = &read.geometry else {
            panic!("a curve polygon becomes a polygon, got {:?}", read.geometry);
        };
        let circle_m2 = std::f64::consts::PI * 100.0;
        assert!((polygon.unsigned_area() - circle_m2).abs() / circle_m2 < 1e-3);
    }

    #[test]
    fn a_broken_curve_is_refused_with_a_message() {
        let mut bytes = circular_string(&[(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]);
        bytes.truncate(bytes.len() - 4);
        assert!(read_wkb(&bytes).is_err());
    }

    #[test]
    fn a_huge_declared_count_is_refused_without_allocating() {
        let mut bytes = vec![1u8];
        bytes.extend(2u32.to_le_bytes());
        bytes.extend(u32::MAX.to_le_bytes());
        let error = read_wkb(&bytes).err().expect("refused");
        assert!(error.contains("declares 4294967295 points"), "{error}");
    }
}
