//! Saving a database layer's edits to its table (*Lưu lên CSDL*, the same button and action as saving a file
//! layer's edits) and what follows: the report, a clear message when nothing could be written (the edits
//! stay in the session), or the conflicts panel when another planner changed the same rows — settled row by
//! row, then saved again. Nothing is ever written over another planner's change without the planner saying
//! so (*Giữ của tôi*).

use super::conflicts_panel::ConflictsPanel;
use super::publish_dialog::PublishDialog;
use crate::app::AtlasApp;
use crate::app::i18n::Lang;
use crate::app::map_view::Selection;
use crate::app::panels::notices::Notice;
use crate::core::layer::LayerId;
use crate::core::postgis::DbError;
use crate::core::postgis::error::ConnectReason;
use crate::core::postgis::save::SaveOutcome;
use crate::core::session::database::ConflictChoice;

/// The app's publishing and saving state for database layers.
#[derive(Default)]
pub struct DbSaveState {
    /// The open *Đưa lên CSDL…* dialog, with its running publish.
    pub publish: Option<PublishDialog>,
    /// The conflicts of the last save, while they are being settled.
    pub conflicts: Option<ConflictsPanel>,
}

/// What the publish dialog and the conflicts panel ask the app to do.
#[derive(Debug)]
pub enum DbSaveAction {
    /// Show the publish dialog for a layer.
    OpenPublishDialog(LayerId),
    /// Settle one conflicting row (its position in the panel).
    Settle(usize, ConflictChoice),
    /// Settle every row not settled yet the same way.
    SettleAll(ConflictChoice),
    /// Save the conflicts panel's layer again.
    SaveAgain,
    /// Select and frame a conflicting row (mine and the server's version).
    ShowRow(usize),
    /// Close the conflicts panel (the edits stay unsaved).
    CloseConflicts,
}

impl AtlasApp {
    /// True when layer `id` lives in a database table.
    pub(crate) fn is_database_layer(&self, id: LayerId) -> bool {
        self.session
            .layer(id)
            .is_some_and(|layer| layer.database.is_some())
    }

    /// Applies one request of the publish dialog or the conflicts panel.
    pub(crate) fn apply_db_save_action(&mut self, action: DbSaveAction) {
        match action {
            DbSaveAction::OpenPublishDialog(id) => {
                if let Some(layer) = self.session.layer(id) {
                    self.db_save.publish = Some(PublishDialog::new(layer, &self.session));
                }
            }
            DbSaveAction::Settle(row, choice) => {
                self.settle_rows(&[row], choice);
            }
            DbSaveAction::SettleAll(choice) => {
                let rows = self
                    .db_save
                    .conflicts
                    .as_ref()
                    .map(ConflictsPanel::unsettled_rows)
                    .unwrap_or_default();
                self.settle_rows(&rows, choice);
            }
            DbSaveAction::SaveAgain => {
                let ready = self
                    .db_save
                    .conflicts
                    .as_ref()
                    .filter(|panel| panel.all_settled())
                    .map(|panel| panel.layer);
                if let Some(layer) = ready {
                    self.save_database_edits(layer);
                }
            }
            DbSaveAction::ShowRow(row) => self.show_conflict_row(row),
            DbSaveAction::CloseConflicts => self.db_save.conflicts = None,
        }
    }

    /// Saves the edits of database layer `id` to its table: a report, the conflicts panel, or a message
    /// saying nothing was written and every edit is kept.
    pub(crate) fn save_database_edits(&mut self, id: LayerId) {
        let lang = self.lang();
        let name = self
            .session
            .layer(id)
            .map(|layer| layer.name.clone())
            .unwrap_or_default();
        match self
            .session
            .save_database_layer(id, &self.database.passwords)
        {
            Ok(SaveOutcome::Saved(report)) => {
                if self
                    .db_save
                    .conflicts
                    .as_ref()
                    .is_some_and(|panel| panel.layer == id)
                {
                    self.db_save.conflicts = None;
                }
                self.notices.push(Notice {
                    text: lang.db_saved_text(&report, &name),
                    is_error: false,
                });
            }
            Ok(SaveOutcome::Conflicts(conflicts)) => {
                let panel = ConflictsPanel::new(id, conflicts);
                self.db_save.conflicts = Some(panel);
                self.show_conflict_row(0);
            }
            Err(error) => {
                let text = format!("{name}: {}", save_error_text(&error, lang));
                self.notices.push(Notice {
                    text,
                    is_error: true,
                });
            }
        }
        self.after_edit();
    }

    /// Settles the panel's rows `rows` the way `choice` says; a row that cannot be settled stays open with
    /// a notice.
    fn settle_rows(&mut self, rows: &[usize], choice: ConflictChoice) {
        let Some(panel) = self.db_save.conflicts.as_mut() else {
            return;
        };
        let layer = panel.layer;
        let mut failures = Vec::new();
        for &row in rows {
            let Some(entry) = panel.rows.get_mut(row) else {
                continue;
            };
            if entry.settled.is_some() {
                continue;
            }
            match self.session.settle_conflict(layer, &entry.conflict, choice) {
                Ok(()) => entry.settled = Some(choice),
                Err(error) => failures.push(error.to_string()),
            }
        }
        for failure in failures {
            self.notices.push(Notice {
                text: failure,
                is_error: true,
            });
        }
        self.after_edit();
    }

    /// Selects the conflicting row's feature (mine, when the layer still has it) and frames it together
    /// with the server's version.
    fn show_conflict_row(&mut self, row: usize) {
        let Some(panel) = self.db_save.conflicts.as_mut() else {
            return;
        };
        panel.focused = Some(row);
        let Some(entry) = panel.rows.get(row) else {
            return;
        };
        let layer = panel.layer;
        let position = entry.conflict.record.and_then(|record| {
            self.session
                .layer(layer)?
                .features
                .iter()
                .position(|feature| feature.source_record == Some(record))
        });
        let mine_box = position.and_then(|feature| {
            self.session
                .layer(layer)?
                .features
                .get(feature)?
                .bbox_in_map
        });
        let theirs_box =
            entry.conflict.theirs.as_ref().and_then(|theirs| {
                geo::BoundingRect::bounding_rect(&theirs.values.geometry_in_map)
            });
        if let Some(feature) = position {
            self.selection = Some(Selection { layer, feature });
        }
        let both = crate::core::geometry::union_rect(mine_box, theirs_box);
        if let Some(rect) = both {
            self.fit_map_to(rect, 200.0);
        }
    }
}

/// Why a save wrote nothing, in `lang`; it always ends by saying the server is unchanged and the edits are
/// kept.
pub fn save_error_text(error: &DbError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    if error.is_connection_problem() {
        let lost = if vi {
            "Mất kết nối khi lưu: chưa ghi gì lên máy chủ, mọi chỉnh sửa vẫn còn."
        } else {
            "The connection was lost while saving: nothing was written to the server, every edit is kept."
        };
        return format!("{lost} ({})", database_error_text(error, lang));
    }
    let kept = if vi {
        "Chưa ghi gì lên máy chủ, mọi chỉnh sửa vẫn còn."
    } else {
        "Nothing was written to the server; every edit is kept."
    };
    format!("{} {kept}", database_error_text(error, lang))
}

/// A database error in `lang`, in one line, never with a password.
// When the connect dialog's `db_messages::db_error_text` is merged this defers to it.
pub fn database_error_text(error: &DbError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let pick = |vietnamese: String, english: String| if vi { vietnamese } else { english };
    match error {
        DbError::PermissionDenied(detail) => pick(
            format!("Tài khoản CSDL này không có quyền ghi ({detail})."),
            format!("This database role may not write here ({detail})."),
        ),
        DbError::ConnectionLost(detail) => pick(
            format!("mất kết nối tới máy chủ: {detail}"),
            format!("the connection to the server was lost: {detail}"),
        ),
        DbError::TableMissing(table) => pick(
            format!(
                "Bảng {} không còn trên máy chủ (hoặc tài khoản này không thấy nó).",
                table.display_name()
            ),
            format!(
                "Table {} no longer exists on the server (or this role cannot see it).",
                table.display_name()
            ),
        ),
        DbError::TableExists(table) => pick(
            format!(
                "Bảng {} đã có trên máy chủ; không thay thế khi chưa chọn «Thay thế nếu đã có».",
                table.display_name()
            ),
            format!(
                "Table {} already exists on the server; it is not replaced unless «Replace if it exists» is ticked.",
                table.display_name()
            ),
        ),
        DbError::ReadOnly(_) => pick(
            "Lớp CSDL này chỉ mở để xem (bảng không có khóa, hoặc là view).".to_string(),
            "This database layer is read-only (its table has no key, or it is a view).".to_string(),
        ),
        DbError::Connect { label, reason } => {
            let why = match reason {
                ConnectReason::PasswordMissing => {
                    pick("cần mật khẩu".into(), "a password is needed".into())
                }
                ConnectReason::PasswordRefused => pick(
                    "mật khẩu (hoặc tên người dùng) bị từ chối".into(),
                    "the password (or user name) was refused".into(),
                ),
                ConnectReason::UnknownHost(host) => pick(
                    format!("không tìm thấy máy chủ {host}"),
                    format!("unknown host {host}"),
                ),
                ConnectReason::Unreachable(detail) => pick(
                    format!("máy chủ không trả lời ({detail})"),
                    format!("no server answered ({detail})"),
                ),
                ConnectReason::DatabaseMissing(name) => pick(
                    format!("không có cơ sở dữ liệu {name}"),
                    format!("database {name} does not exist"),
                ),
                ConnectReason::ServiceMissing(name) => pick(
                    format!("không có dịch vụ {name} trong tệp dịch vụ"),
                    format!("service {name} is in no service file"),
                ),
                other => other.to_string(),
            };
            pick(
                format!("{label}: không kết nối được: {why}."),
                format!("{label}: cannot connect: {why}."),
            )
        }
        DbError::Source(problem) => pick(
            format!("Chuỗi kết nối không đọc được: {problem}."),
            format!("The connection string cannot be read: {problem}."),
        ),
        other => pick(
            format!("Lỗi CSDL: {other}."),
            format!("Database error: {other}."),
        ),
    }
}

/// True when `error` means the server wants a (different) password.
pub fn wants_password(error: &DbError) -> bool {
    matches!(
        error,
        DbError::Connect {
            reason: ConnectReason::PasswordMissing | ConnectReason::PasswordRefused,
            ..
        }
    )
}
