//! The geometry of one KML placemark: the text of `<coordinates>` and `<gx:coord>` read as WGS 84
//! positions, and the geometry elements (`Point`, `LineString`, `LinearRing`, `Polygon`, `MultiGeometry`,
//! `gx:Track`, `gx:MultiTrack`) assembled into one `geo` geometry as the XML reader meets their ends.
//!
//! `<coordinates>` holds `lon,lat[,alt]` tuples. Tuples are separated by whitespace; the numbers of a tuple
//! by commas, with whitespace allowed around a comma (`106.7, 20.8`), and a tuple never holds more than three
//! numbers, so a comma written after every tuple (`106.7,20.8,0, 106.8,20.9,0,`) is tolerated as GDAL
//! tolerates it. Heights are read and dropped (the layer model is 2-D); the reader notes it when one was not
//! zero. A ring whose last position is not its first is closed (and counted); a ring of fewer than 3 distinct
//! corners, a line of a single position, a coordinate that is not a finite number or that is out of range is
//! a [`GeometryProblem`] for the whole placemark, which the reader keeps without a geometry.
//!
//! A `MultiGeometry` whose parts are all points, all lines or all polygons becomes a `MultiPoint`,
//! `MultiLineString` or `MultiPolygon` (nested multi-geometries flattened into it), otherwise a
//! `GeometryCollection`. A `gx:Track` becomes a `LineString` (a Point when it has a single position, as the GPX
//! reader keeps a one-point segment) and a `gx:MultiTrack` a `MultiLineString`. A standalone `LinearRing`
//! is a closed `LineString`, as Google Earth draws it. Elements with no positions (`<Point/>`) add nothing.

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use crate::core::layer_note::GeometryProblem;

/// A problem in a placemark's geometry and the byte offset in the file where it is.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PlacedProblem {
    /// Byte offset in the KML text.
    pub offset: u64,
    /// What is wrong.
    pub problem: GeometryProblem,
}

/// Which boundary of a polygon a `LinearRing` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Boundary {
    /// `outerBoundaryIs`.
    Outer,
    /// `innerBoundaryIs`.
    Inner,
    /// Not inside a polygon: a standalone ring.
    None,
}

/// A geometry element that is still open.
enum Frame {
    /// `MultiGeometry` or `gx:MultiTrack`: its finished parts.
    Multi(Vec<Geometry>),
    /// `Polygon`: its rings so far.
    Polygon {
        outer: Option<LineString>,
        holes: Vec<LineString>,
    },
    /// `gx:Track`: its positions so far.
    Track(Vec<Coord>),
}

/// Assembles the geometry of one placemark from the reader's element events.
#[derive(Default)]
pub(super) struct GeometryBuilder {
    frames: Vec<Frame>,
    finished: Vec<Geometry>,
    /// The positions of the last `<coordinates>`, with their offset, waiting for their element's end.
    pending: Option<(Vec<Coord>, u64)>,
    problem: Option<PlacedProblem>,
    /// Rings that were closed by repeating their first position.
    pub closed_rings: usize,
    /// True when a height other than zero was dropped.
    pub heights_dropped: bool,
}

impl GeometryBuilder {
    /// A `MultiGeometry` or `gx:MultiTrack` starts.
    pub fn open_multi(&mut self) {
        self.frames.push(Frame::Multi(Vec::new()));
    }

    /// A `Polygon` starts.
    pub fn open_polygon(&mut self) {
        self.frames.push(Frame::Polygon {
            outer: None,
            holes: Vec::new(),
        });
    }

    /// A `gx:Track` starts.
    pub fn open_track(&mut self) {
        self.frames.push(Frame::Track(Vec::new()));
    }

    /// The text of a `<coordinates>` element, which starts at byte `offset` of the file.
    pub fn coordinates(&mut self, text: &str, offset: u64) {
        match parse_coordinates(text, &mut self.heights_dropped) {
            Ok(coords) => self.pending = Some((coords, offset)),
            Err((at_byte, problem)) => self.fail(offset + at_byte as u64, problem),
        }
    }

    /// The text of a `<gx:coord>` element (`lon lat [alt]`), which starts at byte `offset`.
    pub fn track_coord(&mut self, text: &str, offset: u64) {
        match parse_track_coord(text, &mut self.heights_dropped) {
            Ok(Some(coord)) => {
                if let Some(Frame::Track(coords)) = self.frames.last_mut() {
                    coords.push(coord);
                }
            }
            Ok(None) => {}
            Err((at_byte, problem)) => self.fail(offset + at_byte as u64, problem),
        }
    }

    /// A `Point` ends.
    pub fn close_point(&mut self) {
        if let Some((coords, _)) = self.pending.take()
            && let Some(first) = coords.first()
        {
            self.emit(Geometry::Point(Point(*first)));
        }
    }

    /// A `LineString` ends.
    pub fn close_line(&mut self) {
        let Some((coords, offset)) = self.pending.take() else {
            return;
        };
        match coords.len() {
            0 => {}
            1 => self.fail(offset, GeometryProblem::TooFewPointsInLine),
            _ => self.emit(Geometry::LineString(LineString(coords))),
        }
    }

    /// A `LinearRing` ends, as the `boundary` of its polygon.
    pub fn close_ring(&mut self, boundary: Boundary) {
        let Some((coords, offset)) = self.pending.take() else {
            return;
        };
        if coords.is_empty() {
            return;
        }
        let ring = match closed_ring(coords, &mut self.closed_rings) {
            Ok(ring) => ring,
            Err(problem) => return self.fail(offset, problem),
        };
        match (boundary, self.frames.last_mut()) {
            (Boundary::Outer, Some(Frame::Polygon { outer, .. })) => {
                outer.get_or_insert(ring);
            }
            (Boundary::Inner, Some(Frame::Polygon { holes, .. })) => holes.push(ring),
            _ => self.emit(Geometry::LineString(ring)),
        }
    }

    /// A `Polygon` ends.
    pub fn close_polygon(&mut self) {
        let popped = self
            .frames
            .pop_if(|frame| matches!(frame, Frame::Polygon { .. }));
        if let Some(Frame::Polygon {
            outer: Some(outer),
            holes,
        }) = popped
        {
            self.emit(Geometry::Polygon(Polygon::new(outer, holes)));
        }
    }

    /// A `MultiGeometry` or `gx:MultiTrack` ends.
    pub fn close_multi(&mut self) {
        let popped = self.frames.pop_if(|frame| matches!(frame, Frame::Multi(_)));
        if let Some(Frame::Multi(parts)) = popped
            && !parts.is_empty()
        {
            self.emit(combine(parts));
        }
    }

    /// A `gx:Track` ends.
    pub fn close_track(&mut self) {
        let popped = self.frames.pop_if(|frame| matches!(frame, Frame::Track(_)));
        if let Some(Frame::Track(coords)) = popped {
            match coords.as_slice() {
                [] => {}
                [only] => self.emit(Geometry::Point(Point(*only))),
                _ => self.emit(Geometry::LineString(LineString(coords))),
            }
        }
    }

    /// The placemark's geometry (an empty collection when it has none), or the first problem met.
    pub fn finish(self) -> Result<Geometry, PlacedProblem> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let mut finished = self.finished;
        Ok(match finished.len() {
            0 => Geometry::GeometryCollection(GeometryCollection::default()),
            1 => finished
                .pop()
                .unwrap_or_else(|| Geometry::GeometryCollection(GeometryCollection::default())),
            _ => combine(finished),
        })
    }

    fn emit(&mut self, geometry: Geometry) {
        match self.frames.last_mut() {
            Some(Frame::Multi(parts)) => parts.push(geometry),
            _ => self.finished.push(geometry),
        }
    }

    fn fail(&mut self, offset: u64, problem: GeometryProblem) {
        self.problem
            .get_or_insert(PlacedProblem { offset, problem });
    }
}

/// One geometry from several: a multi-geometry when all parts are of one kind (multi parts flattened into
/// it), otherwise a collection.
fn combine(parts: Vec<Geometry>) -> Geometry {
    if parts
        .iter()
        .all(|part| matches!(part, Geometry::Point(_) | Geometry::MultiPoint(_)))
    {
        let mut points = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Geometry::Point(point) => points.push(point),
                Geometry::MultiPoint(multi) => points.extend(multi.0),
                _ => {}
            }
        }
        return Geometry::MultiPoint(MultiPoint(points));
    }
    if parts
        .iter()
        .all(|part| matches!(part, Geometry::LineString(_) | Geometry::MultiLineString(_)))
    {
        let mut lines = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Geometry::LineString(line) => lines.push(line),
                Geometry::MultiLineString(multi) => lines.extend(multi.0),
                _ => {}
            }
        }
        return Geometry::MultiLineString(MultiLineString(lines));
    }
    if parts
        .iter()
        .all(|part| matches!(part, Geometry::Polygon(_) | Geometry::MultiPolygon(_)))
    {
        let mut polygons = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Geometry::Polygon(polygon) => polygons.push(polygon),
                Geometry::MultiPolygon(multi) => polygons.extend(multi.0),
                _ => {}
            }
        }
        return Geometry::MultiPolygon(MultiPolygon(polygons));
    }
    Geometry::GeometryCollection(GeometryCollection(parts))
}

/// The ring closed (counted in `closed_rings` when it was not), or why it cannot be a polygon ring.
fn closed_ring(
    mut coords: Vec<Coord>,
    closed_rings: &mut usize,
) -> Result<LineString, GeometryProblem> {
    let closed = coords.len() > 1 && coords.first() == coords.last();
    let mut corners: Vec<Coord> = Vec::with_capacity(3);
    for coord in &coords {
        if !corners.contains(coord) {
            corners.push(*coord);
            if corners.len() == 3 {
                break;
            }
        }
    }
    if corners.len() < 3 {
        return Err(GeometryProblem::TooFewCornersInRing {
            corners: corners.len(),
        });
    }
    if !closed && let Some(first) = coords.first().copied() {
        coords.push(first);
        *closed_rings += 1;
    }
    Ok(LineString(coords))
}

/// A tuple of up to three numbers being read, with the byte where it starts.
struct Tuple {
    values: [f64; 3],
    len: usize,
    start_byte: usize,
}

/// Parses `<coordinates>` text into positions; the error gives the byte in `text` where the problem is.
pub(super) fn parse_coordinates(
    text: &str,
    heights_dropped: &mut bool,
) -> Result<Vec<Coord>, (usize, GeometryProblem)> {
    let mut coords = Vec::new();
    let mut tuple: Option<Tuple> = None;
    let mut comma_since_number = false;
    let separators = text
        .bytes()
        .enumerate()
        .filter(|(_, byte)| *byte == b',' || byte.is_ascii_whitespace())
        .map(|(at, byte)| (at, Some(byte)))
        .chain(std::iter::once((text.len(), None)));
    let mut token_from = 0;
    for (at, separator) in separators {
        if at > token_from {
            let token = text.get(token_from..at).unwrap_or_default();
            let value = parse_number(token).map_err(|problem| (token_from, problem))?;
            let joins = comma_since_number && tuple.as_ref().is_some_and(|open| open.len < 3);
            if joins && let Some(open) = tuple.as_mut() {
                if let Some(slot) = open.values.get_mut(open.len) {
                    *slot = value;
                }
                open.len += 1;
            } else {
                if let Some(done) = tuple.take() {
                    coords.push(position(&done, heights_dropped)?);
                }
                tuple = Some(Tuple {
                    values: [value, 0.0, 0.0],
                    len: 1,
                    start_byte: token_from,
                });
            }
            comma_since_number = false;
        }
        if separator == Some(b',') {
            comma_since_number = true;
        }
        token_from = at + 1;
    }
    if let Some(done) = tuple.take() {
        coords.push(position(&done, heights_dropped)?);
    }
    Ok(coords)
}

/// Parses a `<gx:coord>` (`lon lat [alt]`, separated by spaces); `None` when it is empty.
fn parse_track_coord(
    text: &str,
    heights_dropped: &mut bool,
) -> Result<Option<Coord>, (usize, GeometryProblem)> {
    let mut tuple = Tuple {
        values: [0.0; 3],
        len: 0,
        start_byte: 0,
    };
    let mut start = 0;
    for token in text.split(|c: char| c == ',' || c.is_ascii_whitespace()) {
        let token_start = start;
        start += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let value = parse_number(token).map_err(|problem| (token_start, problem))?;
        if tuple.len == 0 {
            tuple.start_byte = token_start;
        }
        if let Some(slot) = tuple.values.get_mut(tuple.len) {
            *slot = value;
            tuple.len += 1;
        }
    }
    if tuple.len == 0 {
        return Ok(None);
    }
    position(&tuple, heights_dropped).map(Some)
}

/// A finite number, or why the token is not one.
fn parse_number(token: &str) -> Result<f64, GeometryProblem> {
    match token.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(GeometryProblem::NotANumber {
            text: token.chars().take(40).collect(),
        }),
    }
}

/// The position of a tuple, checked; notes a height other than zero.
fn position(tuple: &Tuple, heights_dropped: &mut bool) -> Result<Coord, (usize, GeometryProblem)> {
    let [lon_deg, lat_deg, height_m] = tuple.values;
    let fail = |problem| Err((tuple.start_byte, problem));
    if tuple.len < 2 {
        return fail(GeometryProblem::MissingLatitude);
    }
    if lon_deg.abs() > 180.0 {
        return fail(GeometryProblem::LongitudeOutOfRange { degrees: lon_deg });
    }
    if lat_deg.abs() > 90.0 {
        return fail(GeometryProblem::LatitudeOutOfRange { degrees: lat_deg });
    }
    if tuple.len == 3 && height_m != 0.0 {
        *heights_dropped = true;
    }
    Ok(Coord {
        x: lon_deg,
        y: lat_deg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<(f64, f64)>, (usize, GeometryProblem)> {
        let mut heights = false;
        parse_coordinates(text, &mut heights)
            .map(|coords| coords.into_iter().map(|c| (c.x, c.y)).collect())
    }

    #[test]
    fn tuples_are_split_by_whitespace_and_commas_may_have_spaces() {
        assert_eq!(
            parse("106.7,20.8,0 106.8,20.9,0\n\t106.9,21.0"),
            Ok(vec![(106.7, 20.8), (106.8, 20.9), (106.9, 21.0)])
        );
        assert_eq!(
            parse(" 106.7, 20.8 , 5   106.8 ,20.9 "),
            Ok(vec![(106.7, 20.8), (106.8, 20.9)])
        );
        assert_eq!(
            parse("106.7,20.8,0, 106.8,20.9,0,"),
            Ok(vec![(106.7, 20.8), (106.8, 20.9)]),
            "a comma after every tuple"
        );
        assert_eq!(parse("  \n "), Ok(vec![]));
    }

    #[test]
    fn heights_other_than_zero_are_noted() {
        let mut heights = false;
        parse_coordinates("1,2,0 3,4,0", &mut heights).expect("valid");
        assert!(!heights);
        parse_coordinates("1,2,0 3,4,12.5", &mut heights).expect("valid");
        assert!(heights);
    }

    #[test]
    fn bad_numbers_and_ranges_say_where() {
        assert_eq!(
            parse("106.7,20.8 abc,20.9"),
            Err((11, GeometryProblem::NotANumber { text: "abc".into() }))
        );
        assert_eq!(
            parse("106.7,20.8 NaN,1"),
            Err((11, GeometryProblem::NotANumber { text: "NaN".into() }))
        );
        assert_eq!(
            parse("106.7,95"),
            Err((0, GeometryProblem::LatitudeOutOfRange { degrees: 95.0 }))
        );
        assert_eq!(
            parse("1,1 -181,1"),
            Err((4, GeometryProblem::LongitudeOutOfRange { degrees: -181.0 }))
        );
        assert_eq!(parse("1,1 2"), Err((4, GeometryProblem::MissingLatitude)));
    }

    #[test]
    fn rings_are_closed_and_degenerate_rings_refused() {
        let mut closed = 0;
        let open: Vec<Coord> = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
            .into_iter()
            .map(Coord::from)
            .collect();
        let ring = closed_ring(open, &mut closed).expect("closed");
        assert_eq!(ring.0.len(), 4);
        assert_eq!(closed, 1);
        let a_b_a: Vec<Coord> = [(0.0, 0.0), (1.0, 0.0), (0.0, 0.0), (1.0, 0.0)]
            .into_iter()
            .map(Coord::from)
            .collect();
        assert_eq!(
            closed_ring(a_b_a, &mut closed),
            Err(GeometryProblem::TooFewCornersInRing { corners: 2 })
        );
    }

    #[test]
    fn multi_geometries_are_homogeneous_when_they_can_be() {
        let point = Geometry::Point(Point::new(1.0, 2.0));
        let line = Geometry::LineString(LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]));
        assert!(matches!(
            combine(vec![point.clone(), point.clone()]),
            Geometry::MultiPoint(multi) if multi.0.len() == 2
        ));
        assert!(matches!(
            combine(vec![line.clone(), Geometry::MultiLineString(MultiLineString(vec![]))]),
            Geometry::MultiLineString(multi) if multi.0.len() == 1
        ));
        assert!(matches!(
            combine(vec![point, line]),
            Geometry::GeometryCollection(collection) if collection.0.len() == 2
        ));
    }

    #[test]
    fn tracks_read_space_separated_positions() {
        let mut heights = false;
        assert_eq!(
            parse_track_coord("106.7 20.8 3", &mut heights),
            Ok(Some(Coord { x: 106.7, y: 20.8 }))
        );
        assert!(heights);
        assert_eq!(parse_track_coord("  ", &mut heights), Ok(None));
        assert_eq!(
            parse_track_coord("106.7 x", &mut heights),
            Err((6, GeometryProblem::NotANumber { text: "x".into() }))
        );
    }
}
