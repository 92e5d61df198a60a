//! `hpatlas project FILE`: opens a project without a window as a session (every layer loaded) and prints a
//! JSON summary (layers, features, missing files, views, slides, pins); exits non-zero when a layer is
//! missing or unreadable. With `--title` it changes the project through the session's edits and with
//! `--save-as` saves the result — the same code the window uses, so scripts can build and edit projects.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use hpatlas::core::session::{Edit, Session};

use super::output::println_stdout;

/// What `hpatlas project` reads, changes and writes.
#[derive(Args, Debug)]
pub struct ProjectArgs {
    /// The project file (.hpatlas.json).
    pub file: PathBuf,
    /// Give the project this title (an edit of the session).
    #[arg(long)]
    pub title: Option<String>,
    /// Save the (edited) project to this file, atomically; layer paths are written relative to it.
    #[arg(long)]
    pub save_as: Option<PathBuf>,
}

/// Opens a project, applies the edits asked for, saves it when asked and prints what it holds; fails when
/// any layer has a problem (after saving, so nothing asked for is lost).
pub fn project_summary(args: &ProjectArgs) -> Result<()> {
    let file = &args.file;
    let opened = Session::open(file)?;
    let mut session = opened.session;
    if let Some(title) = &args.title {
        session.edit(Edit::SetTitle(title.clone()))?;
    }
    let edits = session.undo_len();
    if let Some(target) = &args.save_as {
        let left_out = session.save(target)?;
        if !left_out.is_empty() {
            eprintln!(
                "hpatlas: {}: layers without a file were left out: {}",
                target.display(),
                left_out.join(", ")
            );
        }
    }
    let project = &opened.opened.project;
    let problems: Vec<String> = opened.problems.iter().map(ToString::to_string).collect();
    let summary = serde_json::json!({
        "title": session.title(),
        "version": project.version,
        "language": session.language(),
        "layers": project.layers.len(),
        "loaded_layers": session.layers().len(),
        "features": session.layers().iter().map(|layer| layer.features.len()).sum::<usize>(),
        "missing": opened.opened.missing.iter().map(|layer| layer.path.display().to_string()).collect::<Vec<_>>(),
        "problems": problems,
        "views": session.views().len(),
        "slides": session.slides().len(),
        "pins": session.pins().len(),
        "edits": edits,
        "saved_as": args.save_as.as_ref().map(|path| path.display().to_string()),
    });
    println_stdout(&serde_json::to_string_pretty(&summary)?)?;
    match problems.first() {
        Some(first) => bail!(
            "{}: {} layer problem(s), the first: {first}",
            file.display(),
            problems.len()
        ),
        None => Ok(()),
    }
}
