//! What libpq reads from outside the connection string: the `PG*` environment variables, the home folder
//! (for `~/.pg_service.conf`, `~/.pgpass`, `~/.postgresql/root.crt`), the operating-system user (the default
//! user and database name) and the system configuration folder (`PGSYSCONFDIR`). Gathered into one value so
//! tests can give each connection its own environment without touching the process's (tests run in
//! parallel threads, and `std::env::set_var` is `unsafe` in edition 2024).

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The environment variables libpq reads that the atlas honours.
pub const PG_VARIABLES: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSYSCONFDIR",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGCONNECT_TIMEOUT",
    "PGAPPNAME",
    "PGOPTIONS",
    "PGTARGETSESSIONATTRS",
];

/// The system configuration folder Debian's libpq is built with (where `pg_service.conf` lives when
/// `PGSYSCONFDIR` is not set).
pub const DEBIAN_SYSCONFDIR: &str = "/etc/postgresql-common";

/// Everything outside the connection string that decides how a connection is made.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `PG*` variables by name (only those in [`PG_VARIABLES`] are read); empty values count as unset.
    pub variables: BTreeMap<String, String>,
    /// The user's home folder, if known.
    pub home: Option<PathBuf>,
    /// The operating-system user name (libpq's default user and database).
    pub os_user: Option<String>,
    /// The folder of the system-wide `pg_service.conf` when `PGSYSCONFDIR` is not set.
    pub default_sysconfdir: Option<PathBuf>,
}

impl std::fmt::Debug for Environment {
    /// Lists the variables with `PGPASSWORD`'s value hidden.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let variables: BTreeMap<&str, &str> = self
            .variables
            .iter()
            .map(|(name, value)| {
                let shown = if name == "PGPASSWORD" {
                    "***"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("Environment")
            .field("variables", &variables)
            .field("home", &self.home)
            .field("os_user", &self.os_user)
            .field("default_sysconfdir", &self.default_sysconfdir)
            .finish()
    }
}

impl Environment {
    /// The process's environment: the `PG*` variables, `HOME` (or the home folder in `/etc/passwd`), the
    /// user the process runs as, and Debian's system configuration folder.
    pub fn from_process() -> Self {
        let variables = PG_VARIABLES
            .iter()
            .filter_map(|name| {
                std::env::var(name)
                    .ok()
                    .map(|value| ((*name).to_string(), value))
            })
            .collect();
        let account = process_account();
        let home = std::env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(PathBuf::from)
            .or_else(|| account.as_ref().map(|(_, home)| home.clone()));
        let os_user = account.map(|(name, _)| name).or_else(|| {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        });
        Self {
            variables,
            home,
            os_user,
            default_sysconfdir: Some(PathBuf::from(DEBIAN_SYSCONFDIR)),
        }
    }

    /// An environment with nothing set but the home folder and user (for tests).
    pub fn isolated(home: impl Into<PathBuf>, os_user: &str) -> Self {
        Self {
            variables: BTreeMap::new(),
            home: Some(home.into()),
            os_user: Some(os_user.to_string()),
            default_sysconfdir: None,
        }
    }

    /// This environment with `name` set to `value`.
    pub fn with_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.variables.insert(name.to_string(), value.into());
        self
    }

    /// The value of a variable, `None` when unset or empty (as libpq treats an empty one).
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.variables
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }

    /// A file in the home folder.
    pub fn in_home(&self, relative: &str) -> Option<PathBuf> {
        self.home.as_ref().map(|home| home.join(relative))
    }

    /// The system configuration folder: `PGSYSCONFDIR`, else the built-in default.
    pub fn sysconfdir(&self) -> Option<PathBuf> {
        self.variable("PGSYSCONFDIR")
            .map(PathBuf::from)
            .or_else(|| self.default_sysconfdir.clone())
    }
}

/// The name and home folder of the user the process runs as, from `/etc/passwd` (as libpq's
/// `getpwuid(geteuid())`); the owner of `/proc/self` is the effective user.
#[cfg(unix)]
fn process_account() -> Option<(String, PathBuf)> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        match fields.as_slice() {
            [name, _, id, _, _, home, ..] if *id == uid => {
                Some(((*name).to_string(), PathBuf::from(home)))
            }
            _ => None,
        }
    })
}

/// Not available off Unix: the caller falls back to `USER`/`LOGNAME` and `HOME`.
#[cfg(not(unix))]
fn process_account() -> Option<(String, PathBuf)> {
    None
}
