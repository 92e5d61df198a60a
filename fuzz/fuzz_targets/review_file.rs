//! Fuzz target: review files (the GeoJSON pins travel in) on arbitrary text. Pins that parse must survive what
//! the atlas does with them: merged into the pins already there, written back as a review file that parses again
//! to the same number of pins. Errors are fine; panics are not.
#![no_main]

use std::path::Path;

use hpatlas::core::review_exchange::{parse_review, review_geojson};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.geojson");
    let Ok(pins) = parse_review(text, path) else {
        return;
    };
    let mut merged = pins.clone();
    let _ = merged.merge(&pins);
    let written = review_geojson(&pins);
    match parse_review(&written, path) {
        Ok(again) => assert_eq!(again.len(), pins.len(), "pins lost writing a review file"),
        Err(error) => panic!("a review file the atlas wrote does not parse: {error}\n{written}"),
    }
});
