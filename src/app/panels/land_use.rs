//! The land-use balance panel (*Cân bằng sử dụng đất*): for a zoning layer and its class field, a table of
//! area (ha), share (%) and — with a population field — m²/person per class, with the classes' legend names,
//! recomputed whenever the layer's zones or classes change (an edit, an undo), and exportable as CSV.

use std::path::PathBuf;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::Action;
use crate::app::i18n::Texts;
use crate::core::analysis::land_use::{LandUseBalance, land_use_balance};
use crate::core::layer::{Layer, LayerId};
use crate::core::session::Session;

/// What a computed balance was made from: layer, its geometry and attribute revisions, the fields.
type BalanceKey = (LayerId, u64, u64, String, Option<String>);

/// The panel's state.
#[derive(Default)]
pub struct LandUseState {
    /// Whether the panel is shown.
    pub open: bool,
    /// The zoning layer.
    pub layer: Option<LayerId>,
    /// Its class field.
    pub class_field: String,
    /// Its population field, if any.
    pub population_field: Option<String>,
    /// Where the CSV is written.
    pub csv_path_text: String,
    balance: Option<(BalanceKey, Result<LandUseBalance, String>)>,
}

impl LandUseState {
    /// Chooses a zoning layer with a class field when none is chosen yet (the shipped zoning layer's `class`
    /// and `dan_so`).
    pub fn guess_inputs(&mut self, session: &Session) {
        if self.layer.and_then(|id| session.layer(id)).is_some() {
            return;
        }
        let zoning = session.layers().iter().rev().find(|layer| {
            ["class", "phanLoai", "loai_dat"]
                .iter()
                .any(|name| layer.field_position(name).is_some())
        });
        if let Some(layer) = zoning {
            self.layer = Some(layer.id);
            self.class_field = ["class", "phanLoai", "loai_dat"]
                .into_iter()
                .find(|name| layer.field_position(name).is_some())
                .unwrap_or_default()
                .to_string();
            self.population_field = ["dan_so", "population"]
                .into_iter()
                .find(|name| layer.field_position(name).is_some())
                .map(String::from);
        }
        if self.csv_path_text.is_empty() {
            let folder = std::env::current_dir().unwrap_or_default();
            self.csv_path_text = folder
                .join("can_bang_su_dung_dat.csv")
                .display()
                .to_string();
        }
    }

    /// The balance of the chosen layer, recomputed only when the layer or the fields changed.
    pub fn balance(&mut self, layer: &Layer) -> &Result<LandUseBalance, String> {
        let key = (
            layer.id,
            layer.revision,
            layer.attribute_revision,
            self.class_field.clone(),
            self.population_field.clone(),
        );
        if self
            .balance
            .as_ref()
            .is_some_and(|(known, _)| *known != key)
        {
            self.balance = None;
        }
        let (_, balance) = self.balance.get_or_insert_with(|| {
            let computed =
                land_use_balance(layer, &self.class_field, self.population_field.as_deref())
                    .map_err(|error| error.to_string());
            (key, computed)
        });
        balance
    }
}

/// The legend name of a class in the layer's categorized style (the class value when it has none).
pub fn class_name(layer: &Layer, class_field: &str, class: Option<&str>, t: &Texts) -> String {
    let texts = t.lang.edit_texts();
    let Some(class) = class else {
        return texts.unclassified.to_string();
    };
    layer
        .style
        .categorized
        .iter()
        .filter(|categorized| categorized.field == class_field)
        .flat_map(|categorized| &categorized.categories)
        .find(|category| category.value == class)
        .map_or_else(
            || class.to_string(),
            |category| t.category_label(category).to_string(),
        )
}

/// Draws the panel.
pub fn land_use_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    session: &Session,
    state: &mut LandUseState,
    actions: &mut Vec<Action>,
) {
    let texts = t.lang.edit_texts();
    ui.heading(texts.land_use_heading);
    inputs_ui(ui, t, session, state);
    let Some(layer) = state.layer.and_then(|id| session.layer(id)) else {
        ui.label(RichText::new(texts.land_use_choose_layer).italics());
        return;
    };
    let class_field = state.class_field.clone();
    let balance = match state.balance(layer) {
        Ok(balance) => balance.clone(),
        Err(message) => {
            ui.colored_label(egui::Color32::from_rgb(150, 25, 20), message);
            return;
        }
    };
    ui.separator();
    balance_table_ui(ui, t, layer, &class_field, &balance);
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label(texts.csv_file_label);
        ui.add(egui::TextEdit::singleline(&mut state.csv_path_text).desired_width(200.0))
            .labelled_by(label.id);
    });
    if ui.button(texts.export_csv).clicked() {
        actions.push(Action::ExportLandUseCsv(PathBuf::from(
            state.csv_path_text.trim(),
        )));
    }
}

/// The layer, class and population choices.
fn inputs_ui(ui: &mut egui::Ui, t: &Texts, session: &Session, state: &mut LandUseState) {
    let texts = t.lang.edit_texts();
    egui::Grid::new("land-use-inputs")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(texts.zoning_layer_label);
            let current = state
                .layer
                .and_then(|id| session.layer(id))
                .map_or("—", |layer| layer.name.as_str());
            egui::ComboBox::from_id_salt("land-use-layer")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for layer in session.layers().iter().rev() {
                        ui.selectable_value(&mut state.layer, Some(layer.id), &layer.name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let fields: Vec<String> = state
                .layer
                .and_then(|id| session.layer(id))
                .map(|layer| {
                    layer
                        .fields
                        .iter()
                        .map(|field| field.name.clone())
                        .collect()
                })
                .unwrap_or_default();
            let label = ui.label(texts.class_field_label);
            egui::ComboBox::from_id_salt("land-use-class")
                .selected_text(state.class_field.clone())
                .show_ui(ui, |ui| {
                    for field in &fields {
                        ui.selectable_value(&mut state.class_field, field.clone(), field);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(texts.population_field_label);
            egui::ComboBox::from_id_salt("land-use-population")
                .selected_text(state.population_field.clone().unwrap_or_else(|| "—".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.population_field, None, "—");
                    for field in &fields {
                        ui.selectable_value(
                            &mut state.population_field,
                            Some(field.clone()),
                            field,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });
}

/// The balance as a table with a total row.
fn balance_table_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    layer: &Layer,
    class_field: &str,
    balance: &LandUseBalance,
) {
    let texts = t.lang.edit_texts();
    let with_norm = balance.population.is_some_and(|people| people > 0.0);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    TableBuilder::new(ui)
        .id_salt("land-use-table")
        .striped(true)
        .column(Column::remainder().at_least(110.0).clip(true))
        .columns(Column::auto().at_least(56.0), if with_norm { 3 } else { 2 })
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.strong(texts.land_use_class_column);
            });
            header.col(|ui| {
                ui.strong(texts.area_ha_column);
            });
            header.col(|ui| {
                ui.strong(texts.share_column);
            });
            if with_norm {
                header.col(|ui| {
                    ui.strong(texts.norm_column);
                });
            }
        })
        .body(|mut body| {
            for row in &balance.rows {
                body.row(row_height, |mut cells| {
                    cells.col(|ui| {
                        ui.label(class_name(layer, class_field, row.class.as_deref(), t));
                    });
                    cells.col(|ui| {
                        ui.label(format!("{:.2}", row.area_m2 / 10_000.0));
                    });
                    cells.col(|ui| {
                        ui.label(format!("{:.2}", row.share_pct));
                    });
                    if with_norm {
                        cells.col(|ui| {
                            ui.label(
                                row.m2_per_person
                                    .map(|norm| format!("{norm:.1}"))
                                    .unwrap_or_default(),
                            );
                        });
                    }
                });
            }
            body.row(row_height, |mut cells| {
                cells.col(|ui| {
                    ui.strong(texts.total_row);
                });
                cells.col(|ui| {
                    ui.strong(format!("{:.2}", balance.total_area_m2 / 10_000.0));
                });
                cells.col(|ui| {
                    ui.strong("100.00");
                });
                if let Some(people) = balance.population.filter(|people| *people > 0.0) {
                    cells.col(|ui| {
                        ui.strong(format!("{:.1}", balance.total_area_m2 / people));
                    });
                }
            });
        });
    if let Some(people) = balance.population {
        ui.label(RichText::new(format!("{}: {people:.0}", texts.population_total)).small());
    }
}
