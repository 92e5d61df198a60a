//! Why an editing operation was refused, in the interface's language: the core's typed reasons
//! ([`EditingError`], [`InvalidPolygon`], [`SplitError`]) with the place of a crossing in VN-2000 metres,
//! written as Vietnamese surveyors do (north first).

use geo::Coord;

use crate::app::i18n::Lang;
use crate::core::editing::{
    EditingError, GeometryEditError, GeometryKind, InvalidPolygon, RingId, SplitError,
};

/// The refusal in `lang`.
pub fn editing_error_text(error: &EditingError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        EditingError::NoSuchFeature(feature) => pick(
            vi,
            format!("Không có đối tượng số {}.", feature + 1),
            format!("There is no feature {}.", feature + 1),
        ),
        EditingError::Geometry(reason) => geometry_text(reason, vi),
        EditingError::Invalid(reason) => {
            let detail = invalid_text(reason, vi);
            pick(
                vi,
                format!("Không nhận: vùng sẽ không hợp lệ — {detail}."),
                format!("Refused: the polygon would become invalid — {detail}."),
            )
        }
        EditingError::Split(reason) => split_text(reason, vi),
        EditingError::WrongGeometryKind { layer, drawn } => pick(
            vi,
            format!(
                "Không thêm được {} vào lớp {}.",
                kind_text(*drawn, true),
                kind_text(*layer, true)
            ),
            format!(
                "A {} cannot go into a layer of {}.",
                kind_text(*drawn, false),
                kind_text(*layer, false)
            ),
        ),
        EditingError::Collection => pick(
            vi,
            "Không thêm được tập hợp hình làm một đối tượng.".into(),
            "A geometry collection cannot be added as a feature.".into(),
        ),
        EditingError::NothingToDelete => pick(
            vi,
            "Chưa chọn đối tượng để xóa.".into(),
            "No feature chosen to delete.".into(),
        ),
    }
}

fn geometry_text(reason: &GeometryEditError, vi: bool) -> String {
    match reason {
        GeometryEditError::TooFewCorners { .. } => pick(
            vi,
            "Không xóa được: một vòng cần ít nhất 3 đỉnh khác nhau.".into(),
            "Refused: a ring needs at least 3 distinct corners.".into(),
        ),
        GeometryEditError::TooFewPoints { .. } => pick(
            vi,
            "Không xóa được: một đường cần ít nhất 2 điểm khác nhau.".into(),
            "Refused: a line needs at least 2 distinct points.".into(),
        ),
        GeometryEditError::LastPoint => pick(
            vi,
            "Không xóa được điểm duy nhất; hãy xóa cả đối tượng.".into(),
            "The only point cannot be deleted; delete the feature instead.".into(),
        ),
        GeometryEditError::NonFinite => pick(
            vi,
            "Tọa độ không hợp lệ.".into(),
            "The coordinates are not valid numbers.".into(),
        ),
        other => pick(
            vi,
            format!("Không sửa được đỉnh: {other}."),
            format!("The vertex cannot be edited: {other}."),
        ),
    }
}

fn split_text(reason: &SplitError, vi: bool) -> String {
    match reason {
        SplitError::DoesNotCross => pick(
            vi,
            "Không cắt được: đường cắt phải đi xuyên qua vùng từ cạnh này sang cạnh kia.".into(),
            "Cannot split: the line must cross the polygon from one side to another.".into(),
        ),
        SplitError::LineTooShort => pick(
            vi,
            "Không cắt được: đường cắt cần ít nhất 2 điểm.".into(),
            "Cannot split: the line needs at least 2 points.".into(),
        ),
        SplitError::LineCrossesItself { at } => pick(
            vi,
            format!("Không cắt được: đường cắt tự cắt {}.", at_text(*at, true)),
            format!(
                "Cannot split: the line crosses itself {}.",
                at_text(*at, false)
            ),
        ),
        SplitError::NotAPolygon(_) => pick(
            vi,
            "Chỉ cắt được vùng (polygon).".into(),
            "Only polygons can be split.".into(),
        ),
        SplitError::InvalidPolygon(invalid) | SplitError::PieceInvalid(invalid) => pick(
            vi,
            format!("Không cắt được: {}.", invalid_text(invalid, true)),
            format!("Cannot split: {}.", invalid_text(invalid, false)),
        ),
        SplitError::NonFinite => pick(
            vi,
            "Không cắt được: tọa độ không hợp lệ.".into(),
            "Cannot split: the coordinates are not valid numbers.".into(),
        ),
    }
}

fn invalid_text(reason: &InvalidPolygon, vi: bool) -> String {
    match reason {
        InvalidPolygon::TooFewCorners { ring } => pick(
            vi,
            format!("{} có ít hơn 3 đỉnh khác nhau", ring_text(*ring, true)),
            format!(
                "{} has fewer than 3 distinct corners",
                ring_text(*ring, false)
            ),
        ),
        InvalidPolygon::SelfIntersection { ring, at } => pick(
            vi,
            format!("{} tự cắt {}", ring_text(*ring, true), at_text(*at, true)),
            format!(
                "{} crosses itself {}",
                ring_text(*ring, false),
                at_text(*at, false)
            ),
        ),
        InvalidPolygon::RingsCross { first, second, at } => pick(
            vi,
            format!(
                "{} và {} cắt nhau {}",
                ring_text(*first, true),
                ring_text(*second, true),
                at_text(*at, true)
            ),
            format!(
                "{} and {} cross {}",
                ring_text(*first, false),
                ring_text(*second, false),
                at_text(*at, false)
            ),
        ),
        InvalidPolygon::HoleOutsideShell { hole } => pick(
            vi,
            format!("{} nằm ngoài vòng ngoài", ring_text(*hole, true)),
            format!("{} is outside the outer ring", ring_text(*hole, false)),
        ),
        other => other.to_string(),
    }
}

fn ring_text(ring: RingId, vi: bool) -> String {
    match (ring.ring, vi) {
        (0, true) => "vòng ngoài".into(),
        (0, false) => "the outer ring".into(),
        (hole, true) => format!("lỗ {hole}"),
        (hole, false) => format!("hole {hole}"),
    }
}

/// "tại Bắc 2301921.1 m, Đông 592824.7 m" (VN-2000 / TM-3, north first).
fn at_text(at: Coord, vi: bool) -> String {
    pick(
        vi,
        format!("tại Bắc {:.1} m, Đông {:.1} m", at.y, at.x),
        format!("at N {:.1} m, E {:.1} m", at.y, at.x),
    )
}

fn kind_text(kind: GeometryKind, vi: bool) -> &'static str {
    match (kind, vi) {
        (GeometryKind::Point, true) => "điểm",
        (GeometryKind::Line, true) => "đường",
        (GeometryKind::Polygon, true) => "vùng",
        (GeometryKind::Point, false) => "points",
        (GeometryKind::Line, false) => "lines",
        (GeometryKind::Polygon, false) => "polygons",
    }
}

fn pick(vi: bool, vietnamese: String, english: String) -> String {
    if vi { vietnamese } else { english }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_intersection_is_told_with_its_place_north_first() {
        let error = EditingError::Invalid(InvalidPolygon::SelfIntersection {
            ring: RingId { part: 0, ring: 0 },
            at: Coord {
                x: 592_824.74,
                y: 2_301_921.1,
            },
        });
        assert_eq!(
            editing_error_text(&error, Lang::Vi),
            "Không nhận: vùng sẽ không hợp lệ — vòng ngoài tự cắt tại Bắc 2301921.1 m, Đông 592824.7 m."
        );
    }
}
