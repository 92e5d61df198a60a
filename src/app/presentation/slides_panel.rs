//! The *Trình chiếu* panel: the slide list (select, move up and down, delete), the chosen slide's title and
//! speaker note, *Cập nhật từ khung nhìn* and *Đi tới*, starting the show, and exporting every slide as PNG.
//! Titles and notes are typed into a draft of the slide, which becomes one undoable edit when the text field
//! lets go of the keyboard; everything else is a [`SlideAction`].

use eframe::egui::{self, RichText};

use super::{PresentationState, SlideAction};
use crate::app::i18n::Texts;
use crate::app::panels::Action;
use crate::core::project::Slide;

/// Draws the panel's content.
pub fn slides_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    slides: &[Slide],
    state: &mut PresentationState,
    actions: &mut Vec<Action>,
) {
    let mut push = |action: SlideAction| actions.push(Action::Slides(action));
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.add_slide).clicked() {
            push(SlideAction::AddFromView);
        }
        if ui
            .add_enabled(!slides.is_empty(), egui::Button::new(t.start_show))
            .clicked()
        {
            push(SlideAction::Start);
        }
    });
    ui.separator();
    if slides.is_empty() {
        ui.label(RichText::new(t.no_slides).italics());
    }
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() * 0.45)
        .show(ui, |ui| {
            for (index, slide) in slides.iter().enumerate() {
                let chosen = state.selected == Some(index);
                let label = format!("{}. {}", index + 1, slide.title);
                if ui.selectable_label(chosen, label).clicked() {
                    push(SlideAction::Select(index));
                }
            }
        });
    match state
        .selected
        .and_then(|index| Some((index, slides.get(index)?)))
    {
        Some((index, slide)) => {
            ui.separator();
            let mut draft = state
                .draft
                .take()
                .filter(|(drafted, _)| *drafted == index)
                .map_or_else(|| slide.clone(), |(_, draft)| draft);
            let typing = chosen_slide_ui(ui, t, index, &mut draft, &mut push);
            if typing {
                state.draft = Some((index, draft));
            } else if draft != *slide {
                push(SlideAction::Rewrite(index, Box::new(draft)));
            }
        }
        None => state.draft = None,
    }
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label(t.slides_folder_label);
        ui.add(
            egui::TextEdit::singleline(&mut state.export_folder_text).desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    if ui
        .add_enabled(!slides.is_empty(), egui::Button::new(t.export_slides))
        .clicked()
    {
        push(SlideAction::ExportAll);
    }
}

/// The chosen slide's fields (on a draft of it) and buttons; true while a text field has the keyboard.
fn chosen_slide_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    index: usize,
    slide: &mut Slide,
    push: &mut impl FnMut(SlideAction),
) -> bool {
    let label = ui.label(t.slide_title_label);
    let title = ui
        .add(egui::TextEdit::singleline(&mut slide.title).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let label = ui.label(t.speaker_note_label);
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut slide.speaker_note)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.go_to_slide).clicked() {
            push(SlideAction::GoTo(index));
        }
        if ui.button(t.update_slide).clicked() {
            push(SlideAction::UpdateFromView(index));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.move_slide_up).clicked() {
            push(SlideAction::MoveUp(index));
        }
        if ui.button(t.move_slide_down).clicked() {
            push(SlideAction::MoveDown(index));
        }
        if ui.button(t.delete_slide).clicked() {
            push(SlideAction::Delete(index));
        }
    });
    ui.label(format!(
        "{}: {}",
        t.kept_annotations,
        slide.annotations.len()
    ));
    title.has_focus() || note.has_focus()
}
