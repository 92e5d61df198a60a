//! GeoJSON reading (RFC 7946, plus the legacy `crs` member that Vietnamese tools still write).
//!
//! The file is streamed through a typed parse (see the private `geojson_typed` module: coordinates go straight into
//! `geo` geometries, properties into attribute rows) while its bytes are counted for progress; then each
//! feature's geometry is checked (enough positions per line and ring, finite numbers, degrees within range for a
//! geographic CRS).
//!
//! A feature's `id` member (a string or a number) is kept as an attribute column, placed first as GDAL does:
//! named `id`, or `feature_id` when a property is already called `id` (then `feature_id_2`, … if that is taken
//! too). [`feature_id_column`] finds that column again, so the GeoJSON writers put it back as the `id` member.
//! Any problem becomes a [`LoadError`] naming the file, the feature and what was wrong; nothing is half-loaded.

use std::io::{BufRead, Read};
use std::path::Path;

use geo::{CoordsIter, Geometry, MapCoords};

use super::coords::checked_coord;
use super::geojson_typed::{ParsedDocument, parse_document};
use super::{LoadError, ProgressReader, display_name};
use crate::core::attributes::{AttributeValue, Field, infer_field_kinds};
use crate::core::crs::{Crs, WGS84};
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;

/// Reads a GeoJSON file. `crs_override` replaces whatever the file declares. `progress` receives 0..1.
pub fn read_geojson(
    path: &Path,
    crs_override: Option<Crs>,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let file = std::fs::File::open(path).map_err(|source| LoadError::io(path, source))?;
    let total_bytes = file.metadata().map(|meta| meta.len()).unwrap_or(0);
    if total_bytes == 0 {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let counted = ProgressReader::new(file, total_bytes, |fraction| progress(0.8 * fraction));
    let mut reader = std::io::BufReader::with_capacity(1 << 20, counted);
    skip_byte_order_mark(&mut reader).map_err(|source| LoadError::io(path, source))?;
    let geojson = parse(reader).map_err(|error| LoadError::from_json(path, error))?;
    let mut data =
        geojson_to_layer(geojson, crs_override).map_err(|problem| problem.in_file(path))?;
    data.name = display_name(path);
    data.source_path = Some(path.to_path_buf());
    progress(1.0);
    Ok(data)
}

/// Parses GeoJSON text already in memory (used by tests and by callers that have the text).
pub fn parse_geojson_str(
    text: &str,
    name: &str,
    crs_override: Option<Crs>,
) -> Result<LayerData, LoadError> {
    let path = Path::new(name);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let geojson = parse(text.as_bytes()).map_err(|error| LoadError::from_json(path, error))?;
    let mut data =
        geojson_to_layer(geojson, crs_override).map_err(|problem| problem.in_file(path))?;
    data.name = name.to_string();
    Ok(data)
}

/// The UTF-8 byte-order mark some Windows tools write before the JSON text (RFC 8259 lets a parser ignore it).
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Skips a UTF-8 byte-order mark at the start of `reader`, if there is one.
fn skip_byte_order_mark(reader: &mut impl BufRead) -> std::io::Result<()> {
    let starts_with_mark = reader.fill_buf()?.starts_with(UTF8_BOM);
    if starts_with_mark {
        reader.consume(UTF8_BOM.len());
    }
    Ok(())
}

fn parse(reader: impl Read) -> Result<ParsedDocument, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let document = parse_document(&mut deserializer)?;
    deserializer.end()?;
    Ok(document)
}

/// A problem found after parsing, before the file name is attached.
pub(super) enum Problem {
    Feature { feature: usize, message: String },
    Crs(String),
}

impl Problem {
    fn in_file(self, path: &Path) -> LoadError {
        let path = path.to_path_buf();
        match self {
            Self::Feature { feature, message } => LoadError::Feature {
                path,
                feature,
                message,
            },
            Self::Crs(message) => LoadError::Crs { path, message },
        }
    }
}

fn geojson_to_layer(
    document: ParsedDocument,
    crs_override: Option<Crs>,
) -> Result<LayerData, Problem> {
    let declared = declared_crs(document.crs_member.as_ref())?;
    let (crs, crs_origin) = match (crs_override, declared) {
        (Some(crs), _) => (crs, CrsOrigin::User),
        (None, Some(crs)) => (crs, CrsOrigin::Declared),
        (None, None) => (WGS84, CrsOrigin::Assumed),
    };
    let mut field_names = document.field_names;
    let property_count = field_names.len();
    let has_ids = document
        .features
        .iter()
        .any(|feature| feature.id != AttributeValue::Null);
    if has_ids {
        field_names.insert(0, id_field_name(&field_names));
    }
    let mut features = Vec::with_capacity(document.features.len());
    for (number, feature) in document.features.into_iter().enumerate() {
        let geometry = feature
            .geometry
            .and_then(|mut geometry| check_coords(&mut geometry, crs).map(|()| geometry))
            .map_err(|message| Problem::Feature {
                feature: number,
                message,
            })?;
        let mut attributes = feature.attributes;
        attributes.resize(property_count, AttributeValue::Null);
        if has_ids {
            attributes.insert(0, feature.id);
        }
        features.push(SourceFeature {
            geometry,
            attributes,
        });
    }
    let mut notes = Vec::new();
    if document.heights_dropped {
        notes.push(LayerNote::HeightsDropped);
    }
    let rows: Vec<&[AttributeValue]> = features
        .iter()
        .map(|feature: &SourceFeature| feature.attributes.as_slice())
        .collect();
    let fields = infer_field_kinds(field_names, &rows);
    Ok(LayerData {
        name: String::new(),
        source_path: None,
        crs,
        crs_origin,
        fields,
        features,
        text_encoding: None,
        notes,
    })
}

/// The column name for the features' `id` members: `id`, or `feature_id` (`feature_id_2`, …) when a property
/// already has that name.
fn id_field_name(property_names: &[String]) -> String {
    let taken = |name: &str| property_names.iter().any(|property| property == name);
    if !taken(ID_FIELD) {
        return ID_FIELD.to_string();
    }
    std::iter::once(ID_FIELD_IF_TAKEN.to_string())
        .chain((2..).map(|number| format!("{ID_FIELD_IF_TAKEN}_{number}")))
        .find(|name| !taken(name))
        .unwrap_or_else(|| ID_FIELD_IF_TAKEN.to_string())
}

/// The column that holds features' `id` members when no property is called `id`.
pub const ID_FIELD: &str = "id";
/// The column that holds features' `id` members when a property is already called `id`.
pub const ID_FIELD_IF_TAKEN: &str = "feature_id";

/// The column the GeoJSON writers write as each feature's `id` member: `feature_id` when there are both an
/// `id` and a `feature_id` column (the reader's naming when a property was called `id`), else `id`. A value
/// that is neither text nor a number stays a property (see [`feature_id_json`]).
pub fn feature_id_column(fields: &[Field]) -> Option<usize> {
    let column = |name: &str| fields.iter().position(|field| field.name == name);
    match (column(ID_FIELD), column(ID_FIELD_IF_TAKEN)) {
        (Some(_), Some(taken)) => Some(taken),
        (id, _) => id,
    }
}

/// A value of the [`feature_id_column`] as a GeoJSON `id` member; none for null or a value of another kind.
pub fn feature_id_json(value: &AttributeValue) -> Option<serde_json::Value> {
    match value {
        AttributeValue::Integer(whole) => Some(serde_json::Value::from(*whole)),
        AttributeValue::Real(real) => {
            serde_json::Number::from_f64(*real).map(serde_json::Value::Number)
        }
        AttributeValue::Text(text) => Some(serde_json::Value::String(text.clone())),
        _ => None,
    }
}

/// Checks every coordinate of `geometry` against `crs` (finite, in range), clamping degrees a hair out of range
/// (see [`checked_coord`]): a read-only pass, and a copy only when something was clamped.
fn check_coords(geometry: &mut Geometry, crs: Crs) -> Result<(), String> {
    let mut clamped = false;
    geometry.coords_iter().try_for_each(|coord| {
        let checked = checked_coord(coord.x, coord.y, crs)?;
        clamped |= checked != coord;
        Ok::<(), String>(())
    })?;
    if clamped {
        *geometry = geometry.try_map_coords(|coord| checked_coord(coord.x, coord.y, crs))?;
    }
    Ok(())
}

/// The CRS named by a legacy `crs` member (`{"type":"name","properties":{"name":"EPSG:9210"}}`), if any.
fn declared_crs(crs_member: Option<&serde_json::Value>) -> Result<Option<Crs>, Problem> {
    let Some(crs_member) = crs_member else {
        return Ok(None);
    };
    if crs_member.is_null() {
        return Ok(None);
    }
    let name = crs_member
        .get("properties")
        .and_then(|properties| properties.get("name").or_else(|| properties.get("code")))
        .and_then(|name| match name {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
        .ok_or_else(|| {
            Problem::Crs(format!(
                "the \"crs\" member {crs_member} has no properties.name"
            ))
        })?;
    name.parse::<Crs>()
        .map(Some)
        .map_err(|error| Problem::Crs(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::VN2000_TM3_105_45;

    #[test]
    fn reads_properties_with_a_stable_column_order() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"ten":"Lê Chân","dan_so":100},"geometry":{"type":"Point","coordinates":[106.68,20.85]}},
            {"type":"Feature","properties":{"dan_so":2.5,"loai":"phường"},"geometry":null}]}"#;
        let data = parse_geojson_str(text, "t", None).expect("valid");
        let names: Vec<&str> = data
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(names, ["ten", "dan_so", "loai"]);
        assert_eq!(data.features[1].attributes[0], AttributeValue::Null);
        assert_eq!(
            data.features[1].attributes[2],
            AttributeValue::Text("phường".into())
        );
        assert_eq!(data.crs, WGS84);
        assert_eq!(data.crs_origin, CrsOrigin::Assumed);
        assert!(data.notes.is_empty(), "2-D positions: no note");
    }

    #[test]
    fn a_polygon_with_empty_coordinates_is_a_feature_without_geometry() {
        // RFC 7946 §3.1; as in tokml's polygon_norings.geojson, which GDAL reads as one feature.
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"ten":"A"},"geometry":{"type":"Polygon","coordinates":[]}},
            {"type":"Feature","properties":{"ten":"B"},"geometry":{"type":"Point","coordinates":[106.7,20.8]}}]}"#;
        let data = parse_geojson_str(text, "t", None).expect("an empty polygon is allowed");
        assert_eq!(data.features.len(), 2);
        assert!(matches!(
            &data.features[0].geometry,
            geo::Geometry::GeometryCollection(parts) if parts.0.is_empty()
        ));
        let ring_without_corners = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[]]}}"#;
        assert!(parse_geojson_str(ring_without_corners, "t", None).is_err());
    }

    #[test]
    fn a_utf8_byte_order_mark_is_skipped() {
        let text = "\u{feff}{\"type\":\"FeatureCollection\",\"features\":[]}";
        let data = parse_geojson_str(text, "t", None).expect("a BOM is allowed");
        assert!(data.features.is_empty());
        let mut reader: &[u8] = b"\xEF\xBB\xBF{}";
        skip_byte_order_mark(&mut reader).expect("in memory");
        assert_eq!(reader, b"{}");
    }

    #[test]
    fn feature_ids_become_the_first_column_without_clashing_with_a_property() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"P-1","properties":{"ten":"A"},"geometry":null},
            {"type":"Feature","id":7,"properties":{"ten":"B"},"geometry":null},
            {"type":"Feature","properties":{"ten":"C"},"geometry":null}]}"#;
        let data = parse_geojson_str(text, "t", None).expect("valid");
        assert_eq!(data.fields[0].name, "id");
        assert_eq!(data.fields[1].name, "ten");
        assert_eq!(
            data.features[0].attributes[0],
            AttributeValue::Text("P-1".into())
        );
        assert_eq!(data.features[1].attributes[0], AttributeValue::Integer(7));
        assert_eq!(data.features[2].attributes[0], AttributeValue::Null);
        assert_eq!(
            data.features[2].attributes[1],
            AttributeValue::Text("C".into())
        );
        assert_eq!(feature_id_column(&data.fields), Some(0));

        let clash = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":1,"properties":{"id":"x","feature_id":2},"geometry":null}]}"#;
        let data = parse_geojson_str(clash, "t", None).expect("valid");
        let names: Vec<&str> = data
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(names, ["feature_id_2", "id", "feature_id"]);
        assert_eq!(data.features[0].attributes[0], AttributeValue::Integer(1));

        let no_ids = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"ten":"A"},"geometry":null}]}"#;
        let data = parse_geojson_str(no_ids, "t", None).expect("valid");
        assert_eq!(
            data.fields.len(),
            1,
            "no id column when no feature has an id"
        );
    }

    #[test]
    fn honours_the_legacy_crs_member() {
        let text = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9210"}},
            "features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[597432.44,2306067.77]}}]}"#;
        let data = parse_geojson_str(text, "t", None).expect("valid");
        assert_eq!(data.crs, VN2000_TM3_105_45);
        assert_eq!(data.crs_origin, CrsOrigin::Declared);
        let overridden = parse_geojson_str(text, "t", Some(WGS84));
        assert!(
            overridden.is_err(),
            "metres read as degrees must be rejected, not drawn off the globe"
        );
    }

    #[test]
    fn members_in_any_order_and_every_geometry_type() {
        let text = r#"{"features":[
            {"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.1],[0.5,0.1],[0.5,0.4],[0.2,0.1]]],"type":"Polygon"},"type":"Feature","properties":null},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3,7]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[]}},
            {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
                {"type":"Point","coordinates":[5,6]},{"type":"LineString","coordinates":[[0,0],[1,2]]}]}}
            ],"type":"FeatureCollection"}"#;
        let data = parse_geojson_str(text, "t", None).expect("valid");
        assert_eq!(data.features.len(), 5);
        let Geometry::Polygon(with_hole) = &data.features[0].geometry else {
            panic!("a polygon: {:?}", data.features[0].geometry);
        };
        assert_eq!(with_hole.exterior().0.len(), 4);
        assert_eq!(with_hole.interiors().len(), 1);
        assert!(
            matches!(&data.features[1].geometry, Geometry::MultiPolygon(parts) if parts.0.len() == 2)
        );
        let Geometry::MultiLineString(lines) = &data.features[2].geometry else {
            panic!("lines: {:?}", data.features[2].geometry);
        };
        assert_eq!(
            lines.0[1].0[1],
            geo::Coord { x: 3.0, y: 3.0 },
            "z is dropped"
        );
        assert_eq!(data.notes, [LayerNote::HeightsDropped], "and said so");
        assert!(
            matches!(&data.features[3].geometry, Geometry::MultiPoint(points) if points.0.is_empty())
        );
        let Geometry::GeometryCollection(parts) = &data.features[4].geometry else {
            panic!("a collection: {:?}", data.features[4].geometry);
        };
        assert_eq!(parts.0.len(), 2);
        assert_eq!(parts.0[0], Geometry::Point(geo::Point::new(5.0, 6.0)));
    }

    #[test]
    fn a_bare_feature_or_geometry_is_one_feature_and_keeps_its_crs_member() {
        let feature = r#"{"type":"Feature","properties":{"ten":"A"},"geometry":{"type":"Point","coordinates":[106.7,20.8]}}"#;
        let data = parse_geojson_str(feature, "t", None).expect("valid");
        assert_eq!(data.features.len(), 1);
        assert_eq!(data.fields[0].name, "ten");
        let geometry = r#"{"coordinates":[597432.44,2306067.77],"crs":{"type":"name","properties":{"name":"EPSG:9210"}},"type":"Point"}"#;
        let data = parse_geojson_str(geometry, "t", None).expect("valid");
        assert_eq!(data.crs, VN2000_TM3_105_45);
        assert_eq!(
            data.features[0].geometry,
            Geometry::Point(geo::Point::new(597_432.44, 2_306_067.77))
        );
    }

    #[test]
    fn problems_name_the_feature_or_the_line() {
        let message = |text: &str| {
            parse_geojson_str(text, "t.geojson", None)
                .expect_err("refused")
                .to_string()
        };
        let ring = message(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[2,2]]]]}}]}"#,
        );
        assert!(
            ring.contains("feature 1") && ring.contains("polygon 1: ring 0 has 3 position(s)"),
            "{ring}"
        );
        let short = message(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1],[1,1],[0,0]]]}}]}"#,
        );
        assert!(
            short.contains("feature 0") && short.contains("1 number"),
            "{short}"
        );
        let deep = message(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[[0,0]]]]]}}]}"#,
        );
        assert!(
            deep.contains("line 1") && deep.contains("too deeply"),
            "{deep}"
        );
        let mixed = message(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[[1,1]]]}}]}"#,
        );
        assert!(
            mixed.contains("line 1") && mixed.contains("nested"),
            "{mixed}"
        );
        let no_features = message(r#"{"type":"FeatureCollection"}"#);
        assert!(no_features.contains("features"), "{no_features}");
        let no_type = message(r#"{"features":[]}"#);
        assert!(no_type.contains("no \"type\""), "{no_type}");
    }
}
