//! Fuzz target: the CSV points reader (which takes a path: the bytes after the first are written to a
//! per-process scratch file). The preview the import dialog shows is read first, then the whole file with the
//! options the first byte chooses: bits 0–1 the coordinate columns (guessed, or columns 0 and 1, 1 and 0, or
//! 2 and 3 as if the user picked them), bit 2 the CRS (guessed or asked, or VN-2000 TM-3 given), bits 3–5 the
//! text encoding (detected, or one of `ENCODING_CHOICES`). WKT geometry columns are found by the reader itself.
//! Errors and questions for the user are fine; panics and huge allocations are not.
#![no_main]

use std::path::PathBuf;

use hpatlas::core::crs::VN2000_TM3_105_45;
use hpatlas::core::io::LoadOptions;
use hpatlas::core::io::csv_points::{CsvColumns, inspect_csv, read_csv_points};
use hpatlas::core::text_encoding::ENCODING_CHOICES;
use libfuzzer_sys::fuzz_target;

/// The scratch file this process writes each input to.
fn scratch_file() -> PathBuf {
    std::env::temp_dir().join(format!("hpatlas-fuzz-csv-{}.csv", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, csv)) = data.split_first() else {
        return;
    };
    let path = scratch_file();
    if std::fs::write(&path, csv).is_err() {
        return;
    }
    let columns = |lon_or_easting, lat_or_northing| {
        Some(CsvColumns {
            lon_or_easting,
            lat_or_northing,
        })
    };
    let encoding = usize::from((mode >> 3) & 0b111)
        .checked_sub(1)
        .and_then(|at| ENCODING_CHOICES.get(at).copied());
    let options = LoadOptions {
        crs: (mode & 0b100 != 0).then_some(VN2000_TM3_105_45),
        encoding,
        csv_columns: match mode & 0b11 {
            0 => None,
            1 => columns(0, 1),
            2 => columns(1, 0),
            _ => columns(2, 3),
        },
        table: None,
    };
    let _ = inspect_csv(&path, encoding);
    let _ = read_csv_points(&path, &options, &mut |_| {});
});
