//! Project files: a versioned, human-readable JSON document with everything a planner sets up — the layers
//! (paths relative to the project file, CRS, style, order, visibility, opacity, palette), the coverage
//! analysis settings, saved views, presentation slides with their annotations, review pins and the interface
//! language. The format is described in `docs/project-format.md`; the default Hai Phong map the atlas opens
//! on is such a file, `maps/haiphong.hpatlas.json`.
//!
//! Reading accepts every version up to [`PROJECT_VERSION`] and upgrades older ones in memory (version 1 had
//! only the title, layers and home layer). Writing is in [`crate::core::project_save`]; missing layer files
//! and relinking in [`crate::core::project_links`]; autosave and recovery in [`crate::core::autosave`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub mod analysis_settings;

use super::crs::Crs;
use super::db_source::{DbSource, ViewBox};
use super::file_error::{FileError, parse_json, read_text};
use super::review::Pin;
use super::style::{Rgba, Style};
use analysis_settings::AnalysisSettingsFile;

/// The value of the `format` member of every project file.
pub const PROJECT_FORMAT: &str = "hpatlas-project";
/// The newest project file version this build reads and writes.
pub const PROJECT_VERSION: u32 = 2;

/// A project file's content (always the newest version in memory).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFile {
    /// Always [`PROJECT_FORMAT`].
    pub format: String,
    /// The file format version ([`PROJECT_VERSION`] once read: older files are upgraded).
    pub version: u32,
    /// The project's title.
    #[serde(default)]
    pub title: String,
    /// The interface language the project was last used in.
    #[serde(default)]
    pub language: Language,
    /// Layers in drawing order (bottom first).
    pub layers: Vec<ProjectLayer>,
    /// The name of the layer whose extent the map opens on ("zoom to city"); all layers when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_layer: Option<String>,
    /// The view the map opens on; the home layer's extent when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<Camera>,
    /// The coverage analysis settings, when the planner set any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<AnalysisSettingsFile>,
    /// Named views the planner saved.
    #[serde(default)]
    pub views: Vec<SavedView>,
    /// Presentation slides, in show order.
    #[serde(default)]
    pub slides: Vec<Slide>,
    /// Field review pins, each with its history.
    #[serde(default)]
    pub pins: Vec<Pin>,
    /// The layer groups of the layers (`ProjectLayer::group`) with their panel state, in drawing order of
    /// their first layer; not written when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<ProjectGroup>,
}

/// A layer group's state in a project file. Which layers a group holds is written on the layers; its order is
/// theirs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectGroup {
    /// The group's name (as the layers' `group` members write it).
    pub name: String,
    /// Whether the layer panel shows the group folded (its layers hidden from the list, not from the map).
    #[serde(default)]
    pub collapsed: bool,
}

/// One layer entry of a project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectLayer {
    /// Path of the data file: relative to the project file in the file, and as given (usually absolute) in
    /// memory after [`crate::core::project_links::open_project`]. Empty (and not written) for a database layer.
    #[serde(default, skip_serializing_if = "path_is_empty")]
    pub path: PathBuf,
    /// The database table of a database layer (`PG:…`, never with a password), instead of a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<DbSource>,
    /// For a database layer loaded only where the map was (*Chỉ vùng đang xem*): that box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_box: Option<ViewBox>,
    /// Which layer of a multi-layer file (a GeoPackage table, a File Geodatabase feature class); the first
    /// feature table when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The layer group (a package such as `QuyHoach.gpkg`) the layer belongs to, when it belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Display name (the table's name when `table` is given, else the file name, when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The CRS of the file's coordinates when the file does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<Crs>,
    /// Whether the layer is drawn.
    #[serde(default = "default_true")]
    pub visible: bool,
    /// Opacity 0..1.
    #[serde(default = "default_opacity")]
    pub opacity: f32,
    /// The layer's style (a default style for its geometry when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// Categories from a palette file under `assets/`, replacing the style's categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// A reference to one of the project's layers: its position in [`ProjectFile::layers`] (a JSON number) or
/// its display name (a JSON string). Names survive reordering; positions survive renaming.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LayerRef {
    /// Zero-based position in drawing order (bottom first).
    Index(usize),
    /// The layer's display name.
    Name(String),
}

impl LayerRef {
    /// The position of the referenced layer among layers with these display names (drawing order).
    pub fn resolve<S: AsRef<str>>(&self, layer_names: &[S]) -> Option<usize> {
        match self {
            Self::Index(index) => (*index < layer_names.len()).then_some(*index),
            Self::Name(name) => layer_names
                .iter()
                .position(|candidate| candidate.as_ref() == name),
        }
    }
}

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// Vietnamese (the default).
    #[default]
    #[serde(rename = "vi")]
    Vietnamese,
    /// English.
    #[serde(rename = "en")]
    English,
}

/// Where the map looks: its centre and scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    /// The map centre `[x, y]` in the map CRS (EPSG:9210), metres.
    pub center_in_map: [f64; 2],
    /// Ground metres per screen point.
    pub m_per_px: f64,
}

/// The display state of one layer in a saved view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewLayer {
    /// The layer.
    pub layer: LayerRef,
    /// Whether it is drawn in this view.
    pub visible: bool,
    /// Its opacity in this view (the layer's own when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opacity: Option<f32>,
    /// Its style in this view (the layer's own when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
}

/// A named camera with the layers' visibility and styles; layers not listed keep their current state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// The view's name.
    #[serde(default)]
    pub name: String,
    /// Where the map looks.
    pub camera: Camera,
    /// Per-layer display state.
    #[serde(default)]
    pub layers: Vec<ViewLayer>,
}

/// One presentation slide: a saved view with a title, a speaker note and on-map annotations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// The title shown in the presentation's title bar.
    #[serde(default)]
    pub title: String,
    /// Notes for the speaker (not shown to the room).
    #[serde(default)]
    pub speaker_note: String,
    /// The camera and layers shown.
    pub view: SavedView,
    /// Annotations kept with this slide.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
}

/// A quick drawing on the map, in map coordinates so it stays in place when the view flies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Annotation {
    /// An arrow from one point to another (head at `to_in_map`).
    Arrow {
        /// Tail `[x, y]`, EPSG:9210 metres.
        from_in_map: [f64; 2],
        /// Head `[x, y]`, EPSG:9210 metres.
        to_in_map: [f64; 2],
        /// Colour.
        colour: Rgba,
        /// Line width in screen points.
        width_px: f32,
    },
    /// A circle outline.
    Circle {
        /// Centre `[x, y]`, EPSG:9210 metres.
        center_in_map: [f64; 2],
        /// Radius in ground metres.
        radius_m: f64,
        /// Colour.
        colour: Rgba,
        /// Line width in screen points.
        width_px: f32,
    },
    /// Free text anchored at a point.
    Text {
        /// Anchor (top-left of the text) `[x, y]`, EPSG:9210 metres.
        position_in_map: [f64; 2],
        /// The text.
        text: String,
        /// Colour.
        colour: Rgba,
        /// Text size in screen points.
        size_px: f32,
    },
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
    /// The file could not be read or is not valid JSON of the expected shape.
    #[error(transparent)]
    File(#[from] FileError),
    /// The file is a project of another program or a newer version.
    #[error("{}: {message}", path.display())]
    Format {
        /// The project file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// The members every version has, read first to choose the version's reader.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Version 1: title, layers and home layer only.
#[derive(Deserialize)]
struct ProjectFileV1 {
    #[serde(default)]
    title: String,
    layers: Vec<ProjectLayer>,
    #[serde(default)]
    home_layer: Option<String>,
}

impl ProjectFile {
    /// An empty project of the newest version.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format: PROJECT_FORMAT.to_string(),
            version: PROJECT_VERSION,
            title: title.into(),
            language: Language::default(),
            layers: Vec::new(),
            home_layer: None,
            camera: None,
            analysis: None,
            views: Vec::new(),
            slides: Vec::new(),
            pins: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Reads and checks a project file of any known version (paths stay as written).
    pub fn read(path: &Path) -> Result<Self, ProjectError> {
        Self::parse(&read_text(path)?, path)
    }

    /// Parses project text of any known version, upgrading it to the newest; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ProjectError> {
        let header: Header = from_json(text, path)?;
        if header.format != PROJECT_FORMAT {
            return Err(format_error(
                path,
                format!(
                    "not an atlas project (format {:?}, expected {PROJECT_FORMAT:?})",
                    header.format
                ),
            ));
        }
        match header.version {
            1 => Ok(Self::upgrade_v1(from_json(text, path)?)),
            PROJECT_VERSION => {
                let mut project: Self = from_json(text, path)?;
                project.check_values(path)?;
                Ok(project)
            }
            0 => Err(format_error(path, "project version 0 does not exist".into())),
            newer => Err(format_error(
                path,
                format!(
                    "project version {newer} is newer than this atlas reads ({PROJECT_VERSION}); update the atlas"
                ),
            )),
        }
        .map(|mut project: Self| {
            project.version = PROJECT_VERSION;
            project
        })
    }

    fn upgrade_v1(old: ProjectFileV1) -> Self {
        Self {
            title: old.title,
            layers: old.layers,
            home_layer: old.home_layer,
            ..Self::new(String::new())
        }
    }

    /// Rejects values JSON can hold but the atlas cannot use (non-positive scales, opacities out of range).
    fn check_values(&mut self, path: &Path) -> Result<(), ProjectError> {
        for (number, layer) in self.layers.iter_mut().enumerate() {
            if !layer.opacity.is_finite() {
                return Err(format_error(
                    path,
                    format!("layer {number}: opacity must be a number from 0 to 1"),
                ));
            }
            layer.opacity = layer.opacity.clamp(0.0, 1.0);
        }
        let cameras = self
            .camera
            .iter()
            .chain(self.views.iter().map(|view| &view.camera))
            .chain(self.slides.iter().map(|slide| &slide.view.camera));
        for camera in cameras {
            let finite = camera.center_in_map.iter().all(|value| value.is_finite());
            if !(finite && camera.m_per_px.is_finite() && camera.m_per_px > 0.0) {
                return Err(format_error(
                    path,
                    format!(
                        "camera {:?} at {} m/px: the centre must be finite and the scale positive",
                        camera.center_in_map, camera.m_per_px
                    ),
                ));
            }
        }
        Ok(())
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

    /// The display names of the layers in drawing order (a layer without a name is named after its table, or
    /// else its file), for [`LayerRef::resolve`].
    pub fn layer_names(&self) -> Vec<String> {
        self.layers
            .iter()
            .map(|layer| {
                layer.name.clone().unwrap_or_else(|| match &layer.database {
                    Some(source) => source.table.name.clone(),
                    None => layer
                        .table
                        .clone()
                        .unwrap_or_else(|| super::io::display_name(&layer.path)),
                })
            })
            .collect()
    }

    /// Whether the layer panel shows group `name` folded.
    pub fn group_collapsed(&self, name: &str) -> bool {
        self.groups
            .iter()
            .any(|group| group.name == name && group.collapsed)
    }
}

fn path_is_empty(path: &Path) -> bool {
    path.as_os_str().is_empty()
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, ProjectError> {
    Ok(parse_json(text, path)?)
}

fn format_error(path: &Path, message: String) -> ProjectError {
    ProjectError::Format {
        path: path.to_path_buf(),
        message,
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
        assert_eq!(project.version, PROJECT_VERSION);
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
            Err(ProjectError::File(FileError::Syntax { .. }))
        ));
    }

    #[test]
    fn layer_refs_resolve_by_position_or_name() {
        let names = ["Nền", "Trạm"];
        assert_eq!(LayerRef::Index(1).resolve(&names), Some(1));
        assert_eq!(LayerRef::Index(2).resolve(&names), None);
        assert_eq!(LayerRef::Name("Trạm".into()).resolve(&names), Some(1));
        assert_eq!(LayerRef::Name("Khác".into()).resolve(&names), None);
        let parsed: Vec<LayerRef> = serde_json::from_str(r#"[3, "Trạm"]"#).expect("refs");
        assert_eq!(parsed, [LayerRef::Index(3), LayerRef::Name("Trạm".into())]);
    }

    #[test]
    fn bad_camera_is_reported_with_the_file() {
        let text = r#"{"format":"hpatlas-project","version":2,"layers":[],
            "camera":{"center_in_map":[1,2],"m_per_px":0}}"#;
        let error = ProjectFile::parse(text, Path::new("x.hpatlas.json")).expect_err("bad scale");
        assert!(
            error.to_string().starts_with("x.hpatlas.json: camera"),
            "{error}"
        );
    }
}
