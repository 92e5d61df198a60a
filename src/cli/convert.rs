//! `hpatlas convert INPUT OUTPUT`: a data file to GeoJSON (RFC 7946, WGS 84, NFC text) or GeoPackage, by
//! OUTPUT's extension; an ambiguous text encoding is refused until `--encoding` is given.

use anyhow::{Result, bail};

use hpatlas::core::crs::Crs;
use hpatlas::core::io::ExportError;
use hpatlas::core::io::export_layer::ExportLayer;
use hpatlas::core::io::geojson_export::write_geojson;
use hpatlas::core::io::gpkg_write::write_gpkg;
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
