//! The project-level state the planner builds up beside the layers: where the project file lives, saved
//! views, presentation slides and field review pins. Project saving reads it; the slides panel,
//! presentation mode and review panel edit it.

use std::path::PathBuf;

use crate::core::project::{ProjectFile, SavedView, Slide};
use crate::core::review::ReviewPins;

/// Saved views, slides and review pins of the open project, and the project file's path.
#[derive(Default)]
pub struct WorkshopState {
    /// The project file the work is saved to; `None` until the planner saves (the shipped map is read-only
    /// in spirit: "Save" on it asks for a new file).
    pub project_path: Option<PathBuf>,
    /// Named views.
    pub views: Vec<SavedView>,
    /// Presentation slides in show order.
    pub slides: Vec<Slide>,
    /// Field review pins with their histories.
    pub pins: ReviewPins,
}

impl WorkshopState {
    /// The views, slides and pins of a project just read.
    pub fn from_project(project: &ProjectFile) -> Self {
        Self {
            project_path: None,
            views: project.views.clone(),
            slides: project.slides.clone(),
            pins: ReviewPins::from_pins(&project.pins),
        }
    }
}
