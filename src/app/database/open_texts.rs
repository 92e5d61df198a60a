//! Interface texts of opening database layers, in Vietnamese and English: the connect dialog and its table
//! browser, loading progress, the password prompt, a database layer's source in the layer panel, and a
//! project's database layers that could not be reached.

use crate::app::i18n::Lang;

/// Every string of opening database layers.
pub struct DbTexts {
    /// File menu: connect to a database.
    pub menu_connect: &'static str,
    /// The connect dialog's title.
    pub dialog_title: &'static str,
    /// Connect through a service.
    pub use_service: &'static str,
    /// Connect by host, port, database and user.
    pub use_manual: &'static str,
    /// The service chooser.
    pub service: &'static str,
    /// No services in the service files.
    pub no_services: &'static str,
    /// Host.
    pub host: &'static str,
    /// Port.
    pub port: &'static str,
    /// Database name.
    pub database: &'static str,
    /// User name.
    pub user: &'static str,
    /// Password.
    pub password: &'static str,
    /// Under the password field.
    pub password_note: &'static str,
    /// Test the connection and list the tables.
    pub test_connection: &'static str,
    /// While connecting.
    pub connecting: &'static str,
    /// After a successful test: "N" then this.
    pub tables_found: &'static str,
    /// The role can read no table with geometry.
    pub no_tables: &'static str,
    /// The database has no PostGIS.
    pub no_postgis: &'static str,
    /// Column: table.
    pub column_table: &'static str,
    /// Column: geometry type.
    pub column_type: &'static str,
    /// Column: estimated rows.
    pub column_rows: &'static str,
    /// Column: key.
    pub column_key: &'static str,
    /// A table without key.
    pub no_key: &'static str,
    /// A view.
    pub view_word: &'static str,
    /// Choose a view's key column.
    pub view_key: &'static str,
    /// No key chosen for a view.
    pub view_key_none: &'static str,
    /// An unknown row count.
    pub rows_unknown: &'static str,
    /// Load only the current view.
    pub only_view: &'static str,
    /// Its explanation.
    pub only_view_hint: &'static str,
    /// Open the chosen table.
    pub open: &'static str,
    /// Choose a table first.
    pub choose_table: &'static str,
    /// The chosen table opens read-only because it has no key.
    pub opens_read_only: &'static str,
    /// Rows (after a number).
    pub rows_word: &'static str,
    /// Cancel a load.
    pub cancel: &'static str,
    /// Suffix of a partial layer's name while it loads.
    pub partial_suffix: &'static str,
    /// A load was cancelled: "table" after it.
    pub load_cancelled: &'static str,
    /// Loading (status bar).
    pub loading: &'static str,
    /// Password prompt title.
    pub password_title: &'static str,
    /// Password prompt: before the connection's name.
    pub password_intro: &'static str,
    /// Password prompt: the last password was refused.
    pub password_refused: &'static str,
    /// Password prompt: kept in memory only.
    pub password_kept: &'static str,
    /// Password prompt: connect.
    pub connect: &'static str,
    /// Password prompt: the field.
    pub password_field: &'static str,
    /// Browser: filter the tables by name.
    pub filter: &'static str,
    /// Layer panel: the source heading.
    pub source: &'static str,
    /// Layer panel: the connection.
    pub connection: &'static str,
    /// Layer panel: the table.
    pub table: &'static str,
    /// Layer panel: only the view at opening was loaded.
    pub loaded_view_only: &'static str,
    /// Layer panel: reload.
    pub reload: &'static str,
    /// Layer panel: the table changed on the server.
    pub changed_on_server: &'static str,
    /// Layer panel: read-only, then the reason.
    pub read_only: &'static str,
    /// Missing-layers window: a database layer that could not be reached, then the reason.
    pub unreachable: &'static str,
    /// Missing-layers window: try again.
    pub retry: &'static str,
}

/// The texts of opening database layers in `lang`.
pub fn db_texts(lang: Lang) -> &'static DbTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

static VI: DbTexts = DbTexts {
    menu_connect: "Kết nối CSDL…",
    dialog_title: "Kết nối cơ sở dữ liệu",
    use_service: "Dịch vụ",
    use_manual: "Nhập máy chủ",
    service: "Dịch vụ",
    no_services: "Không có dịch vụ nào trong tệp dịch vụ (~/.pg_service.conf).",
    host: "Máy chủ",
    port: "Cổng",
    database: "Cơ sở dữ liệu",
    user: "Người dùng",
    password: "Mật khẩu",
    password_note: "Không bắt buộc (mặc định lấy từ ~/.pgpass); chỉ giữ trong phiên này, không bao giờ lưu.",
    test_connection: "Kiểm tra kết nối",
    connecting: "Đang kết nối…",
    tables_found: "bảng và khung nhìn có hình học",
    no_postgis: "Kết nối được, nhưng cơ sở dữ liệu này chưa cài PostGIS (CREATE EXTENSION postgis).",
    no_tables: "Không có bảng hay khung nhìn nào có cột hình học mà vai trò này được đọc.",
    column_table: "Bảng",
    column_type: "Kiểu hình học",
    column_rows: "Số dòng (ước tính)",
    column_key: "Khóa",
    no_key: "không có khóa — chỉ xem",
    view_word: "khung nhìn",
    view_key: "Cột khóa của khung nhìn",
    view_key_none: "(không chọn — chỉ xem)",
    rows_unknown: "chưa rõ",
    only_view: "Chỉ vùng đang xem",
    only_view_hint: "Chỉ tải các đối tượng nằm trong vùng bản đồ đang xem (cho bảng quá lớn).",
    open: "Mở",
    choose_table: "Chọn một bảng trong danh sách.",
    opens_read_only: "Bảng sẽ mở chỉ để xem:",
    rows_word: "dòng",
    cancel: "Hủy",
    partial_suffix: "đang tải…",
    load_cancelled: "Đã hủy tải bảng",
    loading: "Đang tải",
    password_title: "Cần mật khẩu",
    password_intro: "Máy chủ cần mật khẩu cho kết nối",
    password_refused: "Mật khẩu vừa nhập bị từ chối; hãy nhập lại.",
    password_kept: "Mật khẩu chỉ được giữ trong bộ nhớ đến khi đóng Atlas, không ghi vào đâu cả.",
    connect: "Kết nối",
    password_field: "Mật khẩu của kết nối",
    filter: "Lọc theo tên",
    source: "Nguồn: CSDL",
    connection: "Kết nối",
    table: "Bảng",
    loaded_view_only: "Chỉ tải vùng đang xem lúc mở",
    reload: "Tải lại",
    changed_on_server: "Bảng đã thay đổi trên máy chủ",
    read_only: "Chỉ xem:",
    unreachable: "CSDL không kết nối được:",
    retry: "Thử lại",
};

static EN: DbTexts = DbTexts {
    menu_connect: "Connect to database…",
    dialog_title: "Connect to a database",
    use_service: "Service",
    use_manual: "Enter a server",
    service: "Service",
    no_services: "No services in the service file (~/.pg_service.conf).",
    host: "Host",
    port: "Port",
    database: "Database",
    user: "User",
    password: "Password",
    password_note: "Optional (~/.pgpass is used otherwise); kept for this session only, never saved.",
    test_connection: "Test connection",
    connecting: "Connecting…",
    tables_found: "tables and views with geometry",
    no_postgis: "Connected, but this database does not have PostGIS (CREATE EXTENSION postgis).",
    no_tables: "This role can read no table or view with a geometry column.",
    column_table: "Table",
    column_type: "Geometry type",
    column_rows: "Rows (estimated)",
    column_key: "Key",
    no_key: "no key — read-only",
    view_word: "view",
    view_key: "Key column of the view",
    view_key_none: "(none — read-only)",
    rows_unknown: "unknown",
    only_view: "Only the current view",
    only_view_hint: "Load only the features within the map view (for tables too big to hold).",
    open: "Open",
    choose_table: "Choose a table in the list.",
    opens_read_only: "The table will open read-only:",
    rows_word: "rows",
    cancel: "Cancel",
    partial_suffix: "loading…",
    load_cancelled: "Cancelled loading table",
    loading: "Loading",
    password_title: "Password needed",
    password_intro: "The server needs a password for",
    password_refused: "The password was refused; type it again.",
    password_kept: "The password is kept in memory until the atlas closes, never written anywhere.",
    connect: "Connect",
    password_field: "Password of the connection",
    filter: "Filter by name",
    source: "Source: database",
    connection: "Connection",
    table: "Table",
    loaded_view_only: "Only the view at opening was loaded",
    reload: "Reload",
    changed_on_server: "The table changed on the server",
    read_only: "Read-only:",
    unreachable: "Database unreachable:",
    retry: "Retry",
};
