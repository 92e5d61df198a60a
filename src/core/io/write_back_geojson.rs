//! Saving edits back to a GeoJSON FeatureCollection: the file is read again as JSON values (member order
//! kept) and rewritten whole, atomically. Unchanged features are their own JSON values again — `id`, foreign
//! members and number spellings included, value for value; a changed feature keeps its value too, with only
//! the properties that differ from the file and, if it moved, its geometry replaced; new features are written
//! from the layer; removed ones are left out. Coordinates are in the layer's source CRS, so a legacy `crs`
//! member stays true; other top-level members are kept, and a `bbox` is recomputed.
//!
//! A feature's `id` member is the layer's [`feature_id_column`] when the file has `id` members: an edited
//! value replaces the member, and a new feature gets one.
//!
//! The text has one member per line and one feature per line (as GDAL writes it), so a file kept under
//! version control changes only on the lines of the features that changed.

use geo::{Coord, Geometry, LineString, Polygon};
use serde_json::{Map, Number, Value};

use super::atomic_write::write_bytes_atomically;
use super::geojson::{feature_id_column, feature_id_json, parse_geojson_str};
use super::geojson_export::attribute_json;
use super::write_back::{WriteJob, same_geometry};
use super::write_back_error::WriteBackError;
use crate::core::attributes::AttributeValue;
use crate::core::source_state::FeatureFate;

/// Writes the layer's features into its GeoJSON file; returns each feature's position in the new file.
pub(super) fn write_geojson_back(job: &WriteJob) -> Result<Vec<i64>, WriteBackError> {
    let path = job.path;
    let bytes = std::fs::read(path).map_err(|source| WriteBackError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut document: Value =
        serde_json::from_slice(&bytes).map_err(|error| malformed(job, error.to_string()))?;
    let not_a_collection = || WriteBackError::NotAFeatureCollection {
        path: path.to_path_buf(),
    };
    let members = document.as_object_mut().ok_or_else(not_a_collection)?;
    if members.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(not_a_collection());
    }
    let Some(Value::Array(read)) = members.get_mut("features").map(Value::take) else {
        return Err(not_a_collection());
    };
    let features = output_features(job, read)?;
    if members.contains_key("bbox") {
        let bbox = collection_bbox(&features).map_or(Value::Null, |bbox| bbox_json(&bbox));
        members.insert("bbox".into(), bbox);
    }
    members.insert("features".into(), Value::Array(features));
    let text = document_text(members).map_err(|error| malformed(job, error.to_string()))?;
    write_bytes_atomically(path, text.as_bytes()).map_err(|source| WriteBackError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((0..job.plan.fates.len()).map(|at| at as i64).collect())
}

fn malformed(job: &WriteJob, message: String) -> WriteBackError {
    WriteBackError::Malformed {
        path: job.path.to_path_buf(),
        message,
    }
}

/// The features of the new file, in layer order.
fn output_features(job: &WriteJob, read: Vec<Value>) -> Result<Vec<Value>, WriteBackError> {
    let record_count = read.len();
    let file_has_ids = read.iter().any(|feature| feature.get("id").is_some());
    let mut read: Vec<Option<Value>> = read.into_iter().map(Some).collect();
    let mut take = |location: i64| -> Result<Value, WriteBackError> {
        let position = job.file_position(location, record_count)?;
        read.get_mut(position)
            .and_then(Option::take)
            .ok_or_else(|| WriteBackError::SourceChanged {
                path: job.path.to_path_buf(),
            })
    };
    let mut features = Vec::with_capacity(job.plan.fates.len());
    for (position, fate) in job.plan.fates.iter().enumerate() {
        features.push(match fate {
            FeatureFate::Unchanged { location, .. } => take(*location)?,
            FeatureFate::Changed { location, .. } => {
                updated_feature(job, position, take(*location)?)?
            }
            FeatureFate::New => new_feature(job, position, file_has_ids)?,
        });
    }
    Ok(features)
}

/// A changed feature: its value from the file with the properties that differ, and the geometry if it moved.
fn updated_feature(
    job: &WriteJob,
    position: usize,
    mut raw: Value,
) -> Result<Value, WriteBackError> {
    let id_member = raw.get("id").cloned();
    let id_column = feature_id_column(&job.layer.fields).filter(|_| id_member.is_some());
    let properties_only = match (&raw, id_member.is_some()) {
        (Value::Object(object), true) => {
            let mut object = object.clone();
            object.remove("id");
            Value::Object(object).to_string()
        }
        _ => raw.to_string(),
    };
    let as_read = parse_geojson_str(&properties_only, "feature", Some(job.layer.crs))
        .map_err(|error| malformed(job, format!("the feature read for {position}: {error}")))?;
    let read_geometry = as_read.features.first().map(|feature| &feature.geometry);
    let read_value = |name: &str| {
        let column = as_read.fields.iter().position(|field| field.name == name)?;
        as_read.features.first()?.attributes.get(column)
    };
    let object = raw.as_object_mut().ok_or_else(|| {
        malformed(
            job,
            format!("the feature read for {position} is not an object"),
        )
    })?;
    if let Some(geometry) = job.geometry(position)
        && read_geometry.is_none_or(|read| !same_geometry(geometry, read))
    {
        let json = geometry_json(geometry).map_err(|message| invalid(job, position, message))?;
        if object.contains_key("bbox") {
            let bbox = json_bbox(&json).map_or(Value::Null, |bbox| bbox_json(&bbox));
            object.insert("bbox".into(), bbox);
        }
        object.insert("geometry".into(), json);
    }
    let values = job
        .layer
        .features
        .get(position)
        .map(|feature| &feature.attributes);
    for (column, field) in job.layer.fields.iter().enumerate() {
        let value = values
            .and_then(|values| values.get(column))
            .unwrap_or(&AttributeValue::Null);
        if Some(column) == id_column {
            match feature_id_json(value) {
                Some(id) => {
                    if id_member.as_ref() != Some(&id) {
                        object.insert("id".into(), id);
                    }
                    continue;
                }
                None if *value == AttributeValue::Null => {
                    object.remove("id");
                    continue;
                }
                None => {}
            }
        }
        if read_value(&field.name).unwrap_or(&AttributeValue::Null) != value
            && let Some(properties) = properties(object)
        {
            properties.insert(field.name.clone(), attribute_json(value));
        }
    }
    Ok(raw)
}

/// The feature's `properties` object, made one if it was missing or `null`.
fn properties(feature: &mut Map<String, Value>) -> Option<&mut Map<String, Value>> {
    let slot = feature
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut()
}

/// A feature the file does not hold yet, from the layer.
fn new_feature(
    job: &WriteJob,
    position: usize,
    file_has_ids: bool,
) -> Result<Value, WriteBackError> {
    let geometry = match job.geometry(position) {
        Some(geometry) => {
            geometry_json(geometry).map_err(|message| invalid(job, position, message))?
        }
        None => Value::Null,
    };
    let values = job
        .layer
        .features
        .get(position)
        .map(|feature| &feature.attributes);
    let value_at = |column: usize| {
        values
            .and_then(|values| values.get(column))
            .unwrap_or(&AttributeValue::Null)
    };
    let id_column = feature_id_column(&job.layer.fields).filter(|_| file_has_ids);
    let id = id_column.and_then(|column| feature_id_json(value_at(column)));
    let properties: Map<String, Value> = job
        .layer
        .fields
        .iter()
        .enumerate()
        .filter(|(column, _)| {
            Some(*column) != id_column
                || (id.is_none() && *value_at(*column) != AttributeValue::Null)
        })
        .map(|(column, field)| (field.name.clone(), attribute_json(value_at(column))))
        .collect();
    let mut feature = Map::new();
    feature.insert("type".into(), Value::String("Feature".into()));
    if let Some(id) = id {
        feature.insert("id".into(), id);
    }
    feature.insert("properties".into(), Value::Object(properties));
    feature.insert("geometry".into(), geometry);
    Ok(Value::Object(feature))
}

fn invalid(job: &WriteJob, position: usize, message: String) -> WriteBackError {
    WriteBackError::InvalidGeometry {
        path: job.path.to_path_buf(),
        feature: position,
        message,
    }
}

/// A geometry as GeoJSON, vertices in their own order (rings are not reoriented: the file keeps what the
/// layer has); `null` for an empty geometry. Fails on a coordinate that is not a finite number.
fn geometry_json(geometry: &Geometry) -> Result<Value, String> {
    let typed = |kind: &str, key: &str, value: Value| {
        let mut object = Map::new();
        object.insert("type".into(), Value::String(kind.into()));
        object.insert(key.into(), value);
        Value::Object(object)
    };
    Ok(match geometry {
        Geometry::Point(point) => typed("Point", "coordinates", position(point.0)?),
        Geometry::MultiPoint(points) => typed(
            "MultiPoint",
            "coordinates",
            points
                .0
                .iter()
                .map(|point| position(point.0))
                .collect::<Result<_, _>>()?,
        ),
        Geometry::LineString(line) => typed("LineString", "coordinates", positions(line)?),
        Geometry::Line(line) => geometry_json(&Geometry::LineString((*line).into()))?,
        Geometry::MultiLineString(lines) => typed(
            "MultiLineString",
            "coordinates",
            lines.0.iter().map(positions).collect::<Result<_, _>>()?,
        ),
        Geometry::Polygon(polygon) => typed("Polygon", "coordinates", rings(polygon)?),
        Geometry::Rect(rect) => geometry_json(&Geometry::Polygon(rect.to_polygon()))?,
        Geometry::Triangle(triangle) => geometry_json(&Geometry::Polygon(triangle.to_polygon()))?,
        Geometry::MultiPolygon(polygons) => typed(
            "MultiPolygon",
            "coordinates",
            polygons.0.iter().map(rings).collect::<Result<_, _>>()?,
        ),
        Geometry::GeometryCollection(collection) if collection.0.is_empty() => Value::Null,
        Geometry::GeometryCollection(collection) => typed(
            "GeometryCollection",
            "geometries",
            collection
                .0
                .iter()
                .map(geometry_json)
                .collect::<Result<_, _>>()?,
        ),
    })
}

fn position(coord: Coord) -> Result<Value, String> {
    let number = |value: f64| {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| format!("the coordinate {value} is not a finite number"))
    };
    Ok(Value::Array(vec![number(coord.x)?, number(coord.y)?]))
}

fn positions(line: &LineString) -> Result<Value, String> {
    line.0.iter().map(|coord| position(*coord)).collect()
}

fn rings(polygon: &Polygon) -> Result<Value, String> {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(positions)
        .collect()
}

/// [min x, min y, max x, max y] over every position of the features' geometries.
fn collection_bbox(features: &[Value]) -> Option<[f64; 4]> {
    features
        .iter()
        .filter_map(|feature| json_bbox(feature.get("geometry")?))
        .reduce(union_bbox)
}

/// [min x, min y, max x, max y] over every position in a GeoJSON geometry value.
fn json_bbox(geometry: &Value) -> Option<[f64; 4]> {
    if let Some(parts) = geometry.get("geometries").and_then(Value::as_array) {
        return parts.iter().filter_map(json_bbox).reduce(union_bbox);
    }
    coordinates_bbox(geometry.get("coordinates")?)
}

fn coordinates_bbox(coordinates: &Value) -> Option<[f64; 4]> {
    let items = coordinates.as_array()?;
    if let (Some(x), Some(y)) = (
        items.first().and_then(Value::as_f64),
        items.get(1).and_then(Value::as_f64),
    ) {
        return Some([x, y, x, y]);
    }
    items.iter().filter_map(coordinates_bbox).reduce(union_bbox)
}

fn union_bbox(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

fn bbox_json(bbox: &[f64; 4]) -> Value {
    bbox.iter()
        .map(|value| Number::from_f64(*value).map_or(Value::Null, Value::Number))
        .collect()
}

/// The document with one top-level member per line and the features one per line.
fn document_text(members: &Map<String, Value>) -> Result<String, serde_json::Error> {
    let mut text = String::from("{\n");
    for (at, (key, value)) in members.iter().enumerate() {
        if at > 0 {
            text.push_str(",\n");
        }
        text.push_str(&serde_json::to_string(key)?);
        text.push_str(": ");
        match value {
            Value::Array(features) if key == "features" && !features.is_empty() => {
                text.push_str("[\n");
                for (number, feature) in features.iter().enumerate() {
                    if number > 0 {
                        text.push_str(",\n");
                    }
                    text.push_str(&serde_json::to_string(feature)?);
                }
                text.push_str("\n]");
            }
            other => text.push_str(&serde_json::to_string(other)?),
        }
    }
    text.push_str("\n}\n");
    Ok(text)
}
