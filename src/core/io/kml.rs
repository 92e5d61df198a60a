//! KML files (Google Earth, and what other GIS write as KML 2.2) and KMZ archives of them: every
//! `Placemark`, wherever it sits in the nesting of `Document`s and `Folder`s, becomes one feature of one layer
//! in WGS 84 (EPSG:4326, as KML always is). The attribute columns are `name`, `description` (text; CDATA
//! kept as text), `folder` (the path of the folder names, `A / B`), `style` (the `styleUrl`), `id` when
//! placemarks have one, and one column per ExtendedData name ([`super::kml_columns`]). Geometries are read
//! as [`super::kml_geometry`] describes.
//!
//! What a planner gets when a file is not perfect, decided as GDAL's KML driver decides where it can:
//! - XML that is not well-formed, text that is not UTF-8, a root element other than `<kml>`, or a file cut
//!   short: refused, naming the file, line and column.
//! - An empty file (or only whitespace): refused as empty. A KML with no placemark: an empty layer.
//! - A placemark whose geometry cannot be used (a coordinate that is not a number, a latitude beyond 90°, a
//!   ring with fewer than 3 distinct corners, a line of one position): the placemark is kept with its
//!   attributes and no geometry, and a layer note names it, its line and column and the problem (the first
//!   [`MAX_LISTED_NOTES`], then a count). The rest of the file is read. GDAL reads such a coordinate as 0 or
//!   drops it without a word; the atlas says so instead.
//! - Heights: dropped (the layer is 2-D) with a note when one was not zero; unclosed rings closed, with a
//!   count; polygons that break the validity rules kept as drawn, with a note, as for Shapefiles.
//!
//! The XML is streamed once with `quick-xml` (no tree is built); styles, overlays, network links and
//! anything else that is not a placemark's name, description, style, id, data or geometry are skipped.

use std::path::Path;

use geo::{Geometry, GeometryCollection, Polygon};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

pub use super::kml_columns::FIXED_COLUMNS;
use super::kml_columns::{DataColumns, PlacemarkRecord, attribute_table};
use super::kml_geometry::{Boundary, GeometryBuilder, PlacedProblem};
use super::validity::check_loaded_polygon;
use super::xml_text::{line_and_column, resolve_reference, skip_whitespace, syntax};
use super::{LoadError, display_name, kmz};
use crate::core::crs::WGS84;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;

/// How many skipped geometries, and how many invalid polygons, are listed one by one in the notes.
pub const MAX_LISTED_NOTES: usize = 10;

/// Reads a KML file. `progress` receives 0..1.
pub fn read_kml(path: &Path, progress: &mut dyn FnMut(f32)) -> Result<LayerData, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::io(path, source))?;
    progress(0.3);
    let mut data = parse_kml_bytes(&bytes, path, display_name(path))?;
    data.source_path = Some(path.to_path_buf());
    progress(1.0);
    Ok(data)
}

/// Reads a KMZ file (a zip archive with a KML document). Messages about the document name it inside the
/// archive (`plan.kmz/doc.kml: line 3, column 5: …`). `progress` receives 0..1.
pub fn read_kmz(path: &Path, progress: &mut dyn FnMut(f32)) -> Result<LayerData, LoadError> {
    let entry = kmz::read_kml_entry(path)?;
    progress(0.3);
    let mut data = parse_kml_bytes(&entry.bytes, &path.join(&entry.name), display_name(path))?;
    data.source_path = Some(path.to_path_buf());
    progress(1.0);
    Ok(data)
}

/// Parses KML text; `path` names the layer and is used in messages.
pub fn parse_kml_str(text: &str, path: &Path) -> Result<LayerData, LoadError> {
    parse_kml_bytes(text.as_bytes(), path, display_name(path))
}

/// Parses a KML document (UTF-8, with or without a byte-order mark) into a layer called `name`; `path` is
/// used in messages.
fn parse_kml_bytes(bytes: &[u8], path: &Path, name: String) -> Result<LayerData, LoadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let message =
            "the file is UTF-16 text; the atlas reads KML as UTF-8 (save it as UTF-8)".into();
        return Err(syntax(path, 1, 1, message));
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_and_column(bytes, error.valid_up_to());
        syntax(path, line, column, "the file is not UTF-8 text".into())
    })?;
    let mut parser = KmlParser::new(text, path);
    parser.run()?;
    Ok(parser.into_layer(name))
}

/// The KML elements the reader acts on (by local name, so `gx:Track` is [`Tag::Track`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Kml,
    Folder,
    Placemark,
    Name,
    Description,
    StyleUrl,
    Data,
    Value,
    SimpleData,
    Schema,
    SimpleField,
    MultiGeometry,
    Point,
    LineString,
    LinearRing,
    Polygon,
    OuterBoundaryIs,
    InnerBoundaryIs,
    Coordinates,
    Track,
    MultiTrack,
    Coord,
    Other,
}

impl Tag {
    fn from_local_name(name: &[u8]) -> Self {
        match name {
            b"kml" => Self::Kml,
            b"Folder" => Self::Folder,
            b"Placemark" => Self::Placemark,
            b"name" => Self::Name,
            b"description" => Self::Description,
            b"styleUrl" => Self::StyleUrl,
            b"Data" => Self::Data,
            b"value" => Self::Value,
            b"SimpleData" => Self::SimpleData,
            b"Schema" => Self::Schema,
            b"SimpleField" => Self::SimpleField,
            b"MultiGeometry" => Self::MultiGeometry,
            b"Point" => Self::Point,
            b"LineString" => Self::LineString,
            b"LinearRing" => Self::LinearRing,
            b"Polygon" => Self::Polygon,
            b"outerBoundaryIs" => Self::OuterBoundaryIs,
            b"innerBoundaryIs" => Self::InnerBoundaryIs,
            b"coordinates" => Self::Coordinates,
            b"Track" => Self::Track,
            b"MultiTrack" => Self::MultiTrack,
            b"coord" => Self::Coord,
            _ => Self::Other,
        }
    }
}

/// A placemark being read.
#[derive(Default)]
struct OpenPlacemark {
    record: PlacemarkRecord,
    geometry: GeometryBuilder,
    /// The `name` of the `<Data>` or `<SimpleData>` being read.
    data_name: Option<String>,
}

/// Placemarks whose geometry was skipped: the first ones with their position, and how many in all.
#[derive(Default)]
struct SkippedGeometries {
    listed: Vec<(usize, PlacedProblem)>,
    total: usize,
}

struct KmlParser<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    path: &'a Path,
    stack: Vec<Tag>,
    characters: String,
    /// Byte offset of the first text in `characters`.
    characters_at: Option<u64>,
    /// The names of the open folders (`None` until a folder's `<name>` is read).
    folders: Vec<Option<String>>,
    placemark: Option<OpenPlacemark>,
    columns: DataColumns,
    records: Vec<PlacemarkRecord>,
    geometries: Vec<Geometry>,
    skipped: SkippedGeometries,
    invalid_polygons: Vec<LayerNote>,
    invalid_total: usize,
    closed_rings: usize,
    heights_dropped: bool,
}

impl<'a> KmlParser<'a> {
    fn new(text: &'a str, path: &'a Path) -> Self {
        Self {
            reader: Reader::from_str(text),
            text,
            path,
            stack: Vec::new(),
            characters: String::new(),
            characters_at: None,
            folders: Vec::new(),
            placemark: None,
            columns: DataColumns::default(),
            records: Vec::new(),
            geometries: Vec::new(),
            skipped: SkippedGeometries::default(),
            invalid_polygons: Vec::new(),
            invalid_total: 0,
            closed_rings: 0,
            heights_dropped: false,
        }
    }

    fn run(&mut self) -> Result<(), LoadError> {
        let mut root_seen = false;
        loop {
            let start_offset = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = self.reader.error_position();
                    return Err(self.error_at(at, error.to_string()));
                }
            };
            match event {
                Event::Start(element) => self.open(&element, start_offset, &mut root_seen)?,
                Event::Empty(element) => {
                    self.open(&element, start_offset, &mut root_seen)?;
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    let content = text
                        .xml10_content()
                        .map_err(|error| self.error_at(start_offset, error.to_string()))?;
                    self.push_characters(&content, start_offset);
                }
                Event::CData(data) => {
                    let content = data
                        .decode()
                        .map_err(|error| self.error_at(start_offset, error.to_string()))?;
                    self.push_characters(&content, start_offset);
                }
                Event::GeneralRef(reference) => {
                    let resolved = resolve_reference(&reference).ok_or_else(|| {
                        let name = String::from_utf8_lossy(&reference);
                        let message = format!(
                            "unknown entity &{name}; (XML defines only &amp; &lt; &gt; &quot; &apos; and \
                             character references such as &#160;)"
                        );
                        self.error_at(start_offset, message)
                    })?;
                    self.push_characters(resolved.encode_utf8(&mut [0; 4]), start_offset);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !root_seen {
            return Err(self.error_at(0, "not a KML file (no <kml> element)".into()));
        }
        if !self.stack.is_empty() {
            let message =
                "the file ends before its elements are closed; is it cut short?".to_string();
            return Err(self.error_at(self.text.len() as u64, message));
        }
        Ok(())
    }

    fn push_characters(&mut self, content: &str, offset: u64) {
        self.characters_at.get_or_insert(offset);
        self.characters.push_str(content);
    }

    fn open(
        &mut self,
        element: &BytesStart,
        offset: u64,
        root_seen: &mut bool,
    ) -> Result<(), LoadError> {
        let mut tag = Tag::from_local_name(element.local_name().as_ref());
        if self.stack.is_empty() {
            if tag != Tag::Kml {
                let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                let message =
                    format!("not a KML file (the root element is <{name}>, expected <kml>)");
                return Err(self.error_at(offset, message));
            }
            *root_seen = true;
        }
        self.characters.clear();
        self.characters_at = None;
        match tag {
            Tag::Folder => self.folders.push(None),
            Tag::Placemark if self.placemark.is_none() => {
                let record = PlacemarkRecord {
                    id: self.attribute(element, b"id", offset)?,
                    ..PlacemarkRecord::default()
                };
                self.placemark = Some(OpenPlacemark {
                    record,
                    ..OpenPlacemark::default()
                });
            }
            // A placemark inside a placemark is not KML; its content counts for the outer one.
            Tag::Placemark => tag = Tag::Other,
            Tag::Data | Tag::SimpleData => {
                let name = self.attribute(element, b"name", offset)?;
                if let Some(placemark) = &mut self.placemark {
                    placemark.data_name = name;
                }
            }
            Tag::SimpleField if self.parent_is(Tag::Schema) => {
                if let Some(name) = self.attribute(element, b"name", offset)? {
                    self.columns.column(&name);
                }
            }
            _ => {}
        }
        if let Some(placemark) = &mut self.placemark {
            match tag {
                Tag::MultiGeometry | Tag::MultiTrack => placemark.geometry.open_multi(),
                Tag::Polygon => placemark.geometry.open_polygon(),
                Tag::Track => placemark.geometry.open_track(),
                _ => {}
            }
        }
        self.stack.push(tag);
        Ok(())
    }

    fn parent_is(&self, tag: Tag) -> bool {
        self.stack.last() == Some(&tag)
    }

    /// The value of the attribute `key` of `element` (entities resolved), if present.
    fn attribute(
        &self,
        element: &BytesStart,
        key: &[u8],
        offset: u64,
    ) -> Result<Option<String>, LoadError> {
        for attribute in element.attributes() {
            let attribute = attribute.map_err(|error| self.error_at(offset, error.to_string()))?;
            if attribute.key.local_name().as_ref() == key {
                let value = attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|error| self.error_at(offset, error.to_string()))?;
                return Ok(Some(value.trim().to_string()));
            }
        }
        Ok(None)
    }

    fn close(&mut self) {
        let Some(tag) = self.stack.pop() else {
            return;
        };
        let parent = self.stack.last().copied();
        // Taken for the borrow checker and given back below, so the buffer is reused by every element.
        let mut characters = std::mem::take(&mut self.characters);
        let characters_at = self.characters_at.take().unwrap_or_default();
        match tag {
            Tag::Folder => {
                self.folders.pop();
            }
            Tag::Name if parent == Some(Tag::Folder) => {
                if let Some(folder) = self.folders.last_mut() {
                    *folder = Some(characters.trim().to_string()).filter(|name| !name.is_empty());
                }
            }
            Tag::Placemark => self.finish_placemark(),
            _ => {
                if let Some(placemark) = &mut self.placemark {
                    placemark_element(
                        placemark,
                        tag,
                        parent,
                        &characters,
                        characters_at,
                        &mut self.columns,
                    );
                }
            }
        }
        characters.clear();
        self.characters = characters;
    }

    fn finish_placemark(&mut self) {
        let Some(mut placemark) = self.placemark.take() else {
            return;
        };
        let feature = self.records.len() + 1;
        let builder = placemark.geometry;
        self.closed_rings += builder.closed_rings;
        self.heights_dropped |= builder.heights_dropped;
        let geometry = builder.finish().unwrap_or_else(|problem| {
            self.skipped.total += 1;
            if self.skipped.listed.len() < MAX_LISTED_NOTES {
                self.skipped.listed.push((feature, problem));
            }
            Geometry::GeometryCollection(GeometryCollection::default())
        });
        self.check_polygons(feature, &geometry);
        let folders: Vec<&str> = self.folders.iter().flatten().map(String::as_str).collect();
        if !folders.is_empty() {
            placemark.record.folder = Some(folders.join(" / "));
        }
        self.records.push(placemark.record);
        self.geometries.push(geometry);
    }

    /// Notes each polygon of the placemark that breaks the validity rules (kept as drawn).
    fn check_polygons(&mut self, feature: usize, geometry: &Geometry) {
        let polygons: Vec<&Polygon> = match geometry {
            Geometry::Polygon(polygon) => vec![polygon],
            Geometry::MultiPolygon(multi) => multi.0.iter().collect(),
            Geometry::GeometryCollection(collection) => collection
                .0
                .iter()
                .filter_map(|part| match part {
                    Geometry::Polygon(polygon) => Some(polygon),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for (polygon_number, polygon) in polygons.into_iter().enumerate() {
            if let Err(problem) = check_loaded_polygon(polygon) {
                self.invalid_total += 1;
                if self.invalid_polygons.len() < MAX_LISTED_NOTES {
                    self.invalid_polygons.push(LayerNote::InvalidPolygon {
                        record: feature,
                        polygon: polygon_number,
                        problem,
                    });
                }
            }
        }
    }

    fn into_layer(self, name: String) -> LayerData {
        let notes = self.notes();
        let (fields, rows) = attribute_table(self.records, self.columns);
        let features = self
            .geometries
            .into_iter()
            .zip(rows)
            .map(|(geometry, attributes)| SourceFeature {
                geometry,
                attributes,
            })
            .collect();
        LayerData {
            name,
            source_path: None,
            crs: WGS84,
            crs_origin: CrsOrigin::Declared,
            fields,
            features,
            text_encoding: None,
            notes,
        }
    }

    fn notes(&self) -> Vec<LayerNote> {
        let mut notes = Vec::new();
        if self.heights_dropped {
            notes.push(LayerNote::HeightsDropped);
        }
        if self.closed_rings > 0 {
            notes.push(LayerNote::RingsClosed {
                count: self.closed_rings,
            });
        }
        for (feature, placed) in &self.skipped.listed {
            let (line, column) = self.line_and_column(placed.offset);
            notes.push(LayerNote::GeometrySkipped {
                feature: *feature,
                line,
                column,
                problem: placed.problem.clone(),
            });
        }
        if self.skipped.total > self.skipped.listed.len() {
            notes.push(LayerNote::MoreGeometriesSkipped {
                count: self.skipped.total - self.skipped.listed.len(),
            });
        }
        notes.extend(self.invalid_polygons.iter().cloned());
        if self.invalid_total > self.invalid_polygons.len() {
            notes.push(LayerNote::MoreInvalidPolygons {
                count: self.invalid_total - self.invalid_polygons.len(),
            });
        }
        notes
    }

    fn line_and_column(&self, offset: u64) -> (usize, usize) {
        let at = usize::try_from(offset).unwrap_or(usize::MAX);
        let at = skip_whitespace(self.text.as_bytes(), at);
        line_and_column(self.text.as_bytes(), at)
    }

    fn error_at(&self, offset: u64, message: String) -> LoadError {
        let (line, column) = self.line_and_column(offset);
        syntax(self.path, line, column, message)
    }
}

/// Takes the end of an element inside a placemark: a name, description, style, data value or geometry part.
fn placemark_element(
    placemark: &mut OpenPlacemark,
    tag: Tag,
    parent: Option<Tag>,
    characters: &str,
    characters_at: u64,
    columns: &mut DataColumns,
) {
    let in_placemark = parent == Some(Tag::Placemark);
    let text = || Some(characters.trim().to_string()).filter(|value| !value.is_empty());
    let geometry = &mut placemark.geometry;
    match tag {
        Tag::Name if in_placemark => placemark.record.name = text(),
        Tag::Description if in_placemark => placemark.record.description = text(),
        Tag::StyleUrl if in_placemark => placemark.record.style = text(),
        Tag::Value if parent == Some(Tag::Data) => {
            if let Some(name) = &placemark.data_name {
                let column = columns.column(name);
                placemark.record.data.push((column, characters.to_string()));
            }
        }
        Tag::SimpleData => {
            if let Some(name) = placemark.data_name.take() {
                let column = columns.column(&name);
                placemark.record.data.push((column, characters.to_string()));
            }
        }
        Tag::Data => placemark.data_name = None,
        Tag::Coordinates => geometry.coordinates(characters, characters_at),
        Tag::Coord => geometry.track_coord(characters, characters_at),
        Tag::Point => geometry.close_point(),
        Tag::LineString => geometry.close_line(),
        Tag::LinearRing => geometry.close_ring(match parent {
            Some(Tag::OuterBoundaryIs) => Boundary::Outer,
            Some(Tag::InnerBoundaryIs) => Boundary::Inner,
            _ => Boundary::None,
        }),
        Tag::Polygon => geometry.close_polygon(),
        Tag::MultiGeometry | Tag::MultiTrack => geometry.close_multi(),
        Tag::Track => geometry.close_track(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use geo::{Coord, LineString, MultiPolygon, Point};

    use super::*;
    use crate::core::attributes::{AttributeKind, AttributeValue};
    use crate::core::layer_note::GeometryProblem;

    fn parse(text: &str) -> Result<LayerData, LoadError> {
        parse_kml_str(text, Path::new("t.kml"))
    }

    fn document(placemarks: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" \
             xmlns:gx=\"http://www.google.com/kml/ext/2.2\"><Document>\n{placemarks}\n</Document></kml>\n"
        )
    }

    fn column<'a>(data: &'a LayerData, feature: usize, name: &str) -> &'a AttributeValue {
        let position = data
            .fields
            .iter()
            .position(|field| field.name == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        &data.features[feature].attributes[position]
    }

    fn text(value: &str) -> AttributeValue {
        AttributeValue::Text(value.into())
    }

    #[test]
    fn placemarks_in_nested_folders_keep_name_description_folder_style_and_data() {
        let data = parse(&document(
            r##"<name>Hồ sơ</name>
            <Schema name="khu" id="khu"><SimpleField name="dan_so" type="int"/></Schema>
            <Placemark id="pm-0"><name>Gốc</name><Point><coordinates>106.7,20.8</coordinates></Point></Placemark>
            <Folder><name>Quy hoạch</name>
              <Folder><name>Phân khu 1</name>
                <Placemark id="pm-1">
                  <name> Khu ở A </name>
                  <description><![CDATA[<b>Mật độ</b> 40%]]></description>
                  <styleUrl>#dat_o</styleUrl>
                  <ExtendedData>
                    <Data name="ma_khu"><displayName>Mã</displayName><value>A-01</value></Data>
                    <SchemaData schemaUrl="#khu"><SimpleData name="dan_so">1200</SimpleData></SchemaData>
                  </ExtendedData>
                  <Point><coordinates> 106.75 , 20.85 </coordinates></Point>
                </Placemark>
              </Folder>
              <Placemark><name>Cầu &amp; cống</name>
                <ExtendedData><Data name="dan_so"><value>80</value></Data></ExtendedData>
                <LineString><coordinates>106.6,20.8,0 106.7,20.9,0</coordinates></LineString>
              </Placemark>
            </Folder>"##,
        ))
        .expect("valid");
        assert_eq!(data.crs, WGS84);
        assert_eq!(data.crs_origin, CrsOrigin::Declared);
        assert_eq!(data.name, "t");
        let names: Vec<&str> = data
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "name",
                "description",
                "folder",
                "style",
                "id",
                "dan_so",
                "ma_khu"
            ],
            "the schema's field first, then the data in first-seen order"
        );
        assert_eq!(data.features.len(), 3);
        assert_eq!(column(&data, 0, "folder"), &AttributeValue::Null);
        assert_eq!(column(&data, 0, "dan_so"), &AttributeValue::Null);
        assert_eq!(column(&data, 1, "name"), &text("Khu ở A"));
        assert_eq!(column(&data, 1, "description"), &text("<b>Mật độ</b> 40%"));
        assert_eq!(column(&data, 1, "folder"), &text("Quy hoạch / Phân khu 1"));
        assert_eq!(column(&data, 1, "style"), &text("#dat_o"));
        assert_eq!(column(&data, 1, "id"), &text("pm-1"));
        assert_eq!(column(&data, 1, "ma_khu"), &text("A-01"));
        assert_eq!(column(&data, 1, "dan_so"), &AttributeValue::Integer(1200));
        assert_eq!(column(&data, 2, "name"), &text("Cầu & cống"));
        assert_eq!(column(&data, 2, "folder"), &text("Quy hoạch"));
        assert_eq!(column(&data, 2, "id"), &AttributeValue::Null);
        assert_eq!(column(&data, 2, "dan_so"), &AttributeValue::Integer(80));
        let dan_so = &data.fields[5];
        assert_eq!(dan_so.kind, AttributeKind::Integer);
        assert_eq!(
            data.features[1].geometry,
            Geometry::Point(Point::new(106.75, 20.85))
        );
        assert!(
            matches!(&data.features[2].geometry, Geometry::LineString(line) if line.0.len() == 2)
        );
        assert!(
            data.notes.is_empty(),
            "zero heights are not worth a note: {:?}",
            data.notes
        );
    }

    #[test]
    fn polygons_have_their_holes_and_unclosed_rings_are_closed() {
        let data = parse(&document(
            "<Placemark><Polygon>
               <outerBoundaryIs><LinearRing><coordinates>0,0 10,0 10,10 0,10 0,0</coordinates></LinearRing></outerBoundaryIs>
               <innerBoundaryIs><LinearRing><coordinates>2,2 2,4 4,4 4,2</coordinates></LinearRing></innerBoundaryIs>
               <innerBoundaryIs><LinearRing><coordinates>6,6 6,8 8,8 8,6 6,6</coordinates></LinearRing></innerBoundaryIs>
             </Polygon></Placemark>
             <Placemark><LinearRing><coordinates>0,0 1,0 1,1</coordinates></LinearRing></Placemark>",
        ))
        .expect("valid");
        let Geometry::Polygon(polygon) = &data.features[0].geometry else {
            panic!("a polygon: {:?}", data.features[0].geometry);
        };
        assert_eq!(polygon.interiors().len(), 2);
        assert_eq!(polygon.interiors()[0].0.len(), 5, "closed");
        assert_eq!(polygon.interiors()[0].0[4], Coord { x: 2.0, y: 2.0 });
        let Geometry::LineString(ring) = &data.features[1].geometry else {
            panic!("a standalone ring is a closed line");
        };
        assert!(ring.is_closed());
        assert_eq!(data.notes, [LayerNote::RingsClosed { count: 2 }]);
    }

    #[test]
    fn multi_geometries_and_tracks() {
        let square = |x: f64| {
            format!(
                "<Polygon><outerBoundaryIs><LinearRing><coordinates>{x},0 {x1},0 {x1},1 {x},1 {x},0\
                 </coordinates></LinearRing></outerBoundaryIs></Polygon>",
                x1 = x + 1.0
            )
        };
        let data = parse(&document(&format!(
            "<Placemark><MultiGeometry>{}{}</MultiGeometry></Placemark>
             <Placemark><MultiGeometry><Point><coordinates>1,1</coordinates></Point>
               <LineString><coordinates>0,0 1,1</coordinates></LineString></MultiGeometry></Placemark>
             <Placemark><MultiGeometry>{}<MultiGeometry>{}</MultiGeometry></MultiGeometry></Placemark>
             <Placemark><gx:Track><when>2025-07-01T08:00:00Z</when><when>2025-07-01T08:01:00Z</when>
               <gx:coord>106.7 20.8 5</gx:coord><gx:coord>106.71 20.81 6</gx:coord></gx:Track></Placemark>
             <Placemark><gx:MultiTrack><gx:Track><gx:coord>1 1</gx:coord><gx:coord>2 2</gx:coord></gx:Track>
               <gx:Track><gx:coord>3 3</gx:coord><gx:coord>4 4</gx:coord></gx:Track></gx:MultiTrack></Placemark>
             <Placemark><MultiGeometry><Polygon/></MultiGeometry></Placemark>",
            square(0.0),
            square(2.0),
            square(4.0),
            square(6.0)
        )))
        .expect("valid");
        assert!(
            matches!(&data.features[0].geometry, Geometry::MultiPolygon(MultiPolygon(parts)) if parts.len() == 2)
        );
        assert!(
            matches!(&data.features[1].geometry, Geometry::GeometryCollection(parts) if parts.0.len() == 2)
        );
        assert!(
            matches!(&data.features[2].geometry, Geometry::MultiPolygon(MultiPolygon(parts)) if parts.len() == 2),
            "nested multi-geometries flatten: {:?}",
            data.features[2].geometry
        );
        assert_eq!(
            data.features[3].geometry,
            Geometry::LineString(LineString::from(vec![(106.7, 20.8), (106.71, 20.81)]))
        );
        assert!(
            matches!(&data.features[4].geometry, Geometry::MultiLineString(lines) if lines.0.len() == 2)
        );
        assert_eq!(
            data.features[5].geometry,
            Geometry::GeometryCollection(GeometryCollection::default()),
            "nothing to draw"
        );
        assert_eq!(data.notes, [LayerNote::HeightsDropped]);
    }

    #[test]
    fn a_bad_placemark_loses_its_geometry_with_a_note_and_the_rest_loads() {
        let data = parse(&document(
            "<Placemark><name>số sai</name><Point><coordinates>106.7,abc</coordinates></Point></Placemark>
<Placemark><name>tốt</name><Point><coordinates>106.7,20.8</coordinates></Point></Placemark>
<Placemark><Point><coordinates>106.7,95</coordinates></Point></Placemark>
<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><LineString><coordinates>1,1</coordinates></LineString></Placemark>",
        ))
        .expect("one bad placemark does not refuse the file");
        assert_eq!(data.features.len(), 5);
        let empty = Geometry::GeometryCollection(GeometryCollection::default());
        assert_eq!(data.features[0].geometry, empty);
        assert_eq!(column(&data, 0, "name"), &text("số sai"), "attributes kept");
        assert_eq!(
            data.features[1].geometry,
            Geometry::Point(Point::new(106.7, 20.8))
        );
        assert_eq!(data.features[3].geometry, empty);
        assert_eq!(
            data.notes,
            [
                LayerNote::GeometrySkipped {
                    feature: 1,
                    line: 3,
                    column: 57,
                    problem: GeometryProblem::NotANumber { text: "abc".into() },
                },
                LayerNote::GeometrySkipped {
                    feature: 3,
                    line: 5,
                    column: 32,
                    problem: GeometryProblem::LatitudeOutOfRange { degrees: 95.0 },
                },
                LayerNote::GeometrySkipped {
                    feature: 4,
                    line: 6,
                    column: 63,
                    problem: GeometryProblem::TooFewCornersInRing { corners: 2 },
                },
                LayerNote::GeometrySkipped {
                    feature: 5,
                    line: 7,
                    column: 37,
                    problem: GeometryProblem::TooFewPointsInLine,
                },
            ]
        );
        assert_eq!(
            data.notes[0].to_string(),
            "feature 1 (line 3, column 57): the coordinate \"abc\" is not a number; it was kept without a \
             geometry"
        );
    }

    #[test]
    fn many_bad_placemarks_are_listed_up_to_a_limit_then_counted() {
        let bad =
            "<Placemark><Point><coordinates>x,1</coordinates></Point></Placemark>\n".repeat(13);
        let data = parse(&document(&bad)).expect("loaded");
        assert_eq!(data.features.len(), 13);
        assert_eq!(data.notes.len(), MAX_LISTED_NOTES + 1);
        assert_eq!(
            data.notes.last(),
            Some(&LayerNote::MoreGeometriesSkipped { count: 3 })
        );
    }

    #[test]
    fn self_crossing_polygons_are_kept_with_a_note() {
        let data = parse(&document(
            "<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,1 1,0 0,1 0,0\
             </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>",
        ))
        .expect("loaded");
        assert!(matches!(data.features[0].geometry, Geometry::Polygon(_)));
        assert!(
            matches!(
                data.notes.as_slice(),
                [LayerNote::InvalidPolygon {
                    record: 1,
                    polygon: 0,
                    ..
                }]
            ),
            "{:?}",
            data.notes
        );
    }

    #[test]
    fn files_that_are_not_kml_are_refused_with_the_place() {
        let error = parse("<kml><Document>\n<Placemark><name>a</nam></Placemark></Document></kml>")
            .expect_err("malformed");
        assert!(
            error.to_string().starts_with("t.kml: line 2, column"),
            "{error}"
        );
        let error = parse("<?xml version=\"1.0\"?>\n<gpx/>").expect_err("not kml");
        assert_eq!(
            error.to_string(),
            "t.kml: line 2, column 1: not a KML file (the root element is <gpx>, expected <kml>)"
        );
        let error = parse("<kml><Document>\n<Placemark><name>a</name>").expect_err("cut short");
        assert!(error.to_string().contains("line 2"), "{error}");
        let error = parse(" \n\t").expect_err("empty");
        assert!(matches!(error, LoadError::Empty { .. }), "{error}");
        let error = parse("<!-- only a comment -->").expect_err("no root");
        assert!(error.to_string().contains("not a KML file"), "{error}");
        let error = parse_kml_bytes(
            b"<kml>\n<name>\xff</name></kml>",
            Path::new("t.kml"),
            "t".into(),
        )
        .expect_err("not UTF-8");
        assert_eq!(
            error.to_string(),
            "t.kml: line 2, column 7: the file is not UTF-8 text"
        );
        let error = parse("<kml><Placemark><name>&nbsp;</name></Placemark></kml>")
            .expect_err("undeclared entity");
        assert!(error.to_string().contains("line 1"), "{error}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_no_placemark_is_an_empty_layer() {
        let data = parse(&format!(
            "\u{feff}{}",
            document("<Folder><name>trống</name></Folder>")
        ))
        .expect("an empty layer");
        assert!(data.features.is_empty());
        assert_eq!(data.fields.len(), FIXED_COLUMNS.len());
        let error = parse("\u{feff}").expect_err("only a mark");
        assert!(matches!(error, LoadError::Empty { .. }), "{error}");
    }

    #[test]
    fn extended_data_called_id_moves_the_placemark_id_to_kml_id() {
        let data = parse(&document(
            "<Placemark id=\"a\"><ExtendedData><Data name=\"id\"><value>7</value></Data></ExtendedData></Placemark>",
        ))
        .expect("valid");
        assert_eq!(column(&data, 0, "kml_id"), &text("a"));
        assert_eq!(column(&data, 0, "id"), &AttributeValue::Integer(7));
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let folder =
            std::env::temp_dir().join(format!("hpatlas-kml-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("scratch folder");
        folder
    }

    fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
        let file = std::fs::File::create(path).expect("created");
        let mut writer = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            writer.start_file(*name, options).expect("entry");
            writer.write_all(bytes).expect("written");
        }
        writer.finish().expect("finished");
    }

    #[test]
    fn kmz_archives_read_their_doc_kml() {
        let folder = scratch("kmz");
        let kmz = folder.join("khao_sat.kmz");
        let doc = document(
            "<Placemark><name>Cống</name><Point><coordinates>106.7,20.8</coordinates></Point></Placemark>",
        );
        write_zip(
            &kmz,
            &[("files/icon.png", b"png"), ("doc.kml", doc.as_bytes())],
        );
        let data = read_kmz(&kmz, &mut |_| {}).expect("read");
        assert_eq!(data.name, "khao_sat");
        assert_eq!(data.source_path.as_deref(), Some(kmz.as_path()));
        assert_eq!(column(&data, 0, "name"), &text("Cống"));

        let broken = folder.join("hong.kmz");
        write_zip(&broken, &[("doc.kml", b"<kml>\n<Placemark>")]);
        let error = read_kmz(&broken, &mut |_| {}).expect_err("cut short");
        assert!(
            error.to_string().contains("hong.kmz/doc.kml: line 2"),
            "{error}"
        );

        let not_zip = folder.join("gia.kmz");
        std::fs::write(&not_zip, doc.as_bytes()).expect("written");
        let error = read_kmz(&not_zip, &mut |_| {}).expect_err("not a zip");
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: not a KMZ file", not_zip.display())),
            "{error}"
        );
        let no_kml = folder.join("anh.kmz");
        write_zip(
            &no_kml,
            &[("files/doc.kml", doc.as_bytes()), ("a.png", b"png")],
        );
        let error = read_kmz(&no_kml, &mut |_| {}).expect_err("no kml at the root");
        assert!(error.to_string().contains("no doc.kml"), "{error}");
        let _ = std::fs::remove_dir_all(&folder);
    }
}
