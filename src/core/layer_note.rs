//! What reading a layer changed, dropped or doubted, as typed notes: Z/M values dropped, rings closed,
//! invalid polygons kept as drawn, geometries that could not be used ([`GeometryProblem`]), values a field
//! could not hold, `.cpg` and `.prj` remarks.
//!
//! The readers in [`crate::core::io`] record them on [`LayerData::notes`](crate::core::layer::LayerData::notes);
//! the layer keeps them. A note carries its data, not a sentence: `Display` gives the English sentence the
//! command line prints (and `hpatlas info` writes as JSON text), and the app words each note in the
//! interface's language.

use std::fmt;

use geo::algorithm::validation::InvalidPolygon;
use serde::{Serialize, Serializer};

use super::text_encoding::EncodingNote;

/// One remark about how a layer was read.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerNote {
    /// The file's Z values (heights: a Shapefile's Z, a GeoJSON position's third number) were dropped; the
    /// layer is 2-D.
    HeightsDropped,
    /// The Shapefile's M values (measures) were dropped.
    MeasuresDropped,
    /// The GeoPackage's geometries had Z or M values, which were dropped; the layer is 2-D.
    HeightsOrMeasuresDropped,
    /// Rings whose last point was not their first were closed.
    RingsClosed {
        /// How many rings.
        count: usize,
    },
    /// A polygon breaks the validity rules (a ring crossing itself, …); it was kept as drawn, so its area may
    /// be wrong.
    InvalidPolygon {
        /// One-based record number in the file.
        record: usize,
        /// Zero-based polygon of the record.
        polygon: usize,
        /// What is wrong with it.
        problem: InvalidPolygon,
    },
    /// More invalid polygons than are listed one by one.
    MoreInvalidPolygons {
        /// How many are not listed.
        count: usize,
    },
    /// A polygon ring with fewer than 3 distinct corners (A, B, A) was left out of its record; the rest of
    /// the layer was loaded.
    DegenerateRingSkipped {
        /// One-based record number in the file.
        record: usize,
        /// Which ring and what was wrong with it.
        reason: String,
        /// True when no ring of the record was left, so the record has no geometry.
        record_left_empty: bool,
    },
    /// More degenerate rings were skipped than are listed one by one.
    MoreDegenerateRingsSkipped {
        /// How many are not listed.
        count: usize,
    },
    /// A feature's geometry could not be used (a KML placemark with a coordinate that is not a number, a ring
    /// of fewer than 3 distinct corners, …); the feature was kept with its attributes and no geometry, and
    /// the rest of the layer was loaded.
    GeometrySkipped {
        /// One-based number of the feature in the file (the placemark's number in a KML file).
        feature: usize,
        /// One-based line of the problem in the file.
        line: usize,
        /// One-based column of the problem in the file.
        column: usize,
        /// What was wrong.
        problem: GeometryProblem,
    },
    /// More skipped geometries than are listed one by one.
    MoreGeometriesSkipped {
        /// How many are not listed.
        count: usize,
    },
    /// Values of a dBASE field could not be read as the field's type and were left empty.
    UnreadableValues {
        /// The field's name.
        field: String,
        /// The dBASE type letter (`N`, `D`, …).
        dbase_type: char,
        /// How many values.
        count: usize,
    },
    /// The `.cpg` names an encoding the atlas does not know; the encoding was detected instead.
    UnknownCpgEncoding {
        /// The name as written in the `.cpg`.
        name: String,
    },
    /// Rows of a database table that could not be read (an unreadable geometry, another SRID) were left
    /// out; the others were loaded.
    RowsSkipped {
        /// How many rows.
        count: usize,
        /// The first row's key and what was wrong with it.
        first_reason: String,
    },
    /// Rows of a text table (CSV) whose coordinates could not be read (missing or extra cells, an empty or
    /// non-numeric coordinate) were kept without a geometry, with their other values.
    RowsWithoutGeometry {
        /// How many rows.
        count: usize,
        /// The first such row's line number in the file (one-based).
        first_line: usize,
        /// What was wrong with that row.
        first_reason: String,
    },
    /// A remark about the choice of the text encoding.
    Encoding(EncodingNote),
    /// The `.prj`'s VN-2000 `TOWGS84` has its rotations in the coordinate-frame sign convention where WKT
    /// expects position-vector (about 0.3 m off if used); the atlas uses EPSG's VN-2000 transformation.
    Towgs84RotationSign,
    /// DXF entities drawn in paper space (title blocks, viewports), which are not on the map, were left out.
    PaperSpaceSkipped {
        /// How many entities.
        count: usize,
    },
    /// Features whose geometry GDAL could not give were kept with their attributes and no geometry.
    GeometriesUnreadable {
        /// How many features.
        count: usize,
        /// The first such feature's id in the file.
        first_feature: u64,
        /// What was wrong with it.
        first_reason: String,
    },
    /// A drawing's coordinates are nowhere near Hai Phong in the CRS chosen for it: it may be in local
    /// drawing coordinates or another grid.
    FarFromHaiPhong {
        /// The CRS chosen.
        crs: crate::core::crs::Crs,
        /// The features' extent in that CRS: min x, min y, max x, max y.
        extent: [f64; 4],
    },
    /// The file lacks its end marker (a drawing cut short): what was before the cut was read.
    FileCutShort,
    /// GDAL warned while reading (its English text is kept).
    ReaderWarnings {
        /// How many warnings (at most the number kept).
        count: usize,
        /// The first one.
        first: String,
    },
}

/// Why a feature's geometry could not be used ([`LayerNote::GeometrySkipped`]).
#[derive(Clone, Debug, PartialEq)]
pub enum GeometryProblem {
    /// A coordinate is not a (finite) number.
    NotANumber {
        /// The text as written (at most 40 characters of it).
        text: String,
    },
    /// A position has a longitude but no latitude.
    MissingLatitude,
    /// A longitude outside -180..180 degrees.
    LongitudeOutOfRange {
        /// The value as read, in degrees.
        degrees: f64,
    },
    /// A latitude outside -90..90 degrees.
    LatitudeOutOfRange {
        /// The value as read, in degrees.
        degrees: f64,
    },
    /// A polygon ring with fewer than 3 distinct corners.
    TooFewCornersInRing {
        /// How many distinct corners it has.
        corners: usize,
    },
    /// A line of a single position.
    TooFewPointsInLine,
}

impl fmt::Display for GeometryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber { text } => write!(f, "the coordinate {text:?} is not a number"),
            Self::MissingLatitude => f.write_str("a position has a longitude but no latitude"),
            Self::LongitudeOutOfRange { degrees } => {
                write!(f, "longitude {degrees} is not from -180 to 180 degrees")
            }
            Self::LatitudeOutOfRange { degrees } => {
                write!(f, "latitude {degrees} is not from -90 to 90 degrees")
            }
            Self::TooFewCornersInRing { corners } => write!(
                f,
                "a ring has {corners} distinct corner(s); a polygon ring needs at least 3"
            ),
            Self::TooFewPointsInLine => f.write_str("a line has a single position"),
        }
    }
}

impl fmt::Display for LayerNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HeightsDropped => f.write_str("Z values (heights) were ignored; the layer is 2-D"),
            Self::MeasuresDropped => f.write_str("M values (measures) were ignored"),
            Self::HeightsOrMeasuresDropped => {
                f.write_str("Z/M values were ignored; the layer is 2-D")
            }
            Self::RingsClosed { count } => {
                write!(f, "{count} ring(s) were not closed and were closed")
            }
            Self::InvalidPolygon {
                record,
                polygon,
                problem,
            } => write!(
                f,
                "record {record}: polygon {polygon}: {problem} (kept as drawn; areas may be wrong)"
            ),
            Self::MoreInvalidPolygons { count } => {
                write!(f, "… and {count} more invalid polygon(s)")
            }
            Self::DegenerateRingSkipped {
                record,
                reason,
                record_left_empty,
            } => {
                write!(f, "record {record}: {reason}; the ring was skipped")?;
                if *record_left_empty {
                    f.write_str(" and the record has no geometry")?;
                }
                Ok(())
            }
            Self::MoreDegenerateRingsSkipped { count } => {
                write!(f, "… and {count} more degenerate ring(s) skipped")
            }
            Self::GeometrySkipped {
                feature,
                line,
                column,
                problem,
            } => write!(
                f,
                "feature {feature} (line {line}, column {column}): {problem}; it was kept without a geometry"
            ),
            Self::MoreGeometriesSkipped { count } => {
                write!(f, "… and {count} more feature(s) kept without a geometry")
            }
            Self::UnreadableValues {
                field,
                dbase_type,
                count,
            } => write!(
                f,
                "field {field} (dBASE type {dbase_type}): {count} value(s) could not be read and were left empty"
            ),
            Self::UnknownCpgEncoding { name } => write!(
                f,
                "the .cpg names the unknown encoding {name:?}; the encoding was detected instead"
            ),
            Self::RowsSkipped {
                count,
                first_reason,
            } => write!(
                f,
                "{count} row(s) could not be read and were left out (first: {first_reason})"
            ),
            Self::RowsWithoutGeometry {
                count,
                first_line,
                first_reason,
            } => write!(
                f,
                "{count} row(s) have no readable coordinates and were kept without a geometry (first: line \
                 {first_line}: {first_reason})"
            ),
            Self::Encoding(note) => note.fmt(f),
            Self::PaperSpaceSkipped { count } => write!(
                f,
                "{count} paper-space entit(ies) (title blocks, viewports) are not on the map and were left out"
            ),
            Self::GeometriesUnreadable {
                count,
                first_feature,
                first_reason,
            } => write!(
                f,
                "{count} feature(s) have no readable geometry and were kept with their attributes (first: \
                 feature {first_feature}: {first_reason})"
            ),
            Self::FarFromHaiPhong { crs, extent } => write!(
                f,
                "the drawing's coordinates ({:.0}, {:.0} – {:.0}, {:.0}) are nowhere near Hai Phong in {}: it \
                 may use local drawing coordinates or another coordinate system",
                extent[0],
                extent[1],
                extent[2],
                extent[3],
                crs.label()
            ),
            Self::FileCutShort => f.write_str(
                "the file ends before its end-of-file marker (cut short): only what comes before the cut was read",
            ),
            Self::ReaderWarnings { count, first } => {
                write!(f, "GDAL gave {count} warning(s) while reading (first: {first})")
            }
            Self::Towgs84RotationSign => f.write_str(
                "the .prj's VN-2000 TOWGS84 has its rotations in the coordinate-frame sign convention where \
                 WKT expects position-vector (about 0.3 m error if used); the atlas uses the EPSG VN-2000 \
                 transformation instead",
            ),
        }
    }
}

impl Serialize for LayerNote {
    /// As the English sentence of `Display`, so `hpatlas info` keeps writing notes as JSON text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use geo::algorithm::validation::RingRole;

    use super::*;
    use crate::core::text_encoding::TextEncoding;

    #[test]
    fn notes_read_as_the_sentences_the_command_line_always_printed() {
        let invalid = LayerNote::InvalidPolygon {
            record: 3,
            polygon: 0,
            problem: InvalidPolygon::SelfIntersection(RingRole::Exterior),
        };
        assert_eq!(
            invalid.to_string(),
            "record 3: polygon 0: exterior ring has a self-intersection (kept as drawn; areas may be wrong)"
        );
        let cpg = LayerNote::Encoding(EncodingNote::CpgNotFollowed {
            declared: TextEncoding::Windows1258,
            used: TextEncoding::VniWindows,
        });
        assert_eq!(
            serde_json::to_value(&cpg).ok(),
            Some(serde_json::json!(
                "the .cpg declares windows-1258 but the text reads as VNI-Windows; VNI-Windows was used"
            ))
        );
    }
}
