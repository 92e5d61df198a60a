//! What an export writes: a borrowed view of features with their CRS and columns, taken from loaded data, a
//! layer on the map, a selection of either, or built directly by an analysis. Every writer takes one.

use geo::Geometry;

use crate::core::attributes::{AttributeValue, Field};
use crate::core::crs::Crs;
use crate::core::layer::{Layer, LayerData};

/// The features to export, borrowed from a loaded layer or built by an analysis.
#[derive(Clone, Debug)]
pub struct ExportLayer<'a> {
    /// The layer's name (GeoPackage table name, GeoJSON `name`).
    pub name: &'a str,
    /// The CRS of the geometries.
    pub crs: Crs,
    /// The attribute columns.
    pub fields: &'a [Field],
    /// Each feature's geometry (in `crs`) and attribute values (in field order).
    pub features: Vec<(&'a Geometry, &'a [AttributeValue])>,
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
                .map(|feature| (&feature.geometry, feature.attributes.as_slice()))
                .collect(),
        }
    }

    /// Every feature of a layer on the map (its source geometry).
    pub fn from_layer(layer: &'a Layer) -> Self {
        Self {
            name: &layer.name,
            crs: layer.crs,
            fields: &layer.fields,
            features: layer
                .features
                .iter()
                .map(|feature| (&feature.geometry, feature.attributes.as_slice()))
                .collect(),
        }
    }

    /// Only the features at `indices` (zero-based, in the given order; indices out of range are skipped).
    pub fn select(self, indices: &[usize]) -> Self {
        let features = indices
            .iter()
            .filter_map(|index| self.features.get(*index).copied())
            .collect();
        Self { features, ..self }
    }
}
