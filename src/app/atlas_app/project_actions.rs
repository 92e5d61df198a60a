//! The application's project-file work: opening a project in place of the current one (layers through the
//! background load jobs, missing files listed, a newer autosave offered first), saving and saving as,
//! relinking missing layer files, the per-frame bookkeeping (a project's analysis settings once its layers
//! have loaded, autosave, window title), and the project windows. What is saved is the session's own
//! project file; "unsaved" is the session's history position against the saved one.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use super::AtlasApp;
use crate::app::analysis::AnalysisState;
use crate::app::camera::Camera;
use crate::app::i18n::Texts;
use crate::app::jobs::{JobQueue, LayerSettings};
use crate::app::panels::Action;
use crate::app::panels::notices::Notice;
use crate::app::panels::open_dialog::{OpenDialogState, OpenPurpose};
use crate::app::panels::project_dialogs::{
    SaveAsState, missing_files_ui, project_caption, recovery_prompt_ui, save_as_ui,
    unsaved_changes_prompt_ui,
};
use crate::app::project_paths::{default_project_path, is_project_file};
use crate::app::project_session::{PendingRecovery, ProjectSwitch};
use crate::core::autosave::{discard_autosave, find_recovery, write_autosave};
use crate::core::io::LoadOptions;
use crate::core::project::ProjectFile;
use crate::core::project_links::{MissingLayer, OpenedProject, open_project};
use crate::core::project_save::save_project;
use crate::core::session::Session;

/// Width kept free at the right of the menu bar for the language button, in points.
const LANGUAGE_BUTTON_ROOM_PX: f32 = 110.0;

/// True when `path` is the shipped Hai Phong map (never overwritten; saving it asks for a new file).
fn is_shipped_map(path: &Path) -> bool {
    let Some(shipped) = default_project_path().and_then(|path| std::fs::canonicalize(path).ok())
    else {
        return false;
    };
    std::fs::canonicalize(path).is_ok_and(|path| path == shipped)
}

impl AtlasApp {
    /// Applies one of the project actions (see [`Action`]).
    pub(super) fn apply_project_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewProject => self.switch_project(ctx, ProjectSwitch::New),
            Action::ShowOpenProjectDialog => {
                let folder = self
                    .project
                    .path
                    .as_ref()
                    .and_then(|path| path.parent().map(Path::to_path_buf))
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_else(|| PathBuf::from("/"));
                self.open_dialog = Some(OpenDialogState::for_purpose(
                    absolute(&folder),
                    OpenPurpose::Project,
                ));
            }
            Action::OpenProject(path) => {
                if is_project_file(&path) {
                    self.switch_project(ctx, ProjectSwitch::Open(path));
                } else {
                    let t = self.texts();
                    self.notify_error(format!("{} {}", t.not_a_project_file, path.display()));
                }
            }
            Action::SaveProject => match self.project.path.clone() {
                Some(path) => self.save_project_to(&path),
                None => self.show_save_as(),
            },
            Action::ShowSaveProjectAs => self.show_save_as(),
            Action::SaveProjectAs(path) => self.save_project_to(&path),
            Action::ShowRelinkDialog(index) => self.show_relink_dialog(index),
            Action::RelinkLayer(index, path) => self.relink_layer(ctx, index, &path),
            Action::RecoverAutosave => self.answer_recovery(ctx, true),
            Action::DiscardAutosave => self.answer_recovery(ctx, false),
            Action::ConfirmProjectSwitch => {
                if let Some(switch) = self.project.pending_switch.take() {
                    self.switch_project_now(ctx, switch);
                }
            }
            Action::CancelProjectSwitch => self.project.pending_switch = None,
            other => self.notify_error(format!("not a project action: {other:?}")),
        }
    }

    /// Starts a new project or opens one, first asking when the current one has unsaved changes.
    fn switch_project(&mut self, ctx: &egui::Context, switch: ProjectSwitch) {
        if self.has_unsaved_changes() {
            self.project.pending_switch = Some(switch);
        } else {
            self.switch_project_now(ctx, switch);
        }
    }

    fn switch_project_now(&mut self, ctx: &egui::Context, switch: ProjectSwitch) {
        match switch {
            ProjectSwitch::New => self.new_project(),
            ProjectSwitch::Open(path) => self.open_project(ctx, &path),
            ProjectSwitch::Quit => {
                self.project.quit_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a project file in place of the current project, first offering a newer autosave if there is one.
    pub(super) fn open_project(&mut self, ctx: &egui::Context, path: &Path) {
        let opened = match open_project(path) {
            Ok(opened) => opened,
            Err(error) => {
                self.notify_error(error.to_string());
                return;
            }
        };
        match find_recovery(path) {
            Ok(Some(recovery)) => {
                self.project.pending_recovery = Some(PendingRecovery { opened, recovery });
                return;
            }
            Ok(None) => {}
            Err(error) => self.notify_error(error.to_string()),
        }
        self.load_project_content(ctx, opened, false);
    }

    fn answer_recovery(&mut self, ctx: &egui::Context, recover: bool) {
        let Some(PendingRecovery { opened, recovery }) = self.project.pending_recovery.take()
        else {
            return;
        };
        if recover {
            let missing = recovery.project.missing_layers();
            let recovered = OpenedProject {
                path: opened.path,
                project: recovery.project,
                missing,
            };
            self.load_project_content(ctx, recovered, true);
        } else {
            if let Err(error) = discard_autosave(&opened.path) {
                self.notify_error(format!("{}: {error}", recovery.autosave_path.display()));
            }
            self.load_project_content(ctx, opened, false);
        }
    }

    /// Replaces the current project with `opened` (paths absolute): settings now, layers in background jobs.
    fn load_project_content(&mut self, ctx: &egui::Context, opened: OpenedProject, unsaved: bool) {
        self.clear_project();
        let project = &opened.project;
        let shipped = is_shipped_map(&opened.path);
        self.session = Session::from_project(project, Vec::new());
        if unsaved {
            self.session.mark_never_saved();
        }
        self.project.path = (!shipped).then(|| absolute(&opened.path));
        if let Some(camera) = &project.camera {
            self.camera = Camera::from(*camera);
        }
        self.project.pending_analysis = project
            .analysis
            .clone()
            .map(|settings| (settings, project.layer_names()));
        let names = project.layer_names();
        let home_listed = project
            .home_layer
            .as_ref()
            .is_some_and(|home| names.contains(home));
        self.project.fit_when_loaded = project.camera.is_none() && !home_listed;
        let missing: Vec<usize> = opened.missing.iter().map(|layer| layer.index).collect();
        for (index, entry) in project.layers.iter().enumerate() {
            if missing.contains(&index) {
                continue;
            }
            let zoom_to = project.camera.is_none()
                && project.home_layer.is_some()
                && project.home_layer == entry.name;
            self.load_project_layer(ctx, &opened.path, index, entry.clone(), zoom_to, None);
        }
        if !shipped && let Err(message) = self.project.record_recent(&opened.path) {
            self.notify_error(message);
        }
        self.project.show_missing = !opened.missing.is_empty();
        self.project.start_project(Some(opened));
    }

    fn load_project_layer(
        &mut self,
        ctx: &egui::Context,
        project_path: &Path,
        index: usize,
        entry: crate::core::project::ProjectLayer,
        zoom_to: bool,
        position: Option<usize>,
    ) {
        if entry.database.is_some() {
            self.load_project_db_layer(ctx, project_path, index, entry, zoom_to, position);
            return;
        }
        let file = ProjectFile::layer_path(project_path, &entry);
        let options = LoadOptions {
            crs: entry.crs,
            table: entry.table.clone(),
            ..LoadOptions::default()
        };
        let settings = LayerSettings {
            from_project: Some((project_path.to_path_buf(), entry)),
            zoom_to,
            replaces: None,
            position,
            opening_project: position.is_none(),
            package: None,
        };
        self.start_load(ctx, file, options, settings);
    }

    /// An empty project: no layers, no file; the camera and language stay.
    fn new_project(&mut self) {
        let language = self.session.language();
        self.clear_project();
        self.session = Session::new("");
        if let Err(error) = self
            .session
            .apply_unrecorded(crate::core::session::Edit::SetLanguage(language))
        {
            self.notify_error(error.to_string());
        }
        self.project.path = None;
        self.project.show_missing = false;
        self.project.start_project(None);
    }

    /// Drops the layers, pending loads, analysis and windows of the current project.
    fn clear_project(&mut self) {
        self.clear_db_project();
        self.jobs = JobQueue::default();
        self.packages = Default::default();
        self.session = Session::default();
        self.pending_fit = None;
        self.project.fit_when_loaded = false;
        self.project.pending_recovery = None;
        self.analysis = AnalysisState {
            service_types: std::mem::take(&mut self.analysis.service_types),
            ..AnalysisState::default()
        };
        self.drop_dangling_references();
    }

    /// The project file of the current state (with the camera where the map looks now), and the names of
    /// layers left out (they have no file).
    pub fn current_project(&mut self) -> (ProjectFile, Vec<String>) {
        self.commit_analysis_settings();
        self.session.set_camera(Some(self.camera.into()));
        let (mut project, left_out) = self.session.to_project_file();
        self.keep_unavailable_entries(&mut project);
        (project, left_out)
    }

    /// True when the project differs from the one last saved or opened (the session's history position
    /// against the saved one; the camera and view state never count), or a layer has edits not yet written
    /// to its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.session.is_modified() || !self.layers_with_unsaved_edits().is_empty()
    }

    /// Points the work at a project file without saving (for scripted use and tests: as if it had been saved
    /// there).
    pub fn set_project_path(&mut self, path: Option<PathBuf>) {
        self.project.path = path;
    }

    /// The project file the work is saved to (`None` until saved).
    pub fn project_path(&self) -> Option<&Path> {
        self.project.path.as_deref()
    }

    /// Layers of the open project whose files are missing.
    pub fn missing_layers(&self) -> &[MissingLayer] {
        &self.project.missing
    }

    /// True while the "recover the autosave?" prompt waits for an answer.
    pub fn offers_recovery(&self) -> bool {
        self.project.pending_recovery.is_some()
    }

    /// Points the recent projects list at another file (tests and portable set-ups), or at none.
    pub fn set_recent_list_path(&mut self, list_path: Option<PathBuf>) {
        self.project.recent_list_path = list_path;
        if let Err(message) = self.project.reload_recent() {
            self.notify_error(message);
        }
    }

    /// Sets the path of the open "save project as" dialog (for scripted use and tests).
    pub fn set_save_as_path(&mut self, path: &Path) {
        if let Some(dialog) = self.project.save_as.as_mut() {
            dialog.path_text = path.display().to_string();
        }
    }

    /// Sets the path of the open file dialog (for scripted use and tests; the dialog has a text field).
    pub fn set_open_dialog_path(&mut self, path: &Path) {
        if let Some(dialog) = self.open_dialog.as_mut() {
            dialog.path_text = path.display().to_string();
        }
    }

    /// Writes the autosave of the project now, on this thread (what the timer does in the background).
    pub fn autosave_now(&mut self) {
        let Some(path) = self.project.path.clone() else {
            return;
        };
        if let Err(error) = write_autosave(&path, &self.current_project().0) {
            let t = self.texts();
            self.notify_error(format!("{} {error}", t.autosave_failed));
        }
    }

    fn show_save_as(&mut self) {
        let suggested = self.project.path.clone().unwrap_or_else(|| {
            std::env::current_dir()
                .unwrap_or_default()
                .join("du_an.hpatlas.json")
        });
        self.project.save_as = Some(SaveAsState::new(&suggested));
    }

    /// Saves atomically to `path`; on success the project lives there, the autosave is removed and the
    /// recent list updated. On failure nothing in memory changes.
    fn save_project_to(&mut self, path: &Path) {
        let t = self.texts();
        if is_shipped_map(path) {
            self.notify_error(format!("{}: {}", path.display(), t.shipped_map_read_only));
            return;
        }
        let (project, left_out) = self.current_project();
        if let Err(error) = save_project(path, &project) {
            self.notify_error(error.to_string());
            return;
        }
        let path = absolute(path);
        self.project.path = Some(path.clone());
        self.session.mark_saved();
        if let Err(error) = discard_autosave(&path) {
            self.notify_error(format!("{}: {error}", path.display()));
        }
        if let Err(message) = self.project.record_recent(&path) {
            self.notify_error(message);
        }
        self.notices.push(Notice {
            text: format!("{} {}", t.project_saved_to, path.display()),
            is_error: false,
        });
        if !left_out.is_empty() {
            self.notify_error(format!("{} {}", t.layers_left_out, left_out.join(", ")));
        }
    }

    fn show_relink_dialog(&mut self, index: usize) {
        let t = self.texts();
        let missing = self
            .project
            .missing
            .iter()
            .find(|layer| layer.index == index);
        let note = missing.map(|layer| {
            let file = layer
                .path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{} {} ({file})", t.relink_looking_for, layer.name)
        });
        let old_folder = missing.and_then(|layer| layer.path.parent().map(Path::to_path_buf));
        let folder = old_folder
            .filter(|folder| folder.is_dir())
            .or_else(|| {
                self.project
                    .opened
                    .as_ref()
                    .and_then(|opened| opened.path.parent().map(Path::to_path_buf))
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut dialog =
            OpenDialogState::for_purpose(absolute(&folder), OpenPurpose::Relink(index));
        dialog.note = note;
        self.open_dialog = Some(dialog);
    }

    /// Points a missing layer (and others found in the same new folder) at its new file and loads it with the
    /// project's settings, in its place in the drawing order.
    fn relink_layer(&mut self, ctx: &egui::Context, index: usize, new_path: &Path) {
        let Some(opened) = self.project.opened.as_mut() else {
            return;
        };
        let new_path = absolute(new_path);
        let mut relinked = match opened.project.relink_layer(index, &new_path) {
            Ok(others) => others,
            Err(error) => {
                self.notify_error(error.to_string());
                return;
            }
        };
        relinked.push(index);
        relinked.sort_unstable();
        let project_path = opened.path.clone();
        let entries: Vec<_> = relinked
            .iter()
            .filter_map(|&relinked| {
                let entry = opened.project.layers.get(relinked)?.clone();
                Some((relinked, entry))
            })
            .collect();
        for (relinked, entry) in entries {
            self.project.missing.retain(|layer| layer.index != relinked);
            let below = relinked
                - self
                    .project
                    .missing
                    .iter()
                    .filter(|layer| layer.index < relinked)
                    .count();
            let file = entry.path.display().to_string();
            self.load_project_layer(ctx, &project_path, relinked, entry, false, Some(below));
            let t = self.texts();
            self.notices.push(Notice {
                text: format!("{} {file}", t.relinked),
                is_error: false,
            });
        }
        if self.project.missing.is_empty() {
            self.project.show_missing = false;
        }
    }

    /// Once per frame: takes the baseline when a project has loaded, refreshes the unsaved-changes marker,
    /// starts a due autosave and keeps the window title current.
    pub(super) fn project_tick(&mut self, ctx: &egui::Context) {
        if self.project.fit_when_loaded && self.jobs.is_empty() {
            // No saved camera and no home layer: frame every visible layer once they are all loaded.
            self.project.fit_when_loaded = false;
            self.pending_fit = self.home_extent();
            ctx.request_repaint();
        }
        if self.project.is_loading() && self.jobs.is_empty() {
            // The project's analysis settings name its layers: they resolve once all have loaded.
            if let Some((settings, names)) = self.project.pending_analysis.take() {
                self.session.set_analysis_from_file(&settings, &names);
                self.follow_session();
            }
            self.project.finish_loading();
        }
        if let Some(outcome) = self.project.finished_autosave() {
            match (outcome, &self.project.path) {
                (Err(message), _) => {
                    let t = self.texts();
                    self.notify_error(format!("{} {message}", t.autosave_failed));
                }
                // A save that finished while the autosave was writing: the autosave is stale.
                (Ok(()), Some(path)) if !self.session.is_modified() => {
                    let _ = discard_autosave(path);
                }
                (Ok(()), _) => {}
            }
        }
        if let Some(path) = self.project.path.clone()
            && self.project.autosave_due(self.session.is_modified())
        {
            let current = self.current_project().0;
            self.project.start_autosave(&path, current);
        }
        let t = self.texts();
        let caption = self.caption(t);
        if caption != self.project.shown_caption {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "{caption} — {}",
                t.app_title
            )));
            self.project.shown_caption = caption;
        }
        if self.session.is_modified() || self.project.is_loading() {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    fn caption(&self, t: &Texts) -> String {
        project_caption(
            t,
            self.session.title(),
            self.project.path.as_deref(),
            self.session.is_modified(),
        )
    }

    /// The project's title, file name and unsaved-changes marker, for the menu bar.
    pub(super) fn project_caption_ui(&self, ui: &mut egui::Ui, t: &Texts) {
        // Truncated so a long title leaves room for the language button at the right end of the bar.
        let width = (ui.available_width() - LANGUAGE_BUTTON_ROOM_PX).max(40.0);
        let caption = egui::Label::new(RichText::new(self.caption(t)).italics()).truncate();
        let response = ui
            .allocate_ui(egui::vec2(width, ui.available_height()), |ui| {
                ui.add(caption)
            })
            .inner;
        if self.session.is_modified() {
            response.on_hover_text(t.unsaved_changes);
        }
    }

    /// A request to close the window (its close button, Alt+F4, the File menu) with unsaved changes is held
    /// back and the planner asked first.
    pub(super) fn hold_close_with_unsaved_changes(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if close_requested && !self.project.quit_confirmed && self.has_unsaved_changes() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.project.pending_switch = Some(ProjectSwitch::Quit);
        }
    }

    /// Ctrl+S saves the project (even while a text field has the keyboard).
    pub(super) fn project_shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            actions.push(Action::SaveProject);
        }
    }

    /// The save-as dialog, the missing-files window and the recovery prompt.
    pub(super) fn project_windows_ui(
        &mut self,
        ctx: &egui::Context,
        t: &Texts,
        actions: &mut Vec<Action>,
    ) {
        if let Some(dialog) = self.project.save_as.as_mut() {
            let mut open = true;
            save_as_ui(ctx, t, dialog, &mut open, actions);
            if !open {
                self.project.save_as = None;
            }
        }
        if self.project.show_missing
            && (!self.project.missing.is_empty() || !self.database.unavailable.is_empty())
        {
            let mut open = true;
            missing_files_ui(
                ctx,
                t,
                &self.project.missing,
                &mut open,
                actions,
                &mut |ui, actions| self.unavailable_rows_ui(ui, actions),
            );
            self.project.show_missing = open;
        }
        if let Some(pending) = &self.project.pending_recovery {
            recovery_prompt_ui(ctx, t, pending, actions);
        }
        if self.project.pending_switch.is_some() {
            unsaved_changes_prompt_ui(ctx, t, actions);
        }
    }
}

/// `path` made absolute against the working directory (unchanged if that fails).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
