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
    /// Top-bar toggle of the analysis panel.
    pub analysis_button: &'static str,
    /// Analysis panel heading.
    pub analysis_heading: &'static str,
    /// Analysis inputs section.
    pub analysis_inputs: &'static str,
    /// Analysis not yet computed.
    pub analysis_not_computed: &'static str,
    /// Per-class section.
    pub by_class_heading: &'static str,
    /// Units table section.
    pub units_table_heading: &'static str,
    /// Suggestion section.
    pub suggest_heading: &'static str,
    /// Proximity section.
    pub proximity_heading: &'static str,
    /// Conflicts section.
    pub conflicts_heading: &'static str,
    /// Sites layer choice.
    pub sites_layer: &'static str,
    /// Site type field.
    pub type_field: &'static str,
    /// Radius tooltip.
    pub radius_label: &'static str,
    /// Units layer choice.
    pub units_layer: &'static str,
    /// Unit name field.
    pub name_field: &'static str,
    /// Population field.
    pub population_field: &'static str,
    /// Class field.
    pub class_field: &'static str,
    /// Compute button.
    pub compute_button: &'static str,
    /// Total area.
    pub total_area: &'static str,
    /// Covered area.
    pub covered_area: &'static str,
    /// Population covered.
    pub population_covered: &'static str,
    /// Number of proposed sites.
    pub proposed_count: &'static str,
    /// What-if edit mode.
    pub edit_proposed: &'static str,
    /// What-if hint.
    pub edit_proposed_hint: &'static str,
    /// Type of new sites.
    pub proposed_kind: &'static str,
    /// Undo.
    pub undo: &'static str,
    /// Redo.
    pub redo: &'static str,
    /// Delete selected proposed site.
    pub delete_site: &'static str,
    /// Save proposed sites as layer.
    pub save_proposed: &'static str,
    /// Name of the saved proposals layer.
    pub proposed_layer_name: &'static str,
    /// Class column.
    pub class_column: &'static str,
    /// Area column.
    pub area_column: &'static str,
    /// Covered column.
    pub covered_column: &'static str,
    /// Population column.
    pub population_column: &'static str,
    /// Unit column.
    pub unit_column: &'static str,
    /// Number of sites to suggest.
    pub suggest_count: &'static str,
    /// Objective: population.
    pub objective_population: &'static str,
    /// Objective: area.
    pub objective_area: &'static str,
    /// Target class.
    pub target_class: &'static str,
    /// Suggestion site type.
    pub suggest_of_type: &'static str,
    /// Suggest button.
    pub suggest_button: &'static str,
    /// No suggestion.
    pub suggest_nothing: &'static str,
    /// People unit.
    pub people_unit: &'static str,
    /// Site word.
    pub site_word: &'static str,
    /// Accept suggestions.
    pub accept_suggestions: &'static str,
    /// Proximity threshold.
    pub proximity_threshold: &'static str,
    /// Far units label.
    pub far_units: &'static str,
    /// Infrastructure layer.
    pub infrastructure_layer: &'static str,
    /// Protected classes.
    pub protected_classes: &'static str,
    /// Find conflicts.
    pub find_conflicts: &'static str,
    /// Conflicts count.
    pub conflicts_found: &'static str,
    /// Point conflict.
    pub point_inside: &'static str,
    /// Gap.
    pub gap_word: &'static str,
    /// Nearest coverage distance.
    pub nearest_coverage: &'static str,
    /// Title of the load question dialog.
    pub question_title: &'static str,
    /// CRS question.
    pub crs_question: &'static str,
    /// CSV question.
    pub csv_question: &'static str,
    /// CSV easting column.
    pub column_lon_or_easting: &'static str,
    /// CSV northing column.
    pub column_lat_or_northing: &'static str,
    /// Export dialog title.
    pub export_title: &'static str,
    /// Export selection only.
    pub export_selection_only: &'static str,
    /// Export button.
    pub export_button: &'static str,
    /// Export layer button.
    pub export_layer: &'static str,
    /// Export success notice.
    pub exported_to: &'static str,
    /// Text encoding label.
    pub text_encoding: &'static str,
    /// Encoding declared.
    pub encoding_declared: &'static str,
    /// Encoding detected.
    pub encoding_detected: &'static str,
    /// Encoding user.
    pub encoding_user: &'static str,
    /// Encoding ambiguous.
    pub encoding_ambiguous: &'static str,
    /// File menu: PNG export.
    pub png_export_menu: &'static str,
    /// PNG export dialog title.
    pub png_export_title: &'static str,
    /// Map title label.
    pub map_title_label: &'static str,
    /// Image size label.
    pub image_size_label: &'static str,
    /// File menu: new project.
    pub project_new_menu: &'static str,
    /// File menu: open a project.
    pub project_open_menu: &'static str,
    /// File menu: save the project.
    pub project_save_menu: &'static str,
    /// File menu: save the project as.
    pub project_save_as_menu: &'static str,
    /// File menu: recent projects.
    pub project_recent_menu: &'static str,
    /// Recent projects: none.
    pub project_recent_empty: &'static str,
    /// Open-project dialog title.
    pub project_open_title: &'static str,
    /// Save-as dialog title.
    pub project_save_as_title: &'static str,
    /// Save-as dialog hint.
    pub project_file_hint: &'static str,
    /// Save button.
    pub save_button: &'static str,
    /// Notice after a save.
    pub project_saved_to: &'static str,
    /// Title of a project without one.
    pub project_untitled: &'static str,
    /// Tooltip of the unsaved-changes marker.
    pub unsaved_changes: &'static str,
    /// Save refused over the shipped map.
    pub shipped_map_read_only: &'static str,
    /// Open refused for a non-project file.
    pub not_a_project_file: &'static str,
    /// Layers without a file were not saved.
    pub layers_left_out: &'static str,
    /// Missing files window title.
    pub missing_files_title: &'static str,
    /// Missing files window text.
    pub missing_files_intro: &'static str,
    /// Relink button.
    pub relink_button: &'static str,
    /// Relink dialog title.
    pub relink_title: &'static str,
    /// Relink dialog: the layer looked for.
    pub relink_looking_for: &'static str,
    /// Notice after relinking.
    pub relinked: &'static str,
    /// Recovery prompt title.
    pub recovery_title: &'static str,
    /// Recovery prompt text.
    pub recovery_intro: &'static str,
    /// Recovery prompt: time of the autosave.
    pub recovery_saved_at: &'static str,
    /// Recovery prompt: recover.
    pub recover_button: &'static str,
    /// Recovery prompt: discard.
    pub discard_autosave_button: &'static str,
    /// Unsaved-changes prompt title.
    pub unsaved_changes_title: &'static str,
    /// Unsaved-changes prompt text.
    pub unsaved_changes_text: &'static str,
    /// Unsaved-changes prompt: go on without saving.
    pub discard_changes_button: &'static str,
    /// Autosave error prefix.
    pub autosave_failed: &'static str,
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
    no_layers: "Chưa có lớp nào. Mở tệp (GeoJSON, Shapefile, GeoPackage, CSV) hoặc kéo thả vào cửa sổ.",
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
    analysis_button: "Phân tích phủ sóng",
    analysis_heading: "Phân tích phủ sóng dịch vụ số",
    analysis_inputs: "Dữ liệu phân tích",
    analysis_not_computed: "Chọn lớp trạm và lớp đơn vị rồi bấm Tính toán.",
    by_class_heading: "Theo loại đất",
    units_table_heading: "Theo đơn vị",
    suggest_heading: "Đề xuất vị trí trạm",
    proximity_heading: "Khoảng cách tới bộ phận một cửa",
    conflicts_heading: "Xung đột hạ tầng – quy hoạch",
    sites_layer: "Lớp trạm",
    type_field: "Trường loại trạm",
    radius_label: "Bán kính phục vụ (m)",
    units_layer: "Lớp đơn vị",
    name_field: "Trường tên",
    population_field: "Trường dân số",
    class_field: "Trường loại đất",
    compute_button: "Tính toán",
    total_area: "Tổng diện tích",
    covered_area: "Được phủ sóng",
    population_covered: "Dân số được phủ",
    proposed_count: "Trạm đề xuất",
    edit_proposed: "Chỉnh sửa trạm đề xuất",
    edit_proposed_hint: "Nhấp vào bản đồ để thêm trạm, kéo để di chuyển, Delete để xoá, Ctrl+Z / Ctrl+Y để hoàn tác / làm lại.",
    proposed_kind: "Loại trạm mới",
    undo: "Hoàn tác",
    redo: "Làm lại",
    delete_site: "Xoá trạm đã chọn",
    save_proposed: "Lưu trạm đề xuất thành lớp",
    proposed_layer_name: "Trạm đề xuất",
    class_column: "Loại",
    area_column: "Diện tích",
    covered_column: "% phủ",
    population_column: "Dân số phủ",
    unit_column: "Đơn vị",
    suggest_count: "Số trạm",
    objective_population: "Dân số chưa phủ",
    objective_area: "Diện tích chưa phủ",
    target_class: "Loại đất mục tiêu",
    suggest_of_type: "Loại trạm:",
    suggest_button: "Đề xuất",
    suggest_nothing: "Không còn vùng chưa phủ nào để đề xuất.",
    people_unit: "người",
    site_word: "Vị trí",
    accept_suggestions: "Thêm các trạm đã chọn",
    proximity_threshold: "Ngưỡng",
    far_units: "Đơn vị xa hơn ngưỡng",
    infrastructure_layer: "Lớp hạ tầng",
    protected_classes: "Loại đất cần bảo vệ:",
    find_conflicts: "Kiểm tra xung đột",
    conflicts_found: "Số xung đột",
    point_inside: "điểm nằm trong",
    gap_word: "Vùng chưa phủ",
    nearest_coverage: "cách vùng phủ gần nhất",
    question_title: "Cần chọn trước khi mở",
    crs_question: "Tệp không cho biết hệ toạ độ. Chọn hệ toạ độ của các toạ độ trong tệp:",
    csv_question: "Chưa rõ cột toạ độ. Chọn cột và hệ toạ độ (VN-2000: X là toạ độ Bắc, Y là toạ độ Đông):",
    column_lon_or_easting: "Kinh độ / toạ độ Đông (Y)",
    column_lat_or_northing: "Vĩ độ / toạ độ Bắc (X)",
    export_title: "Xuất lớp",
    export_selection_only: "Chỉ đối tượng đang chọn",
    export_button: "Xuất",
    export_layer: "Xuất dữ liệu…",
    exported_to: "Đã xuất ra",
    text_encoding: "Bảng mã",
    encoding_declared: "Bảng mã do tệp khai báo (.cpg)",
    encoding_detected: "Bảng mã tự nhận dạng; chọn khác nếu chữ hiển thị sai",
    encoding_user: "Bảng mã do người dùng chọn",
    encoding_ambiguous: "Không nhận dạng chắc chắn được bảng mã: hãy chọn",
    png_export_menu: "Xuất bản đồ ảnh PNG…",
    png_export_title: "Xuất bản đồ ảnh PNG",
    map_title_label: "Tiêu đề",
    image_size_label: "Kích thước ảnh",
    project_new_menu: "Dự án mới",
    project_open_menu: "Mở dự án…",
    project_save_menu: "Lưu dự án",
    project_save_as_menu: "Lưu dự án thành…",
    project_recent_menu: "Dự án gần đây",
    project_recent_empty: "Chưa có dự án nào",
    project_open_title: "Mở dự án",
    project_save_as_title: "Lưu dự án thành",
    project_file_hint: "Tệp dự án có đuôi .hpatlas.json; đường dẫn tới các lớp được ghi tương đối so với thư mục của tệp.",
    save_button: "Lưu",
    project_saved_to: "Đã lưu dự án vào",
    project_untitled: "Dự án chưa đặt tên",
    unsaved_changes: "Có thay đổi chưa lưu",
    shipped_map_read_only: "Không thể ghi đè bản đồ Hải Phòng đi kèm; hãy lưu thành một tệp khác.",
    not_a_project_file: "Không phải tệp dự án (*.hpatlas.json):",
    layers_left_out: "Các lớp chưa có tệp nguồn không được lưu vào dự án (hãy xuất chúng ra tệp trước):",
    missing_files_title: "Tệp bị thiếu",
    missing_files_intro: "Không tìm thấy tệp dữ liệu của các lớp sau. Dự án đã mở với các lớp còn lại; hãy chỉ lại vị trí tệp.",
    relink_button: "Tìm lại…",
    relink_title: "Tìm lại tệp dữ liệu",
    relink_looking_for: "Tìm tệp cho lớp",
    relinked: "Đã tìm lại tệp:",
    recovery_title: "Khôi phục bản tự lưu?",
    recovery_intro: "Có một bản tự lưu mới hơn tệp dự án (có thể lần trước atlas đóng khi chưa lưu):",
    recovery_saved_at: "Tự lưu lúc",
    recover_button: "Khôi phục",
    discard_autosave_button: "Bỏ bản tự lưu",
    unsaved_changes_title: "Có thay đổi chưa lưu",
    unsaved_changes_text: "Dự án đang mở có thay đổi chưa lưu. Bỏ các thay đổi này? (Chọn Huỷ rồi Lưu dự án để giữ lại.)",
    discard_changes_button: "Bỏ thay đổi",
    autosave_failed: "Không tự lưu được:",
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
    no_layers: "No layers yet. Open a file (GeoJSON, Shapefile, GeoPackage, CSV) or drop it on the window.",
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
    analysis_button: "Coverage analysis",
    analysis_heading: "Digital-service coverage",
    analysis_inputs: "Analysis inputs",
    analysis_not_computed: "Choose the sites and units layers, then press Compute.",
    by_class_heading: "By land-use class",
    units_table_heading: "By unit",
    suggest_heading: "Suggest sites",
    proximity_heading: "Distance to service centres",
    conflicts_heading: "Infrastructure conflicts",
    sites_layer: "Sites layer",
    type_field: "Type field",
    radius_label: "Service radius (m)",
    units_layer: "Units layer",
    name_field: "Name field",
    population_field: "Population field",
    class_field: "Class field",
    compute_button: "Compute",
    total_area: "Total area",
    covered_area: "Covered",
    population_covered: "Population covered",
    proposed_count: "Proposed sites",
    edit_proposed: "Edit proposed sites",
    edit_proposed_hint: "Click the map to add a site, drag to move it, Delete to remove, Ctrl+Z / Ctrl+Y to undo / redo.",
    proposed_kind: "New site type",
    undo: "Undo",
    redo: "Redo",
    delete_site: "Delete selected site",
    save_proposed: "Save proposals as a layer",
    proposed_layer_name: "Proposed sites",
    class_column: "Class",
    area_column: "Area",
    covered_column: "% covered",
    population_column: "People covered",
    unit_column: "Unit",
    suggest_count: "Sites",
    objective_population: "Uncovered people",
    objective_area: "Uncovered area",
    target_class: "Target class",
    suggest_of_type: "Site type:",
    suggest_button: "Suggest",
    suggest_nothing: "Nothing uncovered is left to suggest for.",
    people_unit: "people",
    site_word: "Site",
    accept_suggestions: "Add the ticked sites",
    proximity_threshold: "Threshold",
    far_units: "Units beyond the threshold",
    infrastructure_layer: "Infrastructure layer",
    protected_classes: "Protected classes:",
    find_conflicts: "Find conflicts",
    conflicts_found: "Conflicts found",
    point_inside: "point inside",
    gap_word: "Gap",
    nearest_coverage: "to the nearest coverage",
    question_title: "Choose before opening",
    crs_question: "The file does not say its coordinate system. Choose the CRS of its coordinates:",
    csv_question: "The coordinate columns are unclear. Choose the columns and CRS (VN-2000: X is northing, Y is easting):",
    column_lon_or_easting: "Longitude / easting (Y)",
    column_lat_or_northing: "Latitude / northing (X)",
    export_title: "Export layer",
    export_selection_only: "Only the selected feature",
    export_button: "Export",
    export_layer: "Export…",
    exported_to: "Exported to",
    text_encoding: "Text encoding",
    encoding_declared: "Encoding declared by the file (.cpg)",
    encoding_detected: "Encoding detected; choose another if the text looks wrong",
    encoding_user: "Encoding chosen by the user",
    encoding_ambiguous: "The encoding could not be told for sure: please choose",
    png_export_menu: "Export map as PNG…",
    png_export_title: "Export map as PNG",
    map_title_label: "Title",
    image_size_label: "Image size",
    project_new_menu: "New project",
    project_open_menu: "Open project…",
    project_save_menu: "Save project",
    project_save_as_menu: "Save project as…",
    project_recent_menu: "Recent projects",
    project_recent_empty: "No projects yet",
    project_open_title: "Open project",
    project_save_as_title: "Save project as",
    project_file_hint: "Project files end in .hpatlas.json; layer paths are written relative to the file's folder.",
    save_button: "Save",
    project_saved_to: "Project saved to",
    project_untitled: "Untitled project",
    unsaved_changes: "Unsaved changes",
    shipped_map_read_only: "The shipped Hai Phong map cannot be overwritten; save to another file.",
    not_a_project_file: "Not a project file (*.hpatlas.json):",
    layers_left_out: "Layers without a source file were not saved in the project (export them to a file first):",
    missing_files_title: "Missing files",
    missing_files_intro: "The data files of these layers were not found. The project opened with the other layers; point to where the files are now.",
    relink_button: "Find again…",
    relink_title: "Find the data file",
    relink_looking_for: "Finding the file of the layer",
    relinked: "File found again:",
    recovery_title: "Recover the autosave?",
    recovery_intro: "There is an autosave newer than the project file (the atlas may have closed without saving):",
    recovery_saved_at: "Autosaved at",
    recover_button: "Recover",
    discard_autosave_button: "Discard",
    unsaved_changes_title: "Unsaved changes",
    unsaved_changes_text: "The open project has unsaved changes. Drop them? (Choose Cancel, then Save project, to keep them.)",
    discard_changes_button: "Drop changes",
    autosave_failed: "Autosave failed:",
};
