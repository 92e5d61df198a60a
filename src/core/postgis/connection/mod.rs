//! Connecting to the planning database from a [`DbSource`], the way libpq users already set it up.
//!
//! Each setting is taken from the first place that has it, as libpq does: the source's own keywords, then
//! the service's (`service=` or `PGSERVICE`, from the service files: [`service_file`]), then the `PG*`
//! environment variables ([`environment`]), then the defaults (the operating-system user, a database of
//! the same name, the Unix socket in `/var/run/postgresql`, port 5432). A host starting with `/` is a
//! Unix-socket folder. The password comes from the planner's session ([`Passwords`]), else the service,
//! else `PGPASSWORD`, else the password file ([`pgpass`]). TLS follows `sslmode` ([`tls`]). A connection
//! attempt gives up after `connect_timeout` (10 s unless set), so a dead host does not hang the atlas.
//! Failures are classified ([`ConnectReason`]) so the app can ask for a password, say the server is down,
//! or say the database does not exist; no message ever holds a password.

pub mod environment;
pub mod pgpass;
pub mod service_file;
pub mod tls;

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use super::error::{ConnectReason, DbError};
use crate::core::db_source::{DbSource, Secret};

pub use environment::Environment;
pub use pgpass::DEFAULT_SOCKET_DIR;
pub use tls::SslMode;

/// How long a connection attempt may take when neither the source nor `PGCONNECT_TIMEOUT` says.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The default port.
pub const DEFAULT_PORT: u16 = 5432;

/// The application name the server sees when none is set.
pub const DEFAULT_APPLICATION_NAME: &str = "hpatlas";

/// Keywords the atlas reads, each with the environment variable that supplies it when nothing else does.
const KEYWORDS: &[(&str, Option<&str>)] = &[
    ("host", Some("PGHOST")),
    ("hostaddr", Some("PGHOSTADDR")),
    ("port", Some("PGPORT")),
    ("dbname", Some("PGDATABASE")),
    ("user", Some("PGUSER")),
    ("password", Some("PGPASSWORD")),
    ("passfile", Some("PGPASSFILE")),
    ("sslmode", Some("PGSSLMODE")),
    ("sslrootcert", Some("PGSSLROOTCERT")),
    ("connect_timeout", Some("PGCONNECT_TIMEOUT")),
    ("application_name", Some("PGAPPNAME")),
    ("options", Some("PGOPTIONS")),
    ("target_session_attrs", Some("PGTARGETSESSIONATTRS")),
    ("service", None),
];

/// libpq keywords that change nothing the atlas does, accepted and ignored (a service file written for
/// other tools may hold them).
const IGNORED_KEYWORDS: &[&str] = &[
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "gssencmode",
    "client_encoding",
];

/// Passwords the planner typed in this session, by connection label; never written anywhere.
#[derive(Clone, Debug, Default)]
pub struct Passwords {
    by_connection: HashMap<String, Secret>,
}

impl Passwords {
    /// Remembers `password` for `source`'s connection until the atlas closes.
    pub fn remember(&mut self, source: &DbSource, password: Secret) {
        self.by_connection
            .insert(source.connection_label(), password);
    }

    /// The password typed for `source`'s connection, if any.
    pub fn for_source(&self, source: &DbSource) -> Option<&Secret> {
        self.by_connection.get(&source.connection_label())
    }
}

/// An open connection and what the planner should be told about how it was made.
pub struct Connection {
    /// The client.
    pub client: postgres::Client,
    /// Remarks (e.g. a password file ignored because others can read it).
    pub warnings: Vec<String>,
}

/// Where the password of a connection came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordOrigin {
    /// Typed by the planner in this session.
    Session,
    /// The service's `password=`.
    Service,
    /// `PGPASSWORD`.
    Environment,
    /// The password file.
    PasswordFile,
}

/// The settings a connection is made with, every keyword resolved (see the module documentation).
#[derive(Clone, Debug)]
pub struct ConnectSettings {
    /// The service the settings came from, if any.
    pub service: Option<String>,
    /// Host names, addresses or Unix-socket folders (libpq's comma-separated `host`), at least one.
    pub hosts: Vec<String>,
    /// Numeric addresses to connect to instead of resolving `hosts` (libpq's `hostaddr`).
    pub host_addresses: Vec<IpAddr>,
    /// The port.
    pub port: u16,
    /// The database.
    pub dbname: String,
    /// The user.
    pub user: String,
    /// The password, if one was found (never printed: [`Secret`]).
    pub password: Option<Secret>,
    /// Where the password came from.
    pub password_origin: Option<PasswordOrigin>,
    /// `sslmode`.
    pub ssl_mode: SslMode,
    /// `sslrootcert`, if set.
    pub ssl_root_cert: Option<String>,
    /// How long a connection attempt may take.
    pub connect_timeout: Duration,
    /// The application name the server sees.
    pub application_name: String,
    /// Server options (`-c name=value …`), if set.
    pub options: Option<String>,
    /// `read-write` / `read-only` / `any`, if set.
    pub target_session_attrs: Option<String>,
    /// Remarks for the planner (a password file ignored, …).
    pub warnings: Vec<String>,
}

impl ConnectSettings {
    /// True when every host is a Unix-socket folder (no TLS then, as with libpq).
    pub fn is_unix_socket(&self) -> bool {
        self.host_addresses.is_empty() && self.hosts.iter().all(|host| host.starts_with('/'))
    }
}

/// Connects to `source`'s database with the process's environment.
pub fn connect(source: &DbSource, passwords: &Passwords) -> Result<Connection, DbError> {
    connect_with(source, passwords, &Environment::from_process())
}

/// Connects to `source`'s database with `environment` in place of the process's.
pub fn connect_with(
    source: &DbSource,
    passwords: &Passwords,
    environment: &Environment,
) -> Result<Connection, DbError> {
    let label = source.connection_label();
    let failed = |reason: ConnectReason| DbError::Connect {
        label: label.clone(),
        reason,
    };
    let settings = resolve(source, passwords, environment)?;
    let plan = tls::plan(
        if settings.is_unix_socket() {
            SslMode::Disable
        } else {
            settings.ssl_mode
        },
        settings.ssl_root_cert.as_deref(),
        environment.home.as_deref(),
    );
    let mut config = postgres::Config::new();
    for host in &settings.hosts {
        config.host(host);
    }
    for address in &settings.host_addresses {
        config.hostaddr(*address);
    }
    config
        .port(settings.port)
        .dbname(&settings.dbname)
        .user(&settings.user)
        .application_name(&settings.application_name)
        .connect_timeout(settings.connect_timeout)
        .ssl_mode(plan.mode);
    if let Some(options) = &settings.options {
        config.options(options);
    }
    if let Some(attributes) = &settings.target_session_attrs {
        let attributes = match attributes.as_str() {
            "any" => postgres::config::TargetSessionAttrs::Any,
            "read-write" => postgres::config::TargetSessionAttrs::ReadWrite,
            "read-only" => postgres::config::TargetSessionAttrs::ReadOnly,
            other => {
                return Err(failed(ConnectReason::Setting(format!(
                    "target_session_attrs {other:?} is not one of any, read-write, read-only"
                ))));
            }
        };
        config.target_session_attrs(attributes);
    }
    if let Some(password) = &settings.password {
        config.password(password.reveal());
    }
    // Without TLS no connector is built: setting one up loads the system's certificates, which costs
    // more than the whole connection over a local socket.
    let connected = if plan.mode == postgres::config::SslMode::Disable {
        config.connect(postgres::NoTls)
    } else {
        let connector =
            tls::connector(&plan).map_err(|message| failed(ConnectReason::Tls(message)))?;
        config.connect(connector)
    };
    match connected {
        Ok(client) => Ok(Connection {
            client,
            warnings: settings.warnings,
        }),
        Err(error) => Err(failed(classify(&error, &settings))),
    }
}

/// The names of the services in `environment`'s service files, sorted (for the app's
/// "choose a service" list).
pub fn list_services(environment: &Environment) -> Vec<String> {
    service_file::list_services(environment)
}

/// Resolves every setting of `source`'s connection (see the module documentation) without connecting.
pub fn resolve(
    source: &DbSource,
    passwords: &Passwords,
    environment: &Environment,
) -> Result<ConnectSettings, DbError> {
    let label = source.connection_label();
    let failed = |reason: ConnectReason| DbError::Connect {
        label: label.clone(),
        reason,
    };
    let explicit = keyword_map(&source.connection).map_err(&failed)?;
    let service = explicit
        .get("service")
        .cloned()
        .or_else(|| environment.variable("PGSERVICE").map(str::to_string));
    let from_service = match &service {
        None => HashMap::new(),
        Some(name) => {
            let keywords = service_file::find_service(environment, name)
                .map_err(|error| failed(ConnectReason::Setting(error.to_string())))?
                .ok_or_else(|| failed(ConnectReason::ServiceMissing(name.clone())))?;
            keyword_map(&keywords).map_err(&failed)?
        }
    };
    let setting = |keyword: &str| -> Option<(String, Layer)> {
        if let Some(value) = explicit.get(keyword).filter(|value| !value.is_empty()) {
            return Some((value.clone(), Layer::Explicit));
        }
        if let Some(value) = from_service.get(keyword).filter(|value| !value.is_empty()) {
            return Some((value.clone(), Layer::Service));
        }
        KEYWORDS
            .iter()
            .find(|(name, _)| *name == keyword)
            .and_then(|(_, variable)| *variable)
            .and_then(|variable| environment.variable(variable))
            .map(|value| (value.to_string(), Layer::Environment))
    };
    let value = |keyword: &str| setting(keyword).map(|(value, _)| value);

    let user = value("user")
        .or_else(|| environment.os_user.clone())
        .ok_or_else(|| {
            failed(ConnectReason::Setting(
                "no user name: set user= or PGUSER".to_string(),
            ))
        })?;
    let dbname = value("dbname").unwrap_or_else(|| user.clone());
    let host_addresses = match value("hostaddr") {
        None => Vec::new(),
        Some(text) => split_list(&text)
            .into_iter()
            .map(|address| {
                address.parse::<IpAddr>().map_err(|_| {
                    failed(ConnectReason::Setting(format!(
                        "hostaddr {address:?} is not a numeric address"
                    )))
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    let hosts = match value("host") {
        Some(text) => split_list(&text),
        None if !host_addresses.is_empty() => Vec::new(),
        None => vec![DEFAULT_SOCKET_DIR.to_string()],
    };
    let port = match value("port") {
        None => DEFAULT_PORT,
        Some(text) => text.trim().parse::<u16>().map_err(|_| {
            failed(ConnectReason::Setting(format!(
                "port {text:?} is not a port number"
            )))
        })?,
    };
    let ssl_mode = match value("sslmode") {
        None => SslMode::default(),
        Some(text) => SslMode::parse(&text).ok_or_else(|| {
            failed(ConnectReason::Setting(format!(
                "sslmode {text:?} is not one of disable, allow, prefer, require, verify-ca, verify-full"
            )))
        })?,
    };
    let connect_timeout = match value("connect_timeout") {
        None => DEFAULT_CONNECT_TIMEOUT,
        Some(text) => match text.trim().parse::<u64>() {
            // libpq: zero (or less) waits forever; the atlas keeps its default instead of hanging.
            Ok(0) => DEFAULT_CONNECT_TIMEOUT,
            // libpq: anything under 2 seconds counts as 2.
            Ok(seconds) => Duration::from_secs(seconds.max(2)),
            Err(_) => {
                return Err(failed(ConnectReason::Setting(format!(
                    "connect_timeout {text:?} is not a number of seconds"
                ))));
            }
        },
    };

    let mut warnings = Vec::new();
    let (password, password_origin) = if let Some(password) = passwords.for_source(source) {
        (Some(password.clone()), Some(PasswordOrigin::Session))
    } else if let Some((password, layer)) = setting("password") {
        let origin = match layer {
            Layer::Service => PasswordOrigin::Service,
            Layer::Explicit | Layer::Environment => PasswordOrigin::Environment,
        };
        (Some(Secret::new(password)), Some(origin))
    } else {
        let file = pgpass::password_file(value("passfile").as_deref(), environment.home.as_deref());
        let host = hosts
            .first()
            .cloned()
            .or_else(|| host_addresses.first().map(IpAddr::to_string))
            .unwrap_or_default();
        let port_text = port.to_string();
        let query = pgpass::PasswordQuery {
            host: &host,
            port: &port_text,
            database: &dbname,
            user: &user,
        };
        let lookup = file
            .as_deref()
            .map(|file: &Path| pgpass::look_up(file, &query))
            .unwrap_or_default();
        warnings.extend(lookup.warning);
        let origin = lookup
            .password
            .as_ref()
            .map(|_| PasswordOrigin::PasswordFile);
        (lookup.password, origin)
    };

    Ok(ConnectSettings {
        service,
        hosts,
        host_addresses,
        port,
        dbname,
        user,
        password,
        password_origin,
        ssl_mode,
        ssl_root_cert: value("sslrootcert"),
        connect_timeout,
        application_name: value("application_name")
            .unwrap_or_else(|| DEFAULT_APPLICATION_NAME.to_string()),
        options: value("options"),
        target_session_attrs: value("target_session_attrs"),
        warnings,
    })
}

/// Which layer of the resolution a setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    /// The source's keywords.
    Explicit,
    /// The service file.
    Service,
    /// A `PG*` variable.
    Environment,
}

/// The keywords as a map (a later value of a keyword replaces an earlier one, as in libpq), refusing
/// keywords the atlas does not know and dropping those it ignores.
fn keyword_map(keywords: &[(String, String)]) -> Result<HashMap<String, String>, ConnectReason> {
    let mut map = HashMap::new();
    for (keyword, value) in keywords {
        if IGNORED_KEYWORDS.contains(&keyword.as_str()) {
            continue;
        }
        if !KEYWORDS.iter().any(|(known, _)| known == keyword) {
            return Err(ConnectReason::Setting(format!(
                "the connection keyword {keyword:?} is not supported"
            )));
        }
        map.insert(keyword.clone(), value.clone());
    }
    Ok(map)
}

/// A comma-separated list, trimmed, empty items dropped.
fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why a connection attempt failed, from the client library's error (never quoting a password: neither
/// the server nor the library puts one in a message).
fn classify(error: &postgres::Error, settings: &ConnectSettings) -> ConnectReason {
    if let Some(server) = error.as_db_error() {
        let message = server.message().to_string();
        return match server.code().code() {
            "28P01" => ConnectReason::PasswordRefused,
            "28000" => ConnectReason::NotAllowed(message),
            "3D000" => ConnectReason::DatabaseMissing(settings.dbname.clone()),
            "57P03" => ConnectReason::Unreachable(message),
            _ => ConnectReason::Other(message),
        };
    }
    let text = error_chain(error);
    if text.contains("password missing") {
        return ConnectReason::PasswordMissing;
    }
    if text.starts_with("error performing TLS handshake") {
        return ConnectReason::Tls(text);
    }
    if text.contains("failed to lookup address") || text.contains("could not resolve any addresses")
    {
        return ConnectReason::UnknownHost(settings.hosts.join(","));
    }
    let io_kind =
        std::iter::successors(Some(error as &(dyn std::error::Error + 'static)), |error| {
            error.source()
        })
        .find_map(|error| error.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    if let Some(kind) = io_kind {
        use std::io::ErrorKind;
        if matches!(
            kind,
            ErrorKind::ConnectionRefused
                | ErrorKind::NotFound
                | ErrorKind::TimedOut
                | ErrorKind::HostUnreachable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::NetworkDown
                | ErrorKind::AddrNotAvailable
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::UnexpectedEof
        ) {
            let place = match settings.hosts.first() {
                Some(host) if host.starts_with('/') => {
                    format!("socket {host}/.s.PGSQL.{}", settings.port)
                }
                Some(host) => format!("{host}:{}", settings.port),
                None => settings
                    .host_addresses
                    .first()
                    .map(|address| format!("{address}:{}", settings.port))
                    .unwrap_or_default(),
            };
            return ConnectReason::Unreachable(format!("{place}: {text}"));
        }
    }
    ConnectReason::Other(text)
}

/// The error's message followed by its causes', joined with `: `.
fn error_chain(error: &postgres::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}
