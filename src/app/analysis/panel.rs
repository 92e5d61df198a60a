//! The analysis panel: choose the service layer, types and radii and the units layer; read totals, figures
//! per class and per unit; edit proposed sites (what-if) with undo; ask for site suggestions; list units far
//! from a service centre and infrastructure crossing protected zones.

use eframe::egui::{self, RichText};

use super::AnalysisState;
use crate::app::i18n::Texts;
use crate::app::map_view::Selection;
use crate::app::panels::Action;
use crate::core::analysis::coverage_model::CoverageTotals;
use crate::core::geometry::dimension;
use crate::core::layer::{Layer, LayerId};
use crate::core::project::analysis_settings::SuggestionObjective as Objective;
use crate::core::session::Session;

/// Draws the analysis panel.
pub fn analysis_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    ui.heading(t.analysis_heading);
    egui::ScrollArea::vertical()
        .id_salt("analysis-scroll")
        .show(ui, |ui| {
            egui::CollapsingHeader::new(t.analysis_inputs)
                .default_open(state.session.is_none())
                .show(ui, |ui| inputs_ui(ui, t, document, state, actions));
            if state.session.is_none() {
                ui.label(RichText::new(t.analysis_not_computed).italics());
                return;
            }
            totals_ui(ui, t, state);
            what_if_ui(ui, t, document, state, actions);
            if let Some(info) = &state.gap_info {
                ui.label(RichText::new(info).color(egui::Color32::from_rgb(150, 25, 20)));
            }
            egui::CollapsingHeader::new(t.by_class_heading)
                .show(ui, |ui| by_class_ui(ui, t, state));
            egui::CollapsingHeader::new(t.units_table_heading)
                .show(ui, |ui| units_table_ui(ui, t, state, actions));
            egui::CollapsingHeader::new(t.suggest_heading)
                .show(ui, |ui| suggestion_ui(ui, t, state, actions));
            egui::CollapsingHeader::new(t.proximity_heading)
                .show(ui, |ui| proximity_ui(ui, t, document, state, actions));
            egui::CollapsingHeader::new(t.conflicts_heading)
                .show(ui, |ui| conflicts_ui(ui, t, document, state, actions));
        });
}

fn layer_choice_ui(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    layers: &[&Layer],
    chosen: &mut Option<LayerId>,
) -> bool {
    let before = *chosen;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let selected = chosen
            .and_then(|id| layers.iter().find(|layer| layer.id == id))
            .map_or("—".to_string(), |layer| layer.name.clone());
        egui::ComboBox::from_id_salt(id)
            .selected_text(selected)
            .width(200.0)
            .show_ui(ui, |ui| {
                for layer in layers {
                    ui.selectable_value(chosen, Some(layer.id), &layer.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    before != *chosen
}

fn field_choice_ui(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    t: &Texts,
    layer: Option<&Layer>,
    field: &mut Option<String>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        egui::ComboBox::from_id_salt(id)
            .selected_text(field.clone().unwrap_or_else(|| t.none_choice.to_string()))
            .show_ui(ui, |ui| {
                ui.selectable_value(field, None, t.none_choice);
                for column in layer
                    .map(|layer| layer.fields.as_slice())
                    .unwrap_or_default()
                {
                    ui.selectable_value(field, Some(column.name.clone()), &column.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn layers_of_dimension(document: &Session, wanted: u8) -> Vec<&Layer> {
    document
        .layers()
        .iter()
        .filter(|layer| {
            layer
                .features
                .iter()
                .any(|feature| dimension(&feature.geometry_in_map) == wanted)
        })
        .collect()
}

fn inputs_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    let point_layers = layers_of_dimension(document, 0);
    let polygon_layers = layers_of_dimension(document, 2);
    if layer_choice_ui(
        ui,
        "sites-layer",
        t.sites_layer,
        &point_layers,
        &mut state.settings.sites_layer,
    ) {
        state.refresh_types(document);
    }
    let sites_layer = state.settings.sites_layer.and_then(|id| document.layer(id));
    let mut type_field = Some(state.settings.chosen.type_field.clone());
    field_choice_ui(
        ui,
        "type-field",
        t.type_field,
        t,
        sites_layer,
        &mut type_field,
    );
    if let Some(field) = type_field
        && field != state.settings.chosen.type_field
    {
        state.settings.chosen.type_field = field;
        state.refresh_types(document);
    }
    egui::Grid::new("type-radii").num_columns(2).show(ui, |ui| {
        for choice in &mut state.settings.chosen.types {
            let name = state
                .service_types
                .iter()
                .find(|entry| entry.class == choice.kind)
                .map(|entry| match (t.lang, &entry.name_en) {
                    (crate::app::i18n::Lang::En, Some(english)) => english.clone(),
                    _ => entry.name_vi.clone(),
                })
                .unwrap_or_else(|| choice.kind.clone());
            ui.checkbox(&mut choice.enabled, name);
            ui.add(
                egui::DragValue::new(&mut choice.radius_m)
                    .range(1.0..=50_000.0)
                    .speed(10.0)
                    .suffix(" m"),
            )
            .on_hover_text(t.radius_label);
            ui.end_row();
        }
    });
    layer_choice_ui(
        ui,
        "units-layer",
        t.units_layer,
        &polygon_layers,
        &mut state.settings.units_layer,
    );
    let units_layer = state.settings.units_layer.and_then(|id| document.layer(id));
    field_choice_ui(
        ui,
        "name-field",
        t.name_field,
        t,
        units_layer,
        &mut state.settings.chosen.name_field,
    );
    field_choice_ui(
        ui,
        "population-field",
        t.population_field,
        t,
        units_layer,
        &mut state.settings.chosen.population_field,
    );
    field_choice_ui(
        ui,
        "class-field",
        t.class_field,
        t,
        units_layer,
        &mut state.settings.chosen.class_field,
    );
    if ui
        .button(RichText::new(t.compute_button).strong())
        .clicked()
        && let Err(message) = state.compute(document)
    {
        actions.push(Action::Notify(format!("{}: {message}", t.analysis_heading)));
    }
}

fn format_km2(area_m2: f64) -> String {
    format!("{:.2} km²", area_m2 / 1.0e6)
}

fn totals_ui(ui: &mut egui::Ui, t: &Texts, state: &AnalysisState) {
    let Some(session) = &state.session else {
        return;
    };
    let totals = session.model().totals();
    egui::Grid::new("analysis-totals")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            totals_rows_ui(ui, t, &totals);
            ui.label(t.proposed_count);
            ui.label(session.proposed().count().to_string());
            ui.end_row();
        });
}

fn totals_rows_ui(ui: &mut egui::Ui, t: &Texts, totals: &CoverageTotals) {
    ui.label(t.total_area);
    ui.label(format_km2(totals.area_m2));
    ui.end_row();
    ui.label(t.covered_area);
    ui.label(format!(
        "{} ({:.1} %)",
        format_km2(totals.covered_m2),
        totals.covered_pct
    ));
    ui.end_row();
    if let (Some(population), Some(covered)) = (totals.population, totals.population_covered) {
        ui.label(t.population_covered);
        let share = if population > 0.0 {
            100.0 * covered / population
        } else {
            0.0
        };
        ui.label(format!("{covered:.0} / {population:.0} ({share:.1} %)"));
        ui.end_row();
    }
}

fn what_if_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.checkbox(&mut state.editing, t.edit_proposed);
    if state.editing {
        ui.label(RichText::new(t.edit_proposed_hint).small());
    }
    let kinds: Vec<String> = state
        .settings
        .chosen
        .types
        .iter()
        .map(|choice| choice.kind.clone())
        .collect();
    ui.horizontal(|ui| {
        let label = ui.label(t.proposed_kind);
        egui::ComboBox::from_id_salt("proposed-kind")
            .selected_text(state.settings.chosen.proposed_kind.clone())
            .show_ui(ui, |ui| {
                for kind in kinds {
                    ui.selectable_value(
                        &mut state.settings.chosen.proposed_kind,
                        kind.clone(),
                        kind,
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.label(format!("{:.0} m", state.proposed_radius()));
    });
    let (can_undo, can_redo) = (
        document.undo_label().is_some(),
        document.redo_label().is_some(),
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(can_undo, egui::Button::new(t.undo))
            .clicked()
        {
            actions.push(Action::Undo);
        }
        if ui
            .add_enabled(can_redo, egui::Button::new(t.redo))
            .clicked()
        {
            actions.push(Action::Redo);
        }
        if ui
            .add_enabled(
                state.selected_site.is_some(),
                egui::Button::new(t.delete_site),
            )
            .clicked()
        {
            actions.push(Action::AnalysisDeleteSelected);
        }
        let any = state
            .session
            .as_ref()
            .is_some_and(|session| session.proposed().next().is_some());
        if ui
            .add_enabled(any, egui::Button::new(t.save_proposed))
            .clicked()
        {
            actions.push(Action::AnalysisSaveProposed);
        }
    });
}

fn class_label(state: &AnalysisState, class: &str) -> String {
    state
        .class_names
        .get(class)
        .cloned()
        .unwrap_or_else(|| class.to_string())
}

fn by_class_ui(ui: &mut egui::Ui, t: &Texts, state: &AnalysisState) {
    let Some(session) = &state.session else {
        return;
    };
    egui::Grid::new("by-class")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t.class_column);
            ui.strong(t.area_column);
            ui.strong(t.covered_column);
            ui.strong(t.population_column);
            ui.end_row();
            for (class, totals) in session.model().totals_by_class() {
                ui.label(class_label(state, &class));
                ui.label(format_km2(totals.area_m2));
                ui.label(format!("{:.1} %", totals.covered_pct));
                match (totals.population, totals.population_covered) {
                    (Some(population), Some(covered)) if population > 0.0 => {
                        ui.label(format!("{:.1} %", 100.0 * covered / population))
                    }
                    _ => ui.label("—"),
                };
                ui.end_row();
            }
        });
}

fn units_table_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    let Some(session) = &state.session else {
        return;
    };
    let results = session.model().results();
    let mut order: Vec<usize> = (0..results.len()).collect();
    if let Some((column, ascending)) = state.sort {
        order.sort_by(|&a, &b| {
            let (x, y) = (&results[a], &results[b]);
            let ordering = match column {
                0 => x.unit.cmp(&y.unit),
                1 => x.area_m2.total_cmp(&y.area_m2),
                2 => x.covered_pct.total_cmp(&y.covered_pct),
                _ => x
                    .population_covered
                    .unwrap_or(0.0)
                    .total_cmp(&y.population_covered.unwrap_or(0.0)),
            };
            if ascending {
                ordering
            } else {
                ordering.reverse()
            }
        });
    }
    let headers = [
        t.unit_column,
        t.area_column,
        t.covered_column,
        t.population_column,
    ];
    let mut new_sort = state.sort;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("units-table")
        .max_height(260.0)
        .show_rows(ui, row_height, order.len() + 1, |ui, rows| {
            egui::Grid::new("units-grid")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for row in rows {
                        if row == 0 {
                            for (column, header) in headers.iter().enumerate() {
                                let arrow = match state.sort {
                                    Some((sorted, true)) if sorted == column => " ⬆",
                                    Some((sorted, false)) if sorted == column => " ⬇",
                                    _ => "",
                                };
                                if ui.button(format!("{header}{arrow}")).clicked() {
                                    let ascending = !matches!(state.sort, Some((sorted, true)) if sorted == column);
                                    new_sort = Some((column, ascending));
                                }
                            }
                            ui.end_row();
                            continue;
                        }
                        let Some(&unit) = order.get(row - 1) else {
                            continue;
                        };
                        let result = &results[unit];
                        if ui.selectable_label(false, &result.unit).clicked()
                            && let (Some(layer), Some(&feature)) =
                                (state.settings.units_layer, state.unit_features.get(unit))
                        {
                            actions.push(Action::ZoomToFeature(Selection { layer, feature }));
                        }
                        ui.label(format_km2(result.area_m2));
                        ui.label(format!("{:.1} %", result.covered_pct));
                        ui.label(
                            result
                                .population_covered
                                .map_or("—".into(), |covered| format!("{covered:.0}")),
                        );
                        ui.end_row();
                    }
                });
        });
    state.sort = new_sort;
}

fn suggestion_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    ui.add(
        egui::Slider::new(&mut state.settings.chosen.suggestion_count, 1..=30)
            .text(t.suggest_count),
    );
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut state.settings.chosen.objective,
            Objective::Population,
            t.objective_population,
        );
        ui.radio_value(
            &mut state.settings.chosen.objective,
            Objective::Area,
            t.objective_area,
        );
    });
    ui.horizontal(|ui| {
        let label = ui.label(t.target_class);
        let classes: Vec<String> = state
            .session
            .as_ref()
            .map(|session| session.model().totals_by_class().into_keys().collect())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("target-class")
            .selected_text(state.settings.chosen.target_class.clone())
            .show_ui(ui, |ui| {
                for class in classes {
                    ui.selectable_value(
                        &mut state.settings.chosen.target_class,
                        class.clone(),
                        class,
                    );
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.label(
        RichText::new(format!(
            "{} {} ({:.0} m)",
            t.suggest_of_type,
            state.settings.chosen.proposed_kind,
            state.proposed_radius()
        ))
        .small(),
    );
    if ui.button(t.suggest_button).clicked() {
        state.suggest();
        if state.suggestions.is_empty() {
            actions.push(Action::Notify(t.suggest_nothing.to_string()));
        }
    }
    let unit = match state.settings.chosen.objective {
        Objective::Population => t.people_unit,
        Objective::Area => "m²",
    };
    for (rank, row) in state.suggestions.iter_mut().enumerate() {
        let gain = row.suggestion.marginal_gain;
        let text = match state.settings.chosen.objective {
            Objective::Area => format!("{} {}: +{:.1} ha", t.site_word, rank + 1, gain / 10_000.0),
            Objective::Population => format!("{} {}: +{gain:.0} {unit}", t.site_word, rank + 1),
        };
        ui.checkbox(&mut row.accepted, text);
    }
    if !state.suggestions.is_empty() && ui.button(t.accept_suggestions).clicked() {
        actions.push(Action::AnalysisAcceptSuggestions);
    }
}

fn proximity_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    let changed = ui
        .add(
            egui::Slider::new(
                &mut state.settings.chosen.proximity_threshold_m,
                250.0..=20_000.0,
            )
            .logarithmic(true)
            .suffix(" m")
            .text(t.proximity_threshold),
        )
        .changed();
    if changed {
        state.update_proximity(document);
    }
    ui.label(format!(
        "{}: {} ({})",
        t.far_units,
        state.far_units.len(),
        state.settings.chosen.centre_kind
    ));
    let Some(session) = &state.session else {
        return;
    };
    for row in state.far_units.iter().take(25) {
        let name = session.model().unit_name(row.unit).unwrap_or("?");
        let text = format!("{name}: {:.1} km", row.nearest_m / 1000.0);
        if ui.selectable_label(false, text).clicked()
            && let (Some(layer), Some(&feature)) = (
                state.settings.units_layer,
                state.unit_features.get(row.unit),
            )
        {
            actions.push(Action::ZoomToFeature(Selection { layer, feature }));
        }
    }
}

fn conflicts_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    state: &mut AnalysisState,
    actions: &mut Vec<Action>,
) {
    let all_layers: Vec<&Layer> = document.layers().iter().collect();
    layer_choice_ui(
        ui,
        "infrastructure-layer",
        t.infrastructure_layer,
        &all_layers,
        &mut state.settings.infrastructure_layer,
    );
    let classes: Vec<String> = state
        .session
        .as_ref()
        .map(|session| session.model().totals_by_class().into_keys().collect())
        .unwrap_or_default();
    ui.label(t.protected_classes);
    ui.horizontal_wrapped(|ui| {
        for class in classes {
            let mut protected = state.settings.chosen.protected_classes.contains(&class);
            if ui.checkbox(&mut protected, &class).changed() {
                if protected {
                    state.settings.chosen.protected_classes.insert(class);
                } else {
                    state.settings.chosen.protected_classes.remove(&class);
                }
            }
        }
    });
    if ui.button(t.find_conflicts).clicked() {
        state.update_conflicts(document);
    }
    let Some(infrastructure) = state
        .settings
        .infrastructure_layer
        .and_then(|id| document.layer(id))
    else {
        return;
    };
    ui.label(format!("{}: {}", t.conflicts_found, state.conflicts.len()));
    for conflict in state.conflicts.iter().take(40) {
        let name = infrastructure
            .attribute(conflict.infrastructure_feature, "name_vi")
            .map_or_else(
                || format!("#{}", conflict.infrastructure_feature + 1),
                ToString::to_string,
            );
        let measure = if conflict.length_m > 0.0 {
            format!("{:.2} km", conflict.length_m / 1000.0)
        } else if conflict.area_m2 > 0.0 {
            format!("{:.2} ha", conflict.area_m2 / 10_000.0)
        } else {
            t.point_inside.to_string()
        };
        let text = format!("{name} → {} ({measure})", conflict.zone_class);
        if ui.selectable_label(false, text).clicked() {
            actions.push(Action::ZoomToFeature(Selection {
                layer: infrastructure.id,
                feature: conflict.infrastructure_feature,
            }));
        }
    }
}
