//! Saving edits back to a Shapefile: the `.shp`, `.shx` and `.dbf` are read again and rebuilt in layer order.
//! Unchanged records are copied byte for byte (a `.shp` record keeps its content, only its record number in
//! the 8-byte record header follows its new place); a changed record keeps its shape bytes unless its
//! geometry moved and its `.dbf` bytes except the cells whose value changed; new records are encoded in the
//! file's shape type, field types and text encoding; removed ones are left out. The headers keep everything
//! but the lengths, the bounding box, the record count and the `.dbf` date. The `.prj` and `.cpg` are not
//! touched. The three files are written beside the originals and renamed over them together
//! ([`replace_files_together`]).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::LoadOptions;
use super::atomic_write::replace_files_together;
use super::dbf_reader::read_dbf;
use super::shapefile::{ShapefileBytes, read_shapefile_bytes};
use super::shp_reader::{HEADER_BYTES, ShpRecords, read_records};
use super::write_back::{WriteJob, same_geometry};
use super::write_back_dbf::{CellRefusal, DbfWriter};
use super::write_back_error::{NotWritable, WriteBackError};
use super::write_back_shape::{ShapeRefusal, content_box, shape_content};
use crate::core::geometry::geometry_type_name;
use crate::core::layer::LayerData;
use crate::core::source_files::companion;
use crate::core::source_state::FeatureFate;
use crate::core::text_encoding::TextEncoding;

/// The paths and bytes of a Shapefile's three files.
struct Files {
    shx_path: PathBuf,
    dbf_path: PathBuf,
    shp: Vec<u8>,
    shx: Vec<u8>,
    dbf: Vec<u8>,
}

/// The new records of the `.shp` (contents) and `.dbf` (whole records), in layer order.
#[derive(Default)]
struct NewRecords<'a> {
    shapes: Vec<Cow<'a, [u8]>>,
    rows: Vec<Cow<'a, [u8]>>,
}

/// Writes the layer's features into its Shapefile; returns each feature's record position in the new files.
pub(super) fn write_shapefile_back(job: &WriteJob) -> Result<Vec<i64>, WriteBackError> {
    let files = read_files(job.path)?;
    let encoding = job
        .layer
        .text_encoding
        .as_ref()
        .map(|report| report.encoding)
        .ok_or(NotWritable::EncodingUncertain)?;
    let as_read = read_again(job, &files, encoding)?;
    if as_read.fields.iter().map(|field| &field.name).ne(job
        .layer
        .fields
        .iter()
        .map(|field| &field.name))
    {
        return Err(WriteBackError::FieldsDiffer {
            path: files.dbf_path.clone(),
            layer: job.field_names(),
            file: as_read
                .fields
                .iter()
                .map(|field| field.name.clone())
                .collect(),
        });
    }
    let malformed = |path: &Path, message: String| WriteBackError::Malformed {
        path: path.to_path_buf(),
        message,
    };
    let records = read_records(&files.shp, &files.shx)
        .map_err(|problem| malformed(job.path, format!("{problem:?}")))?;
    let table = read_dbf(&files.dbf).map_err(|message| malformed(&files.dbf_path, message))?;
    let dbf = DbfWriter::new(&table, &files.dbf, encoding);
    let new = new_records(job, &records, &dbf, &as_read, &files.dbf_path)?;
    let too_large = |path: &Path| WriteBackError::TooLarge {
        path: path.to_path_buf(),
    };
    let (shp, shx) =
        shp_and_shx(&files.shp, &files.shx, &new.shapes).ok_or_else(|| too_large(job.path))?;
    let dbf_bytes = dbf
        .table_bytes(&new.rows)
        .ok_or_else(|| too_large(&files.dbf_path))?;
    replace_files_together(&[
        (&files.shx_path, &shx),
        (&files.dbf_path, &dbf_bytes),
        (job.path, &shp),
    ])
    .map_err(|(path, source)| WriteBackError::Io { path, source })?;
    Ok((0..new.shapes.len()).map(|at| at as i64).collect())
}

fn read_files(shp_path: &Path) -> Result<Files, WriteBackError> {
    let find = |extension: &str| {
        companion(shp_path, extension).ok_or_else(|| NotWritable::Missing {
            path: shp_path.with_extension(extension),
        })
    };
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| WriteBackError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let (shx_path, dbf_path) = (find("shx")?, find("dbf")?);
    Ok(Files {
        shp: read(shp_path)?,
        shx: read(&shx_path)?,
        dbf: read(&dbf_path)?,
        shx_path,
        dbf_path,
    })
}

/// The file's features as the atlas reads them, in the layer's CRS and encoding: what a changed feature is
/// compared with.
fn read_again(
    job: &WriteJob,
    files: &Files,
    encoding: TextEncoding,
) -> Result<LayerData, WriteBackError> {
    let bytes = ShapefileBytes {
        shp: &files.shp,
        shx: &files.shx,
        dbf: &files.dbf,
        shx_path: &files.shx_path,
        dbf_path: &files.dbf_path,
    };
    let options = LoadOptions {
        crs: Some(job.layer.crs),
        encoding: Some(encoding),
        ..LoadOptions::default()
    };
    Ok(read_shapefile_bytes(
        job.path,
        &bytes,
        &options,
        &mut |_| {},
    )?)
}

/// Every feature's `.shp` content and `.dbf` record in the new files.
fn new_records<'a>(
    job: &WriteJob,
    records: &ShpRecords<'a>,
    dbf: &DbfWriter<'a>,
    as_read: &LayerData,
    dbf_path: &Path,
) -> Result<NewRecords<'a>, WriteBackError> {
    let count = records.contents.len();
    let mut new = NewRecords::default();
    for (position, fate) in job.plan.fates.iter().enumerate() {
        let values = job
            .layer
            .features
            .get(position)
            .map_or(&[][..], |feature| feature.attributes.as_slice());
        let cell_error = |refusal: CellRefusal| value_error(job, dbf_path, position, refusal);
        let (shape, row) = match fate {
            FeatureFate::Unchanged { location, .. } => {
                let at = job.file_position(*location, count)?;
                (
                    copied(records, at, job)?,
                    Cow::Borrowed(dbf.record(at).ok_or_else(|| changed(job))?),
                )
            }
            FeatureFate::Changed { location, .. } => {
                let at = job.file_position(*location, count)?;
                let read = as_read.features.get(at).ok_or_else(|| changed(job))?;
                let moved = job
                    .geometry(position)
                    .is_some_and(|geometry| !same_geometry(geometry, &read.geometry));
                let shape = if moved {
                    encoded(job, records, position)?
                } else {
                    copied(records, at, job)?
                };
                let row = dbf
                    .updated_record(at, values, &read.attributes)
                    .map_err(cell_error)?
                    .ok_or_else(|| changed(job))?;
                (shape, Cow::Owned(row))
            }
            FeatureFate::New => (
                encoded(job, records, position)?,
                Cow::Owned(dbf.new_record(values).map_err(cell_error)?),
            ),
        };
        new.shapes.push(shape);
        new.rows.push(row);
    }
    Ok(new)
}

fn changed(job: &WriteJob) -> WriteBackError {
    WriteBackError::SourceChanged {
        path: job.path.to_path_buf(),
    }
}

fn copied<'a>(
    records: &ShpRecords<'a>,
    at: usize,
    job: &WriteJob,
) -> Result<Cow<'a, [u8]>, WriteBackError> {
    records
        .contents
        .get(at)
        .map(|content| Cow::Borrowed(*content))
        .ok_or_else(|| changed(job))
}

fn encoded<'a>(
    job: &WriteJob,
    records: &ShpRecords,
    position: usize,
) -> Result<Cow<'a, [u8]>, WriteBackError> {
    let empty = geo::Geometry::GeometryCollection(geo::GeometryCollection::default());
    let geometry = job.geometry(position).unwrap_or(&empty);
    let path = job.path.to_path_buf();
    shape_content(geometry, records.kind, records.had_z || records.had_m)
        .map(Cow::Owned)
        .map_err(|refusal| match refusal {
            ShapeRefusal::WrongType { expected } => WriteBackError::WrongGeometryType {
                path,
                feature: position,
                expected: expected.to_string(),
                found: geometry_type_name(geometry),
            },
            ShapeRefusal::ZOrM => WriteBackError::ZOrMWouldBeLost {
                path,
                feature: position,
            },
            ShapeRefusal::Invalid(message) => WriteBackError::InvalidGeometry {
                path,
                feature: position,
                message,
            },
        })
}

fn value_error(
    job: &WriteJob,
    dbf_path: &Path,
    position: usize,
    (column, problem): CellRefusal,
) -> WriteBackError {
    WriteBackError::Value {
        path: dbf_path.to_path_buf(),
        feature: position,
        field: job
            .layer
            .fields
            .get(column)
            .map_or_else(|| format!("#{column}"), |field| field.name.clone()),
        problem,
    }
}

/// The new `.shp` and `.shx`: the old headers with the new lengths and bounding box, and each record with its
/// number and length. `None` when the `.shp` would pass the format's 2 GB limit.
fn shp_and_shx(
    old_shp: &[u8],
    old_shx: &[u8],
    contents: &[Cow<[u8]>],
) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut shp = old_shp.get(..HEADER_BYTES)?.to_vec();
    let mut shx = old_shx.get(..HEADER_BYTES)?.to_vec();
    for (number, content) in contents.iter().enumerate() {
        let offset_words = i32::try_from(shp.len() / 2).ok()?;
        let length_words = i32::try_from(content.len() / 2).ok()?;
        shp.extend(i32::try_from(number + 1).ok()?.to_be_bytes());
        shp.extend(length_words.to_be_bytes());
        shp.extend_from_slice(content);
        shx.extend(offset_words.to_be_bytes());
        shx.extend(length_words.to_be_bytes());
    }
    let bbox = contents
        .iter()
        .filter_map(|content| content_box(content))
        .reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        })
        .unwrap_or_default();
    for header in [&mut shp, &mut shx] {
        let length_words = i32::try_from(header.len() / 2).ok()?;
        header
            .get_mut(24..28)?
            .copy_from_slice(&length_words.to_be_bytes());
        for (at, value) in bbox.iter().enumerate() {
            let start = 36 + 8 * at;
            header
                .get_mut(start..start + 8)?
                .copy_from_slice(&value.to_le_bytes());
        }
    }
    Some((shp, shx))
}
