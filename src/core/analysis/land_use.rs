//! The land-use balance ("Bảng cân bằng sử dụng đất") of a zoning layer: for each land-use class, its area
//! in hectares and share of the total, and — when the layer has a population attribute — the per-person
//! norm in m²/person, the table every Vietnamese planning report carries.
//!
//! Areas are planar areas in the map CRS (VN-2000 / TM-3 105°45', scale error under 0.05 % over Hai Phong),
//! the same measure the coverage analysis uses. The norm of a class is its area divided by the population of
//! the whole layer (that is how planning reports state "đất ở … m²/người": land of the class per resident of
//! the planning area), so the norms of all classes add up to the total area per person. Features without a
//! class value are counted in their own row (class `None`); lines, points and empty geometries are ignored.
//! The table is recomputed from the layer, so it follows every edit of a zone's shape or class.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use geo::{Area, Geometry};
use thiserror::Error;

use crate::core::attributes::AttributeValue;
use crate::core::layer::Layer;

/// One row of the balance: one land-use class.
#[derive(Clone, Debug, PartialEq)]
pub struct LandUseRow {
    /// The class value (`None` for features without one).
    pub class: Option<String>,
    /// How many polygon features have this class.
    pub features: usize,
    /// Their total area, m².
    pub area_m2: f64,
    /// The share of the layer's total polygon area, per cent.
    pub share_pct: f64,
    /// The class's area per resident of the whole layer, m²/person (when the layer has a population).
    pub m2_per_person: Option<f64>,
}

/// The land-use balance of one layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LandUseBalance {
    /// One row per class, largest area first (ties by class value).
    pub rows: Vec<LandUseRow>,
    /// The total polygon area, m².
    pub total_area_m2: f64,
    /// The total population (sum of the population attribute), when a population field was given.
    pub population: Option<f64>,
}

/// The balance cannot be computed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LandUseError {
    /// The layer has no such field.
    #[error("the layer has no field {0:?}")]
    NoSuchField(String),
}

/// The land-use balance of `layer` by `class_field`, with norms per person from `population_field`.
pub fn land_use_balance(
    layer: &Layer,
    class_field: &str,
    population_field: Option<&str>,
) -> Result<LandUseBalance, LandUseError> {
    let class_column = layer
        .field_position(class_field)
        .ok_or_else(|| LandUseError::NoSuchField(class_field.to_string()))?;
    let population_column = population_field
        .map(|name| {
            layer
                .field_position(name)
                .ok_or_else(|| LandUseError::NoSuchField(name.to_string()))
        })
        .transpose()?;
    let mut by_class: BTreeMap<Option<String>, (usize, f64)> = BTreeMap::new();
    let mut population = 0.0;
    for feature in &layer.features {
        let area_m2 = polygon_area_m2(&feature.geometry_in_map);
        if let Some(column) = population_column {
            population += feature
                .attributes
                .get(column)
                .and_then(AttributeValue::as_f64)
                .filter(|value| value.is_finite() && *value > 0.0)
                .unwrap_or(0.0);
        }
        if area_m2 <= 0.0 {
            continue;
        }
        let class = feature.attributes.get(class_column).and_then(class_text);
        let entry = by_class.entry(class).or_default();
        entry.0 += 1;
        entry.1 += area_m2;
    }
    let total_area_m2: f64 = by_class.values().map(|(_, area)| area).sum();
    let population = population_column.map(|_| population);
    let mut rows: Vec<LandUseRow> = by_class
        .into_iter()
        .map(|(class, (features, area_m2))| LandUseRow {
            class,
            features,
            area_m2,
            share_pct: share(area_m2, total_area_m2),
            m2_per_person: population
                .filter(|people| *people > 0.0)
                .map(|people| area_m2 / people),
        })
        .collect();
    rows.sort_by(|a, b| b.area_m2.total_cmp(&a.area_m2).then(a.class.cmp(&b.class)));
    Ok(LandUseBalance {
        rows,
        total_area_m2,
        population,
    })
}

impl LandUseBalance {
    /// The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Vietnamese letters):
    /// class, its legend name (from `name_of`), feature count, area in ha, share in %, m²/person; a total
    /// row last. `headers` are the column titles in the interface's language.
    pub fn to_csv(&self, headers: [&str; 6], name_of: impl Fn(Option<&str>) -> String) -> String {
        let mut csv = String::from("\u{feff}");
        csv.push_str(&csv_line(headers.iter().map(|header| header.to_string())));
        for row in &self.rows {
            csv.push_str(&csv_line([
                row.class.clone().unwrap_or_default(),
                name_of(row.class.as_deref()),
                row.features.to_string(),
                format!("{:.2}", row.area_m2 / 10_000.0),
                format!("{:.2}", row.share_pct),
                row.m2_per_person
                    .map(|norm| format!("{norm:.1}"))
                    .unwrap_or_default(),
            ]));
        }
        let total_norm = self
            .population
            .filter(|people| *people > 0.0)
            .map(|people| format!("{:.1}", self.total_area_m2 / people))
            .unwrap_or_default();
        csv.push_str(&csv_line([
            String::new(),
            name_of(Some("")),
            self.rows
                .iter()
                .map(|row| row.features)
                .sum::<usize>()
                .to_string(),
            format!("{:.2}", self.total_area_m2 / 10_000.0),
            format!("{:.2}", if self.rows.is_empty() { 0.0 } else { 100.0 }),
            total_norm,
        ]));
        csv
    }
}

/// The area of a feature's polygons, m² (0 for lines, points and empty geometries).
fn polygon_area_m2(geometry: &Geometry) -> f64 {
    match geometry {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) | Geometry::Rect(_) => {
            geometry.unsigned_area()
        }
        Geometry::GeometryCollection(collection) => collection.iter().map(polygon_area_m2).sum(),
        _ => 0.0,
    }
}

/// A class value as text; `None` for null and empty text.
fn class_text(value: &AttributeValue) -> Option<String> {
    match value {
        AttributeValue::Null => None,
        other => Some(other.to_string()).filter(|text| !text.trim().is_empty()),
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        100.0 * part / whole
    } else {
        0.0
    }
}

/// One CSV line (RFC 4180 quoting), ending in CRLF.
fn csv_line(cells: impl IntoIterator<Item = String>) -> String {
    let mut line = String::new();
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            let _ = write!(line, "\"{}\"", cell.replace('"', "\"\""));
        } else {
            line.push_str(&cell);
        }
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::attributes::{AttributeKind, Field};
    use crate::core::crs::MAP_CRS;
    use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
    use geo::{LineString, Polygon};

    fn square(x: f64, side_m: f64) -> Geometry {
        let ring = LineString::from(vec![
            (x, 0.0),
            (x + side_m, 0.0),
            (x + side_m, side_m),
            (x, side_m),
            (x, 0.0),
        ]);
        Geometry::Polygon(Polygon::new(ring, vec![]))
    }

    fn zoning() -> Layer {
        let feature = |geometry, class: &str, people: i64| SourceFeature {
            geometry,
            attributes: vec![
                if class.is_empty() {
                    AttributeValue::Null
                } else {
                    AttributeValue::Text(class.into())
                },
                AttributeValue::Integer(people),
            ],
        };
        let data = LayerData {
            name: "Quy hoạch".into(),
            source_path: None,
            crs: MAP_CRS,
            crs_origin: CrsOrigin::Declared,
            fields: vec![
                Field {
                    name: "class".into(),
                    kind: AttributeKind::Text,
                },
                Field {
                    name: "dan_so".into(),
                    kind: AttributeKind::Integer,
                },
            ],
            features: vec![
                feature(square(500_000.0, 100.0), "residential", 300),
                feature(square(501_000.0, 200.0), "residential", 500),
                feature(square(502_000.0, 100.0), "green_space", 0),
                feature(square(503_000.0, 100.0), "", 200),
            ],
            text_encoding: None,
            notes: Vec::new(),
        };
        Layer::prepare(data, &mut |_| {}).expect("prepared")
    }

    #[test]
    fn areas_shares_and_norms_per_class() {
        let balance = land_use_balance(&zoning(), "class", Some("dan_so")).expect("balance");
        assert_eq!(balance.total_area_m2, 70_000.0);
        assert_eq!(balance.population, Some(1_000.0));
        let residential = &balance.rows[0];
        assert_eq!(residential.class.as_deref(), Some("residential"));
        assert_eq!(residential.features, 2);
        assert_eq!(residential.area_m2, 50_000.0);
        assert!((residential.share_pct - 500.0 / 7.0).abs() < 1e-9);
        assert_eq!(residential.m2_per_person, Some(50.0));
        let classes: Vec<Option<&str>> = balance
            .rows
            .iter()
            .map(|row| row.class.as_deref())
            .collect();
        assert_eq!(classes, [Some("residential"), None, Some("green_space")]);
        let shares: f64 = balance.rows.iter().map(|row| row.share_pct).sum();
        assert!((shares - 100.0).abs() < 1e-9);
    }

    #[test]
    fn csv_has_a_header_a_row_per_class_and_a_total() {
        let balance = land_use_balance(&zoning(), "class", Some("dan_so")).expect("balance");
        let csv = balance.to_csv(
            [
                "Mã",
                "Loại đất",
                "Số lô",
                "Diện tích (ha)",
                "Tỷ lệ (%)",
                "m²/người",
            ],
            |class| match class {
                Some("residential") => "Đất ở, \"mới\"".into(),
                Some("") => "Tổng".into(),
                other => other.unwrap_or("Chưa phân loại").into(),
            },
        );
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "Mã,Loại đất,Số lô,Diện tích (ha),Tỷ lệ (%),m²/người"
        );
        assert_eq!(
            lines[1],
            "residential,\"Đất ở, \"\"mới\"\"\",2,5.00,71.43,50.0"
        );
        assert_eq!(lines[4], ",Tổng,4,7.00,100.00,70.0");
        assert!(csv.starts_with('\u{feff}'));
    }

    #[test]
    fn a_missing_field_is_named() {
        assert_eq!(
            land_use_balance(&zoning(), "loai_dat", None),
            Err(LandUseError::NoSuchField("loai_dat".into()))
        );
    }
}
