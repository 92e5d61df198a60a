//! `hpatlas`: with no arguments (or with data files / a project) it opens the atlas window; the subcommands
//! give the headless core on the command line (`info`, `transform`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use hpatlas::core::crs::{Crs, Reprojector};
use hpatlas::core::info::summarize;
use hpatlas::core::io::read_layer_file;

/// Hai Phong Smart Planning Atlas.
#[derive(Parser, Debug)]
#[command(
    name = "hpatlas",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Data files or a project (.hpatlas.json) to open in the window; the Hai Phong map when none.
    files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a JSON summary of a data file: features, geometry types, CRS, WGS 84 bbox, attributes.
    Info {
        /// The file to read.
        file: PathBuf,
        /// The CRS of the coordinates when the file does not say (e.g. EPSG:9210).
        #[arg(long)]
        crs: Option<Crs>,
    },
    /// Transform one coordinate pair between two CRSs and print "X Y".
    Transform {
        /// Source CRS, e.g. EPSG:4326.
        #[arg(long)]
        from: Crs,
        /// Target CRS, e.g. EPSG:9210.
        #[arg(long)]
        to: Crs,
        /// Easting or longitude.
        #[arg(allow_negative_numbers = true)]
        x: f64,
        /// Northing or latitude.
        #[arg(allow_negative_numbers = true)]
        y: f64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Info { file, crs }) => info(&file, crs),
        Some(Command::Transform { from, to, x, y }) => transform(from, to, x, y),
        None => open_window(cli.files),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hpatlas: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// Joins an error and its causes into one line.
fn one_line(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
        .replace('\n', " ")
}

fn info(file: &std::path::Path, crs: Option<Crs>) -> Result<()> {
    let data = read_layer_file(file, crs, &mut |_| {})?;
    let summary = summarize(&data).with_context(|| format!("{}", file.display()))?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

fn transform(from: Crs, to: Crs, x: f64, y: f64) -> Result<()> {
    let reprojector = Reprojector::new(from, to)?;
    let (out_x, out_y) = reprojector.convert(x, y)?;
    let decimals = |crs: Crs| if crs.is_geographic() { 9 } else { 3 };
    println!(
        "{out_x:.prec_x$} {out_y:.prec_y$}",
        prec_x = decimals(to),
        prec_y = decimals(to)
    );
    Ok(())
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>) -> Result<()> {
    hpatlas::app::run(files)
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>) -> Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); use `hpatlas info` or `hpatlas transform`"
    )
}
