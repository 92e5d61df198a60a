//! The bookkeeping around the open project file: where it lives, whether its layers are still loading, when
//! to autosave (on a worker thread, so a slow disk does not stall the map), the recent projects list, the
//! layers whose files are missing, and an autosave waiting for the planner's answer. Whether there are
//! unsaved changes is the session's history position against the saved one (see
//! [`crate::core::session::Session::is_modified`]); nothing here compares projects.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use super::panels::project_dialogs::SaveAsState;
use crate::core::autosave::{AUTOSAVE_INTERVAL, Recovery, write_autosave};
use crate::core::project::ProjectFile;
use crate::core::project::analysis_settings::AnalysisSettingsFile;
use crate::core::project_links::{MissingLayer, OpenedProject};
use crate::core::recent::{RecentProjects, default_recent_path};

/// A change of project waiting for the planner to confirm that unsaved changes may be dropped.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectSwitch {
    /// Start an empty project.
    New,
    /// Open this project file.
    Open(PathBuf),
    /// Close the window.
    Quit,
}

/// A project read from disk whose autosave is newer: the planner chooses which to open.
pub struct PendingRecovery {
    /// The project as saved.
    pub opened: OpenedProject,
    /// The newer autosave.
    pub recovery: Recovery,
}

/// The project file's bookkeeping (see the module documentation).
pub struct ProjectSession {
    /// The project file the work is saved to; `None` until the planner saves (the shipped map is read-only
    /// in spirit: "Save" on it asks for a new file).
    pub path: Option<PathBuf>,
    /// True from opening a project until its layers have loaded (its analysis settings wait for them).
    loading: bool,
    last_autosave: Instant,
    autosave_result: Option<Receiver<Result<(), String>>>,
    /// The opened project (absolute paths), for relinking its missing layers.
    pub opened: Option<OpenedProject>,
    /// Layers of the opened project whose files are missing (the "missing files" window lists them).
    pub missing: Vec<MissingLayer>,
    /// An autosave waiting for Recover / Discard.
    pub pending_recovery: Option<PendingRecovery>,
    /// The recent projects list file; `None` when no configuration folder is known.
    pub recent_list_path: Option<PathBuf>,
    /// The listed recent projects whose files exist, most recent first.
    pub recent: Vec<PathBuf>,
    /// Whether the missing-files window is shown (the planner may close it and keep working).
    pub show_missing: bool,
    /// The open "save project as" dialog.
    pub save_as: Option<SaveAsState>,
    /// The opened project's analysis settings and layer names, applied once its layers have loaded.
    pub pending_analysis: Option<(AnalysisSettingsFile, Vec<String>)>,
    /// The caption last sent to the window title.
    pub shown_caption: String,
    /// A new or opened project waiting for "drop the unsaved changes?".
    pub pending_switch: Option<ProjectSwitch>,
    /// Frame all visible layers once the opened project's layers have loaded (it has no camera or home).
    pub fit_when_loaded: bool,
    /// The planner chose to close the window with unsaved changes: the next close request goes through.
    pub quit_confirmed: bool,
}

impl Default for ProjectSession {
    fn default() -> Self {
        let mut session = Self {
            path: None,
            loading: false,
            last_autosave: Instant::now(),
            autosave_result: None,
            opened: None,
            missing: Vec::new(),
            pending_recovery: None,
            recent_list_path: default_recent_path(),
            recent: Vec::new(),
            show_missing: false,
            save_as: None,
            pending_analysis: None,
            shown_caption: String::new(),
            fit_when_loaded: false,
            pending_switch: None,
            quit_confirmed: false,
        };
        // An unreadable list only hides the submenu's entries; it is never overwritten without a save.
        let _ = session.reload_recent();
        session
    }
}

impl ProjectSession {
    /// Forgets the previous project; `opened` is the new one (none for a new project).
    pub fn start_project(&mut self, opened: Option<OpenedProject>) {
        self.loading = opened.is_some();
        self.last_autosave = Instant::now();
        self.missing = opened
            .as_ref()
            .map(|opened| opened.missing.clone())
            .unwrap_or_default();
        self.opened = opened;
    }

    /// True while an opened project's layers are loading.
    pub fn is_loading(&self) -> bool {
        self.loading
    }

    /// Records that the opened project's layers have all loaded.
    pub fn finish_loading(&mut self) {
        self.loading = false;
    }

    /// True when an autosave is due: unsaved changes, a project file, the interval passed and none running.
    pub fn autosave_due(&self, modified: bool) -> bool {
        self.path.is_some()
            && modified
            && self.autosave_result.is_none()
            && self.last_autosave.elapsed() >= AUTOSAVE_INTERVAL
    }

    /// Writes the autosave of `project_path` on a worker thread.
    pub fn start_autosave(&mut self, project_path: &Path, project: ProjectFile) {
        let (sender, receiver) = channel();
        let path = project_path.to_path_buf();
        std::thread::spawn(move || {
            let outcome = write_autosave(&path, &project).map_err(|error| error.to_string());
            // The receiver is gone only when the app closed; nothing is left to tell.
            let _ = sender.send(outcome);
        });
        self.autosave_result = Some(receiver);
        self.last_autosave = Instant::now();
    }

    /// The outcome of a finished autosave (an error message to show), if one finished.
    pub fn finished_autosave(&mut self) -> Option<Result<(), String>> {
        let receiver = self.autosave_result.as_ref()?;
        let outcome = match receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err("the autosave thread stopped".to_string()),
        };
        self.autosave_result = None;
        Some(outcome)
    }

    /// Reads the recent list again (keeping only projects that exist).
    pub fn reload_recent(&mut self) -> Result<(), String> {
        self.recent = match &self.recent_list_path {
            Some(list) => RecentProjects::load(list)
                .map_err(|error| error.to_string())?
                .existing(),
            None => Vec::new(),
        };
        Ok(())
    }

    /// Puts `project_path` at the top of the recent list and saves the list.
    pub fn record_recent(&mut self, project_path: &Path) -> Result<(), String> {
        let Some(list) = &self.recent_list_path else {
            return Ok(());
        };
        self.recent = RecentProjects::record(list, project_path)
            .map_err(|error| error.to_string())?
            .existing();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_without_recent_list() -> ProjectSession {
        ProjectSession {
            recent_list_path: None,
            recent: Vec::new(),
            ..ProjectSession::default()
        }
    }

    #[test]
    fn autosave_waits_for_a_path_changes_and_the_interval() {
        let mut session = session_without_recent_list();
        session.path = Some(PathBuf::from("/tmp/du-an.hpatlas.json"));
        assert!(!session.autosave_due(true), "the interval has not passed");
        session.last_autosave = Instant::now()
            .checked_sub(AUTOSAVE_INTERVAL)
            .expect("the clock has run for one interval");
        assert!(session.autosave_due(true));
        assert!(!session.autosave_due(false), "nothing to save");
        session.path = None;
        assert!(!session.autosave_due(true), "no project file");
    }
}
