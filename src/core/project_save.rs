//! Writing project files: [`save_project`] writes the newest version, with every layer and palette path made
//! relative to the project file's folder (paths on another drive stay absolute), checks that the text reads
//! back as a valid project, and replaces the old file atomically (temporary file, flush, sync, rename) — a
//! crash or a killed process leaves the previous save intact.

use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use super::io::atomic_write::write_bytes_atomically;
use super::project::{PROJECT_FORMAT, PROJECT_VERSION, ProjectFile};

/// A project could not be saved; the file on disk is unchanged.
#[derive(Debug, Error)]
pub enum ProjectSaveError {
    /// The file could not be written.
    #[error("{}: cannot save the project: {source}", path.display())]
    Io {
        /// The project file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The project holds values that cannot be written and read back (e.g. a non-finite number).
    #[error("{}: cannot save the project: {message}", path.display())]
    Invalid {
        /// The project file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// Saves `project` to `path` atomically (see the module documentation). Relative paths in `project` are
/// taken as already relative to `path`'s folder; absolute ones are made relative to it.
pub fn save_project(path: &Path, project: &ProjectFile) -> Result<(), ProjectSaveError> {
    let text = project_text(path, project)?;
    write_bytes_atomically(path, text.as_bytes()).map_err(|source| ProjectSaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The text [`save_project`] writes for `project` at `path`, checked to read back.
pub fn project_text(path: &Path, project: &ProjectFile) -> Result<String, ProjectSaveError> {
    let prepared = relative_project(path, project);
    let invalid = |message: String| ProjectSaveError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let mut text =
        serde_json::to_string_pretty(&prepared).map_err(|error| invalid(error.to_string()))?;
    text.push('\n');
    // serde_json writes a NaN as null, which would not read back: check before replacing anything.
    ProjectFile::parse(&text, path).map_err(|error| invalid(error.to_string()))?;
    Ok(text)
}

/// A copy of `project` as it is written at `path`: newest format and version, paths relative to the folder.
pub fn relative_project(path: &Path, project: &ProjectFile) -> ProjectFile {
    let folder = absolute_folder_of(path);
    let mut prepared = project.clone();
    prepared.format = PROJECT_FORMAT.to_string();
    prepared.version = PROJECT_VERSION;
    for layer in &mut prepared.layers {
        if layer.database.is_none() {
            layer.path = relative_path(&layer.path, &folder);
        }
        if let Some(palette) = &mut layer.palette {
            palette.path = relative_path(&palette.path, &folder);
        }
    }
    prepared
}

/// The absolute, lexically normalised folder holding `file`.
pub fn absolute_folder_of(file: &Path) -> PathBuf {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let folder = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
    normalize(&folder)
}

/// `target` relative to `folder`, written with `/`, when `target` is absolute and on the same root;
/// otherwise `target` unchanged.
pub fn relative_path(target: &Path, folder: &Path) -> PathBuf {
    if target.is_relative() {
        return target.to_path_buf();
    }
    let (target, folder) = (normalize(target), normalize(folder));
    let target_parts: Vec<Component> = target.components().collect();
    let folder_parts: Vec<Component> = folder.components().collect();
    if target_parts.first() != folder_parts.first() {
        return target;
    }
    let common = target_parts
        .iter()
        .zip(&folder_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = folder_parts.len().saturating_sub(common);
    let mut pieces: Vec<String> = vec!["..".to_string(); ups];
    pieces.extend(
        target_parts
            .iter()
            .skip(common)
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    if pieces.is_empty() {
        return PathBuf::from(".");
    }
    PathBuf::from(pieces.join("/"))
}

/// Removes `.` and resolves `..` lexically (without following links).
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(part),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_project_folder() {
        let folder = Path::new("/data/du_an");
        assert_eq!(
            relative_path(Path::new("/data/du_an/lop/a.geojson"), folder),
            Path::new("lop/a.geojson")
        );
        assert_eq!(
            relative_path(Path::new("/data/chung/b.gpx"), folder),
            Path::new("../chung/b.gpx")
        );
        assert_eq!(
            relative_path(Path::new("/data/du_an/./x/../c.json"), folder),
            Path::new("c.json")
        );
        assert_eq!(
            relative_path(Path::new("rel/d.json"), folder),
            Path::new("rel/d.json")
        );
    }

    #[test]
    fn a_project_that_would_not_read_back_is_not_written() {
        let folder = std::env::temp_dir().join(format!("hpatlas-save-nan-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join("p.hpatlas.json");
        let mut project = ProjectFile::new("Thử");
        save_project(&path, &project).expect("first save");
        project.camera = Some(crate::core::project::Camera {
            center_in_map: [f64::NAN, 0.0],
            m_per_px: 1.0,
        });
        let error = save_project(&path, &project).expect_err("NaN refused");
        assert!(error.to_string().contains("p.hpatlas.json"), "{error}");
        let kept = ProjectFile::read(&path).expect("the first save is intact");
        assert_eq!(kept.title, "Thử");
        std::fs::remove_dir_all(&folder).expect("clean up");
    }
}
