//! Connection service files, read as libpq reads them: the user's file (`PGSERVICEFILE`, else
//! `~/.pg_service.conf`) first, then the system's (`PGSYSCONFDIR/pg_service.conf`). A file is INI-like:
//! `[name]` starts a service, `keyword=value` lines follow, `#` starts a comment line, blank lines are
//! skipped. The first file that defines the service wins, and within it the first section of that name.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::environment::Environment;

/// A service file could not be used.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ServiceFileError {
    /// The file exists but could not be read.
    #[error("service file {}: {reason}", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: String,
    },
    /// A line of the service's section is not `keyword=value`.
    #[error("service file {}, line {line}: expected keyword=value", .path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
    },
    /// The section names another service, which libpq does not allow.
    #[error("service file {}, line {line}: a service cannot name another service", .path.display())]
    NestedService {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
    },
}

/// The service files to search, in libpq's order (files that do not exist are skipped when read).
pub fn service_files(environment: &Environment) -> Vec<PathBuf> {
    let mut files = Vec::new();
    match environment.variable("PGSERVICEFILE") {
        Some(file) => files.push(PathBuf::from(file)),
        None => files.extend(environment.in_home(".pg_service.conf")),
    }
    if let Some(folder) = environment.sysconfdir() {
        files.push(folder.join("pg_service.conf"));
    }
    files
}

/// The keywords of service `name` from the first file that defines it, `Ok(None)` when none does.
pub fn find_service(
    environment: &Environment,
    name: &str,
) -> Result<Option<Vec<(String, String)>>, ServiceFileError> {
    for path in service_files(environment) {
        let Some(text) = read_if_present(&path)? else {
            continue;
        };
        if let Some(keywords) = parse_service(&text, name, &path)? {
            return Ok(Some(keywords));
        }
    }
    Ok(None)
}

/// The names of every service in the service files, sorted, each once (for the app's "choose a service"
/// list). Files that are missing or unreadable contribute nothing.
pub fn list_services(environment: &Environment) -> Vec<String> {
    let mut names: Vec<String> = service_files(environment)
        .iter()
        .filter_map(|path| read_if_present(path).ok().flatten())
        .flat_map(|text| section_names(&text))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The `[name]` sections of a service file, in order.
pub fn section_names(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| section_name(line.trim()))
        .map(str::to_string)
        .collect()
}

/// The keywords of section `name` in a service file's `text`, `Ok(None)` when it has no such section.
pub fn parse_service(
    text: &str,
    name: &str,
    path: &Path,
) -> Result<Option<Vec<(String, String)>>, ServiceFileError> {
    let mut found: Option<Vec<(String, String)>> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            if found.is_some() {
                break;
            }
            if section_name(line) == Some(name) {
                found = Some(Vec::new());
            }
            continue;
        }
        let Some(keywords) = found.as_mut() else {
            continue;
        };
        let line_number = index + 1;
        let Some((keyword, value)) = line.split_once('=') else {
            return Err(ServiceFileError::Syntax {
                path: path.to_path_buf(),
                line: line_number,
            });
        };
        let keyword = keyword.trim().to_ascii_lowercase();
        if keyword.is_empty() {
            return Err(ServiceFileError::Syntax {
                path: path.to_path_buf(),
                line: line_number,
            });
        }
        if keyword == "service" {
            return Err(ServiceFileError::NestedService {
                path: path.to_path_buf(),
                line: line_number,
            });
        }
        // libpq keeps the first value of a keyword within a section.
        if !keywords.iter().any(|(known, _)| *known == keyword) {
            keywords.push((keyword, value.trim().to_string()));
        }
    }
    Ok(found)
}

/// `name` for a line `[name]`.
fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']').map(str::trim)
}

/// The file's text, `None` when it does not exist.
fn read_if_present(path: &Path) -> Result<Option<String>, ServiceFileError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(ServiceFileError::Unreadable {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }),
    }
}
