//! Reading a data source with the command line's choices (CRS, encoding, CSV columns, GeoPackage table),
//! shared by every subcommand: a file, or a database table written `PG:<connection string> table=schema.name`
//! (a `password=` in it is used for this run only and never printed).

use anyhow::{Context, Result, bail};

use std::path::Path;

use hpatlas::core::crs::Crs;
use hpatlas::core::db_source::DbSource;
use hpatlas::core::io::csv_points::CsvColumns;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::io::{LoadOptions, read_layer_file_with};
use hpatlas::core::layer::{Layer, LayerData};
use hpatlas::core::postgis::read::ReadOptions;
use hpatlas::core::postgis::{Passwords, read_layer_data};

use super::ReadingArgs;

/// Reads `file` (or a `PG:` source) with the command line's choices.
pub fn read(file: &std::path::Path, crs: Option<Crs>, reading: &ReadingArgs) -> Result<LayerData> {
    if let Some(source) = database_source(file) {
        return read_database(source, crs);
    }
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

/// The `PG:` source text of `path`, if it is one.
pub fn database_source(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|text| DbSource::is_database_source(text))
}

/// Reads a `PG:` source's table (in the table's CRS; `crs` when its geometry has no SRID).
pub fn read_database(text: &str, crs: Option<Crs>) -> Result<LayerData> {
    read_database_timed(text, crs).map(|(data, _)| data)
}

/// [`read_database`], also giving the seconds until the first batch of rows arrived.
pub fn read_database_timed(text: &str, crs: Option<Crs>) -> Result<(LayerData, f64)> {
    let (source, password) = DbSource::parse_with_password(text)?;
    let mut passwords = Passwords::default();
    if let Some(password) = password {
        passwords.remember(&source, password);
    }
    let options = ReadOptions {
        crs_override: crs,
        ..ReadOptions::default()
    };
    let read =
        read_layer_data(&source, &passwords, &options).with_context(|| source.to_string())?;
    for warning in &read.warnings {
        eprintln!("hpatlas: warning: {warning}");
    }
    for note in &read.data.notes {
        eprintln!("hpatlas: note: {source}: {note}");
    }
    Ok((read.data, read.first_batch_seconds))
}

/// Reads a file or a `PG:` source with no other choice than the CRS override, as most subcommands do.
pub fn read_source(path: &Path, crs: Option<Crs>) -> Result<LayerData> {
    match database_source(path) {
        Some(text) => read_database(text, crs),
        None => Ok(read_layer_file(path, crs, &mut |_| {})?),
    }
}

/// Reads and prepares one layer from a file or a `PG:` source.
pub fn load_layer(path: &Path) -> Result<Layer> {
    let data = read_source(path, None)?;
    let label = database_source(path)
        .and_then(|text| text.parse::<DbSource>().ok())
        .map_or_else(|| path.display().to_string(), |source| source.to_string());
    Layer::prepare(data, &mut |_| {}).with_context(|| label)
}
