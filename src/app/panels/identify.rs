//! The identify panel: the selected feature's layer, geometry type, true (geodesic) area or length, and all
//! of its attributes.

use eframe::egui::{self, RichText};
use geo::Geometry;

use super::Action;
use crate::app::i18n::Texts;
use crate::app::map_view::Selection;
use crate::core::crs::{Crs, MAP_CRS};
use crate::core::geometry::geometry_type_name;
use crate::core::measure::{GroundMeasure, ground_measure};
use crate::core::session::Session;

/// Draws the attributes of the selected feature.
pub fn identify_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    selection: Selection,
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
                for (field, value) in layer.fields.iter().zip(&feature.attributes) {
                    ui.label(RichText::new(&field.name).strong());
                    ui.label(value.to_string());
                    ui.end_row();
                }
            });
    });
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
