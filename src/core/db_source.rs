//! A layer's source in a PostGIS database, as plain data: how to connect (a libpq connection string, never
//! with a password), which table, which key column, and which part of it was loaded; and, for a layer read
//! from one, the key and row version of every row it read ([`DbRows`]), so edits can be saved back without
//! overwriting another planner's newer change.
//!
//! A data source is written as GDAL writes it: `PG:` followed by a libpq connection string with one extra
//! keyword naming the table, e.g. `PG:service=hp_planning table=quy_hoach.su_dung_dat` or
//! `PG:host=db port=5432 dbname=qh user=lan table=su_dung_dat key=gid` (`tables=` is accepted for `table=`,
//! `key=` names the key column of a view). Values follow libpq's rules: single quotes around a value with
//! spaces, `\'` and `\\` inside. A `password=` in the string is taken out as a [`Secret`] kept in memory
//! only; [`DbSource`] prints and serialises without it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The prefix of a database data source.
pub const PG_PREFIX: &str = "PG:";

/// A password, kept in memory only: it has no `Display`, and its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Self(password.into())
    }

    /// The password itself, for the connection handshake only.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A schema-qualified table (or view) name, each part as the database spells it (not quoted).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableRef {
    /// The schema (`public` when the source names none).
    pub schema: String,
    /// The table or view.
    pub name: String,
}

impl TableRef {
    /// `schema.name`, or the bare name in `public`, for messages and layer names.
    pub fn display_name(&self) -> String {
        if self.schema == "public" {
            self.name.clone()
        } else {
            format!("{}.{}", self.schema, self.name)
        }
    }

    /// Reads `schema.name`, `name` (schema `public`), or either part in double quotes when it holds a dot
    /// (`"quy hoạch"."sử dụng đất"`).
    pub fn parse(text: &str) -> Result<Self, DbSourceError> {
        let parts = split_qualified(text)?;
        match parts.as_slice() {
            [name] => Ok(Self {
                schema: "public".to_string(),
                name: name.clone(),
            }),
            [schema, name] => Ok(Self {
                schema: schema.clone(),
                name: name.clone(),
            }),
            _ => Err(DbSourceError::BadTable(text.to_string())),
        }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |text: &str| {
            if text.contains('.') || text.contains('"') {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text.to_string()
            }
        };
        write!(f, "{}.{}", part(&self.schema), part(&self.name))
    }
}

/// A box in the table's own CRS that limited what was loaded (*Chỉ vùng đang xem*): min x, min y, max x,
/// max y in the units of the table's SRID.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewBox {
    /// The table's SRID the box is in.
    pub srid: i32,
    /// `[min_x, min_y, max_x, max_y]`.
    pub bounds: [f64; 4],
}

/// Where a layer's data lives in a database: the connection (without password), the table, the key column
/// and the part loaded. Prints and serialises as `PG:…` (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct DbSource {
    /// libpq keywords and values in the order given, `password` never among them.
    pub connection: Vec<(String, String)>,
    /// The table or view.
    pub table: TableRef,
    /// The key column the planner chose (for a view); the table's primary key is found otherwise.
    pub key_column: Option<String>,
}

/// A `PG:` data source could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DbSourceError {
    /// The text does not start with `PG:`.
    #[error("not a database source (it should start with PG:)")]
    NotDatabase,
    /// A value's quotes are not closed.
    #[error("a quoted value is not closed in the connection string")]
    UnclosedQuote,
    /// A word has no `=value`.
    #[error("{0:?} in the connection string has no value (write keyword=value)")]
    NoValue(String),
    /// The string names no table.
    #[error("the connection string names no table (add table=schema.name)")]
    NoTable,
    /// The table name cannot be read.
    #[error(
        "table name {0:?} cannot be read (write schema.name, with double quotes around a part that holds a dot)"
    )]
    BadTable(String),
}

impl DbSource {
    /// Reads `PG:…`, returning the source and the password it held, if any (see the module documentation).
    pub fn parse_with_password(text: &str) -> Result<(Self, Option<Secret>), DbSourceError> {
        let rest = text
            .trim()
            .strip_prefix(PG_PREFIX)
            .or_else(|| text.trim().strip_prefix("pg:"))
            .ok_or(DbSourceError::NotDatabase)?;
        let mut connection = Vec::new();
        let mut table = None;
        let mut key_column = None;
        let mut password = None;
        for (keyword, value) in parse_conninfo(rest)? {
            match keyword.as_str() {
                "table" | "tables" => table = Some(TableRef::parse(&value)?),
                "key" => key_column = Some(value),
                "password" => password = Some(Secret::new(value)),
                _ => connection.push((keyword, value)),
            }
        }
        let table = table.ok_or(DbSourceError::NoTable)?;
        Ok((
            Self {
                connection,
                table,
                key_column,
            },
            password,
        ))
    }

    /// True when `text` is a database source (starts with `PG:`).
    pub fn is_database_source(text: &str) -> bool {
        let text = text.trim_start();
        text.starts_with(PG_PREFIX) || text.starts_with("pg:")
    }

    /// The value of a connection keyword, as given in the source.
    pub fn keyword(&self, keyword: &str) -> Option<&str> {
        self.connection
            .iter()
            .find(|(name, _)| name == keyword)
            .map(|(_, value)| value.as_str())
    }

    /// The connection string without the table keywords (for libpq-style resolution).
    pub fn conninfo(&self) -> String {
        self.connection
            .iter()
            .map(|(keyword, value)| format!("{keyword}={}", quote_value(value)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A short name for the connection in messages: the service, or `user@host/db`.
    pub fn connection_label(&self) -> String {
        if let Some(service) = self.keyword("service") {
            return format!("service {service}");
        }
        let host = self.keyword("host").unwrap_or("localhost");
        let database = self.keyword("dbname").unwrap_or("");
        match self.keyword("user") {
            Some(user) => format!("{user}@{host}/{database}"),
            None => format!("{host}/{database}"),
        }
    }
}

impl fmt::Display for DbSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(PG_PREFIX)?;
        let conninfo = self.conninfo();
        if !conninfo.is_empty() {
            write!(f, "{conninfo} ")?;
        }
        write!(f, "table={}", quote_value(&self.table.to_string()))?;
        if let Some(key) = &self.key_column {
            write!(f, " key={}", quote_value(key))?;
        }
        Ok(())
    }
}

impl FromStr for DbSource {
    type Err = DbSourceError;

    /// Reads `PG:…`; a password in it is dropped (use [`DbSource::parse_with_password`] to keep it).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse_with_password(text).map(|(source, _)| source)
    }
}

impl Serialize for DbSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DbSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Splits a libpq connection string into keyword/value pairs (see the module documentation).
pub fn parse_conninfo(text: &str) -> Result<Vec<(String, String)>, DbSourceError> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut keyword = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            keyword.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(DbSourceError::NoValue(keyword));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(DbSourceError::UnclosedQuote),
                    Some('\'') => break,
                    Some('\\') => value.push(chars.next().ok_or(DbSourceError::UnclosedQuote)?),
                    Some(c) => value.push(c),
                }
            }
        } else {
            // Our own `table=` keyword may hold double-quoted SQL names with spaces in them
            // (`table="quy hoach"."sử dụng đất"`); libpq's keywords keep libpq's rule.
            let names_a_table =
                keyword.eq_ignore_ascii_case("table") || keyword.eq_ignore_ascii_case("tables");
            let mut in_double_quotes = false;
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() && !in_double_quotes {
                    break;
                }
                chars.next();
                if names_a_table && c == '"' {
                    in_double_quotes = !in_double_quotes;
                    value.push(c);
                } else if c == '\\' {
                    value.push(chars.next().ok_or(DbSourceError::UnclosedQuote)?);
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((keyword.to_ascii_lowercase(), value));
    }
}

/// A value as libpq reads it back: bare when it is plain, else in single quotes with `\` and `'` escaped.
pub fn quote_value(value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '\'' || c == '\\');
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// Splits `a.b` into its parts, honouring double quotes (`""` inside quotes is one quote).
fn split_qualified(text: &str) -> Result<Vec<String>, DbSourceError> {
    let bad = || DbSourceError::BadTable(text.to_string());
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.trim().chars().peekable();
    let mut quoted_part = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if current.is_empty() && !quoted_part => {
                quoted_part = true;
                loop {
                    match chars.next() {
                        None => return Err(bad()),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            current.push('"');
                        }
                        Some('"') => break,
                        Some(c) => current.push(c),
                    }
                }
            }
            '.' => {
                if current.is_empty() {
                    return Err(bad());
                }
                parts.push(std::mem::take(&mut current));
                quoted_part = false;
            }
            _ if quoted_part => return Err(bad()),
            c => current.push(c),
        }
    }
    if current.is_empty() {
        return Err(bad());
    }
    parts.push(current);
    Ok(parts)
}

/// The value of a row's key column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DbKey {
    /// An integer key (`int2`, `int4`, `int8`).
    Integer(i64),
    /// Any other key, as the server prints it (`uuid`, `text`, …), sent back as text and cast by the server.
    Text(String),
}

impl fmt::Display for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(value) => write!(f, "{value}"),
            Self::Text(value) => f.write_str(value),
        }
    }
}

/// One row a layer read or wrote: its key and the version the layer last saw (the row's `xmin`, or the
/// value of the table's version column, as text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbRow {
    /// The key.
    pub key: DbKey,
    /// The row version when read or last written by this layer.
    pub version: String,
}

/// One column of a database table as the atlas maps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbColumn {
    /// The column name as the database spells it.
    pub name: String,
    /// The server's type name (`int4`, `numeric`, `text`, `timestamptz`, …).
    pub type_name: String,
}

/// Why a database layer cannot be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbReadOnly {
    /// The table has no primary key or single-column unique index, so a row cannot be found again.
    NoKey,
    /// A view: it has no row versions (`xmin`), so another planner's change could not be noticed.
    View,
}

/// What the atlas knows about a table it read: its columns, geometry column, SRID and key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbTableInfo {
    /// The geometry column.
    pub geometry_column: String,
    /// True for a `geography` column (read and written as `geometry` in SRID 4326).
    pub geography: bool,
    /// The declared geometry type (`MULTIPOLYGON`, `GEOMETRY`, …).
    pub geometry_type: String,
    /// The SRID the rows' geometry is in.
    pub srid: i32,
    /// The key column, if the table has one (or the planner chose one).
    pub key_column: Option<String>,
    /// The key column's type name.
    pub key_type: Option<String>,
    /// True when the server gives new rows their key (a default: serial, identity, a sequence).
    pub key_has_default: bool,
    /// The attribute columns, in the layer's field order.
    pub columns: Vec<DbColumn>,
    /// The table's estimated row count (`pg_class.reltuples`), `None` when never analysed.
    pub estimated_rows: Option<u64>,
    /// True for a view.
    pub is_view: bool,
}

/// A layer's link to its database table: where it is, what it is, what was loaded, and the key and version
/// of each row the layer knows (indexed by the locations in [`crate::core::source_state::SourceState`]).
#[derive(Clone, Debug)]
pub struct DbLayerSource {
    /// The connection and table.
    pub source: DbSource,
    /// The table's shape.
    pub table: DbTableInfo,
    /// The box the load was limited to, if any.
    pub view_box: Option<ViewBox>,
    /// Rows by location: the layer's record `location` is an index into this list.
    pub rows: Vec<DbRow>,
    /// Why the layer cannot be edited, if it cannot.
    pub read_only: Option<DbReadOnly>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_keeps_its_keywords_table_and_key_and_drops_the_password() {
        let (source, password) = DbSource::parse_with_password(
            "PG:host=db.local port=5433 dbname='quy hoạch' user=lan password='p w\\'d' tables=\"quy.hoach\".\"sử dụng đất\" key=gid",
        )
        .expect("source");
        assert_eq!(
            password.map(|p| p.reveal().to_string()),
            Some("p w'd".to_string())
        );
        assert_eq!(source.keyword("dbname"), Some("quy hoạch"));
        assert_eq!(source.table.schema, "quy.hoach");
        assert_eq!(source.table.name, "sử dụng đất");
        assert_eq!(source.key_column.as_deref(), Some("gid"));
        let printed = source.to_string();
        assert!(!printed.contains("p w"), "{printed}");
        let again: DbSource = printed.parse().expect("round trip");
        assert_eq!(again, source);
    }

    #[test]
    fn bad_sources_say_what_is_wrong() {
        assert_eq!(
            DbSource::parse_with_password("PG:service=hp").map(|_| ()),
            Err(DbSourceError::NoTable)
        );
        assert_eq!(
            DbSource::parse_with_password("PG:dbname='x table=y").map(|_| ()),
            Err(DbSourceError::UnclosedQuote)
        );
        assert_eq!(
            DbSource::parse_with_password("PG:service table=y").map(|_| ()),
            Err(DbSourceError::NoValue("service".to_string()))
        );
        assert!(matches!(
            DbSource::parse_with_password("PG:table=a.b.c"),
            Err(DbSourceError::BadTable(_))
        ));
        assert_eq!(
            DbSource::parse_with_password("/tmp/x.shp").map(|_| ()),
            Err(DbSourceError::NotDatabase)
        );
        let hostile: DbSource = "PG:service=hp table='x\"; DROP TABLE y; --'"
            .parse()
            .expect("a strange name is still a name");
        assert_eq!(hostile.table.name, "x\"; DROP TABLE y; --");
    }

    #[test]
    fn a_secret_never_prints() {
        let secret = Secret::new("hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
