//! The bookkeeping around the open project file: whether there are unsaved changes (the project as it would
//! be saved, compared with the one last saved or opened), when to autosave (on a worker thread, so a slow
//! disk does not stall the map), the recent projects list, the layers whose files are missing, and an
//! autosave waiting for the planner's answer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::panels::project_dialogs::SaveAsState;
use crate::core::analysis::settings::AnalysisSettingsFile;
use crate::core::autosave::{AUTOSAVE_INTERVAL, Recovery, write_autosave};
use crate::core::project::ProjectFile;
use crate::core::project_links::{MissingLayer, OpenedProject};
use crate::core::recent::{RecentProjects, default_recent_path};

/// How often the unsaved-changes marker is brought up to date.
const MODIFIED_CHECK_INTERVAL: Duration = Duration::from_millis(500);

/// A change of project waiting for the planner to confirm that unsaved changes may be dropped.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectSwitch {
    /// Start an empty project.
    New,
    /// Open this project file.
    Open(PathBuf),
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
    /// The project as last saved or opened, once its layers have loaded; `None` while loading.
    baseline: Option<ProjectFile>,
    /// True when the content did not come from the project file (a recovered autosave).
    unsaved_since_open: bool,
    /// The cached answer of "are there unsaved changes".
    modified: bool,
    last_check: Option<Instant>,
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
}

impl Default for ProjectSession {
    fn default() -> Self {
        let mut session = Self {
            baseline: None,
            unsaved_since_open: false,
            modified: false,
            last_check: None,
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
        };
        // An unreadable list only hides the submenu's entries; it is never overwritten without a save.
        let _ = session.reload_recent();
        session
    }
}

impl ProjectSession {
    /// Forgets the previous project: the next [`set_baseline`](Self::set_baseline) starts the comparison.
    pub fn start_project(&mut self, opened: Option<OpenedProject>, unsaved: bool) {
        self.baseline = None;
        self.unsaved_since_open = unsaved;
        self.modified = unsaved;
        self.last_check = None;
        self.last_autosave = Instant::now();
        self.missing = opened
            .as_ref()
            .map(|opened| opened.missing.clone())
            .unwrap_or_default();
        self.opened = opened;
    }

    /// True until the opened project's layers have loaded and the comparison baseline is taken.
    pub fn waits_for_baseline(&self) -> bool {
        self.baseline.is_none()
    }

    /// Takes `current` as the state without unsaved changes (after opening, or after a save).
    pub fn set_baseline(&mut self, current: ProjectFile, saved: bool) {
        if saved {
            self.unsaved_since_open = false;
        }
        self.modified = self.unsaved_since_open;
        self.baseline = Some(current);
    }

    /// Whether `current` differs from the last saved or opened project (or came from an autosave).
    pub fn differs(&self, current: &ProjectFile) -> bool {
        self.unsaved_since_open
            || self
                .baseline
                .as_ref()
                .is_some_and(|baseline| baseline != current)
    }

    /// True when the cached marker should be refreshed now.
    pub fn check_due(&self) -> bool {
        !self.waits_for_baseline()
            && self
                .last_check
                .is_none_or(|checked| checked.elapsed() >= MODIFIED_CHECK_INTERVAL)
    }

    /// Stores a fresh answer for the unsaved-changes marker.
    pub fn set_modified(&mut self, modified: bool) {
        self.modified = modified;
        self.last_check = Some(Instant::now());
    }

    /// The cached unsaved-changes marker.
    pub fn is_modified(&self) -> bool {
        self.modified
    }

    /// True when an autosave is due: changes, a project file, the interval passed and none running.
    pub fn autosave_due(&self, has_path: bool) -> bool {
        has_path
            && self.modified
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
    fn changes_are_counted_from_the_baseline_and_a_recovery_stays_unsaved() {
        let mut session = session_without_recent_list();
        let opened = ProjectFile::new("Thử");
        session.start_project(None, false);
        assert!(session.waits_for_baseline());
        assert!(!session.differs(&opened));
        session.set_baseline(opened.clone(), false);
        let mut changed = opened.clone();
        changed.title = "Đã sửa".into();
        assert!(session.differs(&changed));
        assert!(!session.differs(&opened));
        // A recovered autosave is unsaved even when nothing changes after it loads, until it is saved.
        session.start_project(None, true);
        session.set_baseline(opened.clone(), false);
        assert!(session.differs(&opened));
        assert!(session.is_modified());
        session.set_baseline(opened.clone(), true);
        assert!(!session.differs(&opened));
        assert!(!session.is_modified());
    }

    #[test]
    fn autosave_waits_for_a_path_changes_and_the_interval() {
        let mut session = session_without_recent_list();
        session.set_baseline(ProjectFile::new(""), false);
        session.set_modified(true);
        assert!(!session.autosave_due(true), "the interval has not passed");
        session.last_autosave = Instant::now()
            .checked_sub(AUTOSAVE_INTERVAL)
            .expect("the clock has run for one interval");
        assert!(session.autosave_due(true));
        assert!(!session.autosave_due(false), "no project file");
        session.set_modified(false);
        assert!(!session.autosave_due(true), "nothing to save");
    }
}
