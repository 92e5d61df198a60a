//! `hpatlas convert INPUT OUTPUT`: a data file (or a `PG:` table) to GeoJSON (RFC 7946, WGS 84, NFC text) or
//! GeoPackage, by OUTPUT's extension, or published as a new database table when OUTPUT is a `PG:` source;
//! an ambiguous text encoding is refused until `--encoding` is given.

use anyhow::{Context, Result, bail};

use hpatlas::core::crs::Crs;
use hpatlas::core::db_source::DbSource;
use hpatlas::core::io::ExportError;
use hpatlas::core::io::export_layer::ExportLayer;
use hpatlas::core::io::geojson_export::write_geojson;
use hpatlas::core::io::gpkg_write::write_gpkg;
use hpatlas::core::layer::{Layer, LayerData};
use hpatlas::core::postgis::publish::{PublishOptions, publish_layer};
use hpatlas::core::postgis::{Passwords, connect};
use hpatlas::core::source_files::lower_extension;
use hpatlas::core::text_encoding::EncodingOrigin;

use super::ReadingArgs;
use super::read::read;

/// Converts `input` into `output`.
pub fn convert(
    input: &std::path::Path,
    output: &std::path::Path,
    from_crs: Option<Crs>,
    reading: &ReadingArgs,
    replace: bool,
) -> Result<()> {
    let data = read(input, from_crs, reading)?;
    if let Some(report) = &data.text_encoding
        && report.origin == EncodingOrigin::Ambiguous
    {
        let candidates: Vec<String> = report
            .candidates
            .iter()
            .map(|candidate| {
                let sample = candidate.sample.replace(char::is_control, " ");
                format!("{} \"{sample}\"", candidate.encoding)
            })
            .collect();
        bail!(
            "{}: the text encoding is ambiguous ({}); choose one with --encoding",
            input.display(),
            candidates.join(", ")
        );
    }
    for note in &data.notes {
        eprintln!("hpatlas: note: {}: {note}", input.display());
    }
    if let Some(text) = super::read::database_source(output) {
        return publish(data, text, replace);
    }
    let layer = ExportLayer::from_data(&data);
    match lower_extension(output).as_str() {
        "geojson" | "json" => write_geojson(output, &layer)?,
        "gpkg" => write_gpkg(output, &[layer])?,
        _ => {
            return Err(ExportError::Unsupported {
                path: output.to_path_buf(),
            }
            .into());
        }
    }
    Ok(())
}

/// Publishes the read layer as the new table a `PG:` output names (`replace`: drop an existing one first).
fn publish(data: LayerData, text: &str, replace: bool) -> Result<()> {
    let (source, password) = DbSource::parse_with_password(text)?;
    let mut passwords = Passwords::default();
    if let Some(password) = password {
        passwords.remember(&source, password);
    }
    let layer = Layer::prepare(data, &mut |_| {})?;
    let mut connection = connect(&source, &passwords).with_context(|| source.to_string())?;
    for warning in &connection.warnings {
        eprintln!("hpatlas: warning: {warning}");
    }
    let options = PublishOptions {
        table: source.table.clone(),
        replace,
    };
    let report = publish_layer(&mut connection.client, &layer, &options)
        .with_context(|| source.to_string())?;
    eprintln!(
        "hpatlas: published {} rows into {} ({})",
        report.rows,
        report.table.display_name(),
        report.geometry_type
    );
    Ok(())
}
