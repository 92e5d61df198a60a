//! Tests of the headless core and the command line, on small fixtures in `tests/fixtures/`.
//! One test binary, grouped by theme.

mod architecture;
mod bad_input;
mod cad_bad_input;
mod cad_formats;
mod cli;
mod coverage;
mod crash_save;
mod csv_import;
mod editing;
mod encodings;
mod fuzz_regressions;
mod gdal_support;
mod gpx;
mod hit_testing;
mod kml;
mod layer_groups;
mod level_of_detail;
mod loading;
mod no_network;
mod other_tools;
mod package_fixture;
mod pg_support;
mod places;
mod postgis_connection;
mod postgis_layers;
mod postgis_robustness;
mod project_file;
mod render;
mod review_merge;
mod rng;
mod round_trips;
mod session_history;
mod shapefiles;
mod slides;
mod tessellation;
mod tt16;
mod tt16_dossier;
mod validity;
mod write_back;

use std::path::{Path, PathBuf};

pub use gdal_support::gdal_installed;

use hpatlas::core::io::read_layer_file;
use hpatlas::core::layer::Layer;

/// The path of a fixture file.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Loads and prepares a fixture layer, panicking with the loader's message on failure.
pub fn load_fixture(name: &str) -> Layer {
    let data = read_layer_file(&fixture(name), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
}

/// A fresh, empty folder under the target's temporary folder.
pub fn scratch_folder(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("project-{name}"));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("scratch folder");
    folder
}
