//! Coverage results as files: the JSON and CSV tables of `hpatlas coverage`, and the uncovered gap polygons
//! as RFC 7946 GeoJSON (WGS 84).

use geo::{Area, MultiPolygon};
use serde::Serialize;
use serde_json::json;

use super::coverage_model::{CoverageModel, CoverageTotals, UnitCoverage};
use super::gaps::unit_shapes;
use crate::core::crs::{CrsError, MAP_CRS, Reprojector, WGS84};

/// The coverage table as written by `hpatlas coverage --format json`.
#[derive(Debug, Serialize)]
pub struct CoverageReport<'a> {
    /// One row per unit.
    pub units: &'a [UnitCoverage],
    /// Sums over all units.
    pub total: CoverageTotals,
}

/// The JSON report of a model.
pub fn coverage_json(model: &CoverageModel) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&CoverageReport {
        units: model.results(),
        total: model.totals(),
    })
}

/// The CSV report of a model: a header, one row per unit, and a `TOTAL` row.
pub fn coverage_csv(model: &CoverageModel) -> String {
    let mut text = String::from("unit,area_m2,covered_m2,covered_pct\n");
    for row in model.results() {
        text.push_str(&format!(
            "{},{:.2},{:.2},{:.4}\n",
            csv_field(&row.unit),
            row.area_m2,
            row.covered_m2,
            row.covered_pct
        ));
    }
    let total = model.totals();
    text.push_str(&format!(
        "TOTAL,{:.2},{:.2},{:.4}\n",
        total.area_m2, total.covered_m2, total.covered_pct
    ));
    text
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The uncovered gap polygons of every unit as a GeoJSON FeatureCollection in WGS 84, with the unit's name
/// and each gap's area. Units whose overlay fails are listed in `failed_units` instead.
pub fn gaps_geojson(model: &CoverageModel) -> Result<(serde_json::Value, Vec<String>), CrsError> {
    let to_wgs84 = Reprojector::new(MAP_CRS, WGS84)?;
    let mut features = Vec::new();
    let mut failed_units = Vec::new();
    for unit in 0..model.unit_count() {
        let (Some(geometry), Some(row)) = (model.unit_geometry(unit), model.results().get(unit))
        else {
            continue;
        };
        match unit_shapes(geometry, &model.discs_for_unit(unit)) {
            Ok(shapes) => {
                for gap in shapes.gaps {
                    let area_m2 = gap.unsigned_area();
                    let gap = to_wgs84.convert_geometry(&geo::Geometry::MultiPolygon(
                        MultiPolygon::new(vec![gap]),
                    ))?;
                    features.push(json!({
                        "type": "Feature",
                        "properties": { "unit": row.unit, "gap_area_m2": (area_m2 * 100.0).round() / 100.0 },
                        "geometry": geojson::Geometry::from(&gap),
                    }));
                }
            }
            Err(_) => failed_units.push(row.unit.clone()),
        }
    }
    Ok((
        json!({ "type": "FeatureCollection", "features": features }),
        failed_units,
    ))
}
