//! Reading layers from files. Each format has its own module that turns a file into a
//! [`LayerData`](crate::core::layer::LayerData) in the file's own CRS; [`read_layer_file`] picks the module by
//! the file's extension. Errors name the file and say what was wrong and where.

pub mod atomic_write;
pub mod geojson;
pub mod gpx;

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::crs::Crs;
use super::layer::LayerData;

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
    #[error("{}: unsupported file type (open GeoJSON: .geojson or .json, or GPX: .gpx)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

impl LoadError {
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

/// Reads any supported layer file, chosen by extension. `progress` receives 0..1.
pub fn read_layer_file(
    path: &Path,
    crs_override: Option<Crs>,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "geojson" | "json" => geojson::read_geojson(path, crs_override, progress),
        "gpx" => gpx::read_gpx(path, progress),
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
