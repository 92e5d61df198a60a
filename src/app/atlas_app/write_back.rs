//! The app's side of writing edits back to files: whether a layer may enter edit mode, which layers have
//! edits not yet in their files (the layer panel marks them; closing asks first), and the write itself, with
//! the core's reasons worded in the interface's language.

use super::AtlasApp;
use crate::app::editing::write_messages::{not_writable_text, write_back_error_text};
use crate::core::io::write_back::{can_write_back, has_unsaved_data_edits};
use crate::core::layer::LayerId;

impl AtlasApp {
    /// Why layer `id` cannot be edited (its edits could not be saved to its file), or `None` when it can.
    pub(super) fn edit_refusal(&self, id: LayerId) -> Option<String> {
        let layer = self.session.layer(id)?;
        can_write_back(layer).err().map(|reason| {
            format!(
                "{}: {}",
                layer.name,
                not_writable_text(&reason, self.lang())
            )
        })
    }

    /// Writes layer `id`'s edits to its file; the error is worded for the planner.
    pub(super) fn write_layer(&mut self, id: LayerId) -> Result<(), String> {
        let lang = self.lang();
        self.session
            .write_layer_back(id)
            .map(|_| ())
            .map_err(|error| write_back_error_text(&error, lang))
    }

    /// The layers whose edits are not in their files yet.
    pub fn layers_with_unsaved_edits(&self) -> Vec<LayerId> {
        self.session
            .layers()
            .iter()
            .filter(|layer| has_unsaved_data_edits(layer))
            .map(|layer| layer.id)
            .collect()
    }
}
