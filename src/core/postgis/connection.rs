//! Connecting to the planning database from a [`DbSource`].
//!
//! FIRST CUT: the connection string is handed to the client library as it is, without TLS, service files or
//! password files. (Being replaced by the full libpq-compatible resolution.)

use std::collections::HashMap;

use super::error::{ConnectReason, DbError};
use crate::core::db_source::{DbSource, Secret};

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

/// Connects to `source`'s database.
pub fn connect(source: &DbSource, passwords: &Passwords) -> Result<Connection, DbError> {
    let mut config: postgres::Config =
        source
            .conninfo()
            .parse()
            .map_err(|error: postgres::Error| DbError::Connect {
                label: source.connection_label(),
                reason: ConnectReason::Setting(error.to_string()),
            })?;
    if let Some(password) = passwords.for_source(source) {
        config.password(password.reveal());
    }
    let client = config
        .connect(postgres::NoTls)
        .map_err(|error| DbError::Connect {
            label: source.connection_label(),
            reason: ConnectReason::Other(error.to_string()),
        })?;
    Ok(Connection {
        client,
        warnings: Vec::new(),
    })
}
