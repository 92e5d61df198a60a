//! The open document: the layers on the map, in drawing order (first drawn first, i.e. at the bottom).
//!
//! Panels never change layers directly; they send a [`Command`] and [`Document::apply`] carries it out, so
//! every change goes through one place (and can later be recorded for undo). A command that fails leaves the
//! document as it was.

use geo::Rect;
use thiserror::Error;

use super::crs::Crs;
use super::geometry::union_rect;
use super::layer::{Layer, LayerError, LayerId};
use super::style::Style;

/// A change to the document.
#[derive(Debug)]
pub enum Command {
    /// Adds a prepared layer on top of the others.
    AddLayer(Box<Layer>),
    /// Removes a layer.
    RemoveLayer(LayerId),
    /// Shows or hides a layer.
    SetVisible(LayerId, bool),
    /// Sets a layer's opacity (clamped to 0..1).
    SetOpacity(LayerId, f32),
    /// Moves a layer to a drawing position (0 = bottom).
    MoveLayer(LayerId, usize),
    /// Renames a layer.
    Rename(LayerId, String),
    /// Replaces a layer's style.
    SetStyle(LayerId, Style),
    /// Declares the CRS of a layer's source coordinates and reprojects it.
    SetLayerCrs(LayerId, Crs),
    /// Replaces a layer's data with a reloaded copy (e.g. read with another text encoding), keeping its id,
    /// name, style, visibility, opacity and place in the drawing order.
    ReplaceLayerData(LayerId, Box<Layer>),
}

/// A command could not be carried out.
#[derive(Debug, Error)]
pub enum DocumentError {
    /// No layer has this id (it may have been removed).
    #[error("no layer with id {0:?}")]
    NoSuchLayer(LayerId),
    /// Reprojection into the map failed.
    #[error("layer {name:?}: {source}")]
    Layer {
        /// The layer's name.
        name: String,
        /// What failed.
        source: LayerError,
    },
}

/// The layers open in the atlas.
#[derive(Debug, Default)]
pub struct Document {
    layers: Vec<Layer>,
    next_layer_id: u64,
}

impl Document {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// The layers in drawing order (bottom first).
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The layer with this id.
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|layer| layer.id == id)
    }

    /// The drawing position of the layer with this id.
    pub fn position_of(&self, id: LayerId) -> Option<usize> {
        self.layers.iter().position(|layer| layer.id == id)
    }

    /// The extent of all visible layers in the map CRS.
    pub fn visible_extent(&self) -> Option<Rect> {
        self.layers
            .iter()
            .filter(|layer| layer.visible)
            .fold(None, |extent, layer| {
                union_rect(extent, layer.extent_in_map)
            })
    }

    /// Carries out a command. Returns the id of the layer it concerned.
    pub fn apply(&mut self, command: Command) -> Result<LayerId, DocumentError> {
        match command {
            Command::AddLayer(mut layer) => {
                self.next_layer_id += 1;
                layer.id = LayerId(self.next_layer_id);
                let id = layer.id;
                self.layers.push(*layer);
                Ok(id)
            }
            Command::RemoveLayer(id) => {
                let position = self.position_of(id).ok_or(DocumentError::NoSuchLayer(id))?;
                self.layers.remove(position);
                Ok(id)
            }
            Command::SetVisible(id, visible) => self.edit(id, |layer| layer.visible = visible),
            Command::SetOpacity(id, opacity) => {
                self.edit(id, |layer| layer.opacity = opacity.clamp(0.0, 1.0))
            }
            Command::Rename(id, name) => self.edit(id, |layer| layer.name = name),
            Command::SetStyle(id, style) => self.edit(id, |layer| layer.style = style),
            Command::MoveLayer(id, target) => {
                let position = self.position_of(id).ok_or(DocumentError::NoSuchLayer(id))?;
                let layer = self.layers.remove(position);
                let target = target.min(self.layers.len());
                self.layers.insert(target, layer);
                Ok(id)
            }
            Command::ReplaceLayerData(id, mut fresh) => {
                let layer = self.layer_mut(id)?;
                fresh.id = id;
                fresh.name = std::mem::take(&mut layer.name);
                fresh.style = layer.style.clone();
                fresh.visible = layer.visible;
                fresh.opacity = layer.opacity;
                fresh.revision = layer.revision + 1;
                *layer = *fresh;
                Ok(id)
            }
            Command::SetLayerCrs(id, crs) => {
                let layer = self.layer_mut(id)?;
                layer.set_crs(crs).map_err(|source| DocumentError::Layer {
                    name: layer.name.clone(),
                    source,
                })?;
                Ok(id)
            }
        }
    }

    fn layer_mut(&mut self, id: LayerId) -> Result<&mut Layer, DocumentError> {
        self.layers
            .iter_mut()
            .find(|layer| layer.id == id)
            .ok_or(DocumentError::NoSuchLayer(id))
    }

    fn edit(
        &mut self,
        id: LayerId,
        change: impl FnOnce(&mut Layer),
    ) -> Result<LayerId, DocumentError> {
        change(self.layer_mut(id)?);
        Ok(id)
    }
}
