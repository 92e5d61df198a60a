//! The attribute table of a KML layer: the fixed columns `name`, `description`, `folder` and `style`, then
//! `id` when a placemark has an `id` attribute (`kml_id` when an ExtendedData column is already called
//! `id`), then one column per ExtendedData name (`<Data name>` and `<SimpleData name>`, and the
//! `<SimpleField>`s of a `<Schema>`), in the order first seen; a placemark without a value has null there.
//!
//! KML stores every value as text. An ExtendedData column whose values are all whole numbers becomes an
//! integer column, all numbers a real column (so a population or an area can be summed and styled), unless a
//! value has a leading zero (`007`, a code, stays text). An ExtendedData name that equals a fixed column's
//! (ignoring case, as GeoPackage and SQL do) gets `_2` appended.

use std::collections::HashMap;

use crate::core::attributes::{AttributeValue, Field, infer_field_kinds};

/// The fixed columns, in order.
pub const FIXED_COLUMNS: [&str; 4] = ["name", "description", "folder", "style"];

/// The attributes of one placemark as written in the file.
#[derive(Clone, Debug, Default)]
pub(super) struct PlacemarkRecord {
    /// `<name>`.
    pub name: Option<String>,
    /// `<description>`.
    pub description: Option<String>,
    /// The names of the folders it is in, joined with " / ".
    pub folder: Option<String>,
    /// `<styleUrl>`.
    pub style: Option<String>,
    /// The `id` attribute of `<Placemark>`.
    pub id: Option<String>,
    /// ExtendedData values: the column (see [`DataColumns::column`]) and the text.
    pub data: Vec<(usize, String)>,
}

/// The ExtendedData column names seen so far, in first-seen order.
#[derive(Default)]
pub(super) struct DataColumns {
    names: Vec<String>,
    positions: HashMap<String, usize>,
}

impl DataColumns {
    /// The column of `name`, added when new.
    pub fn column(&mut self, name: &str) -> usize {
        if let Some(&position) = self.positions.get(name) {
            return position;
        }
        let position = self.names.len();
        self.names.push(name.to_string());
        self.positions.insert(name.to_string(), position);
        position
    }
}

/// The fields and the rows (one per record, in order) of the layer.
pub(super) fn attribute_table(
    records: Vec<PlacemarkRecord>,
    columns: DataColumns,
) -> (Vec<Field>, Vec<Vec<AttributeValue>>) {
    let has_id = records.iter().any(|record| record.id.is_some());
    let names = column_names(&columns.names, has_id);
    let kinds = data_kinds(&records, columns.names.len());
    let first_data_column = FIXED_COLUMNS.len() + usize::from(has_id);
    let rows: Vec<Vec<AttributeValue>> = records
        .into_iter()
        .map(|record| {
            let text =
                |value: Option<String>| value.map_or(AttributeValue::Null, AttributeValue::Text);
            let mut row = Vec::with_capacity(names.len());
            row.push(text(record.name));
            row.push(text(record.description));
            row.push(text(record.folder));
            row.push(text(record.style));
            if has_id {
                row.push(text(record.id));
            }
            row.resize(names.len(), AttributeValue::Null);
            for (column, value) in record.data {
                let kind = kinds.get(column).copied().unwrap_or(DataKind::Text);
                if let Some(cell) = row.get_mut(first_data_column + column) {
                    *cell = typed(&value, kind);
                }
            }
            row
        })
        .collect();
    (infer_field_kinds(names, &rows), rows)
}

/// The column names: the fixed ones, the id column, then the ExtendedData names (renamed on a clash).
fn column_names(data_names: &[String], has_id: bool) -> Vec<String> {
    let mut names: Vec<String> = FIXED_COLUMNS.iter().map(|name| name.to_string()).collect();
    if has_id {
        let data_has_id = data_names
            .iter()
            .any(|name| name.eq_ignore_ascii_case("id"));
        names.push(if data_has_id { "kml_id" } else { "id" }.to_string());
    }
    let reserved = names.len();
    for name in data_names {
        let clashes = names
            .iter()
            .take(reserved)
            .any(|fixed| fixed.eq_ignore_ascii_case(name));
        names.push(if clashes {
            format!("{name}_2")
        } else {
            name.clone()
        });
    }
    names
}

/// What the values of an ExtendedData column all are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DataKind {
    Integer,
    Real,
    Text,
}

/// The kind of each ExtendedData column, from all its values.
fn data_kinds(records: &[PlacemarkRecord], count: usize) -> Vec<DataKind> {
    let mut kinds = vec![DataKind::Integer; count];
    for record in records {
        for (column, value) in &record.data {
            if let Some(kind) = kinds.get_mut(*column) {
                *kind = widen(*kind, value.trim());
            }
        }
    }
    kinds
}

/// The kind a column is once it also holds `value`.
fn widen(kind: DataKind, value: &str) -> DataKind {
    if value.is_empty() || kind == DataKind::Text {
        return kind;
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return DataKind::Text;
    }
    if kind == DataKind::Integer && value.parse::<i64>().is_ok() {
        return DataKind::Integer;
    }
    match value.parse::<f64>() {
        // Letters other than an exponent's `e` would let `inf`, `NaN` and `infinity` through.
        Ok(number)
            if number.is_finite()
                && !value.contains(|c: char| c.is_alphabetic() && c != 'e' && c != 'E') =>
        {
            DataKind::Real
        }
        _ => DataKind::Text,
    }
}

/// The value as its column's kind (trimmed; empty text is null).
fn typed(value: &str, kind: DataKind) -> AttributeValue {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return AttributeValue::Null;
    }
    match kind {
        DataKind::Integer => trimmed.parse::<i64>().map_or_else(
            |_| AttributeValue::Text(trimmed.to_string()),
            AttributeValue::Integer,
        ),
        DataKind::Real => trimmed.parse::<f64>().map_or_else(
            |_| AttributeValue::Text(trimmed.to_string()),
            AttributeValue::Real,
        ),
        DataKind::Text => AttributeValue::Text(trimmed.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::attributes::AttributeKind;

    fn record(id: Option<&str>, data: &[(usize, &str)]) -> PlacemarkRecord {
        PlacemarkRecord {
            id: id.map(str::to_string),
            data: data
                .iter()
                .map(|(column, value)| (*column, value.to_string()))
                .collect(),
            ..PlacemarkRecord::default()
        }
    }

    #[test]
    fn columns_are_the_union_in_first_seen_order_with_nulls_for_missing_values() {
        let mut columns = DataColumns::default();
        let dan_so = columns.column("dan_so");
        let ma = columns.column("ma");
        assert_eq!(columns.column("dan_so"), dan_so);
        let records = vec![
            record(None, &[(dan_so, "1200"), (ma, "007")]),
            record(None, &[(ma, "12")]),
        ];
        let (fields, rows) = attribute_table(records, columns);
        let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
        assert_eq!(
            names,
            ["name", "description", "folder", "style", "dan_so", "ma"]
        );
        assert_eq!(fields[4].kind, AttributeKind::Integer);
        assert_eq!(
            fields[5].kind,
            AttributeKind::Text,
            "a leading zero is a code"
        );
        assert_eq!(rows[0][4], AttributeValue::Integer(1200));
        assert_eq!(rows[1][4], AttributeValue::Null);
        assert_eq!(rows[1][5], AttributeValue::Text("12".into()));
    }

    #[test]
    fn numbers_are_typed_only_when_every_value_is_one() {
        assert_eq!(widen(DataKind::Integer, "12"), DataKind::Integer);
        assert_eq!(widen(DataKind::Integer, "12.5"), DataKind::Real);
        assert_eq!(widen(DataKind::Integer, "1e3"), DataKind::Real);
        assert_eq!(widen(DataKind::Integer, "0.5"), DataKind::Real);
        assert_eq!(widen(DataKind::Integer, "-0.5"), DataKind::Real);
        assert_eq!(widen(DataKind::Integer, "0"), DataKind::Integer);
        assert_eq!(widen(DataKind::Integer, "inf"), DataKind::Text);
        assert_eq!(widen(DataKind::Integer, "NaN"), DataKind::Text);
        assert_eq!(widen(DataKind::Real, "12,5"), DataKind::Text);
        assert_eq!(widen(DataKind::Real, ""), DataKind::Real);
    }

    #[test]
    fn the_id_column_makes_way_for_an_extended_data_id_and_clashes_are_renamed() {
        let mut columns = DataColumns::default();
        let id = columns.column("ID");
        let name = columns.column("Name");
        let records = vec![record(Some("pm1"), &[(id, "5"), (name, "x")])];
        let (fields, rows) = attribute_table(records, columns);
        let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "name",
                "description",
                "folder",
                "style",
                "kml_id",
                "ID",
                "Name_2"
            ]
        );
        assert_eq!(rows[0][4], AttributeValue::Text("pm1".into()));
    }
}
