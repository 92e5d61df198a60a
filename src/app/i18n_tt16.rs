//! Interface texts of the TT16 dossier check, in Vietnamese and English: the menu entry, the open dialog's
//! title, the group header's button and the panel *Kiểm tra hồ sơ TT16* (summary, problem rows, CSV export).

use super::i18n::Lang;

/// Every string of the TT16 check the interface shows.
pub struct Tt16Texts {
    /// The menu entry that asks for a dossier to check.
    pub menu_check: &'static str,
    /// The open dialog's title when it chooses what to check.
    pub dialog_title: &'static str,
    /// The panel's title (and the top-bar button that shows it).
    pub panel_title: &'static str,
    /// The group header's button: check this package's source.
    pub check_group: &'static str,
    /// Tooltip of the group header's button.
    pub check_group_tooltip: &'static str,
    /// Button: choose another dossier and check it.
    pub check_other: &'static str,
    /// Shown while the check runs.
    pub running: &'static str,
    /// Shown before any check.
    pub nothing_checked: &'static str,
    /// The verdict when no problem is an error.
    pub verdict_ok: &'static str,
    /// The verdict when some problem is an error.
    pub verdict_not_ok: &'static str,
    /// "errors", after their count.
    pub errors_word: &'static str,
    /// "warnings", after their count.
    pub warnings_word: &'static str,
    /// "layers", after their count.
    pub layers_word: &'static str,
    /// "features", after their count.
    pub features_word: &'static str,
    /// The severity word of an error.
    pub error_word: &'static str,
    /// The severity word of a warning.
    pub warning_word: &'static str,
    /// The heading of problems of a whole package.
    pub whole_package: &'static str,
    /// "feature", before a feature id.
    pub feature_word: &'static str,
    /// "field", before a field name.
    pub field_word: &'static str,
    /// Tooltip of a row with a location.
    pub row_zoom_tooltip: &'static str,
    /// Shown when no problem was found.
    pub no_problems: &'static str,
    /// The label of the CSV path field.
    pub csv_file_label: &'static str,
    /// Button: export the problems as CSV.
    pub export_csv: &'static str,
    /// Notice after the CSV is written, before its path.
    pub csv_written: &'static str,
    /// Notice: the problem has no place on the map.
    pub no_location: &'static str,
    /// Notice: the layer's CRS is unknown, so its problem cannot be placed.
    pub unknown_crs: &'static str,
    /// Notice: the check could not run, before the reason.
    pub check_failed: &'static str,
    /// Button: close the panel.
    pub close: &'static str,
}

const TT16_VI: Tt16Texts = Tt16Texts {
    menu_check: "Kiểm tra hồ sơ TT16…",
    dialog_title: "Chọn hồ sơ cần kiểm tra (HoSoGIS, .gdb, .gpkg)",
    panel_title: "Kiểm tra hồ sơ TT16",
    check_group: "Kiểm tra TT16",
    check_group_tooltip: "Kiểm tra gói dữ liệu của nhóm này theo Thông tư 16/2025/TT-BXD",
    check_other: "Kiểm tra hồ sơ khác…",
    running: "Đang kiểm tra",
    nothing_checked: "Chưa kiểm tra hồ sơ nào. Chọn Tệp → Kiểm tra hồ sơ TT16…",
    verdict_ok: "ĐẠT",
    verdict_not_ok: "KHÔNG ĐẠT",
    errors_word: "lỗi",
    warnings_word: "cảnh báo",
    layers_word: "lớp",
    features_word: "đối tượng",
    error_word: "Lỗi",
    warning_word: "Cảnh báo",
    whole_package: "(cả gói)",
    feature_word: "đối tượng",
    field_word: "trường",
    row_zoom_tooltip: "Nhấp để phóng tới đối tượng",
    no_problems: "Không tìm thấy vấn đề nào.",
    csv_file_label: "Tệp CSV:",
    export_csv: "Xuất CSV",
    csv_written: "Đã ghi danh sách vấn đề vào",
    no_location: "Vấn đề này không gắn với vị trí nào trên bản đồ.",
    unknown_crs: "Lớp không khai báo hệ toạ độ nên không thể phóng tới vị trí của vấn đề.",
    check_failed: "Không kiểm tra được hồ sơ:",
    close: "Đóng",
};

const TT16_EN: Tt16Texts = Tt16Texts {
    menu_check: "Check TT16 dossier…",
    dialog_title: "Choose the dossier to check (HoSoGIS, .gdb, .gpkg)",
    panel_title: "TT16 dossier check",
    check_group: "Check TT16",
    check_group_tooltip: "Check this group's package against Circular 16/2025/TT-BXD",
    check_other: "Check another dossier…",
    running: "Checking",
    nothing_checked: "No dossier checked yet. Choose File → Check TT16 dossier…",
    verdict_ok: "OK",
    verdict_not_ok: "NOT OK",
    errors_word: "errors",
    warnings_word: "warnings",
    layers_word: "layers",
    features_word: "features",
    error_word: "Error",
    warning_word: "Warning",
    whole_package: "(whole package)",
    feature_word: "feature",
    field_word: "field",
    row_zoom_tooltip: "Click to zoom to the feature",
    no_problems: "No problem found.",
    csv_file_label: "CSV file:",
    export_csv: "Export CSV",
    csv_written: "Problems written to",
    no_location: "This problem has no place on the map.",
    unknown_crs: "The layer declares no CRS, so the problem cannot be placed on the map.",
    check_failed: "The dossier could not be checked:",
    close: "Close",
};

impl Lang {
    /// The TT16 check texts of this language.
    pub fn tt16_texts(self) -> &'static Tt16Texts {
        match self {
            Self::Vi => &TT16_VI,
            Self::En => &TT16_EN,
        }
    }
}
