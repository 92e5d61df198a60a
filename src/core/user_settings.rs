//! Per-user settings of this laptop: a small JSON file beside the recent projects list
//! (`$XDG_CONFIG_HOME/hpatlas/settings.json`, or `~/.config/hpatlas/settings.json`;
//! `%APPDATA%\hpatlas\settings.json` on Windows), written atomically.
//!
//! For now it holds the review author — the name put on every review pin made on this laptop, asked once.
//! Members this build does not know are kept and written back unchanged, so a newer build's settings survive
//! an older one. Every function takes the file's path, so tests (and portable set-ups) use any folder;
//! [`default_settings_path`] gives the usual one. A missing file is default settings; an unreadable one is an
//! error naming the file (the app then does not overwrite it).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file_error::{FileError, read_json_or_default, write_json_atomically};
use super::recent::{default_recent_path, recent_path_from};

/// The settings file's name, in the same folder as the recent list.
pub const SETTINGS_FILE_NAME: &str = "settings.json";

/// What this laptop remembers about its user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserSettings {
    /// The name put on review pins made on this laptop (`None` until asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_author: Option<String>,
    /// Members written by other builds, kept as they were.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The settings file could not be read or written.
pub type SettingsError = FileError;

/// The settings file beside the recent list (see [`crate::core::recent::default_recent_path`]); `None` when
/// the environment names no settings folder (no `%APPDATA%` on Windows, neither `XDG_CONFIG_HOME` nor `HOME`
/// elsewhere).
pub fn default_settings_path() -> Option<PathBuf> {
    default_recent_path().map(|recent| recent.with_file_name(SETTINGS_FILE_NAME))
}

/// The settings file path for these values of `XDG_CONFIG_HOME` and `HOME`.
pub fn settings_path_from(
    xdg_config_home: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    recent_path_from(xdg_config_home, home).map(|recent| recent.with_file_name(SETTINGS_FILE_NAME))
}

impl UserSettings {
    /// Reads the settings (defaults when the file does not exist).
    pub fn load(settings_path: &Path) -> Result<Self, SettingsError> {
        let mut settings: Self = read_json_or_default(settings_path)?;
        settings.review_author = settings.review_author.as_deref().and_then(tidy_author);
        Ok(settings)
    }

    /// Writes the settings atomically, creating their folder.
    pub fn save(&self, settings_path: &Path) -> Result<(), SettingsError> {
        write_json_atomically(settings_path, self)
    }

    /// Loads the settings, sets the review author and saves them; returns the name as stored (trimmed), or
    /// `None` (nothing written) when the name is blank.
    pub fn record_author(
        settings_path: &Path,
        author: &str,
    ) -> Result<Option<String>, SettingsError> {
        let Some(author) = tidy_author(author) else {
            return Ok(None);
        };
        let mut settings = Self::load(settings_path)?;
        settings.review_author = Some(author.clone());
        settings.save(settings_path)?;
        Ok(Some(author))
    }
}

/// The author name with surrounding blanks removed and inner runs of blanks made one space; `None` if blank.
pub fn tidy_author(name: &str) -> Option<String> {
    let tidy = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!tidy.is_empty()).then_some(tidy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_folder(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("hpatlas-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        folder
    }

    #[test]
    fn lives_beside_the_recent_list() {
        let path = settings_path_from(None, Some(PathBuf::from("/home/an")));
        assert_eq!(
            path,
            Some(PathBuf::from("/home/an/.config/hpatlas/settings.json"))
        );
        let path = settings_path_from(Some(PathBuf::from("/cfg")), None);
        assert_eq!(path, Some(PathBuf::from("/cfg/hpatlas/settings.json")));
        assert_eq!(settings_path_from(Some("rel".into()), None), None);
    }

    #[test]
    fn the_author_round_trips_and_other_members_survive() {
        let folder = temp_folder("round-trip");
        let path = folder.join("hpatlas").join(SETTINGS_FILE_NAME);
        assert_eq!(
            UserSettings::load(&path).expect("missing is empty"),
            UserSettings::default()
        );
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(&path, r#"{"theme": "dark"}"#).expect("write");
        let stored = UserSettings::record_author(&path, "  Nguyễn   Thị Hoa ").expect("saved");
        assert_eq!(stored.as_deref(), Some("Nguyễn Thị Hoa"));
        let settings = UserSettings::load(&path).expect("read back");
        assert_eq!(settings.review_author.as_deref(), Some("Nguyễn Thị Hoa"));
        assert_eq!(
            settings.other.get("theme"),
            Some(&serde_json::json!("dark"))
        );
        assert_eq!(
            UserSettings::record_author(&path, "   ").expect("blank"),
            None
        );
        let settings = UserSettings::load(&path).expect("unchanged");
        assert_eq!(settings.review_author.as_deref(), Some("Nguyễn Thị Hoa"));
        std::fs::remove_dir_all(&folder).expect("clean up");
    }

    #[test]
    fn a_broken_file_is_an_error_naming_it_and_is_not_overwritten() {
        let folder = temp_folder("broken");
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join(SETTINGS_FILE_NAME);
        std::fs::write(&path, "{\"review_author\": ").expect("write");
        let error = UserSettings::load(&path).expect_err("broken");
        assert!(error.to_string().contains("settings.json"), "{error}");
        assert!(UserSettings::record_author(&path, "An").is_err());
        assert_eq!(
            std::fs::read_to_string(&path).expect("kept"),
            "{\"review_author\": "
        );
        std::fs::remove_dir_all(&folder).expect("clean up");
    }
}
