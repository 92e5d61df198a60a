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
    /// The field review panel's texts.
    pub review: &'static ReviewTexts,
    /// The slides panel's button in the menu bar and its heading.
    pub slides_button: &'static str,
    /// Slides panel: add a slide from the current view.
    pub add_slide: &'static str,
    /// Slides panel: start the presentation.
    pub start_show: &'static str,
    /// Slides panel: hint when there is no slide.
    pub no_slides: &'static str,
    /// The title of a new slide, before its number.
    pub new_slide_title: &'static str,
    /// Slides panel: the slide title field.
    pub slide_title_label: &'static str,
    /// Slides panel: the speaker note field.
    pub speaker_note_label: &'static str,
    /// Slides panel: move the slide earlier.
    pub move_slide_up: &'static str,
    /// Slides panel: move the slide later.
    pub move_slide_down: &'static str,
    /// Slides panel: show the slide's view on the map.
    pub go_to_slide: &'static str,
    /// Slides panel: replace the slide's view with the current one.
    pub update_slide: &'static str,
    /// Slides panel: delete the slide.
    pub delete_slide: &'static str,
    /// Slides panel: how many annotations the slide keeps.
    pub kept_annotations: &'static str,
    /// Slides panel: the folder slide images go to.
    pub slides_folder_label: &'static str,
    /// Slides panel: export every slide as PNG.
    pub export_slides: &'static str,
    /// Notice after exporting slides: "<n> <this> <folder>".
    pub slides_exported: &'static str,
    /// Show: the laser pointer switch.
    pub laser_button: &'static str,
    /// Show: draw an arrow.
    pub arrow_tool: &'static str,
    /// Show: draw a circle.
    pub circle_tool: &'static str,
    /// Show: place a text.
    pub text_tool: &'static str,
    /// Show: keep the drawn annotations with the slide.
    pub keep_annotations: &'static str,
    /// Show: clear the annotations not kept.
    pub clear_annotations: &'static str,
    /// Show: leave the presentation.
    pub leave_show: &'static str,
    /// Show: the field for an annotation's text.
    pub annotation_text_label: &'static str,
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
    no_layers: "Chưa có lớp nào. Mở tệp (GeoJSON, Shapefile, GeoPackage, CSV, GPX, KML) hoặc kéo thả vào cửa sổ.",
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
    review: &REVIEW_VI,
    slides_button: "Trình chiếu",
    add_slide: "Thêm trang từ khung nhìn hiện tại",
    start_show: "▶ Bắt đầu trình chiếu (F5)",
    no_slides: "Chưa có trang nào. Đưa bản đồ về khung nhìn cần trình bày rồi bấm «Thêm trang».",
    new_slide_title: "Trang",
    slide_title_label: "Tiêu đề trang",
    speaker_note_label: "Ghi chú cho người trình bày",
    move_slide_up: "▲ Lên",
    move_slide_down: "▼ Xuống",
    go_to_slide: "Đi tới",
    update_slide: "Cập nhật từ khung nhìn",
    delete_slide: "Xóa trang",
    kept_annotations: "Chú thích đã giữ",
    slides_folder_label: "Thư mục ảnh",
    export_slides: "Xuất các trang thành PNG…",
    slides_exported: "trang đã xuất vào",
    laser_button: "● Bút laser (L)",
    arrow_tool: "➜ Mũi tên (A)",
    circle_tool: "◯ Vòng tròn (C)",
    text_tool: "T Chữ (T)",
    keep_annotations: "Giữ với trang",
    clear_annotations: "Xóa",
    leave_show: "✕ Thoát (Esc)",
    annotation_text_label: "Nội dung chú thích",
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
    no_layers: "No layers yet. Open a file (GeoJSON, Shapefile, GeoPackage, CSV, GPX, KML) or drop it on the window.",
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
    review: &REVIEW_EN,
    slides_button: "Slides",
    add_slide: "Add slide from current view",
    start_show: "▶ Start presentation (F5)",
    no_slides: "No slides yet. Set the map to the view you want to present, then press “Add slide”.",
    new_slide_title: "Slide",
    slide_title_label: "Slide title",
    speaker_note_label: "Speaker note",
    move_slide_up: "▲ Up",
    move_slide_down: "▼ Down",
    go_to_slide: "Go to",
    update_slide: "Update from view",
    delete_slide: "Delete slide",
    kept_annotations: "Kept annotations",
    slides_folder_label: "Image folder",
    export_slides: "Export slides as PNG…",
    slides_exported: "slides exported to",
    laser_button: "● Laser pointer (L)",
    arrow_tool: "➜ Arrow (A)",
    circle_tool: "◯ Circle (C)",
    text_tool: "T Text (T)",
    keep_annotations: "Keep with slide",
    clear_annotations: "Clear",
    leave_show: "✕ Exit (Esc)",
    annotation_text_label: "Annotation text",
};

/// The field review panel's texts (see [`Texts::review`]).
pub struct ReviewTexts {
    /// The top-bar toggle of the field review panel.
    pub button: &'static str,
    /// The panel heading.
    pub heading: &'static str,
    /// Start dropping a pin.
    pub drop_pin: &'static str,
    /// Tooltip of the drop button.
    pub drop_tooltip: &'static str,
    /// Shown on the map while dropping.
    pub drop_hint: &'static str,
    /// Cancel dropping.
    pub cancel_drop: &'static str,
    /// Label before the reviewer's name.
    pub author_label: &'static str,
    /// No reviewer name yet.
    pub author_unknown: &'static str,
    /// Change the reviewer name.
    pub change_author: &'static str,
    /// The reviewer-name window title.
    pub author_title: &'static str,
    /// What the name is for.
    pub author_explain: &'static str,
    /// The name field.
    pub author_field: &'static str,
    /// Save the name.
    pub author_save: &'static str,
    /// Category field.
    pub category_label: &'static str,
    /// Status field.
    pub status_label: &'static str,
    /// Author filter.
    pub author_filter: &'static str,
    /// Category: issue.
    pub category_issue: &'static str,
    /// Category: proposal.
    pub category_proposal: &'static str,
    /// Category: approved.
    pub category_approved: &'static str,
    /// Status: open.
    pub status_open: &'static str,
    /// Status: resolved.
    pub status_resolved: &'static str,
    /// Filter choice: no restriction.
    pub all_choice: &'static str,
    /// Text filter.
    pub search_label: &'static str,
    /// Also list deleted pins.
    pub show_deleted: &'static str,
    /// Draw pins on the map.
    pub show_on_map: &'static str,
    /// Noun after a pin count.
    pub pins_word: &'static str,
    /// Empty pin list.
    pub no_pins: &'static str,
    /// No pin passes the filters.
    pub no_match: &'static str,
    /// A pin without a note.
    pub no_text: &'static str,
    /// Tooltip of a list row.
    pub fly_tooltip: &'static str,
    /// Form heading for a new pin.
    pub new_pin_heading: &'static str,
    /// Form heading for an existing pin.
    pub pin_heading: &'static str,
    /// The note field.
    pub text_label: &'static str,
    /// The photo list.
    pub photos_label: &'static str,
    /// No photos.
    pub no_photos: &'static str,
    /// A photo file not on this laptop.
    pub photo_missing: &'static str,
    /// Save the form.
    pub save_pin: &'static str,
    /// Drop the unsaved new pin.
    pub discard_new: &'static str,
    /// Deselect the pin.
    pub close_form: &'static str,
    /// Delete the pin (asks first).
    pub delete_pin: &'static str,
    /// The delete confirmation.
    pub confirm_delete: &'static str,
    /// Confirm deletion.
    pub delete_yes: &'static str,
    /// Do not delete after all.
    pub keep_pin: &'static str,
    /// Mark on deleted pins.
    pub deleted_mark: &'static str,
    /// History section.
    pub history_heading: &'static str,
    /// Noun after a version count.
    pub versions_word: &'static str,
    /// History: the pin was dropped.
    pub what_dropped: &'static str,
    /// History: category changed.
    pub what_category: &'static str,
    /// History: status changed.
    pub what_status: &'static str,
    /// History: note changed.
    pub what_text: &'static str,
    /// History: photos changed.
    pub what_photos: &'static str,
    /// History: moved.
    pub what_moved: &'static str,
    /// History: deleted.
    pub what_deleted: &'static str,
    /// History: restored.
    pub what_restored: &'static str,
    /// Attach a photo.
    pub attach_photo: &'static str,
    /// The photo file field.
    pub photo_path: &'static str,
    /// Copy and attach the photo.
    pub attach_button: &'static str,
    /// Why photos need a saved project.
    pub needs_saved_project: &'static str,
    /// Exchange section.
    pub exchange_heading: &'static str,
    /// Open the export form.
    pub export_review: &'static str,
    /// Open the import form.
    pub import_review: &'static str,
    /// The export file field.
    pub export_path: &'static str,
    /// Write the review file.
    pub export_button: &'static str,
    /// The import files field.
    pub import_paths: &'static str,
    /// Merge the files.
    pub import_button: &'static str,
    /// No file given.
    pub no_paths: &'static str,
    /// Notice after export: "<n> <this> <path>".
    pub exported_pins: &'static str,
    /// Merge report: "<this> <n> <files_word>: …".
    pub merged_files: &'static str,
    /// Noun after a file count.
    pub files_word: &'static str,
    /// Merge report: new pins.
    pub added_word: &'static str,
    /// Merge report: updated pins.
    pub updated_word: &'static str,
    /// Merge report: unchanged pins.
    pub unchanged_word: &'static str,
    /// The name could not be stored.
    pub settings_unsaved: &'static str,
    /// Suffix of times.
    pub time_zone: &'static str,
}

/// Vietnamese field review texts.
pub const REVIEW_VI: ReviewTexts = ReviewTexts {
    button: "Góp ý hiện trường",
    heading: "Góp ý hiện trường",
    drop_pin: "Thả ghim",
    drop_tooltip: "Bấm rồi chọn vị trí trên bản đồ (phím tắt P)",
    drop_hint: "Bấm vào bản đồ để thả ghim · Esc để huỷ",
    cancel_drop: "Huỷ thả ghim",
    author_label: "Người góp ý:",
    author_unknown: "(chưa đặt tên)",
    change_author: "Đổi tên…",
    author_title: "Tên người góp ý",
    author_explain: "Tên này được ghi vào mọi ghim góp ý làm trên máy này. Chỉ cần nhập một lần.",
    author_field: "Họ và tên",
    author_save: "Lưu tên",
    category_label: "Loại",
    status_label: "Trạng thái",
    author_filter: "Người góp ý",
    category_issue: "Vấn đề",
    category_proposal: "Đề xuất",
    category_approved: "Đã duyệt",
    status_open: "Chưa xử lý",
    status_resolved: "Đã xử lý",
    all_choice: "Tất cả",
    search_label: "Tìm trong nội dung",
    show_deleted: "Hiện cả ghim đã xoá",
    show_on_map: "Hiện ghim trên bản đồ",
    pins_word: "ghim",
    no_pins: "Chưa có ghim nào. Bấm “Thả ghim” rồi bấm vào bản đồ.",
    no_match: "Không có ghim nào khớp bộ lọc.",
    no_text: "(chưa có nội dung)",
    fly_tooltip: "Bấm để chọn và bay tới ghim",
    new_pin_heading: "Ghim mới",
    pin_heading: "Ghim đã chọn",
    text_label: "Nội dung",
    photos_label: "Ảnh",
    no_photos: "Chưa có ảnh.",
    photo_missing: "(không có trên máy này)",
    save_pin: "Lưu góp ý",
    discard_new: "Bỏ ghim mới",
    close_form: "Đóng",
    delete_pin: "Xoá ghim…",
    confirm_delete: "Xoá ghim này? Ghim bị ẩn nhưng lịch sử vẫn được giữ và gộp sang các máy khác.",
    delete_yes: "Xoá",
    keep_pin: "Không xoá",
    deleted_mark: "đã xoá",
    history_heading: "Lịch sử",
    versions_word: "phiên bản",
    what_dropped: "thả ghim",
    what_category: "đổi loại",
    what_status: "đổi trạng thái",
    what_text: "sửa nội dung",
    what_photos: "thêm ảnh",
    what_moved: "dời vị trí",
    what_deleted: "xoá ghim",
    what_restored: "khôi phục",
    attach_photo: "Đính kèm ảnh…",
    photo_path: "Tệp ảnh",
    attach_button: "Đính kèm",
    needs_saved_project: "Cần lưu dự án trước: ảnh được chép vào thư mục photos/ cạnh tệp dự án.",
    exchange_heading: "Trao đổi giữa các máy",
    export_review: "Xuất tệp góp ý…",
    import_review: "Nhập và gộp tệp góp ý…",
    export_path: "Lưu vào tệp",
    export_button: "Ghi tệp góp ý",
    import_paths: "Các tệp góp ý (mỗi dòng một tệp)",
    import_button: "Gộp vào dự án",
    no_paths: "Chưa nhập đường dẫn tệp.",
    exported_pins: "ghim đã được xuất vào",
    merged_files: "Đã gộp",
    files_word: "tệp",
    added_word: "ghim mới",
    updated_word: "ghim được cập nhật",
    unchanged_word: "ghim không đổi",
    settings_unsaved: "Tên người góp ý chỉ dùng trong phiên này, chưa lưu được:",
    time_zone: "giờ VN",
};

/// English field review texts.
pub const REVIEW_EN: ReviewTexts = ReviewTexts {
    button: "Field review",
    heading: "Field review",
    drop_pin: "Drop a pin",
    drop_tooltip: "Press, then click the place on the map (shortcut P)",
    drop_hint: "Click the map to drop the pin · Esc to cancel",
    cancel_drop: "Cancel dropping",
    author_label: "Reviewer:",
    author_unknown: "(no name yet)",
    change_author: "Change name…",
    author_title: "Reviewer's name",
    author_explain: "This name goes on every review pin made on this laptop. You only enter it once.",
    author_field: "Full name",
    author_save: "Save name",
    category_label: "Category",
    status_label: "Status",
    author_filter: "Reviewer",
    category_issue: "Issue",
    category_proposal: "Proposal",
    category_approved: "Approved",
    status_open: "Open",
    status_resolved: "Resolved",
    all_choice: "All",
    search_label: "Search notes",
    show_deleted: "Show deleted pins",
    show_on_map: "Show pins on the map",
    pins_word: "pins",
    no_pins: "No pins yet. Press “Drop a pin”, then click the map.",
    no_match: "No pin matches the filters.",
    no_text: "(no note)",
    fly_tooltip: "Click to select the pin and fly to it",
    new_pin_heading: "New pin",
    pin_heading: "Selected pin",
    text_label: "Note",
    photos_label: "Photos",
    no_photos: "No photos.",
    photo_missing: "(not on this laptop)",
    save_pin: "Save note",
    discard_new: "Discard new pin",
    close_form: "Close",
    delete_pin: "Delete pin…",
    confirm_delete: "Delete this pin? It is hidden, but its history is kept and merges to other laptops.",
    delete_yes: "Delete",
    keep_pin: "Keep it",
    deleted_mark: "deleted",
    history_heading: "History",
    versions_word: "versions",
    what_dropped: "dropped",
    what_category: "category",
    what_status: "status",
    what_text: "note",
    what_photos: "photos",
    what_moved: "moved",
    what_deleted: "deleted",
    what_restored: "restored",
    attach_photo: "Attach photo…",
    photo_path: "Photo file",
    attach_button: "Attach",
    needs_saved_project: "Save the project first: photos are copied into photos/ next to the project file.",
    exchange_heading: "Exchange between laptops",
    export_review: "Export review file…",
    import_review: "Import and merge review files…",
    export_path: "Save to file",
    export_button: "Write review file",
    import_paths: "Review files (one per line)",
    import_button: "Merge into project",
    no_paths: "No file path given.",
    exported_pins: "pins exported to",
    merged_files: "Merged",
    files_word: "files",
    added_word: "new pins",
    updated_word: "updated",
    unchanged_word: "unchanged",
    settings_unsaved: "The reviewer name is used for this session only; it could not be stored:",
    time_zone: "Vietnam time",
};
