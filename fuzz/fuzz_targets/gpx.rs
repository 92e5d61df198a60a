//! Fuzz target: the GPX reader on arbitrary text (waypoints, routes and tracks, names, elevations, times).
//! Non-UTF-8 input is skipped: the file reader refuses it before parsing. Errors are fine; panics are not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hpatlas::core::io::gpx::parse_gpx_str(text, Path::new("fuzz.gpx"));
    }
});
