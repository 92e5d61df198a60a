//! Loading a project synchronously: every layer file read and prepared (on one thread per layer — PROJ
//! objects are per thread), then the project's name, style, palette, visibility and opacity applied, in the
//! project's drawing order. A layer that cannot be loaded does not stop the others: it becomes a warning,
//! as in the window, which loads the same way in the background.

use std::path::Path;

use geo::Rect;

use super::geometry::union_rect;
use super::io::read_layer_file;
use super::layer::{Layer, LayerId};
use super::palette::{PaletteError, categorized_from_palette, read_palette};
use super::project::{ProjectError, ProjectFile, ProjectLayer};

/// A project and the layers that could be loaded.
#[derive(Debug)]
pub struct LoadedProject {
    /// The project file's content.
    pub project: ProjectFile,
    /// The loaded layers in drawing order (bottom first), with ids 1, 2, … in that order.
    pub layers: Vec<Layer>,
    /// One message per layer that could not be loaded or styled (file and reason).
    pub warnings: Vec<String>,
}

/// Reads the project at `path` and loads its layers.
pub fn load_project_layers(path: &Path) -> Result<LoadedProject, ProjectError> {
    let project = ProjectFile::read(path)?;
    let outcomes: Vec<Result<Layer, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = project
            .layers
            .iter()
            .map(|entry| scope.spawn(move || load_entry(path, entry)))
            .collect();
        handles
            .into_iter()
            .zip(&project.layers)
            .map(|(handle, entry)| {
                handle.join().unwrap_or_else(|_| {
                    Err(format!(
                        "{}: loading stopped unexpectedly",
                        ProjectFile::layer_path(path, entry).display()
                    ))
                })
            })
            .collect()
    });
    let mut layers = Vec::new();
    let mut warnings = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(mut layer) => {
                layer.id = LayerId(layers.len() as u64 + 1);
                layers.push(layer);
            }
            Err(message) => warnings.push(message),
        }
    }
    Ok(LoadedProject {
        project,
        layers,
        warnings,
    })
}

/// Loads one project layer; a palette that cannot be read leaves the layer with its own style and is
/// reported in the error text only when the layer itself failed.
fn load_entry(project_path: &Path, entry: &ProjectLayer) -> Result<Layer, String> {
    let file = ProjectFile::layer_path(project_path, entry);
    let data = read_layer_file(&file, entry.crs, &mut |_| {}).map_err(|error| error.to_string())?;
    let mut layer = Layer::prepare(data, &mut |_| {})
        .map_err(|error| format!("{}: {error}", file.display()))?;
    apply_project_settings(&mut layer, project_path, entry)
        .map_err(|error| format!("{}: {error}", file.display()))?;
    Ok(layer)
}

/// Applies a project entry's name, style, palette, visibility and opacity to a freshly loaded layer.
pub fn apply_project_settings(
    layer: &mut Layer,
    project_path: &Path,
    entry: &ProjectLayer,
) -> Result<(), PaletteError> {
    if let Some(name) = &entry.name {
        layer.name = name.clone();
    }
    if let Some(style) = &entry.style {
        layer.style = style.clone();
    }
    layer.visible = entry.visible;
    layer.opacity = entry.opacity.clamp(0.0, 1.0);
    if let Some(palette) = &entry.palette {
        let entries = read_palette(&ProjectFile::resolve(project_path, &palette.path))?;
        layer.style.categorized = Some(categorized_from_palette(&entries, &palette.field));
    }
    Ok(())
}

/// The extent the project opens on: its home layer's, or every visible layer's when it names none (or the
/// named layer is missing).
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
