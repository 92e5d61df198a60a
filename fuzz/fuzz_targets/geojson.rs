//! Fuzz target: any bytes given to the GeoJSON reader give a layer or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hpatlas::core::io::geojson::parse_geojson_str(text, "fuzz.geojson", None);
    }
});
