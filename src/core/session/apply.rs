//! Carrying out one [`Edit`] on a [`Session`] and building the edit that reverses it. An edit that fails
//! leaves the session as it was (a group undoes the part it had done).

use super::edit::Edit;
use super::{Session, SessionError};
use crate::core::layer::{Layer, LayerId};

impl Session {
    /// Applies `edit`; returns its inverse.
    pub(super) fn apply(&mut self, edit: Edit) -> Result<Edit, SessionError> {
        match edit {
            Edit::AddLayer { layer, position } => Ok(self.add_layer(layer, position)),
            Edit::RemoveLayer(id) => {
                let position = self.position_of(id).ok_or(SessionError::NoSuchLayer(id))?;
                let layer = self.layers.remove(position);
                self.revisions.layers += 1;
                Ok(Edit::AddLayer {
                    layer: Box::new(layer),
                    position: Some(position),
                })
            }
            Edit::SetVisible(id, visible) => {
                let old = std::mem::replace(&mut self.layer_mut(id)?.visible, visible);
                Ok(Edit::SetVisible(id, old))
            }
            Edit::SetOpacity(id, opacity) => {
                let layer = self.layer_mut(id)?;
                let old = std::mem::replace(&mut layer.opacity, opacity.clamp(0.0, 1.0));
                Ok(Edit::SetOpacity(id, old))
            }
            Edit::MoveLayer(id, target) => {
                let position = self.position_of(id).ok_or(SessionError::NoSuchLayer(id))?;
                let layer = self.layers.remove(position);
                let target = target.min(self.layers.len());
                self.layers.insert(target, layer);
                self.revisions.layers += 1;
                Ok(Edit::MoveLayer(id, position))
            }
            Edit::Rename(id, name) => {
                let old = std::mem::replace(&mut self.layer_mut(id)?.name, name);
                self.revisions.layers += 1;
                Ok(Edit::Rename(id, old))
            }
            Edit::SetStyle(id, style) => {
                let old = std::mem::replace(&mut self.layer_mut(id)?.style, *style);
                self.revisions.layers += 1;
                Ok(Edit::SetStyle(id, Box::new(old)))
            }
            Edit::SetLayerGroup(id, group) => {
                let old = std::mem::replace(&mut self.layer_mut(id)?.group, group);
                self.revisions.layers += 1;
                Ok(Edit::SetLayerGroup(id, old))
            }
            Edit::SetLayerCrs { layer, crs, origin } => self.set_layer_crs(layer, crs, origin),
            Edit::ReplaceLayerData(id, fresh) => self.replace_layer_data(id, fresh),
            Edit::SetAttribute {
                layer,
                feature,
                field,
                value,
            } => {
                let stamp = self.next_edit_stamp();
                let target = self.layer_mut(layer)?;
                let old_value = target
                    .replace_attribute(feature, field, value)
                    .map_err(|source| feature_error(target, source))?;
                let old_stamp = restamp(target, feature, stamp);
                Ok(Edit::RestoreFeature {
                    layer,
                    feature,
                    geometry: None,
                    attribute: Some((field, old_value)),
                    edit_stamp: old_stamp,
                })
            }
            Edit::SetGeometry {
                layer,
                feature,
                geometry,
            } => {
                let stamp = self.next_edit_stamp();
                let target = self.layer_mut(layer)?;
                let old_geometry = target
                    .replace_geometry(feature, *geometry)
                    .map_err(|source| feature_error(target, source))?;
                let old_stamp = restamp(target, feature, stamp);
                Ok(Edit::RestoreFeature {
                    layer,
                    feature,
                    geometry: Some(Box::new(old_geometry)),
                    attribute: None,
                    edit_stamp: old_stamp,
                })
            }
            Edit::RestoreFeature {
                layer,
                feature,
                geometry,
                attribute,
                edit_stamp,
            } => restore_feature(
                self.layer_mut(layer)?,
                feature,
                geometry,
                attribute,
                edit_stamp,
            )
            .map(|(geometry, attribute, edit_stamp)| Edit::RestoreFeature {
                layer,
                feature,
                geometry,
                attribute,
                edit_stamp,
            }),
            Edit::InsertFeature {
                layer,
                position,
                feature,
            } => {
                let target = self.layer_mut(layer)?;
                target
                    .insert_feature(position, *feature)
                    .map_err(|source| feature_error(target, source))?;
                Ok(Edit::RemoveFeature { layer, position })
            }
            Edit::RemoveFeature { layer, position } => {
                let target = self.layer_mut(layer)?;
                let removed = target
                    .remove_feature(position)
                    .map_err(|source| feature_error(target, source))?;
                Ok(Edit::InsertFeature {
                    layer,
                    position,
                    feature: Box::new(removed),
                })
            }
            Edit::Group { kind, edits } => self.apply_group(kind, edits),
            other => self.apply_project_edit(other),
        }
    }

    /// Applies the edits of a group in order; on the first failure the ones done are undone.
    fn apply_group(
        &mut self,
        kind: super::EditKind,
        edits: Vec<Edit>,
    ) -> Result<Edit, SessionError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    for inverse in inverses.into_iter().rev() {
                        // Undoing what was just done cannot fail: each inverse meets the state it made.
                        let _ = self.apply(inverse);
                    }
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Group {
            kind,
            edits: inverses,
        })
    }

    fn add_layer(&mut self, mut layer: Box<Layer>, position: Option<usize>) -> Edit {
        if layer.id == LayerId(0) {
            self.next_layer_id += 1;
            layer.id = LayerId(self.next_layer_id);
        } else {
            self.next_layer_id = self.next_layer_id.max(layer.id.0);
        }
        let id = layer.id;
        self.last_added_layer = Some(id);
        let position = position.unwrap_or(self.layers.len()).min(self.layers.len());
        self.layers.insert(position, *layer);
        self.revisions.layers += 1;
        Edit::RemoveLayer(id)
    }

    fn set_layer_crs(
        &mut self,
        id: LayerId,
        crs: crate::core::crs::Crs,
        origin: crate::core::layer::CrsOrigin,
    ) -> Result<Edit, SessionError> {
        let layer = self.layer_mut(id)?;
        let (old_crs, old_origin) = (layer.crs, layer.crs_origin);
        layer.set_crs(crs).map_err(|source| SessionError::Layer {
            name: layer.name.clone(),
            source,
        })?;
        layer.crs_origin = origin;
        Ok(Edit::SetLayerCrs {
            layer: id,
            crs: old_crs,
            origin: old_origin,
        })
    }

    fn replace_layer_data(
        &mut self,
        id: LayerId,
        mut fresh: Box<Layer>,
    ) -> Result<Edit, SessionError> {
        let layer = self.layer_mut(id)?;
        fresh.id = id;
        fresh.name = layer.name.clone();
        fresh.source_table = layer.source_table.clone();
        fresh.group = layer.group.clone();
        fresh.style = layer.style.clone();
        fresh.visible = layer.visible;
        fresh.opacity = layer.opacity;
        fresh.revision = layer.revision;
        fresh.attribute_revision = layer.attribute_revision + 1;
        fresh.mark_all_geometry_changed();
        let mut old = std::mem::replace(layer, *fresh);
        old.revision = layer.revision;
        Ok(Edit::ReplaceLayerData(id, Box::new(old)))
    }

    pub(super) fn layer_mut(&mut self, id: LayerId) -> Result<&mut Layer, SessionError> {
        self.layers
            .iter_mut()
            .find(|layer| layer.id == id)
            .ok_or(SessionError::NoSuchLayer(id))
    }
}

fn feature_error(layer: &Layer, source: super::FeatureEditError) -> SessionError {
    SessionError::Feature {
        name: layer.name.clone(),
        source,
    }
}

/// Gives the feature at `position` a new edit stamp and returns its previous one (0 when there is none).
fn restamp(layer: &mut Layer, position: usize, stamp: u64) -> u64 {
    layer.features.get_mut(position).map_or(0, |feature| {
        std::mem::replace(&mut feature.edit_stamp, stamp)
    })
}

type RestoredParts = (
    Option<Box<geo::Geometry>>,
    Option<(usize, crate::core::attributes::AttributeValue)>,
    u64,
);

/// Puts back a feature's geometry and/or one attribute and its stamp; returns what was there.
fn restore_feature(
    layer: &mut Layer,
    feature: usize,
    geometry: Option<Box<geo::Geometry>>,
    attribute: Option<(usize, crate::core::attributes::AttributeValue)>,
    edit_stamp: u64,
) -> Result<RestoredParts, SessionError> {
    if layer.features.get(feature).is_none() {
        return Err(feature_error(
            layer,
            super::FeatureEditError::NoSuchFeature(feature),
        ));
    }
    if let Some((field, _)) = &attribute
        && *field >= layer.fields.len()
    {
        return Err(feature_error(
            layer,
            super::FeatureEditError::NoSuchField(*field),
        ));
    }
    let old_geometry = match geometry {
        Some(geometry) => Some(Box::new(
            layer
                .replace_geometry(feature, *geometry)
                .map_err(|source| feature_error(layer, source))?,
        )),
        None => None,
    };
    let old_attribute = match attribute {
        Some((field, value)) => Some((
            field,
            layer
                .replace_attribute(feature, field, value)
                .map_err(|source| feature_error(layer, source))?,
        )),
        None => None,
    };
    let old_stamp = restamp(layer, feature, edit_stamp);
    Ok((old_geometry, old_attribute, old_stamp))
}
