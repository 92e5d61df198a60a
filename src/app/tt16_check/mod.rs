//! The TT16 dossier check in the app: a `HoSoGIS` folder, `.gdb` or `.gpkg` checked against Circular
//! 16/2025/TT-BXD on a worker thread ([`job`]), its report shown in the panel *Kiểm tra hồ sơ TT16*
//! ([`panel`]), a problem placed on the map ([`locate`]). The check itself is the core's
//! ([`crate::core::tt16::check`]); this module only keeps its result and what the panel shows.

pub mod job;
pub mod locate;
pub mod panel;

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::core::tt16::report::CheckReport;
use job::CheckJob;

/// What the check's menu entry, group buttons and panel ask for.
#[derive(Debug)]
pub enum Tt16Action {
    /// Show the open dialog to choose what to check.
    ChooseDossier,
    /// Check this `HoSoGIS` folder, `.gdb` or `.gpkg` (the panel opens).
    Check(PathBuf),
    /// Show or hide the panel.
    TogglePanel,
    /// Frame the problem at this position of the report (and select its feature when its layer is open).
    ZoomToProblem(usize),
    /// Write the report's problems to this CSV file.
    ExportCsv(PathBuf),
}

/// The panel's state: the running check, the last report, the CSV path.
#[derive(Default)]
pub struct Tt16CheckState {
    /// Whether the panel is shown.
    pub open: bool,
    /// The check running, if any.
    pub job: Option<CheckJob>,
    /// The last check's report.
    pub report: Option<CheckReport>,
    /// Why the last check could not run.
    pub failure: Option<String>,
    /// The problem last clicked.
    pub chosen: Option<usize>,
    /// Where the CSV is written.
    pub csv_path_text: String,
}

impl Tt16CheckState {
    /// Starts checking `path` (a check still running is forgotten) and shows the panel.
    pub fn start(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.open = true;
        self.failure = None;
        self.chosen = None;
        self.csv_path_text = default_csv_path(&path).display().to_string();
        self.job = Some(CheckJob::start(ctx, path));
    }

    /// Takes the running check's outcome when it is done (`block`: waits for it). True when one arrived.
    pub fn collect(&mut self, block: bool) -> bool {
        let Some(outcome) = self.job.as_ref().and_then(|job| job.poll(block)) else {
            return false;
        };
        self.job = None;
        match outcome {
            Ok(report) => {
                self.report = Some(report);
                self.failure = None;
            }
            Err(message) => {
                self.report = None;
                self.failure = Some(message);
            }
        }
        true
    }
}

/// `kiem_tra_tt16.csv` beside the checked folder or file.
fn default_csv_path(checked: &Path) -> PathBuf {
    checked
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("kiem_tra_tt16.csv")
}
