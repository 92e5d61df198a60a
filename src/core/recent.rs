//! The recent projects list: a small JSON file in the user's configuration folder
//! (`$XDG_CONFIG_HOME/hpatlas/recent.json`, or `~/.config/hpatlas/recent.json`; `%APPDATA%\hpatlas\recent.json`
//! on Windows, see [`crate::core::user_dirs`]), most recent first, at most
//! [`MAX_RECENT`] entries, without duplicates, written atomically.
//!
//! Every function takes the list file's path, so tests (and portable set-ups) use any folder;
//! [`default_recent_path`] gives the usual one. A missing file is an empty list; an unreadable one is an
//! error naming the file, and the app can then start with an empty list without overwriting it silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file_error::{FileError, read_json_or_default, write_json_atomically};

/// How many projects the list keeps.
pub const MAX_RECENT: usize = 10;

/// The recent projects, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentProjects {
    /// Absolute project file paths, most recent first.
    pub projects: Vec<PathBuf>,
}

/// The recent list could not be read or written.
pub type RecentError = FileError;

/// The file name of the recent list inside the settings folder.
pub const RECENT_FILE_NAME: &str = "recent.json";

/// `recent.json` in the settings folder ([`crate::core::user_dirs::config_dir`]): `%APPDATA%\hpatlas` on
/// Windows; elsewhere `$XDG_CONFIG_HOME/hpatlas` when that variable is an absolute path, else
/// `$HOME/.config/hpatlas`. `None` when the environment names no such folder.
pub fn default_recent_path() -> Option<PathBuf> {
    super::user_dirs::config_dir().map(|folder| folder.join(RECENT_FILE_NAME))
}

/// The recent list path for these values of `XDG_CONFIG_HOME` and `HOME` (the Unix conventions; see
/// [`crate::core::user_dirs::config_dir_from`] for Windows').
pub fn recent_path_from(
    xdg_config_home: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    let env = super::user_dirs::UserDirsEnv {
        xdg_config_home: xdg_config_home.map(PathBuf::into_os_string),
        home: home.map(PathBuf::into_os_string),
        ..Default::default()
    };
    super::user_dirs::config_dir_from(super::user_dirs::Platform::Unix, &env)
        .map(|folder| folder.join(RECENT_FILE_NAME))
}

impl RecentProjects {
    /// Reads the list (empty when the file does not exist).
    pub fn load(list_path: &Path) -> Result<Self, RecentError> {
        let mut list: Self = read_json_or_default(list_path)?;
        list.tidy();
        Ok(list)
    }

    /// Writes the list atomically, creating its folder.
    pub fn save(&self, list_path: &Path) -> Result<(), RecentError> {
        write_json_atomically(list_path, self)
    }

    /// Puts a project at the top (moving it if it was listed), keeping at most [`MAX_RECENT`].
    pub fn add(&mut self, project_path: &Path) {
        let path = std::path::absolute(project_path).unwrap_or_else(|_| project_path.to_path_buf());
        self.projects.retain(|listed| listed != &path);
        self.projects.insert(0, path);
        self.tidy();
    }

    /// Removes a project from the list.
    pub fn remove(&mut self, project_path: &Path) {
        let path = std::path::absolute(project_path).unwrap_or_else(|_| project_path.to_path_buf());
        self.projects
            .retain(|listed| listed != &path && listed != project_path);
    }

    /// The listed projects whose files still exist.
    pub fn existing(&self) -> Vec<PathBuf> {
        self.projects
            .iter()
            .filter(|path| path.is_file())
            .cloned()
            .collect()
    }

    /// Loads the list, adds `project_path` at the top and saves it: what the app does after opening or
    /// saving a project.
    pub fn record(list_path: &Path, project_path: &Path) -> Result<Self, RecentError> {
        let mut list = Self::load(list_path)?;
        list.add(project_path);
        list.save(list_path)?;
        Ok(list)
    }

    /// Drops duplicates (keeping the first) and entries past [`MAX_RECENT`].
    fn tidy(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        self.projects.retain(|path| seen.insert(path.clone()));
        self.projects.truncate(MAX_RECENT);
    }
}
