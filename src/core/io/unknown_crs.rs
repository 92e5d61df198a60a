//! Why a file's coordinate system is unknown, as data: the user is asked to choose one, and the question says
//! why in the interface's language. `Display` gives the English wording the command line prints.

use std::fmt;

use super::prj::PrjProblem;

/// Why the coordinate system of a file could not be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownCrsReason {
    /// A Shapefile without a `.prj`.
    NoPrj,
    /// The `.prj` (or a GeoPackage's WKT definition) could not be matched.
    Prj(PrjProblem),
    /// A GeoPackage table's `srs_id` is not in `gpkg_spatial_ref_sys`.
    GpkgSrsMissing {
        /// The table's `srs_id`.
        srs_id: i64,
    },
    /// A GeoPackage's spatial reference has an EPSG code that cannot exist.
    GpkgImpossibleEpsg {
        /// The code.
        code: i64,
    },
    /// A GeoPackage table's `srs_id` stands for an undefined coordinate system.
    GpkgSrsUndefined {
        /// The table's `srs_id`.
        srs_id: i64,
    },
    /// A CSV's coordinates are in metres, and a CSV does not say which grid.
    CsvInMetres,
    /// A CAD drawing (DXF, DGN): drawings never say their coordinate system.
    DrawingHasNoCrs,
    /// The file's layer declares no coordinate system.
    NoCrsInFile,
}

impl fmt::Display for UnknownCrsReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPrj => f.write_str("there is no .prj file"),
            Self::Prj(problem) => problem.fmt(f),
            Self::GpkgSrsMissing { srs_id } => {
                write!(f, "srs_id {srs_id} is not in gpkg_spatial_ref_sys")
            }
            Self::GpkgImpossibleEpsg { code } => write!(f, "EPSG code {code} is impossible"),
            Self::GpkgSrsUndefined { srs_id } => {
                write!(f, "srs_id {srs_id} means an undefined coordinate system")
            }
            Self::CsvInMetres => {
                f.write_str("the coordinates are in metres and a CSV does not say which grid")
            }
            Self::DrawingHasNoCrs => {
                f.write_str("a CAD drawing does not say its coordinate system")
            }
            Self::NoCrsInFile => f.write_str("the layer declares no coordinate system"),
        }
    }
}
