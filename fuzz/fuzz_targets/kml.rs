//! Fuzz target: the KML and KMZ readers. The first byte chooses: 0 mod 3, the rest is KML text given to
//! `parse_kml_str` (UTF-8 only); 1 mod 3, the rest is a `.kml` file's bytes (byte-order marks, UTF-16,
//! invalid UTF-8) read with `read_kml`; 2 mod 3, the rest is a `.kmz` archive read with `read_kmz`. Files are
//! written to per-process scratch files. Errors are fine; panics and huge allocations are not.
#![no_main]

use std::path::{Path, PathBuf};

use hpatlas::core::io::kml::{parse_kml_str, read_kml, read_kmz};
use libfuzzer_sys::fuzz_target;

/// The scratch file this process writes each input to, with `extension`.
fn scratch_file(extension: &str) -> PathBuf {
    std::env::temp_dir().join(format!("hpatlas-fuzz-kml-{}.{extension}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                let _ = parse_kml_str(text, Path::new("fuzz.kml"));
            }
        }
        1 => {
            let path = scratch_file("kml");
            if std::fs::write(&path, bytes).is_ok() {
                let _ = read_kml(&path, &mut |_| {});
            }
        }
        _ => {
            let path = scratch_file("kmz");
            if std::fs::write(&path, bytes).is_ok() {
                let _ = read_kmz(&path, &mut |_| {});
            }
        }
    }
});
