//! The one error type for the atlas's own small files (palettes, project files, the recent list, review
//! files, photos): a file that could not be read or written, or JSON that does not parse into what was
//! expected. Each message names the file; syntax errors add the line and column serde_json reports.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use super::io::atomic_write::write_bytes_atomically;

/// A file could not be read or written, or its JSON is not what was expected.
#[derive(Debug, Error)]
pub enum FileError {
    /// The operating system refused to read or write the file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid JSON or not shaped as expected.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// One-based line.
        line: usize,
        /// One-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
}

impl FileError {
    /// An OS error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A JSON error in the text of `path` (serde_json's own " at line … column …" suffix is left out: the
    /// message carries them already).
    pub fn syntax(path: &Path, error: &serde_json::Error) -> Self {
        let message = error.to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message.get(..cut).unwrap_or(&message).to_string(),
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

/// Reads a whole text file.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(|source| FileError::io(path, source))
}

/// Parses JSON text read from `path` (named in the error).
pub fn parse_json<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, FileError> {
    serde_json::from_str(text).map_err(|error| FileError::syntax(path, &error))
}

/// Reads and parses a JSON file.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, FileError> {
    parse_json(&read_text(path)?, path)
}

/// Reads and parses a JSON file; a file that does not exist gives the default value.
pub fn read_json_or_default<T: DeserializeOwned + Default>(path: &Path) -> Result<T, FileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_json(&text, path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(source) => Err(FileError::io(path, source)),
    }
}

/// Writes `value` as pretty-printed JSON with a final newline, atomically, creating the folder.
pub fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> Result<(), FileError> {
    let io_error = |source| FileError::io(path, source);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| FileError::io(path, std::io::Error::other(error)))?;
    text.push('\n');
    write_bytes_atomically(path, text.as_bytes()).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_file_line_and_column() {
        let error = parse_json::<Vec<u32>>("[1,\n 2,\n x]", Path::new("list.json"))
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("list.json: line 3, column 2: expected value")
        );
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let missing = Path::new("/nonexistent/atlas/palette.json");
        match read_json::<Vec<u32>>(missing) {
            Err(FileError::Io { path, .. }) => assert_eq!(path, missing),
            other => panic!("expected an I/O error, got {other:?}"),
        }
    }
}
