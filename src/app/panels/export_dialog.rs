//! The export dialog: write a layer (or its selected feature) to GeoJSON (RFC 7946, WGS 84) or GeoPackage, at
//! a path the planner types. Writing is atomic; a failure is reported and nothing on disk is half-written.

use std::path::PathBuf;

use eframe::egui;

use super::Action;
use crate::app::i18n::Texts;
use crate::core::layer::LayerId;

/// The output formats offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 7946 GeoJSON in WGS 84.
    GeoJson,
    /// OGC GeoPackage with the layer's CRS.
    GeoPackage,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::GeoJson => "geojson",
            Self::GeoPackage => "gpkg",
        }
    }
}

/// The open export dialog.
#[derive(Clone, Debug)]
pub struct ExportDialogState {
    /// The layer to export.
    pub layer: LayerId,
    /// The output format.
    pub format: ExportFormat,
    /// The typed path.
    pub path_text: String,
    /// Export only the selected feature.
    pub only_selection: bool,
}

impl ExportDialogState {
    /// A dialog for `layer`, proposing `<name>.geojson` in the working directory.
    pub fn new(layer: LayerId, layer_name: &str) -> Self {
        let folder = std::env::current_dir().unwrap_or_default();
        let stem: String = layer_name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Self {
            layer,
            format: ExportFormat::GeoJson,
            path_text: folder.join(format!("{stem}.geojson")).display().to_string(),
            only_selection: false,
        }
    }
}

/// Draws the dialog; `open` is cleared when it closes. `has_selection` says whether a feature of the layer is
/// selected.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    t: &Texts,
    state: &mut ExportDialogState,
    has_selection: bool,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    let mut close = false;
    egui::Window::new(t.export_title)
        .id(egui::Id::unique("export-dialog"))
        .open(open)
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for format in [ExportFormat::GeoJson, ExportFormat::GeoPackage] {
                    let label = match format {
                        ExportFormat::GeoJson => "GeoJSON (WGS 84)",
                        ExportFormat::GeoPackage => "GeoPackage",
                    };
                    if ui
                        .selectable_value(&mut state.format, format, label)
                        .changed()
                    {
                        let path = PathBuf::from(state.path_text.trim())
                            .with_extension(format.extension());
                        state.path_text = path.display().to_string();
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(t.path_label);
                ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(360.0))
                    .labelled_by(label.id);
            });
            if has_selection {
                ui.checkbox(&mut state.only_selection, t.export_selection_only);
            }
            ui.horizontal(|ui| {
                if ui.button(t.export_button).clicked() && !state.path_text.trim().is_empty() {
                    actions.push(Action::ExportLayer(state.clone()));
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
