//! *Đưa lên CSDL…*: publishes a layer as a new table. The planner types or picks the connection (those of
//! the database layers already open, the services of the service file, or any libpq string), the schema
//! (`public` by default) and the table name (the layer's name by default — Vietnamese names with spaces or
//! quotes are fine, the core quotes them). An existing table is replaced only when *Thay thế nếu đã có* is
//! ticked and confirmed. The publish runs on a worker thread (a copy of the layer's features) while the
//! dialog shows a spinner; the rows written become a notice, and the new table can be opened as a layer.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, Color32, RichText};

use super::save_database::{database_error_text, wants_password};
use crate::app::AtlasApp;
use crate::app::i18n::Lang;
use crate::app::panels::notices::Notice;
use crate::core::db_source::{DbSource, Secret, TableRef, parse_conninfo};
use crate::core::index::SpatialIndex;
use crate::core::layer::{Layer, LayerId};
use crate::core::postgis::connection::{Environment, list_services};
use crate::core::postgis::publish::{PublishOptions, PublishReport, publish_layer};
use crate::core::postgis::read::{ReadControl, ReadOptions};
use crate::core::postgis::{DbError, Passwords, connect, open_layer};
use crate::core::session::{Edit, Session};
use crate::core::source_state::SourceState;

/// Work the dialog waits for.
enum Running {
    /// Publishing the layer.
    Publish(Receiver<Result<PublishReport, DbError>>),
    /// Opening the published table as a layer.
    Open(Receiver<Result<Layer, DbError>>),
}

/// The open publish dialog.
pub struct PublishDialog {
    /// The layer to publish.
    pub layer: LayerId,
    /// Its name when the dialog opened.
    pub layer_name: String,
    /// The libpq connection string (`service=…`, `host=… dbname=… user=…`; `PG:` may lead).
    pub connection_text: String,
    /// The schema of the new table.
    pub schema: String,
    /// The new table's name.
    pub table: String,
    /// Replace the table if it exists (asked to be confirmed).
    pub replace: bool,
    /// The planner confirmed replacing.
    pub replace_confirmed: bool,
    /// A password typed for the connection (kept in the app's passwords once used).
    pub password: String,
    /// The server asked for a password.
    pub needs_password: bool,
    /// The last outcome to show in the dialog (text, is an error).
    pub message: Option<(String, bool)>,
    /// The table published, which may be opened as a layer.
    pub published: Option<DbSource>,
    /// Connections offered for a quick pick: (label, connection string).
    known_connections: Vec<(String, String)>,
    running: Option<Running>,
}

impl std::fmt::Debug for PublishDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishDialog")
            .field("layer", &self.layer)
            .field("connection_text", &self.connection_text)
            .field("schema", &self.schema)
            .field("table", &self.table)
            .field("replace", &self.replace)
            .finish_non_exhaustive()
    }
}

impl PublishDialog {
    /// A dialog for `layer`, offering the connections of the database layers open in `session` and the
    /// services of the service file.
    pub fn new(layer: &Layer, session: &Session) -> Self {
        let mut known_connections: Vec<(String, String)> = Vec::new();
        for open in session.layers() {
            if let Some(database) = &open.database {
                let conninfo = database.source.conninfo();
                if !known_connections
                    .iter()
                    .any(|(_, known)| *known == conninfo)
                {
                    known_connections.push((database.source.connection_label(), conninfo));
                }
            }
        }
        for service in list_services(&Environment::from_process()) {
            let conninfo = format!("service={service}");
            if !known_connections
                .iter()
                .any(|(_, known)| *known == conninfo)
            {
                known_connections.push((format!("service {service}"), conninfo));
            }
        }
        let schema = layer
            .database
            .as_ref()
            .map_or_else(|| "public".to_string(), |db| db.source.table.schema.clone());
        Self {
            layer: layer.id,
            layer_name: layer.name.clone(),
            connection_text: known_connections
                .first()
                .map(|(_, conninfo)| conninfo.clone())
                .unwrap_or_default(),
            schema,
            table: layer.name.clone(),
            replace: false,
            replace_confirmed: false,
            password: String::new(),
            needs_password: false,
            message: None,
            published: None,
            known_connections,
            running: None,
        }
    }

    /// True while a publish or an open runs.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The target of the publish: the typed connection with the new table, and a password it held.
    fn target(&self, lang: Lang) -> Result<(DbSource, Option<Secret>), String> {
        let t = lang.db_save_texts();
        let text = self.connection_text.trim();
        let text = text
            .strip_prefix("PG:")
            .or_else(|| text.strip_prefix("pg:"))
            .unwrap_or(text);
        if text.is_empty() {
            return Err(t.connection_needed.to_string());
        }
        if self.table.trim().is_empty() {
            return Err(t.table_name_needed.to_string());
        }
        let pairs = parse_conninfo(text)
            .map_err(|error| database_error_text(&DbError::Source(error), lang))?;
        let mut password = None;
        let mut connection = Vec::new();
        for (keyword, value) in pairs {
            match keyword.as_str() {
                "password" => password = Some(Secret::new(value)),
                "table" | "tables" | "key" => {}
                _ => connection.push((keyword, value)),
            }
        }
        let schema = match self.schema.trim() {
            "" => "public".to_string(),
            schema => schema.to_string(),
        };
        let source = DbSource {
            connection,
            table: TableRef {
                schema,
                name: self.table.trim().to_string(),
            },
            key_column: None,
        };
        Ok((source, password))
    }
}

/// A copy of `layer`'s features and fields to publish on a worker thread (no index, no drawing data).
fn publish_copy(layer: &Layer) -> Layer {
    Layer {
        id: layer.id,
        name: layer.name.clone(),
        source_path: None,
        source_table: None,
        group: None,
        crs: layer.crs,
        crs_origin: layer.crs_origin,
        fields: layer.fields.clone(),
        features: layer.features.clone(),
        index: SpatialIndex::default(),
        extent_in_map: layer.extent_in_map,
        style: layer.style.clone(),
        visible: layer.visible,
        opacity: layer.opacity,
        revision: layer.revision,
        geometry_changes: Vec::new(),
        geometry_changes_from: layer.revision,
        attribute_revision: layer.attribute_revision,
        text_encoding: None,
        notes: Vec::new(),
        written: SourceState::as_read(None, &layer.name, layer.features.len()),
        database: None,
    }
}

impl AtlasApp {
    /// Draws the publish dialog and takes the outcome of its running work.
    pub(crate) fn publish_dialog_ui(&mut self, ctx: &egui::Context) {
        self.finish_publish_work(false);
        let lang = self.lang();
        let Some(dialog) = self.db_save.publish.as_mut() else {
            return;
        };
        let mut request = DialogRequest::None;
        let mut open = true;
        egui::Window::new(lang.db_save_texts().publish_title)
            .id(egui::Id::unique("db-publish-dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(500.0)
            .show(ctx, |ui| request = dialog_ui(ui, lang, dialog));
        if dialog.is_running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        match request {
            DialogRequest::None => {}
            DialogRequest::Publish => self.start_publish(),
            DialogRequest::OpenPublished => self.start_open_published(),
            DialogRequest::Close => open = false,
        }
        if !open
            && self
                .db_save
                .publish
                .as_ref()
                .is_some_and(|dialog| !dialog.is_running())
        {
            self.db_save.publish = None;
        }
    }

    /// Waits for the publish dialog's running work (for tests and scripted use) and takes its outcome.
    pub fn finish_publish_blocking(&mut self) {
        self.finish_publish_work(true);
    }

    /// Takes the outcome of the dialog's running work, if it has finished (or waits when `wait`).
    fn finish_publish_work(&mut self, wait: bool) {
        let lang = self.lang();
        let Some(dialog) = self.db_save.publish.as_mut() else {
            return;
        };
        let t = lang.db_save_texts();
        match dialog.running.take() {
            None => {}
            Some(Running::Publish(receiver)) => {
                let outcome = match if wait {
                    receiver.recv().map_err(|_| TryRecvError::Disconnected)
                } else {
                    receiver.try_recv()
                } {
                    Err(TryRecvError::Empty) => {
                        dialog.running = Some(Running::Publish(receiver));
                        return;
                    }
                    Err(TryRecvError::Disconnected) => Err(DbError::Unsupported(
                        "the publishing thread stopped".to_string(),
                    )),
                    Ok(outcome) => outcome,
                };
                match outcome {
                    Ok(report) => {
                        let text = lang.db_published_text(&dialog.layer_name, &report);
                        dialog.message = Some((text.clone(), false));
                        dialog.needs_password = false;
                        dialog.published = dialog.target(lang).ok().map(|(mut source, _)| {
                            source.table = report.table.clone();
                            source
                        });
                        self.notices.push(Notice {
                            text,
                            is_error: false,
                        });
                    }
                    Err(error) => {
                        dialog.needs_password = wants_password(&error);
                        let mut text = database_error_text(&error, lang);
                        if dialog.needs_password {
                            text = format!("{text} {}", t.password_hint);
                        }
                        dialog.message = Some((text, true));
                    }
                }
            }
            Some(Running::Open(receiver)) => {
                let outcome = match if wait {
                    receiver.recv().map_err(|_| TryRecvError::Disconnected)
                } else {
                    receiver.try_recv()
                } {
                    Err(TryRecvError::Empty) => {
                        dialog.running = Some(Running::Open(receiver));
                        return;
                    }
                    Err(TryRecvError::Disconnected) => Err(DbError::Unsupported(
                        "the loading thread stopped".to_string(),
                    )),
                    Ok(outcome) => outcome,
                };
                match outcome {
                    Ok(layer) => {
                        self.db_save.publish = None;
                        let extent = layer.extent_in_map;
                        self.edit_add_layer(layer);
                        if let Some(extent) = extent {
                            self.fit_map_to(extent, 0.0);
                        }
                    }
                    Err(error) => {
                        dialog.message = Some((database_error_text(&error, lang), true));
                    }
                }
            }
        }
    }

    /// Starts publishing the dialog's layer on a worker thread.
    fn start_publish(&mut self) {
        let lang = self.lang();
        let Some(dialog) = self.db_save.publish.as_mut() else {
            return;
        };
        let (source, typed_password) = match dialog.target(lang) {
            Ok(target) => target,
            Err(message) => {
                dialog.message = Some((message, true));
                return;
            }
        };
        let Some(layer) = self.session.layer(dialog.layer) else {
            return;
        };
        if let Some(password) = typed_password {
            self.database.passwords.remember(&source, password);
        }
        if !dialog.password.is_empty() {
            self.database
                .passwords
                .remember(&source, Secret::new(std::mem::take(&mut dialog.password)));
        }
        let copy = publish_copy(layer);
        let passwords = self.database.passwords.clone();
        let options = PublishOptions {
            table: source.table.clone(),
            replace: dialog.replace && dialog.replace_confirmed,
        };
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let outcome = connect(&source, &passwords)
                .and_then(|mut connection| publish_layer(&mut connection.client, &copy, &options));
            let _ = sender.send(outcome);
        });
        dialog.message = None;
        dialog.running = Some(Running::Publish(receiver));
    }

    /// Starts opening the published table as a database layer on a worker thread.
    fn start_open_published(&mut self) {
        let Some(dialog) = self.db_save.publish.as_mut() else {
            return;
        };
        let Some(source) = dialog.published.clone() else {
            return;
        };
        let passwords: Passwords = self.database.passwords.clone();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let outcome = open_layer(
                &source,
                &passwords,
                &ReadOptions::default(),
                &mut |_| ReadControl::Continue,
                &mut |_| {},
            )
            .map(|opened| opened.layer);
            let _ = sender.send(outcome);
        });
        dialog.message = None;
        dialog.running = Some(Running::Open(receiver));
    }

    /// Adds `layer` to the project as one undoable step.
    fn edit_add_layer(&mut self, layer: Layer) {
        let added = self.session.edit(Edit::AddLayer {
            layer: Box::new(layer),
            position: None,
        });
        if let Err(error) = added {
            self.notices.push(Notice {
                text: error.to_string(),
                is_error: true,
            });
        }
        self.chosen_layer = self.session.last_added_layer();
        self.after_edit();
    }
}

/// What the planner pressed in the dialog.
enum DialogRequest {
    None,
    Publish,
    OpenPublished,
    Close,
}

fn dialog_ui(ui: &mut egui::Ui, lang: Lang, dialog: &mut PublishDialog) -> DialogRequest {
    let t = lang.db_save_texts();
    let mut request = DialogRequest::None;
    let running = dialog.is_running();
    ui.label(RichText::new(format!("{}: {}", t.layer_word, dialog.layer_name)).strong());
    ui.add_enabled_ui(!running, |ui| {
        egui::Grid::new("db-publish-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(t.connection_label);
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.connection_text)
                            .hint_text(t.connection_hint)
                            .desired_width(340.0),
                    )
                    .labelled_by(label.id);
                    let pick = egui::ComboBox::from_id_salt("db-publish-known")
                        .selected_text(t.pick_connection)
                        .width(340.0)
                        .show_ui(ui, |ui| {
                            if dialog.known_connections.is_empty() {
                                ui.label(t.no_known_connection);
                            }
                            for (label, conninfo) in &dialog.known_connections {
                                if ui.selectable_label(false, label).clicked() {
                                    dialog.connection_text = conninfo.clone();
                                }
                            }
                        });
                    pick.response.on_hover_text(t.pick_connection);
                });
                ui.end_row();
                if dialog.needs_password {
                    let label = ui.label(t.password_label);
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.password)
                            .password(true)
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label(t.schema_label);
                ui.add(egui::TextEdit::singleline(&mut dialog.schema).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(t.table_label);
                ui.add(egui::TextEdit::singleline(&mut dialog.table).desired_width(340.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        if ui
            .checkbox(&mut dialog.replace, t.replace_checkbox)
            .changed()
        {
            dialog.replace_confirmed = false;
        }
        if dialog.replace {
            egui::Frame::new()
                .fill(Color32::from_rgb(255, 240, 230))
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(t.replace_warning).color(Color32::from_rgb(140, 30, 20)),
                    );
                    ui.checkbox(&mut dialog.replace_confirmed, t.replace_confirm);
                });
        }
    });
    if let Some((text, is_error)) = &dialog.message {
        let colour = if *is_error {
            Color32::from_rgb(170, 30, 30)
        } else {
            Color32::from_rgb(20, 110, 40)
        };
        ui.label(RichText::new(text).color(colour));
    }
    ui.horizontal(|ui| {
        if let Some(running) = &dialog.running {
            ui.spinner();
            ui.label(match running {
                Running::Publish(_) => t.publishing,
                Running::Open(_) => t.opening,
            });
            return;
        }
        let ready = !dialog.replace || dialog.replace_confirmed;
        if ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(t.publish_run).strong()),
            )
            .clicked()
        {
            request = DialogRequest::Publish;
        }
        if dialog.published.is_some() && ui.button(t.open_published).clicked() {
            request = DialogRequest::OpenPublished;
        }
        let close = if dialog.published.is_some() {
            t.close
        } else {
            t.cancel
        };
        if ui.button(close).clicked() {
            request = DialogRequest::Close;
        }
    });
    request
}
