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
            // Opened for writing: on Windows, syncing (FlushFileBuffers) a read-only handle is "access
            // denied", which made every GeoPackage export fail there.
            OpenOptions::new()
                .write(true)
                .open(&temporary)?
                .sync_all()?;
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

/// Replaces several files as one change (a Shapefile's `.shp`, `.shx` and `.dbf`): each new content is written
/// to its own temporary file beside its target and synced; only when every one is complete are they renamed
/// over their targets, one after the other, and the folders synced. An error while writing removes the
/// temporary files and leaves every target as it was.
///
/// The renames are separate steps: a crash or power cut in the microseconds between two of them would leave
/// some targets new and some old. While renaming, each target's old content is kept under a second name (a
/// hard link, where the file system has them), so a rename that fails puts the earlier ones back; the extra
/// names are removed at the end. The error names the file that could not be written.
pub fn replace_files_together(files: &[(&Path, &[u8])]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut temporaries: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (target, bytes) in files {
        let temporary = temporary_path(target);
        let written = write_and_sync(&temporary, bytes);
        temporaries.push(temporary);
        if let Err(error) = written {
            remove_all(&temporaries);
            return Err((target.to_path_buf(), error));
        }
    }
    let backups: Vec<Option<PathBuf>> = files
        .iter()
        .map(|(target, _)| {
            let backup = temporary_path(target).with_extension("bak");
            std::fs::hard_link(target, &backup).ok().map(|()| backup)
        })
        .collect();
    let outcome = rename_all(files, &temporaries, &backups);
    remove_all(&temporaries);
    remove_all(&backups.into_iter().flatten().collect::<Vec<_>>());
    for (target, _) in files {
        sync_folder(target);
    }
    outcome
}

fn write_and_sync(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let mut writer = BufWriter::new(&file);
    writer.write_all(bytes)?;
    writer.flush()?;
    drop(writer);
    file.sync_all()
}

/// Renames each temporary file over its target; on a failure, puts the targets already replaced back from
/// their backups.
fn rename_all(
    files: &[(&Path, &[u8])],
    temporaries: &[PathBuf],
    backups: &[Option<PathBuf>],
) -> Result<(), (PathBuf, std::io::Error)> {
    for (done, ((target, _), temporary)) in files.iter().zip(temporaries).enumerate() {
        if let Err(error) = std::fs::rename(temporary, target) {
            for ((earlier, _), backup) in files.iter().zip(backups).take(done) {
                if let Some(backup) = backup {
                    let _ = std::fs::rename(backup, earlier);
                }
            }
            return Err((target.to_path_buf(), error));
        }
    }
    Ok(())
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
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
    fn files_replaced_together_are_all_new_or_all_old() {
        let folder =
            std::env::temp_dir().join(format!("hpatlas-atomic-group-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("temp folder");
        let (a, b) = (folder.join("a.shp"), folder.join("a.dbf"));
        std::fs::write(&a, b"old a").expect("a");
        std::fs::write(&b, b"old b").expect("b");
        replace_files_together(&[(&a, b"new a"), (&b, b"new b")]).expect("replaced");
        assert_eq!(std::fs::read(&a).expect("a"), b"new a");
        assert_eq!(std::fs::read(&b).expect("b"), b"new b");
        let missing = folder.join("missing/a.shx");
        let (failed, _) = replace_files_together(&[(&a, b"newer a"), (&missing, b"x")])
            .expect_err("a folder that does not exist");
        assert_eq!(failed, missing);
        assert_eq!(std::fs::read(&a).expect("a"), b"new a", "left as it was");
        let leftovers = std::fs::read_dir(&folder).expect("list").count();
        assert_eq!(leftovers, 2, "no temporary or backup file is left");
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
