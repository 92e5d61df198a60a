//! The attribute table window of one layer: every feature as a row, sortable by any column, filtered by
//! text; clicking a row selects the feature and frames it on the map. Only visible rows are laid out.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::Action;
use crate::app::i18n::Texts;
use crate::app::map_view::Selection;
use crate::core::layer::{Layer, LayerId};

/// What the row order was computed from: layer revision, feature count, filter text, sort.
type RowsKey = (u64, usize, String, Option<(usize, bool)>);

/// The state of the open attribute table.
#[derive(Debug)]
pub struct AttributeTableState {
    /// The layer shown.
    pub layer: LayerId,
    /// The text filter (matches any cell, case-insensitive).
    pub filter: String,
    /// Column sorted by, and whether ascending.
    pub sort: Option<(usize, bool)>,
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
            rows: Vec::new(),
            rows_key: None,
        }
    }

    /// The feature positions shown, in display order.
    pub fn visible_rows(&mut self, layer: &Layer) -> &[usize] {
        let key = (
            layer.revision,
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

/// Draws the attribute table window; `open` is cleared when it is closed.
pub fn attribute_table_ui(
    ctx: &egui::Context,
    t: &Texts,
    layer: &Layer,
    state: &mut AttributeTableState,
    selection: Option<Selection>,
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
            table_ui(ui, layer, &rows, sort, &mut new_sort, selected, actions);
            state.sort = new_sort;
        });
}

fn table_ui(
    ui: &mut egui::Ui,
    layer: &Layer,
    rows: &[usize],
    sort: Option<(usize, bool)>,
    new_sort: &mut Option<(usize, bool)>,
    selected: Option<usize>,
    actions: &mut Vec<Action>,
) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
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
                row.set_selected(selected == Some(feature));
                row.col(|ui| {
                    ui.add(egui::Label::new((feature + 1).to_string()).selectable(false));
                });
                if let Some(values) = layer
                    .features
                    .get(feature)
                    .map(|feature| &feature.attributes)
                {
                    for value in values {
                        row.col(|ui| {
                            ui.add(egui::Label::new(value.to_string()).selectable(false));
                        });
                    }
                }
                if row.response().clicked() {
                    actions.push(Action::ZoomToFeature(Selection {
                        layer: layer.id,
                        feature,
                    }));
                }
            });
        });
}
