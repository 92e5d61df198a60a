//! Fuzz target: the Shapefile reader (.shp, .shx and .dbf) on arbitrary bytes. The input is split into the
//! three files at two 16-bit lengths at its start; the files are written to a scratch directory and read with a
//! CRS given (so no .prj is needed). Errors are fine; panics and huge allocations are not.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hpatlas-fuzz-shp-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fuzz_target!(|data: &[u8]| {
    let Some((lengths, rest)) = data.split_at_checked(4) else {
        return;
    };
    let shp_len = usize::from(u16::from_le_bytes([lengths[0], lengths[1]])).min(rest.len());
    let (shp, rest) = rest.split_at(shp_len);
    let shx_len = usize::from(u16::from_le_bytes([lengths[2], lengths[3]])).min(rest.len());
    let (shx, dbf) = rest.split_at(shx_len);
    let dir = scratch();
    let base = dir.join("f");
    for (extension, bytes) in [("shp", shp), ("shx", shx), ("dbf", dbf)] {
        if std::fs::write(base.with_extension(extension), bytes).is_err() {
            return;
        }
    }
    let options = hpatlas::core::io::LoadOptions {
        crs: Some(hpatlas::core::crs::VN2000_TM3_105_45),
        ..Default::default()
    };
    let _ = hpatlas::core::io::shapefile::read_shapefile(
        &base.with_extension("shp"),
        &options,
        &mut |_| {},
    );
});
