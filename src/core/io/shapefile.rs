//! ESRI Shapefile reading: the `.shp`/`.shx` geometry, the `.dbf` attributes, the `.prj` coordinate system and
//! the `.cpg` text encoding, put together into one [`LayerData`].
//!
//! Everything is checked before the layer is returned: record counts of `.shp` and `.dbf` must agree, every
//! coordinate must be finite and in range for the CRS, every line needs two points and every ring three distinct
//! corners. Z and M values are dropped and the layer's notes say so. Without a usable `.prj` (and without a CRS
//! from the caller) the result is [`LoadError::CrsUnknown`], listing the systems to offer the user.

use std::path::{Path, PathBuf};

use geo::algorithm::validation::InvalidPolygon;
use geo::{Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, Point};

use super::coords::checked_coord;
use super::dbf_reader::{DbfTable, read_dbf};
use super::prj::match_prj;
use super::rings::assemble_polygons;
use super::shp_reader::{RawShape, ShpContents, ShpProblem, read_shp};
use super::unknown_crs::UnknownCrsReason;
use super::{LoadError, LoadOptions, display_name};
use crate::core::attributes::infer_field_kinds;
use crate::core::crs::{CRS_CHOICES_WHEN_UNKNOWN, Crs};
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;
use crate::core::source_files::companion;
use crate::core::text_encoding::{EncodingReport, TextEncoding, choose_encoding};

/// At most this many geometry remarks are listed one by one in a layer's notes.
const MAX_LISTED_REMARKS: usize = 10;

/// Reads a Shapefile from its `.shp` path, with its companion files next to it.
pub fn read_shapefile(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let shp = read_file(path)?;
    let shx_path = required_companion(path, "shx")?;
    let shx = read_file(&shx_path)?;
    let dbf_path = required_companion(path, "dbf")?;
    let dbf = read_file(&dbf_path)?;
    progress(0.2);
    let files = ShapefileBytes {
        shp: &shp,
        shx: &shx,
        dbf: &dbf,
        shx_path: &shx_path,
        dbf_path: &dbf_path,
    };
    read_shapefile_bytes(path, &files, options, progress)
}

/// The three files of a Shapefile, already read, with the paths of the companions (for messages).
pub(crate) struct ShapefileBytes<'a> {
    /// The `.shp`.
    pub(crate) shp: &'a [u8],
    /// The `.shx`.
    pub(crate) shx: &'a [u8],
    /// The `.dbf`.
    pub(crate) dbf: &'a [u8],
    /// Where the `.shx` is.
    pub(crate) shx_path: &'a Path,
    /// Where the `.dbf` is.
    pub(crate) dbf_path: &'a Path,
}

/// Reads a Shapefile whose `.shp`, `.shx` and `.dbf` are already in memory (the `.prj` and `.cpg` are read
/// beside `path` unless `options` give the CRS and encoding).
pub(crate) fn read_shapefile_bytes(
    path: &Path,
    files: &ShapefileBytes,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let (shx_path, dbf_path) = (files.shx_path, files.dbf_path);
    let contents =
        read_shp(files.shp, files.shx).map_err(|problem| shp_error(path, shx_path, problem))?;
    let table = read_dbf(files.dbf).map_err(|message| LoadError::malformed(dbf_path, message))?;
    if table.rows.len() != contents.shapes.len() {
        return Err(LoadError::malformed(
            dbf_path,
            format!(
                "it holds {} record(s) but the .shp has {} shape(s)",
                table.rows.len(),
                contents.shapes.len()
            ),
        ));
    }
    progress(0.5);
    let (crs, crs_origin, mut notes) = shapefile_crs(path, options.crs)?;
    let encoding = shapefile_encoding(path, &table, options.encoding, &mut notes);
    let names = table.field_names(encoding.encoding);
    let rows = table
        .to_rows(encoding.encoding, &names, &mut notes)
        .map_err(|message| LoadError::malformed(dbf_path, message))?;
    let geometries = convert_shapes(path, &contents, crs, &mut notes)?;
    progress(0.9);
    let fields = infer_field_kinds(names, &rows);
    let features = geometries
        .into_iter()
        .zip(rows)
        .map(|(geometry, attributes)| SourceFeature {
            geometry,
            attributes,
        })
        .collect();
    progress(1.0);
    Ok(LayerData {
        name: display_name(path),
        source_path: Some(path.to_path_buf()),
        crs,
        crs_origin,
        fields,
        features,
        text_encoding: Some(encoding),
        notes,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|source| LoadError::io(path, source))
}

fn required_companion(path: &Path, extension: &str) -> Result<PathBuf, LoadError> {
    companion(path, extension).ok_or_else(|| LoadError::Missing {
        path: path.with_extension(extension),
        needed_by: path.to_path_buf(),
    })
}

fn shp_error(shp_path: &Path, shx_path: &Path, problem: ShpProblem) -> LoadError {
    match problem {
        ShpProblem::Shp(message) => LoadError::malformed(shp_path, message),
        ShpProblem::Shx(message) => LoadError::malformed(shx_path, message),
        ShpProblem::Record(record, message) => LoadError::Record {
            path: shp_path.to_path_buf(),
            record,
            message,
        },
    }
}

/// The CRS from the caller, else from the `.prj`; the notes start with the `.prj`'s warnings.
fn shapefile_crs(
    path: &Path,
    given: Option<Crs>,
) -> Result<(Crs, CrsOrigin, Vec<LayerNote>), LoadError> {
    if let Some(crs) = given {
        return Ok((crs, CrsOrigin::User, Vec::new()));
    }
    let Some(prj_path) = companion(path, "prj") else {
        return Err(LoadError::CrsUnknown {
            path: path.to_path_buf(),
            reason: UnknownCrsReason::NoPrj,
            suggestions: CRS_CHOICES_WHEN_UNKNOWN.to_vec(),
        });
    };
    let bytes = read_file(&prj_path)?;
    let wkt = String::from_utf8_lossy(&bytes);
    match match_prj(&wkt) {
        Ok(found) => Ok((found.crs, CrsOrigin::Declared, found.warnings)),
        Err(problem) => Err(LoadError::CrsUnknown {
            path: prj_path,
            reason: UnknownCrsReason::Prj(problem),
            suggestions: CRS_CHOICES_WHEN_UNKNOWN.to_vec(),
        }),
    }
}

fn shapefile_encoding(
    path: &Path,
    table: &DbfTable,
    chosen: Option<TextEncoding>,
    notes: &mut Vec<LayerNote>,
) -> EncodingReport {
    let mut declared = None;
    if let Some(cpg_path) = companion(path, "cpg") {
        let text = std::fs::read(&cpg_path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        declared = TextEncoding::from_name(&text);
        if declared.is_none() && chosen.is_none() {
            notes.push(LayerNote::UnknownCpgEncoding {
                name: text.trim().to_string(),
            });
        }
    }
    let report = choose_encoding(&table.text_cells(), declared, chosen);
    notes.extend(report.note.map(LayerNote::Encoding));
    report
}

/// Turns the decoded shapes into geometries with coordinates checked for `crs`; `notes` receive the dropped
/// Z/M, closed and skipped rings and invalid polygons.
pub(super) fn convert_shapes(
    path: &Path,
    contents: &ShpContents,
    crs: Crs,
    notes: &mut Vec<LayerNote>,
) -> Result<Vec<Geometry>, LoadError> {
    if contents.had_z {
        notes.push(LayerNote::HeightsDropped);
    }
    if contents.had_m {
        notes.push(LayerNote::MeasuresDropped);
    }
    let mut remarks = Vec::new();
    let mut closed_rings = 0;
    let mut skipped = Vec::new();
    let mut skipped_rings = Vec::new();
    let mut geometries = Vec::with_capacity(contents.shapes.len());
    for (number, shape) in contents.shapes.iter().enumerate() {
        let record = number + 1;
        let mut problems = Vec::new();
        let geometry = convert_shape(shape, crs, &mut problems, &mut closed_rings, &mut skipped)
            .map_err(|message| LoadError::Record {
                path: path.to_path_buf(),
                record,
                message,
            })?;
        for reason in skipped.drain(..) {
            let empty =
                matches!(&geometry, Geometry::GeometryCollection(parts) if parts.0.is_empty());
            skipped_rings.push(LayerNote::DegenerateRingSkipped {
                record,
                reason,
                record_left_empty: empty,
            });
        }
        remarks.extend(
            problems
                .into_iter()
                .map(|(polygon, problem)| LayerNote::InvalidPolygon {
                    record,
                    polygon,
                    problem,
                }),
        );
        geometries.push(geometry);
    }
    if closed_rings > 0 {
        notes.push(LayerNote::RingsClosed {
            count: closed_rings,
        });
    }
    let skipped_total = skipped_rings.len();
    notes.extend(skipped_rings.into_iter().take(MAX_LISTED_REMARKS));
    if skipped_total > MAX_LISTED_REMARKS {
        notes.push(LayerNote::MoreDegenerateRingsSkipped {
            count: skipped_total - MAX_LISTED_REMARKS,
        });
    }
    let total = remarks.len();
    notes.extend(remarks.into_iter().take(MAX_LISTED_REMARKS));
    if total > MAX_LISTED_REMARKS {
        notes.push(LayerNote::MoreInvalidPolygons {
            count: total - MAX_LISTED_REMARKS,
        });
    }
    Ok(geometries)
}

fn convert_shape(
    shape: &RawShape,
    crs: Crs,
    problems: &mut Vec<(usize, InvalidPolygon)>,
    closed_rings: &mut usize,
    skipped_rings: &mut Vec<String>,
) -> Result<Geometry, String> {
    let check = |coord: &Coord| checked_coord(coord.x, coord.y, crs);
    let check_all = |coords: &[Coord]| coords.iter().map(check).collect::<Result<Vec<_>, _>>();
    Ok(match shape {
        RawShape::Null => Geometry::GeometryCollection(GeometryCollection::default()),
        RawShape::Point(coord) => Geometry::Point(Point(check(coord)?)),
        RawShape::MultiPoint(coords) => Geometry::MultiPoint(MultiPoint(
            check_all(coords)?.into_iter().map(Point).collect(),
        )),
        RawShape::Polyline(parts) => {
            let mut lines = Vec::with_capacity(parts.len());
            for (number, part) in parts.iter().enumerate() {
                if part.len() < 2 {
                    return Err(format!(
                        "part {number} has {} point(s); a line needs at least 2",
                        part.len()
                    ));
                }
                lines.push(LineString(check_all(part)?));
            }
            match <[LineString; 1]>::try_from(lines) {
                Ok([line]) => Geometry::LineString(line),
                Err(lines) => Geometry::MultiLineString(MultiLineString(lines)),
            }
        }
        RawShape::Polygon(rings) => {
            let mut checked = Vec::with_capacity(rings.len());
            for (number, ring) in rings.iter().enumerate() {
                match checked_ring(number, ring, crs, closed_rings)? {
                    Ok(ring) => checked.push(ring),
                    Err(reason) => skipped_rings.push(reason),
                }
            }
            if checked.is_empty() {
                return Ok(Geometry::GeometryCollection(GeometryCollection::default()));
            }
            let mut multi = assemble_polygons(checked, problems);
            if multi.0.len() == 1 {
                multi
                    .0
                    .pop()
                    .map_or_else(|| Geometry::MultiPolygon(multi.clone()), Geometry::Polygon)
            } else {
                Geometry::MultiPolygon(multi)
            }
        }
    })
}

/// The ring's coordinates checked and closed; the inner error says why a ring is degenerate (too few distinct
/// corners: it is skipped, not the layer), the outer one a coordinate out of range.
fn checked_ring(
    number: usize,
    ring: &[Coord],
    crs: Crs,
    closed_rings: &mut usize,
) -> Result<Result<Vec<Coord>, String>, String> {
    let mut coords = ring
        .iter()
        .map(|coord| checked_coord(coord.x, coord.y, crs))
        .collect::<Result<Vec<_>, _>>()?;
    let closed = coords.len() > 1 && coords.first() == coords.last();
    let distinct = if closed {
        coords.len() - 1
    } else {
        coords.len()
    };
    if distinct < 3 {
        return Ok(Err(format!(
            "ring {number} has {} point(s); a ring needs at least 3 distinct corners (4 points, closed)",
            ring.len()
        )));
    }
    if !closed && let Some(first) = coords.first().copied() {
        coords.push(first);
        *closed_rings += 1;
    }
    Ok(Ok(coords))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64) -> Vec<Coord> {
        [(x, 0.0), (x, 1.0), (x + 1.0, 1.0), (x + 1.0, 0.0), (x, 0.0)]
            .into_iter()
            .map(Coord::from)
            .collect()
    }

    #[test]
    fn degenerate_rings_are_skipped_with_a_note_and_the_rest_loads() {
        let a_b_a: Vec<Coord> = [(5.0, 5.0), (6.0, 6.0), (5.0, 5.0)]
            .into_iter()
            .map(Coord::from)
            .collect();
        let contents = ShpContents {
            had_z: false,
            had_m: false,
            shapes: vec![
                RawShape::Polygon(vec![square(0.0)]),
                RawShape::Polygon(vec![square(2.0), a_b_a.clone()]),
                RawShape::Polygon(vec![a_b_a]),
            ],
        };
        let mut notes = Vec::new();
        let geometries = convert_shapes(
            Path::new("t.shp"),
            &contents,
            crate::core::crs::WGS84,
            &mut notes,
        )
        .expect("loaded");
        assert_eq!(geometries.len(), 3);
        assert!(
            matches!(&geometries[1], Geometry::Polygon(polygon) if polygon.interiors().is_empty())
        );
        assert!(
            matches!(&geometries[2], Geometry::GeometryCollection(parts) if parts.0.is_empty())
        );
        let texts: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "record 2: ring 1 has 3 point(s); a ring needs at least 3 distinct corners (4 points, closed); \
                 the ring was skipped",
                "record 3: ring 0 has 3 point(s); a ring needs at least 3 distinct corners (4 points, closed); \
                 the ring was skipped and the record has no geometry",
            ]
        );
    }
}
