//! The *Góp ý hiện trường* panel: the reviewer's name, the drop-a-pin button, filters, the pin list (a click
//! selects a pin and flies to it), the selected pin's form (category, status, note, photos, save, delete)
//! with its history, and the exchange of review files; plus the small window that asks the reviewer's name.
//! The panel edits only its own fields and pushes [`ReviewAction`]s.

use std::path::Path;

use eframe::egui::{self, Color32, RichText, Sense, vec2};

use super::map_pins::{marker_fill, paint_marker};
use super::time_text::vietnam_minute;
use super::{PinForm, ReviewAction, ReviewState, default_export_path};
use crate::app::i18n::{ReviewTexts, Texts};
use crate::app::panels::Action;
use crate::core::review::{PinCategory, PinStatus, PinVersion, ReviewPins};
use crate::core::timestamp::Timestamp;

const CATEGORIES: [PinCategory; 3] = [
    PinCategory::Issue,
    PinCategory::Proposal,
    PinCategory::Approved,
];
const STATUSES: [PinStatus; 2] = [PinStatus::Open, PinStatus::Resolved];
/// Characters of a note shown in a list row.
const ROW_TEXT_CHARS: usize = 60;

/// The category's name in the interface language.
pub fn category_name(t: &ReviewTexts, category: PinCategory) -> &'static str {
    match category {
        PinCategory::Issue => t.category_issue,
        PinCategory::Proposal => t.category_proposal,
        PinCategory::Approved => t.category_approved,
    }
}

/// The status's name in the interface language.
pub fn status_name(t: &ReviewTexts, status: PinStatus) -> &'static str {
    match status {
        PinStatus::Open => t.status_open,
        PinStatus::Resolved => t.status_resolved,
    }
}

fn push(actions: &mut Vec<Action>, action: ReviewAction) {
    actions.push(Action::Review(action));
}

/// Draws the panel.
pub fn review_panel_ui(
    ui: &mut egui::Ui,
    texts: &Texts,
    state: &mut ReviewState,
    pins: &ReviewPins,
    project_path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    let t = texts.review;
    ui.heading(t.heading);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            author_row_ui(ui, t, state, actions);
            drop_row_ui(ui, t, state, actions);
            if state.form.is_some() {
                ui.separator();
                form_ui(ui, t, state, pins, project_path, actions);
            }
            ui.separator();
            filters_ui(ui, t, state, pins);
            pin_list_ui(ui, t, state, pins, actions);
            ui.separator();
            exchange_ui(ui, t, state, project_path, actions);
        });
}

fn author_row_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    state: &ReviewState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t.author_label);
        match &state.author {
            Some(name) => ui.label(RichText::new(name).strong()),
            None => ui.label(RichText::new(t.author_unknown).italics()),
        };
        if ui.small_button(t.change_author).clicked() {
            push(actions, ReviewAction::AskAuthor);
        }
    });
}

fn drop_row_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    state: &mut ReviewState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if state.dropping {
            if ui.button(t.cancel_drop).clicked() {
                push(actions, ReviewAction::CancelDropping);
            }
        } else if ui
            .add(egui::Button::new(RichText::new(t.drop_pin).strong()).min_size(vec2(110.0, 26.0)))
            .on_hover_text(t.drop_tooltip)
            .clicked()
        {
            push(actions, ReviewAction::StartDropping);
        }
    });
    ui.checkbox(&mut state.show_on_map, t.show_on_map);
}

fn filters_ui(ui: &mut egui::Ui, t: &ReviewTexts, state: &mut ReviewState, pins: &ReviewPins) {
    let mut authors: Vec<String> = pins
        .ids()
        .filter_map(|id| pins.current(id))
        .map(|version| version.author.clone())
        .collect();
    authors.sort();
    authors.dedup();
    let filter = &mut state.filter;
    egui::Grid::new("review-filters")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label(t.category_label);
            egui::ComboBox::from_id_salt("review-filter-category")
                .selected_text(
                    filter
                        .category
                        .map_or(t.all_choice, |c| category_name(t, c)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.category, None, t.all_choice);
                    for category in CATEGORIES {
                        ui.selectable_value(
                            &mut filter.category,
                            Some(category),
                            category_name(t, category),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t.status_label);
            egui::ComboBox::from_id_salt("review-filter-status")
                .selected_text(filter.status.map_or(t.all_choice, |s| status_name(t, s)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.status, None, t.all_choice);
                    for status in STATUSES {
                        ui.selectable_value(
                            &mut filter.status,
                            Some(status),
                            status_name(t, status),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t.author_filter);
            egui::ComboBox::from_id_salt("review-filter-author")
                .selected_text(filter.author.as_deref().unwrap_or(t.all_choice))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.author, None, t.all_choice);
                    for author in &authors {
                        ui.selectable_value(&mut filter.author, Some(author.clone()), author);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t.search_label);
            let mut needle = filter.text.clone().unwrap_or_default();
            if ui
                .add(egui::TextEdit::singleline(&mut needle).desired_width(170.0))
                .labelled_by(label.id)
                .changed()
            {
                filter.text = (!needle.trim().is_empty()).then_some(needle);
            }
            ui.end_row();
        });
    ui.checkbox(&mut filter.include_deleted, t.show_deleted);
}

fn pin_list_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    state: &ReviewState,
    pins: &ReviewPins,
    actions: &mut Vec<Action>,
) {
    let listed = pins.filtered(&state.filter);
    let total = pins
        .ids()
        .filter_map(|id| pins.current(id))
        .filter(|version| !version.deleted)
        .count();
    ui.label(RichText::new(format!("{} / {total} {}", listed.len(), t.pins_word)).small());
    if listed.is_empty() {
        let text = if total == 0 { t.no_pins } else { t.no_match };
        ui.label(RichText::new(text).italics());
        return;
    }
    let selected = state.selected();
    egui::ScrollArea::vertical()
        .id_salt("review-pin-list")
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (id, version) in listed {
                ui.horizontal(|ui| {
                    pin_icon_ui(ui, version);
                    let job = row_text(ui, t, version);
                    if ui
                        .add(egui::Button::selectable(selected == Some(id), job))
                        .on_hover_text(t.fly_tooltip)
                        .clicked()
                    {
                        push(actions, ReviewAction::SelectAndFly(id));
                    }
                });
            }
        });
}

fn pin_icon_ui(ui: &mut egui::Ui, version: &PinVersion) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 36.0), Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let tip = rect.center_bottom() - vec2(0.0, 2.0);
    let resolved = version.status == PinStatus::Resolved;
    paint_marker(&painter, tip, marker_fill(version), resolved, false);
}

/// A list row: the note's first line, then category · status · author · time.
fn row_text(ui: &egui::Ui, t: &ReviewTexts, version: &PinVersion) -> egui::text::LayoutJob {
    let first_line = version.text.lines().next().unwrap_or("").trim();
    let mut title: String = first_line.chars().take(ROW_TEXT_CHARS).collect();
    if first_line.chars().count() > ROW_TEXT_CHARS {
        title.push('…');
    }
    if title.is_empty() {
        title = t.no_text.to_string();
    }
    let mut details = format!(
        "{} · {} · {} · {}",
        category_name(t, version.category),
        status_name(t, version.status),
        version.author,
        vietnam_minute(version.updated)
    );
    if version.deleted {
        details = format!("{details} · {}", t.deleted_mark);
    }
    let style = ui.style();
    let mut job = egui::text::LayoutJob::default();
    RichText::new(title)
        .strong()
        .color(Color32::from_gray(25))
        .append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::LEFT,
        );
    RichText::new(format!("\n{details}"))
        .small()
        .color(Color32::from_gray(90))
        .append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::LEFT,
        );
    job
}

fn form_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    state: &mut ReviewState,
    pins: &ReviewPins,
    project_path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    let Some(form) = state.form.as_mut() else {
        return;
    };
    let is_new = form.pin.is_none();
    ui.label(
        RichText::new(if is_new {
            t.new_pin_heading
        } else {
            t.pin_heading
        })
        .strong()
        .size(15.0),
    );
    ui.label(
        RichText::new(format!(
            "WGS 84: {:.6}° E, {:.6}° N",
            form.lon_deg, form.lat_deg
        ))
        .small()
        .color(Color32::from_gray(90)),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(t.category_label);
        for category in CATEGORIES {
            ui.selectable_value(&mut form.category, category, category_name(t, category));
        }
    });
    if !is_new {
        ui.horizontal_wrapped(|ui| {
            ui.label(t.status_label);
            for status in STATUSES {
                ui.selectable_value(&mut form.status, status, status_name(t, status));
            }
        });
    }
    let label = ui.label(t.text_label);
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut form.text)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if std::mem::take(&mut form.focus_note) {
        note.request_focus();
    }
    form_buttons_ui(ui, t, form, &mut state.confirm_delete, actions);
    if let Some(id) = form.pin {
        photos_ui(ui, t, form, &mut state.photo_path, project_path, actions);
        history_ui(ui, t, pins, id);
    }
}

fn form_buttons_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    form: &PinForm,
    confirm_delete: &mut bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                form.is_dirty(),
                egui::Button::new(RichText::new(t.save_pin).strong()),
            )
            .clicked()
        {
            push(actions, ReviewAction::SaveForm);
        }
        let close = if form.pin.is_none() {
            t.discard_new
        } else {
            t.close_form
        };
        if ui.button(close).clicked() {
            push(actions, ReviewAction::CloseForm);
        }
        if form.pin.is_some() && ui.button(t.delete_pin).clicked() {
            *confirm_delete = true;
        }
    });
    if let (true, Some(id)) = (*confirm_delete, form.pin) {
        egui::Frame::new()
            .fill(Color32::from_rgb(255, 238, 232))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.label(t.confirm_delete);
                ui.horizontal(|ui| {
                    if ui.button(t.delete_yes).clicked() {
                        push(actions, ReviewAction::Delete(id));
                    }
                    if ui.button(t.keep_pin).clicked() {
                        *confirm_delete = false;
                    }
                });
            });
    }
}

fn photos_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    form: &PinForm,
    photo_path: &mut Option<String>,
    project_path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new(t.photos_label).strong());
    if form.photos().is_empty() {
        ui.label(RichText::new(t.no_photos).small().italics());
    }
    for name in form.photos() {
        let present = project_path.is_none_or(|project| {
            project.parent().map_or_else(
                || Path::new(name).is_file(),
                |folder| folder.join(name).is_file(),
            )
        });
        let shown = Path::new(name)
            .file_name()
            .map_or_else(|| name.clone(), |file| file.to_string_lossy().into_owned());
        if present {
            ui.label(RichText::new(shown).small()).on_hover_text(name);
        } else {
            ui.label(RichText::new(format!("{shown} {}", t.photo_missing)).small())
                .on_hover_text(name);
        }
    }
    let Some(project_path) = project_path else {
        ui.add_enabled(false, egui::Button::new(t.attach_photo))
            .on_disabled_hover_text(t.needs_saved_project);
        ui.label(RichText::new(t.needs_saved_project).small().italics());
        return;
    };
    match photo_path {
        None => {
            if ui.button(t.attach_photo).clicked() {
                *photo_path = Some(
                    project_path
                        .parent()
                        .map(|folder| format!("{}/", folder.display()))
                        .unwrap_or_default(),
                );
            }
        }
        Some(text) => {
            ui.horizontal(|ui| {
                let label = ui.label(t.photo_path);
                ui.add(egui::TextEdit::singleline(text).desired_width(200.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                if ui.button(t.attach_button).clicked() {
                    push(actions, ReviewAction::AttachPhoto);
                }
                if ui.button(t.close_form).clicked() {
                    *photo_path = None;
                }
            });
        }
    }
}

fn history_ui(ui: &mut egui::Ui, t: &ReviewTexts, pins: &ReviewPins, id: uuid::Uuid) {
    let versions = pins.versions(id);
    egui::CollapsingHeader::new(format!(
        "{} ({} {})",
        t.history_heading,
        versions.len(),
        t.versions_word
    ))
    .id_salt("review-history")
    .default_open(true)
    .show(ui, |ui| {
        let mut rows: Vec<String> = Vec::new();
        let mut previous: Option<&PinVersion> = None;
        for version in &versions {
            rows.push(format!(
                "{} · {} · {}",
                vietnam_minute(version.updated),
                version.author,
                what_changed(t, previous, version)
            ));
            previous = Some(version);
        }
        for row in rows.iter().rev() {
            ui.label(RichText::new(row).small());
        }
    });
}

/// What a version changed compared with the one before it.
pub fn what_changed(t: &ReviewTexts, before: Option<&PinVersion>, after: &PinVersion) -> String {
    let Some(before) = before else {
        return t.what_dropped.to_string();
    };
    let mut changes: Vec<String> = Vec::new();
    if after.deleted && !before.deleted {
        changes.push(t.what_deleted.to_string());
    }
    if !after.deleted && before.deleted {
        changes.push(t.what_restored.to_string());
    }
    if after.category != before.category {
        changes.push(format!(
            "{} → {}",
            t.what_category,
            category_name(t, after.category)
        ));
    }
    if after.status != before.status {
        changes.push(format!(
            "{} → {}",
            t.what_status,
            status_name(t, after.status)
        ));
    }
    if after.text != before.text {
        changes.push(t.what_text.to_string());
    }
    if after.photos != before.photos {
        changes.push(t.what_photos.to_string());
    }
    if (after.lon_deg, after.lat_deg) != (before.lon_deg, before.lat_deg) {
        changes.push(t.what_moved.to_string());
    }
    changes.join(", ")
}

fn exchange_ui(
    ui: &mut egui::Ui,
    t: &ReviewTexts,
    state: &mut ReviewState,
    project_path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new(t.exchange_heading).strong());
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.export_review).clicked() {
            let folder = project_path
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let path = default_export_path(&folder, state.author.as_deref(), Timestamp::now());
            state.export_path = Some(path.display().to_string());
        }
        if ui.button(t.import_review).clicked() && state.import_paths.is_none() {
            state.import_paths = Some(String::new());
        }
    });
    if let Some(path) = state.export_path.as_mut() {
        ui.horizontal(|ui| {
            let label = ui.label(t.export_path);
            ui.add(egui::TextEdit::singleline(path).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
        if ui.button(t.export_button).clicked() {
            push(actions, ReviewAction::Export);
        }
    }
    if let Some(paths) = state.import_paths.as_mut() {
        let label = ui.label(t.import_paths);
        ui.add(
            egui::TextEdit::multiline(paths)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        if ui.button(t.import_button).clicked() {
            push(actions, ReviewAction::Import);
        }
    }
    if let Some(summary) = &state.last_merge {
        ui.label(RichText::new(summary).small());
    }
}

/// The window that asks the reviewer's name (once per laptop, or when changing it).
pub fn author_window_ui(
    ctx: &egui::Context,
    texts: &Texts,
    state: &mut ReviewState,
    actions: &mut Vec<Action>,
) {
    let t = texts.review;
    let Some(prompt) = state.author_prompt.as_mut() else {
        return;
    };
    let mut open = true;
    let mut cancel = false;
    egui::Window::new(t.author_title)
        .id(egui::Id::unique("review-author-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, vec2(0.0, -80.0))
        .show(ctx, |ui| {
            ui.set_max_width(340.0);
            ui.label(t.author_explain);
            let label = ui.label(t.author_field);
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.name).desired_width(300.0))
                .labelled_by(label.id);
            if !field.has_focus() && prompt.name.is_empty() {
                field.request_focus();
            }
            let entered =
                field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let has_name = !prompt.name.trim().is_empty();
                let save = ui.add_enabled(has_name, egui::Button::new(t.author_save));
                if (save.clicked() || entered) && has_name {
                    push(actions, ReviewAction::SetAuthor(prompt.name.clone()));
                }
                if ui.button(texts.cancel).clicked() {
                    cancel = true;
                }
            });
        });
    if !open || cancel {
        state.author_prompt = None;
    }
}
