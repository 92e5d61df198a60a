//! `hpatlas-bench-data`: writes the deterministic synthetic layers the benchmarks and the side-by-side
//! comparison use — parcels over Hai Phong (any count) and service sites (optionally inside a units layer).

use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use hpatlas::core::analysis::units::as_multipolygon;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;
use hpatlas::core::testdata::{write_parcels_geojson, write_sites_geojson};

/// Synthetic benchmark data for the Hai Phong atlas.
#[derive(Parser, Debug)]
#[command(name = "hpatlas-bench-data", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Concave 20-vertex parcels on a jittered grid over Hai Phong (GeoJSON, WGS 84).
    Parcels {
        /// How many parcels.
        #[arg(long)]
        count: usize,
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Service sites with `type` and `radius_m` (GeoJSON, WGS 84).
    Sites {
        /// How many sites.
        #[arg(long)]
        count: usize,
        /// Place the sites inside the polygons of this layer (the Hai Phong box when absent).
        #[arg(long)]
        within: Option<PathBuf>,
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let chain: Vec<String> = error.chain().map(ToString::to_string).collect();
            eprintln!("hpatlas-bench-data: {}", chain.join(": "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Parcels { count, seed, out } => {
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            write_parcels_geojson(&mut BufWriter::with_capacity(1 << 20, file), count, seed)?;
        }
        Command::Sites {
            count,
            within,
            seed,
            out,
        } => {
            let areas = match within {
                Some(path) => {
                    let data = read_layer_file(&path, None, &mut |_| {})?;
                    let layer = Layer::prepare(data, &mut |_| {})?;
                    layer
                        .features
                        .iter()
                        .filter_map(|feature| as_multipolygon(&feature.geometry_in_map))
                        .collect()
                }
                None => Vec::new(),
            };
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            write_sites_geojson(
                &mut BufWriter::with_capacity(1 << 20, file),
                count,
                &areas,
                seed,
            )?;
        }
    }
    Ok(())
}
