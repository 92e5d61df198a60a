//! `hpatlas`: with no arguments (or with data files / a project) it opens the atlas window; the subcommands
//! give the headless core on the command line (`info`, `convert`, `coverage`, `query`, `render`, `project`, `transform`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

mod coverage_command;
mod project_command;
mod query_command;
mod render_command;

use coverage_command::{CoverageArgs, coverage};
use hpatlas::core::crs::{Crs, Reprojector};
use hpatlas::core::info::summarize;
use hpatlas::core::io::csv_points::CsvColumns;
use hpatlas::core::io::export_layer::ExportLayer;
use hpatlas::core::io::geojson_export::write_geojson;
use hpatlas::core::io::gpkg_write::write_gpkg;
use hpatlas::core::io::{ExportError, LoadOptions, read_layer_file_with};
use hpatlas::core::layer::LayerData;
use hpatlas::core::source_files::lower_extension;
use hpatlas::core::text_encoding::{EncodingOrigin, TextEncoding};
use project_command::project_summary;
use query_command::{QueryArgs, query};
use render_command::{RenderArgs, render};

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
        /// The file to read (GeoJSON, Shapefile .shp, GeoPackage .gpkg, CSV).
        file: PathBuf,
        /// The CRS of the coordinates, replacing what the file says (e.g. EPSG:9210).
        #[arg(long, alias = "from-crs")]
        crs: Option<Crs>,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Convert a data file to GeoJSON (RFC 7946, WGS 84) or GeoPackage, chosen by OUTPUT's extension.
    Convert {
        /// The file to read (GeoJSON, Shapefile .shp, GeoPackage .gpkg, CSV).
        input: PathBuf,
        /// The file to write: .geojson/.json or .gpkg.
        output: PathBuf,
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
    /// Open a project headlessly, load every layer and print a JSON summary (exit code 1 if a layer is
    /// missing or unreadable).
    Project {
        /// The project file (.hpatlas.json).
        file: PathBuf,
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

/// How to read the input, beyond its CRS.
#[derive(Args, Debug)]
struct ReadingArgs {
    /// Attribute text encoding: UTF-8, windows-1258 (1258), TCVN3 (ABC), VNI (VNI-Windows), or a code page.
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<TextEncoding>,
    /// CSV coordinate columns "LON_OR_EASTING,LAT_OR_NORTHING" by name (VN-2000: "Y,X").
    #[arg(long)]
    columns: Option<String>,
    /// The GeoPackage table to read (the first feature table by default).
    #[arg(long)]
    table: Option<String>,
}

fn parse_encoding(name: &str) -> Result<TextEncoding, String> {
    TextEncoding::from_name(name).ok_or_else(|| {
        format!("unknown encoding {name:?} (use UTF-8, windows-1258, TCVN3, VNI or a code page such as 1252)")
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Info { file, crs, reading }) => info(&file, crs, &reading),
        Some(Command::Convert {
            input,
            output,
            from_crs,
            reading,
        }) => convert(&input, &output, from_crs, &reading),
        Some(Command::Coverage(args)) => coverage(&args),
        Some(Command::Render(args)) => render(&args),
        Some(Command::Query(args)) => query(&args),
        Some(Command::Project { file }) => project_summary(&file),
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

fn info(file: &std::path::Path, crs: Option<Crs>, reading: &ReadingArgs) -> Result<()> {
    let data = read(file, crs, reading)?;
    let summary = summarize(&data).with_context(|| format!("{}", file.display()))?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// Reads `file` with the command line's choices.
fn read(file: &std::path::Path, crs: Option<Crs>, reading: &ReadingArgs) -> Result<LayerData> {
    let mut options = LoadOptions {
        crs,
        encoding: reading.encoding,
        csv_columns: None,
        table: reading.table.clone(),
    };
    if let Some(columns) = &reading.columns {
        options.csv_columns = Some(csv_columns(file, columns)?);
    }
    Ok(read_layer_file_with(file, &options, &mut |_| {})?)
}

/// Resolves "LON,LAT" column names against the CSV's header.
fn csv_columns(file: &std::path::Path, names: &str) -> Result<CsvColumns> {
    let preview = hpatlas::core::io::csv_points::inspect_csv(file, None)?;
    let position = |name: &str| {
        preview
            .guess
            .headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name.trim()))
            .with_context(|| {
                format!(
                    "{}: no column named {:?} (columns: {})",
                    file.display(),
                    name.trim(),
                    preview.guess.headers.join(", ")
                )
            })
    };
    let Some((lon, lat)) = names.split_once(',') else {
        bail!("--columns needs two names separated by a comma, e.g. \"Y,X\" or \"lon,lat\"");
    };
    Ok(CsvColumns {
        lon_or_easting: position(lon)?,
        lat_or_northing: position(lat)?,
    })
}

fn convert(
    input: &std::path::Path,
    output: &std::path::Path,
    from_crs: Option<Crs>,
    reading: &ReadingArgs,
) -> Result<()> {
    let data = read(input, from_crs, reading)?;
    if let Some(report) = &data.text_encoding
        && report.origin == EncodingOrigin::Ambiguous
    {
        let candidates: Vec<String> = report
            .candidates
            .iter()
            .map(|candidate| {
                let sample = candidate.sample.replace(char::is_control, " ");
                format!("{} \"{sample}\"", candidate.encoding)
            })
            .collect();
        bail!(
            "{}: the text encoding is ambiguous ({}); choose one with --encoding",
            input.display(),
            candidates.join(", ")
        );
    }
    for note in &data.notes {
        eprintln!("hpatlas: note: {}: {note}", input.display());
    }
    let layer = ExportLayer::from_data(&data);
    match lower_extension(output).as_str() {
        "geojson" | "json" => write_geojson(output, &layer)?,
        "gpkg" => write_gpkg(output, &[layer])?,
        _ => {
            return Err(ExportError::Unsupported {
                path: output.to_path_buf(),
            }
            .into());
        }
    }
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
        "this build has no window (built without the `gui` feature); use `hpatlas info`, `hpatlas convert` or `hpatlas transform`"
    )
}
