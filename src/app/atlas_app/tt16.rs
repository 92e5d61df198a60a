//! The TT16 dossier check in the application: choosing what to check, collecting the worker's report,
//! framing a problem on the map (and selecting its feature when its package is open as layers), and writing
//! the problems as CSV. The check, the placing of problems and the CSV are done elsewhere; this file only
//! turns the panel's requests into them.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::AtlasApp;
use crate::app::map_view::Selection;
use crate::app::panels::notices::Notice;
use crate::app::panels::open_dialog::{OpenDialogState, OpenPurpose};
use crate::app::tt16_check::Tt16Action;
use crate::app::tt16_check::locate::{NotPlaced, ProblemOnMap, place_problem};
use crate::core::index::hit_test;
use crate::core::tt16::report_csv::{MessageLanguage, write_csv};

/// Metres framed around a problem's point on each side.
const PROBLEM_MARGIN_M: f64 = 120.0;
/// How near a feature must be to a problem's point, in metres, to be selected as the problem's feature.
const FEATURE_TOLERANCE_M: f64 = 0.5;

impl AtlasApp {
    /// Applies one request of the TT16 check.
    pub(super) fn apply_tt16_action(&mut self, ctx: &egui::Context, action: Tt16Action) {
        match action {
            Tt16Action::ChooseDossier => {
                let folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
                self.open_dialog =
                    Some(OpenDialogState::for_purpose(folder, OpenPurpose::CheckTt16));
            }
            Tt16Action::Check(path) => self.tt16.start(ctx, path),
            Tt16Action::TogglePanel => self.tt16.open = !self.tt16.open,
            Tt16Action::ZoomToProblem(index) => self.zoom_to_problem(index),
            Tt16Action::ExportCsv(path) => self.export_tt16_csv(&path),
        }
    }

    /// Collects a finished check (called every frame).
    pub(super) fn tt16_tick(&mut self) {
        self.tt16.collect(false);
    }

    /// Waits for the running TT16 check and takes its report (for tests and scripted use).
    pub fn finish_tt16_check_blocking(&mut self) {
        self.tt16.collect(true);
    }

    /// Frames problem `index` of the report, or says why it cannot be placed.
    fn zoom_to_problem(&mut self, index: usize) {
        let Some(report) = &self.tt16.report else {
            return;
        };
        match place_problem(report, index, &self.session) {
            Ok(placed) => self.frame_problem(placed),
            Err(not_placed) => self.tell_not_placed(not_placed),
        }
    }

    /// Frames a placed problem and selects the feature at its point in its open layer, if any.
    fn frame_problem(&mut self, placed: ProblemOnMap) {
        let [x, y] = placed.at_in_map;
        let around = geo::Rect::new(
            (x - PROBLEM_MARGIN_M, y - PROBLEM_MARGIN_M),
            (x + PROBLEM_MARGIN_M, y + PROBLEM_MARGIN_M),
        );
        self.fit_map_to(around, 0.0);
        // Selecting the feature opens the identify panel: the map keeps this view when it narrows.
        self.view_keeper.choose(around);
        let Some(layer) = placed.layer.and_then(|id| self.session.layer(id)) else {
            return;
        };
        let point = geo::Point::new(x, y);
        if let Some(feature) = hit_test(&layer.features, &layer.index, point, FEATURE_TOLERANCE_M) {
            self.selection = Some(Selection {
                layer: layer.id,
                feature,
            });
        }
    }

    /// A notice saying why a problem is not on the map.
    fn tell_not_placed(&mut self, not_placed: NotPlaced) {
        let texts = self.lang().tt16_texts();
        let text = match not_placed {
            NotPlaced::NoLocation => texts.no_location.to_string(),
            NotPlaced::UnknownCrs => texts.unknown_crs.to_string(),
            NotPlaced::Reprojection(message) => message,
        };
        self.notices.push(Notice {
            text,
            is_error: false,
        });
    }

    /// Writes the report's problems to `path` as CSV, messages in the interface language.
    fn export_tt16_csv(&mut self, path: &Path) {
        let Some(report) = &self.tt16.report else {
            return;
        };
        let language = match self.lang() {
            crate::app::Lang::Vi => MessageLanguage::Vietnamese,
            crate::app::Lang::En => MessageLanguage::English,
        };
        match write_csv(report, language, path) {
            Ok(()) => {
                let written = self.lang().tt16_texts().csv_written;
                self.notices.push(Notice {
                    text: format!("{written} {}", path.display()),
                    is_error: false,
                });
            }
            Err(error) => self.notify_error(format!("{}: {error}", path.display())),
        }
    }
}
