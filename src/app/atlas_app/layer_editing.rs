//! Edit mode and attribute editing: one layer at a time is in edit mode (only a layer whose source file the
//! atlas can write; others say why), values typed in the identify panel or the attribute table are parsed
//! for their column's kind and sent as edits (several rows at once as one step), and a layer's edits are
//! written back to its file on request.

use super::AtlasApp;
use crate::app::i18n_edits::value_error_text;
use crate::app::panels::notices::Notice;
use crate::core::attribute_input::parse_value;
use crate::core::layer::LayerId;
use crate::core::session::{Edit, EditKind};

impl AtlasApp {
    /// Sets field `field` of `features` of layer `layer` to what `text` means for the field's kind, as one
    /// undoable step; a value that does not fit is refused with a notice and nothing changes.
    pub(super) fn set_attribute_text(
        &mut self,
        layer: LayerId,
        features: &[usize],
        field: usize,
        text: &str,
    ) {
        if self.editing != Some(layer) {
            return;
        }
        let Some(column) = self
            .session
            .layer(layer)
            .and_then(|target| target.fields.get(field))
        else {
            return;
        };
        let value = match parse_value(column.kind, text) {
            Ok(value) => value,
            Err(error) => {
                let message = value_error_text(&error, &column.name, self.lang());
                self.notify_error(message);
                return;
            }
        };
        let mut edits: Vec<Edit> = features
            .iter()
            .map(|&feature| Edit::SetAttribute {
                layer,
                feature,
                field,
                value: value.clone(),
            })
            .collect();
        let outcome = match edits.len() {
            1 => edits.pop().map_or(Ok(()), |edit| self.session.edit(edit)),
            _ => self.session.edit_group(EditKind::AttributeColumn, edits),
        };
        if let Err(error) = outcome {
            self.notify_error(error.to_string());
        }
        self.after_edit();
    }

    /// Puts layer `id` into edit mode, or takes it out. A layer whose edits could not be saved to its file
    /// stays out, with the reason in a notice.
    pub(super) fn toggle_edit_mode(&mut self, id: LayerId) {
        self.editor.cancel();
        if self.editing == Some(id) {
            self.editing = None;
            return;
        }
        match self.edit_refusal(id) {
            Some(reason) => self.notify_error(reason),
            None => self.editing = Some(id),
        }
    }

    /// Writes layer `id`'s edits back to its file (a database layer's to its table); the outcome is a notice.
    pub(super) fn save_layer_edits(&mut self, id: LayerId) {
        if self.is_database_layer(id) {
            self.save_database_edits(id);
            return;
        }
        let name = self
            .session
            .layer(id)
            .map(|layer| layer.name.clone())
            .unwrap_or_default();
        match self.write_layer(id) {
            Ok(()) => {
                let texts = self.lang().edit_texts();
                self.notices.push(Notice {
                    text: format!("{} {name}", texts.edits_saved),
                    is_error: false,
                });
            }
            Err(message) => self.notify_error(message),
        }
    }
}

impl AtlasApp {
    /// Writes the land-use balance of the panel's layer to `path` as CSV, atomically.
    pub(super) fn export_land_use_csv(&mut self, path: &std::path::Path) {
        let t = self.texts();
        let texts = t.lang.edit_texts();
        let Some(layer) = self.land_use.layer.and_then(|id| self.session.layer(id)) else {
            return;
        };
        let class_field = self.land_use.class_field.clone();
        let csv = match self.land_use.balance(layer) {
            Ok(balance) => balance.to_csv(
                [
                    texts.class_code_column,
                    texts.land_use_class_column,
                    texts.feature_count_column,
                    texts.area_ha_column,
                    texts.share_column,
                    texts.norm_column,
                ],
                |class| match class {
                    Some("") => texts.total_row.to_string(),
                    class => {
                        crate::app::panels::land_use::class_name(layer, &class_field, class, t)
                    }
                },
            ),
            Err(message) => {
                let message = message.clone();
                self.notify_error(message);
                return;
            }
        };
        match crate::core::io::atomic_write::write_bytes_atomically(path, csv.as_bytes()) {
            Ok(()) => self.notices.push(Notice {
                text: format!("{} {}", texts.csv_written, path.display()),
                is_error: false,
            }),
            Err(error) => self.notify_error(format!("{}: {error}", path.display())),
        }
    }
}
