//! The Vietnamese messages of the TT16 check, for the app's *Kiểm tra hồ sơ TT16* panel (the report and the
//! command line are in English). Kept beside the English ones so that a new finding cannot miss its
//! translation: the match below is exhaustive.

use super::catalogue::Package;
use super::package::{DeclaredGeometry, GeometryKind};
use super::problem::Detail;
use crate::core::polygon_validity::{InvalidPolygon, RingId};

/// The Vietnamese message of a finding; `field` is the problem's field, when it has one.
pub(super) fn message_vi(detail: &Detail, field: Option<&str>) -> String {
    let field = field.unwrap_or("trường");
    match detail {
        Detail::MissingPackage { package } => {
            format!(
                "Thiếu gói {} ({}, .gdb hoặc .gpkg)",
                package.name(),
                package.name_vi()
            )
        }
        Detail::UnknownPackage => format!(
            "Không phải gói dữ liệu của thông tư ({}); không kiểm tra",
            package_names()
        ),
        Detail::DuplicatePackage { package } => format!(
            "Bản thứ hai của gói {}; chỉ kiểm tra bản đầu tiên theo tên",
            package.name()
        ),
        Detail::UnreadablePackage { reason } => format!("Không đọc được gói dữ liệu: {reason}"),
        Detail::UnreadableLayer { reason } => format!("Không đọc được lớp: {reason}"),
        Detail::UnknownLayer => "Tên lớp không có trong danh mục của thông tư".into(),
        Detail::LayerInOtherPackage { belongs_to } => format!(
            "Theo danh mục, lớp này thuộc gói {} ({})",
            belongs_to.name(),
            belongs_to.name_vi()
        ),
        Detail::LayerNameCase { catalogue_name } => {
            format!("Danh mục viết tên lớp là {catalogue_name} (khác chữ hoa/thường)")
        }
        Detail::FieldNameCase { catalogue_name } => {
            format!("Danh mục viết tên trường là {catalogue_name} (khác chữ hoa/thường)")
        }
        Detail::DeclaredGeometryMismatch { expected, declared } => format!(
            "Hậu tố tên lớp chỉ {} nhưng lớp được khai báo là {}",
            kind_vi(*expected),
            declared_vi(declared)
        ),
        Detail::FeatureGeometryMismatch { expected, found } => format!(
            "Hậu tố tên lớp chỉ {} nhưng đối tượng là {}",
            kind_vi(*expected),
            kind_vi(*found)
        ),
        Detail::MissingField { minimum: true } => format!("Thiếu trường tối thiểu {field}"),
        Detail::MissingField { minimum: false } => {
            format!("Thiếu trường {field} của lược đồ mẫu")
        }
        Detail::WrongFieldType {
            expected, declared, ..
        } => format!("Trường {field} có kiểu {declared}; danh mục quy định {expected}"),
        Detail::TextTooNarrow {
            required_chars,
            declared_chars,
        } => format!(
            "Trường {field} khai báo TEXT({declared_chars}), ngắn hơn TEXT({required_chars}) của thông tư"
        ),
        Detail::TextWider {
            required_chars,
            declared_chars: Some(declared),
        } => format!(
            "Trường {field} khai báo TEXT({declared}), dài hơn TEXT({required_chars}) của thông tư"
        ),
        Detail::TextWider {
            required_chars,
            declared_chars: None,
        } => format!(
            "Trường {field} khai báo TEXT không giới hạn độ dài; thông tư quy định TEXT({required_chars})"
        ),
        Detail::ValueTooLong {
            required_chars,
            value_chars,
        } => format!(
            "Giá trị trường {field} dài {value_chars} ký tự, vượt {required_chars} ký tự của thông tư"
        ),
        Detail::EmptyRequired { .. } => format!("Trường {field} bị bỏ trống"),
        Detail::WrongCrs {
            declared_epsg,
            expected_epsg,
            tolerated,
        } => crs_vi(*declared_epsg, *expected_epsg, *tolerated),
        Detail::InvalidPolygon { reason } => format!("Vùng không hợp lệ: {}", invalid_vi(reason)),
        Detail::NoGeometry => "Đối tượng không có hình học".into(),
        Detail::DuplicateId {
            value,
            first_layer,
            first_feature,
        } => format!(
            "maDoiTuong «{value}» đã dùng cho đối tượng {first_feature} của lớp {first_layer}"
        ),
        Detail::CodeFormat { value, pattern } => format!(
            "Trường {field} «{value}» không theo mẫu {} (mẫu chưa đối chiếu với văn bản thông tư)",
            pattern.description_vi()
        ),
    }
}

/// The four package names, comma-separated.
fn package_names() -> String {
    Package::ALL
        .iter()
        .map(|package| package.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A geometry kind in Vietnamese.
fn kind_vi(kind: GeometryKind) -> &'static str {
    match kind {
        GeometryKind::Point => "điểm",
        GeometryKind::Line => "đường",
        GeometryKind::Polygon => "vùng",
    }
}

/// A declared geometry in Vietnamese.
fn declared_vi(declared: &DeclaredGeometry) -> String {
    match declared.kind() {
        Some(kind) => kind_vi(kind).to_string(),
        None if *declared == DeclaredGeometry::None => "không có hình học".into(),
        None => declared.to_string(),
    }
}

/// A CRS problem in Vietnamese.
fn crs_vi(declared_epsg: Option<u32>, expected_epsg: u32, tolerated: bool) -> String {
    match (declared_epsg, tolerated) {
        (None, _) => format!(
            "Lớp không khai báo hệ tọa độ nhận biết được; cần EPSG:{expected_epsg} (VN-2000 / TM-3 105°45')"
        ),
        (Some(declared), true) => format!(
            "Lớp ở EPSG:{declared} (VN-2000 / TM-3 105°30', Hải Dương cũ); Hải Phòng dùng EPSG:{expected_epsg}"
        ),
        (Some(declared), false) => {
            format!("Lớp ở EPSG:{declared}; cần EPSG:{expected_epsg} (VN-2000 / TM-3 105°45')")
        }
    }
}

/// A ring in Vietnamese.
fn ring_vi(ring: RingId) -> String {
    match ring.ring {
        0 => format!("vòng ngoài của phần {}", ring.part),
        hole => format!("lỗ {} của phần {}", hole - 1, ring.part),
    }
}

/// Why a polygon is invalid, in Vietnamese.
fn invalid_vi(reason: &InvalidPolygon) -> String {
    match reason {
        InvalidPolygon::TooFewCorners { ring } => {
            format!("{} có ít hơn 3 đỉnh khác nhau", ring_vi(*ring))
        }
        InvalidPolygon::NonFiniteCoordinate { ring, vertex } => {
            format!("{} có tọa độ không hợp lệ ở đỉnh {vertex}", ring_vi(*ring))
        }
        InvalidPolygon::SelfIntersection { ring, at } => {
            format!("{} tự cắt tại ({:.3}, {:.3})", ring_vi(*ring), at.x, at.y)
        }
        InvalidPolygon::RingsCross { first, second, at } => format!(
            "{} và {} cắt nhau tại ({:.3}, {:.3})",
            ring_vi(*first),
            ring_vi(*second),
            at.x,
            at.y
        ),
        InvalidPolygon::HoleOutsideShell { hole } => {
            format!("{} nằm ngoài vòng ngoài", ring_vi(*hole))
        }
        InvalidPolygon::HoleInsideHole { hole, outer } => {
            format!("{} nằm trong {}", ring_vi(*hole), ring_vi(*outer))
        }
        InvalidPolygon::PartInsidePart { inner, outer } => {
            format!("phần {inner} nằm trong phần {outer}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{Place, Problem};
    use geo::Coord;

    #[test]
    fn every_problem_has_a_vietnamese_message() {
        let details = [
            Detail::MissingPackage {
                package: Package::QuyHoach,
            },
            Detail::EmptyRequired {
                optional_class: false,
            },
            Detail::InvalidPolygon {
                reason: InvalidPolygon::SelfIntersection {
                    ring: RingId { part: 0, ring: 0 },
                    at: Coord { x: 1.0, y: 1.0 },
                },
            },
            Detail::WrongCrs {
                declared_epsg: Some(4326),
                expected_epsg: 9210,
                tolerated: false,
            },
        ];
        let expected = [
            "Thiếu gói QuyHoach (Quy hoạch, .gdb hoặc .gpkg)",
            "Trường tenDoiTuong bị bỏ trống",
            "Vùng không hợp lệ: vòng ngoài của phần 0 tự cắt tại (1.000, 1.000)",
            "Lớp ở EPSG:4326; cần EPSG:9210 (VN-2000 / TM-3 105°45')",
        ];
        for (detail, expected) in details.into_iter().zip(expected) {
            let place = Place {
                package: "QuyHoach".into(),
                field: Some("tenDoiTuong".into()),
                ..Place::default()
            };
            assert_eq!(Problem::new(place, detail).message_vi(), expected);
        }
    }
}
