//! The app's state as a project file and back: [`project_from_state`] gathers the layers (in drawing order,
//! each through the core's `project_layer_from`), the camera, the coverage analysis settings, saved views,
//! slides, review pins, the language, the title and the home layer into a [`ProjectFile`]; the `*_from_*`
//! helpers turn the project's camera, language and analysis settings back into the app's.
//!
//! Layer references in the analysis settings are written by name (names survive reordering) and resolved
//! against the open layers when a project's layers have loaded.

use crate::core::analysis::settings::{AnalysisSettingsFile, ProposedSiteSetting};
use crate::core::document::Document;
use crate::core::layer::{Layer, LayerId};
use crate::core::project::{self, Language, LayerRef, ProjectFile};
use crate::core::project_links::project_layer_from;

use super::analysis::{AnalysisSettings, AnalysisState};
use super::camera::Camera;
use super::i18n::Lang;
use super::workshop::WorkshopState;

/// Everything a project file holds, borrowed from the app.
pub struct AppProjectParts<'a> {
    /// The open layers.
    pub document: &'a Document,
    /// The map view.
    pub camera: &'a Camera,
    /// The coverage analysis.
    pub analysis: &'a AnalysisState,
    /// Views, slides and pins.
    pub workshop: &'a WorkshopState,
    /// The interface language.
    pub lang: Lang,
    /// The project's title.
    pub title: &'a str,
    /// The layer "zoom to city" frames.
    pub home_layer: Option<&'a str>,
}

/// The project file of the app's current state. Layers without a file (e.g. proposed sites not yet exported)
/// cannot be part of a project and are left out; their names come back in the second value.
pub fn project_from_state(parts: &AppProjectParts) -> (ProjectFile, Vec<String>) {
    let mut project = ProjectFile::new(parts.title);
    let mut left_out = Vec::new();
    for layer in parts.document.layers() {
        match project_layer_from(layer) {
            Some(entry) => project.layers.push(entry),
            None => left_out.push(layer.name.clone()),
        }
    }
    project.language = language_from_lang(parts.lang);
    project.home_layer = parts.home_layer.map(str::to_string);
    project.camera = Some(project::Camera::from(*parts.camera));
    project.analysis = analysis_file_from(parts.analysis, parts.document);
    project.views = parts.workshop.views.clone();
    project.slides = parts.workshop.slides.clone();
    project.pins = parts.workshop.pins.to_pins();
    (project, left_out)
}

/// The project's language of the interface language.
pub fn language_from_lang(lang: Lang) -> Language {
    match lang {
        Lang::Vi => Language::Vietnamese,
        Lang::En => Language::English,
    }
}

/// The interface language of a project's language.
pub fn lang_from_language(language: Language) -> Lang {
    match language {
        Language::Vietnamese => Lang::Vi,
        Language::English => Lang::En,
    }
}

/// The analysis settings as a project keeps them, or `None` while the planner has chosen nothing (no input
/// layer and the default settings).
pub fn analysis_file_from(
    analysis: &AnalysisState,
    document: &Document,
) -> Option<AnalysisSettingsFile> {
    let settings = &analysis.settings;
    let reference = |id: Option<LayerId>| {
        id.and_then(|id| document.layer(id))
            .map(|layer: &Layer| LayerRef::Name(layer.name.clone()))
    };
    let mut file = settings.chosen.clone();
    file.sites_layer = reference(settings.sites_layer);
    file.units_layer = reference(settings.units_layer);
    file.infrastructure_layer = reference(settings.infrastructure_layer);
    if let Some(session) = &analysis.session {
        file.proposed_sites = session
            .proposed()
            .map(|site| ProposedSiteSetting {
                kind: site.kind.clone(),
                position_in_map: [site.center.x, site.center.y],
            })
            .collect();
    }
    let chosen_nothing = file == AnalysisSettingsFile::default();
    (!chosen_nothing).then_some(file)
}

/// The app's analysis settings of a project's, its layer references resolved against the open layers
/// (`project_layer_names`: the project's own list, for references by position).
pub fn analysis_settings_from(
    file: &AnalysisSettingsFile,
    project_layer_names: &[String],
    document: &Document,
) -> AnalysisSettings {
    let resolve = |reference: &Option<LayerRef>| {
        let name = reference
            .as_ref()?
            .resolve(project_layer_names)
            .and_then(|index| project_layer_names.get(index))?;
        document
            .layers()
            .iter()
            .find(|layer| &layer.name == name)
            .map(|layer| layer.id)
    };
    AnalysisSettings {
        sites_layer: resolve(&file.sites_layer),
        units_layer: resolve(&file.units_layer),
        infrastructure_layer: resolve(&file.infrastructure_layer),
        chosen: AnalysisSettingsFile {
            sites_layer: None,
            units_layer: None,
            infrastructure_layer: None,
            ..file.clone()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_and_language_convert_both_ways() {
        let camera = Camera {
            center_in_map: [600_123.25, 2_300_456.5],
            m_per_px: 3.75,
        };
        assert_eq!(Camera::from(project::Camera::from(camera)), camera);
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(lang_from_language(language_from_lang(lang)), lang);
        }
    }

    #[test]
    fn untouched_analysis_settings_are_not_written() {
        let document = Document::new();
        let mut analysis = AnalysisState::default();
        assert_eq!(analysis_file_from(&analysis, &document), None);
        analysis.settings.chosen.proximity_threshold_m = 1_500.0;
        let file = analysis_file_from(&analysis, &document).expect("a changed setting is kept");
        assert_eq!(file.proximity_threshold_m, 1_500.0);
        let back = analysis_settings_from(&file, &[], &document);
        assert_eq!(back.chosen.proximity_threshold_m, 1_500.0);
        assert_eq!(back.sites_layer, None);
    }
}
