//! What can go wrong with the database, typed so the app can word it in Vietnamese or English, and so the
//! caller can tell a wrong password (ask again) from a server that is down (try later) from a table dropped
//! while open. Messages name the connection by service or `user@host/db`, never with a password.

use thiserror::Error;

use crate::core::crs::CrsError;
use crate::core::db_source::{DbSourceError, TableRef};

/// A database operation failed.
#[derive(Debug, Error)]
pub enum DbError {
    /// The `PG:` source text could not be read.
    #[error(transparent)]
    Source(#[from] DbSourceError),
    /// The connection could not be made.
    #[error("{label}: cannot connect: {reason}")]
    Connect {
        /// The connection (service or user@host/db).
        label: String,
        /// Why.
        reason: ConnectReason,
    },
    /// The table or view does not exist (or was dropped while open).
    #[error("table {} does not exist (or this role cannot see it)", .0.display_name())]
    TableMissing(TableRef),
    /// The table has no geometry or geography column the atlas can read.
    #[error("table {} has no geometry column", .0.display_name())]
    NoGeometry(TableRef),
    /// The table's geometry has no SRID: the planner must say which CRS its coordinates are in.
    #[error("table {} has no SRID: choose its coordinate system (e.g. EPSG:9210)", .0.display_name())]
    NoSrid(TableRef),
    /// A table to publish already exists and the planner did not say to replace it.
    #[error("table {} already exists", .0.display_name())]
    TableExists(TableRef),
    /// The role lacks a privilege for what was asked (saving or publishing with SELECT only).
    #[error("permission denied: {0}")]
    PermissionDenied(String),
    /// The connection dropped during the operation; nothing of the operation was written.
    #[error("the connection to the database was lost: {0}")]
    ConnectionLost(String),
    /// The planner cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The table's SRID cannot be used for the map.
    #[error("coordinate system: {0}")]
    Crs(#[from] CrsError),
    /// The layer cannot be edited (no key, a view).
    #[error("the layer is read-only: {}", match .0 {
        crate::core::db_source::DbReadOnly::NoKey => "its table has no primary key or unique index",
        crate::core::db_source::DbReadOnly::View => "it is a view",
    })]
    ReadOnly(crate::core::db_source::DbReadOnly),
    /// The layer could not be prepared for the map (a coordinate outside its CRS's domain).
    #[error(transparent)]
    Layer(#[from] crate::core::layer::LayerError),
    /// Something the atlas does not handle (the message says what).
    #[error("{0}")]
    Unsupported(String),
    /// Any other error the server reported, with its SQLSTATE code.
    #[error("the database said: {message}")]
    Server {
        /// The server's message (and detail).
        message: String,
        /// The SQLSTATE code.
        code: String,
    },
}

/// Why a connection could not be made.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ConnectReason {
    /// The server wants a password and none was given or found (`~/.pgpass`, `PGPASSWORD`).
    #[error("a password is needed")]
    PasswordMissing,
    /// The server refused the password (or the role does not exist).
    #[error("the password (or user name) was refused")]
    PasswordRefused,
    /// The server's access rules (`pg_hba.conf`) admit no such connection.
    #[error("the server does not accept this user from here: {0}")]
    NotAllowed(String),
    /// The host name could not be resolved.
    #[error("unknown host {0}")]
    UnknownHost(String),
    /// Nothing answered (server down, wrong port, firewall).
    #[error("no server answered ({0})")]
    Unreachable(String),
    /// The database does not exist.
    #[error("database {0} does not exist")]
    DatabaseMissing(String),
    /// The named service is in no service file.
    #[error("service {0} is not in any service file")]
    ServiceMissing(String),
    /// TLS failed (no TLS on the server with sslmode=require, certificate not trusted, wrong host name).
    #[error("secure connection failed: {0}")]
    Tls(String),
    /// A setting is wrong (an unknown sslmode, a port that is not a number…).
    #[error("{0}")]
    Setting(String),
    /// Anything else the client library said.
    #[error("{0}")]
    Other(String),
}

impl DbError {
    /// Classifies an error from the client library raised by work on an open connection.
    pub fn from_postgres(error: &postgres::Error) -> Self {
        if let Some(server) = error.as_db_error() {
            let code = server.code().code().to_string();
            let mut message = server.message().to_string();
            if let Some(detail) = server.detail() {
                message = format!("{message} ({detail})");
            }
            return match code.as_str() {
                "42501" => Self::PermissionDenied(message),
                "57P01" | "57P02" | "57P03" | "08000" | "08003" | "08006" => {
                    Self::ConnectionLost(message)
                }
                _ => Self::Server { message, code },
            };
        }
        if error.is_closed() {
            return Self::ConnectionLost("the connection is closed".to_string());
        }
        let mut cause = std::error::Error::source(error);
        while let Some(inner) = cause {
            if inner.is::<std::io::Error>() {
                return Self::ConnectionLost(format!("{error}: {inner}"));
            }
            cause = inner.source();
        }
        let text = error.to_string();
        let lowered = text.to_lowercase();
        if lowered.contains("connection")
            || lowered.contains("broken pipe")
            || lowered.contains("communicating with the server")
            || lowered.contains("unexpected eof")
            || lowered.contains("reset by peer")
        {
            return Self::ConnectionLost(text);
        }
        Self::Server {
            message: text,
            code: String::new(),
        }
    }

    /// The SQLSTATE code of a server error, if this is one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Server { code, .. } if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    /// True when the operation might succeed if tried again later (the server or network was away).
    pub fn is_connection_problem(&self) -> bool {
        matches!(
            self,
            Self::ConnectionLost(_)
                | Self::Connect {
                    reason: ConnectReason::Unreachable(_) | ConnectReason::UnknownHost(_),
                    ..
                }
        )
    }
}

/// Maps an error from a statement about `table` to [`DbError::TableMissing`] when the table is gone.
pub(crate) fn about_table(error: &postgres::Error, table: &TableRef) -> DbError {
    match error.as_db_error().map(|server| server.code().code()) {
        Some("42P01") => DbError::TableMissing(table.clone()),
        _ => DbError::from_postgres(error),
    }
}
