//! *Tệp → Kết nối CSDL…*: choose a service (from the service files) or type host, port, database and user
//! (a password is optional and kept in memory only), test the connection — on a worker thread, with a
//! spinner, so a server that does not answer never freezes the window (the core gives up after the
//! connect timeout) — then browse the tables and views with geometry by schema: geometry type, SRID,
//! estimated rows, key (or why the table opens read-only; for a view, the planner picks the key column),
//! *Chỉ vùng đang xem*, *Mở*.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, Color32, RichText};

use super::db_messages::db_error_text;
use super::open_texts::DbTexts;
use crate::app::i18n::Lang;
use crate::core::db_source::{DbSource, TableRef};
use crate::core::postgis::catalog::{GeometryTable, list_geometry_tables, relation_oid};
use crate::core::postgis::connection::{Environment, list_services};
use crate::core::postgis::{DbError, Passwords, connect};

/// A table or view as the browser lists it; for a view, its columns (to choose the key from).
#[derive(Clone, Debug)]
pub struct ListedTable {
    /// What the catalog says.
    pub table: GeometryTable,
    /// A view's columns, in order (empty for a table).
    pub view_columns: Vec<String>,
}

/// What the dialog asks the app to do.
#[derive(Debug)]
pub enum ConnectRequest {
    /// Connect and list the tables (the typed password, if any, is remembered first).
    Test,
    /// Open this table, perhaps only within the current view.
    Open {
        /// The table (with the key column chosen for a view).
        source: DbSource,
        /// *Chỉ vùng đang xem*.
        only_view: bool,
    },
}

/// The dialog's state.
pub struct ConnectDialogState {
    /// Connect through a service (else host/port/database/user).
    pub use_service: bool,
    services: Vec<String>,
    /// The chosen service.
    pub service: String,
    /// Host name or Unix-socket folder.
    pub host: String,
    /// Port.
    pub port: String,
    /// Database.
    pub dbname: String,
    /// User.
    pub user: String,
    /// A password typed here; handed to the session's passwords on *Kiểm tra kết nối* and cleared.
    pub password: String,
    listing: Option<Receiver<Result<Vec<ListedTable>, DbError>>>,
    /// The tables of the last successful test.
    pub tables: Option<Vec<ListedTable>>,
    /// Why the last test failed.
    pub error: Option<DbError>,
    /// The chosen table's position in `tables`.
    pub chosen: Option<usize>,
    /// The key column chosen for a view.
    pub view_key: Option<String>,
    /// *Chỉ vùng đang xem*.
    pub only_view: bool,
    /// Only tables whose `schema.name` contains this (any case).
    pub filter: String,
    /// The last test found a database without PostGIS (no `geometry_columns`).
    pub no_postgis: bool,
}

impl ConnectDialogState {
    /// A dialog with the services of the process's service files; the first one chosen if there is one.
    pub fn new() -> Self {
        let services = list_services(&Environment::from_process());
        Self {
            use_service: !services.is_empty(),
            service: services.first().cloned().unwrap_or_default(),
            services,
            host: String::new(),
            port: "5432".to_string(),
            dbname: String::new(),
            user: String::new(),
            password: String::new(),
            listing: None,
            tables: None,
            error: None,
            chosen: None,
            view_key: None,
            only_view: false,
            filter: String::new(),
            no_postgis: false,
        }
    }

    /// Fills the fields from a libpq connection string (`host=… port=… dbname=… user=…`; for scripted use
    /// and tests). A password in it is put in the password field, not kept elsewhere.
    pub fn fill_from_conninfo(&mut self, conninfo: &str) {
        self.use_service = false;
        let Ok(pairs) = crate::core::db_source::parse_conninfo(conninfo) else {
            return;
        };
        for (keyword, value) in pairs {
            match keyword.as_str() {
                "host" => self.host = value,
                "port" => self.port = value,
                "dbname" => self.dbname = value,
                "user" => self.user = value,
                "password" => self.password = value,
                "service" => {
                    self.use_service = true;
                    self.service = value;
                }
                _ => {}
            }
        }
    }

    /// The connection the fields describe, as a source naming `table`.
    pub fn source_for(&self, table: TableRef) -> DbSource {
        let mut connection = Vec::new();
        if self.use_service {
            connection.push(("service".to_string(), self.service.trim().to_string()));
        } else {
            for (keyword, value) in [
                ("host", &self.host),
                ("port", &self.port),
                ("dbname", &self.dbname),
                ("user", &self.user),
            ] {
                if !value.trim().is_empty() {
                    connection.push((keyword.to_string(), value.trim().to_string()));
                }
            }
        }
        DbSource {
            connection,
            table,
            key_column: None,
        }
    }

    /// The connection alone (for passwords and the test), naming no real table.
    pub fn connection_source(&self) -> DbSource {
        self.source_for(TableRef {
            schema: String::new(),
            name: String::new(),
        })
    }

    /// True while a test runs.
    pub fn is_testing(&self) -> bool {
        self.listing.is_some()
    }

    /// Connects and lists the tables on a worker thread with the session's `passwords`.
    pub fn start_test(&mut self, ctx: &egui::Context, passwords: &Passwords) {
        let source = self.connection_source();
        let passwords = passwords.clone();
        let (sender, receiver) = channel();
        let worker_ctx = ctx.clone();
        std::thread::spawn(move || {
            let listed = list_tables(&source, &passwords);
            // The receiver is gone only when the dialog was closed; nothing to tell then.
            let _ = sender.send(listed);
            worker_ctx.request_repaint();
        });
        self.listing = Some(receiver);
        self.error = None;
    }

    /// Takes a finished test's result; returns the error when it needs a password (the app asks for it).
    pub fn poll(&mut self, block: bool) -> Option<&DbError> {
        let receiver = self.listing.as_ref()?;
        let received = if block {
            receiver.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            receiver.try_recv()
        };
        match received {
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.error = Some(DbError::Unsupported(
                    "the connection thread stopped".to_string(),
                ));
            }
            // The connection works, but the database has no PostGIS: nothing to list.
            Ok(Err(error)) if error.code() == Some("42P01") => {
                self.tables = Some(Vec::new());
                self.no_postgis = true;
            }
            Ok(Ok(tables)) => {
                self.no_postgis = false;
                self.tables = Some(tables);
                self.chosen = None;
                self.view_key = None;
            }
            Ok(Err(error)) => {
                self.tables = None;
                self.error = Some(error);
            }
        }
        self.listing = None;
        self.error
            .as_ref()
            .filter(|error| super::db_messages::needs_password(error))
    }
}

impl Default for ConnectDialogState {
    fn default() -> Self {
        Self::new()
    }
}

/// Connects and lists the tables and views with geometry, with each view's columns.
fn list_tables(source: &DbSource, passwords: &Passwords) -> Result<Vec<ListedTable>, DbError> {
    let mut connection = connect(source, passwords)?;
    let client = &mut connection.client;
    let tables = list_geometry_tables(client)?;
    let mut listed = Vec::with_capacity(tables.len());
    for table in tables {
        let mut view_columns = Vec::new();
        if table.is_view
            && let Some(oid) = relation_oid(client, &table.table)?
        {
            let rows = client
                .query(
                    "SELECT attname::text FROM pg_attribute \
                     WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                    &[&oid],
                )
                .map_err(|error| DbError::from_postgres(&error))?;
            view_columns = rows
                .iter()
                .filter_map(|row| row.try_get::<_, String>(0).ok())
                .filter(|name| *name != table.geometry_column)
                .collect();
        }
        listed.push(ListedTable {
            table,
            view_columns,
        });
    }
    Ok(listed)
}

/// Draws the dialog; returns what the planner asked for.
pub fn connect_dialog_ui(
    ctx: &egui::Context,
    lang: Lang,
    texts: &DbTexts,
    dialog: &mut ConnectDialogState,
    open: &mut bool,
) -> Option<ConnectRequest> {
    let mut request = None;
    egui::Window::new(texts.dialog_title)
        .id(egui::Id::unique("connect-database"))
        .open(open)
        .collapsible(false)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(-330.0, 70.0))
        .default_width(660.0)
        .show(ctx, |ui| {
            connection_fields_ui(ui, texts, dialog);
            ui.horizontal(|ui| {
                let testing = dialog.is_testing();
                if ui
                    .add_enabled(!testing, egui::Button::new(texts.test_connection))
                    .clicked()
                {
                    request = Some(ConnectRequest::Test);
                }
                if testing {
                    ui.spinner();
                    ui.label(texts.connecting);
                }
            });
            if let Some(error) = &dialog.error {
                ui.label(
                    RichText::new(db_error_text(error, lang)).color(Color32::from_rgb(180, 30, 30)),
                );
            }
            if dialog.tables.is_some() {
                ui.separator();
                if let Some(open_request) = browser_ui(ui, texts, dialog) {
                    request = Some(open_request);
                }
            }
        });
    request
}

fn connection_fields_ui(ui: &mut egui::Ui, texts: &DbTexts, dialog: &mut ConnectDialogState) {
    ui.horizontal(|ui| {
        ui.radio_value(&mut dialog.use_service, true, texts.use_service);
        ui.radio_value(&mut dialog.use_service, false, texts.use_manual);
    });
    egui::Grid::new("connect-fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            if dialog.use_service {
                let label = ui.label(texts.service);
                if dialog.services.is_empty() {
                    ui.label(RichText::new(texts.no_services).color(Color32::GRAY));
                } else {
                    egui::ComboBox::from_id_salt("connect-service")
                        .selected_text(dialog.service.clone())
                        .show_ui(ui, |ui| {
                            for service in &dialog.services {
                                ui.selectable_value(&mut dialog.service, service.clone(), service);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
                ui.end_row();
            } else {
                for (label, value) in [
                    (texts.host, &mut dialog.host),
                    (texts.port, &mut dialog.port),
                    (texts.database, &mut dialog.dbname),
                    (texts.user, &mut dialog.user),
                ] {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).desired_width(280.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
            }
            let label = ui.label(texts.password);
            ui.add(
                egui::TextEdit::singleline(&mut dialog.password)
                    .password(true)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    ui.label(
        RichText::new(texts.password_note)
            .small()
            .color(Color32::GRAY),
    );
}

/// The schemas and their tables; the chosen table's key, *Chỉ vùng đang xem* and *Mở*.
fn browser_ui(
    ui: &mut egui::Ui,
    texts: &DbTexts,
    dialog: &mut ConnectDialogState,
) -> Option<ConnectRequest> {
    let tables = dialog.tables.as_deref().unwrap_or_default();
    ui.label(format!("{} {}", tables.len(), texts.tables_found));
    if dialog.no_postgis {
        ui.label(RichText::new(texts.no_postgis).color(Color32::from_rgb(120, 80, 0)));
        return None;
    }
    if tables.is_empty() {
        ui.label(RichText::new(texts.no_tables).color(Color32::GRAY));
        return None;
    }
    ui.horizontal(|ui| {
        let label = ui.label(texts.filter);
        ui.add(egui::TextEdit::singleline(&mut dialog.filter).desired_width(220.0))
            .labelled_by(label.id);
    });
    let filter = dialog.filter.trim().to_lowercase();
    let shown = |listed: &ListedTable| {
        filter.is_empty()
            || format!("{}.{}", listed.table.table.schema, listed.table.table.name)
                .to_lowercase()
                .contains(&filter)
    };
    let mut chosen = dialog.chosen;
    egui::ScrollArea::vertical()
        .id_salt("connect-tables")
        .max_height(300.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut schemas: Vec<&str> = tables
                .iter()
                .filter(|listed| shown(listed))
                .map(|listed| listed.table.table.schema.as_str())
                .collect();
            schemas.dedup();
            for schema in schemas {
                egui::CollapsingHeader::new(RichText::new(schema).strong())
                    .id_salt(("schema", schema))
                    .default_open(true)
                    .show(ui, |ui| {
                        egui::Grid::new(("tables", schema))
                            .num_columns(4)
                            .striped(true)
                            .spacing([14.0, 4.0])
                            .show(ui, |ui| {
                                for heading in [
                                    texts.column_table,
                                    texts.column_type,
                                    texts.column_rows,
                                    texts.column_key,
                                ] {
                                    ui.label(RichText::new(heading).small().strong());
                                }
                                ui.end_row();
                                for (index, listed) in tables.iter().enumerate() {
                                    if listed.table.table.schema != schema || !shown(listed) {
                                        continue;
                                    }
                                    table_row_ui(ui, texts, listed, index, &mut chosen);
                                }
                            });
                    });
            }
        });
    if chosen != dialog.chosen {
        dialog.chosen = chosen;
        dialog.view_key = None;
    }
    ui.separator();
    let Some(listed) = dialog.chosen.and_then(|index| tables.get(index)).cloned() else {
        ui.label(RichText::new(texts.choose_table).color(Color32::GRAY));
        return None;
    };
    ui.label(RichText::new(listed.table.table.display_name()).strong());
    if listed.table.is_view {
        ui.horizontal(|ui| {
            let label = ui.label(texts.view_key);
            egui::ComboBox::from_id_salt("connect-view-key")
                .selected_text(
                    dialog
                        .view_key
                        .clone()
                        .unwrap_or_else(|| texts.view_key_none.to_string()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut dialog.view_key, None, texts.view_key_none);
                    for column in &listed.view_columns {
                        ui.selectable_value(&mut dialog.view_key, Some(column.clone()), column);
                    }
                })
                .response
                .labelled_by(label.id);
        });
    } else if listed.table.key_column.is_none() {
        ui.label(
            RichText::new(format!("{} {}", texts.opens_read_only, texts.no_key))
                .color(Color32::from_rgb(120, 80, 0)),
        );
    }
    ui.checkbox(&mut dialog.only_view, texts.only_view)
        .on_hover_text(texts.only_view_hint);
    let mut request = None;
    if ui.button(texts.open).clicked() {
        let mut source = dialog.source_for(listed.table.table.clone());
        source.key_column = dialog.view_key.clone().filter(|_| listed.table.is_view);
        request = Some(ConnectRequest::Open {
            source,
            only_view: dialog.only_view,
        });
    }
    request
}

fn table_row_ui(
    ui: &mut egui::Ui,
    texts: &DbTexts,
    listed: &ListedTable,
    index: usize,
    chosen: &mut Option<usize>,
) {
    let table = &listed.table;
    let name = if table.is_view {
        format!("{} ({})", table.table.name, texts.view_word)
    } else {
        table.table.name.clone()
    };
    if ui.selectable_label(*chosen == Some(index), name).clicked() {
        *chosen = Some(index);
    }
    let kind = if table.geography {
        format!("{} (geography)", table.geometry_type)
    } else {
        table.geometry_type.clone()
    };
    ui.label(format!("{kind} · SRID {}", table.srid));
    ui.label(
        table
            .estimated_rows
            .map(group_thousands)
            .unwrap_or_else(|| texts.rows_unknown.to_string()),
    );
    match (&table.key_column, table.is_view) {
        (Some(key), _) => ui.label(key),
        (None, true) => ui.label(RichText::new(texts.view_key_none).color(Color32::GRAY)),
        (None, false) => ui.label(RichText::new(texts.no_key).color(Color32::from_rgb(120, 80, 0))),
    };
    ui.end_row();
}

/// `1234567` as `1 234 567` (readable in both languages).
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    grouped
}
