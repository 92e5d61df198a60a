//! `hpatlas`: with no arguments (or with data files / a project) it opens the atlas window; the subcommands
//! give the headless core on the command line (`info`, `coverage`, `transform`, `project`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use hpatlas::core::analysis::coverage_model::CoverageModel;
use hpatlas::core::analysis::report::{coverage_csv, coverage_json, gaps_geojson};
use hpatlas::core::analysis::units::{RadiusRule, discs_from_layer, units_from_layer};
use hpatlas::core::crs::{Crs, Reprojector};
use hpatlas::core::info::summarize;
use hpatlas::core::io::atomic_write::write_atomically;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;
use hpatlas::core::project_links::{load_project_layers, open_project};

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
    /// Digital-service coverage of unit polygons by service discs: per-unit area, covered area and share.
    Coverage {
        /// The unit polygons (zones, wards, districts).
        #[arg(long)]
        units: PathBuf,
        /// The service sites (points).
        #[arg(long)]
        sites: PathBuf,
        /// One service radius for every site, in metres.
        #[arg(
            long,
            conflicts_with = "radius_field",
            required_unless_present = "radius_field"
        )]
        radius_m: Option<f64>,
        /// The site attribute holding each site's radius in metres.
        #[arg(long)]
        radius_field: Option<String>,
        /// The unit attribute that names each unit (the feature number when absent).
        #[arg(long)]
        unit_field: Option<String>,
        /// The unit attribute holding its population (adds population covered).
        #[arg(long)]
        population_field: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Also write the uncovered gap polygons to this GeoJSON file (WGS 84).
        #[arg(long)]
        gaps: Option<PathBuf>,
    },
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

/// Table formats of `hpatlas coverage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One JSON object with `units` and `total`.
    Json,
    /// A CSV table with a TOTAL row.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Info { file, crs }) => info(&file, crs),
        Some(Command::Coverage {
            units,
            sites,
            radius_m,
            radius_field,
            unit_field,
            population_field,
            format,
            gaps,
        }) => {
            let rule = match (radius_m, radius_field) {
                (Some(radius_m), _) => RadiusRule::Fixed(radius_m),
                (None, Some(field)) => RadiusRule::Field(field),
                (None, None) => RadiusRule::Fixed(0.0),
            };
            let fields = UnitFields {
                name: unit_field,
                population: population_field,
            };
            coverage(&units, &sites, &rule, &fields, format, gaps.as_deref())
        }
        Some(Command::Transform { from, to, x, y }) => transform(from, to, x, y),
        Some(Command::Project { file }) => project_summary(&file),
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

/// Opens a project, loads its layers and prints what it holds; fails when any layer has a problem.
fn project_summary(file: &std::path::Path) -> Result<()> {
    let opened = open_project(file)?;
    let project = &opened.project;
    let load = load_project_layers(file, project);
    let problems: Vec<String> = load.problems.iter().map(ToString::to_string).collect();
    let summary = serde_json::json!({
        "title": project.title,
        "version": project.version,
        "language": project.language,
        "layers": project.layers.len(),
        "loaded_layers": load.layers.len(),
        "features": load.layers.iter().map(|(_, layer)| layer.features.len()).sum::<usize>(),
        "missing": opened.missing.iter().map(|layer| layer.path.display().to_string()).collect::<Vec<_>>(),
        "problems": problems,
        "views": project.views.len(),
        "slides": project.slides.len(),
        "pins": project.pins.len(),
    });
    println!("{}", serde_json::to_string_pretty(&summary)?);
    match problems.first() {
        Some(first) => anyhow::bail!(
            "{}: {} layer problem(s), the first: {first}",
            file.display(),
            problems.len()
        ),
        None => Ok(()),
    }
}

/// Which unit attributes the coverage report uses.
struct UnitFields {
    name: Option<String>,
    population: Option<String>,
}

fn load_layer(path: &std::path::Path) -> Result<Layer> {
    let data = read_layer_file(path, None, &mut |_| {})?;
    Layer::prepare(data, &mut |_| {}).with_context(|| path.display().to_string())
}

fn coverage(
    units_path: &std::path::Path,
    sites_path: &std::path::Path,
    rule: &RadiusRule,
    fields: &UnitFields,
    format: ReportFormat,
    gaps_path: Option<&std::path::Path>,
) -> Result<()> {
    let units_layer = load_layer(units_path)?;
    let sites_layer = load_layer(sites_path)?;
    let (units, _) = units_from_layer(
        &units_layer,
        fields.name.as_deref(),
        fields.population.as_deref(),
        None,
    )
    .with_context(|| units_path.display().to_string())?;
    let discs: Vec<_> = discs_from_layer(&sites_layer, rule)
        .with_context(|| sites_path.display().to_string())?
        .into_iter()
        .map(|(_, disc)| disc)
        .collect();
    let model = CoverageModel::new(units, discs)?;
    match format {
        ReportFormat::Json => println!("{}", coverage_json(&model)?),
        ReportFormat::Csv => print!("{}", coverage_csv(&model)),
    }
    if let Some(gaps_path) = gaps_path {
        let (collection, failed_units) = gaps_geojson(&model)?;
        write_atomically(gaps_path, serde_json::to_string(&collection)?.as_bytes())
            .with_context(|| format!("cannot write {}", gaps_path.display()))?;
        if !failed_units.is_empty() {
            eprintln!(
                "hpatlas: the gap shapes of {} unit(s) could not be built and are missing from {}: {}",
                failed_units.len(),
                gaps_path.display(),
                failed_units.join(", ")
            );
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
        "this build has no window (built without the `gui` feature); use `hpatlas info` or `hpatlas transform`"
    )
}
