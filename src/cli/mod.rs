//! The command line: with no arguments (or with data files / a project) it opens the atlas window; the
//! subcommands give the headless core on the command line, one file per subcommand: `info`, `convert`,
//! `coverage`, `land-use`, `query`, `render`, `project`, `transform`, `check-tt16`. Errors go to stderr as one
//! line and the exit code is non-zero (`check-tt16` also exits with 1 when the package has errors).

mod check_tt16;
mod convert;
mod coverage;
mod info;
mod land_use;
mod output;
mod project;
mod query;
mod read;
mod render;
mod transform;
#[cfg(windows)]
mod windows;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use hpatlas::core::crs::Crs;
use hpatlas::core::text_encoding::TextEncoding;

use check_tt16::{CheckTt16Args, check_tt16};
use coverage::{CoverageArgs, coverage};
use land_use::{LandUseArgs, land_use};
use project::{ProjectArgs, project_summary};
use query::{QueryArgs, query};
use render::{RenderArgs, render};

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
    /// Print a JSON summary of a data file: features, geometry types, CRS, WGS 84 bbox, attributes, encoding.
    Info {
        /// The file to read (GeoJSON, Shapefile .shp, GeoPackage .gpkg, CSV, GPX, KML/KMZ, File Geodatabase
        /// .gdb, DXF, DGN v7, MapInfo .tab/.mif), or a database table
        /// `PG:<connection string> table=schema.name`.
        file: PathBuf,
        /// The CRS of the coordinates, replacing what the file says (e.g. EPSG:9210).
        #[arg(long, alias = "from-crs")]
        crs: Option<Crs>,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Convert a data file to GeoJSON (RFC 7946, WGS 84) or GeoPackage, chosen by OUTPUT's extension.
    Convert {
        /// The file to read (GeoJSON, Shapefile .shp, GeoPackage .gpkg, CSV, GPX, KML/KMZ, File Geodatabase
        /// .gdb, DXF, DGN v7, MapInfo .tab/.mif), or a database table
        /// `PG:<connection string> table=schema.name`.
        input: PathBuf,
        /// The file to write: .geojson/.json or .gpkg, or a new database table `PG:… table=schema.name`.
        output: PathBuf,
        /// When OUTPUT is a database table that exists: drop and replace it (never done unasked).
        #[arg(long)]
        replace: bool,
        /// The CRS of the input coordinates, replacing what the file says (e.g. EPSG:9210).
        #[arg(long, alias = "crs")]
        from_crs: Option<Crs>,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Digital-service coverage of unit polygons by service discs: per-unit area, covered area and share.
    Coverage(CoverageArgs),
    /// Open a layer as the atlas does (read, reproject, index), run seeded random window queries on its index
    /// and print counts and timings as JSON (the probe of the side-by-side benchmark).
    Query(QueryArgs),
    /// Render a project or data files to a PNG map with title, legend, scale bar, north arrow and credits.
    Render(RenderArgs),
    /// The land-use balance of a zoning layer: area (ha) and share per class, m²/person with a population.
    LandUse(LandUseArgs),
    /// Open a project headlessly, load every layer and print a JSON summary (exit code 1 if a layer is
    /// missing or unreadable); `--title` edits it and `--save-as` saves it.
    Project(ProjectArgs),
    /// Check a planning GIS package against Circular 16/2025/TT-BXD (layers, fields, CRS, geometries, codes)
    /// and print the report; exit code 1 when it has errors.
    #[command(name = "check-tt16")]
    CheckTt16(CheckTt16Args),
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

/// How to read the input, beyond its CRS.
#[derive(Args, Debug)]
pub struct ReadingArgs {
    /// Attribute text encoding: UTF-8, windows-1258 (1258), TCVN3 (ABC), VNI (VNI-Windows), or a code page.
    #[arg(long, value_parser = parse_encoding)]
    pub encoding: Option<TextEncoding>,
    /// CSV coordinate columns "LON_OR_EASTING,LAT_OR_NORTHING" by name (VN-2000: "Y,X").
    #[arg(long)]
    pub columns: Option<String>,
    /// The GeoPackage table or File Geodatabase layer to read (the first one by default).
    #[arg(long)]
    pub table: Option<String>,
}

fn parse_encoding(name: &str) -> Result<TextEncoding, String> {
    TextEncoding::from_name(name).ok_or_else(|| {
        format!("unknown encoding {name:?} (use UTF-8, windows-1258, TCVN3, VNI or a code page such as 1252)")
    })
}

/// Which executable runs the command line.
#[allow(
    dead_code,
    reason = "the two executables share this module and each constructs only its own variant"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Launch {
    /// `hpatlas`: the window's executable (a GUI-subsystem program on Windows).
    Window,
    /// `hpatlas-cli`: the console executable.
    Console,
}

/// Parses the command line and runs what it asks for.
pub fn run(launch: Launch) -> ExitCode {
    #[cfg(windows)]
    if launch == Launch::Window {
        windows::attach_parent_console();
    }
    #[cfg(not(windows))]
    let _ = launch;
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Info { file, crs, reading }) => info::info(&file, crs, &reading),
        Some(Command::Convert {
            input,
            output,
            replace,
            from_crs,
            reading,
        }) => convert::convert(&input, &output, from_crs, &reading, replace),
        Some(Command::Coverage(args)) => coverage(&args),
        Some(Command::Render(args)) => render(&args),
        Some(Command::Query(args)) => query(&args),
        Some(Command::Project(args)) => project_summary(&args),
        Some(Command::LandUse(args)) => land_use(&args),
        Some(Command::Transform { from, to, x, y }) => transform::transform(from, to, x, y),
        Some(Command::CheckTt16(args)) => {
            return match check_tt16(&args) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(error) => failure(&error),
            };
        }
        None => open_window(cli.files),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => failure(&error),
    }
}

/// Prints an error on one line to stderr; the exit code of a failure. A reader that closed the output early
/// (`hpatlas info FILE | head -1`) is no failure: the command ends quietly with success.
fn failure(error: &anyhow::Error) -> ExitCode {
    if output::is_closed_output(error) {
        return ExitCode::SUCCESS;
    }
    eprintln!("hpatlas: {}", one_line(error));
    ExitCode::FAILURE
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

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>) -> Result<()> {
    #[cfg(windows)]
    install_panic_box();
    let outcome = hpatlas::app::run(files);
    #[cfg(windows)]
    if let Err(error) = &outcome {
        // A double-clicked program has no console: say it where the planner looks.
        windows::show_error_box(
            WINDOW_FAILURE_CAPTION,
            &window_failure_text(&one_line(error)),
        );
    }
    outcome
}

/// The caption of the message box shown when the window cannot open.
#[cfg(all(windows, feature = "gui"))]
const WINDOW_FAILURE_CAPTION: &str = "Atlas Quy hoạch Hải Phòng — không mở được cửa sổ";

/// The text of the message box shown when the window cannot open: the usual cause (no OpenGL 2, as over
/// Remote Desktop or in some virtual machines), what to do, and the error itself.
#[cfg(any(all(windows, feature = "gui"), test))]
fn window_failure_text(error: &str) -> String {
    format!(
        "Không mở được cửa sổ bản đồ. Atlas cần OpenGL 2.0 trở lên; máy truy cập qua Remote Desktop \
         hoặc một số máy ảo không có. Hãy chạy trên máy có trình điều khiển đồ hoạ, hoặc dùng các lệnh \
         của hpatlas-cli.exe (info, convert, coverage…).\n\n\
         The map window could not open: the atlas needs OpenGL 2.0 or later, which Remote Desktop sessions \
         and some virtual machines lack.\n\nChi tiết / details: {error}"
    )
}

/// Shows a panic of the window (after the usual report to stderr) in a message box, so the window never
/// just disappears.
#[cfg(all(windows, feature = "gui"))]
fn install_panic_box() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        windows::show_error_box(
            "Atlas Quy hoạch Hải Phòng — lỗi",
            &format!(
                "Atlas gặp lỗi và phải đóng. / The atlas hit an error and must close.\n\n{info}"
            ),
        );
    }));
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>) -> Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); use `hpatlas info`, `hpatlas convert` or `hpatlas transform`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_failure_box_names_opengl_and_keeps_the_error() {
        let text = window_failure_text("NoGlutinConfigs");
        assert!(text.contains("OpenGL 2.0"), "{text}");
        assert!(text.contains("Remote Desktop"), "{text}");
        assert!(text.ends_with("NoGlutinConfigs"), "{text}");
    }
}
