//! `hpatlas project FILE`: opens a project without a window, loads every layer and prints a JSON summary
//! (layers, features, missing files, views, slides, pins); exits non-zero when a layer is missing or unreadable.

use anyhow::Result;

use hpatlas::core::session::Session;

/// Opens a project, loads its layers and prints what it holds; fails when any layer has a problem.
pub fn project_summary(file: &std::path::Path) -> Result<()> {
    let opened = Session::open(file)?;
    let project = &opened.opened.project;
    let session = &opened.session;
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
    });
    println!("{}", serde_json::to_string_pretty(&summary)?);
    match problems.first() {
        Some(first) => anyhow::bail!(
            "{}: {} layer problem(s), the first: {first}",
            file.display(),
            problems.len()
        ),
        None => Ok(()),
    }
}
