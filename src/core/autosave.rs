//! Autosave and crash recovery. While a project is open the app calls [`write_autosave`] every few minutes;
//! it writes the project, atomically, to a hidden side file next to it ([`autosave_path`]:
//! `.<name>.autosave`), never touching the project file itself. At the next start [`find_recovery`] reports
//! an autosave that is newer than the project (the atlas was closed without saving, or crashed) so the app
//! can offer to recover it; after the planner saves, recovers or declines, [`discard_autosave`] removes it.
//!
//! On Linux and other Unix systems the side file lives in the project's folder. On Windows it goes to
//! `%LOCALAPPDATA%\hpatlas\autosave` ([`crate::core::user_dirs::autosave_dir`]), named after the project and a
//! hash of its full path, because a project folder there is often read-only and a dot file is not hidden.
//! Either way the autosave's layer paths are written relative to the autosave's own folder (or absolute) and
//! read back against it.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::project::{ProjectError, ProjectFile};
use super::project_save::{ProjectSaveError, save_project};

/// How often the app should autosave an open project with unsaved changes.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(180);

/// An autosave newer than its project.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The autosave side file.
    pub autosave_path: PathBuf,
    /// When it was written.
    pub saved_at: SystemTime,
    /// Its content, with layer and palette paths made absolute (like [`crate::core::project_links::open_project`]).
    pub project: ProjectFile,
}

/// The autosave side file of a project on this machine: see [`autosave_path_in`] with this platform's
/// autosave folder ([`crate::core::user_dirs::autosave_dir`]).
pub fn autosave_path(project_path: &Path) -> PathBuf {
    let absolute = std::path::absolute(project_path).unwrap_or_else(|_| project_path.to_path_buf());
    autosave_path_in(&absolute, super::user_dirs::autosave_dir().as_deref())
}

/// The autosave side file of `project_path`: `.<file name>.autosave` in the same folder when
/// `autosave_folder` is `None`; else `<file name>-<hash>.autosave` in that folder, the hash (FNV-1a, 64
/// bits, of the path as given) telling apart projects of the same name in different folders.
pub fn autosave_path_in(project_path: &Path, autosave_folder: Option<&Path>) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project.hpatlas.json".into());
    match autosave_folder {
        None => project_path.with_file_name(format!(".{name}.autosave")),
        Some(folder) => {
            let path_hash = fnv1a_64(project_path.to_string_lossy().as_bytes());
            folder.join(format!("{name}-{path_hash:016x}.autosave"))
        }
    }
}

/// Writes `project` (whose relative paths are relative to `project_path`'s folder) to the autosave side
/// file of `project_path`, atomically like a save, creating the autosave folder when needed.
pub fn write_autosave(project_path: &Path, project: &ProjectFile) -> Result<(), ProjectSaveError> {
    let mut anchored = project.clone();
    anchored.make_paths_absolute(project_path);
    save_project(&autosave_path(project_path), &anchored)
}

/// The autosave of `project_path` when it is newer than the project file (or the project file is gone) and
/// reads as a project. An autosave that does not read is reported as an error rather than offered.
pub fn find_recovery(project_path: &Path) -> Result<Option<Recovery>, ProjectError> {
    let side = autosave_path(project_path);
    let Some(saved_at) = modified(&side) else {
        return Ok(None);
    };
    if modified(project_path).is_some_and(|project_saved| project_saved >= saved_at) {
        return Ok(None);
    }
    let mut project = ProjectFile::read(&side)?;
    project.make_paths_absolute(&side);
    Ok(Some(Recovery {
        autosave_path: side,
        saved_at,
        project,
    }))
}

/// Removes the autosave side file of `project_path` (nothing to do when there is none).
pub fn discard_autosave(project_path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(autosave_path(project_path)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// FNV-1a (64 bits): a small hash that stays the same across builds and platforms.
fn fnv1a_64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_autosave_folder_the_side_file_is_a_dot_file_beside_the_project() {
        let project = Path::new("/data/quy hoạch/Hải Phòng.hpatlas.json");
        assert_eq!(
            autosave_path_in(project, None),
            PathBuf::from("/data/quy hoạch/.Hải Phòng.hpatlas.json.autosave")
        );
    }

    #[test]
    fn in_an_autosave_folder_same_named_projects_of_different_folders_differ() {
        let folder = Path::new("/local/hpatlas/autosave");
        let first = autosave_path_in(Path::new("/a/du-an.hpatlas.json"), Some(folder));
        let second = autosave_path_in(Path::new("/b/du-an.hpatlas.json"), Some(folder));
        assert_eq!(first.parent(), Some(folder));
        assert_ne!(first, second);
        let name = first
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        assert!(name.starts_with("du-an.hpatlas.json-"), "{name}");
        assert!(name.ends_with(".autosave"), "{name}");
        // Stable: the same project always maps to the same file.
        assert_eq!(
            first,
            autosave_path_in(Path::new("/a/du-an.hpatlas.json"), Some(folder))
        );
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
