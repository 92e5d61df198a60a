//! Fuzz target: whole GeoPackage files (SQLite databases) through the public reader: the bytes are written to a
//! per-process scratch file, then the tables are listed (with their row counts) and the first one is read with
//! its declared CRS. Errors are fine; panics and huge allocations are not.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

/// The scratch file this process writes each input to.
fn scratch_file() -> PathBuf {
    std::env::temp_dir().join(format!("hpatlas-fuzz-gpkg-{}.gpkg", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let path = scratch_file();
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let _ = hpatlas::core::io::gpkg::list_gpkg_layers_counted(&path);
    let options = hpatlas::core::io::LoadOptions::default();
    let _ = hpatlas::core::io::gpkg::read_gpkg(&path, &options, &mut |_| {});
});
