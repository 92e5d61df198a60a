//! Fuzz target: detection and decoding of attribute text on arbitrary bytes; every decoder must return text
//! (or `None` for invalid UTF-8 / code-page bytes) and re-encoding decoded legacy text must not panic.
#![no_main]

use hpatlas::core::text_encoding::{ENCODING_CHOICES, detect_encoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let values: Vec<&[u8]> = data.split(|byte| *byte == b'\n').collect();
    let report = detect_encoding(&values);
    let _ = report.encoding.decode(data);
    for encoding in ENCODING_CHOICES {
        if let Some(text) = encoding.decode(data) {
            let _ = encoding.encode(&text);
        }
    }
});
