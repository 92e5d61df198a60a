//! GeoJSON reading (RFC 7946, plus the legacy `crs` member that Vietnamese tools still write).
//!
//! The file is parsed while its bytes are counted for progress, then each feature's geometry is converted and
//! checked (enough positions per line and ring, finite numbers, degrees within range for a geographic CRS).
//! Any problem becomes a [`LoadError`] naming the file, the feature and what was wrong; nothing is half-loaded.

use std::io::Read;
use std::path::Path;

use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};
use geojson::{GeoJson, GeometryValue, JsonObject, Position};

use super::coords::checked_coord;
use super::{LoadError, ProgressReader, display_name};
use crate::core::attributes::{AttributeValue, infer_field_kinds};
use crate::core::crs::{Crs, WGS84};
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};

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
    let reader = std::io::BufReader::with_capacity(1 << 20, counted);
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

fn parse(reader: impl Read) -> Result<GeoJson, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let geojson = serde::Deserialize::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(geojson)
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

fn geojson_to_layer(geojson: GeoJson, crs_override: Option<Crs>) -> Result<LayerData, Problem> {
    let (features, foreign_members) = match geojson {
        GeoJson::FeatureCollection(collection) => (collection.features, collection.foreign_members),
        GeoJson::Feature(feature) => {
            let members = feature.foreign_members.clone();
            (vec![feature], members)
        }
        GeoJson::Geometry(geometry) => {
            let members = geometry.foreign_members.clone();
            let feature = geojson::Feature {
                bbox: None,
                geometry: Some(geometry),
                id: None,
                properties: None,
                foreign_members: None,
            };
            (vec![feature], members)
        }
    };
    let declared = declared_crs(foreign_members.as_ref())?;
    let (crs, crs_origin) = match (crs_override, declared) {
        (Some(crs), _) => (crs, CrsOrigin::User),
        (None, Some(crs)) => (crs, CrsOrigin::Declared),
        (None, None) => (WGS84, CrsOrigin::Assumed),
    };
    let mut field_names: Vec<String> = Vec::new();
    let mut field_positions: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut geometries = Vec::with_capacity(features.len());
    let mut rows: Vec<Vec<AttributeValue>> = Vec::with_capacity(features.len());
    for (number, feature) in features.into_iter().enumerate() {
        let geometry = match feature.geometry {
            Some(geometry) => {
                convert_geometry(&geometry.value, crs).map_err(|message| Problem::Feature {
                    feature: number,
                    message,
                })?
            }
            None => Geometry::GeometryCollection(GeometryCollection::default()),
        };
        geometries.push(geometry);
        let mut row = vec![AttributeValue::Null; field_names.len()];
        for (key, value) in feature.properties.iter().flatten() {
            let column = *field_positions.entry(key.clone()).or_insert_with(|| {
                field_names.push(key.clone());
                field_names.len() - 1
            });
            if row.len() <= column {
                row.resize(column + 1, AttributeValue::Null);
            }
            row[column] = AttributeValue::from_json(value);
        }
        rows.push(row);
    }
    for row in &mut rows {
        row.resize(field_names.len(), AttributeValue::Null);
    }
    let fields = infer_field_kinds(field_names, &rows);
    let features = geometries
        .into_iter()
        .zip(rows)
        .map(|(geometry, attributes)| SourceFeature {
            geometry,
            attributes,
        })
        .collect();
    Ok(LayerData {
        name: String::new(),
        source_path: None,
        crs,
        crs_origin,
        fields,
        features,
        text_encoding: None,
        notes: Vec::new(),
    })
}

/// The CRS named by a legacy `crs` member (`{"type":"name","properties":{"name":"EPSG:9210"}}`), if any.
fn declared_crs(members: Option<&JsonObject>) -> Result<Option<Crs>, Problem> {
    let Some(crs_member) = members.and_then(|members| members.get("crs")) else {
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

fn convert_geometry(value: &GeometryValue, crs: Crs) -> Result<Geometry, String> {
    let coord = |position: &Position| position_to_coord(position, crs);
    Ok(match value {
        GeometryValue::Point { coordinates } => Geometry::Point(Point(coord(coordinates)?)),
        GeometryValue::MultiPoint { coordinates } => Geometry::MultiPoint(MultiPoint(
            coordinates
                .iter()
                .map(|position| coord(position).map(Point))
                .collect::<Result<_, _>>()?,
        )),
        GeometryValue::LineString { coordinates } => {
            Geometry::LineString(line_string(coordinates, crs)?)
        }
        GeometryValue::MultiLineString { coordinates } => {
            Geometry::MultiLineString(MultiLineString(
                coordinates
                    .iter()
                    .map(|line| line_string(line, crs))
                    .collect::<Result<_, _>>()?,
            ))
        }
        GeometryValue::Polygon { coordinates } => Geometry::Polygon(polygon(coordinates, crs)?),
        GeometryValue::MultiPolygon { coordinates } => Geometry::MultiPolygon(MultiPolygon(
            coordinates
                .iter()
                .enumerate()
                .map(|(part, rings)| {
                    polygon(rings, crs).map_err(|message| format!("polygon {part}: {message}"))
                })
                .collect::<Result<_, _>>()?,
        )),
        GeometryValue::GeometryCollection { geometries } => {
            Geometry::GeometryCollection(GeometryCollection(
                geometries
                    .iter()
                    .map(|geometry| convert_geometry(&geometry.value, crs))
                    .collect::<Result<_, _>>()?,
            ))
        }
    })
}

fn position_to_coord(position: &Position, crs: Crs) -> Result<Coord, String> {
    let (x, y) = match position.as_slice() {
        [x, y, ..] => (*x, *y),
        other => {
            return Err(format!(
                "a position has {} number(s); it needs at least 2",
                other.len()
            ));
        }
    };
    checked_coord(x, y, crs)
}

fn line_string(positions: &[Position], crs: Crs) -> Result<LineString, String> {
    if positions.len() < 2 {
        return Err(format!(
            "a line has {} position(s); it needs at least 2",
            positions.len()
        ));
    }
    positions
        .iter()
        .map(|position| position_to_coord(position, crs))
        .collect::<Result<Vec<_>, _>>()
        .map(LineString)
}

fn polygon(rings: &[Vec<Position>], crs: Crs) -> Result<Polygon, String> {
    let mut converted = Vec::with_capacity(rings.len());
    for (ring_number, ring) in rings.iter().enumerate() {
        let closed = ring.len() > 1 && ring.first() == ring.last();
        let distinct = if closed { ring.len() - 1 } else { ring.len() };
        if distinct < 3 {
            return Err(format!(
                "ring {ring_number} has {} position(s); a ring needs at least 3 distinct corners (4 positions, closed)",
                ring.len()
            ));
        }
        converted.push(line_string(ring, crs)?);
    }
    let mut rings = converted.into_iter();
    let exterior = rings
        .next()
        .ok_or_else(|| "a polygon with no rings".to_string())?;
    Ok(Polygon::new(exterior, rings.collect()))
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
}
