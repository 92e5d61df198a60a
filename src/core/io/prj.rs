//! The coordinate system of a `.prj` file (ESRI or OGC WKT), matched to an EPSG code.
//!
//! PROJ parses the WKT (both dialects) and describes it as PROJJSON. A definition that names its EPSG code is
//! taken at its word; one on another datum than VN-2000 is identified by PROJ against the whole EPSG register
//! ([`super::prj_identify`]). A VN-2000 definition is compared, parameter by parameter, with the VN-2000
//! systems planners in Hai Phong meet (geographic, UTM 48N–49N, every TM-3 zone), PROJ's identification
//! being the fallback. VN-2000 is recognised by its datum
//! name, or by a `TOWGS84` close to the official VN-2000 → WGS 84 parameters (files often call the datum
//! something else). When that `TOWGS84` has the rotations with the opposite sign convention (the EPSG
//! coordinate-frame values copied into WKT's position-vector slot; read from the text, since PROJ normalises
//! what it reports) a warning says so; the atlas uses EPSG's own
//! transformation either way.

use serde_json::Value;
use thiserror::Error;

use crate::core::crs::{Crs, vn2000_central_meridian_deg, vn2000_epsg_codes};
use crate::core::layer_note::LayerNote;

/// The official VN-2000 → WGS 84 translations (metres) and rotations in the position-vector convention
/// (arc-seconds) that WKT `TOWGS84` uses: EPSG's coordinate-frame rotations with their signs flipped.
const VN2000_TRANSLATION_M: [f64; 3] = [-191.90441429, -39.30318279, -111.45032835];
const VN2000_ROTATION_PV_ARCSEC: [f64; 3] = [0.00928836, -0.01975479, 0.00427372];

/// A `.prj` matched to an EPSG CRS, with any remark about it.
#[derive(Clone, Debug, PartialEq)]
pub struct PrjMatch {
    /// The matching CRS.
    pub crs: Crs,
    /// Remarks for the user (e.g. a `TOWGS84` with the wrong rotation signs).
    pub warnings: Vec<LayerNote>,
}

/// Why a `.prj` (or a GeoPackage's WKT definition) could not be matched to an EPSG CRS.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PrjProblem {
    /// The text is empty.
    #[error("the .prj is empty")]
    Empty,
    /// PROJ cannot read the WKT; its message (English, from PROJ) is kept.
    #[error("PROJ cannot read the .prj: {0}")]
    Unreadable(String),
    /// PROJ read the WKT but cannot describe it.
    #[error("PROJ cannot describe the .prj: {0}")]
    Undescribable(String),
    /// The WKT describes a CRS that matches none the atlas knows.
    #[error(
        "the .prj describes \"{name}\", which matches none of the EPSG systems the atlas knows"
    )]
    Unmatched {
        /// The CRS's name in the WKT.
        name: String,
    },
}

/// Matches WKT text to an EPSG CRS; `Err` says why it could not (PROJ's complaint, or the CRS's name).
pub fn match_prj(wkt: &str) -> Result<PrjMatch, PrjProblem> {
    let text = wkt.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return Err(PrjProblem::Empty);
    }
    let description = describe(text)?;
    let mut warnings = Vec::new();
    let crs_json = without_bound(&description);
    let towgs84 = towgs84_in_text(text);
    let datum_is_vn2000 =
        mentions_vn2000(crs_json) || towgs84.as_ref().is_some_and(translation_is_vn2000);
    if let Some(warning) = towgs84.as_ref().and_then(rotation_sign_warning) {
        warnings.push(warning);
    }
    let declared_code = crs_json
        .pointer("/id/code")
        .and_then(Value::as_u64)
        .filter(|_| crs_json.pointer("/id/authority").and_then(Value::as_str) == Some("EPSG"));
    if let Some(code) = declared_code.and_then(|code| u32::try_from(code).ok()) {
        return Ok(PrjMatch {
            crs: Crs::epsg(code),
            warnings,
        });
    }
    // Outside VN-2000, PROJ's identification against the whole EPSG register decides (it tells NAD83 from
    // WGS 84, which share an ellipsoid). VN-2000 files often name their datum something else and are told
    // by their TOWGS84, which PROJ does not weigh, so they are compared with the VN-2000 systems below.
    if !datum_is_vn2000 {
        return match super::prj_identify::equivalent_epsg(text) {
            Some(code) => Ok(PrjMatch {
                crs: Crs::epsg(code),
                warnings,
            }),
            None => Err(PrjProblem::Unmatched {
                name: crs_name(crs_json),
            }),
        };
    }
    for code in candidates_nearest_first(crs_json) {
        let Ok(candidate) = describe(&format!("EPSG:{code}")) else {
            continue;
        };
        if mentions_vn2000(&candidate) == datum_is_vn2000 && same_definition(crs_json, &candidate) {
            return Ok(PrjMatch {
                crs: Crs::epsg(code),
                warnings,
            });
        }
    }
    if let Some(code) = super::prj_identify::equivalent_epsg(text) {
        return Ok(PrjMatch {
            crs: Crs::epsg(code),
            warnings,
        });
    }
    Err(PrjProblem::Unmatched {
        name: crs_name(crs_json),
    })
}

/// The VN-2000 systems a VN-2000 `.prj` is compared with, parameter by parameter (geographic, UTM 48N–49N,
/// the TM-3 zones; a definition on another datum is identified by PROJ instead), the grids whose central
/// meridian is the file's first: each comparison reads PROJ's database, so the likely one is tried before
/// the other twenty (all are still tried).
fn candidates_nearest_first(crs_json: &Value) -> Vec<u32> {
    let file_meridian_deg = crs_json
        .pointer("/conversion/parameters")
        .and_then(Value::as_array)
        .and_then(|parameters| {
            parameters.iter().find(|parameter| {
                parameter.get("name").and_then(Value::as_str) == Some("Longitude of natural origin")
            })
        })
        .and_then(|parameter| parameter.get("value"))
        .and_then(Value::as_f64);
    let mut codes: Vec<u32> = vn2000_epsg_codes().collect();
    codes.sort_by_key(|&code| {
        let same_meridian = file_meridian_deg.zip(vn2000_central_meridian_deg(Crs::epsg(code)));
        !same_meridian.is_some_and(|(file, grid)| (file - grid).abs() < 1e-9)
    });
    codes
}

/// The CRS's name in its description.
fn crs_name(crs_json: &Value) -> String {
    crs_json
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("unnamed")
        .to_string()
}

/// PROJ's PROJJSON description of a CRS definition.
fn describe(definition: &str) -> Result<Value, PrjProblem> {
    let proj =
        proj::Proj::new(definition).map_err(|error| PrjProblem::Unreadable(error.to_string()))?;
    let json = proj
        .to_projjson(Some(false), None, None)
        .map_err(|error| PrjProblem::Undescribable(error.to_string()))?;
    serde_json::from_str(&json)
        .map_err(|error| PrjProblem::Undescribable(format!("its description is not JSON: {error}")))
}

/// The CRS itself, without the datum shift of a bound CRS (WKT1 `TOWGS84`).
fn without_bound(description: &Value) -> &Value {
    if description.get("type").and_then(Value::as_str) == Some("BoundCRS") {
        return description.get("source_crs").unwrap_or(description);
    }
    description
}

fn mentions_vn2000(crs: &Value) -> bool {
    let datum = crs
        .pointer("/base_crs/datum/name")
        .or_else(|| crs.pointer("/datum/name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    datum.contains("vietnam")
        || datum.contains("vn-2000")
        || datum.contains("vn_2000")
        || datum.contains("vn2000")
}

/// The seven numbers of a WKT 1 `TOWGS84[…]` clause, read from the text itself (PROJ normalises the
/// rotations it reports, so the written signs can only be seen here).
fn towgs84_in_text(wkt: &str) -> Option<[f64; 7]> {
    let upper = wkt.to_ascii_uppercase();
    let start = upper.find("TOWGS84")?;
    let after = wkt.get(start + "TOWGS84".len()..)?;
    let open = after.find(['[', '('])?;
    let inner = after.get(open + 1..)?;
    let close = inner.find([']', ')'])?;
    let values: Vec<f64> = inner
        .get(..close)?
        .split(',')
        .map(|number| number.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    let mut seven = [0.0; 7];
    for (slot, value) in seven.iter_mut().zip(&values) {
        *slot = *value;
    }
    (values.len() == 3 || values.len() == 7).then_some(seven)
}

fn translation_is_vn2000(shift: &[f64; 7]) -> bool {
    shift
        .iter()
        .zip(VN2000_TRANSLATION_M)
        .all(|(value, official)| (value - official).abs() < 1.0)
}

fn rotation_sign_warning(shift: &[f64; 7]) -> Option<LayerNote> {
    let flipped = VN2000_ROTATION_PV_ARCSEC.map(|value| -value);
    let rotation = shift.get(3..6).unwrap_or_default();
    let wrong_sign = translation_is_vn2000(shift)
        && rotation.len() == 3
        && rotation
            .iter()
            .zip(flipped)
            .all(|(value, expected)| (value - expected).abs() < 1e-5);
    wrong_sign.then_some(LayerNote::Towgs84RotationSign)
}

/// True when two CRS descriptions have the same kind, projection method and parameter values.
fn same_definition(a: &Value, b: &Value) -> bool {
    let kind = |crs: &Value| crs.get("type").and_then(Value::as_str).map(str::to_string);
    if kind(a) != kind(b) {
        return false;
    }
    match (a.get("conversion"), b.get("conversion")) {
        (None, None) => same_ellipsoid(a, b),
        (Some(first), Some(second)) => {
            same_method(first, second) && same_parameters(first, second) && same_ellipsoid(a, b)
        }
        _ => false,
    }
}

fn same_method(a: &Value, b: &Value) -> bool {
    let name = |conversion: &Value| {
        conversion
            .pointer("/method/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    name(a) == name(b)
}

fn same_parameters(a: &Value, b: &Value) -> bool {
    let values = |conversion: &Value| -> Vec<(String, f64)> {
        let mut list: Vec<(String, f64)> = conversion
            .get("parameters")
            .and_then(Value::as_array)
            .map(|parameters| {
                parameters
                    .iter()
                    .filter_map(|parameter| {
                        let name = parameter.get("name")?.as_str()?.to_ascii_lowercase();
                        let value = parameter.get("value")?.as_f64()?;
                        Some((name, value))
                    })
                    .collect()
            })
            .unwrap_or_default();
        list.sort_by(|x, y| x.0.cmp(&y.0));
        list
    };
    let (first, second) = (values(a), values(b));
    first.len() == second.len()
        && first
            .iter()
            .zip(&second)
            .all(|((name_a, value_a), (name_b, value_b))| {
                name_a == name_b && (value_a - value_b).abs() <= 1e-9 * value_a.abs().max(1.0)
            })
}

fn same_ellipsoid(a: &Value, b: &Value) -> bool {
    let axis = |crs: &Value| {
        crs.pointer("/base_crs/datum/ellipsoid/semi_major_axis")
            .or_else(|| crs.pointer("/datum/ellipsoid/semi_major_axis"))
            .or_else(|| crs.pointer("/base_crs/datum_ensemble/ellipsoid/semi_major_axis"))
            .or_else(|| crs.pointer("/datum_ensemble/ellipsoid/semi_major_axis"))
            .and_then(Value::as_f64)
    };
    match (axis(a), axis(b)) {
        (Some(first), Some(second)) => (first - second).abs() < 1e-3,
        _ => false,
    }
}
