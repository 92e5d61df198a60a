//! What a TT16 check finds: one [`Problem`] per defect, with its severity, kind, place (package, layer, feature,
//! field, a point for zooming) and an English message; [`Problem::message_vi`] gives the Vietnamese one.
//!
//! # Severities
//!
//! The severity of every kind of finding is decided here, in [`Detail::severity`], and only here:
//!
//! - **Errors** (the dossier does not meet the circular): a layer name in no package of the catalogue
//!   (`unknown_layer`); a declared geometry or a feature's geometry other than the `_A`/`_P`/`_L` suffix says
//!   (`geometry_mismatch`); a missing minimum field (`missing_field`); a minimum field of another type, a TEXT
//!   minimum field declared narrower than the circular's width, or a value longer than it (`field_type`);
//!   `maThongTinQH`, `maHoSoQH`, `maDoiTuong` or `tenDoiTuong` left empty (`empty_required`); a CRS other than
//!   VN-2000 / TM-3 105°45' (EPSG:9210), or none (`wrong_crs`); an invalid polygon or a feature without a
//!   geometry (`invalid_geometry`); a `maDoiTuong` used twice in one package (`duplicate_id`); a package or
//!   layer that cannot be read (`unreadable_package`, `unreadable_layer`); a `HoSoGIS` folder without
//!   `HienTrang` or `QuyHoach` (`missing_package`).
//! - **Warnings** (worth a look, or resting on facts not verified against the official text): a layer of the
//!   catalogue stored in another package (`unknown_layer`); a layer or field name spelled in another letter
//!   case than the catalogue's (`name_case`: the sources themselves disagree on case); an extra field (beyond
//!   the six, from one template schema only) missing or of another type; a TEXT minimum field declared wider
//!   than the circular's width or without a width (`field_type`); `phanLoai` left empty (`empty_required`;
//!   `ghiChu` may be empty); EPSG:9209 (TM-3 105°30', old Hai Duong dossiers; `wrong_crs`); a code not in the
//!   documented pattern (`code_format`: the pattern is not verified); a `HoSoGIS` folder without `NenDiaHinh`
//!   or `MocGioi` (`missing_package`; the circular leaves the first to other rules, the markers often come
//!   later); a file in the folder that is no package, or a second copy of one (`unknown_package`).

use geo::Coord;
use serde::Serialize;

use super::catalogue::Package;
use super::codes::CodePattern;
use super::package::{DeclaredGeometry, FieldType, GeometryKind};
use crate::core::polygon_validity::InvalidPolygon;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The dossier does not meet the circular.
    Error,
    /// Worth a look; the dossier may still meet the circular.
    Warning,
}

/// The kind of a problem, as the JSON report names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A layer name not in the catalogue (or in another package's part of it).
    UnknownLayer,
    /// The geometry does not match the layer name's `_A`/`_P`/`_L` suffix.
    GeometryMismatch,
    /// A field the catalogue requires is missing.
    MissingField,
    /// A field's type or width differs from the catalogue's, or a value is too long for it.
    FieldType,
    /// A minimum field is left empty in a feature.
    EmptyRequired,
    /// The layer is not in the expected CRS.
    WrongCrs,
    /// A geometry is not valid (self-intersection, …) or missing.
    InvalidGeometry,
    /// A `maDoiTuong` value is used by two features of one package.
    DuplicateId,
    /// A `maThongTinQH` or `maHoSoQH` value is not in the documented pattern.
    CodeFormat,
    /// A layer or field name differs from the catalogue's only in letter case.
    NameCase,
    /// A package of a `HoSoGIS` folder is missing.
    MissingPackage,
    /// A file or folder in a `HoSoGIS` folder is no package (or a second copy of one).
    UnknownPackage,
    /// A package could not be read at all.
    UnreadablePackage,
    /// A layer could not be read.
    UnreadableLayer,
}

impl ProblemKind {
    /// The kind's name in the JSON report (`unknown_layer`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::UnknownLayer => "unknown_layer",
            Self::GeometryMismatch => "geometry_mismatch",
            Self::MissingField => "missing_field",
            Self::FieldType => "field_type",
            Self::EmptyRequired => "empty_required",
            Self::WrongCrs => "wrong_crs",
            Self::InvalidGeometry => "invalid_geometry",
            Self::DuplicateId => "duplicate_id",
            Self::CodeFormat => "code_format",
            Self::NameCase => "name_case",
            Self::MissingPackage => "missing_package",
            Self::UnknownPackage => "unknown_package",
            Self::UnreadablePackage => "unreadable_package",
            Self::UnreadableLayer => "unreadable_layer",
        }
    }
}

/// What exactly was found, with what the messages in both languages need.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// A package of a `HoSoGIS` folder is missing.
    MissingPackage {
        /// The missing package.
        package: Package,
    },
    /// A file or folder of a `HoSoGIS` folder whose name is no package.
    UnknownPackage,
    /// A second file or folder of a `HoSoGIS` folder for a package already read (e.g. both `QuyHoach.gdb` and
    /// `QuyHoach.gpkg`); the first in name order is checked.
    DuplicatePackage {
        /// The package.
        package: Package,
    },
    /// The package could not be read at all.
    UnreadablePackage {
        /// What the reader said (English).
        reason: String,
    },
    /// The layer could not be read.
    UnreadableLayer {
        /// What the reader said (English).
        reason: String,
    },
    /// The layer name is in no package of the catalogue.
    UnknownLayer,
    /// The layer belongs to another package.
    LayerInOtherPackage {
        /// The package the catalogue puts it in.
        belongs_to: Package,
    },
    /// The layer name differs from the catalogue's only in letter case.
    LayerNameCase {
        /// The catalogue's spelling.
        catalogue_name: String,
    },
    /// The field name differs from the catalogue's only in letter case.
    FieldNameCase {
        /// The catalogue's spelling.
        catalogue_name: String,
    },
    /// The declared geometry is not the one the suffix gives.
    DeclaredGeometryMismatch {
        /// What the suffix gives.
        expected: GeometryKind,
        /// What the file declares.
        declared: DeclaredGeometry,
    },
    /// A feature's geometry is not the one the suffix gives.
    FeatureGeometryMismatch {
        /// What the suffix gives.
        expected: GeometryKind,
        /// What the feature holds.
        found: GeometryKind,
    },
    /// A required field is missing.
    MissingField {
        /// True for the six minimum fields (an error); extra fields give a warning.
        minimum: bool,
    },
    /// A field is declared with another type than the catalogue's.
    WrongFieldType {
        /// True for the six minimum fields.
        minimum: bool,
        /// The catalogue's type.
        expected: FieldType,
        /// The declared type as read ("INTEGER", "TEXT(15)", …).
        declared: String,
    },
    /// A TEXT field is declared narrower than the catalogue's width.
    TextTooNarrow {
        /// The catalogue's width.
        required_chars: u32,
        /// The declared width.
        declared_chars: u32,
    },
    /// A TEXT field is declared wider than the catalogue's width, or without a width.
    TextWider {
        /// The catalogue's width.
        required_chars: u32,
        /// The declared width (`None`: unbounded).
        declared_chars: Option<u32>,
    },
    /// A value is longer than the catalogue's width for its field.
    ValueTooLong {
        /// The catalogue's width.
        required_chars: u32,
        /// The value's length.
        value_chars: usize,
    },
    /// A minimum field left empty.
    EmptyRequired {
        /// True for `phanLoai`, whose absence is a warning only.
        optional_class: bool,
    },
    /// The layer's CRS is not the expected one.
    WrongCrs {
        /// The declared EPSG code, if any.
        declared_epsg: Option<u32>,
        /// The expected EPSG code.
        expected_epsg: u32,
        /// True when the declared code is one tolerated with a warning (EPSG:9209).
        tolerated: bool,
    },
    /// A polygon is not valid.
    InvalidPolygon {
        /// Why.
        reason: InvalidPolygon,
    },
    /// A feature has no geometry.
    NoGeometry,
    /// A `maDoiTuong` value already used in the package.
    DuplicateId {
        /// The value.
        value: String,
        /// The layer of its first use.
        first_layer: String,
        /// The feature of its first use.
        first_feature: i64,
    },
    /// A code not in the documented pattern.
    CodeFormat {
        /// The value.
        value: String,
        /// The documented pattern.
        pattern: CodePattern,
    },
}

impl Detail {
    /// The kind reported for this finding.
    pub fn kind(&self) -> ProblemKind {
        match self {
            Self::MissingPackage { .. } => ProblemKind::MissingPackage,
            Self::UnknownPackage | Self::DuplicatePackage { .. } => ProblemKind::UnknownPackage,
            Self::UnreadablePackage { .. } => ProblemKind::UnreadablePackage,
            Self::UnreadableLayer { .. } => ProblemKind::UnreadableLayer,
            Self::UnknownLayer | Self::LayerInOtherPackage { .. } => ProblemKind::UnknownLayer,
            Self::LayerNameCase { .. } | Self::FieldNameCase { .. } => ProblemKind::NameCase,
            Self::DeclaredGeometryMismatch { .. } | Self::FeatureGeometryMismatch { .. } => {
                ProblemKind::GeometryMismatch
            }
            Self::MissingField { .. } => ProblemKind::MissingField,
            Self::WrongFieldType { .. }
            | Self::TextTooNarrow { .. }
            | Self::TextWider { .. }
            | Self::ValueTooLong { .. } => ProblemKind::FieldType,
            Self::EmptyRequired { .. } => ProblemKind::EmptyRequired,
            Self::WrongCrs { .. } => ProblemKind::WrongCrs,
            Self::InvalidPolygon { .. } | Self::NoGeometry => ProblemKind::InvalidGeometry,
            Self::DuplicateId { .. } => ProblemKind::DuplicateId,
            Self::CodeFormat { .. } => ProblemKind::CodeFormat,
        }
    }

    /// The severity of this finding (see the module documentation for the reasons).
    pub fn severity(&self) -> Severity {
        let warning_when = |warning: bool| {
            if warning {
                Severity::Warning
            } else {
                Severity::Error
            }
        };
        match self {
            Self::MissingPackage { package } => {
                warning_when(matches!(package, Package::NenDiaHinh | Package::MocGioi))
            }
            Self::MissingField { minimum } | Self::WrongFieldType { minimum, .. } => {
                warning_when(!minimum)
            }
            Self::EmptyRequired { optional_class } => warning_when(*optional_class),
            Self::WrongCrs { tolerated, .. } => warning_when(*tolerated),
            Self::UnknownPackage
            | Self::DuplicatePackage { .. }
            | Self::LayerInOtherPackage { .. }
            | Self::LayerNameCase { .. }
            | Self::FieldNameCase { .. }
            | Self::TextWider { .. }
            | Self::CodeFormat { .. } => Severity::Warning,
            Self::UnreadablePackage { .. }
            | Self::UnreadableLayer { .. }
            | Self::UnknownLayer
            | Self::DeclaredGeometryMismatch { .. }
            | Self::FeatureGeometryMismatch { .. }
            | Self::TextTooNarrow { .. }
            | Self::ValueTooLong { .. }
            | Self::InvalidPolygon { .. }
            | Self::NoGeometry
            | Self::DuplicateId { .. } => Severity::Error,
        }
    }

    /// The English message; `field` is the problem's field, when it has one.
    pub fn message_en(&self, field: Option<&str>) -> String {
        let field = field.unwrap_or("the field");
        match self {
            Self::MissingPackage { package } => {
                format!("the {package} package (.gdb or .gpkg) is missing")
            }
            Self::UnknownPackage => {
                "not a package of the circular (NenDiaHinh, HienTrang, QuyHoach, MocGioi); not checked"
                    .into()
            }
            Self::DuplicatePackage { package } => {
                format!("a second copy of the {package} package; only the first by name is checked")
            }
            Self::UnreadablePackage { reason } => format!("the package cannot be read: {reason}"),
            Self::UnreadableLayer { reason } => format!("the layer cannot be read: {reason}"),
            Self::UnknownLayer => "the layer name is not in the circular's catalogue".into(),
            Self::LayerInOtherPackage { belongs_to } => {
                format!("the catalogue puts this layer in the {belongs_to} package")
            }
            Self::LayerNameCase { catalogue_name } => {
                format!("the catalogue spells the layer {catalogue_name}")
            }
            Self::FieldNameCase { catalogue_name } => {
                format!("the catalogue spells the field {catalogue_name}")
            }
            Self::DeclaredGeometryMismatch { expected, declared } => format!(
                "the name's suffix says {} but the layer is declared as {declared}",
                expected.word()
            ),
            Self::FeatureGeometryMismatch { expected, found } => format!(
                "the name's suffix says {} but the feature is a {}",
                expected.word(),
                found.word()
            ),
            Self::MissingField { minimum: true } => {
                format!("the minimum field {field} is missing")
            }
            Self::MissingField { minimum: false } => {
                format!("the field {field} of the template schema is missing")
            }
            Self::WrongFieldType {
                expected, declared, ..
            } => format!("{field} is declared {declared}; the catalogue gives {expected}"),
            Self::TextTooNarrow {
                required_chars,
                declared_chars,
            } => format!(
                "{field} is declared TEXT({declared_chars}), narrower than the circular's TEXT({required_chars})"
            ),
            Self::TextWider {
                required_chars,
                declared_chars: Some(declared),
            } => format!(
                "{field} is declared TEXT({declared}), wider than the circular's TEXT({required_chars})"
            ),
            Self::TextWider {
                required_chars,
                declared_chars: None,
            } => format!(
                "{field} is declared TEXT without a width; the circular gives TEXT({required_chars})"
            ),
            Self::ValueTooLong {
                required_chars,
                value_chars,
            } => format!(
                "the value of {field} has {value_chars} characters, more than the circular's {required_chars}"
            ),
            Self::EmptyRequired { .. } => format!("{field} is empty"),
            Self::WrongCrs {
                declared_epsg,
                expected_epsg,
                tolerated,
            } => crs_message_en(*declared_epsg, *expected_epsg, *tolerated),
            Self::InvalidPolygon { reason } => format!("invalid polygon: {reason}"),
            Self::NoGeometry => "the feature has no geometry".into(),
            Self::DuplicateId {
                value,
                first_layer,
                first_feature,
            } => format!(
                "maDoiTuong {value:?} is already used by feature {first_feature} of {first_layer}"
            ),
            Self::CodeFormat { value, pattern } => {
                format!(
                    "{field} {value:?} is not {} (pattern not verified against the circular)",
                    pattern.description_en()
                )
            }
        }
    }
}

/// The English message of a CRS problem.
fn crs_message_en(declared_epsg: Option<u32>, expected_epsg: u32, tolerated: bool) -> String {
    match (declared_epsg, tolerated) {
        (None, _) => format!("the layer declares no known CRS; EPSG:{expected_epsg} is expected"),
        (Some(declared), true) => format!(
            "the layer is in EPSG:{declared} (VN-2000 / TM-3 105°30', old Hai Duong); Hai Phong uses EPSG:{expected_epsg}"
        ),
        (Some(declared), false) => {
            format!("the layer is in EPSG:{declared}; EPSG:{expected_epsg} is expected")
        }
    }
}

/// Where a problem is: package, layer, feature, field and a point of the feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place {
    /// The package (its canonical name, or the file stem).
    pub package: String,
    /// The layer as stored (`None` for a problem of the whole package).
    pub layer: Option<String>,
    /// The file's id of the feature.
    pub feature: Option<i64>,
    /// The field.
    pub field: Option<String>,
    /// A point of the feature (or where it is invalid) in the layer's CRS.
    pub location: Option<Coord>,
}

/// One finding of a check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// Its kind.
    pub kind: ProblemKind,
    /// The package: `NenDiaHinh`, `HienTrang`, `QuyHoach`, `MocGioi`, or the file stem.
    pub package: String,
    /// The layer as stored; `null` for a problem of a whole package.
    pub layer: Option<String>,
    /// The file's id of the feature (GeoPackage `fid`, FileGDB `OBJECTID`); `null` for a layer's problem.
    pub feature: Option<i64>,
    /// The field; `null` when the problem is not about one field.
    pub field: Option<String>,
    /// What is wrong, in English.
    pub message: String,
    /// A point of the feature in the layer's CRS (where a polygon crosses itself, else its first vertex), for
    /// zooming to it; `null` for a layer's or package's problem.
    pub location: Option<[f64; 2]>,
    /// The finding with its parameters (for the Vietnamese message).
    #[serde(skip)]
    pub detail: Detail,
}

impl Problem {
    /// A problem at `place`: kind, severity and English message follow from `detail`.
    pub fn new(place: Place, detail: Detail) -> Self {
        Self {
            severity: detail.severity(),
            kind: detail.kind(),
            message: detail.message_en(place.field.as_deref()),
            package: place.package,
            layer: place.layer,
            feature: place.feature,
            field: place.field,
            location: place.location.map(|at| [at.x, at.y]),
            detail,
        }
    }

    /// True for an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in Vietnamese, for the app's panel.
    pub fn message_vi(&self) -> String {
        super::messages_vi::message_vi(&self.detail, self.field.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_serialize_in_the_issues_shape() {
        let problem = Problem::new(
            Place {
                package: "QuyHoach".into(),
                layer: Some("ChucNangSuDungDat_A".into()),
                feature: Some(3),
                field: Some("tenDoiTuong".into()),
                location: Some(Coord { x: 1.0, y: 2.0 }),
            },
            Detail::EmptyRequired {
                optional_class: false,
            },
        );
        let json = serde_json::to_value(&problem).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "severity": "error", "kind": "empty_required", "package": "QuyHoach",
                "layer": "ChucNangSuDungDat_A", "feature": 3, "field": "tenDoiTuong",
                "message": "tenDoiTuong is empty", "location": [1.0, 2.0]
            })
        );
    }

    #[test]
    fn severities_follow_the_documented_decisions() {
        let crs = |declared_epsg, tolerated| Detail::WrongCrs {
            declared_epsg,
            expected_epsg: 9210,
            tolerated,
        };
        assert_eq!(crs(Some(9209), true).severity(), Severity::Warning);
        assert_eq!(crs(Some(4326), false).severity(), Severity::Error);
        assert_eq!(crs(None, false).severity(), Severity::Error);
        assert_eq!(
            Detail::MissingField { minimum: false }.severity(),
            Severity::Warning
        );
        assert_eq!(
            Detail::MissingPackage {
                package: Package::QuyHoach
            }
            .severity(),
            Severity::Error
        );
        assert_eq!(
            Detail::MissingPackage {
                package: Package::MocGioi
            }
            .severity(),
            Severity::Warning
        );
        assert_eq!(
            Detail::TextWider {
                required_chars: 15,
                declared_chars: None
            }
            .severity(),
            Severity::Warning
        );
        assert_eq!(
            Detail::TextTooNarrow {
                required_chars: 15,
                declared_chars: 10
            }
            .severity(),
            Severity::Error
        );
    }

    #[test]
    fn kind_names_match_their_json() {
        for kind in [
            ProblemKind::UnknownLayer,
            ProblemKind::GeometryMismatch,
            ProblemKind::CodeFormat,
            ProblemKind::UnreadableLayer,
        ] {
            assert_eq!(
                serde_json::to_value(kind).expect("serializable"),
                serde_json::Value::String(kind.name().into())
            );
        }
    }
}
