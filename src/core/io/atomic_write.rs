//! Atomic file writing: the bytes go to a temporary file in the same folder, are flushed and synced, and
//! the temporary file is renamed over the target — so a reader (or a crash) sees the old file or the new one,
//! never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = temporary_path(path);
    let outcome = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if outcome.is_err() {
        // The temporary file is ours; leaving it behind would only confuse the user.
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let folder = std::env::temp_dir().join(format!("hpatlas-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("temp folder");
        let target = folder.join("out.json");
        write_atomically(&target, b"first").expect("write");
        write_atomically(&target, b"second").expect("overwrite");
        assert_eq!(std::fs::read(&target).expect("read"), b"second");
        let leftovers = std::fs::read_dir(&folder).expect("list").count();
        assert_eq!(leftovers, 1);
        assert!(write_atomically(&folder.join("missing/out.json"), b"x").is_err());
        std::fs::remove_dir_all(&folder).expect("clean up");
    }
}
