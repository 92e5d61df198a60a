//! Database (PostGIS) layers in the app: opening tables through the connect dialog ([`connect_dialog`]),
//! loading them on worker threads with features appearing as they arrive ([`load_job`]), asking for a
//! password when the server wants one ([`password_prompt`]), and listening for other planners' changes
//! ([`change_listener`]). The wording of the core's database errors is [`db_messages`]; the texts of these
//! windows are [`open_texts`]. The app's side (the actions below applied to the session) is in
//! `atlas_app/db_layers.rs`.

pub mod change_listener;
pub mod conflict_overlay;
pub mod conflicts_panel;
pub mod connect_dialog;
pub mod db_messages;
pub mod layer_source;
pub mod load_job;
pub mod open_texts;
pub mod password_prompt;
pub mod publish_dialog;
pub mod save_database;
pub mod save_texts;

use std::path::PathBuf;

use crate::core::db_source::DbSource;
use crate::core::layer::LayerId;
use crate::core::postgis::{DbError, Passwords};
use crate::core::project::ProjectLayer;

/// A request about database layers from a panel.
#[derive(Debug)]
pub enum DbAction {
    /// Show the connect dialog.
    ShowConnectDialog,
    /// Read a database layer again from its table (its settings kept).
    Reload(LayerId),
    /// Try again to open the project's database layer at this position in the project.
    RetryUnavailable(usize),
}

/// A project's database layer that could not be opened: listed with the reason, *Thử lại*; its entry is
/// kept when the project is saved.
pub struct UnavailableDbLayer {
    /// Position in the project's layer list.
    pub index: usize,
    /// The layer's name.
    pub name: String,
    /// The project file.
    pub project_path: PathBuf,
    /// The project entry (kept as it was when the project is saved).
    pub entry: ProjectLayer,
    /// Why it could not be opened.
    pub error: DbError,
}

impl UnavailableDbLayer {
    /// The layer's table.
    pub fn source(&self) -> Option<&DbSource> {
        self.entry.database.as_ref()
    }
}

/// The app's database state: the session's typed passwords (memory only), the open dialog and prompt, the
/// project's unreachable layers, and the change listener with the layers whose tables changed.
#[derive(Default)]
pub struct DbState {
    /// Passwords typed in this session.
    pub passwords: Passwords,
    /// The connect dialog, when open.
    pub connect_dialog: Option<connect_dialog::ConnectDialogState>,
    /// The password prompt, when asking.
    pub password_prompt: Option<password_prompt::PasswordPrompt>,
    /// Project database layers that could not be opened.
    pub unavailable: Vec<UnavailableDbLayer>,
    /// Listens for other planners' saves.
    pub listener: change_listener::ChangeListener,
    /// Layers whose table changed on the server since they were read.
    pub changed: Vec<LayerId>,
}
