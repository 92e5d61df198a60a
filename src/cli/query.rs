//! `hpatlas query`: opens one layer file the way the atlas does (read, reproject into the map CRS, bulk-load the
//! R-tree), then runs seeded random bounding-box queries against its index, and prints the counts and the time
//! each phase took as JSON. It is the command-line probe the side-by-side comparison (benches/compare/) times
//! against other tools; the windows it used can be written to a CSV so the other tools query the same ones.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use geo::{CoordsIter, Rect};
use serde::Serialize;

use hpatlas::core::crs::Crs;
use hpatlas::core::io::atomic_write::write_bytes_atomically;
use hpatlas::core::layer::Layer;
use hpatlas::core::testdata::SeededRng;

use super::output::println_stdout;

/// The arguments of `hpatlas query`.
#[derive(Args, Debug)]
pub struct QueryArgs {
    /// The layer file (GeoJSON, Shapefile, GeoPackage, CSV, GPX, KML/KMZ, FileGDB, DXF, DGN, MapInfo) or a
    /// `PG:… table=…` database table.
    file: PathBuf,
    /// The CRS of the coordinates when the file does not say (a drawing, a Shapefile without `.prj`).
    #[arg(long, alias = "from-crs")]
    crs: Option<Crs>,
    /// How many random windows to query (0: only open and index the file).
    #[arg(long, default_value_t = 0)]
    windows: usize,
    /// The seed of the random windows.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The smallest window side, in metres.
    #[arg(long, default_value_t = 200.0)]
    min_size_m: f64,
    /// The largest window side, in metres.
    #[arg(long, default_value_t = 2000.0)]
    max_size_m: f64,
    /// Write the windows (min_x,min_y,max_x,max_y in the map CRS, EPSG:9210) to this CSV file.
    #[arg(long)]
    windows_out: Option<PathBuf>,
}

/// What `hpatlas query` prints.
#[derive(Serialize, Debug)]
struct QueryReport {
    file: String,
    features: usize,
    vertices: usize,
    read_s: f64,
    /// For a database table: seconds until the first batch of rows had arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    first_batch_s: Option<f64>,
    prepare_s: f64,
    open_and_index_s: f64,
    windows: usize,
    hits: usize,
    query_s: f64,
    peak_rss_mb: Option<f64>,
}

/// Runs the command.
pub fn query(args: &QueryArgs) -> Result<()> {
    let started = Instant::now();
    let (data, first_batch_s) = match super::read::database_source(&args.file) {
        Some(text) => {
            let (data, seconds) = super::read::read_database_timed(text, None)?;
            (data, Some(seconds))
        }
        None => (super::read::read_source(&args.file, args.crs)?, None),
    };
    let read_s = started.elapsed().as_secs_f64();
    let layer =
        Layer::prepare(data, &mut |_| {}).with_context(|| args.file.display().to_string())?;
    let open_and_index_s = started.elapsed().as_secs_f64();
    let windows = match layer.extent_in_map {
        Some(extent) => random_windows(extent, args),
        None => Vec::new(),
    };
    let query_started = Instant::now();
    let hits: usize = windows
        .iter()
        .map(|window| layer.index.query(*window).count())
        .sum();
    let query_s = query_started.elapsed().as_secs_f64();
    if let Some(path) = &args.windows_out {
        write_windows(path, &windows)?;
    }
    let report = QueryReport {
        file: file_label(&args.file),
        features: layer.features.len(),
        vertices: layer
            .features
            .iter()
            .map(|feature| feature.geometry_in_map.coords_count())
            .sum(),
        read_s,
        first_batch_s,
        prepare_s: open_and_index_s - read_s,
        open_and_index_s,
        windows: windows.len(),
        hits,
        query_s,
        peak_rss_mb: peak_rss_mb(),
    };
    println_stdout(&serde_json::to_string_pretty(&report)?)?;
    Ok(())
}

/// `args.windows` squares of random size placed uniformly in `extent` (their centres inside it).
fn random_windows(extent: Rect, args: &QueryArgs) -> Vec<Rect> {
    let mut rng = SeededRng::new(args.seed);
    (0..args.windows)
        .map(|_| {
            let side_m = rng.range(args.min_size_m, args.max_size_m.max(args.min_size_m));
            let centre_x = rng.range(extent.min().x, extent.max().x);
            let centre_y = rng.range(extent.min().y, extent.max().y);
            Rect::new(
                (centre_x - side_m / 2.0, centre_y - side_m / 2.0),
                (centre_x + side_m / 2.0, centre_y + side_m / 2.0),
            )
        })
        .collect()
}

fn write_windows(path: &std::path::Path, windows: &[Rect]) -> Result<()> {
    let mut text = String::from("min_x,min_y,max_x,max_y\n");
    for window in windows {
        let _ = writeln!(
            text,
            "{},{},{},{}",
            window.min().x,
            window.min().y,
            window.max().x,
            window.max().y
        );
    }
    write_bytes_atomically(path, text.as_bytes())?;
    Ok(())
}

/// The process's peak resident memory in MiB, where the system tells it (Linux `/proc/self/status`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The file, or a database source without any password it held.
fn file_label(path: &std::path::Path) -> String {
    super::read::database_source(path)
        .and_then(|text| text.parse::<hpatlas::core::db_source::DbSource>().ok())
        .map_or_else(|| path.display().to_string(), |source| source.to_string())
}
