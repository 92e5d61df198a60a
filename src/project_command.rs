//! `hpatlas project FILE`: opens a project without a window, loads every layer and prints a JSON summary
//! (layers, features, missing files, views, slides, pins); exits non-zero when a layer is missing or unreadable.

use anyhow::Result;

use hpatlas::core::project_links::{load_project_layers, open_project};

/// Opens a project, loads its layers and prints what it holds; fails when any layer has a problem.
pub fn project_summary(file: &std::path::Path) -> Result<()> {
    let opened = open_project(file)?;
    let project = &opened.project;
    let load = load_project_layers(file, project);
    let problems: Vec<String> = load.problems.iter().map(ToString::to_string).collect();
    let summary = serde_json::json!({
        "title": project.title,
        "version": project.version,
        "language": project.language,
        "layers": project.layers.len(),
        "loaded_layers": load.layers.len(),
        "features": load.layers.iter().map(|(_, layer)| layer.features.len()).sum::<usize>(),
        "missing": opened.missing.iter().map(|layer| layer.path.display().to_string()).collect::<Vec<_>>(),
        "problems": problems,
        "views": project.views.len(),
        "slides": project.slides.len(),
        "pins": project.pins.len(),
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
