//! Fuzz target: project files (`.hpatlas.json`) on arbitrary text. A project that parses must also give its
//! layer names and save back to text that parses again (`project_text` checks that itself and fails if not),
//! since the atlas saves every project it opened. Errors are fine; panics are not.
#![no_main]

use std::path::Path;

use hpatlas::core::project::ProjectFile;
use hpatlas::core::project_save::project_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/fuzz/du_an.hpatlas.json");
    let Ok(project) = ProjectFile::parse(text, path) else {
        return;
    };
    let _ = project.layer_names();
    if let Err(error) = project_text(path, &project) {
        panic!("a project that was read cannot be saved: {error}");
    }
});
