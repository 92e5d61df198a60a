//! Notices: messages about failed loads and other problems, shown over the bottom right of the map until the
//! user closes them. A notice never removes anything already loaded.

use eframe::egui::{self, Color32, RichText};

use crate::app::i18n::Texts;

/// One message for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The full text (file, what was wrong, where).
    pub text: String,
    /// True for errors, false for information.
    pub is_error: bool,
}

/// Draws the notices; closed ones are removed from `notices`.
pub fn notices_ui(ctx: &egui::Context, t: &Texts, notices: &mut Vec<Notice>) {
    if notices.is_empty() {
        return;
    }
    let mut closed = Vec::new();
    egui::Area::new(egui::Id::unique("notices"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            for (position, notice) in notices.iter().enumerate() {
                let fill = if notice.is_error {
                    Color32::from_rgb(255, 235, 232)
                } else {
                    Color32::from_rgb(232, 244, 255)
                };
                egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
                    let title = if notice.is_error {
                        t.error_title
                    } else {
                        t.info_title
                    };
                    ui.label(
                        RichText::new(title)
                            .strong()
                            .color(Color32::from_rgb(120, 20, 20)),
                    );
                    ui.label(RichText::new(&notice.text).color(Color32::from_rgb(30, 30, 30)));
                    if ui.button(t.dismiss).clicked() {
                        closed.push(position);
                    }
                });
            }
        });
    for position in closed.into_iter().rev() {
        notices.remove(position);
    }
}
