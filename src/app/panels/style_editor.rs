//! The style editor window of one layer: fill, stroke, width, point size and symbol, labels, and a
//! categorized style by an attribute with an editable legend. Every change is sent as a `SetStyle` command.

use eframe::egui::{self, Color32};

use super::Action;
use crate::app::i18n::Texts;
use crate::core::layer::Layer;
use crate::core::session::Edit;
use crate::core::style::{PointSymbol, Rgba, Style};

/// Draws the style editor for `layer` inside a window; `open` is cleared when the window is closed.
pub fn style_editor_ui(
    ctx: &egui::Context,
    t: &Texts,
    layer: &Layer,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    let title = format!("{} — {}", t.style_title, layer.name);
    egui::Window::new(title)
        .id(egui::Id::unique(("style-editor", layer.id.0)))
        .open(open)
        .resizable(true)
        .default_width(320.0)
        .show(ctx, |ui| {
            let mut style = layer.style.clone();
            style_form_ui(ui, t, layer, &mut style);
            if style != layer.style {
                actions.push(Action::DragEdit(Edit::SetStyle(layer.id, Box::new(style))));
            }
        });
}

fn style_form_ui(ui: &mut egui::Ui, t: &Texts, layer: &Layer, style: &mut Style) {
    egui::Grid::new("style-grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            colour_row_ui(ui, t.fill_colour, &mut style.fill);
            colour_row_ui(ui, t.stroke_colour, &mut style.stroke);
            ui.label(t.stroke_width);
            ui.add(egui::Slider::new(&mut style.stroke_width_px, 0.0..=10.0).suffix(" px"));
            ui.end_row();
            ui.label(t.point_size);
            ui.add(egui::Slider::new(&mut style.point_radius_px, 1.0..=20.0).suffix(" px"));
            ui.end_row();
            let symbol_label = ui.label(t.point_symbol);
            egui::ComboBox::from_id_salt("point-symbol")
                .selected_text(symbol_name(t, style.point_symbol))
                .show_ui(ui, |ui| {
                    for symbol in [
                        PointSymbol::Circle,
                        PointSymbol::Square,
                        PointSymbol::Triangle,
                        PointSymbol::Diamond,
                    ] {
                        ui.selectable_value(
                            &mut style.point_symbol,
                            symbol,
                            symbol_name(t, symbol),
                        );
                    }
                })
                .response
                .labelled_by(symbol_label.id);
            ui.end_row();
            let label_label = ui.label(t.label_field);
            field_choice_ui(
                ui,
                "label-field",
                t,
                layer,
                &mut style.label_field,
                label_label.id,
            );
            ui.end_row();
        });
    ui.separator();
    categorized_ui(ui, t, layer, style);
}

fn colour_row_ui(ui: &mut egui::Ui, label: &str, colour: &mut Rgba) {
    let label = ui.label(label);
    let [r, g, b, a] = colour.0;
    let mut edited = Color32::from_rgba_unmultiplied(r, g, b, a);
    ui.color_edit_button_srgba(&mut edited)
        .labelled_by(label.id);
    *colour = Rgba(edited.to_srgba_unmultiplied());
    ui.end_row();
}

fn field_choice_ui(
    ui: &mut egui::Ui,
    id: &str,
    t: &Texts,
    layer: &Layer,
    field: &mut Option<String>,
    label: egui::Id,
) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(field.clone().unwrap_or_else(|| t.none_choice.to_string()))
        .show_ui(ui, |ui| {
            ui.selectable_value(field, None, t.none_choice);
            for column in &layer.fields {
                ui.selectable_value(field, Some(column.name.clone()), &column.name);
            }
        })
        .response
        .labelled_by(label);
}

fn categorized_ui(ui: &mut egui::Ui, t: &Texts, layer: &Layer, style: &mut Style) {
    let mut field = style
        .categorized
        .as_ref()
        .map(|categorized| categorized.field.clone());
    ui.horizontal(|ui| {
        let label = ui.label(t.categorize_by);
        field_choice_ui(ui, "category-field", t, layer, &mut field, label.id);
    });
    let current = style
        .categorized
        .as_ref()
        .map(|categorized| categorized.field.clone());
    if field != current {
        style.categorized = field.and_then(|name| layer.categorized_by(&name));
    }
    if let Some(categorized) = style.categorized.as_mut() {
        ui.label(t.legend);
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .show(ui, |ui| {
                egui::Grid::new("category-grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for category in &mut categorized.categories {
                            let [r, g, b, a] = category.fill.0;
                            let mut edited = Color32::from_rgba_unmultiplied(r, g, b, a);
                            let label = ui.label(&category.label);
                            ui.color_edit_button_srgba(&mut edited)
                                .labelled_by(label.id);
                            category.fill = Rgba(edited.to_srgba_unmultiplied());
                            ui.end_row();
                        }
                    });
            });
    }
}

fn symbol_name(t: &Texts, symbol: PointSymbol) -> &'static str {
    match symbol {
        PointSymbol::Circle => t.symbol_circle,
        PointSymbol::Square => t.symbol_square,
        PointSymbol::Triangle => t.symbol_triangle,
        PointSymbol::Diamond => t.symbol_diamond,
    }
}
