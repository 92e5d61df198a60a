//! Interface texts of layer groups and packages opened as a whole, in Vietnamese and English: the group
//! header in the layer panel and the package folders of the open dialog.

use super::i18n::Lang;

/// Every layer-group string the interface shows.
pub struct GroupTexts {
    /// Tooltip of a group's visibility checkbox.
    pub group_visible_tooltip: &'static str,
    /// Tooltip of a group's name: fold or unfold it.
    pub fold_tooltip: &'static str,
    /// "layers", after a group's layer count.
    pub layers_word: &'static str,
    /// Button: move the whole group up.
    pub group_up: &'static str,
    /// Button: move the whole group down.
    pub group_down: &'static str,
    /// Tooltip of the move buttons.
    pub group_move_tooltip: &'static str,
    /// Button: remove the group with its layers.
    pub remove_group: &'static str,
    /// Tooltip of a layer hidden because it has no feature.
    pub empty_layer_tooltip: &'static str,
    /// Tooltip of a package folder in the open dialog.
    pub package_folder_tooltip: &'static str,
}

const GROUP_VI: GroupTexts = GroupTexts {
    group_visible_tooltip: "Hiện/ẩn cả nhóm",
    fold_tooltip: "Thu gọn/mở rộng nhóm",
    layers_word: "lớp",
    group_up: "⬆ Nhóm",
    group_down: "⬇ Nhóm",
    group_move_tooltip: "Đưa cả nhóm lên trên hoặc xuống dưới",
    remove_group: "Gỡ nhóm",
    empty_layer_tooltip: "Lớp không có đối tượng nào (ẩn khi mở)",
    package_folder_tooltip: "Nhấp đúp để mở cả gói dữ liệu",
};

const GROUP_EN: GroupTexts = GroupTexts {
    group_visible_tooltip: "Show/hide the whole group",
    fold_tooltip: "Fold/unfold the group",
    layers_word: "layers",
    group_up: "⬆ Group",
    group_down: "⬇ Group",
    group_move_tooltip: "Move the whole group up or down",
    remove_group: "Remove group",
    empty_layer_tooltip: "The layer has no feature (hidden when opened)",
    package_folder_tooltip: "Double-click to open the whole package",
};

impl Lang {
    /// The layer-group texts of this language.
    pub fn group_texts(self) -> &'static GroupTexts {
        match self {
            Self::Vi => &GROUP_VI,
            Self::En => &GROUP_EN,
        }
    }
}
