//! Writing a file so that readers see either the old file or the complete new one, never a half-written file:
//! the content goes to a temporary file in the same directory, is flushed and synced to disk, then renamed over
//! the destination (a rename within one directory is atomic). On any error the temporary file is removed.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `path` atomically; `fill` writes the content into the temporary file it is given.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<&File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temporary = temporary_path(path);
    let outcome = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        let mut writer = BufWriter::new(&file);
        fill(&mut writer)?;
        writer.flush()?;
        drop(writer);
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        sync_directory(path);
        Ok(())
    })();
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(path, |writer| writer.write_all(bytes))
}

/// Runs `build` on a temporary path in the destination's directory (for writers that need a path, such as
/// SQLite), syncs the result and renames it over `path`; the temporary file is removed on error.
pub fn write_atomically_via_path<E>(
    path: &Path,
    build: impl FnOnce(&Path) -> Result<(), E>,
    io_error: impl Fn(std::io::Error) -> E,
) -> Result<(), E> {
    let temporary = temporary_path(path);
    let _ = std::fs::remove_file(&temporary);
    let outcome = build(&temporary).and_then(|()| {
        let finish = || -> std::io::Result<()> {
            File::open(&temporary)?.sync_all()?;
            std::fs::rename(&temporary, path)?;
            sync_directory(path);
            Ok(())
        };
        finish().map_err(&io_error)
    });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}

/// A hidden sibling of `path` named after it and this process.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Makes the rename durable where the platform allows syncing a directory (best effort).
fn sync_directory(path: &Path) {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if let Ok(handle) = File::open(directory) {
        let _ = handle.sync_all();
    }
}
