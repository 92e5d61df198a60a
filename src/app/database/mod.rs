//! Database (PostGIS) layers in the app: opening tables through the connect dialog, loading them on worker
//! threads with features appearing as they arrive, asking for a password when the server wants one, and
//! listening for other planners' changes. The wording of the core's database errors is [`db_messages`].

// Used by the open and publish flows as they land.
#[allow(dead_code)]
pub mod db_messages;
