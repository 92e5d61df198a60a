//! The app's side of the digitizing tools: map clicks, double-clicks and keys go to the editor while a
//! layer is in edit mode, its finished operations become session edits (or notices saying why they were
//! refused), and its toolbar sits over the map.

use eframe::egui;

use super::AtlasApp;
use crate::app::editing::messages::editing_error_text;
use crate::app::editing::toolbar::edit_toolbar_ui;
use crate::app::editing::tools::{EditTarget, EditorOutcome, EditorState};
use crate::app::map_view::MapResponse;
use crate::app::panels::Action;

impl AtlasApp {
    /// Runs `operation` on the editor with the layer in edit mode as its target, then applies what it
    /// produced.
    pub(super) fn with_editor(&mut self, operation: impl FnOnce(&mut EditorState, EditTarget)) {
        let Some(layer) = self.editing else {
            return;
        };
        let Some(target) = EditTarget::new(&self.session, layer, self.selection) else {
            return;
        };
        operation(&mut self.editor, target);
        self.apply_editor_outcomes();
    }

    /// Hands the map's clicks and double-clicks of this frame to the editor.
    pub(super) fn editor_clicks(&mut self, response: &MapResponse) {
        let m_per_px = self.camera.m_per_px;
        let coord = |pt: [f64; 2]| geo::Coord { x: pt[0], y: pt[1] };
        if let Some(pt) = response.double_clicked_in_map {
            self.with_editor(|editor, target| editor.double_click(target, coord(pt), m_per_px));
        } else if let Some(pt) = response.clicked_in_map {
            self.with_editor(|editor, target| editor.click(target, coord(pt), m_per_px));
        }
    }

    /// Enter finishes a drawing, Backspace removes its last vertex (or the chosen vertex), Delete removes
    /// the chosen vertex or the selected feature, Esc cancels (or clears the selection).
    pub(super) fn editor_key(&mut self, key: egui::Key) {
        match key {
            egui::Key::Enter => self.with_editor(|editor, target| editor.finish(target)),
            egui::Key::Backspace => self.with_editor(|editor, target| editor.backspace(target)),
            egui::Key::Delete => self.with_editor(|editor, target| editor.delete(target)),
            egui::Key::Escape => {
                let busy = !self.editor.draft.is_empty()
                    || self.editor.drag.is_some()
                    || self.editor.chosen_vertex.is_some();
                if busy {
                    self.editor.cancel();
                } else {
                    self.selection = None;
                }
            }
            _ => {}
        }
    }

    /// Applies what the editor finished: edits, refusals as notices, selections.
    pub(super) fn apply_editor_outcomes(&mut self) {
        let lang = self.lang();
        for outcome in std::mem::take(&mut self.editor.outcomes) {
            match outcome {
                EditorOutcome::Edit(edit) => self.edit(edit),
                EditorOutcome::Refused(reason) => {
                    self.notify_error(editing_error_text(&reason, lang));
                }
                EditorOutcome::Select(selection) => self.selection = selection,
                EditorOutcome::NeedsSelection => {
                    let text = lang.edit_texts().split_needs_selection.to_string();
                    self.notify_error(text);
                }
            }
        }
    }

    /// The editing toolbar over the map, while a layer is in edit mode.
    pub(super) fn editor_toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        view_in_screen: egui::Rect,
        actions: &mut Vec<Action>,
    ) {
        self.apply_editor_outcomes();
        let Some(layer) = self.editing.and_then(|id| self.session.layer(id)) else {
            return;
        };
        let has_selection = self
            .selection
            .is_some_and(|selected| selected.layer == layer.id);
        let texts = self.lang().edit_texts();
        edit_toolbar_ui(
            ui,
            view_in_screen,
            texts,
            layer,
            &mut self.editor,
            has_selection,
            actions,
        );
    }
}
