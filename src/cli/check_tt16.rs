//! `hpatlas check-tt16 PATH [--format json|text]`: checks a planning GIS package (a `HoSoGIS` folder, a `.gdb`
//! or a `.gpkg`) against Circular 16/2025/TT-BXD and prints the report. The exit code is 0 when no problem is
//! an error and 1 otherwise (also when the path holds no package at all).

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use hpatlas::core::tt16::check::{CheckOptions, check_package};
use hpatlas::core::tt16::report::CheckReport;

use super::output::print_stdout;

/// How the report is printed.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ReportFormat {
    /// One JSON object: path, ok, layers, features, problems.
    #[default]
    Json,
    /// A summary line, then the problems grouped by package and layer.
    Text,
}

/// The inputs of `hpatlas check-tt16`.
#[derive(Args, Debug)]
pub struct CheckTt16Args {
    /// A HoSoGIS folder (NenDiaHinh, HienTrang, QuyHoach, MocGioi as .gdb or .gpkg), a .gdb folder or a .gpkg.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// Checks the package and prints the report; `Ok(true)` when it has no error.
pub fn check_tt16(args: &CheckTt16Args) -> Result<bool> {
    let report = check_package(&args.path, &CheckOptions::default())?;
    print_report(&report, args.format)?;
    Ok(report.ok)
}

/// Writes the report to stdout (a closed pipe is an error, not a panic).
fn print_report(report: &CheckReport, format: ReportFormat) -> Result<()> {
    let text = match format {
        ReportFormat::Json => serde_json::to_string_pretty(report)? + "\n",
        ReportFormat::Text => report.to_text(),
    };
    print_stdout(&text)?;
    Ok(())
}
