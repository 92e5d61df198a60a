//! Database layers in the session: saving a layer's edits to its table ([`Session::save_database_layer`],
//! not an edit: the history and the project's unsaved flag are untouched) and settling the conflicts a save
//! reported, row by row ([`Session::settle_conflict`]). Keeping mine changes only the layer's record of the
//! row's version, so the next save overwrites knowingly; taking the server's version is an edit (undoable)
//! that puts their values and geometry into the feature — or removes it, or brings their row back — and then
//! records the table as holding exactly that.

use super::edit::{Edit, EditKind};
use super::{Session, SessionError};
use crate::core::feature::Feature;
use crate::core::layer::LayerId;
use crate::core::postgis::save::{
    RowConflict, SaveOutcome, keep_mine, record_taken_from_server, save_layer,
};
use crate::core::postgis::{DbError, Passwords, connect};

/// How the planner settles one conflicting row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// *Giữ của tôi*: the next save writes this layer's version over the server's.
    KeepMine,
    /// *Lấy bản trên máy chủ*: the feature becomes the server's version.
    TakeTheirs,
}

impl Session {
    /// Saves the edits of database layer `id` to its table (see [`crate::core::postgis::save`]).
    pub fn save_database_layer(
        &mut self,
        id: LayerId,
        passwords: &Passwords,
    ) -> Result<SaveOutcome, DbError> {
        let layer = self
            .layer_mut(id)
            .map_err(|_| DbError::Unsupported(format!("no layer {id:?}")))?;
        let source = layer
            .database
            .as_ref()
            .map(|database| database.source.clone())
            .ok_or_else(|| DbError::Unsupported("the layer is not from a database".to_string()))?;
        let mut connection = connect(&source, passwords)?;
        save_layer(&mut connection.client, layer)
    }

    /// Settles one conflict of a save of layer `id` (see the module documentation).
    pub fn settle_conflict(
        &mut self,
        id: LayerId,
        conflict: &RowConflict,
        choice: ConflictChoice,
    ) -> Result<(), SessionError> {
        if choice == ConflictChoice::KeepMine {
            keep_mine(self.layer_mut(id)?, conflict);
            return Ok(());
        }
        let position = conflict.record.and_then(|record| {
            self.layer(id)?
                .features
                .iter()
                .position(|feature| feature.source_record == Some(record))
        });
        let now_at = match (&conflict.theirs, position) {
            (Some(theirs), Some(position)) => {
                let mut edits = vec![Edit::SetGeometry {
                    layer: id,
                    feature: position,
                    geometry: Box::new(theirs.values.geometry_in_map.clone()),
                }];
                for (field, value) in theirs.values.attributes.iter().enumerate() {
                    edits.push(Edit::SetAttribute {
                        layer: id,
                        feature: position,
                        field,
                        value: value.clone(),
                    });
                }
                self.edit_group(EditKind::Geometry, edits)?;
                Some(position)
            }
            (Some(theirs), None) => {
                let position = self.layer(id).map_or(0, |layer| layer.features.len());
                let feature = Feature::new(
                    theirs.values.geometry_in_map.clone(),
                    theirs.values.attributes.clone(),
                );
                self.edit(Edit::InsertFeature {
                    layer: id,
                    position,
                    feature: Box::new(feature),
                })?;
                Some(position)
            }
            (None, Some(position)) => {
                self.edit(Edit::RemoveFeature {
                    layer: id,
                    position,
                })?;
                None
            }
            (None, None) => None,
        };
        record_taken_from_server(self.layer_mut(id)?, conflict, now_at);
        Ok(())
    }
}
