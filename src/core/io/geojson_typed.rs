//! The typed, streaming parse behind the GeoJSON reader.
//!
//! serde reads the file straight into what the layer keeps: every coordinate array becomes a `Vec<Coord>` as it
//! is read (no tree of JSON values per position), each feature's properties become its attribute row as soon as
//! the feature ends, and the features array is consumed one feature at a time. Coordinates are read before the
//! geometry's `type` may be known (JSON members come in any order), so they are first held by nesting depth
//! ([`Coords`]) and given their meaning when the geometry object closes.
//!
//! Two kinds of problem come out: a malformed document (unknown geometry type, coordinates nested wrongly for
//! the type) is a serde error, which `serde_json` places at a line and column; an unusable but well-formed
//! geometry (a line of one position, a ring of two) is kept as a message on its feature, so the reader can name
//! the feature.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::core::attributes::AttributeValue;

/// A geometry as read: the geometry, or what is wrong with it (without the feature number).
pub(super) type ReadGeometry = Result<Geometry, String>;

/// One feature as read.
pub(super) struct ParsedFeature {
    /// Its geometry (an empty collection when the feature has none).
    pub geometry: ReadGeometry,
    /// Its attribute row, possibly shorter than the final field list (pad with nulls).
    pub attributes: Vec<AttributeValue>,
    /// Its `id` member (a string or a number), null when it has none.
    pub id: AttributeValue,
}

/// Everything read from a GeoJSON document.
#[derive(Default)]
pub(super) struct ParsedDocument {
    /// Attribute column names in order of first appearance.
    pub field_names: Vec<String>,
    /// The features in file order.
    pub features: Vec<ParsedFeature>,
    /// The legacy `crs` member of the top-level object, if present.
    pub crs_member: Option<serde_json::Value>,
    /// True when some position had more than two numbers (Z, or more), which were dropped.
    pub heights_dropped: bool,
    field_positions: HashMap<String, usize>,
}

/// Parses a whole GeoJSON document (FeatureCollection, Feature or bare Geometry) from `deserializer`.
pub(super) fn parse_document<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<ParsedDocument, D::Error> {
    let mut document = ParsedDocument::default();
    HEIGHTS_DROPPED.set(false);
    let parsed = deserializer.deserialize_map(DocumentVisitor {
        document: &mut document,
    });
    document.heights_dropped = HEIGHTS_DROPPED.replace(false);
    parsed?;
    Ok(document)
}

thread_local! {
    /// Set when a position with more than two numbers is read on this thread. Positions are read by plain
    /// `Deserialize` (no state to carry a flag), so the parse of one document resets and collects it; one
    /// store per 3-D position and nothing for 2-D ones keeps the hot path as it was.
    static HEIGHTS_DROPPED: Cell<bool> = const { Cell::new(false) };
}

impl ParsedDocument {
    /// The column of property `key`, adding the column on first sight.
    fn column(&mut self, key: String) -> usize {
        if let Some(column) = self.field_positions.get(&key) {
            return *column;
        }
        let column = self.field_names.len();
        self.field_names.push(key.clone());
        self.field_positions.insert(key, column);
        column
    }
}

/// Coordinates by nesting depth, before the geometry type gives them a meaning.
enum Coords {
    /// A bare number (an element of a position).
    Number(f64),
    /// `[x, y, …]`.
    Position(Coord),
    /// `[]`: depth unknown.
    Empty,
    /// `[[], [], …]`: `count` empty lists.
    EmptyLists(usize),
    /// A list of positions.
    Line(Vec<Coord>),
    /// A list of lists of positions.
    Rings(Vec<Vec<Coord>>),
    /// A list of lists of lists of positions.
    Polygons(Vec<Vec<Vec<Coord>>>),
    /// Somewhere inside is a position with this many numbers (fewer than two).
    ShortPosition(usize),
}

impl<'de> de::Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CoordsVisitor)
    }
}

struct CoordsVisitor;

/// What a list has accumulated so far.
enum ListSoFar {
    Unknown { empties: usize },
    Position { x: f64, y: f64, numbers: usize },
    Line(Vec<Coord>),
    Rings(Vec<Vec<Coord>>),
    Polygons(Vec<Vec<Vec<Coord>>>),
    Short(usize),
}

fn nesting_error<E: de::Error>() -> E {
    E::custom("coordinates are nested inconsistently (mixed depths in one array)")
}

impl ListSoFar {
    fn push<E: de::Error>(self, element: Coords) -> Result<Self, E> {
        use Coords as C;
        Ok(match (self, element) {
            (Self::Short(numbers), _) | (_, C::ShortPosition(numbers)) => Self::Short(numbers),
            (Self::Unknown { empties: 0 }, C::Number(x)) => Self::Position {
                x,
                y: f64::NAN,
                numbers: 1,
            },
            (Self::Position { x, y, numbers }, C::Number(value)) => Self::Position {
                x,
                y: if numbers == 1 { value } else { y },
                numbers: numbers + 1,
            },
            (Self::Unknown { empties }, C::Empty) => Self::Unknown {
                empties: empties + 1,
            },
            (Self::Unknown { empties: 0 }, C::Position(coord)) => Self::Line(vec![coord]),
            (Self::Unknown { empties }, C::Line(line)) => {
                let mut rings = vec![Vec::new(); empties];
                rings.push(line);
                Self::Rings(rings)
            }
            (Self::Unknown { empties }, C::EmptyLists(count)) => {
                let mut polygons = vec![Vec::new(); empties];
                polygons.push(vec![Vec::new(); count]);
                Self::Polygons(polygons)
            }
            (Self::Unknown { empties }, C::Rings(rings)) => {
                let mut polygons = vec![Vec::new(); empties];
                polygons.push(rings);
                Self::Polygons(polygons)
            }
            (Self::Line(mut line), C::Position(coord)) => {
                line.push(coord);
                Self::Line(line)
            }
            (Self::Rings(mut rings), C::Line(line)) => {
                rings.push(line);
                Self::Rings(rings)
            }
            (Self::Rings(mut rings), C::Empty) => {
                rings.push(Vec::new());
                Self::Rings(rings)
            }
            (Self::Polygons(mut polygons), C::Rings(rings)) => {
                polygons.push(rings);
                Self::Polygons(polygons)
            }
            (Self::Polygons(mut polygons), C::Empty) => {
                polygons.push(Vec::new());
                Self::Polygons(polygons)
            }
            (Self::Polygons(mut polygons), C::EmptyLists(count)) => {
                polygons.push(vec![Vec::new(); count]);
                Self::Polygons(polygons)
            }
            (_, C::Polygons(_)) => {
                return Err(E::custom("coordinates are nested too deeply"));
            }
            _ => return Err(nesting_error()),
        })
    }

    fn finish(self) -> Coords {
        match self {
            Self::Unknown { empties: 0 } => Coords::Empty,
            Self::Unknown { empties } => Coords::EmptyLists(empties),
            Self::Position { x, y, numbers } if numbers >= 2 => {
                if numbers > 2 {
                    HEIGHTS_DROPPED.set(true);
                }
                Coords::Position(Coord { x, y })
            }
            Self::Position { numbers, .. } | Self::Short(numbers) => Coords::ShortPosition(numbers),
            Self::Line(mut line) => {
                line.shrink_to_fit();
                Coords::Line(line)
            }
            Self::Rings(mut rings) => {
                rings.shrink_to_fit();
                Coords::Rings(rings)
            }
            Self::Polygons(mut polygons) => {
                polygons.shrink_to_fit();
                Coords::Polygons(polygons)
            }
        }
    }
}

impl<'de> Visitor<'de> for CoordsVisitor {
    type Value = Coords;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a number or an array of coordinates")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Coords, E> {
        Ok(Coords::Number(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Coords, E> {
        Ok(Coords::Number(value as f64))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Coords, E> {
        Ok(Coords::Number(value as f64))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
        let mut so_far = ListSoFar::Unknown { empties: 0 };
        while let Some(element) = seq.next_element::<Coords>()? {
            so_far = so_far.push(element)?;
        }
        Ok(so_far.finish())
    }
}

/// A geometry object's members, gathered in any order.
#[derive(Default)]
struct GeometryMembers {
    kind: Option<String>,
    coordinates: Option<Coords>,
    geometries: Option<Vec<Option<ParsedGeometry>>>,
}

impl GeometryMembers {
    /// Reads the value of `key` if it is a geometry member; returns false (value not read) otherwise.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "type" => self.kind = Some(map.next_value()?),
            "coordinates" => self.coordinates = Some(map.next_value()?),
            "geometries" => self.geometries = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The geometry these members describe; a serde error when they do not describe one.
    fn build<E: de::Error>(self) -> Result<ReadGeometry, E> {
        let kind = self
            .kind
            .ok_or_else(|| E::custom("a geometry object has no \"type\""))?;
        if kind == "GeometryCollection" {
            let geometries = self
                .geometries
                .ok_or_else(|| E::custom("a GeometryCollection has no \"geometries\" array"))?;
            let parts: Result<Vec<Geometry>, String> = geometries
                .into_iter()
                .flatten()
                .map(|part| part.0)
                .collect();
            return Ok(parts.map(|parts| Geometry::GeometryCollection(GeometryCollection(parts))));
        }
        let coordinates = self
            .coordinates
            .ok_or_else(|| E::custom(format!("a {kind} has no \"coordinates\"")))?;
        geometry_from(&kind, coordinates)
    }
}

/// Gives `coordinates` the meaning of geometry type `kind`.
fn geometry_from<E: de::Error>(kind: &str, coordinates: Coords) -> Result<ReadGeometry, E> {
    if let Coords::ShortPosition(numbers) = coordinates {
        if !KNOWN_TYPES.contains(&kind) {
            return Err(unknown_type(kind));
        }
        return Ok(Err(format!(
            "a position has {numbers} number(s); it needs at least 2"
        )));
    }
    let wrong_depth = || {
        E::custom(format!(
            "the coordinates of a {kind} are nested at the wrong depth"
        ))
    };
    Ok(match (kind, coordinates) {
        ("Point", Coords::Position(coord)) => Ok(Geometry::Point(Point(coord))),
        ("MultiPoint", Coords::Empty) => Ok(Geometry::MultiPoint(MultiPoint(Vec::new()))),
        ("MultiPoint", Coords::Line(line)) => Ok(Geometry::MultiPoint(MultiPoint(
            line.into_iter().map(Point).collect(),
        ))),
        ("LineString", Coords::Empty) => line_string(Vec::new()).map(Geometry::LineString),
        ("LineString", Coords::Line(line)) => line_string(line).map(Geometry::LineString),
        ("MultiLineString", Coords::Empty) => {
            Ok(Geometry::MultiLineString(MultiLineString(Vec::new())))
        }
        ("MultiLineString", Coords::EmptyLists(count)) => {
            multi_line_string(vec![Vec::new(); count])
        }
        ("MultiLineString", Coords::Rings(lines)) => multi_line_string(lines),
        // RFC 7946 §3.1 lets an empty coordinates array stand for a null geometry.
        ("Polygon", Coords::Empty) => empty_geometry(),
        ("Polygon", Coords::EmptyLists(count)) => {
            polygon(vec![Vec::new(); count]).map(Geometry::Polygon)
        }
        ("Polygon", Coords::Rings(rings)) => polygon(rings).map(Geometry::Polygon),
        ("MultiPolygon", Coords::Empty) => Ok(Geometry::MultiPolygon(MultiPolygon(Vec::new()))),
        ("MultiPolygon", Coords::EmptyLists(count)) => multi_polygon(vec![Vec::new(); count]),
        ("MultiPolygon", Coords::Polygons(polygons)) => multi_polygon(polygons),
        (known, _) if KNOWN_TYPES.contains(&known) => return Err(wrong_depth()),
        (unknown, _) => return Err(unknown_type(unknown)),
    })
}

const KNOWN_TYPES: [&str; 6] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
];

fn unknown_type<E: de::Error>(kind: &str) -> E {
    E::custom(format!(
        "unknown geometry type \"{kind}\" (expected Point, MultiPoint, LineString, MultiLineString, \
         Polygon, MultiPolygon or GeometryCollection)"
    ))
}

fn line_string(positions: Vec<Coord>) -> Result<LineString, String> {
    if positions.len() < 2 {
        return Err(format!(
            "a line has {} position(s); it needs at least 2",
            positions.len()
        ));
    }
    Ok(LineString(positions))
}

fn multi_line_string(lines: Vec<Vec<Coord>>) -> Result<Geometry, String> {
    lines
        .into_iter()
        .map(line_string)
        .collect::<Result<Vec<_>, _>>()
        .map(|lines| Geometry::MultiLineString(MultiLineString(lines)))
}

fn polygon(rings: Vec<Vec<Coord>>) -> Result<Polygon, String> {
    for (ring_number, ring) in rings.iter().enumerate() {
        let closed = ring.len() > 1 && ring.first() == ring.last();
        let distinct = ring.len().saturating_sub(usize::from(closed));
        if distinct < 3 {
            return Err(format!(
                "ring {ring_number} has {} position(s); a ring needs at least 3 distinct corners (4 positions, closed)",
                ring.len()
            ));
        }
    }
    let mut rings = rings.into_iter().map(LineString);
    let exterior = rings
        .next()
        .ok_or_else(|| "a polygon with no rings".to_string())?;
    Ok(Polygon::new(exterior, rings.collect()))
}

fn multi_polygon(polygons: Vec<Vec<Vec<Coord>>>) -> Result<Geometry, String> {
    polygons
        .into_iter()
        .enumerate()
        .map(|(part, rings)| polygon(rings).map_err(|message| format!("polygon {part}: {message}")))
        .collect::<Result<Vec<_>, _>>()
        .map(|polygons| Geometry::MultiPolygon(MultiPolygon(polygons)))
}

/// A geometry object (inside a feature or a GeometryCollection).
struct ParsedGeometry(ReadGeometry);

impl<'de> de::Deserialize<'de> for ParsedGeometry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(GeometryVisitor)
    }
}

struct GeometryVisitor;

impl<'de> Visitor<'de> for GeometryVisitor {
    type Value = ParsedGeometry;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a GeoJSON geometry object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParsedGeometry, A::Error> {
        let mut members = GeometryMembers::default();
        while let Some(key) = map.next_key::<String>()? {
            if !members.read(&key, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        members.build().map(ParsedGeometry)
    }
}

/// Reads a `properties` object (or null) straight into an attribute row.
struct PropertiesSeed<'a> {
    document: &'a mut ParsedDocument,
}

impl<'de> DeserializeSeed<'de> for PropertiesSeed<'_> {
    type Value = Vec<AttributeValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed<'_> {
    type Value = Vec<AttributeValue>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a properties object or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut row = vec![AttributeValue::Null; self.document.field_names.len()];
        while let Some(key) = map.next_key::<String>()? {
            let value: serde_json::Value = map.next_value()?;
            let column = self.document.column(key);
            if row.len() <= column {
                row.resize(column + 1, AttributeValue::Null);
            }
            if let Some(cell) = row.get_mut(column) {
                *cell = AttributeValue::from_json(&value);
            }
        }
        Ok(row)
    }
}

/// Reads one feature object and appends it to the document.
struct FeatureSeed<'a> {
    document: &'a mut ParsedDocument,
}

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a GeoJSON Feature object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut geometry: Option<ParsedGeometry> = None;
        let mut attributes = Vec::new();
        let mut id = AttributeValue::Null;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "geometry" => geometry = map.next_value()?,
                "id" => id = AttributeValue::from_json(&map.next_value()?),
                "properties" => {
                    attributes = map.next_value_seed(PropertiesSeed {
                        document: self.document,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        self.document.features.push(ParsedFeature {
            geometry: geometry.map_or_else(empty_geometry, |parsed| parsed.0),
            attributes,
            id,
        });
        Ok(())
    }
}

fn empty_geometry() -> ReadGeometry {
    Ok(Geometry::GeometryCollection(GeometryCollection::default()))
}

/// Reads the `features` array one feature at a time.
struct FeaturesSeed<'a> {
    document: &'a mut ParsedDocument,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array of GeoJSON features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(FeatureSeed {
                document: self.document,
            })?
            .is_some()
        {}
        Ok(())
    }
}

/// Reads the top-level object: a FeatureCollection, a Feature or a Geometry.
struct DocumentVisitor<'a> {
    document: &'a mut ParsedDocument,
}

impl<'de> Visitor<'de> for DocumentVisitor<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a GeoJSON object (FeatureCollection, Feature or Geometry)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut members = GeometryMembers::default();
        let mut saw_features = false;
        let mut geometry: Option<ParsedGeometry> = None;
        let mut attributes = Vec::new();
        let mut id = AttributeValue::Null;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => id = AttributeValue::from_json(&map.next_value()?),
                "features" => {
                    map.next_value_seed(FeaturesSeed {
                        document: self.document,
                    })?;
                    saw_features = true;
                }
                "crs" => self.document.crs_member = Some(map.next_value()?),
                "geometry" => geometry = map.next_value()?,
                "properties" => {
                    attributes = map.next_value_seed(PropertiesSeed {
                        document: self.document,
                    })?;
                }
                other => {
                    if !members.read(other, &mut map)? {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
        }
        match members.kind.as_deref() {
            None => Err(de::Error::custom(
                "not a GeoJSON object: it has no \"type\" member",
            )),
            Some("FeatureCollection") if saw_features => Ok(()),
            Some("FeatureCollection") => Err(de::Error::custom(
                "a FeatureCollection has no \"features\" array",
            )),
            Some("Feature") => {
                self.document.features.push(ParsedFeature {
                    geometry: geometry.map_or_else(empty_geometry, |parsed| parsed.0),
                    attributes,
                    id,
                });
                Ok(())
            }
            Some(_) => {
                let geometry = members.build()?;
                self.document.features.push(ParsedFeature {
                    geometry,
                    attributes: Vec::new(),
                    id: AttributeValue::Null,
                });
                Ok(())
            }
        }
    }
}
