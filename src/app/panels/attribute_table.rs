//! The attribute table window of one layer: every feature as a row, sortable by any column, filtered by
//! text; clicking a row selects the feature and frames it on the map, Ctrl+click and Shift+click choose
//! several rows. When the layer is in edit mode a double-click on a cell edits it, and one field can be set
//! for all chosen rows at once (one undoable step). Only visible rows are laid out.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::Action;
use crate::app::i18n::Texts;
use crate::app::i18n_edits::EditTexts;
use crate::app::map_view::Selection;
use crate::core::layer::{Layer, LayerId};

/// What the row order was computed from: geometry and attribute revisions, feature count, filter, sort.
type RowsKey = (u64, u64, usize, String, Option<(usize, bool)>);

/// The state of the open attribute table.
#[derive(Debug)]
pub struct AttributeTableState {
    /// The layer shown.
    pub layer: LayerId,
    /// The text filter (matches any cell, case-insensitive).
    pub filter: String,
    /// Column sorted by, and whether ascending.
    pub sort: Option<(usize, bool)>,
    /// The rows chosen (feature positions), for editing one field of all of them.
    pub chosen_rows: BTreeSet<usize>,
    /// The row clicked last (the anchor of Shift+click).
    anchor_row: Option<usize>,
    /// The cell being edited (feature, field) and its text.
    pub cell_draft: Option<(usize, usize, String)>,
    /// The field and text of "set for the chosen rows".
    pub column_edit: (usize, String),
    /// Row order after filter and sort, with the inputs it was computed from.
    rows: Vec<usize>,
    rows_key: Option<RowsKey>,
}

impl AttributeTableState {
    /// A table for `layer`, unsorted and unfiltered.
    pub fn new(layer: LayerId) -> Self {
        Self {
            layer,
            filter: String::new(),
            sort: None,
            chosen_rows: BTreeSet::new(),
            anchor_row: None,
            cell_draft: None,
            column_edit: (0, String::new()),
            rows: Vec::new(),
            rows_key: None,
        }
    }

    /// The feature positions shown, in display order.
    pub fn visible_rows(&mut self, layer: &Layer) -> &[usize] {
        let key = (
            layer.revision,
            layer.attribute_revision,
            layer.features.len(),
            self.filter.clone(),
            self.sort,
        );
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = filtered_sorted_rows(layer, &self.filter, self.sort);
            self.rows_key = Some(key);
        }
        &self.rows
    }
}

/// Feature positions matching `filter` (any cell contains it, ignoring case), ordered by `sort`.
pub fn filtered_sorted_rows(
    layer: &Layer,
    filter: &str,
    sort: Option<(usize, bool)>,
) -> Vec<usize> {
    let needle = filter.trim().to_lowercase();
    let mut rows: Vec<usize> = layer
        .features
        .iter()
        .enumerate()
        .filter(|(_, feature)| {
            needle.is_empty()
                || feature
                    .attributes
                    .iter()
                    .any(|value| value.to_string().to_lowercase().contains(&needle))
        })
        .map(|(position, _)| position)
        .collect();
    if let Some((column, ascending)) = sort {
        rows.sort_by(|a, b| {
            let value = |row: &usize| {
                layer
                    .features
                    .get(*row)
                    .and_then(|feature| feature.attributes.get(column))
            };
            let ordering = match (value(a), value(b)) {
                (Some(x), Some(y)) => x.sort_cmp(y),
                _ => std::cmp::Ordering::Equal,
            };
            if ascending {
                ordering
            } else {
                ordering.reverse()
            }
        });
    }
    rows
}

/// Draws the attribute table window (editable when `editable`); `open` is cleared when it is closed.
#[allow(clippy::too_many_arguments)]
pub fn attribute_table_ui(
    ctx: &egui::Context,
    t: &Texts,
    edit_texts: &EditTexts,
    layer: &Layer,
    state: &mut AttributeTableState,
    selection: Option<Selection>,
    editable: bool,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    egui::Window::new(format!("{} — {}", t.attribute_table, layer.name))
        .id(egui::Id::unique("attribute-table"))
        .open(open)
        .default_size([720.0, 340.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(t.filter);
                ui.add(egui::TextEdit::singleline(&mut state.filter).desired_width(220.0))
                    .labelled_by(label.id);
            });
            state.chosen_rows.retain(|&row| row < layer.features.len());
            if editable {
                column_edit_ui(ui, edit_texts, layer, state, actions);
            }
            let sort = state.sort;
            let rows = state.visible_rows(layer).to_vec();
            ui.label(
                RichText::new(format!(
                    "{} / {} {}",
                    rows.len(),
                    layer.features.len(),
                    t.features_word
                ))
                .small(),
            );
            let selected = selection
                .filter(|chosen| chosen.layer == layer.id)
                .map(|chosen| chosen.feature);
            let mut new_sort = sort;
            let table = TableView {
                layer,
                rows: &rows,
                sort,
                selected,
                editable,
            };
            table_ui(ui, &table, state, &mut new_sort, actions);
            state.sort = new_sort;
        });
}

/// "Set field … to … for the N chosen rows".
fn column_edit_ui(
    ui: &mut egui::Ui,
    t: &EditTexts,
    layer: &Layer,
    state: &mut AttributeTableState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let (field, text) = &mut state.column_edit;
        let label = ui.label(t.set_field_label);
        egui::ComboBox::from_id_salt(("column-edit", layer.id.0))
            .selected_text(
                layer
                    .fields
                    .get(*field)
                    .map_or("", |field| field.name.as_str()),
            )
            .show_ui(ui, |ui| {
                for (position, candidate) in layer.fields.iter().enumerate() {
                    ui.selectable_value(field, position, &candidate.name);
                }
            })
            .response
            .labelled_by(label.id);
        let value_label = ui.label(t.set_value_label);
        ui.add(egui::TextEdit::singleline(text).desired_width(140.0))
            .labelled_by(value_label.id);
        let count = state.chosen_rows.len();
        let button = egui::Button::new(format!("{} ({count})", t.apply_to_chosen_rows));
        if ui.add_enabled(count > 0, button).clicked() {
            actions.push(Action::SetAttributeText {
                layer: layer.id,
                features: state.chosen_rows.iter().copied().collect(),
                field: *field,
                text: text.clone(),
            });
        }
    });
}

/// What the table body shows.
struct TableView<'a> {
    layer: &'a Layer,
    rows: &'a [usize],
    sort: Option<(usize, bool)>,
    selected: Option<usize>,
    editable: bool,
}

fn table_ui(
    ui: &mut egui::Ui,
    view: &TableView,
    state: &mut AttributeTableState,
    new_sort: &mut Option<(usize, bool)>,
    actions: &mut Vec<Action>,
) {
    let TableView {
        layer,
        rows,
        sort,
        selected,
        editable,
    } = *view;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let modifiers = ui.input(|input| input.modifiers);
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(40.0))
        .columns(
            Column::initial(130.0).at_least(40.0).clip(true),
            layer.fields.len(),
        )
        .header(row_height + 4.0, |mut header| {
            header.col(|ui| {
                ui.strong("#");
            });
            for (column, field) in layer.fields.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match sort {
                        Some((sorted, true)) if sorted == column => " ⬆",
                        Some((sorted, false)) if sorted == column => " ⬇",
                        _ => "",
                    };
                    if ui.button(format!("{}{arrow}", field.name)).clicked() {
                        let ascending = !matches!(sort, Some((sorted, true)) if sorted == column);
                        *new_sort = Some((column, ascending));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(&feature) = rows.get(row.index()) else {
                    return;
                };
                row.set_selected(selected == Some(feature) || state.chosen_rows.contains(&feature));
                row.col(|ui| {
                    ui.add(egui::Label::new((feature + 1).to_string()).selectable(false));
                });
                let mut cell_clicked = false;
                if let Some(values) = layer
                    .features
                    .get(feature)
                    .map(|feature| &feature.attributes)
                {
                    for (column, value) in values.iter().enumerate() {
                        row.col(|ui| {
                            let shown = value.to_string();
                            if editable
                                && cell_ui(ui, layer, feature, column, &shown, state, actions)
                            {
                                cell_clicked = true;
                            } else if !editable {
                                ui.add(egui::Label::new(shown).selectable(false));
                            }
                        });
                    }
                }
                if row.response().clicked() || cell_clicked {
                    choose_row(state, rows, feature, modifiers);
                    if !modifiers.command && !modifiers.shift {
                        actions.push(Action::ZoomToFeature(Selection {
                            layer: layer.id,
                            feature,
                        }));
                    }
                }
            });
        });
}

/// Updates the chosen rows after a click on `feature`'s row: alone, toggled (Ctrl), or a range (Shift).
fn choose_row(
    state: &mut AttributeTableState,
    rows: &[usize],
    feature: usize,
    modifiers: egui::Modifiers,
) {
    if modifiers.shift
        && let Some(anchor) = state.anchor_row
        && let (Some(from), Some(to)) = (
            rows.iter().position(|&row| row == anchor),
            rows.iter().position(|&row| row == feature),
        )
    {
        let (low, high) = (from.min(to), from.max(to));
        state
            .chosen_rows
            .extend(rows.get(low..=high).unwrap_or_default());
        return;
    }
    if modifiers.command {
        if !state.chosen_rows.remove(&feature) {
            state.chosen_rows.insert(feature);
        }
    } else {
        state.chosen_rows.clear();
        state.chosen_rows.insert(feature);
    }
    state.anchor_row = Some(feature);
}

/// One cell of an editable table: a label that a double-click turns into a text field; the text is sent as
/// an attribute edit when the field lets go of the keyboard (Esc drops it). True when the label was clicked.
fn cell_ui(
    ui: &mut egui::Ui,
    layer: &Layer,
    feature: usize,
    column: usize,
    shown: &str,
    state: &mut AttributeTableState,
    actions: &mut Vec<Action>,
) -> bool {
    match &mut state.cell_draft {
        Some((drafted, field, text)) if *drafted == feature && *field == column => {
            let response = ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY));
            if !response.has_focus() && !response.lost_focus() {
                response.request_focus();
            }
            if response.lost_focus() {
                let escaped = ui.input(|input| input.key_pressed(egui::Key::Escape));
                if !escaped && text != shown {
                    actions.push(Action::SetAttributeText {
                        layer: layer.id,
                        features: vec![feature],
                        field: column,
                        text: text.clone(),
                    });
                }
                state.cell_draft = None;
            }
            false
        }
        _ => {
            let response = ui.add(
                egui::Label::new(shown)
                    .selectable(false)
                    .sense(egui::Sense::click()),
            );
            if response.double_clicked() {
                state.cell_draft = Some((feature, column, shown.to_string()));
            }
            response.clicked()
        }
    }
}
