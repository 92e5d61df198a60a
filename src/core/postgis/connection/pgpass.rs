//! The password file, read as libpq reads it: `PGPASSFILE` (or the `passfile` keyword), else `~/.pgpass`;
//! one `host:port:database:user:password` entry a line, `*` matching anything in the first four fields,
//! `\:` and `\\` escaping a colon and a backslash, `#` starting a comment line; the first matching line
//! wins. A host of `localhost` also matches a Unix-socket connection to the default socket folder. A file
//! that the group or others may read is ignored with a warning, as libpq ignores it.

use std::path::{Path, PathBuf};

use crate::core::db_source::Secret;

/// The Unix-socket folder libpq uses when no host is given (Debian's build).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// What a connection is for, as the password file's fields match it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordQuery<'a> {
    /// The host name, address, or Unix-socket folder.
    pub host: &'a str,
    /// The port, as text.
    pub port: &'a str,
    /// The database.
    pub database: &'a str,
    /// The user.
    pub user: &'a str,
}

/// The outcome of looking in a password file.
#[derive(Clone, Debug, Default)]
pub struct PasswordFileLookup {
    /// The password of the first matching line, if any.
    pub password: Option<Secret>,
    /// Why the file was not used, when it was not (for [`super::Connection::warnings`]).
    pub warning: Option<String>,
}

/// Looks `query` up in the password file at `path` (nothing when it does not exist).
pub fn look_up(path: &Path, query: &PasswordQuery<'_>) -> PasswordFileLookup {
    let Ok(metadata) = std::fs::metadata(path) else {
        return PasswordFileLookup::default();
    };
    if !metadata.is_file() {
        return PasswordFileLookup {
            password: None,
            warning: Some(format!(
                "password file {} is not a plain file; it was not used",
                path.display()
            )),
        };
    }
    if let Some(warning) = permission_warning(path, &metadata) {
        return PasswordFileLookup {
            password: None,
            warning: Some(warning),
        };
    }
    match std::fs::read(path) {
        Ok(bytes) => PasswordFileLookup {
            password: find_password(&String::from_utf8_lossy(&bytes), query),
            warning: None,
        },
        Err(error) => PasswordFileLookup {
            password: None,
            warning: Some(format!(
                "password file {} could not be read ({error}); it was not used",
                path.display()
            )),
        },
    }
}

/// The password file to use: the `passfile` keyword's, else `PGPASSFILE`, else `~/.pgpass`.
pub fn password_file(explicit: Option<&str>, home: Option<&Path>) -> Option<PathBuf> {
    explicit
        .map(PathBuf::from)
        .or_else(|| home.map(|home| home.join(".pgpass")))
}

/// The password of the first line of a password file's `text` that matches `query`.
pub fn find_password(text: &str, query: &PasswordQuery<'_>) -> Option<Secret> {
    // libpq: `localhost` in the file matches no host or the default socket folder.
    let host = if query.host.is_empty() || query.host == DEFAULT_SOCKET_DIR {
        "localhost"
    } else {
        query.host
    };
    let wanted = [host, query.port, query.database, query.user];
    text.lines().find_map(|raw| {
        let line = raw.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let fields = split_fields(line);
        let (patterns, password) = match fields.as_slice() {
            [host, port, database, user, password, ..] => ([host, port, database, user], password),
            _ => return None,
        };
        let matches = patterns
            .iter()
            .zip(wanted)
            .all(|(pattern, value)| pattern.wildcard || pattern.text == value);
        matches.then(|| Secret::new(password.text.clone()))
    })
}

/// One field of a password file line, escapes undone.
struct Field {
    /// The text.
    text: String,
    /// True when the field was a bare `*` (an escaped `\*` is a literal star).
    wildcard: bool,
}

/// Splits a line at unescaped colons, undoing `\` escapes (the password is the fifth field: libpq stops it
/// at the next unescaped colon).
fn split_fields(line: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut escaped_any = false;
    let mut chars = line.chars();
    let finish = |text: String, escaped: bool| Field {
        wildcard: !escaped && text == "*",
        text,
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                escaped_any = true;
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ':' => {
                fields.push(finish(std::mem::take(&mut current), escaped_any));
                escaped_any = false;
            }
            c => current.push(c),
        }
    }
    fields.push(finish(current, escaped_any));
    fields
}

/// libpq's rule: the file must not be readable or writable by the group or others (mode 0600 or less).
#[cfg(unix)]
fn permission_warning(path: &Path, metadata: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "password file {} has group or world access (mode {:04o}); it was not used — permissions should be u=rw (0600) or less (chmod 600)",
            path.display(),
            mode & 0o7777
        )
    })
}

/// Off Unix there are no mode bits to check (libpq does not check them either).
#[cfg(not(unix))]
fn permission_warning(_path: &Path, _metadata: &std::fs::Metadata) -> Option<String> {
    None
}
