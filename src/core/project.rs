//! Project files: a versioned, human-readable JSON list of layers (paths relative to the project file, CRS,
//! style, visibility, opacity) and the view to open on. The default Hai Phong map the atlas opens on is such
//! a file, `maps/haiphong.hpatlas.json`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::crs::Crs;
use super::style::Style;

/// The value of the `format` member of every project file.
pub const PROJECT_FORMAT: &str = "hpatlas-project";
/// The newest project file version this build reads and writes.
pub const PROJECT_VERSION: u32 = 1;

/// A project file's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFile {
    /// Always [`PROJECT_FORMAT`].
    pub format: String,
    /// The file format version.
    pub version: u32,
    /// The project's title.
    #[serde(default)]
    pub title: String,
    /// Layers in drawing order (bottom first).
    pub layers: Vec<ProjectLayer>,
    /// The name of the layer whose extent the map opens on ("zoom to city"); all layers when absent.
    #[serde(default)]
    pub home_layer: Option<String>,
}

/// One layer entry of a project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectLayer {
    /// Path of the data file, relative to the project file.
    pub path: PathBuf,
    /// Display name (the file name when absent).
    #[serde(default)]
    pub name: Option<String>,
    /// The CRS of the file's coordinates when the file does not say.
    #[serde(default)]
    pub crs: Option<Crs>,
    /// Whether the layer is drawn.
    #[serde(default = "default_true")]
    pub visible: bool,
    /// Opacity 0..1.
    #[serde(default = "default_opacity")]
    pub opacity: f32,
    /// The layer's style (a default style for its geometry when absent).
    #[serde(default)]
    pub style: Option<Style>,
    /// Categories from a palette file under `assets/`, replacing the style's categories.
    #[serde(default)]
    pub palette: Option<PaletteRef>,
}

/// A reference from a project layer to a palette file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaletteRef {
    /// The palette file, relative to the project file.
    pub path: PathBuf,
    /// The attribute whose values the palette's entries style.
    pub field: String,
}

fn default_true() -> bool {
    true
}

fn default_opacity() -> f32 {
    1.0
}

/// A project file could not be read.
#[derive(Debug, Error)]
pub enum ProjectError {
    /// The file could not be read.
    #[error("{}: cannot read the project: {source}", path.display())]
    Io {
        /// The project file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not a valid project.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Syntax {
        /// The project file.
        path: PathBuf,
        /// One-based line.
        line: usize,
        /// One-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The file is a project of another program or a newer version.
    #[error("{}: {message}", path.display())]
    Format {
        /// The project file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

impl ProjectFile {
    /// Reads and checks a project file.
    pub fn read(path: &Path) -> Result<Self, ProjectError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses project text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ProjectError> {
        let project: Self = serde_json::from_str(text).map_err(|error| ProjectError::Syntax {
            path: path.to_path_buf(),
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        })?;
        if project.format != PROJECT_FORMAT {
            return Err(ProjectError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "not an atlas project (format {:?}, expected {PROJECT_FORMAT:?})",
                    project.format
                ),
            });
        }
        if project.version == 0 || project.version > PROJECT_VERSION {
            return Err(ProjectError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "project version {} is newer than this atlas reads ({PROJECT_VERSION}); update the atlas",
                    project.version
                ),
            });
        }
        Ok(project)
    }

    /// The absolute path of a layer's data file, given the project file's own path.
    pub fn layer_path(project_path: &Path, layer: &ProjectLayer) -> PathBuf {
        Self::resolve(project_path, &layer.path)
    }

    /// A path written in a project file, resolved against the project file's folder.
    pub fn resolve(project_path: &Path, path: &Path) -> PathBuf {
        match project_path.parent() {
            Some(folder) if path.is_relative() => folder.join(path),
            _ => path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_other_formats_and_newer_versions() {
        let path = Path::new("p.json");
        let ok = r#"{"format":"hpatlas-project","version":1,"layers":[{"path":"a.geojson"}]}"#;
        let project = ProjectFile::parse(ok, path).expect("valid project");
        assert!(project.layers[0].visible);
        assert_eq!(project.layers[0].opacity, 1.0);
        let newer = ok.replace("\"version\":1", "\"version\":99");
        assert!(matches!(
            ProjectFile::parse(&newer, path),
            Err(ProjectError::Format { .. })
        ));
        let other = ok.replace("hpatlas-project", "qgis");
        assert!(matches!(
            ProjectFile::parse(&other, path),
            Err(ProjectError::Format { .. })
        ));
        assert!(matches!(
            ProjectFile::parse("{", path),
            Err(ProjectError::Syntax { .. })
        ));
    }
}
