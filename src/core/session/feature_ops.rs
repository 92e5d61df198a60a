//! Changing one feature of a layer in place: an attribute value, a geometry, inserting or removing a
//! feature. Each operation keeps the layer's R-tree, extent (the R-tree root's envelope, exact in O(1)) and
//! change log right without rebuilding them (removal or insertion in the middle of a layer renumbers the
//! entries after it in one pass over the tree), and returns what it replaced so the session can build the
//! inverse edit.

use geo::Geometry;
use thiserror::Error;

use crate::core::attributes::AttributeValue;
use crate::core::geometry::bounding_rect;
use crate::core::layer::{Feature, GeometryChange, Layer};

/// A feature edit refers to something the layer does not have.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FeatureEditError {
    /// No feature at this position.
    #[error("the layer has no feature {0}")]
    NoSuchFeature(usize),
    /// No field at this position.
    #[error("the layer has no field {0}")]
    NoSuchField(usize),
    /// The feature's attributes do not match the layer's fields.
    #[error("the feature has {given} values for {expected} fields")]
    WrongValueCount {
        /// Values given.
        given: usize,
        /// Fields of the layer.
        expected: usize,
    },
}

impl Layer {
    /// Sets one attribute value; returns the value it replaced.
    pub fn replace_attribute(
        &mut self,
        feature: usize,
        field: usize,
        value: AttributeValue,
    ) -> Result<AttributeValue, FeatureEditError> {
        if field >= self.fields.len() {
            return Err(FeatureEditError::NoSuchField(field));
        }
        let target = self
            .features
            .get_mut(feature)
            .ok_or(FeatureEditError::NoSuchFeature(feature))?;
        let slot = target
            .attributes
            .get_mut(field)
            .ok_or(FeatureEditError::NoSuchField(field))?;
        let old = std::mem::replace(slot, value);
        self.attribute_revision += 1;
        Ok(old)
    }

    /// Gives one feature a new map geometry, updating its bounding rectangle, the R-tree entry and the
    /// extent; returns the geometry it replaced.
    pub fn replace_geometry(
        &mut self,
        feature: usize,
        geometry: Geometry,
    ) -> Result<Geometry, FeatureEditError> {
        let target = self
            .features
            .get_mut(feature)
            .ok_or(FeatureEditError::NoSuchFeature(feature))?;
        let old_bbox = target.bbox_in_map;
        let new_bbox = bounding_rect(&geometry);
        let old = std::mem::replace(&mut target.geometry_in_map, geometry);
        target.bbox_in_map = new_bbox;
        self.index.remove(feature, old_bbox);
        self.index.insert(feature, new_bbox);
        self.extent_in_map = self.index.extent();
        self.record_geometry_change(GeometryChange::Replaced(feature));
        Ok(old)
    }

    /// Inserts a feature at `position` (at most the feature count).
    pub fn insert_feature(
        &mut self,
        position: usize,
        feature: Feature,
    ) -> Result<(), FeatureEditError> {
        if position > self.features.len() {
            return Err(FeatureEditError::NoSuchFeature(position));
        }
        if feature.attributes.len() != self.fields.len() {
            return Err(FeatureEditError::WrongValueCount {
                given: feature.attributes.len(),
                expected: self.fields.len(),
            });
        }
        let bbox = feature.bbox_in_map;
        if position < self.features.len() {
            self.index.shift_positions(position, 1);
        }
        self.features.insert(position, feature);
        self.index.insert(position, bbox);
        self.extent_in_map = self.index.extent();
        self.record_geometry_change(GeometryChange::Inserted(position));
        Ok(())
    }

    /// Removes the feature at `position` and returns it.
    pub fn remove_feature(&mut self, position: usize) -> Result<Feature, FeatureEditError> {
        if position >= self.features.len() {
            return Err(FeatureEditError::NoSuchFeature(position));
        }
        let removed = self.features.remove(position);
        self.index.remove(position, removed.bbox_in_map);
        if position < self.features.len() {
            self.index.shift_positions(position + 1, -1);
        }
        self.extent_in_map = self.index.extent();
        self.record_geometry_change(GeometryChange::Removed(position));
        Ok(removed)
    }
}
