//! The core's database errors ([`DbError`], [`ConnectReason`], [`DbSourceError`]) worded in the interface's
//! language: one line each, naming the connection by service or `user@host/db` and the table by its
//! `schema.name`, never a password (the core's errors hold none). Used by opening, reloading, publishing
//! and saving database layers alike.

use crate::app::i18n::Lang;
use crate::core::crs::CrsError;
use crate::core::db_source::{DbReadOnly, DbSourceError};
use crate::core::layer::LayerError;
use crate::core::postgis::error::{ConnectReason, DbError};

/// A database error as one line in `lang`.
pub fn db_error_text(error: &DbError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        DbError::Source(source) => db_source_error_text(source, lang),
        DbError::Connect { label, reason } => pick(
            vi,
            format!(
                "{label}: không kết nối được — {}",
                connect_reason_text(reason, lang)
            ),
            format!(
                "{label}: cannot connect — {}",
                connect_reason_text(reason, lang)
            ),
        ),
        DbError::TableMissing(table) => pick(
            vi,
            format!(
                "Bảng {} không tồn tại (hoặc vai trò này không được xem).",
                table.display_name()
            ),
            format!(
                "Table {} does not exist (or this role cannot see it).",
                table.display_name()
            ),
        ),
        DbError::NoGeometry(table) => pick(
            vi,
            format!(
                "Bảng {} không có cột hình học (geometry/geography) nào Atlas đọc được.",
                table.display_name()
            ),
            format!(
                "Table {} has no geometry or geography column the atlas can read.",
                table.display_name()
            ),
        ),
        DbError::NoSrid(table) => pick(
            vi,
            format!(
                "Bảng {} không khai báo SRID: hãy chọn hệ tọa độ của nó (ví dụ EPSG:9210).",
                table.display_name()
            ),
            format!(
                "Table {} declares no SRID: choose its coordinate system (e.g. EPSG:9210).",
                table.display_name()
            ),
        ),
        DbError::TableExists(table) => pick(
            vi,
            format!(
                "Bảng {} đã có trên máy chủ; Atlas không thay bảng nếu chưa được phép.",
                table.display_name()
            ),
            format!(
                "Table {} already exists; the atlas does not replace it unless told to.",
                table.display_name()
            ),
        ),
        DbError::PermissionDenied(message) => pick(
            vi,
            format!("Vai trò CSDL không có quyền làm việc này ({message})."),
            format!("The database role is not allowed to do this ({message})."),
        ),
        DbError::ConnectionLost(message) => pick(
            vi,
            format!("Mất kết nối tới CSDL; không có gì được ghi ({message})."),
            format!("The connection to the database was lost; nothing was written ({message})."),
        ),
        DbError::Cancelled => pick(vi, "Đã hủy.".into(), "Cancelled.".into()),
        DbError::Crs(error) => crs_error_text(error, vi),
        DbError::ReadOnly(reason) => match reason {
            DbReadOnly::NoKey => pick(
                vi,
                "Bảng không có khóa chính hay chỉ mục duy nhất nên chỉ xem được.".into(),
                "The table has no primary key or unique index, so it is read-only.".into(),
            ),
            DbReadOnly::View => pick(
                vi,
                "Đây là khung nhìn (view) nên chỉ xem được.".into(),
                "This is a view, so it is read-only.".into(),
            ),
        },
        DbError::Layer(LayerError::Reproject { feature, source }) => pick(
            vi,
            format!(
                "Đối tượng {}: {}",
                feature + 1,
                crs_error_text(source, true)
            ),
            format!("Feature {}: {}", feature + 1, crs_error_text(source, false)),
        ),
        DbError::Layer(LayerError::Crs(error)) => crs_error_text(error, vi),
        DbError::Unsupported(message) => pick(
            vi,
            format!("Atlas chưa hỗ trợ: {message}"),
            format!("Not supported: {message}"),
        ),
        DbError::Server { message, code } => {
            let code = if code.is_empty() {
                String::new()
            } else {
                format!(" [{code}]")
            };
            pick(
                vi,
                format!("Máy chủ CSDL báo lỗi: {message}{code}"),
                format!("The database server said: {message}{code}"),
            )
        }
    }
}

/// Why a connection could not be made, in `lang` (a fragment, lower case, no full stop).
pub fn connect_reason_text(reason: &ConnectReason, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match reason {
        ConnectReason::PasswordMissing => pick(
            vi,
            "cần mật khẩu (không thấy trong ~/.pgpass hay PGPASSWORD)".into(),
            "a password is needed (none in ~/.pgpass or PGPASSWORD)".into(),
        ),
        ConnectReason::PasswordRefused => pick(
            vi,
            "máy chủ từ chối mật khẩu (hoặc tên người dùng)".into(),
            "the server refused the password (or the user name)".into(),
        ),
        ConnectReason::NotAllowed(message) => pick(
            vi,
            format!("máy chủ không cho người dùng này kết nối từ máy này ({message})"),
            format!("the server does not accept this user from here ({message})"),
        ),
        ConnectReason::UnknownHost(host) => pick(
            vi,
            format!("không tìm thấy máy chủ {host}"),
            format!("unknown host {host}"),
        ),
        ConnectReason::Unreachable(message) => pick(
            vi,
            format!(
                "không có máy chủ nào trả lời — máy chủ tắt, sai cổng hoặc bị tường lửa chặn ({message})"
            ),
            format!("no server answered — down, wrong port or a firewall ({message})"),
        ),
        ConnectReason::DatabaseMissing(name) => pick(
            vi,
            format!("không có cơ sở dữ liệu {name}"),
            format!("database {name} does not exist"),
        ),
        ConnectReason::ServiceMissing(name) => pick(
            vi,
            format!("dịch vụ {name} không có trong tệp dịch vụ nào (~/.pg_service.conf)"),
            format!("service {name} is in no service file (~/.pg_service.conf)"),
        ),
        ConnectReason::Tls(message) => pick(
            vi,
            format!("kết nối bảo mật (TLS) thất bại: {message}"),
            format!("the secure (TLS) connection failed: {message}"),
        ),
        ConnectReason::Setting(message) => pick(
            vi,
            format!("thiết lập kết nối sai: {message}"),
            format!("a connection setting is wrong: {message}"),
        ),
        ConnectReason::Other(message) => message.clone(),
    }
}

/// A `PG:` source that could not be read, in `lang`.
pub fn db_source_error_text(error: &DbSourceError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        DbSourceError::NotDatabase => pick(
            vi,
            "Không phải nguồn CSDL (phải bắt đầu bằng PG:).".into(),
            "Not a database source (it should start with PG:).".into(),
        ),
        DbSourceError::UnclosedQuote => pick(
            vi,
            "Chuỗi kết nối có giá trị mở ngoặc kép mà không đóng.".into(),
            "A quoted value is not closed in the connection string.".into(),
        ),
        DbSourceError::NoValue(word) => pick(
            vi,
            format!("«{word}» trong chuỗi kết nối thiếu giá trị (viết từ_khóa=giá_trị)."),
            format!("«{word}» in the connection string has no value (write keyword=value)."),
        ),
        DbSourceError::NoTable => pick(
            vi,
            "Chuỗi kết nối không nêu bảng (thêm table=lược_đồ.tên).".into(),
            "The connection string names no table (add table=schema.name).".into(),
        ),
        DbSourceError::BadTable(name) => pick(
            vi,
            format!(
                "Không đọc được tên bảng «{name}» (viết lược_đồ.tên, đặt phần có dấu chấm trong ngoặc kép)."
            ),
            format!(
                "Table name «{name}» cannot be read (write schema.name, double-quoting a part with a dot)."
            ),
        ),
    }
}

/// True when the error means "ask the planner for the password and try again".
pub fn needs_password(error: &DbError) -> bool {
    matches!(
        error,
        DbError::Connect {
            reason: ConnectReason::PasswordMissing | ConnectReason::PasswordRefused,
            ..
        }
    )
}

fn crs_error_text(error: &CrsError, vi: bool) -> String {
    match error {
        CrsError::UnknownName(name) => pick(
            vi,
            format!("Không nhận ra hệ tọa độ «{name}» (ví dụ đúng: EPSG:9210)."),
            format!("Unrecognised coordinate system «{name}» (e.g. EPSG:9210)."),
        ),
        CrsError::Create { from, to, message } => pick(
            vi,
            format!("PROJ không chuyển được từ {from} sang {to}: {message}"),
            format!("PROJ cannot transform from {from} to {to}: {message}"),
        ),
        CrsError::Transform {
            x,
            y,
            from,
            to,
            message,
        } => pick(
            vi,
            format!("Không chuyển được tọa độ ({x}, {y}) từ {from} sang {to}: {message}"),
            format!("Cannot transform ({x}, {y}) from {from} to {to}: {message}"),
        ),
    }
}

fn pick(vi: bool, vietnamese: String, english: String) -> String {
    if vi { vietnamese } else { english }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::db_source::TableRef;

    #[test]
    fn every_reason_is_worded_in_both_languages_without_a_password() {
        let reasons = [
            ConnectReason::PasswordMissing,
            ConnectReason::PasswordRefused,
            ConnectReason::NotAllowed("pg_hba".into()),
            ConnectReason::UnknownHost("db.example".into()),
            ConnectReason::Unreachable("timed out".into()),
            ConnectReason::DatabaseMissing("quy_hoach".into()),
            ConnectReason::ServiceMissing("hp".into()),
            ConnectReason::Tls("bad certificate".into()),
            ConnectReason::Setting("port".into()),
            ConnectReason::Other("other".into()),
        ];
        for reason in reasons {
            let error = DbError::Connect {
                label: "lan@db/quy_hoach".into(),
                reason,
            };
            let vi = db_error_text(&error, Lang::Vi);
            let en = db_error_text(&error, Lang::En);
            assert!(vi.contains("không kết nối được"), "{vi}");
            assert!(en.contains("cannot connect"), "{en}");
            assert!(!vi.contains('\n') && !en.contains('\n'));
        }
        let table = TableRef {
            schema: "quy_hoach".into(),
            name: "sử dụng đất".into(),
        };
        let vi = db_error_text(&DbError::TableMissing(table), Lang::Vi);
        assert!(vi.contains("không tồn tại"), "{vi}");
        assert!(needs_password(&DbError::Connect {
            label: "x".into(),
            reason: ConnectReason::PasswordRefused
        }));
        assert!(!needs_password(&DbError::Cancelled));
    }
}
