//! Reading a data file with the command line's choices (CRS, encoding, CSV columns, GeoPackage table), shared
//! by `info` and `convert`.

use anyhow::{Context, Result, bail};

use hpatlas::core::crs::Crs;
use hpatlas::core::io::csv_points::CsvColumns;
use hpatlas::core::io::{LoadOptions, read_layer_file_with};
use hpatlas::core::layer::LayerData;

use super::ReadingArgs;

/// Reads `file` with the command line's choices.
pub fn read(file: &std::path::Path, crs: Option<Crs>, reading: &ReadingArgs) -> Result<LayerData> {
    let mut options = LoadOptions {
        crs,
        encoding: reading.encoding,
        csv_columns: None,
        table: reading.table.clone(),
    };
    if let Some(columns) = &reading.columns {
        options.csv_columns = Some(csv_columns(file, columns)?);
    }
    Ok(read_layer_file_with(file, &options, &mut |_| {})?)
}

/// Resolves "LON,LAT" column names against the CSV's header.
fn csv_columns(file: &std::path::Path, names: &str) -> Result<CsvColumns> {
    let preview = hpatlas::core::io::csv_points::inspect_csv(file, None)?;
    let position = |name: &str| {
        preview
            .guess
            .headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name.trim()))
            .with_context(|| {
                format!(
                    "{}: no column named {:?} (columns: {})",
                    file.display(),
                    name.trim(),
                    preview.guess.headers.join(", ")
                )
            })
    };
    let Some((lon, lat)) = names.split_once(',') else {
        bail!("--columns needs two names separated by a comma, e.g. \"Y,X\" or \"lon,lat\"");
    };
    Ok(CsvColumns {
        lon_or_easting: position(lon)?,
        lat_or_northing: position(lat)?,
    })
}
