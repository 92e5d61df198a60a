//! `hpatlas info FILE`: one JSON object summarising a data file (features, geometry types, CRS, WGS 84 bbox,
//! attributes, text encoding).

use anyhow::{Context, Result};

use hpatlas::core::crs::Crs;
use hpatlas::core::info::summarize;

use super::ReadingArgs;
use super::output::println_stdout;
use super::read::read;

/// Prints the summary of `file`.
pub fn info(file: &std::path::Path, crs: Option<Crs>, reading: &ReadingArgs) -> Result<()> {
    let data = read(file, crs, reading)?;
    let summary = summarize(&data).with_context(|| format!("{}", file.display()))?;
    println_stdout(&serde_json::to_string_pretty(&summary)?)?;
    Ok(())
}
