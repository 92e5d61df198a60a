//! The geometry half of an ESRI Shapefile: the `.shp` records located through the `.shx` index.
//!
//! Every length and count in the files is checked against the bytes actually present before anything is
//! allocated, so a header that declares billions of points costs nothing. Z and M values are skipped (the
//! caller records that they were dropped). Coordinates are returned raw; the caller checks them against the CRS.

use geo::Coord;

use super::binary::ByteCursor;

/// Size of the `.shp` and `.shx` file headers.
pub(crate) const HEADER_BYTES: usize = 100;
/// The file code every `.shp`/`.shx` starts with.
const FILE_CODE: i32 = 9994;

/// The kind of shapes a Shapefile holds (its header's shape type without the Z/M variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShapeKind {
    /// Points (types 1, 11, 21).
    Point,
    /// Polylines (3, 13, 23).
    Polyline,
    /// Polygons (5, 15, 25).
    Polygon,
    /// Multipoints (8, 18, 28).
    MultiPoint,
}

/// One record's shape, coordinates as stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RawShape {
    /// A null shape (no geometry).
    Null,
    /// One point.
    Point(Coord),
    /// Several points.
    MultiPoint(Vec<Coord>),
    /// Parts of a polyline.
    Polyline(Vec<Vec<Coord>>),
    /// Rings of a polygon, in file order.
    Polygon(Vec<Vec<Coord>>),
}

/// What the `.shp` holds.
#[derive(Debug)]
pub(crate) struct ShpContents {
    /// True when the file type carries Z values (which were dropped).
    pub(crate) had_z: bool,
    /// True when the file type carries M values (which were dropped).
    pub(crate) had_m: bool,
    /// The shapes, in record order.
    pub(crate) shapes: Vec<RawShape>,
}

/// A problem in the `.shp` or `.shx`, before the file name is attached.
#[derive(Debug, PartialEq)]
pub(crate) enum ShpProblem {
    /// The `.shp` as a whole.
    Shp(String),
    /// The `.shx` index.
    Shx(String),
    /// One record (one-based, as numbered in the file).
    Record(usize, String),
}

/// A `.shp` as raw records, located through its index: what saving edits back copies unchanged records from.
#[derive(Debug)]
pub(crate) struct ShpRecords<'a> {
    /// The header's shape type, with its Z/M variant (1, 3, 5, 8, 11, …).
    pub(crate) shape_type: i32,
    /// The kind of shapes.
    pub(crate) kind: ShapeKind,
    /// True when the shape type carries Z values.
    pub(crate) had_z: bool,
    /// True when the shape type carries M values.
    pub(crate) had_m: bool,
    /// Each record's content (after its 8-byte record header), in index order.
    pub(crate) contents: Vec<&'a [u8]>,
}

/// Checks the headers of `shp` and its index `shx` and locates every record's content.
pub(crate) fn read_records<'a>(shp: &'a [u8], shx: &[u8]) -> Result<ShpRecords<'a>, ShpProblem> {
    let shape_type = read_header(shp).map_err(ShpProblem::Shp)?;
    let shx_type = read_header(shx).map_err(ShpProblem::Shx)?;
    if shx_type != shape_type {
        return Err(ShpProblem::Shx(format!(
            "its shape type {shx_type} differs from the .shp's {shape_type}"
        )));
    }
    let (kind, had_z, had_m) = classify(shape_type).map_err(ShpProblem::Shp)?;
    let index = shx.get(HEADER_BYTES..).unwrap_or_default();
    if index.len() % 8 != 0 {
        return Err(ShpProblem::Shx(format!(
            "the index is truncated ({} bytes after the header, not a multiple of 8)",
            index.len()
        )));
    }
    let contents = index
        .chunks_exact(8)
        .enumerate()
        .map(|(number, entry)| {
            record_content(shp, entry).map_err(|message| ShpProblem::Record(number + 1, message))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ShpRecords {
        shape_type,
        kind,
        had_z,
        had_m,
        contents,
    })
}

/// Reads every record of `shp` listed in the index `shx`.
pub(crate) fn read_shp(shp: &[u8], shx: &[u8]) -> Result<ShpContents, ShpProblem> {
    let records = read_records(shp, shx)?;
    let mut shapes = Vec::with_capacity(records.contents.len());
    for (number, content) in records.contents.iter().enumerate() {
        let shape = parse_shape(content, records.shape_type, records.kind)
            .map_err(|message| ShpProblem::Record(number + 1, message))?;
        shapes.push(shape);
    }
    Ok(ShpContents {
        had_z: records.had_z,
        had_m: records.had_m,
        shapes,
    })
}

fn read_header(bytes: &[u8]) -> Result<i32, String> {
    let code = bytes
        .get(..4)
        .and_then(|start| <[u8; 4]>::try_from(start).ok())
        .map(i32::from_be_bytes);
    if code.is_some_and(|code| code != FILE_CODE) {
        return Err(format!(
            "not a Shapefile (file code {}, expected {FILE_CODE})",
            code.unwrap_or_default()
        ));
    }
    if bytes.len() < HEADER_BYTES {
        return Err(format!(
            "the file has {} bytes, fewer than the 100-byte header (truncated?)",
            bytes.len()
        ));
    }
    let mut cursor = ByteCursor::new(bytes);
    cursor.skip(32)?;
    cursor.i32_le()
}

fn classify(shape_type: i32) -> Result<(ShapeKind, bool, bool), String> {
    Ok(match shape_type {
        1 => (ShapeKind::Point, false, false),
        3 => (ShapeKind::Polyline, false, false),
        5 => (ShapeKind::Polygon, false, false),
        8 => (ShapeKind::MultiPoint, false, false),
        11 => (ShapeKind::Point, true, true),
        13 => (ShapeKind::Polyline, true, true),
        15 => (ShapeKind::Polygon, true, true),
        18 => (ShapeKind::MultiPoint, true, true),
        21 => (ShapeKind::Point, false, true),
        23 => (ShapeKind::Polyline, false, true),
        25 => (ShapeKind::Polygon, false, true),
        28 => (ShapeKind::MultiPoint, false, true),
        31 => return Err("shape type 31 (MultiPatch, 3-D surfaces) is not supported".into()),
        0 => return Err("the header's shape type is 0 (null shapes only); nothing to draw".into()),
        other => return Err(format!("unknown shape type {other} in the header")),
    })
}

/// The content of the record an index entry points to, after checking it lies inside the `.shp`.
fn record_content<'a>(shp: &'a [u8], entry: &[u8]) -> Result<&'a [u8], String> {
    let mut index = ByteCursor::new(entry);
    let offset_words = index.i32_be()?;
    let shx_length_words = index.i32_be()?;
    if offset_words < 50 {
        return Err(format!(
            "the index gives offset {offset_words} (16-bit words), which is impossible"
        ));
    }
    let start = usize::try_from(offset_words)
        .unwrap_or(usize::MAX)
        .saturating_mul(2);
    // The record's own header in the .shp gives its length too; where the two disagree, GDAL (shapelib)
    // trusts the .shp, and so does the atlas when the .shp's length is possible and fits in the file.
    let shp_length_words = shp
        .get(start.saturating_add(4)..start.saturating_add(8))
        .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
        .map(i32::from_be_bytes)
        .filter(|&words| {
            words >= 2
                && usize::try_from(words).is_ok_and(|words| {
                    start
                        .saturating_add(8)
                        .saturating_add(words.saturating_mul(2))
                        <= shp.len()
                })
        });
    let length_words = shp_length_words.unwrap_or(shx_length_words);
    if length_words < 2 {
        return Err(format!(
            "the index gives offset {offset_words} and length {length_words} (16-bit words), which are impossible"
        ));
    }
    let length = usize::try_from(length_words)
        .unwrap_or(usize::MAX)
        .saturating_mul(2);
    let content_start = start.saturating_add(8);
    let content_end = content_start.saturating_add(length);
    if content_end > shp.len() {
        return Err(format!(
            "the record (bytes {start}…{content_end}) runs past the end of the .shp ({} bytes; truncated?)",
            shp.len()
        ));
    }
    Ok(shp.get(content_start..content_end).unwrap_or_default())
}

fn parse_shape(content: &[u8], file_type: i32, kind: ShapeKind) -> Result<RawShape, String> {
    let mut cursor = ByteCursor::new(content);
    let record_type = cursor.i32_le()?;
    if record_type == 0 {
        return Ok(RawShape::Null);
    }
    if record_type != file_type {
        return Err(format!(
            "shape type {record_type} in a file of shape type {file_type}"
        ));
    }
    match kind {
        ShapeKind::Point => Ok(RawShape::Point(point(&mut cursor)?)),
        ShapeKind::MultiPoint => {
            cursor.skip(32)?;
            let count = count(&mut cursor, "point")?;
            check_room(&cursor, count, 16, "points")?;
            let points = (0..count)
                .map(|_| point(&mut cursor))
                .collect::<Result<_, _>>()?;
            Ok(RawShape::MultiPoint(points))
        }
        ShapeKind::Polyline | ShapeKind::Polygon => {
            let parts = parts(&mut cursor)?;
            Ok(if kind == ShapeKind::Polygon {
                RawShape::Polygon(parts)
            } else {
                RawShape::Polyline(parts)
            })
        }
    }
}

fn point(cursor: &mut ByteCursor) -> Result<Coord, String> {
    let x = cursor.f64_le()?;
    let y = cursor.f64_le()?;
    Ok(Coord { x, y })
}

fn count(cursor: &mut ByteCursor, what: &str) -> Result<usize, String> {
    let value = cursor.i32_le()?;
    usize::try_from(value).map_err(|_| format!("negative {what} count {value}"))
}

/// Refuses a count whose items cannot fit in what is left of the record, before allocating for them.
fn check_room(
    cursor: &ByteCursor,
    count: usize,
    item_bytes: usize,
    what: &str,
) -> Result<(), String> {
    let needed = count.saturating_mul(item_bytes);
    if needed > cursor.remaining() {
        return Err(format!(
            "declares {count} {what} ({needed} bytes) but the record has only {} bytes left",
            cursor.remaining()
        ));
    }
    Ok(())
}

fn parts(cursor: &mut ByteCursor) -> Result<Vec<Vec<Coord>>, String> {
    cursor.skip(32)?;
    let part_count = count(cursor, "part")?;
    let point_count = count(cursor, "point")?;
    check_room(cursor, part_count, 4, "parts")?;
    let starts = (0..part_count)
        .map(|_| count(cursor, "part start"))
        .collect::<Result<Vec<_>, _>>()?;
    check_room(cursor, point_count, 16, "points")?;
    let points = (0..point_count)
        .map(|_| point(cursor))
        .collect::<Result<Vec<_>, _>>()?;
    if part_count == 0 {
        return Err("a polyline or polygon with no parts".into());
    }
    if starts.first() != Some(&0) {
        return Err("its first part does not start at point 0".into());
    }
    let mut parts = Vec::with_capacity(part_count);
    for (number, start) in starts.iter().enumerate() {
        let end = starts.get(number + 1).copied().unwrap_or(point_count);
        let part = points
            .get(*start..end)
            .filter(|part| !part.is_empty())
            .ok_or_else(|| {
                format!("part {number} spans points {start}…{end} of {point_count}, which is empty or impossible")
            })?;
        parts.push(part.to_vec());
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(shape_type: i32, total_bytes: usize) -> Vec<u8> {
        let mut bytes = vec![0u8; HEADER_BYTES];
        bytes[0..4].copy_from_slice(&FILE_CODE.to_be_bytes());
        bytes[24..28].copy_from_slice(&((total_bytes / 2) as i32).to_be_bytes());
        bytes[28..32].copy_from_slice(&1000i32.to_le_bytes());
        bytes[32..36].copy_from_slice(&shape_type.to_le_bytes());
        bytes
    }

    fn one_point_files(x: f64, y: f64) -> (Vec<u8>, Vec<u8>) {
        let mut shp = header(1, 128);
        shp.extend(1i32.to_be_bytes());
        shp.extend(10i32.to_be_bytes());
        shp.extend(1i32.to_le_bytes());
        shp.extend(x.to_le_bytes());
        shp.extend(y.to_le_bytes());
        let mut shx = header(1, 108);
        shx.extend(50i32.to_be_bytes());
        shx.extend(10i32.to_be_bytes());
        (shp, shx)
    }

    #[test]
    fn reads_a_point() {
        let (shp, shx) = one_point_files(106.68, 20.85);
        let contents = read_shp(&shp, &shx).expect("valid");
        assert_eq!(
            contents.shapes,
            [RawShape::Point(Coord {
                x: 106.68,
                y: 20.85
            })]
        );
    }

    #[test]
    fn the_shp_record_length_wins_over_a_disagreeing_shx() {
        let (shp, mut shx) = one_point_files(106.68, 20.85);
        let at = shx.len() - 4;
        shx[at..].copy_from_slice(&14i32.to_be_bytes());
        let contents = read_shp(&shp, &shx).expect("the .shp's length is used");
        assert_eq!(
            contents.shapes,
            [RawShape::Point(Coord {
                x: 106.68,
                y: 20.85
            })]
        );
        shx[at..].copy_from_slice(&0i32.to_be_bytes());
        assert!(
            read_shp(&shp, &shx).is_ok(),
            "even an impossible .shx length"
        );
    }

    #[test]
    fn a_record_past_the_end_is_refused() {
        let (mut shp, shx) = one_point_files(1.0, 2.0);
        shp.truncate(shp.len() - 4);
        let problem = read_shp(&shp, &shx).expect_err("truncated");
        assert!(
            matches!(&problem, ShpProblem::Record(1, message) if message.contains("runs past the end")),
            "{problem:?}"
        );
    }
}
