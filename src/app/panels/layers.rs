//! The layer panel: one row per layer (topmost first) with its visibility, edit-mode pencil and legend, and
//! for the chosen layer its controls — opacity, order, rename, CRS, zoom, table, style, remove, and while it
//! is in edit mode, saving its edits to its file. The layers of a layer group (a package opened as a whole)
//! sit under the group's header: fold or unfold it, show or hide all its layers, check its package against
//! Circular 16/2025, move or remove it as a whole; each layer keeps its own row and controls.

use eframe::egui::{self, Color32, RichText, Sense, Stroke, vec2};

use super::Action;
use crate::app::i18n::Texts;
use crate::app::i18n_notes::layer_note_text;
use crate::app::map_view::{paint_marker, paint_rect_outline};
use crate::app::mesh_cache::to_color32;
use crate::core::crs::{COMMON_CRS_CHOICES, Crs};
use crate::core::geometry::dimension;
use crate::core::io::write_back::has_unsaved_data_edits;
use crate::core::layer::{Layer, LayerId};
use crate::core::session::{Edit, GroupVisibility, LayerTreeItem, Session};
use crate::core::style::{Dash, Outline, Style};
use crate::core::text_encoding::{EncodingOrigin, TextEncoding};

/// Panel-local editing state.
#[derive(Default)]
pub struct LayerPanelState {
    /// The text of the rename box and the layer it belongs to.
    rename: Option<(LayerId, String)>,
    /// Database layers whose table changed on the server since they were read.
    pub changed_on_server: Vec<LayerId>,
}

/// Draws the layer list and the chosen layer's controls.
pub fn layers_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    chosen: Option<LayerId>,
    editing: Option<LayerId>,
    state: &mut LayerPanelState,
    actions: &mut Vec<Action>,
) {
    ui.heading(t.layers_heading);
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.open_file_button).clicked() {
            actions.push(Action::ShowOpenDialog);
        }
        if ui.button(t.zoom_to_city).clicked() {
            actions.push(Action::ZoomToCity);
        }
    });
    ui.separator();
    if document.layers().is_empty() {
        ui.label(t.no_layers);
    }
    egui::ScrollArea::vertical()
        .id_salt("layer-list")
        .auto_shrink([false, true])
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            let rows = RowContext {
                document,
                chosen,
                editing,
                changed_on_server: &state.changed_on_server,
            };
            for item in document.layer_tree().iter().rev() {
                match item {
                    LayerTreeItem::Layer(position) => rows.row_ui(ui, t, *position, actions),
                    LayerTreeItem::Group { name, positions } => {
                        group_ui(ui, t, &rows, name, positions, actions)
                    }
                }
            }
        });
    if let Some(layer) = chosen.and_then(|id| document.layer(id)) {
        ui.separator();
        layer_controls_ui(ui, t, document, layer, state, actions);
        if editing == Some(layer.id) {
            let texts = t.lang.edit_texts();
            let save = match layer.database {
                Some(_) => t.lang.db_save_texts().save_to_database,
                None => texts.save_layer_edits,
            };
            if ui.button(save).clicked() {
                actions.push(Action::SaveLayerEdits(layer.id));
            }
        }
    }
}

/// What the layer rows need to know besides the layer.
struct RowContext<'a> {
    /// The open project.
    document: &'a Session,
    /// The layer whose controls are shown.
    chosen: Option<LayerId>,
    /// The layer in edit mode.
    editing: Option<LayerId>,
    /// Database layers whose table changed on the server.
    changed_on_server: &'a [LayerId],
}

impl RowContext<'_> {
    /// The row of the layer at drawing position `position`.
    fn row_ui(&self, ui: &mut egui::Ui, t: &Texts, position: usize, actions: &mut Vec<Action>) {
        let Some(layer) = self.document.layers().get(position) else {
            return;
        };
        let row = RowState {
            chosen: self.chosen == Some(layer.id),
            editing: self.editing == Some(layer.id),
            unsaved_edits: has_unsaved_data_edits(layer),
            changed_on_server: self.changed_on_server.contains(&layer.id),
        };
        layer_row_ui(ui, t, layer, row, actions);
    }
}

/// A layer group: its header, and unless it is folded, its layers' rows (topmost first), indented.
fn group_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    rows: &RowContext,
    name: &str,
    positions: &[usize],
    actions: &mut Vec<Action>,
) {
    let collapsed = rows.document.is_group_collapsed(name);
    group_header_ui(ui, t, rows.document, name, positions.len(), actions);
    if collapsed {
        return;
    }
    ui.indent(("layer-group", name), |ui| {
        for position in positions.iter().rev() {
            rows.row_ui(ui, t, *position, actions);
        }
    });
}

/// A group's header: the show/hide-all checkbox (partly ticked when only some layers are shown; a click then
/// shows them all), the name that folds and unfolds it, its layer count, and moving or removing it whole.
fn group_header_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    name: &str,
    layer_count: usize,
    actions: &mut Vec<Action>,
) {
    let texts = t.lang.group_texts();
    let collapsed = document.is_group_collapsed(name);
    let visibility = document.group_visibility(name);
    ui.horizontal_wrapped(|ui| {
        let mut shown = visibility != Some(GroupVisibility::None);
        let toggle = ui
            .add(
                egui::Checkbox::new(&mut shown, "")
                    .indeterminate(visibility == Some(GroupVisibility::Some)),
            )
            .on_hover_text(texts.group_visible_tooltip);
        let arrow = if collapsed { "▸" } else { "▾" };
        let header = ui
            .selectable_label(false, RichText::new(format!("{arrow} {name}")).strong())
            .on_hover_text(texts.fold_tooltip);
        if toggle.changed() {
            let show_all = visibility != Some(GroupVisibility::All);
            if let Some(edit) = document.group_visibility_edit(name, show_all) {
                actions.push(Action::Edit(edit));
            }
        }
        toggle.labelled_by(header.id);
        if header.clicked() {
            actions.push(Action::SetGroupCollapsed(name.to_string(), !collapsed));
        }
        ui.label(
            RichText::new(format!("{layer_count} {}", texts.layers_word))
                .small()
                .color(Color32::GRAY),
        );
        group_buttons_ui(ui, t, document, name, actions);
    });
}

/// Moving a group up or down as a whole, and removing it with its layers.
fn group_buttons_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    name: &str,
    actions: &mut Vec<Action>,
) {
    let texts = t.lang.group_texts();
    for (label, up) in [(texts.group_up, true), (texts.group_down, false)] {
        let edit = document.move_group_edit(name, up);
        let button = ui
            .add_enabled(edit.is_some(), egui::Button::new(label).small())
            .on_hover_text(texts.group_move_tooltip);
        if button.clicked()
            && let Some(edit) = edit
        {
            actions.push(Action::Edit(edit));
        }
    }
    if let Some(source) = group_source(document, name) {
        let tt16 = t.lang.tt16_texts();
        if ui
            .add(egui::Button::new(tt16.check_group).small())
            .on_hover_text(tt16.check_group_tooltip)
            .clicked()
        {
            actions.push(Action::Tt16(crate::app::tt16_check::Tt16Action::Check(
                source,
            )));
        }
    }
    if ui
        .add(egui::Button::new(texts.remove_group).small())
        .clicked()
        && let Some(edit) = document.remove_group_edit(name)
    {
        actions.push(Action::Edit(edit));
        actions.push(Action::ChooseLayer(None));
    }
}

/// The file or folder a group's layers were read from (the package a group of a dossier is), if any.
fn group_source(document: &Session, name: &str) -> Option<std::path::PathBuf> {
    document
        .group_layers(name)
        .into_iter()
        .find_map(|id| document.layer(id)?.source_path.clone())
}

/// How a layer's row is shown.
#[derive(Clone, Copy)]
struct RowState {
    /// The layer's controls are shown below the list.
    chosen: bool,
    /// The layer is in edit mode.
    editing: bool,
    /// The layer has edits not yet written to its file.
    unsaved_edits: bool,
    /// The layer's database table changed on the server.
    changed_on_server: bool,
}

fn layer_row_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    layer: &Layer,
    row: RowState,
    actions: &mut Vec<Action>,
) {
    let is_chosen = row.chosen;
    ui.horizontal(|ui| {
        let mut visible = layer.visible;
        let toggle = ui
            .checkbox(&mut visible, "")
            .on_hover_text(t.visible_tooltip);
        if toggle.changed() {
            actions.push(Action::Edit(Edit::SetVisible(layer.id, visible)));
        }
        let texts = t.lang.edit_texts();
        let pencil = ui
            .selectable_label(row.editing, "✏")
            .on_hover_text(if row.editing {
                texts.leave_edit_mode
            } else {
                texts.enter_edit_mode
            });
        if pencil.clicked() {
            actions.push(Action::ToggleEditMode(layer.id));
        }
        swatch_ui(ui, &layer.style, layer);
        let shown_name = if row.unsaved_edits {
            format!("{} •", layer.name)
        } else {
            layer.name.clone()
        };
        let mut name = if is_chosen {
            RichText::new(shown_name).strong()
        } else {
            RichText::new(shown_name)
        };
        if row.changed_on_server {
            name = name.color(Color32::from_rgb(180, 90, 0));
        }
        let mut name_response = ui.selectable_label(is_chosen, name);
        if row.unsaved_edits {
            name_response = name_response.on_hover_text(match layer.database {
                Some(_) => t.lang.db_save_texts().layer_has_unsaved_db_edits,
                None => texts.layer_has_unsaved_edits,
            });
        }
        if row.changed_on_server {
            name_response = name_response.on_hover_text(
                crate::app::database::open_texts::db_texts(t.lang).changed_on_server,
            );
        }
        if layer.group.is_some() && layer.features.is_empty() {
            name_response = name_response.on_hover_text(t.lang.group_texts().empty_layer_tooltip);
        }
        toggle.labelled_by(name_response.id);
        if name_response.clicked() {
            actions.push(Action::ChooseLayer((!is_chosen).then_some(layer.id)));
        }
    });
    if let Some(categorized) = &layer.style.categorized {
        let lowest = lowest_dimension(layer);
        ui.indent(("legend", layer.id.0), |ui| {
            for category in &categorized.categories {
                ui.horizontal(|ui| {
                    let symbol = Style {
                        fill: category.fill,
                        stroke: category.stroke.unwrap_or(layer.style.stroke),
                        point_symbol: category.symbol.unwrap_or(layer.style.point_symbol),
                        ..layer.style.clone()
                    };
                    let outline = layer.style.outline_for(Some(category));
                    if lowest == 2 && layer.style.has_category_outlines() {
                        area_symbol_ui(ui, &symbol, outline);
                    } else {
                        symbol_ui(ui, &symbol, lowest);
                    }
                    ui.label(RichText::new(t.category_label(category)).small());
                });
            }
        });
    }
}

/// The lowest geometry dimension in a layer (0 points, 1 lines, 2 areas), which decides its legend symbol.
fn lowest_dimension(layer: &Layer) -> u8 {
    layer
        .features
        .iter()
        .map(|feature| dimension(&feature.geometry_in_map))
        .min()
        .unwrap_or(2)
}

/// A small legend symbol for a layer's style.
fn swatch_ui(ui: &mut egui::Ui, style: &Style, layer: &Layer) {
    let lowest = if style.categorized.is_some() {
        3
    } else {
        lowest_dimension(layer)
    };
    symbol_ui(ui, style, lowest);
}

/// Paints a legend box for an area class drawn with its own outline (a planning stage's band, solid or
/// dashed).
fn area_symbol_ui(ui: &mut egui::Ui, style: &Style, outline: Outline) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 14.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect.shrink(1.0), 2.0, to_color32(style.fill));
    let stroke = Stroke::new(outline.width_px.clamp(0.8, 2.5), to_color32(style.stroke));
    let dash = outline.dash.map(|dash| Dash {
        on_px: dash.on_px.min(4.0),
        off_px: dash.off_px.min(2.5),
    });
    paint_rect_outline(&painter, rect.shrink(1.0), stroke, dash);
}

/// Paints a legend symbol for geometry of dimension `lowest` (3: a neutral box for categorized layers).
fn symbol_ui(ui: &mut egui::Ui, style: &Style, lowest: u8) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 14.0), Sense::hover());
    let painter = ui.painter_at(rect);
    match lowest {
        0 => paint_marker(
            &painter,
            rect.center(),
            style.point_symbol,
            style.point_radius_px.min(6.0),
            to_color32(style.fill),
            to_color32(style.stroke),
        ),
        1 => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(
                    style.stroke_width_px.clamp(1.0, 4.0),
                    to_color32(style.stroke),
                ),
            );
        }
        2 => {
            painter.rect(
                rect.shrink(1.0),
                2.0,
                to_color32(style.fill),
                Stroke::new(1.0, to_color32(style.stroke)),
                egui::StrokeKind::Inside,
            );
        }
        _ => {
            painter.rect_stroke(
                rect.shrink(2.0),
                2.0,
                Stroke::new(1.0, Color32::GRAY),
                egui::StrokeKind::Inside,
            );
        }
    }
}

fn layer_controls_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    document: &Session,
    layer: &Layer,
    state: &mut LayerPanelState,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new(&layer.name).strong());
    ui.label(
        RichText::new(format!(
            "{} {} · {}",
            layer.features.len(),
            t.features_word,
            layer.crs.label()
        ))
        .small()
        .color(Color32::GRAY),
    );
    let mut opacity = layer.opacity;
    if ui
        .add(egui::Slider::new(&mut opacity, 0.0..=1.0).text(t.opacity))
        .changed()
    {
        actions.push(Action::DragEdit(Edit::SetOpacity(layer.id, opacity)));
    }
    ui.horizontal_wrapped(|ui| {
        for (label, up) in [(t.move_up, true), (t.move_down, false)] {
            let edit = document.move_layer_edit(layer.id, up);
            if ui
                .add_enabled(edit.is_some(), egui::Button::new(label))
                .clicked()
                && let Some(edit) = edit
            {
                actions.push(Action::Edit(edit));
            }
        }
        if ui.button(t.zoom_to_layer).clicked() {
            actions.push(Action::ZoomToLayer(layer.id));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.attribute_table).clicked() {
            actions.push(Action::OpenTable(layer.id));
        }
        if ui.button(t.style_button).clicked() {
            actions.push(Action::OpenStyleEditor(layer.id));
        }
        if ui.button(t.remove_layer).clicked() {
            actions.push(Action::Edit(Edit::RemoveLayer(layer.id)));
            actions.push(Action::ChooseLayer(None));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.export_layer).clicked() {
            actions.push(Action::OpenExportDialog(layer.id));
        }
        if ui.button(t.lang.db_save_texts().publish_button).clicked() {
            actions.push(Action::DbSave(
                crate::app::database::save_database::DbSaveAction::OpenPublishDialog(layer.id),
            ));
        }
    });
    crate::app::database::layer_source::db_layer_source_ui(
        ui,
        t.lang,
        layer,
        state.changed_on_server.contains(&layer.id),
        actions,
    );
    rename_ui(ui, t, layer, state, actions);
    crs_choice_ui(ui, t, layer, actions);
    encoding_ui(ui, t, layer, actions);
    for note in &layer.notes {
        ui.label(
            RichText::new(format!("• {}", layer_note_text(note, t.lang)))
                .small()
                .color(Color32::from_rgb(120, 80, 0)),
        );
    }
}

/// The text encoding a layer was read with, and a choice to read it again with another one.
fn encoding_ui(ui: &mut egui::Ui, t: &Texts, layer: &Layer, actions: &mut Vec<Action>) {
    let Some(report) = &layer.text_encoding else {
        return;
    };
    let origin = match report.origin {
        EncodingOrigin::Declared => t.encoding_declared,
        EncodingOrigin::Detected => t.encoding_detected,
        EncodingOrigin::User => t.encoding_user,
        EncodingOrigin::Ambiguous => t.encoding_ambiguous,
    };
    ui.horizontal(|ui| {
        let label = ui.label(t.text_encoding);
        let mut chosen = report.encoding;
        egui::ComboBox::from_id_salt(("encoding", layer.id.0))
            .selected_text(report.encoding.name())
            .show_ui(ui, |ui| {
                for encoding in [
                    TextEncoding::Utf8,
                    TextEncoding::Windows1258,
                    TextEncoding::Tcvn3,
                    TextEncoding::VniWindows,
                ] {
                    ui.selectable_value(&mut chosen, encoding, encoding.name());
                }
            })
            .response
            .labelled_by(label.id);
        if chosen != report.encoding && layer.source_path.is_some() {
            actions.push(Action::ReloadWithEncoding(layer.id, chosen));
        }
    });
    let colour = if report.origin == EncodingOrigin::Ambiguous {
        Color32::from_rgb(180, 30, 30)
    } else {
        Color32::GRAY
    };
    ui.label(RichText::new(origin).small().color(colour));
}

fn rename_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    layer: &Layer,
    state: &mut LayerPanelState,
    actions: &mut Vec<Action>,
) {
    if state.rename.as_ref().is_none_or(|(id, _)| *id != layer.id) {
        state.rename = Some((layer.id, layer.name.clone()));
    }
    let Some((_, text)) = state.rename.as_mut() else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label(t.rename);
        let response = ui
            .add(egui::TextEdit::singleline(text).desired_width(150.0))
            .labelled_by(label.id);
        let submitted =
            response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        if (submitted || ui.button(t.apply).clicked())
            && !text.trim().is_empty()
            && text.trim() != layer.name
        {
            actions.push(Action::Edit(Edit::Rename(
                layer.id,
                text.trim().to_string(),
            )));
        }
    });
}

fn crs_choice_ui(ui: &mut egui::Ui, t: &Texts, layer: &Layer, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label(t.layer_crs);
        let mut chosen: Crs = layer.crs;
        egui::ComboBox::from_id_salt(("crs", layer.id.0))
            .selected_text(layer.crs.label())
            .show_ui(ui, |ui| {
                for crs in COMMON_CRS_CHOICES {
                    ui.selectable_value(&mut chosen, crs, crs.label());
                }
            })
            .response
            .labelled_by(label.id);
        if chosen != layer.crs {
            actions.push(Action::Edit(Edit::SetLayerCrs {
                layer: layer.id,
                crs: chosen,
                origin: crate::core::layer::CrsOrigin::User,
            }));
        }
    });
    let origin = match layer.crs_origin {
        crate::core::layer::CrsOrigin::Declared => t.crs_declared,
        crate::core::layer::CrsOrigin::Assumed => t.crs_assumed,
        crate::core::layer::CrsOrigin::User => t.crs_user,
    };
    ui.label(RichText::new(origin).small().color(Color32::GRAY));
}
