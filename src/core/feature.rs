//! One feature, as a loader reads it ([`SourceFeature`], in the file's CRS) and as a map layer holds it
//! ([`Feature`], in the map CRS, with its bounding rectangle, source record and edit stamp).
//!
//! These are the smallest pieces of the layer model. They live apart from [`crate::core::layer`] so that what
//! works on features alone — the spatial index, the record of what a source file holds — depends on them and
//! not on the layer, which itself holds an index and that record ([`crate::core::layer`] re-exports both types).

use geo::{Geometry, Rect};

use super::attributes::AttributeValue;
use super::geometry::bounding_rect;

/// One feature as read from a file, in the file's CRS.
#[derive(Clone, Debug)]
pub struct SourceFeature {
    /// The geometry in the layer's source CRS; an empty collection for a feature without geometry.
    pub geometry: Geometry,
    /// Attribute values, one per field of the layer, in field order.
    pub attributes: Vec<AttributeValue>,
}

/// One feature of a map layer. Its source-CRS geometry is not kept (it would double the layer's memory);
/// [`Layer::source_geometries`](crate::core::layer::Layer::source_geometries) derives it.
#[derive(Clone, Debug)]
pub struct Feature {
    /// The geometry in the map CRS (metres).
    pub geometry_in_map: Geometry,
    /// Bounding rectangle of `geometry_in_map`; `None` for an empty geometry.
    pub bbox_in_map: Option<Rect>,
    /// Attribute values in field order.
    pub attributes: Vec<AttributeValue>,
    /// The record this feature was read from in its source (position in the file, or the GeoPackage row's
    /// place in read order; after edits were saved back, an id that [`Layer::written`](crate::core::layer::Layer::written) locates); `None` for a
    /// feature drawn in the atlas. Saving edits back to the source uses it.
    pub source_record: Option<u64>,
    /// The session's edit stamp of this feature's last change; 0 while it is as read from the source. Undo
    /// restores the previous stamp, so "changed since saved" is a comparison of stamps.
    pub edit_stamp: u64,
}

impl Feature {
    /// A feature with `geometry_in_map` and `attributes`, its bounding rectangle computed, not from a source.
    pub fn new(geometry_in_map: Geometry, attributes: Vec<AttributeValue>) -> Self {
        Self {
            bbox_in_map: bounding_rect(&geometry_in_map),
            geometry_in_map,
            attributes,
            source_record: None,
            edit_stamp: 0,
        }
    }
}
