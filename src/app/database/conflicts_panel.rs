//! The conflicts panel (right side, like identify and the land-use balance): after a save that wrote nothing
//! because other planners changed the same rows, each row with its key, a field-by-field table of mine
//! against the server's (differences highlighted), the deleted states, and *Giữ của tôi* / *Lấy bản trên máy
//! chủ* per row and for all; once every row is settled, *Lưu lại* saves again. Clicking a row frames it.

use eframe::egui::{self, Color32, RichText};
use geo::CoordsIter;

use super::save_database::DbSaveAction;
use super::save_texts::DbSaveTexts;
use crate::app::AtlasApp;
use crate::app::i18n::Lang;
use crate::app::panels::Action;
use crate::core::attributes::AttributeValue;
use crate::core::layer::{Layer, LayerId};
use crate::core::postgis::save::RowConflict;
use crate::core::session::database::ConflictChoice;

/// Background of a value that differs between mine and the server's.
const DIFFERENT_FILL: Color32 = Color32::from_rgb(255, 236, 179);
/// Text of a deleted state.
const DELETED_COLOUR: Color32 = Color32::from_rgb(170, 30, 30);
/// Text of a settled row.
const SETTLED_COLOUR: Color32 = Color32::from_rgb(20, 110, 40);

/// One conflicting row and how the planner settled it.
#[derive(Debug)]
pub struct ConflictRow {
    /// The conflict as the save reported it.
    pub conflict: RowConflict,
    /// The planner's choice, once made.
    pub settled: Option<ConflictChoice>,
}

/// The conflicts of one save of one layer.
#[derive(Debug)]
pub struct ConflictsPanel {
    /// The layer saved.
    pub layer: LayerId,
    /// Its conflicting rows.
    pub rows: Vec<ConflictRow>,
    /// The row framed on the map.
    pub focused: Option<usize>,
}

impl ConflictsPanel {
    /// The panel for the conflicts of a save of `layer`.
    pub fn new(layer: LayerId, conflicts: Vec<RowConflict>) -> Self {
        Self {
            layer,
            rows: conflicts
                .into_iter()
                .map(|conflict| ConflictRow {
                    conflict,
                    settled: None,
                })
                .collect(),
            focused: None,
        }
    }

    /// The rows not settled yet.
    pub fn unsettled_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&row| self.rows[row].settled.is_none())
            .collect()
    }

    /// True when every row is settled.
    pub fn all_settled(&self) -> bool {
        self.rows.iter().all(|row| row.settled.is_some())
    }
}

impl AtlasApp {
    /// Draws the conflicts panel when a save left conflicts to settle.
    pub(crate) fn conflicts_panel_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let lang = self.lang();
        let Some(panel) = self.db_save.conflicts.as_ref() else {
            return;
        };
        let Some(layer) = self.session.layer(panel.layer) else {
            return;
        };
        egui::Panel::right("db-conflicts-panel")
            .default_size(430.0)
            .resizable(true)
            .show(ui, |ui| panel_ui(ui, lang, layer, panel, actions));
    }
}

fn panel_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    layer: &Layer,
    panel: &ConflictsPanel,
    actions: &mut Vec<Action>,
) {
    let t = lang.db_save_texts();
    let mut push = |action: DbSaveAction| actions.push(Action::DbSave(action));
    ui.heading(t.conflicts_heading);
    ui.label(
        RichText::new(lang.db_conflicts_summary(panel.rows.len()))
            .strong()
            .color(DELETED_COLOUR),
    );
    ui.label(format!("{} {}", t.conflicts_layer, layer.name));
    ui.label(
        RichText::new(t.conflicts_legend)
            .small()
            .color(Color32::DARK_GRAY),
    );
    let left = panel.unsettled_rows().len();
    if left > 0 {
        ui.horizontal_wrapped(|ui| {
            if ui.button(t.keep_all_mine).clicked() {
                push(DbSaveAction::SettleAll(ConflictChoice::KeepMine));
            }
            if ui.button(t.take_all_theirs).clicked() {
                push(DbSaveAction::SettleAll(ConflictChoice::TakeTheirs));
            }
        });
        ui.label(lang.db_conflicts_left(left));
    } else {
        ui.label(RichText::new(t.all_settled).color(SETTLED_COLOUR));
    }
    ui.horizontal(|ui| {
        let save = ui.add_enabled(
            left == 0,
            egui::Button::new(RichText::new(t.save_again).strong()),
        );
        if save.clicked() {
            push(DbSaveAction::SaveAgain);
        }
        if ui.button(t.close_conflicts).clicked() {
            push(DbSaveAction::CloseConflicts);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("db-conflict-rows")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (position, row) in panel.rows.iter().enumerate() {
                let focused = panel.focused == Some(position);
                row_ui(ui, lang, t, layer, position, row, focused, &mut push);
                ui.add_space(6.0);
            }
        });
}

#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    t: &DbSaveTexts,
    layer: &Layer,
    position: usize,
    row: &ConflictRow,
    focused: bool,
    push: &mut impl FnMut(DbSaveAction),
) {
    let conflict = &row.conflict;
    let stroke = if focused {
        egui::Stroke::new(2.0, Color32::from_rgb(230, 110, 0))
    } else {
        egui::Stroke::new(1.0, Color32::from_gray(190))
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{} {}", t.key_word, conflict.key)).strong());
                if ui
                    .small_button(t.show_on_map)
                    .on_hover_text(t.show_on_map)
                    .clicked()
                {
                    push(DbSaveAction::ShowRow(position));
                }
            });
            if conflict.theirs.is_none() {
                ui.label(RichText::new(t.deleted_on_server).color(DELETED_COLOUR));
            }
            if conflict.mine.is_none() {
                ui.label(RichText::new(t.you_deleted).color(DELETED_COLOUR));
            }
            values_grid_ui(ui, lang, t, layer, position, conflict);
            match row.settled {
                Some(ConflictChoice::KeepMine) => {
                    ui.label(RichText::new(t.settled_mine).color(SETTLED_COLOUR));
                }
                Some(ConflictChoice::TakeTheirs) => {
                    ui.label(RichText::new(t.settled_theirs).color(SETTLED_COLOUR));
                }
                None => {
                    ui.horizontal(|ui| {
                        if ui.button(t.keep_mine).clicked() {
                            push(DbSaveAction::Settle(position, ConflictChoice::KeepMine));
                        }
                        if ui.button(t.take_theirs).clicked() {
                            push(DbSaveAction::Settle(position, ConflictChoice::TakeTheirs));
                        }
                    });
                }
            }
        });
}

/// The field-by-field table of a row: field, mine, the server's; values that differ are highlighted.
fn values_grid_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    t: &DbSaveTexts,
    layer: &Layer,
    position: usize,
    conflict: &RowConflict,
) {
    let mine = conflict.mine.as_ref();
    let theirs = conflict.theirs.as_ref().map(|theirs| &theirs.values);
    let both_sides = mine.is_some() && theirs.is_some();
    let shown = |value: Option<&AttributeValue>| -> String {
        match value {
            None => "—".to_string(),
            Some(AttributeValue::Null) => t.empty_value.to_string(),
            Some(value) => {
                let text = value.to_string();
                if text.is_empty() {
                    t.empty_value.to_string()
                } else {
                    text
                }
            }
        }
    };
    egui::Grid::new(("db-conflict-grid", position))
        .striped(true)
        .num_columns(3)
        .min_col_width(60.0)
        .show(ui, |ui| {
            ui.label(RichText::new(t.field_column).strong());
            ui.label(RichText::new(t.mine_column).strong());
            ui.label(RichText::new(t.theirs_column).strong());
            ui.end_row();
            for (field_position, field) in layer.fields.iter().enumerate() {
                let mine_value = mine.and_then(|values| values.attributes.get(field_position));
                let theirs_value = theirs.and_then(|values| values.attributes.get(field_position));
                // A deleted side is said once above the table, not highlighted in every cell.
                let differs = both_sides && mine_value != theirs_value;
                ui.label(&field.name);
                cell_ui(ui, shown(mine_value), differs);
                cell_ui(ui, shown(theirs_value), differs);
                ui.end_row();
            }
            let vertices =
                |geometry: &geo::Geometry| lang.vertex_count_text(geometry.coords_count());
            let mine_shape = mine.map(|values| &values.geometry_in_map);
            let theirs_shape = theirs.map(|values| &values.geometry_in_map);
            let differs = both_sides && mine_shape != theirs_shape;
            ui.label(t.geometry_row);
            cell_ui(
                ui,
                mine_shape.map_or_else(|| "—".to_string(), vertices),
                differs,
            );
            cell_ui(
                ui,
                theirs_shape.map_or_else(|| "—".to_string(), vertices),
                differs,
            );
            ui.end_row();
        });
}

fn cell_ui(ui: &mut egui::Ui, text: String, differs: bool) {
    if differs {
        ui.label(
            RichText::new(text)
                .strong()
                .background_color(DIFFERENT_FILL),
        );
    } else {
        ui.label(text);
    }
}
