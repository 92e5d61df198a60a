//! Interface texts of editing, in Vietnamese and English: the Edit menu, the names of undoable steps
//! (the core's [`EditKind`], translated here so the core writes no interface text), layer edit mode,
//! attribute and geometry editing, writing edits back to files and the land-use balance.

use super::i18n::Lang;
use crate::core::attribute_input::ValueError;
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
    /// Attribute table: the field to set for the chosen rows.
    pub set_field_label: &'static str,
    /// Attribute table: the value to set.
    pub set_value_label: &'static str,
    /// Attribute table: set the field for the chosen rows.
    pub apply_to_chosen_rows: &'static str,
    /// A typed value is not a whole number.
    pub not_integer: &'static str,
    /// A typed value is not a number.
    pub not_number: &'static str,
    /// A typed value is not true or false.
    pub not_boolean: &'static str,
    /// A typed value is not JSON.
    pub not_json: &'static str,
    /// The field a value was refused for.
    pub field_word: &'static str,
    /// A layer's edits were written to its file.
    pub edits_saved: &'static str,
    /// Tool: select.
    pub tool_select: &'static str,
    /// Tool: add a feature.
    pub tool_add: &'static str,
    /// Tool: edit vertices.
    pub tool_vertices: &'static str,
    /// Tool: move a feature.
    pub tool_move: &'static str,
    /// Tool: split a polygon.
    pub tool_split: &'static str,
    /// Delete the selected feature.
    pub delete_feature: &'static str,
    /// Leave edit mode.
    pub stop_editing: &'static str,
    /// Hint of the select tool.
    pub hint_select: &'static str,
    /// Hint of the add tool.
    pub hint_add: &'static str,
    /// Hint of the vertices tool.
    pub hint_vertices: &'static str,
    /// Hint of the move tool.
    pub hint_move: &'static str,
    /// Hint of the split tool.
    pub hint_split: &'static str,
    /// Split without a selected polygon.
    pub split_needs_selection: &'static str,
    /// Layer panel: write the layer's edits to its file.
    pub save_layer_edits: &'static str,
    /// Tooltip of the pencil: start editing.
    pub enter_edit_mode: &'static str,
    /// Tooltip of the pencil: stop editing.
    pub leave_edit_mode: &'static str,
    /// Tooltip of a layer with edits not yet in its file.
    pub layer_has_unsaved_edits: &'static str,
    /// Top bar: the land-use balance panel.
    pub land_use_button: &'static str,
    /// Land-use panel heading.
    pub land_use_heading: &'static str,
    /// No zoning layer chosen.
    pub land_use_choose_layer: &'static str,
    /// Zoning layer choice.
    pub zoning_layer_label: &'static str,
    /// Class field choice.
    pub class_field_label: &'static str,
    /// Population field choice.
    pub population_field_label: &'static str,
    /// Table column: class.
    pub land_use_class_column: &'static str,
    /// Table column: area.
    pub area_ha_column: &'static str,
    /// Table column: share.
    pub share_column: &'static str,
    /// Table column: m² per person.
    pub norm_column: &'static str,
    /// Table: total row.
    pub total_row: &'static str,
    /// Total population.
    pub population_total: &'static str,
    /// Features without a class.
    pub unclassified: &'static str,
    /// CSV path field.
    pub csv_file_label: &'static str,
    /// Export the table as CSV.
    pub export_csv: &'static str,
    /// The CSV was written.
    pub csv_written: &'static str,
    /// CSV column: feature count.
    pub feature_count_column: &'static str,
    /// CSV column: class value.
    pub class_code_column: &'static str,
}

/// Vietnamese editing texts.
pub const EDIT_VI: EditTexts = EditTexts {
    menu_edit: "Sửa",
    undo_prefix: "Hoàn tác",
    redo_prefix: "Làm lại",
    nothing_to_undo: "Không có gì để hoàn tác",
    nothing_to_redo: "Không có gì để làm lại",
    of_layer: "lớp",
    set_field_label: "Trường",
    set_value_label: "Giá trị",
    apply_to_chosen_rows: "Gán cho các dòng đã chọn",
    not_integer: "không phải số nguyên",
    not_number: "không phải số",
    not_boolean: "không phải đúng/sai (có/không)",
    not_json: "không phải JSON hợp lệ",
    field_word: "trường",
    edits_saved: "Đã lưu chỉnh sửa vào tệp của lớp",
    tool_select: "Chọn",
    tool_add: "Thêm",
    tool_vertices: "Sửa đỉnh",
    tool_move: "Di chuyển",
    tool_split: "Cắt vùng",
    delete_feature: "Xóa đối tượng",
    stop_editing: "Xong",
    hint_select: "Nhấp vào đối tượng để xem và sửa thuộc tính.",
    hint_add: "Nhấp để thêm đỉnh (bắt dính vào đỉnh, cạnh gần nhất); nhấp đúp hoặc Enter để kết thúc; Backspace xóa đỉnh cuối; Esc hủy.",
    hint_vertices: "Chọn đối tượng, kéo đỉnh để di chuyển; nhấp đỉnh rồi Delete để xóa; nhấp đúp vào cạnh để thêm đỉnh.",
    hint_move: "Chọn đối tượng rồi kéo để di chuyển cả đối tượng.",
    hint_split: "Chọn vùng, rồi nhấp các điểm của đường cắt xuyên qua vùng; nhấp đúp hoặc Enter để cắt.",
    split_needs_selection: "Hãy chọn vùng cần cắt trước (công cụ Chọn hoặc nhấp vào vùng).",
    save_layer_edits: "Lưu chỉnh sửa vào tệp",
    enter_edit_mode: "Bật chế độ chỉnh sửa lớp này",
    leave_edit_mode: "Tắt chế độ chỉnh sửa (các thay đổi vẫn giữ cho tới khi lưu)",
    layer_has_unsaved_edits: "Lớp có chỉnh sửa chưa lưu vào tệp",
    land_use_button: "Cân bằng sử dụng đất",
    land_use_heading: "Bảng cân bằng sử dụng đất",
    land_use_choose_layer: "Chọn lớp quy hoạch có trường phân loại đất.",
    zoning_layer_label: "Lớp quy hoạch",
    class_field_label: "Trường loại đất",
    population_field_label: "Trường dân số",
    land_use_class_column: "Loại đất",
    area_ha_column: "Diện tích (ha)",
    share_column: "Tỷ lệ (%)",
    norm_column: "Chỉ tiêu (m²/người)",
    total_row: "Tổng cộng",
    population_total: "Dân số",
    unclassified: "Chưa phân loại",
    csv_file_label: "Tệp CSV",
    export_csv: "Xuất bảng CSV",
    csv_written: "Đã xuất bảng cân bằng sử dụng đất ra",
    feature_count_column: "Số lô",
    class_code_column: "Mã loại đất",
};

/// English editing texts.
pub const EDIT_EN: EditTexts = EditTexts {
    menu_edit: "Edit",
    undo_prefix: "Undo",
    redo_prefix: "Redo",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    of_layer: "of layer",
    set_field_label: "Field",
    set_value_label: "Value",
    apply_to_chosen_rows: "Set for the chosen rows",
    not_integer: "is not a whole number",
    not_number: "is not a number",
    not_boolean: "is not true/false",
    not_json: "is not valid JSON",
    field_word: "field",
    edits_saved: "Edits saved to the file of layer",
    tool_select: "Select",
    tool_add: "Add",
    tool_vertices: "Vertices",
    tool_move: "Move",
    tool_split: "Split",
    delete_feature: "Delete feature",
    stop_editing: "Done",
    hint_select: "Click a feature to see and edit its attributes.",
    hint_add: "Click to add vertices (snapping to nearby vertices and edges); double-click or Enter to finish; Backspace removes the last vertex; Esc cancels.",
    hint_vertices: "Select a feature, drag a vertex to move it; click a vertex then Delete to remove it; double-click an edge to insert a vertex.",
    hint_move: "Select a feature, then drag it to move it.",
    hint_split: "Select a polygon, then click the points of a line across it; double-click or Enter to split.",
    split_needs_selection: "Select the polygon to split first.",
    save_layer_edits: "Save edits to the file",
    enter_edit_mode: "Edit this layer",
    leave_edit_mode: "Stop editing (changes are kept until saved)",
    layer_has_unsaved_edits: "The layer has edits not yet saved to its file",
    land_use_button: "Land-use balance",
    land_use_heading: "Land-use balance",
    land_use_choose_layer: "Choose a zoning layer with a land-use class field.",
    zoning_layer_label: "Zoning layer",
    class_field_label: "Class field",
    population_field_label: "Population field",
    land_use_class_column: "Land use",
    area_ha_column: "Area (ha)",
    share_column: "Share (%)",
    norm_column: "Norm (m²/person)",
    total_row: "Total",
    population_total: "Population",
    unclassified: "Unclassified",
    csv_file_label: "CSV file",
    export_csv: "Export CSV",
    csv_written: "Land-use balance written to",
    feature_count_column: "Parcels",
    class_code_column: "Class code",
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
        EditKind::OpenPackage => ("mở gói dữ liệu", "open package"),
        EditKind::GroupVisibility => ("ẩn/hiện nhóm lớp", "show/hide layer group"),
        EditKind::MoveGroup => ("đổi thứ tự nhóm lớp", "move layer group"),
        EditKind::RemoveGroup => ("gỡ nhóm lớp", "remove layer group"),
        EditKind::LayerGroup => ("đổi nhóm", "change group"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A refused value in the interface's language: "«abc» không phải số (trường dan_so)".
pub fn value_error_text(error: &ValueError, field: &str, lang: Lang) -> String {
    let texts = lang.edit_texts();
    let (text, problem) = match error {
        ValueError::NotInteger { text } => (text, texts.not_integer),
        ValueError::NotNumber { text } => (text, texts.not_number),
        ValueError::NotBoolean { text } => (text, texts.not_boolean),
        ValueError::NotJson { text } => (text, texts.not_json),
    };
    format!("«{text}» {problem} ({} {field})", texts.field_word)
}

/// The menu text of an undo or redo step: "Hoàn tác: đổi màu lớp Quy hoạch", "Hoàn tác: ẩn/hiện nhóm lớp
/// QuyHoach.gpkg" (a step on a layer group names the group).
pub fn step_text(prefix: &str, label: &EditLabel, lang: Lang) -> String {
    let texts = lang.edit_texts();
    let what = edit_kind_text(label.kind, lang);
    match &label.layer_name {
        Some(name) if label.kind.concerns_group() => format!("{prefix}: {what} {name}"),
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

    #[test]
    fn steps_on_a_group_name_the_group() {
        let label = EditLabel {
            kind: EditKind::GroupVisibility,
            layer_name: Some("QuyHoach.gpkg".into()),
        };
        assert_eq!(
            step_text(EDIT_VI.undo_prefix, &label, Lang::Vi),
            "Hoàn tác: ẩn/hiện nhóm lớp QuyHoach.gpkg"
        );
        assert_eq!(
            step_text(EDIT_EN.undo_prefix, &label, Lang::En),
            "Undo: show/hide layer group QuyHoach.gpkg"
        );
    }
}
