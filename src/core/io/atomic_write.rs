//! Atomic file writing: the bytes go to a temporary file in the same folder, are flushed and synced, and
//! the temporary file is renamed over the target, then the folder itself is synced — so a reader, a crash or
//! a killed process sees the old file or the new one, never half of one, and after a power cut the rename is
//! not lost either.
//!
//! Each write uses its own temporary name (`.<name>.<process id>.<counter>.tmp`), so two threads of one
//! process (a save and an autosave) never write into the same temporary file. A process killed mid-write can
//! leave its temporary file behind; [`stale_temporaries`] lists such leftovers for a target and
//! [`write_atomically`] removes those left by processes that no longer run (Linux; elsewhere they are kept).

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static WRITE_COUNTER: AtomicU64 = AtomicU64::new(0);

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
        sync_folder(path);
        Ok(())
    })();
    if outcome.is_err() {
        // The temporary file is ours; leaving it behind would only confuse the user.
        let _ = std::fs::remove_file(&temporary);
    } else {
        remove_dead_temporaries(path);
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
    let outcome = build(&temporary).and_then(|()| {
        let finish = || -> std::io::Result<()> {
            File::open(&temporary)?.sync_all()?;
            std::fs::rename(&temporary, path)?;
            sync_folder(path);
            Ok(())
        };
        finish().map_err(&io_error)
    });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}

/// Temporary files of `path` left in its folder by writes that did not finish.
pub fn stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let entry_name = entry.file_name().to_string_lossy().into_owned();
            entry_name.starts_with(&prefix) && entry_name.ends_with(".tmp")
        })
        .map(|entry| entry.path())
        .collect()
}

/// Removes temporary files of `path` whose writing process has ended (Linux only: it needs `/proc`).
fn remove_dead_temporaries(path: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    for temporary in stale_temporaries(path) {
        let writer = writer_process(&temporary);
        let alive = writer.is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if writer.is_some() && !alive {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// The process id written in a temporary file's name (`.<name>.<pid>.<counter>.tmp`).
fn writer_process(temporary: &Path) -> Option<u32> {
    let name = temporary.file_name()?.to_str()?;
    let mut parts = name.strip_suffix(".tmp")?.rsplit('.');
    let _counter: u64 = parts.next()?.parse().ok()?;
    parts.next()?.parse().ok()
}

/// Makes a rename durable by syncing the folder that holds `path` (a no-op where folders cannot be opened).
fn sync_folder(path: &Path) {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let counter = WRITE_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{counter}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let folder = std::env::temp_dir().join(format!("hpatlas-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("temp folder");
        let target = folder.join("out.json");
        write_bytes_atomically(&target, b"first").expect("write");
        write_bytes_atomically(&target, b"second").expect("overwrite");
        assert_eq!(std::fs::read(&target).expect("read"), b"second");
        let leftovers = std::fs::read_dir(&folder).expect("list").count();
        assert_eq!(leftovers, 1);
        assert!(write_bytes_atomically(&folder.join("missing/out.json"), b"x").is_err());
        std::fs::remove_dir_all(&folder).expect("clean up");
    }

    #[test]
    fn leftovers_of_ended_processes_are_removed() {
        let folder =
            std::env::temp_dir().join(format!("hpatlas-atomic-stale-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("temp folder");
        let target = folder.join("p.hpatlas.json");
        // Process ids are below 2^22 on Linux, so this writer cannot be running.
        let dead = folder.join(".p.hpatlas.json.4294967290.3.tmp");
        let alive = folder.join(format!(".p.hpatlas.json.{}.999999.tmp", std::process::id()));
        std::fs::write(&dead, b"half").expect("leftover");
        std::fs::write(&alive, b"in progress").expect("in progress");
        assert_eq!(stale_temporaries(&target).len(), 2);
        write_bytes_atomically(&target, b"saved").expect("write");
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(alive.exists(), "a running writer's file is kept");
        std::fs::remove_dir_all(&folder).expect("clean up");
    }
}
