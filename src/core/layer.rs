//! The layer model: what a loader produces ([`LayerData`], in the file's own CRS) and what the map holds
//! ([`Layer`]: the same features also reprojected into the map CRS, with their spatial index, extent and
//! display settings). A layer keeps its source coordinates so its CRS can be corrected later without
//! reloading the file.

use std::path::PathBuf;

use geo::{Geometry, Rect};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::attributes::{AttributeValue, Field};
use super::crs::{Crs, CrsError, MAP_CRS, Reprojector};
use super::geometry::{bounding_rect, union_rect};
use super::index::SpatialIndex;
use super::io::text_encoding::EncodingReport;
use super::style::Style;

/// A stable identifier of a layer within one open document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LayerId(pub u64);

/// Where a layer's CRS came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CrsOrigin {
    /// The file said so (a GeoJSON `crs` member, a `.prj`, …).
    Declared,
    /// The file said nothing and the format's default was assumed (WGS 84 for GeoJSON).
    Assumed,
    /// The user chose it.
    User,
}

/// One feature as read from a file, in the file's CRS.
#[derive(Clone, Debug)]
pub struct SourceFeature {
    /// The geometry in the layer's source CRS; an empty collection for a feature without geometry.
    pub geometry: Geometry,
    /// Attribute values, one per field of the layer, in field order.
    pub attributes: Vec<AttributeValue>,
}

/// What a loader produces: features and fields in the file's own CRS, not yet reprojected or indexed.
#[derive(Clone, Debug)]
pub struct LayerData {
    /// A display name (by default the file name without extension).
    pub name: String,
    /// The file the layer came from, if any.
    pub source_path: Option<PathBuf>,
    /// The CRS of the coordinates in `features`.
    pub crs: Crs,
    /// Where `crs` came from.
    pub crs_origin: CrsOrigin,
    /// The attribute columns.
    pub fields: Vec<Field>,
    /// The features.
    pub features: Vec<SourceFeature>,
    /// How attribute text was decoded (formats with legacy encodings: Shapefile, CSV); `None` when the format
    /// is always UTF-8.
    pub text_encoding: Option<EncodingReport>,
    /// Remarks for the user about what was changed or dropped while reading (Z/M values ignored, rings
    /// closed, invalid polygons kept, a `.prj` warning, …), one sentence each.
    pub notes: Vec<String>,
}

/// One feature of a map layer.
#[derive(Clone, Debug)]
pub struct Feature {
    /// The geometry in the layer's source CRS.
    pub geometry: Geometry,
    /// The same geometry in the map CRS (metres).
    pub geometry_in_map: Geometry,
    /// Bounding rectangle of `geometry_in_map`; `None` for an empty geometry.
    pub bbox_in_map: Option<Rect>,
    /// Attribute values in field order.
    pub attributes: Vec<AttributeValue>,
}

/// A layer on the map.
#[derive(Debug)]
pub struct Layer {
    /// Identifier within the document (assigned when the layer is added).
    pub id: LayerId,
    /// Display name.
    pub name: String,
    /// The file the layer came from, if any.
    pub source_path: Option<PathBuf>,
    /// The CRS of the features' source geometry.
    pub crs: Crs,
    /// Where `crs` came from.
    pub crs_origin: CrsOrigin,
    /// Attribute columns.
    pub fields: Vec<Field>,
    /// Features, in file order.
    pub features: Vec<Feature>,
    /// R-tree of the features' map-CRS bounding rectangles.
    pub index: SpatialIndex,
    /// Extent of all features in the map CRS.
    pub extent_in_map: Option<Rect>,
    /// How the layer is drawn.
    pub style: Style,
    /// Whether the layer is drawn.
    pub visible: bool,
    /// Opacity from 0 (invisible) to 1.
    pub opacity: f32,
    /// Increases whenever geometry changes, so caches keyed on it know to rebuild.
    pub revision: u64,
    /// How attribute text was decoded, when the format has legacy encodings.
    pub text_encoding: Option<EncodingReport>,
    /// Remarks from loading (see [`LayerData::notes`]).
    pub notes: Vec<String>,
}

/// A layer could not be prepared for the map.
#[derive(Debug, Error)]
pub enum LayerError {
    /// A feature's coordinates could not be reprojected into the map CRS.
    #[error("feature {feature}: {source}")]
    Reproject {
        /// Zero-based feature number in the file.
        feature: usize,
        /// What PROJ reported.
        source: CrsError,
    },
    /// The layer's CRS cannot be transformed into the map CRS at all.
    #[error(transparent)]
    Crs(#[from] CrsError),
}

impl Layer {
    /// Reprojects `data` into the map CRS and indexes it. `progress` receives fractions from 0 to 1.
    pub fn prepare(data: LayerData, progress: &mut dyn FnMut(f32)) -> Result<Self, LayerError> {
        let reprojector = Reprojector::new(data.crs, MAP_CRS)?;
        let feature_count = data.features.len().max(1);
        let mut features = Vec::with_capacity(data.features.len());
        for (number, source) in data.features.into_iter().enumerate() {
            features.push(map_feature(
                &reprojector,
                number,
                source.geometry,
                source.attributes,
            )?);
            if number % 4096 == 0 {
                progress(0.9 * number as f32 / feature_count as f32);
            }
        }
        let index = SpatialIndex::build(&features);
        let extent_in_map = extent_of(&features);
        let style = Style::default_for(&features);
        progress(1.0);
        Ok(Self {
            id: LayerId(0),
            name: data.name,
            source_path: data.source_path,
            crs: data.crs,
            crs_origin: data.crs_origin,
            fields: data.fields,
            features,
            index,
            extent_in_map,
            style,
            visible: true,
            opacity: 1.0,
            revision: 1,
            text_encoding: data.text_encoding,
            notes: data.notes,
        })
    }

    /// Declares that the source coordinates are in `crs` and recomputes the map geometry and index.
    /// On error the layer is left unchanged.
    pub fn set_crs(&mut self, crs: Crs) -> Result<(), LayerError> {
        let reprojector = Reprojector::new(crs, MAP_CRS)?;
        let mut remapped = Vec::with_capacity(self.features.len());
        for (number, feature) in self.features.iter().enumerate() {
            remapped.push(map_feature(
                &reprojector,
                number,
                feature.geometry.clone(),
                feature.attributes.clone(),
            )?);
        }
        self.features = remapped;
        self.index = SpatialIndex::build(&self.features);
        self.extent_in_map = extent_of(&self.features);
        self.crs = crs;
        self.crs_origin = CrsOrigin::User;
        self.revision += 1;
        Ok(())
    }

    /// The position of the column called `name`.
    pub fn field_position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.name == name)
    }

    /// The value of column `name` for feature `feature`.
    pub fn attribute(&self, feature: usize, name: &str) -> Option<&AttributeValue> {
        let column = self.field_position(name)?;
        self.features.get(feature)?.attributes.get(column)
    }
}

fn map_feature(
    reprojector: &Reprojector,
    number: usize,
    geometry: Geometry,
    attributes: Vec<AttributeValue>,
) -> Result<Feature, LayerError> {
    let geometry_in_map =
        reprojector
            .convert_geometry(&geometry)
            .map_err(|source| LayerError::Reproject {
                feature: number,
                source,
            })?;
    let bbox_in_map = bounding_rect(&geometry_in_map);
    Ok(Feature {
        geometry,
        geometry_in_map,
        bbox_in_map,
        attributes,
    })
}

fn extent_of(features: &[Feature]) -> Option<Rect> {
    features.iter().fold(None, |extent, feature| {
        union_rect(extent, feature.bbox_in_map)
    })
}
