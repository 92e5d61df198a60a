//! A summary of a layer for `hpatlas info`: feature count, geometry types, CRS, WGS 84 bounding box and
//! attribute columns, and for formats with legacy encodings the text encoding used.

use std::collections::BTreeMap;

use geo::CoordsIter;
use serde::Serialize;

use super::attributes::Field;
use super::crs::{CrsError, Reprojector, WGS84};
use super::geometry::geometry_type_name;
use super::layer::{CrsOrigin, LayerData};
use super::layer_note::LayerNote;
use super::text_encoding::EncodingReport;

/// What `hpatlas info` prints, as one JSON object.
#[derive(Debug, Serialize)]
pub struct LayerSummary {
    /// Number of features.
    pub features: usize,
    /// Count of features per geometry type ("Null" for features without geometry).
    pub geometry_types: BTreeMap<String, usize>,
    /// The CRS as read, assumed or given, e.g. "EPSG:9210".
    pub crs: String,
    /// Where the CRS came from: "declared", "assumed" or "user".
    pub crs_origin: CrsOrigin,
    /// [min lon, min lat, max lon, max lat] of all vertices after transformation to WGS 84; absent when empty.
    pub bbox_wgs84: Option<[f64; 4]>,
    /// Attribute columns with their inferred types.
    pub attributes: Vec<Field>,
    /// The text encoding used for attributes and whether it was declared, detected, chosen or ambiguous
    /// (Shapefile, CSV, GeoPackage); absent for GeoJSON, which is always UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<EncodingReport>,
    /// Remarks from loading (Z/M dropped, rings closed, `.prj` warnings, …), as English sentences.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<LayerNote>,
}

/// Summarises a loaded layer. Fails when a vertex cannot be transformed to WGS 84.
pub fn summarize(data: &LayerData) -> Result<LayerSummary, CrsError> {
    let mut geometry_types = BTreeMap::new();
    for feature in &data.features {
        *geometry_types
            .entry(geometry_type_name(&feature.geometry).to_string())
            .or_insert(0) += 1;
    }
    let to_wgs84 = Reprojector::new(data.crs, WGS84)?;
    let mut bbox: Option<[f64; 4]> = None;
    for coord in data
        .features
        .iter()
        .flat_map(|feature| feature.geometry.coords_iter())
    {
        let (lon, lat) = to_wgs84.convert(coord.x, coord.y)?;
        bbox = Some(match bbox {
            None => [lon, lat, lon, lat],
            Some([min_lon, min_lat, max_lon, max_lat]) => [
                min_lon.min(lon),
                min_lat.min(lat),
                max_lon.max(lon),
                max_lat.max(lat),
            ],
        });
    }
    Ok(LayerSummary {
        features: data.features.len(),
        geometry_types,
        crs: data.crs.to_string(),
        crs_origin: data.crs_origin,
        bbox_wgs84: bbox,
        attributes: data.fields.clone(),
        encoding: data.text_encoding.clone(),
        notes: data.notes.clone(),
    })
}
