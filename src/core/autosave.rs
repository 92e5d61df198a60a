//! Autosave and crash recovery. While a project is open the app calls [`write_autosave`] every few minutes;
//! it writes the project, atomically, to a hidden side file next to it ([`autosave_path`]:
//! `.<name>.autosave`), never touching the project file itself. At the next start [`find_recovery`] reports
//! an autosave that is newer than the project (the atlas was closed without saving, or crashed) so the app
//! can offer to recover it; after the planner saves, recovers or declines, [`discard_autosave`] removes it.
//!
//! The side file lives in the project's folder, so its relative layer paths mean the same as the project's.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::project::{ProjectError, ProjectFile};
use super::project_save::{ProjectSaveError, save_project};

/// How often the app should autosave an open project with unsaved changes.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(180);

/// An autosave newer than its project.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The autosave side file.
    pub autosave_path: PathBuf,
    /// When it was written.
    pub saved_at: SystemTime,
    /// Its content, with layer and palette paths made absolute (like [`crate::core::project_links::open_project`]).
    pub project: ProjectFile,
}

/// The autosave side file of a project: `.<file name>.autosave` in the same folder.
pub fn autosave_path(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project.hpatlas.json".into());
    project_path.with_file_name(format!(".{name}.autosave"))
}

/// Writes `project` to the autosave side file of `project_path` (atomically, like a save).
pub fn write_autosave(project_path: &Path, project: &ProjectFile) -> Result<(), ProjectSaveError> {
    save_project(&autosave_path(project_path), project)
}

/// The autosave of `project_path` when it is newer than the project file (or the project file is gone) and
/// reads as a project. An autosave that does not read is reported as an error rather than offered.
pub fn find_recovery(project_path: &Path) -> Result<Option<Recovery>, ProjectError> {
    let side = autosave_path(project_path);
    let Some(saved_at) = modified(&side) else {
        return Ok(None);
    };
    if modified(project_path).is_some_and(|project_saved| project_saved >= saved_at) {
        return Ok(None);
    }
    let mut project = ProjectFile::read(&side)?;
    project.make_paths_absolute(project_path);
    Ok(Some(Recovery {
        autosave_path: side,
        saved_at,
        project,
    }))
}

/// Removes the autosave side file of `project_path` (nothing to do when there is none).
pub fn discard_autosave(project_path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(autosave_path(project_path)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}
