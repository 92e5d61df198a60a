//! Opening a project whose layer files may have moved: [`open_project`] reads the file, resolves every layer
//! and palette path to an absolute one and lists the layer files that are missing, without failing;
//! [`ProjectFile::relink_layer`] points a missing layer at its new file (and relinks the other missing layers
//! found in the same new folder under their old names). [`load_project_layers`] loads every layer headlessly
//! (the command line and tests; the app loads them in background jobs) and applies each entry's settings
//! with [`apply_layer_settings`]; [`home_extent`] is where the map opens. [`project_layer_from`] turns an open layer back into a project entry.

use std::path::{Path, PathBuf};

use geo::Rect;
use thiserror::Error;

use super::db_source::{DbSource, ViewBox};
use super::geometry::union_rect;
use super::io::{LoadError, LoadOptions, display_name, read_layer_file_with};
use super::layer::{CrsOrigin, Layer, LayerError};
use super::palette::{categorized_from_palette, read_palette};
use super::postgis::read::{ReadControl, ReadOptions};
use super::postgis::{DbError, Passwords, open_layer};
use super::project::{ProjectError, ProjectFile, ProjectLayer};
use super::source_layers::source_exists;

/// A layer whose data file is not where the project says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingLayer {
    /// Position in the project's layer list.
    pub index: usize,
    /// The layer's display name.
    pub name: String,
    /// Where the file was expected (absolute).
    pub path: PathBuf,
}

/// A project as opened: layer and palette paths absolute, and the layers whose files are missing.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedProject {
    /// The project file.
    pub path: PathBuf,
    /// Its content, with absolute paths.
    pub project: ProjectFile,
    /// Layers whose data files do not exist (the others can be loaded).
    pub missing: Vec<MissingLayer>,
}

/// A layer could not be relinked.
#[derive(Debug, Error)]
pub enum RelinkError {
    /// The project has no layer at this position.
    #[error("the project has no layer {0}")]
    NoSuchLayer(usize),
    /// The new file does not exist.
    #[error("{}: no such file", .0.display())]
    NotAFile(PathBuf),
}

/// Why one layer of a project could not be loaded (the others still are).
#[derive(Debug, Error)]
pub enum LayerProblem {
    /// The data file is missing.
    #[error("layer {} ({}): the file {} is missing", .0.index, .0.name, .0.path.display())]
    Missing(MissingLayer),
    /// The file is there but could not be read.
    #[error("layer {index}: {source}")]
    Unreadable {
        /// Position in the project's layer list.
        index: usize,
        /// What the reader said.
        source: LoadError,
    },
    /// The layer could not be put on the map.
    #[error("layer {index}: {source}")]
    Unmappable {
        /// Position in the project's layer list.
        index: usize,
        /// What went wrong.
        source: LayerError,
    },
    /// The layer's database could not be reached or its table read; the project opens without it.
    #[error("layer {index} ({name}): {database}: {error}")]
    Database {
        /// Position in the project's layer list.
        index: usize,
        /// The layer's display name.
        name: String,
        /// The table it comes from.
        database: Box<DbSource>,
        /// What went wrong (the server is down, a password is needed, …).
        error: Box<DbError>,
    },
    /// The layer loaded but its palette could not be applied.
    #[error("layer {index}: {message}")]
    Settings {
        /// Position in the project's layer list.
        index: usize,
        /// What went wrong.
        message: String,
    },
}

/// The outcome of [`load_project_layers`].
#[derive(Debug, Default)]
pub struct ProjectLoad {
    /// The loaded layers with their positions in the project's list, in drawing order.
    pub layers: Vec<(usize, Layer)>,
    /// Layers that could not be loaded, or loaded with a problem.
    pub problems: Vec<LayerProblem>,
}

/// Opens a project (any version), making paths absolute and listing missing layer files.
pub fn open_project(path: &Path) -> Result<OpenedProject, ProjectError> {
    let mut project = ProjectFile::read(path)?;
    project.make_paths_absolute(path);
    let missing = project.missing_layers();
    Ok(OpenedProject {
        path: path.to_path_buf(),
        project,
        missing,
    })
}

impl ProjectFile {
    /// Resolves every relative layer and palette path against `project_path`'s folder.
    pub fn make_paths_absolute(&mut self, project_path: &Path) {
        let absolute_project =
            std::path::absolute(project_path).unwrap_or_else(|_| project_path.to_path_buf());
        for layer in &mut self.layers {
            if layer.database.is_none() {
                layer.path = Self::resolve(&absolute_project, &layer.path);
            }
            if let Some(palette) = &mut layer.palette {
                palette.path = Self::resolve(&absolute_project, &palette.path);
            }
        }
    }

    /// The layers whose data files do not exist (paths as held, so call after
    /// [`make_paths_absolute`](Self::make_paths_absolute)).
    pub fn missing_layers(&self) -> Vec<MissingLayer> {
        let names = self.layer_names();
        self.layers
            .iter()
            .zip(names)
            .enumerate()
            .filter(|(_, (layer, _))| layer.database.is_none() && !source_exists(&layer.path))
            .map(|(index, (layer, name))| MissingLayer {
                index,
                name,
                path: layer.path.clone(),
            })
            .collect()
    }

    /// Points layer `index` at `new_path`, then relinks every other missing layer whose file (by its old
    /// file name) is in `new_path`'s folder. Returns the positions of those other layers.
    pub fn relink_layer(
        &mut self,
        index: usize,
        new_path: &Path,
    ) -> Result<Vec<usize>, RelinkError> {
        if !source_exists(new_path) {
            return Err(RelinkError::NotAFile(new_path.to_path_buf()));
        }
        let layer = self
            .layers
            .get_mut(index)
            .ok_or(RelinkError::NoSuchLayer(index))?;
        layer.path = new_path.to_path_buf();
        let folder = new_path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut relinked = Vec::new();
        for (other, layer) in self.layers.iter_mut().enumerate() {
            if other == index || source_exists(&layer.path) {
                continue;
            }
            let Some(file_name) = layer.path.file_name() else {
                continue;
            };
            let candidate = folder.join(file_name);
            if source_exists(&candidate) {
                layer.path = candidate;
                relinked.push(other);
            }
        }
        Ok(relinked)
    }
}

/// Loads every layer of a project whose paths were resolved against `project_path` (see [`open_project`]),
/// applying each entry's name, style, palette, visibility and opacity. Layers are read and prepared on one
/// thread each (PROJ objects are per thread) and returned in the project's drawing order. A missing or
/// unreadable layer is reported and skipped; the others are returned.
pub fn load_project_layers(project_path: &Path, project: &ProjectFile) -> ProjectLoad {
    let names = project.layer_names();
    let outcomes: Vec<Result<(Layer, Option<LayerProblem>), LayerProblem>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = project
                .layers
                .iter()
                .zip(names)
                .enumerate()
                .map(|(index, (entry, name))| {
                    scope.spawn(move || load_entry(project_path, index, entry, name))
                })
                .collect();
            handles
                .into_iter()
                .enumerate()
                .map(|(index, handle)| {
                    handle.join().unwrap_or_else(|_| {
                        Err(LayerProblem::Settings {
                            index,
                            message: "loading stopped unexpectedly".to_string(),
                        })
                    })
                })
                .collect()
        });
    let mut outcome = ProjectLoad::default();
    for (index, result) in outcomes.into_iter().enumerate() {
        match result {
            Ok((layer, problem)) => {
                outcome.layers.push((index, layer));
                outcome.problems.extend(problem);
            }
            Err(problem) => outcome.problems.push(problem),
        }
    }
    outcome
}

/// Loads one project layer; a palette that cannot be applied comes back beside the layer.
fn load_entry(
    project_path: &Path,
    index: usize,
    entry: &ProjectLayer,
    name: String,
) -> Result<(Layer, Option<LayerProblem>), LayerProblem> {
    if let Some(source) = &entry.database {
        let options = ReadOptions {
            view_box_in_map: entry.view_box.and_then(|found| view_box_in_map(&found)),
            crs_override: entry.crs,
            ..ReadOptions::default()
        };
        let opened = open_layer(
            source,
            &Passwords::default(),
            &options,
            &mut |_| ReadControl::Continue,
            &mut |_| {},
        )
        .map_err(|error| LayerProblem::Database {
            index,
            name: name.clone(),
            database: Box::new(source.clone()),
            error: Box::new(error),
        })?;
        let mut layer = opened.layer;
        layer.name = name;
        let problem = apply_layer_settings(&mut layer, project_path, entry)
            .err()
            .map(|message| LayerProblem::Settings { index, message });
        return Ok((layer, problem));
    }
    let file = ProjectFile::layer_path(project_path, entry);
    if !source_exists(&file) {
        return Err(LayerProblem::Missing(MissingLayer {
            index,
            name,
            path: file,
        }));
    }
    let options = LoadOptions {
        crs: entry.crs,
        table: entry.table.clone(),
        ..LoadOptions::default()
    };
    let data = read_layer_file_with(&file, &options, &mut |_| {})
        .map_err(|source| LayerProblem::Unreadable { index, source })?;
    let mut layer = Layer::prepare(data, &mut |_| {})
        .map_err(|source| LayerProblem::Unmappable { index, source })?;
    let problem = apply_layer_settings(&mut layer, project_path, entry)
        .err()
        .map(|message| LayerProblem::Settings { index, message });
    Ok((layer, problem))
}

/// The extent a project opens on: its home layer's, or every visible layer's when it names none (or the
/// named layer is not loaded).
pub fn home_extent(project: &ProjectFile, layers: &[Layer]) -> Option<Rect> {
    project
        .home_layer
        .as_ref()
        .and_then(|name| layers.iter().find(|layer| &layer.name == name))
        .and_then(|layer| layer.extent_in_map)
        .or_else(|| {
            layers
                .iter()
                .filter(|layer| layer.visible)
                .fold(None, |extent, layer| {
                    union_rect(extent, layer.extent_in_map)
                })
        })
}

/// Applies a project entry's name, table, group, style, palette, visibility and opacity to a freshly loaded
/// layer. A palette that cannot be read is reported; everything else is still applied.
pub fn apply_layer_settings(
    layer: &mut Layer,
    project_path: &Path,
    entry: &ProjectLayer,
) -> Result<(), String> {
    if let Some(name) = &entry.name {
        layer.name = name.clone();
    }
    layer.source_table = entry.table.clone();
    layer.group = entry.group.clone();
    if let Some(style) = &entry.style {
        layer.style = style.clone();
    }
    layer.visible = entry.visible;
    layer.opacity = entry.opacity.clamp(0.0, 1.0);
    if let Some(palette) = &entry.palette {
        let entries = read_palette(&ProjectFile::resolve(project_path, &palette.path))
            .map_err(|error| error.to_string())?;
        layer.style.categorized = Some(categorized_from_palette(&entries, &palette.field));
    }
    Ok(())
}

/// The project entry of an open layer (absolute path, table, group, name, style, visibility, opacity, and the
/// CRS when the user chose it), or `None` for a layer that has no file (it cannot be saved in a project).
pub fn project_layer_from(layer: &Layer) -> Option<ProjectLayer> {
    if let Some(database) = &layer.database {
        return Some(ProjectLayer {
            path: PathBuf::new(),
            database: Some(database.source.clone()),
            view_box: database.view_box,
            table: None,
            group: layer.group.clone(),
            name: (layer.name != database.source.table.name).then(|| layer.name.clone()),
            crs: (layer.crs_origin == CrsOrigin::User).then_some(layer.crs),
            visible: layer.visible,
            opacity: layer.opacity,
            style: Some(layer.style.clone()),
            palette: None,
        });
    }
    let path = layer.source_path.clone()?;
    let default_name = layer
        .source_table
        .clone()
        .unwrap_or_else(|| display_name(&path));
    let name = (layer.name != default_name).then(|| layer.name.clone());
    Some(ProjectLayer {
        path,
        database: None,
        view_box: None,
        table: layer.source_table.clone(),
        group: layer.group.clone(),
        name,
        crs: (layer.crs_origin == CrsOrigin::User).then_some(layer.crs),
        visible: layer.visible,
        opacity: layer.opacity,
        style: Some(layer.style.clone()),
        palette: None,
    })
}

/// The map-CRS rectangle of a saved view box (the inverse of what [`crate::core::postgis::read`] derived),
/// or `None` when its SRID cannot be used.
pub fn view_box_in_map(view_box: &ViewBox) -> Option<Rect> {
    let crs = crate::core::crs::Crs {
        epsg: u32::try_from(view_box.srid).ok()?,
    };
    let to_map = crate::core::crs::Reprojector::new(crs, crate::core::crs::MAP_CRS).ok()?;
    let [min_x, min_y, max_x, max_y] = view_box.bounds;
    let (a_x, a_y) = to_map.convert(min_x, min_y).ok()?;
    let (b_x, b_y) = to_map.convert(max_x, max_y).ok()?;
    Some(Rect::new(
        geo::Coord { x: a_x, y: a_y },
        geo::Coord { x: b_x, y: b_y },
    ))
}
