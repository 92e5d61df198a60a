//! Where the atlas keeps its per-user files, as a pure function of the environment so it can be tested on
//! any machine.
//!
//! - Windows: settings and the recent projects list in `%APPDATA%\hpatlas` (the roaming profile, as Windows
//!   programs do), autosaves in `%LOCALAPPDATA%\hpatlas\autosave` (machine-local, possibly large).
//! - Elsewhere: `$XDG_CONFIG_HOME/hpatlas`, else `~/.config/hpatlas`; autosaves stay beside their project
//!   (see [`crate::core::autosave`]).
//!
//! Only absolute folders are used: a relative or empty variable counts as unset. Paths are kept as
//! `OsString`s end to end, so a Vietnamese user name (`C:\Users\Lan Nguyễn\AppData\Roaming`) needs nothing
//! special.

use std::ffi::OsString;
use std::path::PathBuf;

/// The folder name of the atlas inside the per-user folders.
pub const APP_FOLDER: &str = "hpatlas";

/// The conventions to follow: Windows' or the XDG/home ones of Linux and other Unix systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// `%APPDATA%` / `%LOCALAPPDATA%`.
    Windows,
    /// `$XDG_CONFIG_HOME` / `$HOME/.config`.
    Unix,
}

impl Platform {
    /// The platform this build runs on.
    pub fn current() -> Self {
        if cfg!(windows) {
            Self::Windows
        } else {
            Self::Unix
        }
    }
}

/// The environment values the per-user folders are chosen from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserDirsEnv {
    /// `APPDATA` (Windows' roaming application data).
    pub appdata: Option<OsString>,
    /// `LOCALAPPDATA` (Windows' machine-local application data).
    pub local_appdata: Option<OsString>,
    /// `XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<OsString>,
    /// `HOME`.
    pub home: Option<OsString>,
}

impl UserDirsEnv {
    /// The values of this process's environment.
    pub fn from_process() -> Self {
        Self {
            appdata: std::env::var_os("APPDATA"),
            local_appdata: std::env::var_os("LOCALAPPDATA"),
            xdg_config_home: std::env::var_os("XDG_CONFIG_HOME"),
            home: std::env::var_os("HOME"),
        }
    }
}

/// The folder of the settings and the recent projects list; `None` when the environment names none.
pub fn config_dir_from(platform: Platform, env: &UserDirsEnv) -> Option<PathBuf> {
    match platform {
        Platform::Windows => absolute(&env.appdata).map(|folder| folder.join(APP_FOLDER)),
        Platform::Unix => match absolute(&env.xdg_config_home) {
            Some(folder) => Some(folder.join(APP_FOLDER)),
            None => absolute(&env.home).map(|home| home.join(".config").join(APP_FOLDER)),
        },
    }
}

/// The folder for autosaves, or `None` when they stay beside their project (not Windows, or no usable
/// `%LOCALAPPDATA%`). On Windows the project's own folder is often read-only (a shared drive, the unzipped
/// atlas under Program Files) and a dot file is not hidden there.
pub fn autosave_dir_from(platform: Platform, env: &UserDirsEnv) -> Option<PathBuf> {
    match platform {
        Platform::Windows => {
            absolute(&env.local_appdata).map(|folder| folder.join(APP_FOLDER).join("autosave"))
        }
        Platform::Unix => None,
    }
}

/// The settings folder of this process ([`config_dir_from`] with the current platform and environment).
pub fn config_dir() -> Option<PathBuf> {
    config_dir_from(Platform::current(), &UserDirsEnv::from_process())
}

/// The autosave folder of this process ([`autosave_dir_from`] with the current platform and environment).
pub fn autosave_dir() -> Option<PathBuf> {
    autosave_dir_from(Platform::current(), &UserDirsEnv::from_process())
}

fn absolute(value: &Option<OsString>) -> Option<PathBuf> {
    value
        .as_ref()
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> UserDirsEnv {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        };
        UserDirsEnv {
            appdata: get("APPDATA"),
            local_appdata: get("LOCALAPPDATA"),
            xdg_config_home: get("XDG_CONFIG_HOME"),
            home: get("HOME"),
        }
    }

    /// An absolute path of the platform the tests run on (Windows needs a drive letter).
    fn abs(unix: &str, windows: &str) -> String {
        if cfg!(windows) { windows } else { unix }.to_string()
    }

    #[test]
    fn windows_keeps_settings_in_appdata_even_with_home_set() {
        let appdata = abs(
            "/Users/Lan Nguyễn/AppData/Roaming",
            r"C:\Users\Lan Nguyễn\AppData\Roaming",
        );
        let home = abs("/home/lan", r"C:\Users\Lan Nguyễn");
        let values = env(&[("APPDATA", &appdata), ("HOME", &home)]);
        assert_eq!(
            config_dir_from(Platform::Windows, &values),
            Some(PathBuf::from(&appdata).join("hpatlas"))
        );
    }

    #[test]
    fn windows_without_appdata_has_no_settings_folder_rather_than_a_dot_folder() {
        let home = abs("/home/lan", r"C:\Users\Lan");
        assert_eq!(
            config_dir_from(Platform::Windows, &env(&[("HOME", &home)])),
            None
        );
        assert_eq!(
            config_dir_from(Platform::Windows, &env(&[("APPDATA", "relative")])),
            None
        );
    }

    #[test]
    fn windows_autosaves_go_to_localappdata() {
        let local = abs("/Users/Lan/AppData/Local", r"C:\Users\Lan\AppData\Local");
        assert_eq!(
            autosave_dir_from(Platform::Windows, &env(&[("LOCALAPPDATA", &local)])),
            Some(PathBuf::from(&local).join("hpatlas").join("autosave"))
        );
        assert_eq!(autosave_dir_from(Platform::Windows, &env(&[])), None);
    }

    #[test]
    fn unix_follows_xdg_then_home_and_keeps_autosaves_beside_the_project() {
        let xdg = abs("/cfg", r"C:\cfg");
        let home = abs("/home/an", r"C:\Users\an");
        assert_eq!(
            config_dir_from(
                Platform::Unix,
                &env(&[("XDG_CONFIG_HOME", &xdg), ("HOME", &home)])
            ),
            Some(PathBuf::from(&xdg).join("hpatlas"))
        );
        assert_eq!(
            config_dir_from(
                Platform::Unix,
                &env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", &home)])
            ),
            Some(PathBuf::from(&home).join(".config").join("hpatlas"))
        );
        assert_eq!(
            config_dir_from(Platform::Unix, &env(&[("APPDATA", &xdg)])),
            None
        );
        let local = abs("/local", r"C:\local");
        assert_eq!(
            autosave_dir_from(Platform::Unix, &env(&[("LOCALAPPDATA", &local)])),
            None
        );
    }
}
