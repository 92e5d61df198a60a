//! The core's notes about how a layer was read ([`LayerNote`]) and its reasons for asking about a file
//! ([`UnknownCrsReason`], [`CsvGuessReason`]), worded in the interface's language: the core records what
//! happened as data and writes no interface text.

use geo::algorithm::validation::{InvalidPolygon, RingRole};

use super::i18n::Lang;
use crate::core::io::csv_points::CsvGuessReason;
use crate::core::io::prj::PrjProblem;
use crate::core::io::unknown_crs::UnknownCrsReason;
use crate::core::layer_note::{GeometryProblem, LayerNote};
use crate::core::text_encoding::EncodingNote;

/// One note as the layer panel shows it.
pub fn layer_note_text(note: &LayerNote, lang: Lang) -> String {
    match lang {
        Lang::Vi => layer_note_vietnamese(note),
        Lang::En => capitalised(&note.to_string()),
    }
}

/// Why a file's coordinate system is unknown, as the question about it says.
pub fn unknown_crs_text(reason: &UnknownCrsReason, lang: Lang) -> String {
    match lang {
        Lang::Vi => unknown_crs_vietnamese(reason),
        Lang::En => capitalised(&reason.to_string()),
    }
}

fn unknown_crs_vietnamese(reason: &UnknownCrsReason) -> String {
    match reason {
        UnknownCrsReason::NoPrj => "Không có tệp .prj".to_string(),
        UnknownCrsReason::Prj(problem) => prj_problem(problem),
        UnknownCrsReason::GpkgSrsMissing { srs_id } => {
            format!("srs_id {srs_id} không có trong gpkg_spatial_ref_sys")
        }
        UnknownCrsReason::GpkgImpossibleEpsg { code } => format!("Mã EPSG {code} không thể có"),
        UnknownCrsReason::GpkgSrsUndefined { srs_id } => {
            format!("srs_id {srs_id} là hệ tọa độ không xác định")
        }
        UnknownCrsReason::CsvInMetres => {
            "Tọa độ tính bằng mét và tệp CSV không cho biết lưới chiếu nào".to_string()
        }
        UnknownCrsReason::DrawingHasNoCrs => "Bản vẽ CAD không ghi hệ tọa độ của nó".to_string(),
        UnknownCrsReason::NoCrsInFile => "Lớp không khai báo hệ tọa độ".to_string(),
    }
}

/// Why a `.prj` could not be matched, in Vietnamese (PROJ's own message stays as PROJ wrote it).
fn prj_problem(problem: &PrjProblem) -> String {
    match problem {
        PrjProblem::Empty => "Tệp .prj trống".into(),
        PrjProblem::Unreadable(message) => format!("PROJ không đọc được tệp .prj: {message}"),
        PrjProblem::Undescribable(message) => {
            format!("PROJ không mô tả được tệp .prj: {message}")
        }
        PrjProblem::Unmatched { name } => {
            format!("Tệp .prj mô tả «{name}», không khớp hệ EPSG nào atlas biết")
        }
    }
}

/// Why a CSV's coordinate columns were guessed as they were.
pub fn csv_guess_text(reason: CsvGuessReason, lang: Lang) -> String {
    match lang {
        Lang::Vi => csv_guess_vietnamese(reason).to_string(),
        Lang::En => capitalised(&reason.to_string()),
    }
}

fn csv_guess_vietnamese(reason: CsvGuessReason) -> &'static str {
    match reason {
        CsvGuessReason::LonLatByNameAndValue => "Cột kinh độ và vĩ độ, theo tên và giá trị",
        CsvGuessReason::LonLatNamesOutOfRange => {
            "Các cột mang tên kinh độ/vĩ độ có giá trị ngoài phạm vi Việt Nam"
        }
        CsvGuessReason::XyHoldLonLat => "Cột X/Y chứa kinh độ/vĩ độ",
        CsvGuessReason::XyHoldLatLon => "Cột X/Y chứa vĩ độ/kinh độ",
        CsvGuessReason::XyUnclear => {
            "Giá trị cột X/Y không cho biết cột nào là tọa độ bắc, cột nào là tọa độ đông"
        }
        CsvGuessReason::MetresByName => {
            "Tọa độ đông/bắc tính bằng mét (X = bắc, Y = đông); cần chọn múi VN-2000"
        }
        CsvGuessReason::MetresOutOfRange => "Giá trị các cột tọa độ nằm ngoài phạm vi VN-2000",
        CsvGuessReason::UnnamedLonLat => {
            "Các cột không mang tên tọa độ nhưng có giá trị giống kinh độ/vĩ độ"
        }
        CsvGuessReason::UnnamedMetres => {
            "Các cột không mang tên tọa độ nhưng có giá trị giống tọa độ mét VN-2000"
        }
        CsvGuessReason::NoCoordinates => "Không cột nào giống tọa độ",
    }
}

/// The note in Vietnamese.
fn layer_note_vietnamese(note: &LayerNote) -> String {
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
        LayerNote::DegenerateRingSkipped {
            record,
            reason,
            record_left_empty,
        } => {
            let empty = if *record_left_empty {
                "; bản ghi không còn hình học"
            } else {
                ""
            };
            format!("Bản ghi {record}: {reason}; vòng này đã bị bỏ qua{empty}")
        }
        LayerNote::MoreDegenerateRingsSkipped { count } => {
            format!("… và {count} vòng suy biến khác đã bị bỏ qua")
        }
        LayerNote::GeometrySkipped {
            feature,
            line,
            column,
            problem,
        } => format!(
            "Đối tượng {feature} (dòng {line}, cột {column}): {}; đã giữ lại không có hình học",
            geometry_problem(problem)
        ),
        LayerNote::MoreGeometriesSkipped { count } => {
            format!("… và {count} đối tượng khác được giữ lại không có hình học")
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
        LayerNote::RowsSkipped {
            count,
            first_reason,
        } => format!("{count} dòng không đọc được đã bị bỏ qua (dòng đầu tiên: {first_reason})"),
        LayerNote::RowsWithoutGeometry {
            count,
            first_line,
            first_reason,
        } => format!(
            "{count} dòng không đọc được tọa độ, được giữ lại không có hình học (dòng đầu tiên: dòng \
             {first_line}: {first_reason})"
        ),
        LayerNote::Encoding(note) => encoding_note(*note),
        LayerNote::PaperSpaceSkipped { count } => format!(
            "{count} đối tượng trong không gian giấy (paper space: khung tên, khung nhìn) không nằm trên \
             bản đồ và đã được bỏ qua"
        ),
        LayerNote::GeometriesUnreadable {
            count,
            first_feature,
            first_reason,
        } => format!(
            "{count} đối tượng không đọc được hình học, được giữ lại với thuộc tính (đối tượng đầu tiên: \
             {first_feature}: {first_reason})"
        ),
        LayerNote::FarFromHaiPhong { crs, extent } => format!(
            "Tọa độ của bản vẽ ({:.0}, {:.0} – {:.0}, {:.0}) không nằm gần Hải Phòng trong {}: có thể bản vẽ \
             dùng tọa độ cục bộ hoặc một hệ tọa độ khác",
            extent[0],
            extent[1],
            extent[2],
            extent[3],
            crs.label()
        ),
        LayerNote::FileCutShort => "Tệp kết thúc trước dấu kết thúc tệp (bị cắt cụt): chỉ đọc được phần \
             trước chỗ bị cắt"
            .into(),
        LayerNote::ReaderWarnings { count, first } => {
            format!("GDAL có {count} cảnh báo khi đọc tệp (cảnh báo đầu tiên: {first})")
        }
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

/// Why a feature's geometry could not be used, in Vietnamese.
fn geometry_problem(problem: &GeometryProblem) -> String {
    match problem {
        GeometryProblem::NotANumber { text } => format!("tọa độ «{text}» không phải là số"),
        GeometryProblem::MissingLatitude => "một điểm có kinh độ nhưng thiếu vĩ độ".into(),
        GeometryProblem::LongitudeOutOfRange { degrees } => {
            format!("kinh độ {degrees} nằm ngoài khoảng -180 đến 180 độ")
        }
        GeometryProblem::LatitudeOutOfRange { degrees } => {
            format!("vĩ độ {degrees} nằm ngoài khoảng -90 đến 90 độ")
        }
        GeometryProblem::TooFewCornersInRing { corners } => {
            format!("một vòng đa giác chỉ có {corners} đỉnh phân biệt (cần ít nhất 3)")
        }
        GeometryProblem::TooFewPointsInLine => "một đường chỉ có một điểm".into(),
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

    #[test]
    fn a_skipped_geometry_is_worded_in_the_interface_language() {
        let note = LayerNote::GeometrySkipped {
            feature: 4,
            line: 12,
            column: 30,
            problem: GeometryProblem::LatitudeOutOfRange { degrees: 95.5 },
        };
        assert_eq!(
            layer_note_text(&note, Lang::Vi),
            "Đối tượng 4 (dòng 12, cột 30): vĩ độ 95.5 nằm ngoài khoảng -90 đến 90 độ; đã giữ lại không có \
             hình học"
        );
        assert_eq!(
            layer_note_text(&note, Lang::En),
            "Feature 4 (line 12, column 30): latitude 95.5 is not from -90 to 90 degrees; it was kept without \
             a geometry"
        );
    }

    #[test]
    fn reasons_for_asking_are_worded_in_the_interface_language() {
        let unmatched = UnknownCrsReason::Prj(PrjProblem::Unmatched {
            name: "Lambert".into(),
        });
        assert_eq!(
            unknown_crs_text(&unmatched, Lang::Vi),
            "Tệp .prj mô tả «Lambert», không khớp hệ EPSG nào atlas biết"
        );
        assert_eq!(
            unknown_crs_text(&UnknownCrsReason::NoPrj, Lang::En),
            "There is no .prj file"
        );
        assert_eq!(
            csv_guess_text(CsvGuessReason::XyHoldLonLat, Lang::Vi),
            "Cột X/Y chứa kinh độ/vĩ độ"
        );
    }
}
