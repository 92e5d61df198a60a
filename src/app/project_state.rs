//! Conversions between the app's view state and what a project file keeps: the interface language of a
//! project's language and back. (The project file itself is built by the session,
//! [`crate::core::session::Session::to_project_file`]; the camera converts through `From` impls on
//! [`super::camera::Camera`].)

use crate::core::project::Language;

use super::i18n::Lang;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::camera::Camera;
    use crate::core::project;

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
}
