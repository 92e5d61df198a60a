//! Why saving a layer's edits back to its source did not happen: the layer cannot be written at all
//! ([`NotWritable`], known before editing starts), or this write failed ([`WriteBackError`], naming the file
//! and, for a value that does not fit, the feature, the field and what is wrong with the value
//! ([`ValueProblem`])). Whatever the error, the files are as they were before the attempt.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::LoadError;
use crate::core::layer::{LayerError, LayerId};
use crate::core::text_encoding::TextEncoding;

/// A format the atlas reads but cannot write edits back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnlyFormat {
    /// Points from a CSV table.
    Csv,
    /// A GPS track (GPX).
    Gpx,
    /// A Google Earth file (KML or KMZ).
    Kml,
    /// Any other kind of file.
    Other,
}

impl fmt::Display for ReadOnlyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Csv => "CSV",
            Self::Gpx => "GPX",
            Self::Kml => "KML",
            Self::Other => "this kind of",
        })
    }
}

/// Why a layer's edits cannot be saved back to its source file (the app shows it and keeps the layer out of
/// edit mode).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum NotWritable {
    /// The layer was drawn in the atlas or made by an analysis: there is no file to write to.
    #[error("the layer has no source file; export it instead")]
    NoSourceFile,
    /// The atlas has no writer for the source's format.
    #[error("{}: the atlas cannot write {format} files; export the layer instead", path.display())]
    NoWriter {
        /// The source file.
        path: PathBuf,
        /// Its format.
        format: ReadOnlyFormat,
    },
    /// A file of the source is missing.
    #[error("{}: the file is missing", path.display())]
    Missing {
        /// The missing file.
        path: PathBuf,
    },
    /// A file of the source is read-only.
    #[error("{}: the file is read-only", path.display())]
    ReadOnlyFile {
        /// The read-only file.
        path: PathBuf,
    },
    /// The folder holding the source is read-only (saving creates files beside the source).
    #[error("{}: the folder is read-only; saving needs to create files in it", path.display())]
    ReadOnlyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The text encoding of the source was not told with confidence: writing in a guessed encoding could
    /// garble the file's text. Choose the encoding (reload the layer with it) first.
    #[error("the text encoding of the layer is uncertain; choose it before saving edits")]
    EncodingUncertain,
    /// A database layer that cannot be edited (its table has no key, or it is a view).
    #[error("the database layer is read-only: {}", match .0 {
        crate::core::db_source::DbReadOnly::NoKey => "its table has no primary key or unique index",
        crate::core::db_source::DbReadOnly::View => "it is a view",
    })]
    DatabaseReadOnly(crate::core::db_source::DbReadOnly),
    /// A database layer's edits are saved through a connection ([`crate::core::session::Session::save_database_layer`]),
    /// not written back as a file.
    #[error("the layer lives in a database; save it to its table")]
    DatabaseLayer,
    /// The GeoPackage table the layer was read from is not known.
    #[error("{}: the GeoPackage table of the layer is not known", path.display())]
    UnknownTable {
        /// The GeoPackage.
        path: PathBuf,
    },
}

/// Why one attribute value cannot be written into its field.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ValueProblem {
    /// The text takes more bytes in the file's encoding than the field holds.
    #[error("the text takes {bytes} bytes in {encoding} but the field holds {width}")]
    TooLong {
        /// Bytes the encoded text takes.
        bytes: usize,
        /// The field's width in bytes.
        width: usize,
        /// The file's encoding.
        encoding: TextEncoding,
    },
    /// The text is longer than the column's declared maximum.
    #[error("the text has {characters} characters but the column holds at most {limit}")]
    TooManyCharacters {
        /// Characters in the text.
        characters: usize,
        /// The column's maximum.
        limit: usize,
    },
    /// A character has no representation in the file's encoding.
    #[error(
        "the character {character:?} (U+{:04X}) cannot be written in {encoding}",
        u32::from(*.character)
    )]
    Unencodable {
        /// The first character that cannot be written.
        character: char,
        /// The file's encoding.
        encoding: TextEncoding,
    },
    /// A numeric field was given something that is not a number.
    #[error("{value:?} is not a number")]
    NotANumber {
        /// The value as text.
        value: String,
    },
    /// The number written out is wider than the field.
    #[error("{text} needs {} characters but the field holds {width}", text.len())]
    TooWide {
        /// The number as it would be written.
        text: String,
        /// The field's width.
        width: usize,
    },
    /// The number has more decimal places than the field keeps.
    #[error("{value} has more decimal places than the field's {decimals}")]
    TooManyDecimals {
        /// The value as text.
        value: String,
        /// The field's decimal places.
        decimals: u8,
    },
    /// A logical field was given something that is not true or false.
    #[error("{value:?} is not true or false")]
    NotABoolean {
        /// The value as text.
        value: String,
    },
    /// A date field was given something that is not a date.
    #[error("{value:?} is not a date (YYYY-MM-DD)")]
    NotADate {
        /// The value as text.
        value: String,
    },
    /// The number is outside the range of the field's type.
    #[error("{value} is outside the range of the field's type {kind}")]
    OutOfRange {
        /// The value as text.
        value: String,
        /// The field's type.
        kind: String,
    },
    /// The field's type cannot be written by the atlas (memo, binary, …).
    #[error("the field's type {kind} cannot be written")]
    UnsupportedType {
        /// The field's type.
        kind: String,
    },
    /// The field's type cannot hold an empty value.
    #[error("a field of type {kind} cannot be left empty")]
    EmptyNotAllowed {
        /// The field's type.
        kind: String,
    },
}

/// Saving a layer's edits back to its source failed; the source files are as they were before.
#[derive(Debug, Error)]
pub enum WriteBackError {
    /// The session has no layer with this id.
    #[error("no layer with id {0:?}")]
    NoSuchLayer(LayerId),
    /// The layer cannot be written back at all.
    #[error(transparent)]
    NotWritable(#[from] NotWritable),
    /// The file changed on disk since it was read or last written (another program wrote it): writing the
    /// layer's edits over it could destroy those changes.
    #[error(
        "{}: the file changed on disk since it was read or last saved; reload it before saving edits",
        path.display()
    )]
    SourceChanged {
        /// The file that changed.
        path: PathBuf,
    },
    /// The file could not be read again to copy its unchanged records.
    #[error("cannot read the source again: {0}")]
    Reread(#[from] LoadError),
    /// The operating system refused to read or write (permission denied, disk full, …).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file's content is not what the layer was read from (the message says what).
    #[error("{}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The layer's fields are not the file's columns any more.
    #[error("{}: the layer's fields [{}] are not the file's [{}]", path.display(), layer.join(", "), file.join(", "))]
    FieldsDiffer {
        /// The file.
        path: PathBuf,
        /// The layer's field names.
        layer: Vec<String>,
        /// The file's column names.
        file: Vec<String>,
    },
    /// A changed or new geometry could not be converted into the file's CRS.
    #[error("{}: {source}", path.display())]
    Reproject {
        /// The file.
        path: PathBuf,
        /// What failed (names the feature).
        source: LayerError,
    },
    /// A feature's geometry is of a type the file cannot hold.
    #[error("{}: feature {feature}: a {found} cannot be written into a file of {expected}", path.display())]
    WrongGeometryType {
        /// The file.
        path: PathBuf,
        /// Zero-based position of the feature in the layer.
        feature: usize,
        /// What the file holds.
        expected: String,
        /// The feature's geometry type.
        found: &'static str,
    },
    /// A feature's geometry cannot be written as it is.
    #[error("{}: feature {feature}: {message}", path.display())]
    InvalidGeometry {
        /// The file.
        path: PathBuf,
        /// Zero-based position of the feature in the layer.
        feature: usize,
        /// What is wrong.
        message: String,
    },
    /// The file keeps Z or M values, which the atlas does not hold: a new or changed geometry would lose them.
    #[error(
        "{}: feature {feature}: the file keeps Z or M values, which the atlas does not hold; a changed or new geometry cannot be written",
        path.display()
    )]
    ZOrMWouldBeLost {
        /// The file.
        path: PathBuf,
        /// Zero-based position of the feature in the layer.
        feature: usize,
    },
    /// An attribute value does not fit its field.
    #[error("{}: feature {feature}, field {field}: {problem}", path.display())]
    Value {
        /// The file.
        path: PathBuf,
        /// Zero-based position of the feature in the layer.
        feature: usize,
        /// The field's name.
        field: String,
        /// What is wrong.
        problem: ValueProblem,
    },
    /// The GeoJSON document is a single Feature or Geometry, not a FeatureCollection.
    #[error("{}: only a GeoJSON FeatureCollection can take edits back", path.display())]
    NotAFeatureCollection {
        /// The file.
        path: PathBuf,
    },
    /// The result would exceed the format's size limits (a Shapefile's 2 GB, a dBASE table's record count).
    #[error("{}: the file would exceed the format's size limit", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// SQLite failed; the transaction was rolled back.
    #[error("{}: SQLite: {message} (nothing was changed)", path.display())]
    Database {
        /// The GeoPackage.
        path: PathBuf,
        /// What SQLite said.
        message: String,
    },
}
