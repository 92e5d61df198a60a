//! Saving a layer's edits back to the file it was read from, in the file's own format, CRS, text encoding and
//! field types. [`can_write_back`] says beforehand whether a layer can be (and why not); [`data_changes`] and
//! [`has_unsaved_data_edits`] say what differs from the file; [`write_back`] writes.
//!
//! Only what changed is rewritten: unchanged features keep their bytes (Shapefile records, GeoPackage rows) or
//! their JSON values (GeoJSON), and in a changed feature only the values and geometry that differ from the
//! file are encoded again — an attribute edit leaves the geometry's bytes (and any Z/M values) alone. Changed
//! and new geometries are written in the layer's source CRS ([`Layer::crs`]), derived from the map
//! coordinates ([`Layer::source_geometries`]). Each format writes atomically: a GeoJSON file is replaced by a
//! complete new one, a Shapefile's three files are written beside the originals and renamed over them
//! together ([`super::atomic_write::replace_files_together`]), a GeoPackage changes in one SQLite transaction.
//! Any error leaves the files as they were and the layer still counting its edits as unsaved.
//!
//! The layer keeps a record of what its file holds ([`Layer::written`], see [`SourceState`](crate::core::source_state::SourceState)); a write updates
//! it, so later writes find records that moved, and an undo past a save counts as a change again. A file
//! changed on disk by another program since it was read or written is refused, not overwritten.

use std::path::{Path, PathBuf};

use geo::{Coord, Geometry, LineString, Polygon};

pub use super::write_back_error::{NotWritable, ReadOnlyFormat, ValueProblem, WriteBackError};
use crate::core::layer::Layer;
use crate::core::source_files::companion;
use crate::core::source_files::lower_extension;
use crate::core::source_state::{DataChanges, FeatureFate, WritePlan, WrittenRecord};
use crate::core::text_encoding::EncodingOrigin;

/// The formats the atlas writes edits back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WritableFormat {
    /// A GeoJSON FeatureCollection.
    GeoJson,
    /// An ESRI Shapefile (`.shp`, `.shx`, `.dbf`).
    Shapefile,
    /// One feature table of a GeoPackage.
    GeoPackage,
}

/// What a write-back did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteReport {
    /// The file written (a Shapefile's `.shp`).
    pub path: PathBuf,
    /// Its format.
    pub format: WritableFormat,
    /// Features the file already held as they are (left untouched).
    pub unchanged: usize,
    /// Features whose record was rewritten.
    pub updated: usize,
    /// Features added to the file.
    pub inserted: usize,
    /// Records removed from the file.
    pub removed: usize,
}

/// What a format's writer needs: the layer, its file, what to do with each feature, and the source-CRS
/// geometry of each changed or new feature.
pub(super) struct WriteJob<'a> {
    /// The layer.
    pub(super) layer: &'a Layer,
    /// The file (a Shapefile's `.shp`).
    pub(super) path: &'a Path,
    /// The fate of each feature and the records to remove.
    pub(super) plan: &'a WritePlan,
    /// By feature position: the geometry in the source CRS for changed and new features, `None` otherwise.
    pub(super) geometries: Vec<Option<Geometry>>,
}

impl WriteJob<'_> {
    /// The source-CRS geometry of the feature at `position`, if it is changed or new.
    pub(super) fn geometry(&self, position: usize) -> Option<&Geometry> {
        self.geometries.get(position).and_then(Option::as_ref)
    }

    /// The layer's field names, in order.
    pub(super) fn field_names(&self) -> Vec<String> {
        self.layer
            .fields
            .iter()
            .map(|field| field.name.clone())
            .collect()
    }

    /// A position in the file from a stored location, or [`WriteBackError::SourceChanged`] when the file
    /// has no such position (it is not the file the layer knows).
    pub(super) fn file_position(
        &self,
        location: i64,
        record_count: usize,
    ) -> Result<usize, WriteBackError> {
        usize::try_from(location)
            .ok()
            .filter(|position| *position < record_count)
            .ok_or_else(|| WriteBackError::SourceChanged {
                path: self.path.to_path_buf(),
            })
    }
}

/// Whether the edits of `layer` can be saved back to its source (its file, or its database table), and why
/// not.
pub fn can_write_back(layer: &Layer) -> Result<(), NotWritable> {
    if let Some(database) = &layer.database {
        return match database.read_only {
            Some(reason) => Err(NotWritable::DatabaseReadOnly(reason)),
            None => Ok(()),
        };
    }
    writable_source(layer).map(|_| ())
}

/// The format of a layer's source file, when the atlas can write edits back to it (see [`can_write_back`]).
pub fn writable_format(layer: &Layer) -> Result<WritableFormat, NotWritable> {
    writable_source(layer).map(|(format, _)| format)
}

/// What differs between the layer's features and its source file.
pub fn data_changes(layer: &Layer) -> DataChanges {
    layer.written.changes(&layer.features)
}

/// True when the layer has features its source file does not hold as they are (changed, added or removed
/// since the file was read or last written).
pub fn has_unsaved_data_edits(layer: &Layer) -> bool {
    layer.written.has_changes(&layer.features)
}

/// Writes the edits of `layer` back to its source file (see the module documentation) and records what the
/// file now holds. Nothing is written when nothing changed.
pub fn write_back(layer: &mut Layer) -> Result<WriteReport, WriteBackError> {
    let (format, path) = writable_source(layer)?;
    if let Some(changed) = layer.written.changed_on_disk() {
        return Err(WriteBackError::SourceChanged {
            path: changed.to_path_buf(),
        });
    }
    let plan = layer.written.plan(&layer.features);
    let report = report_of(&plan, &path, format);
    if report.updated + report.inserted + report.removed == 0 {
        return Ok(report);
    }
    let job = WriteJob {
        layer,
        path: &path,
        plan: &plan,
        geometries: changed_geometries(layer, &plan, &path)?,
    };
    let locations = match format {
        WritableFormat::GeoJson => super::write_back_geojson::write_geojson_back(&job)?,
        WritableFormat::Shapefile => super::write_back_shapefile::write_shapefile_back(&job)?,
        WritableFormat::GeoPackage => {
            let table = layer
                .written
                .table()
                .ok_or_else(|| NotWritable::UnknownTable { path: path.clone() })?;
            super::write_back_gpkg::write_gpkg_back(&job, table)?
        }
    };
    commit(layer, &path, &plan, &locations);
    Ok(report)
}

fn report_of(plan: &WritePlan, path: &Path, format: WritableFormat) -> WriteReport {
    let count =
        |wanted: fn(&FeatureFate) -> bool| plan.fates.iter().filter(|fate| wanted(fate)).count();
    WriteReport {
        path: path.to_path_buf(),
        format,
        unchanged: count(|fate| matches!(fate, FeatureFate::Unchanged { .. })),
        updated: count(|fate| matches!(fate, FeatureFate::Changed { .. })),
        inserted: count(|fate| matches!(fate, FeatureFate::New)),
        removed: plan.removed.len(),
    }
}

/// The format and path of a layer's source, after checking the files can be written.
fn writable_source(layer: &Layer) -> Result<(WritableFormat, PathBuf), NotWritable> {
    if layer.database.is_some() {
        return Err(NotWritable::DatabaseLayer);
    }
    let path = layer.source_path.clone().ok_or(NotWritable::NoSourceFile)?;
    let format = match lower_extension(&path).as_str() {
        "geojson" | "json" => WritableFormat::GeoJson,
        "shp" => WritableFormat::Shapefile,
        "gpkg" => WritableFormat::GeoPackage,
        other => {
            let format = match other {
                "csv" | "txt" => ReadOnlyFormat::Csv,
                "gpx" => ReadOnlyFormat::Gpx,
                "kml" | "kmz" => ReadOnlyFormat::Kml,
                _ => ReadOnlyFormat::Other,
            };
            return Err(NotWritable::NoWriter { path, format });
        }
    };
    let files = match format {
        WritableFormat::Shapefile => shapefile_files(&path)?,
        _ => vec![path.clone()],
    };
    check_permissions(&files)?;
    match format {
        WritableFormat::Shapefile => check_encoding(layer)?,
        WritableFormat::GeoPackage if layer.written.table().is_none() => {
            return Err(NotWritable::UnknownTable { path });
        }
        _ => {}
    }
    Ok((format, path))
}

/// The `.shp`, `.shx` and `.dbf` of a Shapefile.
fn shapefile_files(shp: &Path) -> Result<Vec<PathBuf>, NotWritable> {
    let mut files = vec![shp.to_path_buf()];
    for extension in ["shx", "dbf"] {
        let companion = companion(shp, extension).ok_or_else(|| NotWritable::Missing {
            path: shp.with_extension(extension),
        })?;
        files.push(companion);
    }
    Ok(files)
}

/// Every file must exist and have a write permission bit, and so must the folder that holds them (saving
/// creates temporary files or a journal there). The bits are checked, not tried: an administrator can write
/// through them, and a file owned by someone else fails only when written (as an OS error).
fn check_permissions(files: &[PathBuf]) -> Result<(), NotWritable> {
    for file in files {
        let metadata =
            std::fs::metadata(file).map_err(|_| NotWritable::Missing { path: file.clone() })?;
        if metadata.permissions().readonly() {
            return Err(NotWritable::ReadOnlyFile { path: file.clone() });
        }
    }
    let Some(first) = files.first() else {
        return Ok(());
    };
    let folder = match first.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let read_only =
        std::fs::metadata(&folder).is_ok_and(|metadata| metadata.permissions().readonly());
    if read_only {
        return Err(NotWritable::ReadOnlyFolder { path: folder });
    }
    Ok(())
}

/// A Shapefile's text is written in the encoding it was read with, which must have been told with
/// confidence.
fn check_encoding(layer: &Layer) -> Result<(), NotWritable> {
    match &layer.text_encoding {
        Some(report) if report.origin != EncodingOrigin::Ambiguous => Ok(()),
        _ => Err(NotWritable::EncodingUncertain),
    }
}

/// The source-CRS geometries of the changed and new features, by position.
fn changed_geometries(
    layer: &Layer,
    plan: &WritePlan,
    path: &Path,
) -> Result<Vec<Option<Geometry>>, WriteBackError> {
    let positions: Vec<usize> = plan
        .fates
        .iter()
        .enumerate()
        .filter(|(_, fate)| !matches!(fate, FeatureFate::Unchanged { .. }))
        .map(|(position, _)| position)
        .collect();
    let derived = layer
        .source_geometries(positions.iter().copied())
        .map_err(|source| WriteBackError::Reproject {
            path: path.to_path_buf(),
            source,
        })?;
    let mut geometries = vec![None; layer.features.len()];
    for (position, geometry) in positions.into_iter().zip(derived) {
        if let Some(slot) = geometries.get_mut(position) {
            *slot = Some(geometry);
        }
    }
    Ok(geometries)
}

/// Records what the file holds after a successful write: every feature at its new location with its stamp;
/// new features get record ids.
fn commit(layer: &mut Layer, path: &Path, plan: &WritePlan, locations: &[i64]) {
    let Layer {
        features, written, ..
    } = layer;
    let mut records = Vec::with_capacity(features.len());
    for ((feature, fate), location) in features.iter_mut().zip(&plan.fates).zip(locations) {
        let record = match fate {
            FeatureFate::Unchanged { record, .. } | FeatureFate::Changed { record, .. } => *record,
            FeatureFate::New => written.new_record_id(),
        };
        feature.source_record = Some(record);
        records.push(WrittenRecord {
            record,
            stamp: feature.edit_stamp,
            location: *location,
        });
    }
    written.record_written(path, records);
}

/// Relative agreement below which two coordinates count as the same point: deriving source coordinates from
/// map coordinates drifts by about 1e-16 of their magnitude, an edit moves a vertex by far more.
const SAME_COORD_RELATIVE: f64 = 1e-12;

/// True when `a` and `b` have the same type and structure and their coordinates agree to within
/// [`SAME_COORD_RELATIVE`]: a geometry that only went through the map CRS and back is "unchanged" and keeps
/// its bytes in the file.
pub(crate) fn same_geometry(a: &Geometry, b: &Geometry) -> bool {
    match (a, b) {
        (Geometry::Point(p), Geometry::Point(q)) => same_coord(p.0, q.0),
        (Geometry::LineString(l), Geometry::LineString(m)) => same_line(l, m),
        (Geometry::Polygon(p), Geometry::Polygon(q)) => same_polygon(p, q),
        (Geometry::MultiPoint(p), Geometry::MultiPoint(q)) => {
            p.0.len() == q.0.len() && p.0.iter().zip(&q.0).all(|(a, b)| same_coord(a.0, b.0))
        }
        (Geometry::MultiLineString(l), Geometry::MultiLineString(m)) => {
            l.0.len() == m.0.len() && l.0.iter().zip(&m.0).all(|(a, b)| same_line(a, b))
        }
        (Geometry::MultiPolygon(p), Geometry::MultiPolygon(q)) => {
            p.0.len() == q.0.len() && p.0.iter().zip(&q.0).all(|(a, b)| same_polygon(a, b))
        }
        (Geometry::GeometryCollection(c), Geometry::GeometryCollection(d)) => {
            c.0.len() == d.0.len() && c.0.iter().zip(&d.0).all(|(a, b)| same_geometry(a, b))
        }
        _ => a == b,
    }
}

fn same_coord(a: Coord, b: Coord) -> bool {
    let close =
        |x: f64, y: f64| (x - y).abs() <= SAME_COORD_RELATIVE * x.abs().max(y.abs()).max(1.0);
    close(a.x, b.x) && close(a.y, b.y)
}

fn same_line(a: &LineString, b: &LineString) -> bool {
    a.0.len() == b.0.len() && a.0.iter().zip(&b.0).all(|(p, q)| same_coord(*p, *q))
}

fn same_polygon(a: &Polygon, b: &Polygon) -> bool {
    same_line(a.exterior(), b.exterior())
        && a.interiors().len() == b.interiors().len()
        && a.interiors()
            .iter()
            .zip(b.interiors())
            .all(|(p, q)| same_line(p, q))
}

#[cfg(test)]
mod tests {
    use geo::{MultiPoint, Point};

    use super::*;

    #[test]
    fn geometries_are_the_same_within_the_round_trip_drift_only() {
        let point = Geometry::Point(Point::new(106.68, 20.85));
        let drifted = Geometry::Point(Point::new(106.68 + 4e-14, 20.85 - 4e-14));
        let moved = Geometry::Point(Point::new(106.68 + 1e-9, 20.85));
        assert!(same_geometry(&point, &drifted));
        assert!(!same_geometry(&point, &moved));
        let multi = Geometry::MultiPoint(MultiPoint(vec![Point::new(106.68, 20.85)]));
        assert!(!same_geometry(&point, &multi), "the type counts");
    }
}
