//! GPX 1.0/1.1 files from phones and GPS units: tracks (`trk`/`trkseg`/`trkpt`) become LineStrings (one
//! segment) or MultiLineStrings (several), routes (`rte`/`rtept`) LineStrings, and waypoints (`wpt`) Points,
//! all in one layer in WGS 84 (EPSG:4326, as GPX always is). Every feature has the attributes `kind`
//! (`track`, `route` or `waypoint`), `name`, `desc`, `ele_m` (waypoints) and `time` (a waypoint's time, or
//! the time of a track's or route's first point, as RFC 3339 UTC).
//!
//! A track segment or route of a single point keeps that point as a Point (several such segments: a
//! MultiPoint, next to the lines in a GeometryCollection when the track also has longer segments). GDAL keeps
//! it as a LineString of one point, which is not a valid line (it has no length and cannot be drawn or measured
//! as one; `ogrinfo` shows `MULTILINESTRING ((x y))` for such a track, `LINESTRING (x y)` for such a route), so
//! the atlas keeps the position as what it is. A time without a time zone (a valid `xsd:dateTime`
//! such as `2024-05-01T08:30:00`) is read as UTC, as the GPX schema says its times are.
//!
//! The reader streams the XML with `quick-xml`; anything it does not use (metadata, extensions) is skipped.
//! Errors name the file and the line and column: malformed XML, a missing or out-of-range `lat`/`lon`, an
//! elevation or time that is not a number or a date-time.

use std::path::Path;

use geo::{Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, Point};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::xml_text::{line_and_column, resolve_reference, skip_whitespace, syntax};
use super::{LoadError, display_name};
use crate::core::attributes::{AttributeValue, infer_field_kinds};
use crate::core::crs::WGS84;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::timestamp::Timestamp;

/// The attribute columns of a GPX layer, in order.
pub const GPX_FIELDS: [&str; 5] = ["kind", "name", "desc", "ele_m", "time"];

/// Reads a GPX file. `progress` receives 0..1.
pub fn read_gpx(path: &Path, progress: &mut dyn FnMut(f32)) -> Result<LayerData, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::io(path, source))?;
    progress(0.3);
    let text = std::str::from_utf8(&bytes).map_err(|error| {
        let (line, column) = line_and_column(&bytes, error.valid_up_to());
        syntax(path, line, column, "the file is not UTF-8 text".into())
    })?;
    let mut data = parse_gpx_str(text, path)?;
    data.source_path = Some(path.to_path_buf());
    progress(1.0);
    Ok(data)
}

/// Parses GPX text; `path` names the layer and is used in messages.
pub fn parse_gpx_str(text: &str, path: &Path) -> Result<LayerData, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut parser = GpxParser::new(text, path);
    parser.run()?;
    let rows: Vec<Vec<AttributeValue>> = parser
        .features
        .iter()
        .map(|feature| feature.attributes.clone())
        .collect();
    let names = GPX_FIELDS.iter().map(|name| name.to_string()).collect();
    Ok(LayerData {
        name: display_name(path),
        source_path: None,
        crs: WGS84,
        crs_origin: CrsOrigin::Declared,
        fields: infer_field_kinds(names, &rows),
        features: parser.features,
        text_encoding: None,
        notes: Vec::new(),
    })
}

/// The text members of a waypoint, track point, track or route.
#[derive(Default)]
struct Details {
    name: Option<String>,
    desc: Option<String>,
    ele_m: Option<f64>,
    time: Option<Timestamp>,
}

/// A point being read (`wpt`, `trkpt`, `rtept`).
struct OpenPoint {
    lon_deg: f64,
    lat_deg: f64,
    details: Details,
}

/// A track or route being read.
#[derive(Default)]
struct OpenLine {
    details: Details,
    segments: Vec<Vec<(f64, f64)>>,
    first_time: Option<Timestamp>,
}

struct GpxParser<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    path: &'a Path,
    stack: Vec<String>,
    point: Option<OpenPoint>,
    line: Option<OpenLine>,
    characters: String,
    features: Vec<SourceFeature>,
    root_seen: bool,
}

impl<'a> GpxParser<'a> {
    fn new(text: &'a str, path: &'a Path) -> Self {
        Self {
            reader: Reader::from_str(text),
            text,
            path,
            stack: Vec::new(),
            point: None,
            line: None,
            characters: String::new(),
            features: Vec::new(),
            root_seen: false,
        }
    }

    fn run(&mut self) -> Result<(), LoadError> {
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
                Event::Start(element) => self.open(&element, start_offset)?,
                Event::Empty(element) => {
                    self.open(&element, start_offset)?;
                    self.close(start_offset)?;
                }
                Event::End(_) => self.close(start_offset)?,
                Event::Text(text) => {
                    let content = text
                        .xml10_content()
                        .map_err(|error| self.error_at(start_offset, error.to_string()))?;
                    self.characters.push_str(&content);
                }
                Event::CData(data) => {
                    let content = data
                        .decode()
                        .map_err(|error| self.error_at(start_offset, error.to_string()))?;
                    self.characters.push_str(&content);
                }
                Event::GeneralRef(reference) => {
                    let resolved = resolve_reference(&reference)
                        .ok_or_else(|| self.error_at(start_offset, "unknown entity".into()))?;
                    self.characters.push(resolved);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.root_seen {
            return Err(self.error_at(0, "not a GPX file (no <gpx> element)".into()));
        }
        Ok(())
    }

    fn open(&mut self, element: &BytesStart, offset: u64) -> Result<(), LoadError> {
        let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
        if self.stack.is_empty() && name != "gpx" {
            return Err(self.error_at(
                offset,
                format!("not a GPX file (the root element is <{name}>, expected <gpx>)"),
            ));
        }
        self.root_seen = true;
        self.characters.clear();
        match name.as_str() {
            "wpt" | "trkpt" | "rtept" if self.in_gpx_object() => {
                let (lon_deg, lat_deg) = self.position(element, offset)?;
                self.point = Some(OpenPoint {
                    lon_deg,
                    lat_deg,
                    details: Details::default(),
                });
            }
            "trk" | "rte" if self.parent_is("gpx") => self.line = Some(OpenLine::default()),
            "trkseg" if self.parent_is("trk") => {
                if let Some(line) = &mut self.line {
                    line.segments.push(Vec::new());
                }
            }
            _ => {}
        }
        self.stack.push(name);
        Ok(())
    }

    /// True when a point element here belongs to the document (under `gpx`, `trkseg` or `rte`).
    fn in_gpx_object(&self) -> bool {
        self.parent_is("gpx") || self.parent_is("trkseg") || self.parent_is("rte")
    }

    fn parent_is(&self, name: &str) -> bool {
        self.stack.last().is_some_and(|parent| parent == name)
    }

    fn close(&mut self, offset: u64) -> Result<(), LoadError> {
        let Some(name) = self.stack.pop() else {
            return Ok(());
        };
        let characters = std::mem::take(&mut self.characters);
        match name.as_str() {
            "name" | "desc" | "ele" | "time" => self.detail(&name, characters.trim(), offset)?,
            "wpt" => self.finish_waypoint(),
            "trkpt" | "rtept" => self.finish_line_point(&name),
            "trk" | "rte" => self.finish_line(&name),
            _ => {}
        }
        Ok(())
    }

    /// Stores a `name`/`desc`/`ele`/`time` member on the point or line it belongs to.
    fn detail(&mut self, name: &str, value: &str, offset: u64) -> Result<(), LoadError> {
        let owner = match self.stack.last().map(String::as_str) {
            Some("wpt" | "trkpt" | "rtept") => self.point.as_mut().map(|point| &mut point.details),
            Some("trk" | "rte") => self.line.as_mut().map(|line| &mut line.details),
            _ => None,
        };
        let Some(details) = owner else {
            return Ok(());
        };
        // An empty `<ele></ele>` or `<time/>` says nothing (as GDAL reads it), not a bad value.
        if value.is_empty() && matches!(name, "ele" | "time") {
            return Ok(());
        }
        match name {
            "name" => details.name = Some(value.to_string()),
            "desc" => details.desc = Some(value.to_string()),
            "ele" => match value.parse::<f64>() {
                Ok(metres) if metres.is_finite() => details.ele_m = Some(metres),
                _ => {
                    let message = format!("elevation {value:?} is not a number of metres");
                    return Err(self.error_at(offset, message));
                }
            },
            _ => match Timestamp::parse_utc_if_unzoned(value) {
                Ok(time) => details.time = Some(time),
                Err(error) => return Err(self.error_at(offset, error.to_string())),
            },
        }
        Ok(())
    }

    fn finish_waypoint(&mut self) {
        let Some(point) = self.point.take() else {
            return;
        };
        let details = point.details;
        self.features.push(SourceFeature {
            geometry: Geometry::Point(Point::new(point.lon_deg, point.lat_deg)),
            attributes: attributes("waypoint", details),
        });
    }

    fn finish_line_point(&mut self, name: &str) {
        let (Some(point), Some(line)) = (self.point.take(), self.line.as_mut()) else {
            return;
        };
        if line.first_time.is_none() {
            line.first_time = point.details.time;
        }
        if name == "rtept" && line.segments.is_empty() {
            line.segments.push(Vec::new());
        }
        if let Some(segment) = line.segments.last_mut() {
            segment.push((point.lon_deg, point.lat_deg));
        }
    }

    fn finish_line(&mut self, name: &str) {
        let Some(line) = self.line.take() else {
            return;
        };
        let mut parts: Vec<LineString> = Vec::with_capacity(line.segments.len());
        let mut single_points: Vec<Point> = Vec::new();
        for segment in line.segments {
            match segment.as_slice() {
                [] => {}
                [only] => single_points.push(Point::from(*only)),
                _ => parts.push(LineString::from(segment)),
            }
        }
        let lines = match parts.len() {
            0 => None,
            1 => parts.pop().map(Geometry::LineString),
            _ => Some(Geometry::MultiLineString(MultiLineString::new(parts))),
        };
        let points = match single_points.len() {
            0 => None,
            1 => single_points.pop().map(Geometry::Point),
            _ => Some(Geometry::MultiPoint(MultiPoint::new(single_points))),
        };
        let geometry = match (lines, points) {
            (Some(lines), None) => lines,
            (None, Some(points)) => points,
            (Some(lines), Some(points)) => {
                Geometry::GeometryCollection(GeometryCollection::new_from(vec![lines, points]))
            }
            (None, None) => Geometry::GeometryCollection(GeometryCollection::default()),
        };
        let mut details = line.details;
        details.time = details.time.or(line.first_time);
        details.ele_m = None;
        let kind = if name == "trk" { "track" } else { "route" };
        self.features.push(SourceFeature {
            geometry,
            attributes: attributes(kind, details),
        });
    }

    /// Reads and checks the `lat` and `lon` attributes of a point element.
    fn position(&self, element: &BytesStart, offset: u64) -> Result<(f64, f64), LoadError> {
        let mut lat = None;
        let mut lon = None;
        for attribute in element.attributes() {
            let attribute = attribute.map_err(|error| self.error_at(offset, error.to_string()))?;
            let value = String::from_utf8_lossy(&attribute.value).trim().to_string();
            match attribute.key.local_name().as_ref() {
                b"lat" => lat = Some(value),
                b"lon" => lon = Some(value),
                _ => {}
            }
        }
        let number = |value: Option<String>, name: &str, limit: f64| {
            let text = value.ok_or_else(|| format!("the point has no {name} attribute"))?;
            match text.parse::<f64>() {
                Ok(degrees) if degrees.is_finite() && degrees.abs() <= limit => Ok(degrees),
                _ => Err(format!(
                    "{name}=\"{text}\" is not a {name}itude from -{limit} to {limit} degrees"
                )),
            }
        };
        let lat_deg = number(lat, "lat", 90.0).map_err(|message| self.error_at(offset, message))?;
        let lon_deg =
            number(lon, "lon", 180.0).map_err(|message| self.error_at(offset, message))?;
        Ok((lon_deg, lat_deg))
    }

    fn error_at(&self, offset: u64, message: String) -> LoadError {
        let at = usize::try_from(offset).unwrap_or(usize::MAX);
        let at = skip_whitespace(self.text.as_bytes(), at);
        let (line, column) = line_and_column(self.text.as_bytes(), at);
        syntax(self.path, line, column, message)
    }
}

fn attributes(kind: &str, details: Details) -> Vec<AttributeValue> {
    let text = |value: Option<String>| value.map_or(AttributeValue::Null, AttributeValue::Text);
    vec![
        AttributeValue::Text(kind.to_string()),
        text(details.name),
        text(details.desc),
        details
            .ele_m
            .map_or(AttributeValue::Null, AttributeValue::Real),
        text(details.time.map(|time| time.to_string())),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LayerData, LoadError> {
        parse_gpx_str(text, Path::new("t.gpx"))
    }

    #[test]
    fn entities_and_cdata_are_decoded() {
        let data = parse(
            r#"<gpx><wpt lat="20.8" lon="106.7"><name>Cầu &amp; cống &#x1EA1;</name><desc><![CDATA[<b>]]></desc></wpt></gpx>"#,
        )
        .expect("valid");
        assert_eq!(
            data.features[0].attributes[1],
            AttributeValue::Text("Cầu & cống ạ".into())
        );
        assert_eq!(
            data.features[0].attributes[2],
            AttributeValue::Text("<b>".into())
        );
    }

    #[test]
    fn an_empty_elevation_or_time_is_none_not_an_error() {
        // As in togeojson's empty_ele.gpx: the track is read, the empty members say nothing.
        let data = parse(
            "<gpx><wpt lat=\"20.8\" lon=\"106.7\"><ele></ele><time/></wpt>\
             <trk><trkseg><trkpt lat=\"20.8\" lon=\"106.7\"><ele> </ele></trkpt>\
             <trkpt lat=\"20.9\" lon=\"106.8\"><ele>4.5</ele></trkpt></trkseg></trk></gpx>",
        )
        .expect("empty members are allowed");
        assert_eq!(data.features.len(), 2);
        let ele = GPX_FIELDS
            .iter()
            .position(|name| *name == "ele_m")
            .expect("field");
        let time = GPX_FIELDS
            .iter()
            .position(|name| *name == "time")
            .expect("field");
        assert_eq!(data.features[0].attributes[ele], AttributeValue::Null);
        assert_eq!(data.features[0].attributes[time], AttributeValue::Null);
        assert!(parse("<gpx><wpt lat=\"20.8\" lon=\"106.7\"><ele>high</ele></wpt></gpx>").is_err());
    }

    #[test]
    fn errors_give_the_line() {
        let error = parse("<gpx>\n<wpt lat=\"95\" lon=\"106\"/>\n</gpx>").expect_err("bad lat");
        assert!(
            error.to_string().starts_with("t.gpx: line 2, column 1:"),
            "{error}"
        );
        let error = parse("<kml/>").expect_err("not gpx");
        assert!(error.to_string().contains("not a GPX file"), "{error}");
        let error = parse("<gpx>\n<trk><trkseg>\n</gpx>").expect_err("unclosed");
        assert!(error.to_string().contains("line"), "{error}");
    }
}
