//! Coordinate reference systems as plain data, and reprojection through PROJ.
//!
//! A [`Crs`] is an EPSG code; it parses the spellings found in the wild (`EPSG:9210`,
//! `urn:ogc:def:crs:EPSG::9210`, OGC `CRS84`, the EPSG registry URL). A [`Reprojector`] wraps one PROJ
//! transformation between two CRSs with the axis order normalised to lon/lat and easting/northing; PROJ objects
//! are not `Send`, so each thread builds its own. Every reprojection in the atlas goes through here. Between
//! WGS 84 and the VN-2000 systems, inside Vietnam and its islands, positions are computed in closed form
//! ([`vn2000_closed_form`], checked against PROJ to 1 mm); everywhere else PROJ does it.

mod vn2000_closed_form;

pub use vn2000_closed_form::{
    CLOSED_FORM_DOMAIN, ClosedForm, closed_form_epsg_codes, vn2000_central_meridian_deg,
    vn2000_epsg_codes,
};

use std::cell::OnceCell;
use std::fmt;
use std::str::FromStr;

use geo::{Coord, Geometry, MapCoords, MapCoordsInPlace};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// WGS 84 geographic coordinates (longitude, latitude in degrees), the CRS of RFC 7946 GeoJSON.
pub const WGS84: Crs = Crs { epsg: 4326 };
/// VN-2000 / TM-3 105°45' (EPSG:9210): the local grid of Hai Phong's planners, in metres.
pub const VN2000_TM3_105_45: Crs = Crs { epsg: 9210 };
/// VN-2000 / TM-3 105°30' (EPSG:9209): the grid of old Hai Duong drawings.
pub const VN2000_TM3_105_30: Crs = Crs { epsg: 9209 };
/// VN-2000 / UTM zone 48N (EPSG:3405).
pub const VN2000_UTM_48N: Crs = Crs { epsg: 3405 };
/// VN-2000 geographic (EPSG:4756).
pub const VN2000_GEOGRAPHIC: Crs = Crs { epsg: 4756 };
/// The CRS in which the map is drawn and measured: metric and conformal over Hai Phong.
pub const MAP_CRS: Crs = VN2000_TM3_105_45;

/// The coordinate systems a planner is offered when a file does not say which one it uses.
pub const COMMON_CRS_CHOICES: [Crs; 5] = [
    WGS84,
    VN2000_TM3_105_45,
    VN2000_TM3_105_30,
    VN2000_UTM_48N,
    VN2000_GEOGRAPHIC,
];

/// The coordinate systems a planner is offered when a Shapefile has no usable `.prj`, most likely first.
pub const CRS_CHOICES_WHEN_UNKNOWN: [Crs; 4] =
    [VN2000_TM3_105_45, VN2000_TM3_105_30, VN2000_UTM_48N, WGS84];

/// A coordinate reference system identified by its EPSG code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Crs {
    /// The EPSG code, e.g. 9210.
    pub epsg: u32,
}

/// What went wrong with a coordinate reference system or a reprojection.
#[derive(Debug, Error)]
pub enum CrsError {
    /// The text does not name a CRS this module understands.
    #[error(
        "unrecognised coordinate system {0:?} (expected e.g. EPSG:9210 or urn:ogc:def:crs:EPSG::9210)"
    )]
    UnknownName(String),
    /// PROJ could not build a transformation between the two CRSs.
    #[error("PROJ cannot transform from {from} to {to}: {message}")]
    Create {
        /// Source CRS.
        from: Crs,
        /// Target CRS.
        to: Crs,
        /// PROJ's own message.
        message: String,
    },
    /// One coordinate could not be transformed (outside the projection's domain, or not finite).
    #[error("cannot transform ({x}, {y}) from {from} to {to}: {message}")]
    Transform {
        /// Input x (easting or longitude).
        x: f64,
        /// Input y (northing or latitude).
        y: f64,
        /// Source CRS.
        from: Crs,
        /// Target CRS.
        to: Crs,
        /// What went wrong.
        message: String,
    },
}

impl Crs {
    /// A CRS from an EPSG code.
    pub const fn epsg(epsg: u32) -> Self {
        Self { epsg }
    }

    /// True for the geographic CRSs the atlas knows (degrees, not metres).
    pub fn is_geographic(self) -> bool {
        matches!(self.epsg, 4326 | 4756 | 4979 | 4269 | 4258 | 4674)
    }

    /// A short human-readable name, in English, for the CRSs planners meet in Hai Phong.
    pub fn label(self) -> String {
        let name = match self.epsg {
            4326 => "WGS 84",
            9210 => "VN-2000 / TM-3 105°45'",
            9209 => "VN-2000 / TM-3 105°30'",
            3405 => "VN-2000 / UTM 48N",
            3406 => "VN-2000 / UTM 49N",
            32649 => "WGS 84 / UTM 49N",
            4756 => "VN-2000",
            3857 => "Web Mercator",
            32648 => "WGS 84 / UTM 48N",
            _ => return self.to_string(),
        };
        format!("{self} ({name})")
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.epsg)
    }
}

impl From<Crs> for String {
    fn from(crs: Crs) -> Self {
        crs.to_string()
    }
}

impl TryFrom<String> for Crs {
    type Error = CrsError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl FromStr for Crs {
    type Err = CrsError;

    /// Parses `EPSG:9210`, `epsg:9210`, `urn:ogc:def:crs:EPSG::9210`, `urn:ogc:def:crs:EPSG:6.6:9210`,
    /// `http://www.opengis.net/def/crs/EPSG/0/9210`, `urn:ogc:def:crs:OGC:1.3:CRS84`, `CRS84` and a bare code.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if lower == "crs84"
            || lower.ends_with(":crs84")
            || lower.ends_with("/crs84")
            || lower == "wgs84"
        {
            return Ok(WGS84);
        }
        let code_text = if let Some(rest) = lower.strip_prefix("epsg:") {
            Some(rest)
        } else if lower.starts_with("urn:ogc:def:crs:epsg:") {
            lower.rsplit(':').next()
        } else if lower.contains("/def/crs/epsg/") {
            lower.rsplit('/').next()
        } else if lower.chars().all(|c| c.is_ascii_digit()) {
            Some(lower.as_str())
        } else {
            None
        };
        code_text
            .and_then(|code| code.parse::<u32>().ok())
            .filter(|code| *code > 0)
            .map(Crs::epsg)
            .ok_or_else(|| CrsError::UnknownName(trimmed.to_string()))
    }
}

/// One transformation between two CRSs, or the identity when they are the same.
pub struct Reprojector {
    from: Crs,
    to: Crs,
    identity: bool,
    closed_form: Option<ClosedForm>,
    /// PROJ's transformation: built at once when there is no closed form, otherwise on the first position the
    /// closed form leaves to PROJ — so a layer inside Vietnam never waits for PROJ's database (tens of
    /// milliseconds per transformation and thread).
    proj: OnceCell<Result<proj::Proj, String>>,
}

impl Reprojector {
    /// Builds the transformation `from` → `to` (the identity when `from == to`); fails when PROJ cannot
    /// transform between them.
    pub fn new(from: Crs, to: Crs) -> Result<Self, CrsError> {
        let closed_form = ClosedForm::between(from, to);
        let reprojector = Self {
            from,
            to,
            identity: from == to,
            closed_form,
            proj: OnceCell::new(),
        };
        if closed_form.is_none() {
            reprojector.require_proj()?;
        }
        Ok(reprojector)
    }

    /// The same transformation, always through PROJ (for comparing the closed form with it).
    pub fn through_proj_only(from: Crs, to: Crs) -> Result<Self, CrsError> {
        let mut reprojector = Self::new(from, to)?;
        reprojector.closed_form = None;
        reprojector.require_proj()?;
        Ok(reprojector)
    }

    /// Builds PROJ's transformation now (nothing for the identity), failing as [`Reprojector::new`] does.
    fn require_proj(&self) -> Result<(), CrsError> {
        if self.identity {
            return Ok(());
        }
        self.proj().map(drop).map_err(|message| CrsError::Create {
            from: self.from,
            to: self.to,
            message,
        })
    }

    /// PROJ's transformation, built on first use.
    fn proj(&self) -> Result<&proj::Proj, String> {
        self.proj
            .get_or_init(|| {
                proj::Proj::new_known_crs(&self.from.to_string(), &self.to.to_string(), None)
                    .map_err(|error| error.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The source CRS.
    pub fn from_crs(&self) -> Crs {
        self.from
    }

    /// The target CRS.
    pub fn to_crs(&self) -> Crs {
        self.to
    }

    /// Transforms one position; fails on input or output that is not finite.
    pub fn convert(&self, x: f64, y: f64) -> Result<(f64, f64), CrsError> {
        let failure = |message: String| CrsError::Transform {
            x,
            y,
            from: self.from,
            to: self.to,
            message,
        };
        if !x.is_finite() || !y.is_finite() {
            return Err(failure("coordinate is not a finite number".into()));
        }
        let closed_form = self
            .closed_form
            .as_ref()
            .and_then(|closed_form| closed_form.convert(x, y));
        let (out_x, out_y) = match closed_form {
            _ if self.identity => (x, y),
            Some(converted) => converted,
            None => self
                .proj()
                .map_err(&failure)?
                .convert((x, y))
                .map_err(|error| failure(error.to_string()))?,
        };
        if !out_x.is_finite() || !out_y.is_finite() {
            return Err(failure(
                "outside the area this projection can represent".into(),
            ));
        }
        Ok((out_x, out_y))
    }

    /// Transforms one `geo` coordinate.
    pub fn convert_coord(&self, coord: Coord) -> Result<Coord, CrsError> {
        let (x, y) = self.convert(coord.x, coord.y)?;
        Ok(Coord { x, y })
    }

    /// Transforms every coordinate of a geometry.
    pub fn convert_geometry(&self, geometry: &Geometry) -> Result<Geometry, CrsError> {
        if self.identity {
            return Ok(geometry.clone());
        }
        geometry.try_map_coords(|coord| self.convert_coord(coord))
    }

    /// Transforms every coordinate of a geometry in place. On error the geometry is partly transformed.
    pub fn convert_geometry_in_place(&self, geometry: &mut Geometry) -> Result<(), CrsError> {
        if self.identity {
            return Ok(());
        }
        // Collections are walked here: geo's own in-place walk of a collection recurses without bound at
        // compile time.
        let convert = |coord| self.convert_coord(coord);
        match geometry {
            Geometry::GeometryCollection(parts) => parts
                .0
                .iter_mut()
                .try_for_each(|part| self.convert_geometry_in_place(part)),
            Geometry::Point(point) => point.try_map_coords_in_place(convert),
            Geometry::Line(line) => line.try_map_coords_in_place(convert),
            Geometry::LineString(line) => line.try_map_coords_in_place(convert),
            Geometry::Polygon(polygon) => polygon.try_map_coords_in_place(convert),
            Geometry::MultiPoint(points) => points.try_map_coords_in_place(convert),
            Geometry::MultiLineString(lines) => lines.try_map_coords_in_place(convert),
            Geometry::MultiPolygon(polygons) => polygons.try_map_coords_in_place(convert),
            Geometry::Rect(rect) => rect.try_map_coords_in_place(convert),
            Geometry::Triangle(triangle) => triangle.try_map_coords_in_place(convert),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spellings_found_in_geojson_files() {
        for text in [
            "EPSG:9210",
            "epsg:9210",
            "urn:ogc:def:crs:EPSG::9210",
            "urn:ogc:def:crs:EPSG:6.6:9210",
            "http://www.opengis.net/def/crs/EPSG/0/9210",
            " 9210 ",
        ] {
            assert_eq!(text.parse::<Crs>().ok(), Some(VN2000_TM3_105_45), "{text}");
        }
        assert_eq!(
            "urn:ogc:def:crs:OGC:1.3:CRS84".parse::<Crs>().ok(),
            Some(WGS84)
        );
        assert!("EPSG:".parse::<Crs>().is_err());
        assert!("EPSG:abc".parse::<Crs>().is_err());
        assert!("Lambert".parse::<Crs>().is_err());
    }

    #[test]
    fn wgs84_to_vn2000_tm3_matches_the_proj_check_value_within_a_centimetre() {
        let reprojector = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("PROJ knows both CRSs");
        let (easting_m, northing_m) = reprojector
            .convert(106.6881, 20.8449)
            .expect("inside the zone");
        assert!((easting_m - 597_432.44).abs() < 0.01, "easting {easting_m}");
        assert!(
            (northing_m - 2_306_067.77).abs() < 0.01,
            "northing {northing_m}"
        );
    }

    /// The EPSG "VN-2000 to WGS 84 (2)" parameters written as a PROJ string by hand. EPSG publishes them in the
    /// coordinate-frame convention; `+towgs84` takes position-vector rotations, so their signs flip.
    fn hand_written_tm3(rotation_sign: f64) -> proj::Proj {
        let (rx, ry, rz) = (
            -0.00928836 * rotation_sign,
            0.01975479 * rotation_sign,
            -0.00427372 * rotation_sign,
        );
        let tm3 = format!(
            "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 \
             +towgs84=-191.90441429,-39.30318279,-111.45032835,{rx},{ry},{rz},0.252906278 +units=m +no_defs +type=crs"
        );
        proj::Proj::new_known_crs("EPSG:4326", &tm3, None).expect("valid PROJ string")
    }

    #[test]
    fn epsg_9210_uses_the_vn2000_to_wgs84_2_transformation() {
        let by_code = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("PROJ knows both CRSs");
        let by_hand = hand_written_tm3(-1.0);
        let wrong_sign = hand_written_tm3(1.0);
        let mut largest_wrong_sign_shift_m: f64 = 0.0;
        for (lon, lat) in [
            (106.6881, 20.8449),
            (106.33, 20.94),
            (107.05, 20.72),
            (107.72, 20.13),
            (105.95, 21.4),
        ] {
            let (x, y) = by_code.convert(lon, lat).expect("in zone");
            let (hx, hy) = by_hand.convert((lon, lat)).expect("in zone");
            assert!(
                (x - hx).abs() < 0.01 && (y - hy).abs() < 0.01,
                "({lon}, {lat}): {x} {y} vs {hx} {hy}"
            );
            let (wx, wy) = wrong_sign.convert((lon, lat)).expect("in zone");
            largest_wrong_sign_shift_m = largest_wrong_sign_shift_m.max((x - wx).hypot(y - wy));
        }
        // The test can tell the conventions apart: the wrong rotation sign moves points by decimetres.
        assert!(
            largest_wrong_sign_shift_m > 0.2,
            "wrong-sign shift {largest_wrong_sign_shift_m} m"
        );
    }

    #[test]
    fn round_trip_through_vn2000_is_sub_millimetre() {
        let forward = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("forward");
        let inverse = Reprojector::new(VN2000_TM3_105_45, WGS84).expect("inverse");
        let (x, y) = forward.convert(106.9, 20.95).expect("forward point");
        let (lon, lat) = inverse.convert(x, y).expect("inverse point");
        assert!((lon - 106.9).abs() < 1e-8 && (lat - 20.95).abs() < 1e-8);
    }

    #[test]
    fn non_finite_input_is_an_error_not_a_panic() {
        let reprojector = Reprojector::new(WGS84, VN2000_TM3_105_45).expect("PROJ knows both CRSs");
        assert!(reprojector.convert(f64::NAN, 20.0).is_err());
        assert!(reprojector.convert(f64::INFINITY, 20.0).is_err());
        assert!(Reprojector::new(Crs::epsg(999_999), WGS84).is_err());
    }
}
