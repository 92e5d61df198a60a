//! The identify panel: the selected feature's layer, geometry type, true (geodesic) area or length, and all
//! of its attributes — editable when the layer is in edit mode: each value is typed into a draft and sent as
//! one edit when the field lets go of the keyboard (Enter or a click elsewhere); Esc drops the draft.

use eframe::egui::{self, RichText};
use geo::Geometry;

use super::Action;
use crate::app::i18n::Texts;
use crate::app::map_view::Selection;
use crate::core::crs::{Crs, MAP_CRS};
use crate::core::geometry::geometry_type_name;
use crate::core::measure::{GroundMeasure, ground_measure};
use crate::core::session::Session;

/// A value being typed in the identify panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttributeDraft {
    /// The feature and field it belongs to.
    pub target: Option<(Selection, usize)>,
    /// The text typed so far.
    pub text: String,
}

/// Draws the attributes of the selected feature; with `editable`, as text fields whose drafts live in
/// `draft`.
pub fn identify_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    selection: Selection,
    editable: bool,
    draft: &mut AttributeDraft,
    actions: &mut Vec<Action>,
) {
    ui.heading(t.identify_heading);
    let Some(layer) = document.layer(selection.layer) else {
        ui.label(t.nothing_selected);
        return;
    };
    let Some(feature) = layer.features.get(selection.feature) else {
        ui.label(t.nothing_selected);
        return;
    };
    ui.label(RichText::new(&layer.name).strong());
    ui.label(format!(
        "{} #{} · {}",
        t.feature_word,
        selection.feature + 1,
        geometry_type_name(&feature.geometry_in_map)
    ));
    if let Some(measure) = measure_text(t, MAP_CRS, &feature.geometry_in_map) {
        ui.label(measure);
    }
    ui.horizontal(|ui| {
        if ui.button(t.zoom_to_feature).clicked() {
            actions.push(Action::ZoomToFeature(selection));
        }
        if ui.button(t.clear_selection).clicked() {
            actions.push(Action::Select(None));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("identify-grid")
            .num_columns(2)
            .striped(true)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                for (column, (field, value)) in
                    layer.fields.iter().zip(&feature.attributes).enumerate()
                {
                    let name = ui.label(RichText::new(&field.name).strong());
                    if editable {
                        value_field_ui(ui, selection, column, &value.to_string(), draft, actions)
                            .labelled_by(name.id);
                    } else {
                        ui.label(value.to_string());
                    }
                    ui.end_row();
                }
            });
    });
}

/// One editable value: shows the stored value, or the draft while it is typed; sends the draft as an
/// attribute edit when the field loses the keyboard with something changed.
fn value_field_ui(
    ui: &mut egui::Ui,
    selection: Selection,
    column: usize,
    stored: &str,
    draft: &mut AttributeDraft,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let target = Some((selection, column));
    let mut text = if draft.target == target {
        draft.text.clone()
    } else {
        stored.to_string()
    };
    let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(180.0));
    if response.has_focus() {
        *draft = AttributeDraft { target, text };
    } else if draft.target == target {
        let escaped = ui.input(|input| input.key_pressed(egui::Key::Escape));
        if response.lost_focus() && !escaped && draft.text != stored {
            actions.push(Action::SetAttributeText {
                layer: selection.layer,
                features: vec![selection.feature],
                field: column,
                text: draft.text.clone(),
            });
        }
        *draft = AttributeDraft::default();
    }
    response
}

/// "Area: 12.34 ha (123 400 m²)" or "Length: 3.200 km", measured geodesically on WGS 84.
fn measure_text(t: &Texts, crs: Crs, geometry: &Geometry) -> Option<String> {
    match ground_measure(geometry, crs).ok()? {
        GroundMeasure::Area { area_m2 } => Some(format!(
            "{}: {:.2} ha ({:.0} m²)",
            t.area_label,
            area_m2 / 10_000.0,
            area_m2
        )),
        GroundMeasure::Length { length_m } => {
            Some(format!("{}: {:.3} km", t.length_label, length_m / 1000.0))
        }
        GroundMeasure::None => None,
    }
}
