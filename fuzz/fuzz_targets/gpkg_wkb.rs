//! Fuzz target: the GeoPackage geometry decoders on hostile blobs. The first byte chooses: bit 0 clear, the rest
//! is bare WKB (`hpatlas::core::io::fuzzing::decode_wkb`: both byte orders, ISO and extended Z/M codes, nested
//! collections, curved types linearised through GDAL); bit 0 set, the rest is a whole GeoPackage geometry blob
//! (`decode_gpkg_geometry`: "GP" header, flags, envelope, then WKB) with coordinates checked for VN-2000 TM-3
//! (bit 1 clear) or WGS 84 (bit 1 set). Errors are fine; panics, deep recursion and huge allocations are not.
#![no_main]

use hpatlas::core::crs::{VN2000_TM3_105_45, WGS84};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        let _ = hpatlas::core::io::fuzzing::decode_wkb(bytes);
    } else {
        let crs = if mode & 2 == 0 { VN2000_TM3_105_45 } else { WGS84 };
        let _ = hpatlas::core::io::fuzzing::decode_gpkg_geometry(bytes, crs);
    }
});
