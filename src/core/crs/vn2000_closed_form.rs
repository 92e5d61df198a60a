//! The transformations the city uses every day — WGS 84 ↔ VN-2000 geographic ↔ the VN-2000 grids (TM-3
//! zones, UTM 48N/49N) — computed in closed form instead of through PROJ's pipeline machinery.
//!
//! The steps are the ones PROJ chooses for these EPSG pairs (`projinfo -s EPSG:4326 -t EPSG:9210`): WGS 84
//! geodetic → geocentric, the 7-parameter Helmert of "VN-2000 to WGS 84 (2)" (EPSG:6960, coordinate-frame
//! convention, small-angle rotation matrix, inverted through its transpose as PROJ does), geocentric →
//! geodetic by Bowring's formula, then the Transverse Mercator by Krüger's series to sixth order in the third
//! flattening (Karney 2011), summed with Clenshaw's recurrence on complex numbers. VN-2000 uses the WGS 84
//! ellipsoid, so one ellipsoid serves both sides.
//!
//! Two Mekong delta blocks (DBSCL 02 and 03) have their own parameters, EPSG:5194 "VN-2000 to WGS 84 (1)",
//! which PROJ applies to WGS 84 positions inside their area of use, and so does the closed form; towards
//! WGS 84, PROJ tests that area in the source CRS's own coordinates, so positions in and near the blocks
//! ([`LEFT_TO_PROJ`]) are left to PROJ in that direction.
//!
//! It is used only inside [`CLOSED_FORM_DOMAIN`] (Vietnam, its islands — Bach Long Vi, Hoang Sa, Truong Sa —
//! and the sea between), where a test compares it with PROJ on a dense grid for every CRS it covers and asks
//! for ≤ 1 mm; elsewhere, or for any other pair of CRSs, the caller uses PROJ.

use super::Crs;

/// WGS 84 semi-major axis, metres (also VN-2000's ellipsoid).
const SEMI_MAJOR_M: f64 = 6_378_137.0;
/// WGS 84 flattening.
const FLATTENING: f64 = 1.0 / 298.257_223_563;
/// First eccentricity squared.
const E2: f64 = FLATTENING * (2.0 - FLATTENING);

/// Where the closed form is trusted, in geographic degrees: `(west, south, east, north)`. The test grid of
/// `closed_form_matches_proj_within_a_millimetre` covers exactly this box.
pub const CLOSED_FORM_DOMAIN: (f64, f64, f64, f64) = (101.5, 3.5, 118.0, 24.0);

/// The area of use of EPSG:5194 "VN-2000 to WGS 84 (1)" (Mekong delta blocks DBSCL 02 and 03), in WGS 84
/// degrees `(west, south, east, north)`: there PROJ applies [`HELMERT_DBSCL`] instead of [`HELMERT_ONSHORE`].
const DBSCL_AREA: (f64, f64, f64, f64) = (104.24, 9.35, 107.11, 11.04);

/// [`DBSCL_AREA`] widened by 0.1°: VN-2000 positions in here are taken to WGS 84 by PROJ, which tests that
/// area in the source CRS's own coordinates. `(west, south, east, north)` in degrees.
pub const LEFT_TO_PROJ: (f64, f64, f64, f64) = (104.14, 9.25, 107.21, 11.14);

/// The seven parameters of a VN-2000 → WGS 84 Helmert transformation as EPSG gives them: translations in
/// metres, rotations in arc-seconds (coordinate-frame convention), scale in parts per million.
#[derive(Clone, Copy, Debug, PartialEq)]
struct HelmertParameters {
    translation_m: [f64; 3],
    rotation_arcsec: [f64; 3],
    scale_ppm: f64,
}

/// EPSG:6960 "VN-2000 to WGS 84 (2)": the parameters PROJ applies over onshore Vietnam and, having no
/// better one, everywhere else in the domain outside [`DBSCL_AREA`].
const HELMERT_ONSHORE: HelmertParameters = HelmertParameters {
    translation_m: [-191.904_414_29, -39.303_182_79, -111.450_328_35],
    rotation_arcsec: [-0.009_288_36, 0.019_754_79, -0.004_273_72],
    scale_ppm: 0.252_906_278,
};

/// EPSG:5194 "VN-2000 to WGS 84 (1)", for WGS 84 positions inside [`DBSCL_AREA`].
const HELMERT_DBSCL: HelmertParameters = HelmertParameters {
    translation_m: [-192.873, -39.382, -111.202],
    rotation_arcsec: [0.00205, 0.0005, -0.00335],
    scale_ppm: 0.0188,
};

/// One end of a closed-form transformation.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    /// WGS 84 longitude/latitude in degrees.
    Wgs84Degrees,
    /// VN-2000 longitude/latitude in degrees (EPSG:4756).
    Vn2000Degrees,
    /// A VN-2000 Transverse Mercator grid, easting/northing in metres.
    Vn2000Grid(TransverseMercator),
}

/// A Transverse Mercator with latitude of origin 0 and no false northing, as every VN-2000 grid is.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TransverseMercator {
    sin_central_meridian: f64,
    cos_central_meridian: f64,
    scale_factor: f64,
    false_easting_m: f64,
}

impl TransverseMercator {
    fn new(central_meridian_deg: f64, scale_factor: f64) -> Self {
        let (sin_central_meridian, cos_central_meridian) =
            central_meridian_deg.to_radians().sin_cos();
        Self {
            sin_central_meridian,
            cos_central_meridian,
            scale_factor,
            false_easting_m: 500_000.0,
        }
    }
}

/// The VN-2000 Transverse Mercator grids: EPSG code, central meridian (degrees), scale factor, and whether
/// the grid's EPSG area of use meets [`DBSCL_AREA`] — PROJ considers EPSG:5194 for a grid only then. All
/// have latitude of origin 0, false easting 500 km and no false northing.
const VN2000_GRIDS: [(u32, f64, f64, bool); 20] = [
    (3405, 105.0, 0.9996, true),
    (3406, 111.0, 0.9996, false),
    (5896, 102.0, 0.9999, false),
    (5897, 105.0, 0.9999, true),
    (5898, 108.0, 0.9999, true),
    (5899, 107.75, 0.9999, true),
    (9205, 103.0, 0.9999, false),
    (9206, 104.0, 0.9999, false),
    (9207, 104.5, 0.9999, true),
    (9208, 104.75, 0.9999, true),
    (9209, 105.5, 0.9999, true),
    (9210, 105.75, 0.9999, true),
    (9211, 106.0, 0.9999, false),
    (9212, 106.25, 0.9999, false),
    (9213, 106.5, 0.9999, false),
    (9214, 107.0, 0.9999, false),
    (9215, 107.25, 0.9999, false),
    (9216, 107.5, 0.9999, false),
    (9217, 108.25, 0.9999, false),
    (9218, 108.5, 0.9999, false),
];

/// Whether PROJ considers the DBSCL parameters for transformations between WGS 84 and this VN-2000 CRS.
fn dbscl_considered(crs: Crs) -> bool {
    crs.epsg == 4756
        || VN2000_GRIDS
            .iter()
            .any(|(code, _, _, meets_dbscl)| *code == crs.epsg && *meets_dbscl)
}

/// The central meridian, in degrees, of a VN-2000 grid (UTM 48N/49N or a TM-3 zone).
pub fn vn2000_central_meridian_deg(crs: Crs) -> Option<f64> {
    VN2000_GRIDS
        .iter()
        .find(|(code, _, _, _)| *code == crs.epsg)
        .map(|(_, meridian_deg, _, _)| *meridian_deg)
}

/// Which end a CRS is, when the closed form knows it.
fn side_of(crs: Crs) -> Option<Side> {
    match crs.epsg {
        4326 => Some(Side::Wgs84Degrees),
        4756 => Some(Side::Vn2000Degrees),
        code => VN2000_GRIDS
            .iter()
            .find(|(grid_code, _, _, _)| *grid_code == code)
            .map(|(_, meridian_deg, scale_factor, _)| {
                Side::Vn2000Grid(TransverseMercator::new(*meridian_deg, *scale_factor))
            }),
    }
}

/// The VN-2000 systems: geographic (EPSG:4756), then the grids of [`VN2000_GRIDS`] in its order.
pub fn vn2000_epsg_codes() -> impl Iterator<Item = u32> {
    std::iter::once(4756).chain(VN2000_GRIDS.iter().map(|(code, _, _, _)| *code))
}

/// The EPSG codes the closed form covers: WGS 84 and the VN-2000 systems.
pub fn closed_form_epsg_codes() -> impl Iterator<Item = u32> {
    std::iter::once(4326).chain(vn2000_epsg_codes())
}

/// A transformation between two of the CRSs above, or `None` from [`ClosedForm::between`] for any other pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClosedForm {
    from: Side,
    to: Side,
    /// Whether WGS 84 positions inside [`DBSCL_AREA`] take the DBSCL parameters (see [`VN2000_GRIDS`]).
    dbscl_considered: bool,
    constants: Constants,
}

/// What every position needs, computed once per transformation.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Constants {
    onshore: Helmert,
    dbscl: Helmert,
    alpha: [f64; 6],
    beta: [f64; 6],
    rectifying_radius_m: f64,
    domain: TrigBox,
    left_to_proj: TrigBox,
}

/// A box of longitudes between 90° and 180° and latitudes between −90° and 90°, as bounds on the sine of
/// the longitude (which falls as the longitude grows there) and the tangent of the latitude (which grows).
#[derive(Clone, Copy, Debug, PartialEq)]
struct TrigBox {
    sin_west: f64,
    sin_east: f64,
    tan_south: f64,
    tan_north: f64,
}

impl TrigBox {
    fn new((west, south, east, north): (f64, f64, f64, f64)) -> Self {
        Self {
            sin_west: west.to_radians().sin(),
            sin_east: east.to_radians().sin(),
            tan_south: south.to_radians().tan(),
            tan_north: north.to_radians().tan(),
        }
    }
}

impl Constants {
    fn new() -> Self {
        Self {
            onshore: Helmert::new(HELMERT_ONSHORE),
            dbscl: Helmert::new(HELMERT_DBSCL),
            alpha: alpha(),
            beta: beta(),
            rectifying_radius_m: rectifying_radius_m(),
            domain: TrigBox::new(CLOSED_FORM_DOMAIN),
            left_to_proj: TrigBox::new(LEFT_TO_PROJ),
        }
    }
}

/// A VN-2000 geodetic position carried between the steps without angles: the sine and cosine of the
/// longitude and the tangent of the latitude (each step needs those, and skipping the arc functions in
/// between is most of the closed form's speed).
#[derive(Clone, Copy, Debug)]
struct Geodetic {
    sin_lon: f64,
    cos_lon: f64,
    tan_lat: f64,
}

impl Geodetic {
    fn from_degrees(lon_deg: f64, lat_deg: f64) -> Self {
        let (sin_lon, cos_lon) = lon_deg.to_radians().sin_cos();
        Self {
            sin_lon,
            cos_lon,
            tan_lat: lat_deg.to_radians().tan(),
        }
    }

    /// [`within_domain`] without the arc functions (see [`TrigBox`]).
    fn within_domain(self, constants: &Constants) -> Option<()> {
        self.inside(&constants.domain).then_some(())
    }

    fn inside(self, trig_box: &TrigBox) -> bool {
        self.cos_lon < 0.0
            && self.sin_lon <= trig_box.sin_west
            && self.sin_lon >= trig_box.sin_east
            && self.tan_lat >= trig_box.tan_south
            && self.tan_lat <= trig_box.tan_north
    }

    fn to_degrees(self) -> (f64, f64) {
        (
            self.sin_lon.atan2(self.cos_lon).to_degrees(),
            self.tan_lat.atan().to_degrees(),
        )
    }
}

impl ClosedForm {
    /// The closed form `from` → `to`, when both are CRSs it covers and they differ.
    pub fn between(from: Crs, to: Crs) -> Option<Self> {
        if from == to {
            return None;
        }
        Some(Self {
            from: side_of(from)?,
            to: side_of(to)?,
            dbscl_considered: dbscl_considered(from) || dbscl_considered(to),
            constants: Constants::new(),
        })
    }

    /// Transforms one position (x = longitude or easting, y = latitude or northing); `None` when the
    /// position lies outside [`CLOSED_FORM_DOMAIN`] or [`LEFT_TO_PROJ`] holds it (or it is not finite), so
    /// the caller falls back to PROJ.
    pub fn convert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let constants = &self.constants;
        let vn2000 = match self.from {
            Side::Wgs84Degrees => {
                within_domain(x, y)?;
                let in_dbscl = self.dbscl_considered && dbscl_side(x, y)?;
                let helmert = match in_dbscl {
                    true => &constants.dbscl,
                    false => &constants.onshore,
                };
                let wgs84 = geocentric(Geodetic::from_degrees(x, y));
                geodetic(helmert.wgs84_to_vn2000(wgs84))
            }
            Side::Vn2000Degrees => {
                within_domain(x, y)?;
                Geodetic::from_degrees(x, y)
            }
            Side::Vn2000Grid(grid) => {
                let vn2000 = grid_to_geodetic(constants, &grid, x, y);
                vn2000.within_domain(constants)?;
                vn2000
            }
        };
        let out = match self.to {
            Side::Wgs84Degrees => {
                if self.dbscl_considered && vn2000.inside(&constants.left_to_proj) {
                    return None;
                }
                geodetic(constants.onshore.vn2000_to_wgs84(geocentric(vn2000))).to_degrees()
            }
            Side::Vn2000Degrees => vn2000.to_degrees(),
            Side::Vn2000Grid(grid) => geodetic_to_grid(constants, &grid, vn2000),
        };
        (out.0.is_finite() && out.1.is_finite()).then_some(out)
    }
}

fn within_domain(lon_deg: f64, lat_deg: f64) -> Option<()> {
    let (west, south, east, north) = CLOSED_FORM_DOMAIN;
    ((west..=east).contains(&lon_deg) && (south..=north).contains(&lat_deg)).then_some(())
}

/// Whether PROJ applies the DBSCL parameters to this WGS 84 position: `Some(true)` inside [`DBSCL_AREA`],
/// `Some(false)` outside, `None` within 1e-9° of its edge (where the choice is left to PROJ).
fn dbscl_side(lon_deg: f64, lat_deg: f64) -> Option<bool> {
    let (west, south, east, north) = DBSCL_AREA;
    let margin = 1e-9;
    let inside_by = |low: f64, high: f64, value: f64| (value - low).min(high - value);
    let depth = inside_by(west, east, lon_deg).min(inside_by(south, north, lat_deg));
    (depth.abs() > margin).then_some(depth > 0.0)
}

// --- datum: geodetic ↔ geocentric and the Helmert transformation ---------------------------------------------

fn geocentric(position: Geodetic) -> [f64; 3] {
    let cos_lat = 1.0 / (1.0 + position.tan_lat * position.tan_lat).sqrt();
    let sin_lat = position.tan_lat * cos_lat;
    let normal_radius_m = SEMI_MAJOR_M / (1.0 - E2 * sin_lat * sin_lat).sqrt();
    [
        normal_radius_m * cos_lat * position.cos_lon,
        normal_radius_m * cos_lat * position.sin_lon,
        normal_radius_m * (1.0 - E2) * sin_lat,
    ]
}

/// Bowring's one-step inverse (as PROJ's `cart`), exact to far below a millimetre near the ellipsoid.
fn geodetic([x_m, y_m, z_m]: [f64; 3]) -> Geodetic {
    let b_over_a = 1.0 - FLATTENING;
    let second_e2 = E2 / (1.0 - E2);
    let (x, y, z) = (x_m / SEMI_MAJOR_M, y_m / SEMI_MAJOR_M, z_m / SEMI_MAJOR_M);
    let p = (x * x + y * y).sqrt();
    let p_b = p * b_over_a;
    let norm = (z * z + p_b * p_b).sqrt();
    let (cos_theta, sin_theta) = if norm > 0.0 {
        (p_b / norm, z / norm)
    } else {
        (1.0, 0.0)
    };
    let lat_y = z + second_e2 * b_over_a * sin_theta * sin_theta * sin_theta;
    let lat_x = p - E2 * cos_theta * cos_theta * cos_theta;
    Geodetic {
        sin_lon: y / p,
        cos_lon: x / p,
        tan_lat: lat_y / lat_x,
    }
}

/// A Helmert transformation ready to apply: rotations in radians, the scale as a factor.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Helmert {
    translation_m: [f64; 3],
    rotation_rad: [f64; 3],
    scale: f64,
}

impl Helmert {
    fn new(parameters: HelmertParameters) -> Self {
        Self {
            translation_m: parameters.translation_m,
            rotation_rad: parameters
                .rotation_arcsec
                .map(|arcsec| (arcsec / 3600.0).to_radians()),
            scale: 1.0 + parameters.scale_ppm * 1e-6,
        }
    }

    /// VN-2000 geocentric → WGS 84 geocentric (forward, coordinate-frame small-angle matrix).
    fn vn2000_to_wgs84(&self, [x, y, z]: [f64; 3]) -> [f64; 3] {
        let [rx, ry, rz] = self.rotation_rad;
        let [tx, ty, tz] = self.translation_m;
        [
            self.scale * (x + rz * y - ry * z) + tx,
            self.scale * (-rz * x + y + rx * z) + ty,
            self.scale * (ry * x - rx * y + z) + tz,
        ]
    }

    /// WGS 84 geocentric → VN-2000 geocentric: the inverse PROJ applies (unscale, then the transposed
    /// matrix).
    fn wgs84_to_vn2000(&self, [x, y, z]: [f64; 3]) -> [f64; 3] {
        let [rx, ry, rz] = self.rotation_rad;
        let [tx, ty, tz] = self.translation_m;
        let (x, y, z) = (
            (x - tx) / self.scale,
            (y - ty) / self.scale,
            (z - tz) / self.scale,
        );
        [
            x - rz * y + ry * z,
            rz * x + y - rx * z,
            -ry * x + rx * y + z,
        ]
    }
}

// --- Transverse Mercator: Krüger's series ---------------------------------------------------------------------

/// The third flattening n = f / (2 − f).
const N: f64 = FLATTENING / (2.0 - FLATTENING);
/// The first eccentricity.
const ECCENTRICITY: f64 = 0.081_819_190_842_621_5;

/// The rectifying radius A = a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256).
fn rectifying_radius_m() -> f64 {
    let n2 = N * N;
    SEMI_MAJOR_M / (1.0 + N) * (1.0 + n2 / 4.0 + n2 * n2 / 64.0 + n2 * n2 * n2 / 256.0)
}

/// Krüger's α (conformal → rectifying) coefficients, sixth order.
fn alpha() -> [f64; 6] {
    let n = N;
    let (n2, n3, n4, n5, n6) = (n * n, n.powi(3), n.powi(4), n.powi(5), n.powi(6));
    [
        n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0 - 127.0 * n5 / 288.0
            + 7891.0 * n6 / 37800.0,
        13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0 + 281.0 * n5 / 630.0
            - 1_983_433.0 * n6 / 1_935_360.0,
        61.0 * n3 / 240.0 - 103.0 * n4 / 140.0
            + 15061.0 * n5 / 26880.0
            + 167_603.0 * n6 / 181_440.0,
        49561.0 * n4 / 161_280.0 - 179.0 * n5 / 168.0 + 6_601_661.0 * n6 / 7_257_600.0,
        34729.0 * n5 / 80640.0 - 3_418_889.0 * n6 / 1_995_840.0,
        212_378_941.0 * n6 / 319_334_400.0,
    ]
}

/// Krüger's β (rectifying → conformal) coefficients, sixth order.
fn beta() -> [f64; 6] {
    let n = N;
    let (n2, n3, n4, n5, n6) = (n * n, n.powi(3), n.powi(4), n.powi(5), n.powi(6));
    [
        n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0 - n4 / 360.0 - 81.0 * n5 / 512.0
            + 96199.0 * n6 / 604_800.0,
        n2 / 48.0 + n3 / 15.0 - 437.0 * n4 / 1440.0 + 46.0 * n5 / 105.0
            - 1_118_711.0 * n6 / 3_870_720.0,
        17.0 * n3 / 480.0 - 37.0 * n4 / 840.0 - 209.0 * n5 / 4480.0 + 5569.0 * n6 / 90720.0,
        4397.0 * n4 / 161_280.0 - 11.0 * n5 / 504.0 - 830_251.0 * n6 / 7_257_600.0,
        4583.0 * n5 / 161_280.0 - 108_847.0 * n6 / 3_991_680.0,
        20_648_693.0 * n6 / 638_668_800.0,
    ]
}

/// A complex number (ξ + iη), for summing Krüger's series in one pass.
#[derive(Clone, Copy, Debug)]
struct Complex {
    re: f64,
    im: f64,
}

impl Complex {
    fn add(self, other: Self) -> Self {
        Self {
            re: self.re + other.re,
            im: self.im + other.im,
        }
    }
    fn sub(self, other: Self) -> Self {
        Self {
            re: self.re - other.re,
            im: self.im - other.im,
        }
    }
    fn mul(self, other: Self) -> Self {
        Self {
            re: self.re * other.re - self.im * other.im,
            im: self.re * other.im + self.im * other.re,
        }
    }
}

/// Σⱼ cⱼ·sin(2jζ) for ζ = ξ + iη, by Clenshaw's recurrence: one sin/cos and one exp for all six terms.
fn sum_of_sines(coefficients: &[f64; 6], zeta: Complex) -> Complex {
    let (sin_2xi, cos_2xi) = (2.0 * zeta.re).sin_cos();
    let exp_2eta = (2.0 * zeta.im).exp();
    let (sinh_2eta, cosh_2eta) = (
        (exp_2eta - 1.0 / exp_2eta) / 2.0,
        (exp_2eta + 1.0 / exp_2eta) / 2.0,
    );
    let sin_2zeta = Complex {
        re: sin_2xi * cosh_2eta,
        im: cos_2xi * sinh_2eta,
    };
    let two_cos_2zeta = Complex {
        re: 2.0 * cos_2xi * cosh_2eta,
        im: -2.0 * sin_2xi * sinh_2eta,
    };
    let zero = Complex { re: 0.0, im: 0.0 };
    let (mut next, mut after_next) = (zero, zero);
    for &coefficient in coefficients.iter().rev() {
        let current = Complex {
            re: coefficient,
            im: 0.0,
        }
        .add(two_cos_2zeta.mul(next))
        .sub(after_next);
        after_next = next;
        next = current;
    }
    next.mul(sin_2zeta)
}

/// τ′ = tan of the conformal latitude, from τ = tan of the geodetic latitude (Karney 2011, eq. 7):
/// τ′ = τ·√(1+σ²) − σ·√(1+τ²) with σ = sinh(e·atanh(e·sin φ)). Both functions are summed as their power
/// series, which converge fast here (e·sin φ < 0.082, e·atanh(…) < 0.0068): no transcendental call.
fn conformal_tan(tan_lat: f64) -> f64 {
    let secant = (1.0 + tan_lat * tan_lat).sqrt();
    let x = ECCENTRICITY * tan_lat / secant;
    // atanh x = x + x³/3 + x⁵/5 + … ; the term after x¹⁷/17 is below 1e-19 of x.
    const ONE_OVER_ODD: [f64; 9] = [
        1.0,
        1.0 / 3.0,
        1.0 / 5.0,
        1.0 / 7.0,
        1.0 / 9.0,
        1.0 / 11.0,
        1.0 / 13.0,
        1.0 / 15.0,
        1.0 / 17.0,
    ];
    let x2 = x * x;
    let atanh_x_over_x = ONE_OVER_ODD
        .iter()
        .rev()
        .fold(0.0, |sum, coefficient| sum * x2 + coefficient);
    let q = ECCENTRICITY * atanh_x_over_x * x;
    // sinh q = q + q³/6 + q⁵/120 + q⁷/5040 (q⁹/362880 < 1e-20 of q).
    let q2 = q * q;
    let sigma = q * (1.0 + q2 / 6.0 * (1.0 + q2 / 20.0 * (1.0 + q2 / 42.0)));
    (1.0 + sigma * sigma).sqrt() * tan_lat - sigma * secant
}

/// τ from τ′ by Newton's method (Karney 2011, eqs. 19–21). Convergence is quadratic, so once a step is
/// below √ε/10 the step just taken has reached machine precision (Karney's stopping rule): two steps here.
fn geodetic_tan(conformal_tan_lat: f64) -> f64 {
    let one_minus_e2 = 1.0 - E2;
    let mut tan_lat = conformal_tan_lat / one_minus_e2;
    for _ in 0..5 {
        let trial = conformal_tan(tan_lat);
        let step = (conformal_tan_lat - trial) * (1.0 + one_minus_e2 * tan_lat * tan_lat)
            / (one_minus_e2 * (1.0 + tan_lat * tan_lat).sqrt() * (1.0 + trial * trial).sqrt());
        tan_lat += step;
        if step.abs() <= 1.5e-9 * tan_lat.abs().max(1.0) {
            break;
        }
    }
    tan_lat
}

/// asinh y = ln(y + √(y² + 1)) for y ≥ 0, mirrored for y < 0 (|y| < 0.3 in the domain, no cancellation).
fn asinh(y: f64) -> f64 {
    let magnitude = y.abs();
    (magnitude + (magnitude * magnitude + 1.0).sqrt())
        .ln()
        .copysign(y)
}

fn geodetic_to_grid(
    constants: &Constants,
    grid: &TransverseMercator,
    position: Geodetic,
) -> (f64, f64) {
    // sin and cos of (λ − λ₀) by the difference formulas.
    let sin_delta =
        position.sin_lon * grid.cos_central_meridian - position.cos_lon * grid.sin_central_meridian;
    let cos_delta =
        position.cos_lon * grid.cos_central_meridian + position.sin_lon * grid.sin_central_meridian;
    let conformal = conformal_tan(position.tan_lat);
    let zeta_prime = Complex {
        re: conformal.atan2(cos_delta),
        im: asinh(sin_delta / (conformal * conformal + cos_delta * cos_delta).sqrt()),
    };
    let zeta = zeta_prime.add(sum_of_sines(&constants.alpha, zeta_prime));
    let scale_m = grid.scale_factor * constants.rectifying_radius_m;
    (grid.false_easting_m + scale_m * zeta.im, scale_m * zeta.re)
}

fn grid_to_geodetic(
    constants: &Constants,
    grid: &TransverseMercator,
    easting_m: f64,
    northing_m: f64,
) -> Geodetic {
    let scale_m = grid.scale_factor * constants.rectifying_radius_m;
    let zeta = Complex {
        re: northing_m / scale_m,
        im: (easting_m - grid.false_easting_m) / scale_m,
    };
    let zeta_prime = zeta.sub(sum_of_sines(&constants.beta, zeta));
    let (sin_xi, cos_xi) = zeta_prime.re.sin_cos();
    let sinh_eta = zeta_prime.im.sinh();
    let radius = (sinh_eta * sinh_eta + cos_xi * cos_xi).sqrt();
    // (λ − λ₀) from its sine and cosine, then λ by the sum formulas.
    let (sin_delta, cos_delta) = (sinh_eta / radius, cos_xi / radius);
    Geodetic {
        sin_lon: sin_delta * grid.cos_central_meridian + cos_delta * grid.sin_central_meridian,
        cos_lon: cos_delta * grid.cos_central_meridian - sin_delta * grid.sin_central_meridian,
        tan_lat: geodetic_tan(sin_xi / radius),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eccentricity_constant_agrees_with_the_flattening() {
        assert!((ECCENTRICITY * ECCENTRICITY - E2).abs() < 1e-16);
    }

    #[test]
    fn only_the_vn2000_family_and_wgs84_are_covered() {
        assert!(ClosedForm::between(Crs::epsg(4326), Crs::epsg(9210)).is_some());
        assert!(ClosedForm::between(Crs::epsg(9209), Crs::epsg(9210)).is_some());
        assert!(ClosedForm::between(Crs::epsg(9210), Crs::epsg(9210)).is_none());
        assert!(ClosedForm::between(Crs::epsg(4326), Crs::epsg(32648)).is_none());
        assert!(ClosedForm::between(Crs::epsg(3857), Crs::epsg(9210)).is_none());
        assert_eq!(closed_form_epsg_codes().count(), 22);
        for code in closed_form_epsg_codes() {
            assert!(side_of(Crs::epsg(code)).is_some(), "{code}");
        }
    }

    #[test]
    fn outside_the_domain_the_caller_is_sent_to_proj() {
        let closed_form = ClosedForm::between(Crs::epsg(4326), Crs::epsg(9210)).expect("covered");
        assert!(closed_form.convert(106.7, 20.85).is_some());
        assert!(closed_form.convert(2.35, 48.85).is_none());
        assert!(closed_form.convert(f64::NAN, 20.0).is_none());
        let inverse = ClosedForm::between(Crs::epsg(9210), Crs::epsg(4326)).expect("covered");
        assert!(inverse.convert(597_432.0, 2_306_068.0).is_some());
        assert!(inverse.convert(597_432.0, 9_000_000.0).is_none());
    }

    /// Metres between two positions of `crs` (degrees converted at the latitude, metres as they are).
    fn distance_m(crs: Crs, a: (f64, f64), b: (f64, f64)) -> f64 {
        if crs.is_geographic() {
            let metres_per_degree = 111_320.0;
            let dx = (a.0 - b.0) * metres_per_degree * a.1.to_radians().cos();
            let dy = (a.1 - b.1) * metres_per_degree;
            dx.hypot(dy)
        } else {
            (a.0 - b.0).hypot(a.1 - b.1)
        }
    }

    /// Every point of a grid over [`CLOSED_FORM_DOMAIN`] less 0.01° at each edge (VN-2000 and WGS 84
    /// degrees differ by up to 0.003° here, so a point on the very edge in one is outside in the other),
    /// `step_deg` apart.
    fn domain_grid(step_deg: f64) -> Vec<(f64, f64)> {
        let (west, south, east, north) = CLOSED_FORM_DOMAIN;
        let (west, south, east, north) = (west + 0.01, south + 0.01, east - 0.01, north - 0.01);
        let columns = ((east - west) / step_deg).round() as usize;
        let rows = ((north - south) / step_deg).round() as usize;
        (0..=columns)
            .flat_map(|column| {
                (0..=rows).map(move |row| {
                    (
                        (west + column as f64 * step_deg).min(east),
                        (south + row as f64 * step_deg).min(north),
                    )
                })
            })
            .collect()
    }

    /// The largest difference, in metres, between the closed form and PROJ for `from` → `to` on `points`
    /// (given in WGS 84 degrees and first taken into `from` by PROJ), both directions.
    fn largest_difference_m(from: Crs, to: Crs, points: &[(f64, f64)]) -> (f64, (f64, f64)) {
        let into_from = crate::core::crs::Reprojector::through_proj_only(Crs::epsg(4326), from)
            .expect("PROJ knows the source");
        let forward_proj =
            crate::core::crs::Reprojector::through_proj_only(from, to).expect("PROJ forward");
        let inverse_proj =
            crate::core::crs::Reprojector::through_proj_only(to, from).expect("PROJ inverse");
        let forward = ClosedForm::between(from, to).expect("covered pair");
        let inverse = ClosedForm::between(to, from).expect("covered pair");
        let mut worst = (0.0_f64, (0.0, 0.0));
        // Towards WGS 84, positions in LEFT_TO_PROJ (and its 0.01° margin, see `domain_grid`) go to PROJ;
        // from WGS 84, positions on the very edge of DBSCL_AREA (inside that box too).
        let (west, south, east, north) = LEFT_TO_PROJ;
        let (west, south, east, north) = (west - 0.01, south - 0.01, east + 0.01, north + 0.01);
        let near_dbscl =
            |lon: f64, lat: f64| (west..=east).contains(&lon) && (south..=north).contains(&lat);
        let mut compared = 0;
        for &(lon, lat) in points {
            let source = into_from
                .convert(lon, lat)
                .expect("PROJ into the source CRS");
            let by_proj = forward_proj
                .convert(source.0, source.1)
                .expect("PROJ forward");
            let back_by_proj = inverse_proj
                .convert(by_proj.0, by_proj.1)
                .expect("PROJ inverse");
            let by_closed_form = forward.convert(source.0, source.1);
            let back_by_closed_form = inverse.convert(by_proj.0, by_proj.1);
            let mut difference_m: f64 = 0.0;
            let with_wgs84 = from.epsg == 4326 || to.epsg == 4326;
            for (by_closed_form, by_proj, crs) in [
                (by_closed_form, by_proj, to),
                (back_by_closed_form, back_by_proj, from),
            ] {
                match by_closed_form {
                    Some(position) => {
                        difference_m = difference_m.max(distance_m(crs, by_proj, position));
                        compared += 1;
                    }
                    None => assert!(
                        with_wgs84 && near_dbscl(lon, lat) && forward.dbscl_considered,
                        "{from}→{to} left ({lon}, {lat}) to PROJ"
                    ),
                }
            }
            if difference_m > worst.0 {
                worst = (difference_m, (lon, lat));
            }
        }
        // Nearly every position was compared both ways (DBSCL and its margin are about 1 % of the domain).
        assert!(
            compared * 100 >= points.len() * 2 * 97,
            "{compared} of {}",
            points.len() * 2
        );
        worst
    }

    #[test]
    fn closed_form_matches_proj_within_a_millimetre_over_vietnam_and_its_islands() {
        // The city's pair on a 0.05° grid (136,000 points, Bach Long Vi, Hoang Sa and Truong Sa included),
        // every other covered CRS on a 0.25° grid, and the grid-to-grid and VN-2000 geographic pairs.
        let dense = domain_grid(0.05);
        assert!(dense.len() > 130_000);
        for island in [(107.73, 20.13), (111.6, 16.5), (114.3, 10.4), (116.0, 6.0)] {
            assert!(
                dense
                    .iter()
                    .any(|&(lon, lat)| (lon - island.0).abs() <= 0.025
                        && (lat - island.1).abs() <= 0.025)
            );
        }
        let mut report = Vec::new();
        let (worst_m, at) = largest_difference_m(Crs::epsg(4326), Crs::epsg(9210), &dense);
        report.push(format!("4326→9210 {:.6} mm at {at:?}", worst_m * 1e3));
        assert!(worst_m <= 1e-3, "{report:?}");
        let coarse = domain_grid(0.25);
        let mut pairs: Vec<(u32, u32)> = vn2000_epsg_codes().map(|code| (4326, code)).collect();
        pairs.extend([(4756, 9210), (9209, 9210), (3405, 9210), (4756, 3406)]);
        for (from, to) in pairs {
            let (worst_m, at) = largest_difference_m(Crs::epsg(from), Crs::epsg(to), &coarse);
            report.push(format!("{from}→{to} {:.6} mm at {at:?}", worst_m * 1e3));
            assert!(worst_m <= 1e-3, "{from}→{to}: {report:#?}");
        }
        eprintln!("{report:#?}");
    }
}
