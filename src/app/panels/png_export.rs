//! The "map as PNG" dialog: the current view, at a chosen resolution, with title, legend, scale bar, north
//! arrow and data credits, drawn by the core's headless renderer and written atomically.

use eframe::egui;

use super::Action;
use crate::app::i18n::Texts;

/// The open PNG export dialog.
#[derive(Clone, Debug)]
pub struct PngExportState {
    /// The output file.
    pub path_text: String,
    /// Image width in pixels.
    pub width_px: u32,
    /// Image height in pixels.
    pub height_px: u32,
    /// Pixels per UI point (2 for a high-resolution image of the same page).
    pub scale: f32,
    /// The title of the map.
    pub title: String,
}

impl PngExportState {
    /// A 1920×1080 export to `ban_do.png` in the working directory.
    pub fn new(title: &str) -> Self {
        let folder = std::env::current_dir().unwrap_or_default();
        Self {
            path_text: folder.join("ban_do.png").display().to_string(),
            width_px: 1920,
            height_px: 1080,
            scale: 1.0,
            title: title.to_string(),
        }
    }
}

/// Draws the dialog; `open` is cleared when it closes.
pub fn png_export_ui(
    ctx: &egui::Context,
    t: &Texts,
    state: &mut PngExportState,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    let mut close = false;
    egui::Window::new(t.png_export_title)
        .id(egui::Id::unique("png-export"))
        .open(open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(t.map_title_label);
                ui.add(egui::TextEdit::singleline(&mut state.title).desired_width(320.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                ui.label(t.image_size_label);
                ui.add(
                    egui::DragValue::new(&mut state.width_px)
                        .range(64..=8192)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut state.height_px)
                        .range(64..=8192)
                        .suffix(" px"),
                );
            });
            ui.horizontal(|ui| {
                for (scale, text) in [(1.0, "1×"), (2.0, "2×")] {
                    ui.selectable_value(&mut state.scale, scale, text);
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(t.path_label);
                ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(320.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                if ui.button(t.export_button).clicked() && !state.path_text.trim().is_empty() {
                    actions.push(Action::ExportPng(state.clone()));
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
