//! Interface texts of editing, in Vietnamese and English: the Edit menu, the names of undoable steps
//! (the core's [`EditKind`], translated here so the core writes no interface text), layer edit mode,
//! attribute and geometry editing, writing edits back to files and the land-use balance.

use super::i18n::Lang;
use crate::core::session::{EditKind, EditLabel};

/// Every editing string the interface shows.
pub struct EditTexts {
    /// The Edit menu.
    pub menu_edit: &'static str,
    /// "Undo" before the step's name.
    pub undo_prefix: &'static str,
    /// "Redo" before the step's name.
    pub redo_prefix: &'static str,
    /// The undo item when there is nothing to undo.
    pub nothing_to_undo: &'static str,
    /// The redo item when there is nothing to redo.
    pub nothing_to_redo: &'static str,
    /// "of layer" between a step's name and the layer's name.
    pub of_layer: &'static str,
}

/// Vietnamese editing texts.
pub const EDIT_VI: EditTexts = EditTexts {
    menu_edit: "Sửa",
    undo_prefix: "Hoàn tác",
    redo_prefix: "Làm lại",
    nothing_to_undo: "Không có gì để hoàn tác",
    nothing_to_redo: "Không có gì để làm lại",
    of_layer: "lớp",
};

/// English editing texts.
pub const EDIT_EN: EditTexts = EditTexts {
    menu_edit: "Edit",
    undo_prefix: "Undo",
    redo_prefix: "Redo",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    of_layer: "of layer",
};

impl Lang {
    /// The editing texts of this language.
    pub fn edit_texts(self) -> &'static EditTexts {
        match self {
            Self::Vi => &EDIT_VI,
            Self::En => &EDIT_EN,
        }
    }
}

/// The name of an undoable step in `lang` ("đổi màu lớp", "move vertex", …).
pub fn edit_kind_text(kind: EditKind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        EditKind::AddLayer => ("thêm lớp", "add layer"),
        EditKind::RemoveLayer => ("gỡ lớp", "remove layer"),
        EditKind::Visibility => ("ẩn/hiện", "show/hide"),
        EditKind::Opacity => ("đổi độ mờ", "change opacity"),
        EditKind::Reorder => ("đổi thứ tự", "reorder"),
        EditKind::Rename => ("đổi tên", "rename"),
        EditKind::Style => ("đổi màu", "change style"),
        EditKind::LayerCrs => ("đổi hệ tọa độ", "change CRS"),
        EditKind::ReloadLayer => ("đọc lại", "reload"),
        EditKind::Attribute => ("sửa thuộc tính", "edit attribute"),
        EditKind::AttributeColumn => ("sửa nhiều dòng", "edit many rows"),
        EditKind::Geometry => ("sửa hình", "edit geometry"),
        EditKind::MoveVertex => ("di chuyển đỉnh", "move vertex"),
        EditKind::InsertVertex => ("thêm đỉnh", "insert vertex"),
        EditKind::DeleteVertex => ("xóa đỉnh", "delete vertex"),
        EditKind::MoveFeature => ("di chuyển đối tượng", "move feature"),
        EditKind::AddFeature => ("thêm đối tượng", "add feature"),
        EditKind::DeleteFeatures => ("xóa đối tượng", "delete features"),
        EditKind::SplitPolygon => ("cắt vùng", "split polygon"),
        EditKind::Title => ("đổi tiêu đề dự án", "change project title"),
        EditKind::HomeLayer => ("đổi lớp mặc định", "change home layer"),
        EditKind::Language => ("đổi ngôn ngữ", "change language"),
        EditKind::Views => ("sửa khung nhìn", "edit views"),
        EditKind::AddSlide => ("thêm trang", "add slide"),
        EditKind::RemoveSlide => ("xóa trang", "delete slide"),
        EditKind::EditSlide => ("sửa trang", "edit slide"),
        EditKind::MoveSlide => ("đổi thứ tự trang", "reorder slides"),
        EditKind::ApplyView => ("áp dụng trang", "apply slide"),
        EditKind::Pin => ("sửa ghim góp ý", "edit review pin"),
        EditKind::MergePins => ("gộp tệp góp ý", "merge review files"),
        EditKind::AnalysisSettings => ("đổi thiết lập phân tích", "change analysis settings"),
        EditKind::AddProposal => ("thêm trạm đề xuất", "add proposed site"),
        EditKind::RemoveProposal => ("xóa trạm đề xuất", "delete proposed site"),
        EditKind::MoveProposal => ("di chuyển trạm đề xuất", "move proposed site"),
        EditKind::AcceptSuggestions => ("nhận trạm gợi ý", "accept suggested sites"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The menu text of an undo or redo step: "Hoàn tác: đổi màu lớp Quy hoạch".
pub fn step_text(prefix: &str, label: &EditLabel, lang: Lang) -> String {
    let texts = lang.edit_texts();
    let what = edit_kind_text(label.kind, lang);
    match &label.layer_name {
        Some(name) => format!("{prefix}: {what} {} {name}", texts.of_layer),
        None => format!("{prefix}: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_texts_name_the_edit_and_the_layer_in_both_languages() {
        let label = EditLabel {
            kind: EditKind::Style,
            layer_name: Some("Quy hoạch".into()),
        };
        assert_eq!(
            step_text(EDIT_VI.undo_prefix, &label, Lang::Vi),
            "Hoàn tác: đổi màu lớp Quy hoạch"
        );
        assert_eq!(
            step_text(EDIT_EN.redo_prefix, &label, Lang::En),
            "Redo: change style of layer Quy hoạch"
        );
    }
}
