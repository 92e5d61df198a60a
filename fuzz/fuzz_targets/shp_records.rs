//! Fuzz target: the `.shp` record decoder alone (records located through the `.shx`, shapes parsed,
//! coordinates checked, rings closed or skipped, polygons assembled and checked for validity). The input format
//! (a mode byte, then a `.shp` whose `.shx` is built from its record headers, or a length-prefixed `.shp` and
//! its `.shx`) is described at `hpatlas::core::io::fuzzing::shp_records_input`, which the regression tests
//! replay. Errors are fine; panics and huge allocations are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hpatlas::core::io::fuzzing::shp_records_input(data);
});
