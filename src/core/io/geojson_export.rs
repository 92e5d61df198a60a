//! GeoJSON export (RFC 7946): WGS 84 longitude/latitude, UTF-8, text in Unicode NFC, exterior rings
//! counter-clockwise and holes clockwise. The column that holds features' `id` members as read from GeoJSON
//! (see [`feature_id_column`]) is written back as each feature's `id` member. A whole layer, a selection of its features, or any analysis result
//! expressed as an [`ExportLayer`] can be written; the file is written atomically (temporary file, sync, rename),
//! so a failed export never leaves a half-written file behind.

use std::path::Path;

use geo::{Geometry, Orient, orient::Direction};
use serde_json::{Map, Value, json};
use unicode_normalization::UnicodeNormalization;

use super::ExportError;
use super::atomic_write::write_atomically;
use super::export_layer::ExportLayer;
use super::geojson::{feature_id_column, feature_id_json};
use crate::core::attributes::AttributeValue;
use crate::core::crs::{Reprojector, WGS84};

/// Writes `layer` as an RFC 7946 GeoJSON FeatureCollection at `path`.
pub fn write_geojson(path: &Path, layer: &ExportLayer) -> Result<(), ExportError> {
    let collection = to_geojson_value(path, layer)?;
    write_atomically(path, |writer| {
        serde_json::to_writer(&mut *writer, &collection).map_err(std::io::Error::other)?;
        std::io::Write::write_all(writer, b"\n")
    })
    .map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The FeatureCollection as a JSON value (reprojected to WGS 84).
pub fn to_geojson_value(path: &Path, layer: &ExportLayer) -> Result<Value, ExportError> {
    let to_wgs84 = Reprojector::new(layer.crs, WGS84).map_err(|source| ExportError::Reproject {
        path: path.to_path_buf(),
        feature: 0,
        source,
    })?;
    let id_column = feature_id_column(layer.fields);
    let mut features = Vec::with_capacity(layer.features.len());
    for (number, (geometry, attributes)) in layer.features.iter().enumerate() {
        let in_wgs84 =
            to_wgs84
                .convert_geometry(geometry)
                .map_err(|source| ExportError::Reproject {
                    path: path.to_path_buf(),
                    feature: number,
                    source,
                })?;
        let id = id_column
            .and_then(|column| attributes.get(column))
            .and_then(feature_id_json);
        let properties: Map<String, Value> = layer
            .fields
            .iter()
            .zip(attributes.iter())
            .enumerate()
            .filter(|(column, (_, value))| {
                Some(*column) != id_column || (id.is_none() && **value != AttributeValue::Null)
            })
            .map(|(_, (field, value))| (nfc(&field.name), attribute_json(value)))
            .collect();
        let mut feature = Map::new();
        feature.insert("type".into(), Value::String("Feature".into()));
        if let Some(id) = id {
            feature.insert("id".into(), id);
        }
        feature.insert("properties".into(), Value::Object(properties));
        feature.insert("geometry".into(), geometry_json(&in_wgs84));
        features.push(Value::Object(feature));
    }
    Ok(json!({
        "type": "FeatureCollection",
        "name": nfc(layer.name),
        "features": features,
    }))
}

fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// An attribute value as JSON: text in NFC, nested values parsed back from their JSON text.
pub(super) fn attribute_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::Null => Value::Null,
        AttributeValue::Bool(flag) => Value::Bool(*flag),
        AttributeValue::Integer(whole) => json!(whole),
        AttributeValue::Real(real) => {
            serde_json::Number::from_f64(*real).map_or(Value::Null, Value::Number)
        }
        AttributeValue::Text(text) => Value::String(nfc(text)),
        AttributeValue::Json(text) => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(nfc(text)))
        }
    }
}

fn positions(line: &geo::LineString) -> Value {
    Value::Array(line.0.iter().map(|c| json!([c.x, c.y])).collect())
}

fn polygon_rings(polygon: &geo::Polygon) -> Value {
    let oriented = polygon.orient(Direction::Default);
    let mut rings = vec![positions(oriented.exterior())];
    rings.extend(oriented.interiors().iter().map(positions));
    Value::Array(rings)
}

/// A geometry as RFC 7946 JSON; `null` for an empty geometry.
fn geometry_json(geometry: &Geometry) -> Value {
    match geometry {
        Geometry::Point(point) => json!({"type": "Point", "coordinates": [point.x(), point.y()]}),
        Geometry::MultiPoint(points) => json!({"type": "MultiPoint", "coordinates":
            points.0.iter().map(|p| json!([p.x(), p.y()])).collect::<Vec<_>>()}),
        Geometry::LineString(line) => json!({"type": "LineString", "coordinates": positions(line)}),
        Geometry::Line(line) => geometry_json(&Geometry::LineString((*line).into())),
        Geometry::MultiLineString(lines) => json!({"type": "MultiLineString", "coordinates":
            lines.0.iter().map(positions).collect::<Vec<_>>()}),
        Geometry::Polygon(polygon) => {
            json!({"type": "Polygon", "coordinates": polygon_rings(polygon)})
        }
        Geometry::Rect(rect) => geometry_json(&Geometry::Polygon(rect.to_polygon())),
        Geometry::Triangle(triangle) => geometry_json(&Geometry::Polygon(triangle.to_polygon())),
        Geometry::MultiPolygon(polygons) => json!({"type": "MultiPolygon", "coordinates":
            polygons.0.iter().map(polygon_rings).collect::<Vec<_>>()}),
        Geometry::GeometryCollection(collection) if collection.0.is_empty() => Value::Null,
        Geometry::GeometryCollection(collection) => {
            json!({"type": "GeometryCollection", "geometries":
            collection.0.iter().map(geometry_json).collect::<Vec<_>>()})
        }
    }
}
