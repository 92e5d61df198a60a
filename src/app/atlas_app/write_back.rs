//! The app's side of writing edits back to files: whether a layer may enter edit mode and the write itself,
//! with the core's reasons worded in the interface's language.

use super::AtlasApp;
use crate::core::layer::LayerId;

impl AtlasApp {
    /// Why layer `id` cannot be edited (its edits could not be saved to its file), or `None` when it can.
    pub(super) fn edit_refusal(&self, id: LayerId) -> Option<String> {
        let layer = self.session.layer(id)?;
        match layer.source_path {
            Some(_) => None,
            None => Some(format!("{}: no source file", layer.name)),
        }
    }

    /// Writes layer `id`'s edits to its file.
    pub(super) fn write_layer(&mut self, id: LayerId) -> Result<(), String> {
        let _ = id;
        Err("saving edits to files is not available yet".to_string())
    }
}
