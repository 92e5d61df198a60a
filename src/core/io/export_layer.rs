//! What an export writes: a borrowed view of features with their CRS and columns, taken from loaded data, a
//! layer on the map, a selection of either, or built directly by an analysis. Every writer takes one.

use std::borrow::Cow;

use geo::Geometry;

use crate::core::attributes::{AttributeValue, Field};
use crate::core::crs::Crs;
use crate::core::layer::{Layer, LayerData, LayerError};

/// The features to export, borrowed from a loaded layer or built by an analysis.
#[derive(Clone, Debug)]
pub struct ExportLayer<'a> {
    /// The layer's name (GeoPackage table name, GeoJSON `name`).
    pub name: &'a str,
    /// The CRS of the geometries.
    pub crs: Crs,
    /// The attribute columns.
    pub fields: &'a [Field],
    /// Each feature's geometry (in `crs`; borrowed from loaded data, owned when derived from a map layer) and
    /// attribute values (in field order).
    pub features: Vec<(Cow<'a, Geometry>, &'a [AttributeValue])>,
}

impl<'a> ExportLayer<'a> {
    /// Every feature of loaded data.
    pub fn from_data(data: &'a LayerData) -> Self {
        Self {
            name: &data.name,
            crs: data.crs,
            fields: &data.fields,
            features: data
                .features
                .iter()
                .map(|feature| {
                    (
                        Cow::Borrowed(&feature.geometry),
                        feature.attributes.as_slice(),
                    )
                })
                .collect(),
        }
    }

    /// The features of a layer on the map at `positions` (zero-based, in the given order; positions out of
    /// range are skipped), in the layer's source CRS: the geometry is derived from the map geometry by inverse
    /// reprojection (see [`Layer::source_geometries`]).
    pub fn from_layer(
        layer: &'a Layer,
        positions: impl IntoIterator<Item = usize> + Clone,
    ) -> Result<Self, LayerError> {
        let geometries = layer.source_geometries(positions.clone())?;
        let attributes = positions
            .into_iter()
            .filter_map(|position| layer.features.get(position))
            .map(|feature| feature.attributes.as_slice());
        Ok(Self {
            name: &layer.name,
            crs: layer.crs,
            fields: &layer.fields,
            features: geometries
                .into_iter()
                .map(Cow::Owned)
                .zip(attributes)
                .collect(),
        })
    }

    /// Every feature of a layer on the map, in the layer's source CRS (see [`ExportLayer::from_layer`]).
    pub fn from_whole_layer(layer: &'a Layer) -> Result<Self, LayerError> {
        Self::from_layer(layer, 0..layer.features.len())
    }

    /// Only the features at `indices` (zero-based, in the given order; indices out of range are skipped).
    pub fn select(self, indices: &[usize]) -> Self {
        let features = indices
            .iter()
            .filter_map(|index| self.features.get(*index).cloned())
            .collect();
        Self { features, ..self }
    }
}
