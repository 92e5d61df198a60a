//! The panel *Kiểm tra hồ sơ TT16*: the checked path, a summary line (ĐẠT / KHÔNG ĐẠT, errors, warnings,
//! layers, features), then the problems grouped by package and layer — each row its severity in colour, its
//! message in the interface language, the feature and the field; a click on a row with a place zooms to it —
//! and the CSV export.

use eframe::egui::{self, Color32, RichText};

use super::{Tt16Action, Tt16CheckState};
use crate::app::i18n::{Lang, Texts};
use crate::app::i18n_tt16::Tt16Texts;
use crate::app::panels::Action;
use crate::core::tt16::problem::{Problem, Severity};
use crate::core::tt16::report::CheckReport;

/// The colour of errors.
const ERROR_COLOUR: Color32 = Color32::from_rgb(190, 30, 30);
/// The colour of warnings.
const WARNING_COLOUR: Color32 = Color32::from_rgb(200, 120, 0);
/// The colour of a passed check.
const OK_COLOUR: Color32 = Color32::from_rgb(30, 130, 50);

/// Draws the panel.
pub fn tt16_panel_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    state: &mut Tt16CheckState,
    actions: &mut Vec<Action>,
) {
    let texts = t.lang.tt16_texts();
    ui.horizontal(|ui| {
        ui.heading(texts.panel_title);
        if ui.small_button(texts.close).clicked() {
            actions.push(Action::Tt16(Tt16Action::TogglePanel));
        }
    });
    if ui.button(texts.check_other).clicked() {
        actions.push(Action::Tt16(Tt16Action::ChooseDossier));
    }
    ui.separator();
    if let Some(job) = &state.job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("{} {}", texts.running, job.path.display()));
        });
        return;
    }
    if let Some(failure) = &state.failure {
        ui.colored_label(ERROR_COLOUR, format!("{} {failure}", texts.check_failed));
        return;
    }
    let Some(report) = &state.report else {
        ui.label(texts.nothing_checked);
        return;
    };
    summary_ui(ui, texts, report);
    csv_export_ui(ui, texts, &mut state.csv_path_text, actions);
    ui.separator();
    problems_ui(ui, t.lang, report, &mut state.chosen, actions);
}

/// The checked path and the summary line.
fn summary_ui(ui: &mut egui::Ui, texts: &Tt16Texts, report: &CheckReport) {
    ui.label(RichText::new(&report.path).small());
    let (verdict, colour) = match report.ok {
        true => (texts.verdict_ok, OK_COLOUR),
        false => (texts.verdict_not_ok, ERROR_COLOUR),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(verdict).strong().color(colour));
        ui.label(summary_counts(texts, report));
    });
}

/// "3 lỗi, 1 cảnh báo; 9 lớp, 16 đối tượng".
pub fn summary_counts(texts: &Tt16Texts, report: &CheckReport) -> String {
    format!(
        "{} {}, {} {}; {} {}, {} {}",
        report.error_count(),
        texts.errors_word,
        report.warning_count(),
        texts.warnings_word,
        report.layers,
        texts.layers_word,
        report.features,
        texts.features_word
    )
}

/// The CSV path and the export button.
fn csv_export_ui(
    ui: &mut egui::Ui,
    texts: &Tt16Texts,
    path_text: &mut String,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(texts.csv_file_label);
        ui.add(egui::TextEdit::singleline(path_text).desired_width(200.0))
            .labelled_by(label.id);
    });
    if ui.button(texts.export_csv).clicked() && !path_text.trim().is_empty() {
        actions.push(Action::Tt16(Tt16Action::ExportCsv(path_text.trim().into())));
    }
}

/// The problems under package and layer headings, in the report's order (which groups them).
fn problems_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    report: &CheckReport,
    chosen: &mut Option<usize>,
    actions: &mut Vec<Action>,
) {
    let texts = lang.tt16_texts();
    if report.problems.is_empty() {
        ui.label(texts.no_problems);
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut heading: Option<(&str, Option<&str>)> = None;
            for (index, problem) in report.problems.iter().enumerate() {
                let place = (problem.package.as_str(), problem.layer.as_deref());
                if heading.map(|(package, _)| package) != Some(place.0) {
                    ui.add_space(4.0);
                    ui.label(RichText::new(place.0).strong());
                }
                if heading != Some(place) {
                    let layer = place.1.unwrap_or(texts.whole_package);
                    ui.label(RichText::new(format!("  {layer}")).italics());
                }
                heading = Some(place);
                if problem_row_ui(ui, lang, problem, *chosen == Some(index)) {
                    *chosen = Some(index);
                    actions.push(Action::Tt16(Tt16Action::ZoomToProblem(index)));
                }
            }
        });
}

/// One problem: severity in colour, the message (a click zooms when it has a place), feature and field.
/// True when clicked.
fn problem_row_ui(ui: &mut egui::Ui, lang: Lang, problem: &Problem, chosen: bool) -> bool {
    let texts = lang.tt16_texts();
    let (word, colour) = match problem.severity {
        Severity::Error => (texts.error_word, ERROR_COLOUR),
        Severity::Warning => (texts.warning_word, WARNING_COLOUR),
    };
    let message = match lang {
        Lang::Vi => problem.message_vi(),
        Lang::En => problem.message.clone(),
    };
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        ui.add_space(12.0);
        ui.label(RichText::new(word).strong().color(colour));
        let mut row = ui.selectable_label(chosen, message);
        if problem.location.is_some() {
            row = row.on_hover_text(texts.row_zoom_tooltip);
        }
        clicked = row.clicked();
        let whereabouts = feature_and_field(texts, problem);
        if !whereabouts.is_empty() {
            ui.label(RichText::new(whereabouts).small().color(Color32::GRAY));
        }
    });
    clicked
}

/// "đối tượng 3 · trường tenDoiTuong", or what of it the problem has.
fn feature_and_field(texts: &Tt16Texts, problem: &Problem) -> String {
    let feature = problem
        .feature
        .map(|id| format!("{} {id}", texts.feature_word));
    let field = problem
        .field
        .as_deref()
        .map(|name| format!("{} {name}", texts.field_word));
    feature
        .into_iter()
        .chain(field)
        .collect::<Vec<_>>()
        .join(" · ")
}
