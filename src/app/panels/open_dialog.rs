//! The open-file dialog, drawn inside the atlas (no desktop portal or network needed): browse folders, pick
//! GeoJSON files or a project, type a path, and choose the CRS to assume for files that do not declare one.
//! The same dialog opens projects (listing only `*.hpatlas.json`), finds a missing layer file again and
//! chooses a planning dossier to check against Circular 16/2025.
//! A folder that is itself a package — a File Geodatabase (`….gdb`) or a planning dossier (`HoSoGIS`) — is
//! opened by a double-click (a single click chooses it); other folders are browsed into with a click.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use super::Action;
use super::project_dialogs::PROJECT_FILE_ENDING;
use crate::app::i18n::Texts;
use crate::core::crs::{COMMON_CRS_CHOICES, Crs};
use crate::core::source_layers::is_openable_folder;

/// What the chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenPurpose {
    /// Data files (or a project) to add to the map.
    Data,
    /// A project file (`*.hpatlas.json`) to open in place of the current project.
    Project,
    /// The new place of the missing file of the project's layer at this position.
    Relink(usize),
    /// A `HoSoGIS` folder, `.gdb` or `.gpkg` to check against Circular 16/2025.
    CheckTt16,
}

/// The dialog's state while it is open.
#[derive(Debug)]
pub struct OpenDialogState {
    /// What the chosen file is for.
    pub purpose: OpenPurpose,
    /// A line shown above the listing (e.g. which layer's file is being looked for).
    pub note: Option<String>,
    /// The folder listed.
    pub folder: PathBuf,
    /// The typed or clicked path.
    pub path_text: String,
    /// The CRS to use when a file does not declare one (`None`: the format's default, WGS 84 for GeoJSON).
    pub crs: Option<Crs>,
    entries: Vec<(String, bool)>,
    listed_folder: Option<PathBuf>,
    error: Option<String>,
}

impl OpenDialogState {
    /// A dialog listing `folder` for data files.
    pub fn new(folder: PathBuf) -> Self {
        Self::for_purpose(folder, OpenPurpose::Data)
    }

    /// A dialog listing `folder` for `purpose`.
    pub fn for_purpose(folder: PathBuf, purpose: OpenPurpose) -> Self {
        Self {
            purpose,
            note: None,
            folder,
            path_text: String::new(),
            crs: None,
            entries: Vec::new(),
            listed_folder: None,
            error: None,
        }
    }

    fn refresh(&mut self) {
        if self.listed_folder.as_ref() == Some(&self.folder) {
            return;
        }
        self.listed_folder = Some(self.folder.clone());
        match list_folder(&self.folder, self.purpose == OpenPurpose::Project) {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
            }
            Err(error) => {
                self.entries.clear();
                self.error = Some(format!("{}: {error}", self.folder.display()));
            }
        }
    }
}

/// The endings of the files the dialog lists (a `.gdb` is a folder opened as one source; a `.dwg` is
/// listed so that opening it says what to save it as).
const OPENABLE_ENDINGS: [&str; 13] = [
    ".geojson", ".json", ".shp", ".gpkg", ".csv", ".txt", ".gpx", ".gdb", ".dxf", ".dgn", ".tab",
    ".mif", ".dwg",
];

/// Sub-folders (flagged true) and openable files of `folder` (only project files with `projects_only`),
/// folders first, each sorted by name.
pub fn list_folder(folder: &Path, projects_only: bool) -> std::io::Result<Vec<(String, bool)>> {
    let mut entries: Vec<(String, bool)> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_folder = entry.file_type().ok()?.is_dir();
            let lower = name.to_ascii_lowercase();
            let openable = if projects_only {
                lower.ends_with(PROJECT_FILE_ENDING)
            } else {
                OPENABLE_ENDINGS
                    .iter()
                    .any(|extension| lower.ends_with(extension))
            };
            ((is_folder && !name.starts_with('.')) || openable).then_some((name, is_folder))
        })
        .collect();
    entries.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    Ok(entries)
}

/// Draws the dialog; `open` is cleared when it closes.
pub fn open_dialog_ui(
    ctx: &egui::Context,
    t: &Texts,
    state: &mut OpenDialogState,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    state.refresh();
    let mut close = false;
    let title = match state.purpose {
        OpenPurpose::Data => t.open_title,
        OpenPurpose::Project => t.project_open_title,
        OpenPurpose::Relink(_) => t.relink_title,
        OpenPurpose::CheckTt16 => t.lang.tt16_texts().dialog_title,
    };
    egui::Window::new(title)
        .id(egui::Id::unique("open-dialog"))
        .open(open)
        .default_size([520.0, 420.0])
        .collapsible(false)
        .show(ctx, |ui| {
            if let Some(note) = &state.note {
                ui.label(RichText::new(note).strong());
            }
            ui.label(RichText::new(state.folder.display().to_string()).small());
            if ui.button(t.parent_folder).clicked()
                && let Some(parent) = state.folder.parent()
            {
                state.folder = parent.to_path_buf();
            }
            if let Some(error) = &state.error {
                ui.colored_label(egui::Color32::from_rgb(180, 30, 30), error);
            }
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    let entries = state.entries.clone();
                    for (name, is_folder) in entries {
                        close |= entry_ui(ui, t, state, &name, is_folder, actions);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label(t.path_label);
                ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(380.0))
                    .labelled_by(label.id);
            });
            if state.purpose == OpenPurpose::Data {
                crs_choice_ui(ui, t, state);
            }
            ui.horizontal(|ui| {
                let path = PathBuf::from(state.path_text.trim());
                if ui.button(t.open_button).clicked() && !state.path_text.trim().is_empty() {
                    actions.push(chosen_action(state, path));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
    if close {
        *open = false;
    }
}

/// One entry of the listing: a click browses into a folder or chooses a file (or a package folder); a
/// double-click opens a file or a package folder. Returns true when the dialog should close.
fn entry_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    state: &mut OpenDialogState,
    name: &str,
    is_folder: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let full = state.folder.join(name);
    let takes_packages = matches!(state.purpose, OpenPurpose::Data | OpenPurpose::CheckTt16);
    let package = is_folder && takes_packages && is_openable_folder(&full);
    let text = match (is_folder, package) {
        (true, true) => format!("▣ {name}"),
        (true, false) => format!("▸ {name}/"),
        (false, _) => name.to_string(),
    };
    let mut response = ui.selectable_label(state.path_text.ends_with(name), text);
    if package {
        response = response.on_hover_text(t.lang.group_texts().package_folder_tooltip);
    }
    if response.clicked() {
        match (is_folder, package) {
            (true, false) => state.folder = full.clone(),
            _ => state.path_text = full.display().to_string(),
        }
    }
    if response.double_clicked() && (!is_folder || package) {
        actions.push(chosen_action(state, full));
        return true;
    }
    false
}

/// What choosing `path` asks for, by the dialog's purpose.
fn chosen_action(state: &OpenDialogState, path: PathBuf) -> Action {
    match state.purpose {
        OpenPurpose::Data => Action::OpenFiles(vec![path], state.crs),
        OpenPurpose::Project => Action::OpenProject(path),
        OpenPurpose::Relink(index) => Action::RelinkLayer(index, path),
        OpenPurpose::CheckTt16 => Action::Tt16(crate::app::tt16_check::Tt16Action::Check(path)),
    }
}

/// The CRS to assume for data files that do not declare one.
fn crs_choice_ui(ui: &mut egui::Ui, t: &Texts, state: &mut OpenDialogState) {
    ui.horizontal(|ui| {
        let label = ui.label(t.crs_if_missing);
        egui::ComboBox::from_id_salt("open-crs")
            .selected_text(
                state
                    .crs
                    .map_or_else(|| t.crs_from_file.to_string(), Crs::label),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.crs, None, t.crs_from_file);
                for crs in COMMON_CRS_CHOICES {
                    ui.selectable_value(&mut state.crs, Some(crs), crs.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
}
