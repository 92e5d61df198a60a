//! The open project as one value, and the only way to change it.
//!
//! A [`Session`] owns everything a project file holds — the layers with their data, styles, order and
//! visibility, saved views, slides, review pins, the analysis settings and proposed sites, the title, the home
//! layer and the language — plus the camera, which is saved with the project but is view state: moving it is
//! not an edit and never makes the project unsaved. Every change is an [`Edit`] applied by
//! [`Session::edit`], which records the inverse on one undo stack; "unsaved" is the history's position
//! differing from the position at the last save. The app keeps only view state (selection, open windows,
//! tool modes, jobs) and sends edits; the command line builds, edits and saves projects through the same
//! code, without any GUI crate.

mod apply;
mod apply_project;
pub mod database;
pub mod edit;
pub mod feature_ops;
pub mod groups;
pub mod history;
mod project_io;
mod write_back;

use geo::Rect;
use thiserror::Error;
use uuid::Uuid;

pub use edit::{Edit, EditKind, EditLabel};
pub use feature_ops::FeatureEditError;
pub use groups::{GroupVisibility, LayerTreeItem};
pub use project_io::{OpenedSession, SessionSaveError};

use crate::core::geometry::union_rect;
use crate::core::layer::{Layer, LayerError, LayerId};
use crate::core::project::analysis_settings::{AnalysisSettings, ProposedSiteSetting};
use crate::core::project::{Camera, Language, SavedView, Slide};
use crate::core::review::ReviewPins;
use history::History;

/// An edit could not be carried out; the session is as it was before it.
#[derive(Debug, Error)]
pub enum SessionError {
    /// No layer has this id (it may have been removed).
    #[error("no layer with id {0:?}")]
    NoSuchLayer(LayerId),
    /// Reprojecting a layer failed.
    #[error("layer {name:?}: {source}")]
    Layer {
        /// The layer's name.
        name: String,
        /// What failed.
        source: LayerError,
    },
    /// A feature edit referred to something the layer does not have.
    #[error("layer {name:?}: {source}")]
    Feature {
        /// The layer's name.
        name: String,
        /// What was wrong.
        source: FeatureEditError,
    },
    /// No slide at this position.
    #[error("no slide {0}")]
    NoSuchSlide(usize),
    /// No such version of a review pin.
    #[error("no such version of review pin {0}")]
    NoSuchPinVersion(Uuid),
    /// No proposed site has this id.
    #[error("no proposed site {0}")]
    NoSuchProposal(u64),
    /// The proposed site id is taken.
    #[error("proposed site {0} exists already")]
    ProposalExists(u64),
}

/// Counters that go up when a part of the session changes, so derived state (the analysis, panels) knows
/// when to recompute without comparing contents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartRevisions {
    /// Layers added, removed, reordered, renamed or restyled (not their features).
    pub layers: u64,
    /// Views and slides.
    pub slides: u64,
    /// Review pins.
    pub pins: u64,
    /// Analysis settings.
    pub analysis: u64,
    /// Proposed sites.
    pub proposals: u64,
    /// Title, home layer and language.
    pub project: u64,
}

/// The open project (see the module documentation).
#[derive(Debug, Default)]
pub struct Session {
    layers: Vec<Layer>,
    next_layer_id: u64,
    title: String,
    home_layer: Option<String>,
    language: Language,
    views: Vec<SavedView>,
    slides: Vec<Slide>,
    pins: ReviewPins,
    analysis: AnalysisSettings,
    proposals: Vec<(u64, ProposedSiteSetting)>,
    next_proposal_id: u64,
    camera: Option<Camera>,
    collapsed_groups: std::collections::BTreeSet<String>,
    history: History,
    last_added_layer: Option<LayerId>,
    last_edit_stamp: u64,
    revisions: PartRevisions,
}

impl Session {
    /// An empty project with this title.
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_string(),
            ..Self::default()
        }
    }

    /// The layers in drawing order (bottom first).
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The layer with this id.
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|layer| layer.id == id)
    }

    /// The id of the layer added most recently (by an edit, undo or redo).
    pub fn last_added_layer(&self) -> Option<LayerId> {
        self.last_added_layer
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

    /// The project's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The name of the layer "zoom to city" frames.
    pub fn home_layer(&self) -> Option<&str> {
        self.home_layer.as_deref()
    }

    /// The interface language the project keeps.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Named views.
    pub fn views(&self) -> &[SavedView] {
        &self.views
    }

    /// Slides in show order.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }

    /// Review pins with their histories.
    pub fn pins(&self) -> &ReviewPins {
        &self.pins
    }

    /// The coverage analysis settings.
    pub fn analysis(&self) -> &AnalysisSettings {
        &self.analysis
    }

    /// The proposed sites of the what-if analysis with their ids, in the order they were added.
    pub fn proposals(&self) -> &[(u64, ProposedSiteSetting)] {
        &self.proposals
    }

    /// A proposed-site id no site has had in this session.
    pub fn new_proposal_id(&mut self) -> u64 {
        self.next_proposal_id += 1;
        self.next_proposal_id
    }

    /// Where the map looks (view state: saved with the project, not an edit).
    pub fn camera(&self) -> Option<Camera> {
        self.camera
    }

    /// Moves the camera. Not an edit: the project does not become unsaved.
    pub fn set_camera(&mut self, camera: Option<Camera>) {
        self.camera = camera;
    }

    /// The change counters of the session's parts.
    pub fn revisions(&self) -> PartRevisions {
        self.revisions
    }

    /// Applies `edit` and records it as one undoable step. On error nothing changed and nothing is recorded.
    pub fn edit(&mut self, edit: Edit) -> Result<(), SessionError> {
        let kind = edit.kind();
        let before_name = self.label_name(&edit);
        let inverse = self.apply(edit)?;
        let layer_name = before_name.or_else(|| self.label_name(&inverse));
        self.history
            .record(EditLabel { kind, layer_name }, inverse, None);
        Ok(())
    }

    /// Applies `edit` as part of a drag (an opacity slider, a vertex or a proposed site being dragged): the
    /// first edit of the drag makes a step, later edits of the same kind on the same layer join it, so the
    /// whole drag undoes at once; [`Session::end_continuing`] ends the drag. Only for edits that set a value
    /// (visibility, opacity, style, a geometry, a proposed site's position): the first step's inverse then
    /// restores the state from before the drag.
    pub fn edit_continuing(&mut self, edit: Edit) -> Result<(), SessionError> {
        let drag_key = edit.drag_key();
        if self.history.can_continue(&drag_key) {
            self.apply(edit)?;
        } else {
            let kind = edit.kind();
            let layer_name = self.label_name(&edit);
            let inverse = self.apply(edit)?;
            self.history
                .record(EditLabel { kind, layer_name }, inverse, Some(drag_key));
        }
        Ok(())
    }

    /// Ends a drag: the next [`Session::edit_continuing`] starts a new step.
    pub fn end_continuing(&mut self) {
        self.history.end_continuing();
    }

    /// Applies `edits` as one undoable step called `kind` (nothing is recorded when the list is empty).
    pub fn edit_group(&mut self, kind: EditKind, edits: Vec<Edit>) -> Result<(), SessionError> {
        match edits.len() {
            0 => Ok(()),
            _ => self.edit(Edit::Group { kind, edits }),
        }
    }

    /// Applies `edit` without recording it, returning its inverse: for temporary display changes that the
    /// caller undoes itself (a presentation shows each slide's layers and restores them at the end).
    pub fn apply_unrecorded(&mut self, edit: Edit) -> Result<Edit, SessionError> {
        self.apply(edit)
    }

    /// Undoes the newest step; its label, or `None` when there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<EditLabel>, SessionError> {
        let Some(mut step) = self.history.take_undo() else {
            return Ok(None);
        };
        match self.apply(step.edit) {
            Ok(redo) => {
                step.edit = redo;
                let label = step.label.clone();
                self.history.push_redo(step);
                Ok(Some(label))
            }
            Err(error) => Err(error),
        }
    }

    /// Redoes the newest undone step; its label, or `None` when there was nothing to redo.
    pub fn redo(&mut self) -> Result<Option<EditLabel>, SessionError> {
        let Some(mut step) = self.history.take_redo() else {
            return Ok(None);
        };
        match self.apply(step.edit) {
            Ok(undo) => {
                step.edit = undo;
                let label = step.label.clone();
                self.history.push_undo(step);
                Ok(Some(label))
            }
            Err(error) => Err(error),
        }
    }

    /// What undo would reverse.
    pub fn undo_label(&self) -> Option<&EditLabel> {
        self.history.undo_label()
    }

    /// What redo would repeat.
    pub fn redo_label(&self) -> Option<&EditLabel> {
        self.history.redo_label()
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.history.undo_len()
    }

    /// True when the project differs from what was last saved or opened.
    pub fn is_modified(&self) -> bool {
        self.history.is_modified()
    }

    /// Records that the project was just saved (or opened): it is no longer modified.
    pub fn mark_saved(&mut self) {
        self.history.mark_saved();
    }

    /// Makes the project count as unsaved until it is saved, whatever is undone (a recovered autosave).
    pub fn mark_never_saved(&mut self) {
        self.history.mark_never_saved();
    }

    /// Forgets the undo history and counts the project as saved (after it was opened and its layers loaded).
    pub fn reset_history(&mut self) {
        self.history.clear();
    }

    fn layer_name(&self, id: LayerId) -> Option<String> {
        self.layer(id).map(|layer| layer.name.clone())
    }

    /// A layer id no layer has had in this session, for a layer added by an edit that must be known before
    /// the edit is applied (the layers of a package added as one step).
    pub fn new_layer_id(&mut self) -> LayerId {
        self.next_layer_id += 1;
        LayerId(self.next_layer_id)
    }

    /// The name an undo step shows for `edit`: the layer's name, or for a step concerning a layer group
    /// as a whole, the group's.
    fn label_name(&self, edit: &Edit) -> Option<String> {
        match edit.kind().concerns_group() {
            true => self.group_of_edit(edit),
            false => edit.layer().and_then(|id| self.layer_name(id)),
        }
    }

    fn next_edit_stamp(&mut self) -> u64 {
        self.last_edit_stamp += 1;
        self.last_edit_stamp
    }
}
