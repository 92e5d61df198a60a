//! Interface texts of publishing layers to the shared database and of saving database layers (the publish
//! dialog, the save report, the conflicts panel), in Vietnamese and English, like [`crate::app::i18n`]: a
//! missing translation is a compile error.

use crate::app::i18n::Lang;

/// Every publishing and saving string the interface shows.
pub struct DbSaveTexts {
    /// Layer panel: publish the layer as a new table.
    pub publish_button: &'static str,
    /// Layer panel: save the edits of a database layer to its table.
    pub save_to_database: &'static str,
    /// Tooltip of a database layer with edits not yet saved to its table.
    pub layer_has_unsaved_db_edits: &'static str,
    /// Publish dialog title.
    pub publish_title: &'static str,
    /// "Layer" before the layer's name.
    pub layer_word: &'static str,
    /// The connection field.
    pub connection_label: &'static str,
    /// Hint inside the empty connection field.
    pub connection_hint: &'static str,
    /// The quick choice of a known connection.
    pub pick_connection: &'static str,
    /// No known connection to pick.
    pub no_known_connection: &'static str,
    /// The schema field.
    pub schema_label: &'static str,
    /// The table name field.
    pub table_label: &'static str,
    /// Replace an existing table.
    pub replace_checkbox: &'static str,
    /// Warning before replacing, the table's name follows.
    pub replace_warning: &'static str,
    /// Confirm replacing.
    pub replace_confirm: &'static str,
    /// Run the publish.
    pub publish_run: &'static str,
    /// Cancel.
    pub cancel: &'static str,
    /// Close.
    pub close: &'static str,
    /// While the publish runs.
    pub publishing: &'static str,
    /// While the published table opens.
    pub opening: &'static str,
    /// The password field.
    pub password_label: &'static str,
    /// Why a password is asked.
    pub password_hint: &'static str,
    /// A table name is needed.
    pub table_name_needed: &'static str,
    /// A connection is needed.
    pub connection_needed: &'static str,
    /// Open the published table as a database layer.
    pub open_published: &'static str,
    /// Conflicts panel heading.
    pub conflicts_heading: &'static str,
    /// "Layer:" before the layer's name in the conflicts panel.
    pub conflicts_layer: &'static str,
    /// How mine and theirs are drawn on the map.
    pub conflicts_legend: &'static str,
    /// "Key" before a row's key.
    pub key_word: &'static str,
    /// The field column.
    pub field_column: &'static str,
    /// The column of this planner's values.
    pub mine_column: &'static str,
    /// The column of the server's values.
    pub theirs_column: &'static str,
    /// The geometry row.
    pub geometry_row: &'static str,
    /// An empty value.
    pub empty_value: &'static str,
    /// The row was deleted on the server.
    pub deleted_on_server: &'static str,
    /// This planner deleted the row.
    pub you_deleted: &'static str,
    /// Keep this planner's version of a row.
    pub keep_mine: &'static str,
    /// Take the server's version of a row.
    pub take_theirs: &'static str,
    /// Keep this planner's version of every row left.
    pub keep_all_mine: &'static str,
    /// Take the server's version of every row left.
    pub take_all_theirs: &'static str,
    /// A row settled by keeping mine.
    pub settled_mine: &'static str,
    /// A row settled by taking the server's version.
    pub settled_theirs: &'static str,
    /// Show the row on the map.
    pub show_on_map: &'static str,
    /// Every row is settled.
    pub all_settled: &'static str,
    /// Save again once every row is settled.
    pub save_again: &'static str,
    /// Close the conflicts panel (nothing is saved).
    pub close_conflicts: &'static str,
    /// The label on the map beside the server's version.
    pub server_version_tag: &'static str,
}

/// Vietnamese.
pub const DB_SAVE_VI: DbSaveTexts = DbSaveTexts {
    publish_button: "Đưa lên CSDL…",
    save_to_database: "Lưu lên CSDL",
    layer_has_unsaved_db_edits: "Lớp có chỉnh sửa chưa lưu lên CSDL",
    publish_title: "Đưa lớp lên CSDL",
    layer_word: "Lớp",
    connection_label: "Kết nối",
    connection_hint: "service=… hoặc host=… port=… dbname=… user=…",
    pick_connection: "Chọn kết nối đã biết",
    no_known_connection: "(chưa có kết nối nào)",
    schema_label: "Lược đồ (schema)",
    table_label: "Tên bảng",
    replace_checkbox: "Thay thế nếu đã có",
    replace_warning: "Nếu bảng này đã có trên máy chủ, nó sẽ bị xóa (mọi dòng, chỉ mục và quyền) và thay bằng lớp này. Việc này không hoàn tác được:",
    replace_confirm: "Tôi hiểu, thay thế bảng",
    publish_run: "Đưa lên",
    cancel: "Hủy",
    close: "Đóng",
    publishing: "Đang đưa lên máy chủ…",
    opening: "Đang mở bảng…",
    password_label: "Mật khẩu",
    password_hint: "Máy chủ cần mật khẩu. Mật khẩu chỉ giữ trong bộ nhớ tới khi đóng Atlas, không ghi ra đâu.",
    table_name_needed: "Hãy nhập tên bảng.",
    connection_needed: "Hãy nhập kết nối (service=… hoặc host=… dbname=… user=…).",
    open_published: "Mở bảng vừa đưa lên thành lớp CSDL",
    conflicts_heading: "Xung đột khi lưu lên CSDL",
    conflicts_layer: "Lớp:",
    conflicts_legend: "Trên bản đồ: viền cam đứt nét là bản trên máy chủ, viền hồng là bản của bạn.",
    key_word: "Khóa",
    field_column: "Trường",
    mine_column: "Của tôi",
    theirs_column: "Trên máy chủ",
    geometry_row: "Hình học",
    empty_value: "(trống)",
    deleted_on_server: "đã bị xóa trên máy chủ",
    you_deleted: "bạn đã xóa",
    keep_mine: "Giữ của tôi",
    take_theirs: "Lấy bản trên máy chủ",
    keep_all_mine: "Giữ tất cả của tôi",
    take_all_theirs: "Lấy tất cả bản trên máy chủ",
    settled_mine: "✔ Sẽ ghi bản của tôi khi lưu lại",
    settled_theirs: "✔ Đã lấy bản trên máy chủ",
    show_on_map: "Xem trên bản đồ",
    all_settled: "Đã chọn xong mọi dòng. Bấm Lưu lại để ghi lên máy chủ.",
    save_again: "Lưu lại",
    close_conflicts: "Đóng (chưa lưu, chỉnh sửa vẫn còn)",
    server_version_tag: "bản trên máy chủ",
};

/// English.
pub const DB_SAVE_EN: DbSaveTexts = DbSaveTexts {
    publish_button: "Publish to database…",
    save_to_database: "Save to database",
    layer_has_unsaved_db_edits: "The layer has edits not yet saved to its database table",
    publish_title: "Publish layer to database",
    layer_word: "Layer",
    connection_label: "Connection",
    connection_hint: "service=… or host=… port=… dbname=… user=…",
    pick_connection: "Pick a known connection",
    no_known_connection: "(no connection yet)",
    schema_label: "Schema",
    table_label: "Table name",
    replace_checkbox: "Replace if it exists",
    replace_warning: "If this table already exists on the server it will be dropped (all rows, indexes and privileges) and replaced by this layer. This cannot be undone:",
    replace_confirm: "I understand, replace the table",
    publish_run: "Publish",
    cancel: "Cancel",
    close: "Close",
    publishing: "Publishing to the server…",
    opening: "Opening the table…",
    password_label: "Password",
    password_hint: "The server needs a password. It is kept in memory until the atlas closes and never written anywhere.",
    table_name_needed: "Type a table name.",
    connection_needed: "Type a connection (service=… or host=… dbname=… user=…).",
    open_published: "Open the published table as a database layer",
    conflicts_heading: "Conflicts while saving to the database",
    conflicts_layer: "Layer:",
    conflicts_legend: "On the map: dashed orange is the server's version; magenta is yours.",
    key_word: "Key",
    field_column: "Field",
    mine_column: "Mine",
    theirs_column: "On the server",
    geometry_row: "Geometry",
    empty_value: "(empty)",
    deleted_on_server: "deleted on the server",
    you_deleted: "you deleted it",
    keep_mine: "Keep mine",
    take_theirs: "Take the server's",
    keep_all_mine: "Keep all mine",
    take_all_theirs: "Take all the server's",
    settled_mine: "✔ Mine will be written when saving again",
    settled_theirs: "✔ The server's version was taken",
    show_on_map: "Show on the map",
    all_settled: "Every row is settled. Press Save again to write to the server.",
    save_again: "Save again",
    close_conflicts: "Close (nothing saved, edits kept)",
    server_version_tag: "server's version",
};

impl Lang {
    /// The publishing and saving texts of this language.
    pub fn db_save_texts(self) -> &'static DbSaveTexts {
        match self {
            Self::Vi => &DB_SAVE_VI,
            Self::En => &DB_SAVE_EN,
        }
    }

    /// "Saved to the database: 3 updated, 1 added, 0 deleted (layer)".
    pub fn db_saved_text(
        self,
        report: &crate::core::postgis::save::DbSaveReport,
        layer: &str,
    ) -> String {
        let (updated, inserted, removed) = (report.updated, report.inserted, report.removed);
        match self {
            Self::Vi => {
                format!("Đã lưu lên CSDL: {updated} sửa, {inserted} thêm, {removed} xóa ({layer}).")
            }
            Self::En => format!(
                "Saved to the database: {updated} updated, {inserted} added, {removed} deleted ({layer})."
            ),
        }
    }

    /// "N rows were changed by someone else since you loaded them — nothing was written."
    pub fn db_conflicts_summary(self, rows: usize) -> String {
        match self {
            Self::Vi => {
                format!("{rows} dòng đã bị người khác thay đổi từ khi bạn tải — chưa ghi gì.")
            }
            Self::En => format!(
                "{rows} {} changed by someone else since you loaded {} — nothing was written.",
                if rows == 1 { "row was" } else { "rows were" },
                if rows == 1 { "it" } else { "them" }
            ),
        }
    }

    /// "N rows left to settle".
    pub fn db_conflicts_left(self, rows: usize) -> String {
        match self {
            Self::Vi => format!("Còn {rows} dòng chưa chọn cách giải quyết."),
            Self::En => format!(
                "{rows} {} left to settle.",
                if rows == 1 { "row" } else { "rows" }
            ),
        }
    }

    /// "Published «layer» to the database: table t, 691 rows (MULTIPOLYGON)."
    pub fn db_published_text(
        self,
        layer: &str,
        report: &crate::core::postgis::publish::PublishReport,
    ) -> String {
        let table = report.table.display_name();
        let (rows, kind) = (report.rows, &report.geometry_type);
        match self {
            Self::Vi => {
                format!("Đã đưa «{layer}» lên CSDL: bảng {table}, {rows} dòng ({kind}).")
            }
            Self::En => {
                format!("Published «{layer}» to the database: table {table}, {rows} rows ({kind}).")
            }
        }
    }

    /// "N vertices".
    pub fn vertex_count_text(self, count: usize) -> String {
        match self {
            Self::Vi => format!("{count} đỉnh"),
            Self::En => format!("{count} vertices"),
        }
    }
}
