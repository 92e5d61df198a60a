//! Saving one layer's feature edits back to its source file from the session (the session hands out layers
//! only for reading; writing back updates the layer's record of what its file holds). Not an edit: the undo
//! history and the project's unsaved flag are untouched.

use super::Session;
use crate::core::io::write_back::{WriteBackError, WriteReport, write_back};
use crate::core::layer::LayerId;

impl Session {
    /// Writes the edits of layer `id` back to its source file (see [`crate::core::io::write_back`]).
    pub fn write_layer_back(&mut self, id: LayerId) -> Result<WriteReport, WriteBackError> {
        let layer = self
            .layer_mut(id)
            .map_err(|_| WriteBackError::NoSuchLayer(id))?;
        write_back(layer)
    }
}
