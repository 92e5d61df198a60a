//! Which files on disk make up a layer's source, told by name alone: a Shapefile is its `.shp` with the `.shx`
//! and `.dbf` beside it (found in either letter case), a GeoPackage is its file and its write-ahead log, any
//! other format is one file. Readers, writers and the record of what a source holds
//! ([`crate::core::source_state`]) share these rules.

use std::path::{Path, PathBuf};

/// The file's extension in lower case ("" when none).
pub fn lower_extension(path: &Path) -> String {
    path.extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// The companion file of `path` with `extension` (either case), if present.
pub fn companion(path: &Path, extension: &str) -> Option<PathBuf> {
    [
        extension.to_ascii_lowercase(),
        extension.to_ascii_uppercase(),
    ]
    .into_iter()
    .map(|candidate| path.with_extension(candidate))
    .find(|candidate| candidate.is_file())
}

/// The files that make up the layer at `path`: a Shapefile's `.shp`, `.shx` and `.dbf` (the lower-case name
/// when a companion is missing); a GeoPackage and its write-ahead log; otherwise the file itself.
pub fn source_files(path: &Path) -> Vec<PathBuf> {
    match lower_extension(path).as_str() {
        "shp" => std::iter::once(path.to_path_buf())
            .chain(["shx", "dbf"].into_iter().map(|extension| {
                companion(path, extension).unwrap_or_else(|| path.with_extension(extension))
            }))
            .collect(),
        "gpkg" => {
            let mut wal = path.as_os_str().to_os_string();
            wal.push("-wal");
            vec![path.to_path_buf(), PathBuf::from(wal)]
        }
        _ => vec![path.to_path_buf()],
    }
}
