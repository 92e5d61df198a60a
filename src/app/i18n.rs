//! Interface texts in Vietnamese (the default) and English. Every visible string of the interface is a field
//! of [`Texts`], so a missing translation is a compile error, not a blank button.

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Texts {
    /// A category's legend text in this language.
    pub fn category_label<'a>(&self, category: &'a crate::core::style::Category) -> &'a str {
        match (self.lang, &category.label_en) {
            (Lang::En, Some(english)) => english,
            _ => &category.label,
        }
    }
}

impl Lang {
    /// The texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    /// The other language (for the switch button).
    pub fn other(self) -> Self {
        match self {
            Self::Vi => Self::En,
            Self::En => Self::Vi,
        }
    }
}

/// Every string the interface shows.
pub struct Texts {
    /// The language these texts are in.
    pub lang: Lang,
    /// The title in the menu bar.
    pub app_title: &'static str,
    /// The language's own name, on the switch button.
    pub language_name: &'static str,
    /// Tooltip of the language switch.
    pub switch_language: &'static str,
    /// File menu.
    pub menu_file: &'static str,
    /// Map menu.
    pub menu_map: &'static str,
    /// File menu: open.
    pub open_file_menu: &'static str,
    /// File menu: default project.
    pub open_default_map: &'static str,
    /// File menu: quit.
    pub quit: &'static str,
    /// Zoom in.
    pub zoom_in: &'static str,
    /// Zoom out.
    pub zoom_out: &'static str,
    /// Zoom to the city.
    pub zoom_to_city: &'static str,
    /// Layer panel heading.
    pub layers_heading: &'static str,
    /// Layer panel: open.
    pub open_file_button: &'static str,
    /// Empty layer list.
    pub no_layers: &'static str,
    /// Visibility checkbox tooltip.
    pub visible_tooltip: &'static str,
    /// Plural noun for features.
    pub features_word: &'static str,
    /// Singular noun for a feature.
    pub feature_word: &'static str,
    /// Opacity slider.
    pub opacity: &'static str,
    /// Move layer up.
    pub move_up: &'static str,
    /// Move layer down.
    pub move_down: &'static str,
    /// Zoom to layer.
    pub zoom_to_layer: &'static str,
    /// Attribute table.
    pub attribute_table: &'static str,
    /// Open style editor.
    pub style_button: &'static str,
    /// Remove layer.
    pub remove_layer: &'static str,
    /// Rename box label.
    pub rename: &'static str,
    /// Apply button.
    pub apply: &'static str,
    /// Layer CRS.
    pub layer_crs: &'static str,
    /// CRS origin: declared.
    pub crs_declared: &'static str,
    /// CRS origin: assumed.
    pub crs_assumed: &'static str,
    /// CRS origin: user.
    pub crs_user: &'static str,
    /// Style editor title.
    pub style_title: &'static str,
    /// Fill colour.
    pub fill_colour: &'static str,
    /// Stroke colour.
    pub stroke_colour: &'static str,
    /// Stroke width.
    pub stroke_width: &'static str,
    /// Point size.
    pub point_size: &'static str,
    /// Point symbol.
    pub point_symbol: &'static str,
    /// Circle.
    pub symbol_circle: &'static str,
    /// Square.
    pub symbol_square: &'static str,
    /// Triangle.
    pub symbol_triangle: &'static str,
    /// Diamond.
    pub symbol_diamond: &'static str,
    /// Label field.
    pub label_field: &'static str,
    /// No choice.
    pub none_choice: &'static str,
    /// Categorized style field.
    pub categorize_by: &'static str,
    /// Legend.
    pub legend: &'static str,
    /// Identify panel heading.
    pub identify_heading: &'static str,
    /// Identify: nothing.
    pub nothing_selected: &'static str,
    /// Zoom to feature.
    pub zoom_to_feature: &'static str,
    /// Clear selection.
    pub clear_selection: &'static str,
    /// Area label.
    pub area_label: &'static str,
    /// Length label.
    pub length_label: &'static str,
    /// Table filter.
    pub filter: &'static str,
    /// Open dialog title.
    pub open_title: &'static str,
    /// Open dialog: parent.
    pub parent_folder: &'static str,
    /// Open dialog: path.
    pub path_label: &'static str,
    /// Open dialog: crs.
    pub crs_if_missing: &'static str,
    /// Open dialog: crs from file.
    pub crs_from_file: &'static str,
    /// Open button.
    pub open_button: &'static str,
    /// Cancel.
    pub cancel: &'static str,
    /// Error notice title.
    pub error_title: &'static str,
    /// Info notice title.
    pub info_title: &'static str,
    /// Close a notice.
    pub dismiss: &'static str,
    /// Status: no cursor.
    pub cursor_outside: &'static str,
    /// Status: loading.
    pub loading: &'static str,
    /// Grid name.
    pub vn2000_grid: &'static str,
    /// Northing label (Vietnamese practice: X is northing).
    pub northing_label: &'static str,
    /// Easting label (Vietnamese practice: Y is easting).
    pub easting_label: &'static str,
    /// North arrow letter.
    pub north_letter: &'static str,
}

/// Vietnamese texts.
pub const VI: Texts = Texts {
    lang: Lang::Vi,
    app_title: "Atlas Quy hoạch Thông minh Hải Phòng",
    language_name: "Tiếng Việt",
    switch_language: "Chuyển ngôn ngữ giao diện",
    menu_file: "Tệp",
    menu_map: "Bản đồ",
    open_file_menu: "Mở tệp dữ liệu…",
    open_default_map: "Mở bản đồ Hải Phòng",
    quit: "Thoát",
    zoom_in: "Phóng to",
    zoom_out: "Thu nhỏ",
    zoom_to_city: "Toàn thành phố",
    layers_heading: "Lớp bản đồ",
    open_file_button: "Mở tệp…",
    no_layers: "Chưa có lớp nào. Mở tệp GeoJSON hoặc kéo thả vào cửa sổ.",
    visible_tooltip: "Hiện/ẩn lớp",
    features_word: "đối tượng",
    feature_word: "Đối tượng",
    opacity: "Độ trong suốt",
    move_up: "Lên trên",
    move_down: "Xuống dưới",
    zoom_to_layer: "Phóng tới lớp",
    attribute_table: "Bảng thuộc tính",
    style_button: "Kiểu hiển thị…",
    remove_layer: "Gỡ lớp",
    rename: "Tên lớp",
    apply: "Áp dụng",
    layer_crs: "Hệ toạ độ",
    crs_declared: "Hệ toạ độ do tệp khai báo",
    crs_assumed: "Tệp không khai báo hệ toạ độ: giả định WGS 84 (RFC 7946). Chọn hệ khác nếu sai.",
    crs_user: "Hệ toạ độ do người dùng chọn",
    style_title: "Kiểu hiển thị",
    fill_colour: "Màu tô",
    stroke_colour: "Màu viền/đường",
    stroke_width: "Độ rộng nét",
    point_size: "Cỡ điểm",
    point_symbol: "Ký hiệu điểm",
    symbol_circle: "Tròn",
    symbol_square: "Vuông",
    symbol_triangle: "Tam giác",
    symbol_diamond: "Thoi",
    label_field: "Nhãn theo trường",
    none_choice: "(không)",
    categorize_by: "Phân loại theo trường",
    legend: "Chú giải",
    identify_heading: "Thông tin đối tượng",
    nothing_selected: "Chưa chọn đối tượng nào.",
    zoom_to_feature: "Phóng tới",
    clear_selection: "Bỏ chọn",
    area_label: "Diện tích (trắc địa)",
    length_label: "Chiều dài (trắc địa)",
    filter: "Lọc",
    open_title: "Mở tệp dữ liệu",
    parent_folder: "⬆ Thư mục cha",
    path_label: "Đường dẫn",
    crs_if_missing: "Hệ toạ độ nếu tệp không ghi",
    crs_from_file: "Theo tệp (mặc định WGS 84)",
    open_button: "Mở",
    cancel: "Huỷ",
    error_title: "Không mở được",
    info_title: "Thông báo",
    dismiss: "Đóng thông báo",
    cursor_outside: "Di chuột trên bản đồ để xem toạ độ",
    loading: "Đang tải",
    vn2000_grid: "VN-2000 / TM-3 105°45'",
    northing_label: "X (Bắc)",
    easting_label: "Y (Đông)",
    north_letter: "B",
};

/// English texts.
pub const EN: Texts = Texts {
    lang: Lang::En,
    app_title: "Hai Phong Smart Planning Atlas",
    language_name: "English",
    switch_language: "Switch the interface language",
    menu_file: "File",
    menu_map: "Map",
    open_file_menu: "Open data file…",
    open_default_map: "Open the Hai Phong map",
    quit: "Quit",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_to_city: "Whole city",
    layers_heading: "Layers",
    open_file_button: "Open file…",
    no_layers: "No layers yet. Open a GeoJSON file or drop it on the window.",
    visible_tooltip: "Show/hide layer",
    features_word: "features",
    feature_word: "Feature",
    opacity: "Opacity",
    move_up: "Move up",
    move_down: "Move down",
    zoom_to_layer: "Zoom to layer",
    attribute_table: "Attribute table",
    style_button: "Style…",
    remove_layer: "Remove layer",
    rename: "Layer name",
    apply: "Apply",
    layer_crs: "Coordinate system",
    crs_declared: "Coordinate system declared by the file",
    crs_assumed: "The file declares no coordinate system: WGS 84 assumed (RFC 7946). Choose another if wrong.",
    crs_user: "Coordinate system chosen by the user",
    style_title: "Style",
    fill_colour: "Fill colour",
    stroke_colour: "Stroke colour",
    stroke_width: "Stroke width",
    point_size: "Point size",
    point_symbol: "Point symbol",
    symbol_circle: "Circle",
    symbol_square: "Square",
    symbol_triangle: "Triangle",
    symbol_diamond: "Diamond",
    label_field: "Label field",
    none_choice: "(none)",
    categorize_by: "Categorize by field",
    legend: "Legend",
    identify_heading: "Feature information",
    nothing_selected: "Nothing selected.",
    zoom_to_feature: "Zoom to",
    clear_selection: "Clear",
    area_label: "Area (geodesic)",
    length_label: "Length (geodesic)",
    filter: "Filter",
    open_title: "Open data file",
    parent_folder: "⬆ Parent folder",
    path_label: "Path",
    crs_if_missing: "CRS if the file says none",
    crs_from_file: "From the file (default WGS 84)",
    open_button: "Open",
    cancel: "Cancel",
    error_title: "Could not open",
    info_title: "Notice",
    dismiss: "Dismiss",
    cursor_outside: "Move the pointer over the map to see coordinates",
    loading: "Loading",
    vn2000_grid: "VN-2000 / TM-3 105°45'",
    northing_label: "N",
    easting_label: "E",
    north_letter: "N",
};
