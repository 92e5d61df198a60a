//! Opening a database layer in one call: connect, stream the table ([`super::read`]), prepare the layer for
//! the map (reprojection, index) and link it to its table. Used by the command line, projects and the app's
//! loading jobs alike.

use super::connection::{Passwords, connect};
use super::error::DbError;
use super::read::{BatchView, ReadControl, ReadOptions, read_table};
use crate::core::db_source::DbSource;
use crate::core::layer::{Layer, LayerData};

/// A database layer opened for the map.
#[derive(Debug)]
pub struct OpenedDbLayer {
    /// The layer, linked to its table ([`Layer::database`]).
    pub layer: Layer,
    /// Remarks about the connection (e.g. a password file ignored).
    pub warnings: Vec<String>,
    /// Seconds until the first batch of rows had arrived.
    pub first_batch_seconds: f64,
}

/// A table read as plain layer data.
#[derive(Debug)]
pub struct ReadLayerData {
    /// Features and fields in the table's CRS.
    pub data: LayerData,
    /// Remarks about the connection.
    pub warnings: Vec<String>,
    /// Seconds until the first batch of rows had arrived.
    pub first_batch_seconds: f64,
}

/// Reads `source`'s table as layer data in the table's CRS, for commands that only read (info, convert,
/// coverage, render): the link to the table is dropped.
pub fn read_layer_data(
    source: &DbSource,
    passwords: &Passwords,
    options: &ReadOptions,
) -> Result<ReadLayerData, DbError> {
    let mut connection = connect(source, passwords)?;
    let read = read_table(&mut connection.client, source, options, &mut |_| {
        ReadControl::Continue
    })?;
    Ok(ReadLayerData {
        data: read.data,
        warnings: connection.warnings,
        first_batch_seconds: read.first_batch_seconds,
    })
}

/// Connects, reads and prepares `source`'s table as a map layer. `on_batch` sees each batch (progress,
/// features so far) and may cancel; `progress` receives the preparation's fractions.
pub fn open_layer(
    source: &DbSource,
    passwords: &Passwords,
    options: &ReadOptions,
    on_batch: &mut dyn FnMut(BatchView<'_>) -> ReadControl,
    progress: &mut dyn FnMut(f32),
) -> Result<OpenedDbLayer, DbError> {
    let mut connection = connect(source, passwords)?;
    let read = read_table(&mut connection.client, source, options, on_batch)?;
    let mut layer = Layer::prepare(read.data, progress)?;
    layer.database = Some(Box::new(read.database));
    Ok(OpenedDbLayer {
        layer,
        warnings: connection.warnings,
        first_batch_seconds: read.first_batch_seconds,
    })
}
