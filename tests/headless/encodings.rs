//! Text encodings on real-looking Vietnamese samples: detection picks the encoding each sample was written in
//! (UTF-8, Windows-1258, TCVN3, VNI-Windows) and decodes it exactly; a .dbf in TCVN3 (encoded by the C
//! library, not by the atlas's tables) loads with the right text and says the encoding was detected.

use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::io::read_layer_file;
use hpatlas::core::text_encoding::{
    EncodingNote, EncodingOrigin, TextEncoding, choose_encoding, detect_encoding,
};

use crate::fixture;

const SAMPLES: [&str; 10] = [
    "Thành phố Hải Phòng",
    "Quận Lê Chân",
    "Phường Đằng Giang",
    "Huyện đảo Cát Hải",
    "Đường Lạch Tray",
    "Khu công nghiệp Nomura",
    "Ủy ban nhân dân xã Thủy Nguyên",
    "Cầu Hoàng Văn Thụ bắc qua sông Cấm",
    "Đất trồng lúa nước còn lại",
    "Quy hoạch chi tiết tỷ lệ 1/500 khu đô thị mới Bắc sông Cấm",
];

#[test]
fn each_encoding_of_real_place_names_is_detected_and_decoded_exactly() {
    for encoding in [
        TextEncoding::Utf8,
        TextEncoding::Windows1258,
        TextEncoding::Tcvn3,
        TextEncoding::VniWindows,
    ] {
        let encoded: Vec<Vec<u8>> = SAMPLES
            .iter()
            .map(|text| encoding.encode(text).expect("encodable"))
            .collect();
        let values: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
        let report = detect_encoding(&values);
        assert_eq!(report.encoding, encoding, "{report:?}");
        assert_eq!(report.origin, EncodingOrigin::Detected);
        for (bytes, text) in encoded.iter().zip(SAMPLES) {
            assert_eq!(report.encoding.decode(bytes).as_deref(), Some(text));
        }
    }
}

#[test]
fn a_single_short_value_is_detected_too() {
    let bytes = TextEncoding::Tcvn3.encode("Hải Phòng").expect("encodable");
    let report = detect_encoding(&[bytes.as_slice()]);
    assert_eq!(report.encoding, TextEncoding::Tcvn3);
}

#[test]
fn text_that_reads_as_nothing_is_ambiguous_not_mojibake() {
    let noise: Vec<u8> = (0x80u8..=0xFF).collect();
    let report = detect_encoding(&[noise.as_slice()]);
    assert_eq!(report.origin, EncodingOrigin::Ambiguous);
    assert_eq!(report.candidates.len(), 3);
    assert_eq!(report.note, Some(EncodingNote::Ambiguous));
}

#[test]
fn a_wrong_cpg_declaration_gives_way_to_clear_detection_and_the_user_wins() {
    let bytes = TextEncoding::VniWindows
        .encode("Quận Hồng Bàng, thành phố Hải Phòng")
        .expect("encodable");
    let values = [bytes.as_slice()];
    let report = choose_encoding(&values, Some(TextEncoding::Windows1258), None);
    assert_eq!(report.encoding, TextEncoding::VniWindows);
    assert_eq!(
        report.note,
        Some(EncodingNote::CpgNotFollowed {
            declared: TextEncoding::Windows1258,
            used: TextEncoding::VniWindows,
        })
    );
    let chosen = choose_encoding(&values, None, Some(TextEncoding::Tcvn3));
    assert_eq!(chosen.encoding, TextEncoding::Tcvn3);
    assert_eq!(chosen.origin, EncodingOrigin::User);
}

#[test]
fn a_tcvn3_dbf_loads_with_vietnamese_text() {
    let data = read_layer_file(&fixture("formats/points_tcvn3.shp"), None, &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}"));
    let report = data
        .text_encoding
        .expect("a Shapefile reports its encoding");
    assert_eq!(report.encoding, TextEncoding::Tcvn3);
    assert_eq!(report.origin, EncodingOrigin::Detected);
    assert_eq!(
        data.features[0].attributes[0],
        AttributeValue::Text("Trụ sở Ủy ban nhân dân thành phố Hải Phòng".into())
    );
    assert_eq!(
        data.features[1].attributes[0],
        AttributeValue::Text("Nhà văn hóa phường Quang Trung".into())
    );
}
