//! The application's side of database layers (see [`crate::app::database`]): the connect dialog's requests,
//! loads through the job queue with partial layers shown while a table streams in, the password prompt
//! and what it retries, a project's database layers that could not be reached (listed with *Thử lại* and
//! kept when the project is saved), reloading, and marking layers whose table another planner changed.

use std::path::Path;

use eframe::egui::{self, Color32, RichText};

use super::AtlasApp;
use crate::app::database::connect_dialog::{
    ConnectDialogState, ConnectRequest, connect_dialog_ui, group_thousands,
};
use crate::app::database::db_messages::db_error_text;
use crate::app::database::load_job::{DbLoadRequest, start_db_load};
use crate::app::database::open_texts::db_texts;
use crate::app::database::password_prompt::{
    PasswordPrompt, PromptAnswer, Retry, password_prompt_ui,
};
use crate::app::database::{DbAction, UnavailableDbLayer};
use crate::app::jobs::{FinishedJob, LayerSettings, LoadFailure, LoadJob};
use crate::app::panels::notices::Notice;
use crate::core::db_source::DbSource;
use crate::core::layer::LayerId;
use crate::core::postgis::DbError;
use crate::core::postgis::read::ReadOptions;
use crate::core::project::ProjectLayer;
use crate::core::project_links::view_box_in_map;
use crate::core::session::Edit;

impl AtlasApp {
    /// Applies a database request from a panel.
    pub(super) fn apply_db_action(&mut self, ctx: &egui::Context, action: DbAction) {
        match action {
            DbAction::ShowConnectDialog => {
                if self.database.connect_dialog.is_none() {
                    self.database.connect_dialog = Some(ConnectDialogState::new());
                }
            }
            DbAction::Reload(id) => self.reload_db_layer(ctx, id),
            DbAction::RetryUnavailable(index) => self.retry_unavailable(ctx, Some(index)),
        }
    }

    /// The connect dialog (for scripted use and tests), when open.
    pub fn connect_dialog_mut(&mut self) -> Option<&mut ConnectDialogState> {
        self.database.connect_dialog.as_mut()
    }

    /// The project's database layers that could not be opened: name and the reason (in the interface's
    /// language).
    pub fn unavailable_db_layers(&self) -> Vec<(String, String)> {
        self.database
            .unavailable
            .iter()
            .map(|layer| (layer.name.clone(), db_error_text(&layer.error, self.lang())))
            .collect()
    }

    /// True while the password prompt waits for the planner.
    pub fn asks_for_password(&self) -> bool {
        self.database.password_prompt.is_some()
    }

    /// Layers whose table changed on the server since they were read.
    pub fn changed_on_server(&self) -> &[LayerId] {
        &self.database.changed
    }

    /// Waits for the connect dialog's test (for tests and scripted use).
    pub fn finish_connection_test_blocking(&mut self) {
        self.poll_connect_dialog(true);
    }

    /// Starts loading a database table through the job queue.
    fn start_db_request(&mut self, ctx: &egui::Context, request: DbLoadRequest) {
        let job: LoadJob = start_db_load(ctx, request, &self.database.passwords);
        self.jobs.push(job);
    }

    /// Loads a project entry that names a database table (instead of a file).
    pub(super) fn load_project_db_layer(
        &mut self,
        ctx: &egui::Context,
        project_path: &Path,
        index: usize,
        entry: ProjectLayer,
        zoom_to: bool,
        position: Option<usize>,
    ) {
        let Some(source) = entry.database.clone() else {
            return;
        };
        let options = ReadOptions {
            view_box_in_map: entry.view_box.as_ref().and_then(view_box_in_map),
            crs_override: entry.crs,
            ..ReadOptions::default()
        };
        let request = DbLoadRequest {
            partial_name: String::new(),
            partials: false,
            source,
            options,
            settings: LayerSettings {
                from_project: Some((project_path.to_path_buf(), entry)),
                zoom_to,
                replaces: None,
                position,
                opening_project: position.is_none(),
                package: None,
            },
            project_index: Some(index),
        };
        self.start_db_request(ctx, request);
    }

    /// Reads a database layer again (its name, style, visibility and opacity kept; one undoable step).
    fn reload_db_layer(&mut self, ctx: &egui::Context, id: LayerId) {
        let Some(layer) = self.session.layer(id) else {
            return;
        };
        let Some(database) = &layer.database else {
            return;
        };
        let options = ReadOptions {
            view_box_in_map: database.view_box.as_ref().and_then(view_box_in_map),
            crs_override: (layer.crs_origin == crate::core::layer::CrsOrigin::User)
                .then_some(layer.crs),
            ..ReadOptions::default()
        };
        let request = DbLoadRequest {
            source: database.source.clone(),
            options,
            settings: LayerSettings {
                replaces: Some(id),
                ..LayerSettings::default()
            },
            partials: false,
            partial_name: String::new(),
            project_index: None,
        };
        self.start_db_request(ctx, request);
    }

    /// Opens a table the planner chose in the connect dialog (features appear as they arrive).
    fn open_chosen_table(&mut self, ctx: &egui::Context, source: DbSource, only_view: bool) {
        let texts = db_texts(self.lang());
        let view = self.camera.visible_map_rect(self.view_in_screen);
        let options = ReadOptions {
            view_box_in_map: (only_view && self.view_in_screen.is_positive()).then_some(view),
            ..ReadOptions::default()
        };
        let request = DbLoadRequest {
            partial_name: format!("{} — {}", source.table.name, texts.partial_suffix),
            source,
            options,
            settings: LayerSettings {
                zoom_to: !only_view,
                ..LayerSettings::default()
            },
            partials: true,
            project_index: None,
        };
        self.start_db_request(ctx, request);
    }

    /// Once per frame: partial layers of running loads, the connect dialog's test, the change listener.
    pub(super) fn db_tick(&mut self, ctx: &egui::Context) {
        self.show_partial_layers();
        self.poll_connect_dialog(false);
        let sources: Vec<DbSource> = self
            .session
            .layers()
            .iter()
            .filter_map(|layer| layer.database.as_ref().map(|db| db.source.clone()))
            .collect();
        let source_refs: Vec<&DbSource> = sources.iter().collect();
        self.database
            .listener
            .follow(ctx, &source_refs, &self.database.passwords);
        for change in self.database.listener.take_changes() {
            for layer in self.session.layers() {
                let Some(database) = &layer.database else {
                    continue;
                };
                let same = database.source.connection_label() == change.connection
                    && crate::app::database::change_listener::payload_of(&database.source.table)
                        == change.table;
                if same && !self.database.changed.contains(&layer.id) {
                    self.database.changed.push(layer.id);
                }
            }
        }
        let open: Vec<LayerId> = self.session.layers().iter().map(|layer| layer.id).collect();
        self.database.changed.retain(|id| open.contains(id));
        self.layer_panel.changed_on_server = self.database.changed.clone();
    }

    /// Shows (or grows) the partial layer of each running load whose first batches have arrived.
    fn show_partial_layers(&mut self) {
        let mut arrived = Vec::new();
        for (position, job) in self.jobs.pending_mut().enumerate() {
            let Some(link) = job.database.as_mut() else {
                continue;
            };
            if let Some(partial) = link.take_partial() {
                arrived.push((position, link.shown_as, partial, job.settings.zoom_to));
            }
        }
        for (job_position, shown_as, partial, zoom_to) in arrived {
            let extent = partial.layer.extent_in_map;
            let id = match shown_as {
                Some(id) if self.session.layer(id).is_some() => {
                    if let Err(error) = self
                        .session
                        .apply_unrecorded(Edit::ReplaceLayerData(id, partial.layer))
                    {
                        self.notify_error(error.to_string());
                        continue;
                    }
                    id
                }
                // The planner removed the partial layer: the load goes on and adds the whole table.
                Some(_) => continue,
                None => {
                    let added = self.session.apply_unrecorded(Edit::AddLayer {
                        layer: partial.layer,
                        position: None,
                    });
                    if let Err(error) = added {
                        self.notify_error(error.to_string());
                        continue;
                    }
                    let Some(id) = self.session.last_added_layer() else {
                        continue;
                    };
                    if zoom_to {
                        self.pending_fit = extent;
                    }
                    id
                }
            };
            self.cache_prepared(id, partial.prepared);
            if let Some(link) = self
                .jobs
                .pending_mut()
                .nth(job_position)
                .and_then(|job| job.database.as_mut())
            {
                link.shown_as = Some(id);
            }
        }
    }

    /// Takes the connect dialog's finished test; a missing or refused password opens the prompt.
    fn poll_connect_dialog(&mut self, block: bool) {
        let Some(dialog) = self.database.connect_dialog.as_mut() else {
            return;
        };
        let source = dialog.connection_source();
        let prompt = dialog
            .poll(block)
            .and_then(|error| PasswordPrompt::after_failure(error, &source, Retry::Listing));
        if prompt.is_some() && self.database.password_prompt.is_none() {
            if let Some(dialog) = self.database.connect_dialog.as_mut() {
                dialog.error = None;
            }
            self.database.password_prompt = prompt;
        }
    }

    /// Handles a finished database load (a job with a database link); other jobs come back untouched.
    pub(super) fn finish_db_job(&mut self, mut job: FinishedJob) -> Option<FinishedJob> {
        let Some(link) = job.database.take() else {
            return Some(job);
        };
        let partial = link.shown_as.filter(|id| self.session.layer(*id).is_some());
        let request = link.request;
        match job.outcome {
            Ok(mut loaded) => {
                let mut settings = request.settings.clone();
                if let Some(id) = partial {
                    // The whole table takes the partial layer's place: same id, same drawing position,
                    // the planner's changes to it while loading kept.
                    let position = self.session.position_of(id);
                    if let Some(shown) = self.session.layer(id) {
                        loaded.layer.style = shown.style.clone();
                        loaded.layer.visible = shown.visible;
                        loaded.layer.opacity = shown.opacity;
                    }
                    if let Err(error) = self.session.apply_unrecorded(Edit::RemoveLayer(id)) {
                        self.notify_error(error.to_string());
                    }
                    loaded.layer.id = id;
                    settings.position = position;
                } else if link.shown_as.is_some() {
                    // The planner removed the partial layer while the table loaded.
                    return None;
                }
                if let Some(id) = settings.replaces {
                    self.database.changed.retain(|changed| *changed != id);
                }
                // A table the planner opened from the connect dialog becomes the chosen layer, so its
                // source and controls are in view.
                let opened_by_hand = request.project_index.is_none() && settings.replaces.is_none();
                self.add_loaded_layer(loaded, &settings);
                if opened_by_hand && let Some(id) = self.session.last_added_layer() {
                    self.chosen_layer = Some(id);
                }
            }
            Err(LoadFailure::Database(error)) => {
                if let Some(id) = partial
                    && let Err(removed) = self.session.apply_unrecorded(Edit::RemoveLayer(id))
                {
                    self.notify_error(removed.to_string());
                }
                self.db_load_failed(request, error);
            }
            Err(other) => self.notify_error(other.to_string()),
        }
        None
    }

    /// A load failed: cancelled (a note), a password to ask for, a project layer to list, or a message.
    fn db_load_failed(&mut self, request: DbLoadRequest, error: DbError) {
        let texts = db_texts(self.lang());
        if matches!(error, DbError::Cancelled) {
            self.notices.push(Notice {
                text: format!(
                    "{} {}",
                    texts.load_cancelled,
                    request.source.table.display_name()
                ),
                is_error: false,
            });
            return;
        }
        let prompt_free = self.database.password_prompt.is_none();
        if let (Some(index), Some((project_path, entry))) =
            (request.project_index, request.settings.from_project.clone())
        {
            if prompt_free {
                self.database.password_prompt =
                    PasswordPrompt::after_failure(&error, &request.source, Retry::Unavailable);
            }
            let name = entry
                .name
                .clone()
                .unwrap_or_else(|| request.source.table.name.clone());
            self.database
                .unavailable
                .retain(|layer| layer.index != index);
            self.database.unavailable.push(UnavailableDbLayer {
                index,
                name,
                project_path,
                entry,
                error,
            });
            self.database.unavailable.sort_by_key(|layer| layer.index);
            self.project.show_missing = true;
            return;
        }
        if prompt_free
            && let Some(prompt) = PasswordPrompt::after_failure(
                &error,
                &request.source,
                Retry::Load(Box::new(request.clone())),
            )
        {
            self.database.password_prompt = Some(prompt);
            return;
        }
        let text = format!(
            "{}: {}",
            request.source.table.display_name(),
            db_error_text(&error, self.lang())
        );
        self.notify_error(text);
    }

    /// Tries again to open the project's unreachable database layer at `index` (all of them when `None`,
    /// e.g. once a password was typed), each in its place in the drawing order.
    fn retry_unavailable(&mut self, ctx: &egui::Context, index: Option<usize>) {
        let chosen: Vec<UnavailableDbLayer> = {
            let (chosen, kept) = std::mem::take(&mut self.database.unavailable)
                .into_iter()
                .partition(|layer| index.is_none_or(|index| layer.index == index));
            self.database.unavailable = kept;
            chosen
        };
        for layer in chosen {
            let below = layer.index
                - self
                    .project
                    .missing
                    .iter()
                    .filter(|missing| missing.index < layer.index)
                    .count()
                - self
                    .database
                    .unavailable
                    .iter()
                    .filter(|other| other.index < layer.index)
                    .count();
            self.load_project_db_layer(
                ctx,
                &layer.project_path,
                layer.index,
                layer.entry,
                false,
                Some(below),
            );
        }
    }

    /// Puts the entries of unreachable database layers back into a project being saved, in their places.
    pub(super) fn keep_unavailable_entries(&self, project: &mut crate::core::project::ProjectFile) {
        for layer in &self.database.unavailable {
            let at = layer.index.min(project.layers.len());
            project.layers.insert(at, layer.entry.clone());
        }
    }

    /// Forgets the database state of a project being closed (running loads are cancelled).
    pub(super) fn clear_db_project(&mut self) {
        for job in self.jobs.pending() {
            if let Some(link) = &job.database {
                link.cancel();
            }
        }
        self.database.unavailable.clear();
        self.database.changed.clear();
    }

    /// The connect dialog and the password prompt.
    pub(super) fn db_windows_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let texts = db_texts(lang);
        if let Some(dialog) = self.database.connect_dialog.as_mut() {
            let mut open = true;
            let request = connect_dialog_ui(ctx, lang, texts, dialog, &mut open);
            match request {
                Some(ConnectRequest::Test) => {
                    if !dialog.password.is_empty() {
                        let typed = std::mem::take(&mut dialog.password);
                        self.database.passwords.remember(
                            &dialog.connection_source(),
                            crate::core::db_source::Secret::new(typed),
                        );
                    }
                    dialog.start_test(ctx, &self.database.passwords);
                }
                Some(ConnectRequest::Open { source, only_view }) => {
                    self.database.connect_dialog = None;
                    self.open_chosen_table(ctx, source, only_view);
                }
                None => {}
            }
            if !open {
                self.database.connect_dialog = None;
            }
        }
        if let Some(prompt) = self.database.password_prompt.as_mut()
            && let Some(answer) = password_prompt_ui(ctx, texts, prompt)
            && let Some(prompt) = self.database.password_prompt.take()
        {
            let cancelled = answer == PromptAnswer::Cancel;
            match prompt.answer(answer, &mut self.database.passwords) {
                Some(Retry::Listing) => {
                    if let Some(dialog) = self.database.connect_dialog.as_mut() {
                        dialog.start_test(ctx, &self.database.passwords);
                    }
                }
                Some(Retry::Load(request)) => self.start_db_request(ctx, *request),
                Some(Retry::Unavailable) => self.retry_unavailable(ctx, None),
                None if cancelled => {}
                None => {}
            }
        }
    }

    /// The status bar's entry for a database load: rows read against the estimate, and *Hủy*.
    pub(super) fn db_job_status_ui(&self, ui: &mut egui::Ui, job: &LoadJob) -> bool {
        let Some(link) = &job.database else {
            return false;
        };
        let texts = db_texts(self.lang());
        let (rows, estimate) = link.rows();
        let counted = match estimate {
            Some(estimate) => format!(
                "{} / ~{} {}",
                group_thousands(rows),
                group_thousands(estimate),
                texts.rows_word
            ),
            None => format!("{} {}", group_thousands(rows), texts.rows_word),
        };
        ui.label(format!(
            "{} {}: {counted}",
            texts.loading,
            link.request.source.table.display_name()
        ));
        ui.add(
            egui::ProgressBar::new(job.progress())
                .desired_width(120.0)
                .show_percentage(),
        );
        if link.is_cancelled() {
            ui.spinner();
        } else if ui.small_button(texts.cancel).clicked() {
            link.cancel();
        }
        true
    }

    /// The rows of unreachable database layers in the missing-layers window.
    pub(super) fn unavailable_rows_ui(
        &self,
        ui: &mut egui::Ui,
        actions: &mut Vec<crate::app::panels::Action>,
    ) {
        let lang = self.lang();
        let texts = db_texts(lang);
        for layer in &self.database.unavailable {
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new(&layer.name).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(texts.retry).clicked() {
                        actions.push(crate::app::panels::Action::Database(
                            DbAction::RetryUnavailable(layer.index),
                        ));
                    }
                });
            });
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    texts.unreachable,
                    db_error_text(&layer.error, lang)
                ))
                .small()
                .color(Color32::from_rgb(180, 30, 30)),
            );
            if let Some(source) = layer.source() {
                ui.label(
                    RichText::new(source.to_string())
                        .small()
                        .color(ui.visuals().weak_text_color()),
                );
            }
        }
    }
}
