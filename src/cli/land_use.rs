//! `hpatlas land-use FILE --class-field F [--population-field P]`: the land-use balance of a zoning layer
//! (area in hectares and share per class, m²/person with a population field) as JSON or CSV — the same table
//! as the window's *Cân bằng sử dụng đất* panel.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use hpatlas::core::analysis::land_use::land_use_balance;
use hpatlas::core::layer::Layer;

use super::output::{print_stdout, println_stdout};

/// How the balance is printed.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum BalanceFormat {
    /// One JSON object: rows, total area, population.
    #[default]
    Json,
    /// CSV (UTF-8 with a byte-order mark), a total row last.
    Csv,
}

/// The inputs of `hpatlas land-use`.
#[derive(Args, Debug)]
pub struct LandUseArgs {
    /// The zoning layer (GeoJSON, Shapefile, GeoPackage).
    pub file: PathBuf,
    /// The attribute holding each zone's land-use class.
    #[arg(long)]
    pub class_field: String,
    /// The attribute holding each zone's population.
    #[arg(long)]
    pub population_field: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: BalanceFormat,
}

/// Prints the land-use balance of the layer.
pub fn land_use(args: &LandUseArgs) -> Result<()> {
    let data = super::read::read_source(&args.file, None)?;
    let layer =
        Layer::prepare(data, &mut |_| {}).with_context(|| format!("{}", args.file.display()))?;
    let balance = land_use_balance(&layer, &args.class_field, args.population_field.as_deref())
        .with_context(|| format!("{}", args.file.display()))?;
    match args.format {
        BalanceFormat::Csv => print_stdout(&balance.to_csv(
            [
                "class",
                "name",
                "features",
                "area_ha",
                "share_pct",
                "m2_per_person",
            ],
            |class| match class {
                Some("") => "total".to_string(),
                other => other.unwrap_or("").to_string(),
            },
        ))?,
        BalanceFormat::Json => {
            let rows: Vec<serde_json::Value> = balance
                .rows
                .iter()
                .map(|row| {
                    serde_json::json!({
                        "class": row.class,
                        "features": row.features,
                        "area_m2": row.area_m2,
                        "area_ha": row.area_m2 / 10_000.0,
                        "share_pct": row.share_pct,
                        "m2_per_person": row.m2_per_person,
                    })
                })
                .collect();
            let summary = serde_json::json!({
                "rows": rows,
                "total_area_m2": balance.total_area_m2,
                "population": balance.population,
            });
            println_stdout(&serde_json::to_string_pretty(&summary)?)?;
        }
    }
    Ok(())
}
