//! Where the shipped files live (the Hai Phong project `maps/haiphong.hpatlas.json`, the palettes in
//! `assets/`): next to the working directory, next to the executable (or one of its parent folders, as in
//! `target/release/`), or in the source tree it was built from. The Windows package has no source tree (a
//! Windows build made by cross-compiling names a Linux folder there), so on Windows only the first two count:
//! the unzipped package keeps `maps/` and `assets/` beside `hpatlas.exe`.

use std::path::{Path, PathBuf};

/// The default project's file name inside `maps/`.
pub const DEFAULT_PROJECT_FILE: &str = "haiphong.hpatlas.json";

/// The shipped default project, if it can be found.
pub fn default_project_path() -> Option<PathBuf> {
    find_shipped_file(&Path::new("maps").join(DEFAULT_PROJECT_FILE))
}

/// A file shipped with the atlas (`maps/…`, `assets/…`), looked for next to the working directory, next to
/// the executable and its parent folders, and (not on Windows) in the source tree the atlas was built from.
pub fn find_shipped_file(relative: &Path) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(current) = std::env::current_dir() {
        candidates.push(current.join(relative));
    }
    if let Ok(executable) = std::env::current_exe() {
        candidates.extend(
            executable
                .ancestors()
                .skip(1)
                .take(4)
                .map(|folder| folder.join(relative)),
        );
    }
    if !cfg!(windows) {
        candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative));
    }
    candidates.into_iter().find(|candidate| candidate.is_file())
}

/// True for file names the atlas opens as a project rather than a data layer.
pub fn is_project_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.to_ascii_lowercase().ends_with(".hpatlas.json"))
}
