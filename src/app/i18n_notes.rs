//! The core's notes about how a layer was read ([`LayerNote`]), worded in the interface's language: the core
//! records what happened as data and writes no interface text.

use geo::algorithm::validation::{InvalidPolygon, RingRole};

use super::i18n::Lang;
use crate::core::layer_note::LayerNote;
use crate::core::text_encoding::EncodingNote;

/// One note as the layer panel shows it.
pub fn layer_note_text(note: &LayerNote, lang: Lang) -> String {
    match lang {
        Lang::Vi => vietnamese(note),
        Lang::En => capitalised(&note.to_string()),
    }
}

/// The note in Vietnamese.
fn vietnamese(note: &LayerNote) -> String {
    match note {
        LayerNote::HeightsDropped => "Đã bỏ giá trị Z (độ cao); lớp chỉ có hai chiều".into(),
        LayerNote::MeasuresDropped => "Đã bỏ giá trị M (số đo)".into(),
        LayerNote::HeightsOrMeasuresDropped => {
            "Đã bỏ giá trị Z/M; lớp chỉ có hai chiều".into()
        }
        LayerNote::RingsClosed { count } => {
            format!("{count} vòng chưa khép kín đã được khép lại")
        }
        LayerNote::InvalidPolygon {
            record,
            polygon,
            problem,
        } => format!(
            "Bản ghi {record}, đa giác {polygon}: {} (giữ nguyên như đã vẽ; diện tích có thể sai)",
            polygon_problem(problem)
        ),
        LayerNote::MoreInvalidPolygons { count } => {
            format!("… và {count} đa giác không hợp lệ khác")
        }
        LayerNote::UnreadableValues {
            field,
            dbase_type,
            count,
        } => format!(
            "Trường {field} (kiểu dBASE {dbase_type}): {count} giá trị không đọc được, đã để trống"
        ),
        LayerNote::UnknownCpgEncoding { name } => format!(
            "Tệp .cpg ghi bảng mã không rõ «{name}»; bảng mã đã được tự nhận diện"
        ),
        LayerNote::Encoding(note) => encoding_note(*note),
        LayerNote::Towgs84RotationSign => "Tham số TOWGS84 của VN-2000 trong tệp .prj có góc xoay theo \
             quy ước ngược dấu (lệch khoảng 0,3 m nếu dùng); atlas dùng phép chuyển đổi VN-2000 của EPSG"
            .into(),
    }
}

/// A remark about the text encoding, in Vietnamese.
fn encoding_note(note: EncodingNote) -> String {
    match note {
        EncodingNote::CpgNotFollowed { declared, used } => {
            format!("Tệp .cpg ghi {declared} nhưng văn bản đọc đúng theo {used}; đã dùng {used}")
        }
        EncodingNote::CpgNotValid { declared } => {
            format!("Tệp .cpg ghi {declared} nhưng văn bản không hợp lệ theo {declared}")
        }
        EncodingNote::Ambiguous => {
            "Không phân biệt chắc chắn được bảng mã của văn bản; hãy chọn một bảng mã".into()
        }
    }
}

/// What is wrong with a polygon, in Vietnamese.
fn polygon_problem(problem: &InvalidPolygon) -> String {
    match problem {
        InvalidPolygon::TooFewPointsInRing(ring) => {
            format!("{} có ít hơn 3 điểm phân biệt", ring_name(ring))
        }
        InvalidPolygon::SelfIntersection(ring) => format!("{} tự cắt", ring_name(ring)),
        InvalidPolygon::NonFiniteCoord(ring, index) => format!(
            "{} có tọa độ không hợp lệ ở điểm {}",
            ring_name(ring),
            index.0
        ),
        InvalidPolygon::InteriorRingNotContainedInExteriorRing(ring) => {
            format!("{} nằm ngoài vòng ngoài", ring_name(ring))
        }
        InvalidPolygon::IntersectingRingsOnALine(first, second) => format!(
            "{} và {} cắt nhau theo một đoạn",
            ring_name(first),
            ring_name(second)
        ),
        InvalidPolygon::IntersectingRingsOnAnArea(first, second) => format!(
            "{} và {} chồng lên nhau",
            ring_name(first),
            ring_name(second)
        ),
    }
}

fn ring_name(ring: &RingRole) -> String {
    match ring {
        RingRole::Exterior => "vòng ngoài".into(),
        RingRole::Interior(index) => format!("vòng trong thứ {}", index + 1),
    }
}

/// The text with its first letter in upper case (the core's sentences start in lower case).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text_encoding::TextEncoding;

    #[test]
    fn notes_are_worded_in_the_interface_language() {
        let note = LayerNote::InvalidPolygon {
            record: 2,
            polygon: 0,
            problem: InvalidPolygon::SelfIntersection(RingRole::Interior(0)),
        };
        assert_eq!(
            layer_note_text(&note, Lang::Vi),
            "Bản ghi 2, đa giác 0: vòng trong thứ 1 tự cắt (giữ nguyên như đã vẽ; diện tích có thể sai)"
        );
        assert!(layer_note_text(&note, Lang::En).starts_with("Record 2: polygon 0:"));
        let cpg = LayerNote::Encoding(EncodingNote::CpgNotValid {
            declared: TextEncoding::Utf8,
        });
        assert_eq!(
            layer_note_text(&cpg, Lang::Vi),
            "Tệp .cpg ghi UTF-8 nhưng văn bản không hợp lệ theo UTF-8"
        );
    }
}
