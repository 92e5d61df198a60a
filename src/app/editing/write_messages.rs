//! The core's reasons about writing edits back to files, worded in the interface's language: why a layer
//! cannot enter edit mode, and why a save did not happen (the file, the feature and field, what was wrong).

use crate::app::i18n::Lang;
use crate::core::io::write_back::{NotWritable, ReadOnlyFormat, ValueProblem, WriteBackError};

/// Why a layer cannot be edited, in `lang`.
pub fn not_writable_text(reason: &NotWritable, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match reason {
        NotWritable::NoSourceFile => pick(
            vi,
            "Lớp không có tệp nguồn để lưu chỉnh sửa; hãy xuất lớp ra GeoPackage.".into(),
            "The layer has no source file to save edits to; export it as a GeoPackage instead.".into(),
        ),
        NotWritable::NoWriter { path, format } => {
            let kind = match format {
                ReadOnlyFormat::Csv => "CSV",
                ReadOnlyFormat::Gpx => "GPX",
                ReadOnlyFormat::Kml => "KML",
                ReadOnlyFormat::Other => "",
            };
            pick(
                vi,
                format!(
                    "{}: Atlas không ghi được tệp {kind}; hãy xuất lớp ra GeoPackage để chỉnh sửa.",
                    path.display()
                ),
                format!(
                    "{}: the atlas cannot write {kind} files; export the layer as a GeoPackage to edit it.",
                    path.display()
                ),
            )
        }
        NotWritable::DatabaseReadOnly(reason) => match reason {
            crate::core::db_source::DbReadOnly::NoKey => pick(
                vi,
                "Bảng CSDL không có khóa chính hay chỉ mục duy nhất nên chỉ mở để xem.".into(),
                "The database table has no primary key or unique index, so it opens read-only.".into(),
            ),
            crate::core::db_source::DbReadOnly::View => pick(
                vi,
                "Đây là khung nhìn (view) của CSDL nên chỉ mở để xem.".into(),
                "This is a database view, so it opens read-only.".into(),
            ),
        },
        NotWritable::DatabaseLayer => pick(
            vi,
            "Lớp nằm trong CSDL; hãy lưu chỉnh sửa lên bảng của nó.".into(),
            "The layer lives in a database; save its edits to its table.".into(),
        ),
        NotWritable::Missing { path } => pick(
            vi,
            format!("{}: không tìm thấy tệp.", path.display()),
            format!("{}: the file is missing.", path.display()),
        ),
        NotWritable::ReadOnlyFile { path } => pick(
            vi,
            format!("{}: tệp chỉ được đọc (không có quyền ghi).", path.display()),
            format!("{}: the file is read-only.", path.display()),
        ),
        NotWritable::ReadOnlyFolder { path } => pick(
            vi,
            format!(
                "{}: thư mục chỉ được đọc; lưu chỉnh sửa cần tạo tệp trong thư mục này.",
                path.display()
            ),
            format!(
                "{}: the folder is read-only; saving needs to create files in it.",
                path.display()
            ),
        ),
        NotWritable::EncodingUncertain => pick(
            vi,
            "Chưa chắc bảng mã chữ của lớp: hãy chọn bảng mã (Mở lại với bảng mã…) trước khi sửa.".into(),
            "The layer's text encoding is uncertain: choose it (reload with an encoding) before editing.".into(),
        ),
        NotWritable::UnknownTable { path } => pick(
            vi,
            format!("{}: không biết bảng GeoPackage của lớp.", path.display()),
            format!("{}: the GeoPackage table of the layer is not known.", path.display()),
        ),
    }
}

/// Why a save of a layer's edits did not happen, in `lang`. Nothing on disk changed in any case.
pub fn write_back_error_text(error: &WriteBackError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let detail = match error {
        WriteBackError::NotWritable(reason) => return not_writable_text(reason, lang),
        WriteBackError::SourceChanged { path } => pick(
            vi,
            format!(
                "{}: tệp đã bị chương trình khác sửa từ lúc đọc; hãy mở lại lớp rồi lưu.",
                path.display()
            ),
            format!(
                "{}: another program changed the file since it was read; reload the layer, then save.",
                path.display()
            ),
        ),
        WriteBackError::Value {
            path,
            feature,
            field,
            problem,
        } => pick(
            vi,
            format!(
                "{}: đối tượng {}, trường {field}: {}",
                path.display(),
                feature + 1,
                value_problem_text(problem, true)
            ),
            format!(
                "{}: feature {}, field {field}: {}",
                path.display(),
                feature + 1,
                value_problem_text(problem, false)
            ),
        ),
        WriteBackError::ZOrMWouldBeLost { path, feature } => pick(
            vi,
            format!(
                "{}: đối tượng {}: tệp có giá trị Z/M mà Atlas không giữ; không ghi được hình đã sửa.",
                path.display(),
                feature + 1
            ),
            format!(
                "{}: feature {}: the file keeps Z/M values the atlas does not hold; the edited shape cannot be written.",
                path.display(),
                feature + 1
            ),
        ),
        WriteBackError::WrongGeometryType {
            path,
            feature,
            expected,
            found,
        } => pick(
            vi,
            format!(
                "{}: đối tượng {}: không ghi được {found} vào tệp chứa {expected}.",
                path.display(),
                feature + 1
            ),
            format!(
                "{}: feature {}: a {found} cannot go into a file of {expected}.",
                path.display(),
                feature + 1
            ),
        ),
        WriteBackError::Io { path, source } => pick(
            vi,
            format!("{}: lỗi ghi tệp ({source}).", path.display()),
            format!("{}: cannot write ({source}).", path.display()),
        ),
        other => pick(
            vi,
            format!("Lỗi khi ghi: {other}"),
            format!("Write error: {other}"),
        ),
    };
    let nothing_lost = pick(
        vi,
        " Tệp giữ nguyên, các chỉnh sửa vẫn còn trong phiên làm việc.".into(),
        " The file is unchanged; the edits are still in the session.".into(),
    );
    format!("{detail}{nothing_lost}")
}

/// What is wrong with one value, in Vietnamese (`vi`) or English.
fn value_problem_text(problem: &ValueProblem, vi: bool) -> String {
    match problem {
        ValueProblem::Unencodable {
            character,
            encoding,
        } => pick(
            vi,
            format!(
                "ký tự «{character}» (U+{:04X}) không có trong bảng mã {encoding} của tệp",
                u32::from(*character)
            ),
            format!(
                "the character «{character}» (U+{:04X}) does not exist in the file's {encoding} encoding",
                u32::from(*character)
            ),
        ),
        ValueProblem::TooLong {
            bytes,
            width,
            encoding,
        } => pick(
            vi,
            format!("chuỗi dài {bytes} byte theo {encoding} nhưng trường chỉ chứa {width}"),
            format!("the text takes {bytes} bytes in {encoding} but the field holds {width}"),
        ),
        ValueProblem::NotANumber { value } => pick(
            vi,
            format!("«{value}» không phải số"),
            format!("«{value}» is not a number"),
        ),
        ValueProblem::TooWide { text, width } => pick(
            vi,
            format!("số {text} quá dài cho trường rộng {width} ký tự"),
            format!("{text} is too wide for a field of {width} characters"),
        ),
        ValueProblem::TooManyDecimals { value, decimals } => pick(
            vi,
            format!("{value} có nhiều hơn {decimals} chữ số thập phân mà trường giữ"),
            format!("{value} has more than the field's {decimals} decimal places"),
        ),
        other => other.to_string(),
    }
}

fn pick(vi: bool, vietnamese: String, english: String) -> String {
    if vi { vietnamese } else { english }
}
