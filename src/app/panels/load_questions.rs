//! Questions a file asks before it can be read: a Shapefile without a usable `.prj` (which coordinate system?)
//! and a CSV whose coordinate columns are unclear (which columns, which CRS? — in Vietnamese practice X is the
//! northing and Y the easting). The answer restarts the load with the choice; the CRS chosen for a file is
//! remembered for the session.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::Action;
use crate::app::i18n::Texts;
use crate::app::i18n_notes::{csv_guess_text, unknown_crs_text};
use crate::core::crs::{COMMON_CRS_CHOICES, Crs};
use crate::core::io::LoadOptions;
use crate::core::io::csv_points::{CsvColumns, CsvGuess};
use crate::core::io::unknown_crs::UnknownCrsReason;

/// What the file needs to know.
#[derive(Clone, Debug)]
pub enum Question {
    /// The coordinate system, with why it is unknown and what to offer first.
    Crs {
        /// Why the CRS is unknown.
        reason: UnknownCrsReason,
        /// CRSs to offer, most likely first.
        suggestions: Vec<Crs>,
    },
    /// The coordinate columns (and CRS) of a CSV.
    CsvColumns(Box<CsvGuess>),
}

/// A question being asked, with the load to restart.
#[derive(Clone, Debug)]
pub struct PendingQuestion {
    /// The file.
    pub path: PathBuf,
    /// The options the load used.
    pub options: LoadOptions,
    /// The question.
    pub question: Question,
    /// The CRS chosen so far.
    pub crs: Option<Crs>,
    /// The CSV columns chosen so far.
    pub columns: Option<CsvColumns>,
}

/// Draws the question; pushes [`Action::RetryLoad`] with the answer, or clears `pending` on cancel.
pub fn load_question_ui(
    ctx: &egui::Context,
    t: &Texts,
    pending: &mut Option<PendingQuestion>,
    actions: &mut Vec<Action>,
) {
    let Some(asked) = pending.as_mut() else {
        return;
    };
    let mut close = false;
    let file_name = asked
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    egui::Window::new(format!("{} — {file_name}", t.question_title))
        .id(egui::Id::unique("load-question"))
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            let offered: Vec<Crs> = match &asked.question {
                Question::Crs { reason, suggestions } => {
                    ui.label(t.crs_question);
                    ui.label(RichText::new(unknown_crs_text(reason, t.lang)).small());
                    suggestions.clone()
                }
                Question::CsvColumns(guess) => {
                    ui.label(t.csv_question);
                    ui.label(RichText::new(csv_guess_text(guess.reason, t.lang)).small());
                    columns_ui(ui, t, guess, &mut asked.columns);
                    guess.crs.into_iter().collect()
                }
            };
            crs_choice_ui(ui, t, &offered, &mut asked.crs);
            ui.horizontal(|ui| {
                let ready = asked.crs.is_some() && !matches!(asked.question, Question::CsvColumns(_) if asked.columns.is_none());
                if ui.add_enabled(ready, egui::Button::new(t.open_button)).clicked() {
                    let mut options = asked.options.clone();
                    options.crs = asked.crs;
                    if asked.columns.is_some() {
                        options.csv_columns = asked.columns;
                    }
                    actions.push(Action::RetryLoad(asked.path.clone(), options));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
    if close {
        *pending = None;
    }
}

fn crs_choice_ui(ui: &mut egui::Ui, t: &Texts, offered: &[Crs], chosen: &mut Option<Crs>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t.layer_crs);
        let mut choices: Vec<Crs> = offered.to_vec();
        for crs in COMMON_CRS_CHOICES {
            if !choices.contains(&crs) {
                choices.push(crs);
            }
        }
        for crs in choices {
            ui.selectable_value(chosen, Some(crs), crs.label());
        }
    });
}

fn columns_ui(ui: &mut egui::Ui, t: &Texts, guess: &CsvGuess, columns: &mut Option<CsvColumns>) {
    let mut picked = columns.or(guess.columns).unwrap_or(CsvColumns {
        lon_or_easting: 0,
        lat_or_northing: 1.min(guess.headers.len().saturating_sub(1)),
    });
    let name = |index: usize| {
        guess
            .headers
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("#{}", index + 1))
    };
    for (label, slot, id) in [
        (
            t.column_lon_or_easting,
            &mut picked.lon_or_easting,
            "csv-lon",
        ),
        (
            t.column_lat_or_northing,
            &mut picked.lat_or_northing,
            "csv-lat",
        ),
    ] {
        ui.horizontal(|ui| {
            let label = ui.label(label);
            egui::ComboBox::from_id_salt(id)
                .selected_text(name(*slot))
                .show_ui(ui, |ui| {
                    for index in 0..guess.headers.len() {
                        ui.selectable_value(slot, index, name(index));
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }
    *columns = Some(picked);
}
