//! The shared planning database: PostGIS tables as layers. [`connection`] connects the way libpq users
//! expect (service files, password files, `PG*` variables, `sslmode`); [`catalog`] lists the tables and views
//! with geometry; [`read`] streams a table into a layer through a server-side cursor; [`publish`] writes a
//! layer as a new table; [`save`] writes a layer's edits back in one transaction, refusing to overwrite a row
//! another planner changed since it was read ([`save::SaveConflict`]). Values always travel as parameters and
//! names are quoted by [`sql`]; nothing here writes a password anywhere.

pub mod catalog;
pub mod connection;
pub mod error;
pub mod open;
pub mod publish;
pub mod read;
pub mod save;
pub mod sql;

pub use connection::{Passwords, connect};
pub use error::DbError;
pub use open::{OpenedDbLayer, open_layer, read_layer_data};
