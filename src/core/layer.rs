//! The layer model: what a loader produces ([`LayerData`], in the file's own CRS) and what the map holds
//! ([`Layer`]: the same features also reprojected into the map CRS, with their spatial index, extent and
//! display settings). A layer keeps its source coordinates so its CRS can be corrected later without
//! reloading the file.

use std::path::PathBuf;

use geo::{CoordsIter, Geometry, Rect};
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
    ///
    /// Large layers are reprojected on all cores, in contiguous chunks of features (one PROJ transformation
    /// per thread); the R-tree is bulk-loaded once at the end.
    pub fn prepare(data: LayerData, progress: &mut dyn FnMut(f32)) -> Result<Self, LayerError> {
        let features = map_features(data.crs, data.features, progress)?;
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
        let sources = self
            .features
            .iter()
            .map(|feature| SourceFeature {
                geometry: feature.geometry.clone(),
                attributes: feature.attributes.clone(),
            })
            .collect();
        self.features = map_features(crs, sources, &mut |_| {})?;
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

/// Layers with fewer coordinates than this are reprojected on the calling thread alone (starting PROJ on
/// another thread costs more than it saves).
const PARALLEL_MIN_COORDS: usize = 50_000;

/// Reprojects `sources` (in `crs`) into map features, in order, spreading large layers over the cores. Progress
/// (0 to 0.9) follows the calling thread's own chunk, which advances at the pace of the others.
fn map_features(
    crs: Crs,
    mut sources: Vec<SourceFeature>,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<Feature>, LayerError> {
    let reprojector = Reprojector::new(crs, MAP_CRS)?;
    let coord_count: usize = sources
        .iter()
        .map(|source| source.geometry.coords_count())
        .sum();
    let threads = std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(1)
        .min(sources.len().max(1));
    if threads <= 1 || coord_count < PARALLEL_MIN_COORDS || crs == MAP_CRS {
        let capacity = sources.len();
        return map_chunk(&reprojector, 0, sources, capacity, progress);
    }
    let chunk_len = sources.len().div_ceil(threads);
    let mut chunks = Vec::with_capacity(threads);
    while sources.len() > chunk_len {
        let tail = sources.split_off(sources.len() - chunk_len);
        chunks.push(tail);
    }
    chunks.push(sources);
    chunks.reverse();
    let mut chunks = chunks.into_iter();
    let first = chunks.next().unwrap_or_default();
    let first_len = first.len();
    std::thread::scope(|scope| {
        let mut start = first_len;
        let workers: Vec<_> = chunks
            .map(|chunk| {
                let chunk_start = start;
                start += chunk.len();
                scope.spawn(move || {
                    let reprojector = Reprojector::new(crs, MAP_CRS)?;
                    let capacity = chunk.len();
                    map_chunk(&reprojector, chunk_start, chunk, capacity, &mut |_| {})
                })
            })
            .collect();
        let mut features = map_chunk(&reprojector, 0, first, start, progress)?;
        for worker in workers {
            let mut chunk = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            features.append(&mut chunk);
        }
        Ok(features)
    })
}

/// Reprojects one contiguous run of features whose first has number `first_number`, into a vector with room
/// for `capacity` features (the first chunk's vector receives the others, so it is sized for all of them).
fn map_chunk(
    reprojector: &Reprojector,
    first_number: usize,
    sources: Vec<SourceFeature>,
    capacity: usize,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<Feature>, LayerError> {
    let count = sources.len().max(1);
    let mut features = Vec::with_capacity(capacity.max(sources.len()));
    for (offset, source) in sources.into_iter().enumerate() {
        features.push(map_feature(
            reprojector,
            first_number + offset,
            source.geometry,
            source.attributes,
        )?);
        if offset % 4096 == 0 {
            progress(0.9 * offset as f32 / count as f32);
        }
    }
    Ok(features)
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
