//! Sending edits to the session and keeping the app's derived state in step with it: after an edit, an undo
//! or a redo, view state that points at something gone is dropped (a removed layer's selection, a removed
//! feature), the analysis panel's working copy of the settings follows the session's, the what-if model
//! mirrors the session's proposed sites, and an open analysis is recomputed when its input layers' features
//! changed. The Edit menu and Ctrl+Z / Ctrl+Y live here too.

use eframe::egui;

use super::AtlasApp;
use crate::app::i18n::Texts;
use crate::app::i18n_edits::step_text;
use crate::app::panels::Action;
use crate::core::session::Edit;

impl AtlasApp {
    /// Applies one edit as an undoable step, reporting a failure as a notice.
    pub(super) fn edit(&mut self, edit: Edit) {
        if let Err(error) = self.session.edit(edit) {
            self.notify_error(error.to_string());
        }
        self.after_edit();
    }

    /// Undoes (or redoes) the newest step.
    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        self.session.end_continuing();
        let outcome = if undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        if let Err(error) = outcome {
            self.notify_error(error.to_string());
        }
        self.after_edit();
    }

    /// Brings the view state and the derived analysis up to date after the session changed.
    pub(crate) fn after_edit(&mut self) {
        self.drop_dangling_references();
        self.follow_session();
    }

    /// Makes the analysis follow the session: its settings and proposed sites, and a recomputation when the
    /// units or sites layer's features changed.
    pub(super) fn follow_session(&mut self) {
        let revisions = self.session.revisions();
        let seen = (revisions.analysis, revisions.proposals);
        let previous = self.analysis.seen_revisions.replace(seen);
        if previous.map(|(analysis, _)| analysis) != Some(revisions.analysis) {
            self.analysis.settings = self.session.analysis().clone();
        }
        let inputs = self.analysis_input_revisions();
        let inputs_changed = self.analysis.seen_inputs.replace(inputs) != Some(inputs);
        if self.analysis.session.is_some() && inputs_changed {
            if let Err(message) = self.analysis.compute(&self.session) {
                self.notify_error(message);
            }
        } else if previous.map(|(_, proposals)| proposals) != Some(revisions.proposals)
            && let Err(message) = self.analysis.sync_proposals(self.session.proposals())
        {
            self.notify_error(message);
        }
    }

    /// The geometry and attribute revisions of the analysis's units and sites layers.
    fn analysis_input_revisions(&self) -> [u64; 4] {
        let of = |id| {
            self.session
                .layer(id?)
                .map(|layer| (layer.revision, layer.attribute_revision))
        };
        let settings = self.session.analysis();
        let units = of(settings.units_layer).unwrap_or_default();
        let sites = of(settings.sites_layer).unwrap_or_default();
        [units.0, units.1, sites.0, sites.1]
    }

    /// Sends the analysis panel's working copy of the settings as one edit when it differs from the
    /// session's (called when the planner has let go of the controls).
    pub(super) fn commit_analysis_settings(&mut self) {
        if self.analysis.settings != *self.session.analysis() {
            let settings = Box::new(self.analysis.settings.clone());
            self.edit(Edit::SetAnalysis(settings));
        }
    }

    /// Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo (not while a text field has the keyboard: it has its own
    /// undo).
    pub(super) fn undo_shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input_mut(|input| {
            if input.consume_key(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ) || input.consume_key(egui::Modifiers::COMMAND, egui::Key::Y)
            {
                actions.push(Action::Redo);
            }
            if input.consume_key(egui::Modifiers::COMMAND, egui::Key::Z) {
                actions.push(Action::Undo);
            }
        });
    }

    /// The Edit menu: undo and redo, each saying what it will undo or redo.
    pub(super) fn edit_menu_ui(&self, ui: &mut egui::Ui, _t: &Texts, actions: &mut Vec<Action>) {
        let lang = self.lang();
        let texts = lang.edit_texts();
        ui.menu_button(texts.menu_edit, |ui| {
            let undo = self
                .session
                .undo_label()
                .map(|label| step_text(texts.undo_prefix, label, lang));
            let undo_button = egui::Button::new(undo.as_deref().unwrap_or(texts.nothing_to_undo))
                .shortcut_text("Ctrl+Z");
            if ui.add_enabled(undo.is_some(), undo_button).clicked() {
                actions.push(Action::Undo);
            }
            let redo = self
                .session
                .redo_label()
                .map(|label| step_text(texts.redo_prefix, label, lang));
            let redo_button = egui::Button::new(redo.as_deref().unwrap_or(texts.nothing_to_redo))
                .shortcut_text("Ctrl+Y");
            if ui.add_enabled(redo.is_some(), redo_button).clicked() {
                actions.push(Action::Redo);
            }
        });
    }
}
