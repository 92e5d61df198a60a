//! The editing toolbar over the map's top-left corner while a layer is in edit mode: the layer's name, the
//! tools (select, add, vertices, move, split), deleting the selected feature, leaving edit mode, and a line
//! saying what the current tool does with clicks and keys.

use eframe::egui::{self, RichText};

use super::tools::{EditTool, EditorState};
use crate::app::i18n_edits::EditTexts;
use crate::app::panels::Action;
use crate::core::layer::Layer;

/// Draws the toolbar inside `view_in_screen`.
pub fn edit_toolbar_ui(
    ui: &mut egui::Ui,
    view_in_screen: egui::Rect,
    t: &EditTexts,
    layer: &Layer,
    state: &mut EditorState,
    has_selection: bool,
    actions: &mut Vec<Action>,
) {
    let area = egui::Rect::from_min_size(
        view_in_screen.left_top() + egui::vec2(12.0, 12.0),
        egui::vec2((view_in_screen.width() - 90.0).clamp(200.0, 760.0), 80.0),
    );
    let mut bar = ui.new_child(egui::UiBuilder::new().max_rect(area));
    egui::Frame::popup(bar.style()).show(&mut bar, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("✏ {}", layer.name)).strong());
            ui.separator();
            for (tool, label) in [
                (EditTool::Select, t.tool_select),
                (EditTool::Add, t.tool_add),
                (EditTool::Vertices, t.tool_vertices),
                (EditTool::Move, t.tool_move),
                (EditTool::Split, t.tool_split),
            ] {
                if ui.selectable_label(state.tool == tool, label).clicked() {
                    state.choose_tool(tool);
                }
            }
            ui.separator();
            if ui
                .add_enabled(has_selection, egui::Button::new(t.delete_feature))
                .clicked()
            {
                actions.push(Action::DeleteSelectedFeature);
            }
            if ui.button(t.stop_editing).clicked() {
                actions.push(Action::ToggleEditMode(layer.id));
            }
        });
        let hint = match state.tool {
            EditTool::Select => t.hint_select,
            EditTool::Add => t.hint_add,
            EditTool::Vertices => t.hint_vertices,
            EditTool::Move => t.hint_move,
            EditTool::Split => t.hint_split,
        };
        ui.label(RichText::new(hint).small());
    });
}
