//! `hpatlas coverage`: per-unit and total digital-service coverage as JSON or CSV, and optionally the gap
//! polygons as GeoJSON — the command-line face of the same engine the analysis panel uses.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use hpatlas::core::analysis::coverage_model::CoverageModel;
use hpatlas::core::analysis::report::{coverage_csv, coverage_json, gaps_geojson};
use hpatlas::core::analysis::units::{RadiusRule, discs_from_layer, units_from_layer};
use hpatlas::core::io::atomic_write::write_bytes_atomically;

use super::output::{print_stdout, println_stdout};

/// The arguments of `hpatlas coverage`.
#[derive(Args, Debug)]
pub struct CoverageArgs {
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
}

/// Table formats of `hpatlas coverage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One JSON object with `units` and `total`.
    Json,
    /// A CSV table with a TOTAL row.
    Csv,
}

pub use super::read::load_layer;

/// Runs the command.
pub fn coverage(args: &CoverageArgs) -> Result<()> {
    let rule = match (&args.radius_m, &args.radius_field) {
        (Some(radius_m), _) => RadiusRule::Fixed(*radius_m),
        (None, Some(field)) => RadiusRule::Field(field.clone()),
        (None, None) => RadiusRule::Fixed(0.0),
    };
    let units_layer = load_layer(&args.units)?;
    let sites_layer = load_layer(&args.sites)?;
    let (units, _) = units_from_layer(
        &units_layer,
        args.unit_field.as_deref(),
        args.population_field.as_deref(),
        None,
    )
    .with_context(|| args.units.display().to_string())?;
    let discs: Vec<_> = discs_from_layer(&sites_layer, &rule)
        .with_context(|| args.sites.display().to_string())?
        .into_iter()
        .map(|(_, disc)| disc)
        .collect();
    let model = CoverageModel::new(units, discs)?;
    match args.format {
        ReportFormat::Json => println_stdout(&coverage_json(&model)?)?,
        ReportFormat::Csv => print_stdout(&coverage_csv(&model))?,
    }
    if let Some(gaps_path) = &args.gaps {
        let (collection, failed_units) = gaps_geojson(&model)?;
        write_bytes_atomically(gaps_path, serde_json::to_string(&collection)?.as_bytes())
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
