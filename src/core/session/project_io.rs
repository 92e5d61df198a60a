//! A session as a project file and back: [`Session::to_project_file`] gathers the layers (in drawing order,
//! each through `project_layer_from`), the camera, the analysis settings with the proposed sites, views,
//! slides, pins, the layer groups' folding, the language, the title and the home layer; [`Session::from_project`] builds a session
//! from a project file and its loaded layers; [`Session::open`] and [`Session::save`] do the whole round
//! trip headlessly (the command line and tests use them; the app loads layers on its job queue instead).
//!
//! Layer references in the analysis settings are written by name (names survive reordering) and resolved
//! against the loaded layers when a project opens.

use std::path::Path;

use thiserror::Error;

use super::Session;
use crate::core::layer::{Layer, LayerId};
use crate::core::project::analysis_settings::{AnalysisSettings, AnalysisSettingsFile};
use crate::core::project::{LayerRef, ProjectError, ProjectFile};
use crate::core::project_links::{LayerProblem, OpenedProject, load_project_layers, open_project};
use crate::core::project_save::{ProjectSaveError, save_project};
use crate::core::review::ReviewPins;

/// A session opened from a project file, with what could not be loaded.
#[derive(Debug)]
pub struct OpenedSession {
    /// The session (unmodified).
    pub session: Session,
    /// The project as read (absolute paths), for relinking missing layers.
    pub opened: OpenedProject,
    /// Layers that could not be loaded, or loaded with a problem.
    pub problems: Vec<LayerProblem>,
}

/// A session could not be saved; the project on disk is as it was.
#[derive(Debug, Error)]
pub enum SessionSaveError {
    /// Writing the project file failed.
    #[error(transparent)]
    Save(#[from] ProjectSaveError),
}

impl Session {
    /// The project file of this session. Layers without a file (e.g. proposed sites not yet exported)
    /// cannot be part of a project and are left out; their names come back in the second value.
    pub fn to_project_file(&self) -> (ProjectFile, Vec<String>) {
        let mut project = ProjectFile::new(&self.title);
        let mut left_out = Vec::new();
        for layer in &self.layers {
            match crate::core::project_links::project_layer_from(layer) {
                Some(entry) => project.layers.push(entry),
                None => left_out.push(layer.name.clone()),
            }
        }
        project.language = self.language;
        project.home_layer = self.home_layer.clone();
        project.camera = self.camera;
        project.analysis = self.analysis_file();
        project.views = self.views.clone();
        project.slides = self.slides.clone();
        project.pins = self.pins.to_pins();
        project.groups = self.project_groups();
        (project, left_out)
    }

    /// The analysis settings as a project keeps them, or `None` while the planner has chosen nothing (no input
    /// layer, no proposed site and the default settings).
    pub fn analysis_file(&self) -> Option<AnalysisSettingsFile> {
        let reference = |id: Option<LayerId>| {
            id.and_then(|id| self.layer(id))
                .map(|layer: &Layer| LayerRef::Name(layer.name.clone()))
        };
        let mut file = self.analysis.chosen.clone();
        file.sites_layer = reference(self.analysis.sites_layer);
        file.units_layer = reference(self.analysis.units_layer);
        file.infrastructure_layer = reference(self.analysis.infrastructure_layer);
        file.proposed_sites = self
            .proposals
            .iter()
            .map(|(_, site)| site.clone())
            .collect();
        let chosen_nothing = file == AnalysisSettingsFile::default();
        (!chosen_nothing).then_some(file)
    }

    /// A session holding `project`'s content and its loaded `layers` (in drawing order; the positions are
    /// the layers' places in the project's list, for analysis references by position). The session counts
    /// as saved.
    pub fn from_project(project: &ProjectFile, layers: Vec<(usize, Layer)>) -> Self {
        let mut session = Self::new(&project.title);
        for (_, mut layer) in layers {
            session.next_layer_id += 1;
            layer.id = LayerId(session.next_layer_id);
            session.layers.push(layer);
        }
        session.home_layer = project.home_layer.clone();
        session.language = project.language;
        session.camera = project.camera;
        session.views = project.views.clone();
        session.slides = project.slides.clone();
        session.pins = ReviewPins::from_pins(&project.pins);
        session.take_project_groups(&project.groups);
        if let Some(file) = &project.analysis {
            session.set_analysis_from_file(file, &project.layer_names());
        }
        session
    }

    /// Takes a project's analysis settings and proposed sites, resolving its layer references against the
    /// open layers (`project_layer_names`: the project's own list, for references by position). Not an edit:
    /// used while a project opens, before its history starts.
    pub fn set_analysis_from_file(
        &mut self,
        file: &AnalysisSettingsFile,
        project_layer_names: &[String],
    ) {
        let resolve = |reference: &Option<LayerRef>| {
            let name = reference
                .as_ref()?
                .resolve(project_layer_names)
                .and_then(|index| project_layer_names.get(index))?;
            self.layers
                .iter()
                .find(|layer| &layer.name == name)
                .map(|layer| layer.id)
        };
        self.analysis = AnalysisSettings {
            sites_layer: resolve(&file.sites_layer),
            units_layer: resolve(&file.units_layer),
            infrastructure_layer: resolve(&file.infrastructure_layer),
            chosen: AnalysisSettingsFile {
                sites_layer: None,
                units_layer: None,
                infrastructure_layer: None,
                proposed_sites: Vec::new(),
                ..file.clone()
            },
        };
        self.proposals.clear();
        for site in &file.proposed_sites {
            let id = self.new_proposal_id();
            self.proposals.push((id, site.clone()));
        }
        self.revisions.analysis += 1;
        self.revisions.proposals += 1;
    }

    /// Opens a project file and loads all its layers (on one thread each), headlessly.
    pub fn open(path: &Path) -> Result<OpenedSession, ProjectError> {
        let opened = open_project(path)?;
        let load = load_project_layers(path, &opened.project);
        let session = Self::from_project(&opened.project, load.layers);
        Ok(OpenedSession {
            session,
            opened,
            problems: load.problems,
        })
    }

    /// Saves the project to `path` atomically (layer paths relative to it) and marks the session saved.
    /// Returns the names of layers left out because they have no file.
    pub fn save(&mut self, path: &Path) -> Result<Vec<String>, SessionSaveError> {
        let (project, left_out) = self.to_project_file();
        save_project(path, &project)?;
        self.mark_saved();
        Ok(left_out)
    }
}
