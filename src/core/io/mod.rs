//! Reading and writing layers. Each format has its own module that turns a file into a
//! [`LayerData`] in the file's own CRS; [`read_layer_file_with`] picks the module
//! by the file's extension (GeoJSON, Shapefile, GeoPackage, CSV, GPX, KML and KMZ; File Geodatabase, DXF, DGN
//! and MapInfo through GDAL, [`gdal_formats`]). Errors name the file and say what was wrong
//! and where; a few errors are questions for the user instead ([`LoadError::needs_user_choice`]): a Shapefile
//! without a usable `.prj`, a CSV whose coordinate columns are unclear. Exports (GeoJSON, GeoPackage) write
//! atomically, and so does [`write_back`], which saves a layer's edits into the GeoJSON, Shapefile or
//! GeoPackage it was read from.

pub mod atomic_write;
mod binary;
mod coords;
pub mod csv_points;
mod csv_wkt;
mod dbf_reader;
pub mod export_layer;
#[doc(hidden)]
pub mod fuzzing;
pub mod gdal_formats;
pub mod geojson;
pub mod geojson_export;
mod geojson_typed;
pub mod gpkg;
mod gpkg_functions;
pub mod gpkg_write;
pub mod gpx;
pub mod kml;
mod kml_columns;
mod kml_geometry;
mod kmz;
pub mod prj;
pub mod prj_identify;
mod rings;
pub mod shapefile;
mod shp_reader;
pub mod unknown_crs;
pub mod validity;
pub(crate) mod wkb;
pub mod write_back;
mod write_back_dbf;
mod write_back_error;
mod write_back_geojson;
mod write_back_gpkg;
mod write_back_shape;
mod write_back_shapefile;
mod xml_text;

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::crs::{Crs, CrsError};
use super::layer::LayerData;
use super::source_files::lower_extension;
use crate::core::text_encoding::TextEncoding;
use csv_points::{CsvColumns, CsvGuess};
use unknown_crs::UnknownCrsReason;

/// Choices the caller (the user, through a dialog or the command line) makes about how a file is read.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The CRS of the coordinates, replacing whatever the file declares.
    pub crs: Option<Crs>,
    /// The text encoding of attributes (Shapefile, CSV), replacing the `.cpg` and detection.
    pub encoding: Option<TextEncoding>,
    /// Which CSV columns hold the coordinates, replacing the guess.
    pub csv_columns: Option<CsvColumns>,
    /// Which GeoPackage table or File Geodatabase layer to read (the first one when `None`).
    pub table: Option<String>,
}

/// A file could not be read as a layer.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The operating system could not read the file.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file has no content.
    #[error("{}: the file is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The text is not valid JSON, or not shaped like GeoJSON (the parser says which).
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// One-based line of the problem.
        line: usize,
        /// One-based column of the problem.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// One feature is unusable.
    #[error("{}: feature {feature}: {message}", path.display())]
    Feature {
        /// The file.
        path: PathBuf,
        /// Zero-based feature number.
        feature: usize,
        /// What was wrong.
        message: String,
    },
    /// The file's coordinate system is not usable.
    #[error("{}: coordinate system: {message}", path.display())]
    Crs {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// No reader handles this kind of file.
    #[error(
        "{}: unsupported file type (open GeoJSON .geojson/.json, Shapefile .shp, GeoPackage .gpkg, CSV .csv, \
         GPX .gpx, KML .kml/.kmz, File Geodatabase .gdb, DXF .dxf, DGN v7 .dgn or MapInfo .tab/.mif)",
        path.display()
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// A kind of file the atlas knows but cannot read (a DWG, a MicroStation V8 DGN): the user is told what
    /// to save it as.
    #[error("{}: {what} cannot be read; {advice}", path.display())]
    NeedsAnotherFormat {
        /// The file.
        path: PathBuf,
        /// What the file is.
        what: String,
        /// What to save it as, and how.
        advice: String,
    },
    /// The content is malformed (the message says where: header, record, field…).
    #[error("{}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// One record of a Shapefile or GeoPackage is unusable.
    #[error("{}: record {record}: {message}", path.display())]
    Record {
        /// The file.
        path: PathBuf,
        /// One-based record number, as numbered in the file (the feature id for a GeoPackage).
        record: usize,
        /// What was wrong.
        message: String,
    },
    /// One line of a text file (CSV) is unusable.
    #[error("{}: line {line}: {message}", path.display())]
    Line {
        /// The file.
        path: PathBuf,
        /// One-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A file the format needs next to the one opened is missing (a Shapefile's .shx or .dbf).
    #[error("{}: missing; it is needed to read {}", path.display(), needed_by.display())]
    Missing {
        /// The missing file.
        path: PathBuf,
        /// The file that needs it.
        needed_by: PathBuf,
    },
    /// The coordinate system is unknown: ask the user to choose one of `suggestions` and read again with
    /// [`LoadOptions::crs`].
    #[error(
        "{}: coordinate system unknown ({reason}); choose one, e.g. {}",
        path.display(),
        suggestions.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    CrsUnknown {
        /// The file (the `.prj` when it could not be matched, else the `.shp`).
        path: PathBuf,
        /// Why: no `.prj`, or what PROJ or the matcher said about it.
        reason: UnknownCrsReason,
        /// The CRSs to offer, most likely first.
        suggestions: Vec<Crs>,
    },
    /// The CSV's coordinate columns could not be told with confidence: ask the user, starting from `guess`,
    /// and read again with [`LoadOptions::csv_columns`].
    #[error("{}: {}; choose the coordinate columns", path.display(), guess.summary())]
    CsvColumnsUnsure {
        /// The file.
        path: PathBuf,
        /// The best guess and the columns to choose from.
        guess: Box<CsvGuess>,
    },
}

/// A layer could not be written to a file.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The operating system refused to write.
    #[error("{}: cannot write the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A feature could not be reprojected.
    #[error("{}: feature {feature}: {source}", path.display())]
    Reproject {
        /// The file.
        path: PathBuf,
        /// Zero-based feature number.
        feature: usize,
        /// What PROJ said.
        source: CrsError,
    },
    /// The output format cannot hold something in the layer (the message says what).
    #[error("{}: {message}", path.display())]
    Unwritable {
        /// The file.
        path: PathBuf,
        /// What could not be written.
        message: String,
    },
    /// No writer handles this extension.
    #[error("{}: unsupported output type (write .geojson/.json or .gpkg)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

impl LoadError {
    /// True for the outcomes that are questions for the user rather than faults of the file: an unknown CRS
    /// or unclear CSV columns. Read again with the answer in [`LoadOptions`].
    pub fn needs_user_choice(&self) -> bool {
        matches!(
            self,
            Self::CrsUnknown { .. } | Self::CsvColumnsUnsure { .. }
        )
    }

    pub(crate) fn malformed(path: &Path, message: impl Into<String>) -> Self {
        Self::Malformed {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    fn from_json(path: &Path, error: serde_json::Error) -> Self {
        if error.is_io() {
            return Self::io(path, std::io::Error::other(error.to_string()));
        }
        let message = error.to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
        Self::Syntax {
            path: path.to_path_buf(),
            line: error.line(),
            column: error.column(),
            message,
        }
    }
}

/// Reads any supported layer file, chosen by extension, with only a CRS override. `progress` receives 0..1.
pub fn read_layer_file(
    path: &Path,
    crs_override: Option<Crs>,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let options = LoadOptions {
        crs: crs_override,
        ..LoadOptions::default()
    };
    read_layer_file_with(path, &options, progress)
}

/// Reads any supported layer file, chosen by extension, with the caller's choices. `progress` receives 0..1.
pub fn read_layer_file_with(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    match lower_extension(path).as_str() {
        "geojson" | "json" => geojson::read_geojson(path, options.crs, progress),
        "shp" => shapefile::read_shapefile(path, options, progress),
        "gpkg" => gpkg::read_gpkg(path, options, progress),
        "csv" | "txt" => csv_points::read_csv_points(path, options, progress),
        "gpx" => gpx::read_gpx(path, progress),
        "kml" => kml::read_kml(path, progress),
        "kmz" => kml::read_kmz(path, progress),
        "gdb" | "dxf" | "dgn" | "tab" | "mif" => {
            gdal_formats::read_gdal_layer(path, options, progress)
        }
        "dwg" => Err(gdal_formats::dwg_refusal(path)),
        _ => Err(LoadError::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

/// The file name without its extension, used as a layer's initial name.
pub fn display_name(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A reader that reports the fraction of `total_bytes` read so far.
pub(crate) struct ProgressReader<R, F> {
    inner: R,
    read_bytes: u64,
    total_bytes: u64,
    last_reported: u64,
    report: F,
}

impl<R: Read, F: FnMut(f32)> ProgressReader<R, F> {
    pub(crate) fn new(inner: R, total_bytes: u64, report: F) -> Self {
        Self {
            inner,
            read_bytes: 0,
            total_bytes: total_bytes.max(1),
            last_reported: 0,
            report,
        }
    }
}

impl<R: Read, F: FnMut(f32)> Read for ProgressReader<R, F> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.read_bytes += count as u64;
        if self.read_bytes - self.last_reported >= 1 << 20 || count == 0 {
            self.last_reported = self.read_bytes;
            (self.report)((self.read_bytes as f64 / self.total_bytes as f64).min(1.0) as f32);
        }
        Ok(count)
    }
}
