//! CAD drawings and the other formats read through GDAL (issue 12): DXF with hatches, holes, closed and open
//! polylines, TCVN3 text and block inserts, written here byte by byte as CAD programs write them; DXF, File
//! Geodatabase, MapInfo and DGN files written by GDAL's own `ogr2ogr` at test time and read back equal; and
//! a MapInfo interchange file with VNI text.

use std::path::{Path, PathBuf};
use std::process::Command;

use geo::{Area, Geometry};
use hpatlas::core::attributes::AttributeValue;
use hpatlas::core::crs::Crs;
use hpatlas::core::io::gdal_formats::schema::{DeclaredGeometry, DeclaredKind, read_layer_schema};
use hpatlas::core::io::gdal_formats::{list_gdal_layers, read_gdal_layer_with_ids};
use hpatlas::core::io::unknown_crs::UnknownCrsReason;
use hpatlas::core::io::{LoadError, LoadOptions, read_layer_file_with};
use hpatlas::core::layer::LayerData;
use hpatlas::core::layer_note::LayerNote;
use hpatlas::core::text_encoding::TextEncoding;

use crate::{gdal_installed, scratch_folder};

/// Where the test drawing sits in EPSG:9210 (central Hai Phong).
const BASE_X: f64 = 597_000.0;
const BASE_Y: f64 = 2_306_000.0;

/// A DXF written group by group: each `(code, value)` pair becomes two lines, values are raw bytes.
#[derive(Default)]
struct DxfWriter {
    bytes: Vec<u8>,
}

impl DxfWriter {
    fn pair(&mut self, code: u16, value: impl AsRef<[u8]>) -> &mut Self {
        self.bytes
            .extend_from_slice(format!("{code:>3}\r\n").as_bytes());
        self.bytes.extend_from_slice(value.as_ref());
        self.bytes.extend_from_slice(b"\r\n");
        self
    }

    fn number(&mut self, code: u16, value: f64) -> &mut Self {
        self.pair(code, format!("{value:.6}"))
    }

    fn point(&mut self, x_code: u16, x: f64, y: f64) -> &mut Self {
        self.number(x_code, x).number(x_code + 10, y)
    }

    fn header(&mut self) -> &mut Self {
        self.pair(0, "SECTION").pair(2, "HEADER");
        self.pair(9, "$ACADVER").pair(1, "AC1015");
        self.pair(9, "$DWGCODEPAGE").pair(3, "ANSI_1252");
        self.pair(0, "ENDSEC")
    }

    /// A block `CAY` holding one 5-unit line from its base point.
    fn blocks(&mut self) -> &mut Self {
        self.pair(0, "SECTION").pair(2, "BLOCKS");
        self.pair(0, "BLOCK")
            .pair(8, "0")
            .pair(2, "CAY")
            .pair(70, "0");
        self.point(10, 0.0, 0.0).pair(3, "CAY");
        self.pair(0, "LINE").pair(8, "0").pair(62, "3");
        self.point(10, 0.0, 0.0).point(11, 5.0, 0.0);
        self.pair(0, "ENDBLK").pair(8, "0");
        self.pair(0, "ENDSEC")
    }

    /// A polyline boundary path of a HATCH (`flags` 3 = outer, 2 = inner).
    fn hatch_path(&mut self, flags: u8, corners: &[(f64, f64)]) -> &mut Self {
        self.pair(92, flags.to_string()).pair(72, "0").pair(73, "1");
        self.pair(93, corners.len().to_string());
        for &(x, y) in corners {
            self.point(10, x, y);
        }
        self.pair(97, "0")
    }

    fn lwpolyline(
        &mut self,
        handle: &str,
        layer: &str,
        colour: u8,
        closed: bool,
        corners: &[(f64, f64)],
    ) -> &mut Self {
        self.pair(0, "LWPOLYLINE").pair(5, handle).pair(8, layer);
        self.pair(62, colour.to_string());
        self.pair(100, "AcDbEntity").pair(100, "AcDbPolyline");
        self.pair(90, corners.len().to_string())
            .pair(70, if closed { "1" } else { "0" });
        for &(x, y) in corners {
            self.point(10, x, y);
        }
        self
    }

    fn finish(&mut self) -> Vec<u8> {
        self.pair(0, "ENDSEC").pair(0, "EOF");
        std::mem::take(&mut self.bytes)
    }
}

fn rectangle(x: f64, y: f64, width: f64, height: f64) -> Vec<(f64, f64)> {
    vec![
        (x, y),
        (x + width, y),
        (x + width, y + height),
        (x, y + height),
    ]
}

/// "Đất ở hiện trạng" as a TCVN3 (.VnTime) drawing stores it.
fn tcvn3_label() -> Vec<u8> {
    TextEncoding::Tcvn3
        .encode("Đất ở hiện trạng")
        .expect("TCVN3 has these letters")
}

/// A planning drawing at (`origin_x`, `origin_y`): a land-use hatch 100 × 80 with a 20 × 10 hole, a closed
/// 50 × 50 polyline, an open road centre line, a TCVN3 text, a block insert and a paper-space frame.
fn planning_dxf(origin_x: f64, origin_y: f64) -> Vec<u8> {
    let mut dxf = DxfWriter::default();
    dxf.header().blocks();
    dxf.pair(0, "SECTION").pair(2, "ENTITIES");
    dxf.pair(0, "HATCH")
        .pair(5, "A1")
        .pair(8, "QHDD_DAT_O")
        .pair(62, "42");
    dxf.pair(100, "AcDbEntity").pair(100, "AcDbHatch");
    dxf.point(10, 0.0, 0.0).number(30, 0.0);
    dxf.number(210, 0.0).number(220, 0.0).number(230, 1.0);
    dxf.pair(2, "SOLID")
        .pair(70, "1")
        .pair(71, "0")
        .pair(91, "2");
    dxf.hatch_path(3, &rectangle(origin_x, origin_y, 100.0, 80.0));
    dxf.hatch_path(2, &rectangle(origin_x + 10.0, origin_y + 10.0, 20.0, 10.0));
    dxf.pair(75, "0").pair(76, "1").pair(98, "0");
    dxf.lwpolyline(
        "A2",
        "HT_CAYXANH",
        3,
        true,
        &rectangle(origin_x + 200.0, origin_y, 50.0, 50.0),
    );
    dxf.lwpolyline(
        "A3",
        "TIMDUONG",
        1,
        false,
        &[
            (origin_x, origin_y - 20.0),
            (origin_x + 300.0, origin_y - 20.0),
        ],
    );
    dxf.pair(0, "TEXT")
        .pair(5, "A4")
        .pair(8, "GHICHU")
        .pair(62, "7");
    dxf.point(10, origin_x + 50.0, origin_y + 40.0)
        .number(30, 0.0)
        .number(40, 2.5);
    dxf.pair(1, tcvn3_label()).pair(7, "VNTIME");
    dxf.pair(0, "INSERT")
        .pair(5, "A5")
        .pair(8, "CAYXANH")
        .pair(2, "CAY");
    dxf.point(10, origin_x + 400.0, origin_y).number(30, 0.0);
    dxf.pair(0, "LINE")
        .pair(5, "A6")
        .pair(8, "KHUNG")
        .pair(67, "1");
    dxf.point(10, 0.0, 0.0).point(11, 420.0, 297.0);
    dxf.finish()
}

fn write_file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_folder(&format!("cad-{test}")).join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    path
}

fn read_with(path: &Path, crs: Option<Crs>, table: Option<&str>) -> Result<LayerData, LoadError> {
    let options = LoadOptions {
        crs,
        table: table.map(str::to_string),
        ..LoadOptions::default()
    };
    read_layer_file_with(path, &options, &mut |_| {})
}

fn read(path: &Path, crs: Option<Crs>) -> LayerData {
    read_with(path, crs, None).unwrap_or_else(|error| panic!("{error}"))
}

fn column(data: &LayerData, name: &str) -> usize {
    data.fields
        .iter()
        .position(|field| field.name == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", data.fields))
}

fn text(data: &LayerData, feature: usize, name: &str) -> String {
    match &data.features[feature].attributes[column(data, name)] {
        AttributeValue::Text(text) => text.clone(),
        other => panic!("{name} of feature {feature} is {other:?}"),
    }
}

/// The features whose `Layer` (the CAD layer) is `layer`.
fn on_cad_layer<'a>(data: &'a LayerData, layer: &str) -> Vec<&'a Geometry> {
    let index = column(data, "Layer");
    data.features
        .iter()
        .filter(|feature| feature.attributes[index] == AttributeValue::Text(layer.into()))
        .map(|feature| &feature.geometry)
        .collect()
}

fn relative_difference(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn a_drawing_asks_for_its_crs_with_vn2000_hai_phong_first() {
    let path = write_file("ask", "quy_hoach.dxf", &planning_dxf(BASE_X, BASE_Y));
    let error = read_with(&path, None, None).expect_err("a drawing has no CRS");
    match error {
        LoadError::CrsUnknown {
            reason,
            suggestions,
            ..
        } => {
            assert_eq!(reason, UnknownCrsReason::DrawingHasNoCrs);
            assert_eq!(suggestions[0], Crs::epsg(9210));
            assert_eq!(suggestions[1], Crs::epsg(9209));
        }
        other => panic!("expected a CRS question, got {other}"),
    }
}

#[test]
fn dxf_hatches_polylines_text_and_blocks_are_read_as_drawn() {
    let path = write_file("drawing", "quy_hoach.dxf", &planning_dxf(BASE_X, BASE_Y));
    let data = read(&path, Some(Crs::epsg(9210)));

    let hatch = on_cad_layer(&data, "QHDD_DAT_O");
    assert_eq!(hatch.len(), 1, "one land-use hatch");
    let Geometry::Polygon(polygon) = hatch[0] else {
        panic!("the hatch is a polygon, got {:?}", hatch[0]);
    };
    assert_eq!(polygon.interiors().len(), 1, "its hole is kept");
    assert!(relative_difference(polygon.unsigned_area(), 7_800.0) < 1e-9);

    let closed = on_cad_layer(&data, "HT_CAYXANH");
    assert!(matches!(closed[..], [Geometry::Polygon(_)]), "{closed:?}");
    assert!(relative_difference(closed[0].unsigned_area(), 2_500.0) < 1e-9);

    let road = on_cad_layer(&data, "TIMDUONG");
    let [Geometry::LineString(line)] = road[..] else {
        panic!("the open polyline is a line, got {road:?}");
    };
    assert_eq!(line.0.len(), 2);
    assert_eq!((line.0[0].x, line.0[0].y), (BASE_X, BASE_Y - 20.0));

    let label = data
        .features
        .iter()
        .position(|feature| matches!(feature.geometry, Geometry::Point(_)))
        .expect("the text is a point");
    assert_eq!(text(&data, label, "Text"), "Đất ở hiện trạng");
    let hatch_index = data
        .features
        .iter()
        .position(|feature| matches!(feature.geometry, Geometry::Polygon(_)))
        .expect("the hatch");
    assert_eq!(text(&data, hatch_index, "hatch_pattern"), "SOLID");
    assert_eq!(
        data.features[hatch_index].attributes[column(&data, "Text")],
        AttributeValue::Null,
        "a hatch's pattern name is not text of the drawing"
    );
    let mut layer =
        hpatlas::core::layer::Layer::prepare(data.clone(), &mut |_| {}).expect("prepared");
    assert!(hpatlas::core::io::gdal_formats::label_drawing_texts(
        &mut layer
    ));
    assert_eq!(layer.style.label_field.as_deref(), Some("Text"));
    assert_eq!(
        data.text_encoding.as_ref().map(|report| report.encoding),
        Some(TextEncoding::Tcvn3)
    );

    let tree = on_cad_layer(&data, "CAYXANH");
    let [Geometry::LineString(tree_line)] = tree[..] else {
        panic!("the block insert is expanded into its line, got {tree:?}");
    };
    let ends: Vec<(f64, f64)> = tree_line.0.iter().map(|c| (c.x, c.y)).collect();
    assert_eq!(
        ends,
        vec![(BASE_X + 400.0, BASE_Y), (BASE_X + 405.0, BASE_Y)]
    );

    assert!(
        on_cad_layer(&data, "KHUNG").is_empty(),
        "paper space left out"
    );
    assert!(
        data.notes
            .contains(&LayerNote::PaperSpaceSkipped { count: 1 })
    );
    assert!(
        !data
            .notes
            .iter()
            .any(|note| matches!(note, LayerNote::FarFromHaiPhong { .. })),
        "{:?}",
        data.notes
    );

    let aci = column(&data, "aci");
    let hatch_row = data
        .features
        .iter()
        .find(|feature| {
            feature.attributes[column(&data, "Layer")] == AttributeValue::Text("QHDD_DAT_O".into())
        })
        .expect("hatch");
    assert_eq!(hatch_row.attributes[aci], AttributeValue::Integer(42));
}

/// The same drawing as a binary DXF (AutoCAD's "Save As → DXF, binary"): the 22-byte sentinel, then each
/// group code as two little-endian bytes and each value in the binary type the DXF reference gives its
/// code (strings zero-terminated, reals as 8-byte doubles, 16-, 32- and 64-bit integers, 1-byte booleans).
fn binary_dxf(ascii: &[u8]) -> Vec<u8> {
    let mut bytes = b"AutoCAD Binary DXF\r\n\x1a\x00".to_vec();
    let lines: Vec<&[u8]> = ascii.split(|byte| *byte == b'\n').collect();
    for pair in lines.chunks_exact(2) {
        let code_text = String::from_utf8_lossy(pair[0]);
        let code: u16 = code_text.trim().parse().expect("a group code");
        let value = pair[1].strip_suffix(b"\r").unwrap_or(pair[1]);
        let number = || String::from_utf8_lossy(value).trim().to_string();
        bytes.extend_from_slice(&code.to_le_bytes());
        match code {
            290..=299 => bytes.push(number().parse::<u8>().expect("a boolean")),
            60..=79 | 170..=179 | 270..=289 | 370..=389 | 400..=409 | 1060..=1070 => {
                bytes.extend_from_slice(&number().parse::<i16>().expect("int16").to_le_bytes())
            }
            90..=99 | 420..=429 | 440..=459 | 1071 => {
                bytes.extend_from_slice(&number().parse::<i32>().expect("int32").to_le_bytes())
            }
            160..=169 => {
                bytes.extend_from_slice(&number().parse::<i64>().expect("int64").to_le_bytes())
            }
            10..=59 | 110..=149 | 210..=239 | 460..=469 | 1010..=1059 => {
                bytes.extend_from_slice(&number().parse::<f64>().expect("a real").to_le_bytes())
            }
            _ => {
                bytes.extend_from_slice(value);
                bytes.push(0);
            }
        }
    }
    bytes
}

#[test]
fn a_binary_dxf_reads_as_its_ascii_twin() {
    let ascii = planning_dxf(BASE_X, BASE_Y);
    let binary = binary_dxf(&ascii);
    assert!(binary.len() > 500 && binary.starts_with(b"AutoCAD Binary DXF"));
    let from_ascii = read(
        &write_file("binary", "ascii.dxf", &ascii),
        Some(Crs::epsg(9210)),
    );
    let from_binary = read(
        &write_file("binary", "binary.dxf", &binary),
        Some(Crs::epsg(9210)),
    );
    assert_eq!(from_binary.fields, from_ascii.fields);
    assert_eq!(from_binary.features.len(), 5, "{:?}", from_binary.features);
    for (ours, twin) in from_binary.features.iter().zip(&from_ascii.features) {
        assert_eq!(ours.geometry, twin.geometry);
        assert_eq!(ours.attributes, twin.attributes);
    }
    let label = from_binary
        .features
        .iter()
        .position(|feature| matches!(feature.geometry, Geometry::Point(_)))
        .expect("the text is a point");
    assert_eq!(text(&from_binary, label, "Text"), "Đất ở hiện trạng");
    assert!(
        from_binary
            .notes
            .contains(&LayerNote::PaperSpaceSkipped { count: 1 })
    );
}

/// An MTEXT entity with its inline formatting (font, line break) around `text` in one line of the file.
fn mtext(dxf: &mut DxfWriter, handle: &str, x: f64, text: &[u8]) {
    dxf.pair(0, "MTEXT").pair(5, handle).pair(8, "GHICHU");
    dxf.pair(100, "AcDbEntity").pair(100, "AcDbMText");
    dxf.point(10, x, BASE_Y).number(30, 0.0).number(40, 2.5);
    dxf.number(41, 60.0)
        .pair(71, "1")
        .pair(1, text)
        .pair(7, "Standard");
}

#[test]
fn mtext_in_legacy_vietnamese_fonts_loses_its_formatting_and_keeps_its_letters() {
    let encode = |encoding: TextEncoding, words: &str| encoding.encode(words).expect("encodable");
    for (encoding, font) in [
        (TextEncoding::Tcvn3, ".VnTime"),
        (TextEncoding::VniWindows, "VNI-Times"),
    ] {
        let mut dxf = DxfWriter::default();
        dxf.header();
        dxf.pair(0, "SECTION").pair(2, "ENTITIES");
        let mut first = format!("{{\\f{font}|b0|i0|c0|p18;").into_bytes();
        first.extend(encode(encoding, "Khu đô thị mới"));
        first.extend_from_slice(b"}\\P");
        first.extend(encode(encoding, "Quy hoạch phân khu"));
        mtext(&mut dxf, "M1", BASE_X, &first);
        let mut second = b"\\A1;".to_vec();
        second.extend(encode(encoding, "Đất ở hiện trạng"));
        mtext(&mut dxf, "M2", BASE_X + 100.0, &second);
        let path = write_file("mtext", &format!("{font}.dxf"), &dxf.finish());
        let data = read(&path, Some(Crs::epsg(9210)));
        assert_eq!(
            data.text_encoding.as_ref().map(|report| report.encoding),
            Some(encoding),
            "{font}"
        );
        assert_eq!(
            text(&data, 0, "Text"),
            "Khu đô thị mới\nQuy hoạch phân khu",
            "{font}"
        );
        assert_eq!(text(&data, 1, "Text"), "Đất ở hiện trạng", "{font}");
        assert_eq!(
            data.features[0].geometry,
            Geometry::Point(geo::Point::new(BASE_X, BASE_Y))
        );
    }
}

#[test]
fn autocad_unicode_escapes_in_text_and_mtext_become_vietnamese_letters() {
    // AutoCAD 2000–2004 DXF: letters outside the code page written as \U+XXXX, in TEXT and in MTEXT.
    let mut dxf = DxfWriter::default();
    dxf.header();
    dxf.pair(0, "SECTION").pair(2, "ENTITIES");
    dxf.pair(0, "TEXT").pair(5, "T1").pair(8, "GHICHU");
    dxf.point(10, BASE_X, BASE_Y)
        .number(30, 0.0)
        .number(40, 2.5);
    dxf.pair(1, "\\U+0110\\U+1EA5t \\U+1EDF hi\\U+1EC7n tr\\U+1EA1ng");
    mtext(
        &mut dxf,
        "T2",
        BASE_X + 100.0,
        b"{\\fArial|b1|i0|c163|p34;Tr\\U+01B0\\U+1EDDng h\\U+1ECDc}\\PL\\U+00EA Ch\\U+00E2n",
    );
    let path = write_file("unicode", "unicode_escapes.dxf", &dxf.finish());
    let data = read(&path, Some(Crs::epsg(9210)));
    assert_eq!(text(&data, 0, "Text"), "Đất ở hiện trạng");
    assert_eq!(text(&data, 1, "Text"), "Trường học\nLê Chân");
}

#[test]
fn a_drawing_in_local_coordinates_is_flagged_once_a_crs_is_chosen() {
    let path = write_file("local", "ban_ve_cuc_bo.dxf", &planning_dxf(0.0, 0.0));
    let data = read(&path, Some(Crs::epsg(9210)));
    assert!(
        data.notes.iter().any(
            |note| matches!(note, LayerNote::FarFromHaiPhong { crs, .. } if *crs == Crs::epsg(9210))
        ),
        "{:?}",
        data.notes
    );
}

#[test]
fn a_drawing_cut_short_keeps_what_came_before_the_cut_and_says_so() {
    let whole = planning_dxf(BASE_X, BASE_Y);
    let cut = whole.len() * 3 / 4;
    let path = write_file("cut", "bi_cat.dxf", &whole[..cut]);
    let data = read(&path, Some(Crs::epsg(9210)));
    assert!(
        !on_cad_layer(&data, "QHDD_DAT_O").is_empty(),
        "the hatch before the cut"
    );
    assert!(
        data.notes.contains(&LayerNote::FileCutShort),
        "{:?}",
        data.notes
    );
    let whole_data = read(
        &write_file("cut", "nguyen.dxf", &whole),
        Some(Crs::epsg(9210)),
    );
    assert!(!whole_data.notes.contains(&LayerNote::FileCutShort));
}

#[test]
fn a_planning_drawing_is_drawn_in_the_circulars_colours_by_cad_layer() {
    use hpatlas::core::layer::Layer;
    use hpatlas::core::style::Rgba;
    use hpatlas::core::tt16::symbology::apply_tt16_style;

    let mut dxf = DxfWriter::default();
    dxf.header();
    dxf.pair(0, "SECTION").pair(2, "ENTITIES");
    for (index, layer) in [
        "QHDH_DAT_Dichvu",
        "HT_DAT_Coquan",
        "QHDD_DAT_O_Nhomnhao",
        "KHUNG_TEN",
    ]
    .iter()
    .enumerate()
    {
        let x = BASE_X + 100.0 * index as f64;
        dxf.lwpolyline(
            &format!("B{index}"),
            layer,
            7,
            true,
            &rectangle(x, BASE_Y, 50.0, 50.0),
        );
    }
    let path = write_file("symbology", "quy_hoach_phan_khu.dxf", &dxf.finish());
    let mut layer =
        Layer::prepare(read(&path, Some(Crs::epsg(9210))), &mut |_| {}).expect("prepared");
    assert!(apply_tt16_style(&mut layer));
    let style = layer.style.categorized.as_ref().expect("categorized");
    assert_eq!(style.field, "Layer");
    let legend: Vec<(&str, &str, Rgba)> = style
        .categories
        .iter()
        .map(|category| {
            (
                category.value.as_str(),
                category.label.as_str(),
                category.fill,
            )
        })
        .collect();
    // The circular's order (section 04: Nhóm nhà ở, Cơ quan, Khu dịch vụ), each in its ACI colour; the CAD
    // layer that is not a land-use class is left to the "other" colour.
    assert_eq!(
        legend,
        vec![
            (
                "QHDD_DAT_O_Nhomnhao",
                "Nhóm nhà ở (quy hoạch đợt đầu)",
                Rgba::with_alpha(204, 153, 0, 0xE6)
            ),
            (
                "HT_DAT_Coquan",
                "Cơ quan, trụ sở (hiện trạng)",
                Rgba::with_alpha(153, 76, 0, 0xE6)
            ),
            (
                "QHDH_DAT_Dichvu",
                "Khu dịch vụ (không bao gồm dịch vụ du lịch) (quy hoạch dài hạn)",
                Rgba::with_alpha(204, 0, 0, 0xE6)
            ),
        ]
    );
}

/// One 50 m square of "Nhóm nhà ở" per planning stage (existing, first phase, long term), 100 m apart, as
/// a DXF with each square on its stage's CAD layer, drawn in the circular's symbology.
fn staged_housing_layer() -> hpatlas::core::layer::Layer {
    use hpatlas::core::layer::Layer;
    use hpatlas::core::tt16::symbology::apply_tt16_style;

    let mut dxf = DxfWriter::default();
    dxf.header();
    dxf.pair(0, "SECTION").pair(2, "ENTITIES");
    for (index, layer) in STAGED_HOUSING.iter().enumerate() {
        let x = BASE_X + 100.0 * index as f64;
        dxf.lwpolyline(
            &format!("S{index}"),
            layer,
            7,
            true,
            &rectangle(x, BASE_Y, 50.0, 50.0),
        );
    }
    let path = write_file("stages", "giai_doan.dxf", &dxf.finish());
    let mut layer =
        Layer::prepare(read(&path, Some(Crs::epsg(9210))), &mut |_| {}).expect("prepared");
    assert!(apply_tt16_style(&mut layer));
    layer
}

/// The CAD layers of [`staged_housing_layer`], west to east.
const STAGED_HOUSING: [&str; 3] = [
    "HT_DAT_O_Nhomnhao",
    "QHDD_DAT_O_Nhomnhao",
    "QHDH_DAT_O_Nhomnhao",
];

#[test]
fn planning_stages_get_the_circulars_outlines_thin_band_and_dashed_band() {
    use hpatlas::core::style::Dash;

    let layer = staged_housing_layer();
    let style = layer.style.categorized.as_ref().expect("categorized");
    let outlines: Vec<(&str, Option<f32>, Option<Dash>)> = style
        .categories
        .iter()
        .map(|category| {
            (
                category.value.as_str(),
                category.outline_width_px,
                category.outline_dash,
            )
        })
        .collect();
    let dash = Dash {
        on_px: 9.0,
        off_px: 5.0,
    };
    assert_eq!(
        outlines,
        vec![
            ("HT_DAT_O_Nhomnhao", Some(0.8), None),
            ("QHDD_DAT_O_Nhomnhao", Some(2.6), None),
            ("QHDH_DAT_O_Nhomnhao", Some(2.6), Some(dash)),
        ]
    );
    // Every feature resolves to its stage's outline.
    for (position, feature) in layer.features.iter().enumerate() {
        let cad_layer =
            feature.attributes[layer.field_position("Layer").expect("Layer")].to_string();
        let expected = outlines
            .iter()
            .find(|(value, _, _)| *value == cad_layer)
            .expect("a stage");
        assert_eq!(
            layer.outline_of(position).width_px,
            expected.1.expect("width")
        );
        assert_eq!(layer.outline_of(position).dash, expected.2);
    }
}

#[test]
fn the_exported_map_draws_a_solid_band_a_dashed_band_and_a_thin_outline() {
    use hpatlas::core::render::{MapExport, render_map_image};

    let layer = staged_housing_layer();
    let mut export = MapExport::new(900, 300, 1.0);
    export.show_legend = false;
    export.fit(layer.extent_in_map.expect("an extent"));
    let pixmap = render_map_image(&[&layer], &export, &[]).expect("renders");
    let viewport = export.viewport();
    let colour_at = |x: u32, y: u32| -> [i32; 3] {
        let pixel = pixmap.pixel(x, y).expect("inside the image").demultiply();
        [pixel.red(), pixel.green(), pixel.blue()].map(i32::from)
    };
    let near = |a: [i32; 3], b: [i32; 3]| (0..3).map(|i| (a[i] - b[i]).abs()).sum::<i32>() <= 40;
    let mut ink_px = Vec::new();
    let mut top_edge_runs = Vec::new();
    for (index, cad_layer) in STAGED_HOUSING.iter().enumerate() {
        let position = layer
            .features
            .iter()
            .position(|feature| {
                feature.attributes[layer.field_position("Layer").expect("Layer")].to_string()
                    == *cad_layer
            })
            .expect("the square");
        let [r, g, b, _] = layer.stroke_of(position).0;
        let stroke = [r, g, b].map(i32::from);
        let x = BASE_X + 100.0 * index as f64;
        let [left, top] = viewport.pixel_from_map([x, BASE_Y + 50.0]);
        let [right, bottom] = viewport.pixel_from_map([x + 50.0, BASE_Y]);
        assert!(
            right - left > 80.0,
            "the squares are drawn big enough to measure"
        );
        // Pixels in the stroke's colour around the square: how much outline is drawn.
        let mut count = 0;
        for y in (top as u32).saturating_sub(6)..=(bottom as u32 + 6) {
            for x in (left as u32).saturating_sub(6)..=(right as u32 + 6) {
                if near(colour_at(x, y), stroke) {
                    count += 1;
                }
            }
        }
        ink_px.push(count);
        // Along the middle of the top edge: solid or broken.
        let row = top.floor() as u32;
        let mut runs = 0;
        let mut inside_run = false;
        let from = (left + 0.2 * (right - left)) as u32;
        let to = (left + 0.8 * (right - left)) as u32;
        for x in from..to {
            let on = near(colour_at(x, row), stroke);
            if on && !inside_run {
                runs += 1;
            }
            inside_run = on;
        }
        top_edge_runs.push(runs);
    }
    let [existing, first_phase, long_term] = [ink_px[0], ink_px[1], ink_px[2]];
    assert!(
        first_phase > 2 * existing && first_phase * 10 > long_term * 12 && long_term > existing,
        "outline pixels existing {existing}, first phase {first_phase}, long term {long_term}"
    );
    assert_eq!(top_edge_runs[1], 1, "the first-phase band is unbroken");
    assert!(
        top_edge_runs[2] >= 3,
        "the long-term band is dashed: {} dashes along the middle of its top edge",
        top_edge_runs[2]
    );
}

/// Runs GDAL's `ogr2ogr` with `arguments`, failing the test with its message when it fails.
pub(crate) fn ogr2ogr(arguments: &[&str]) {
    let run = Command::new("ogr2ogr")
        .args(arguments)
        .output()
        .expect("ogr2ogr runs");
    assert!(
        run.status.success(),
        "ogr2ogr {arguments:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Three land-use parcels and two sites in EPSG:9210 with Vietnamese names, as GeoJSON files for ogr2ogr.
fn planning_geojson(folder: &Path) -> (PathBuf, PathBuf) {
    let parcel = |x: f64, name: &str, code: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"tenDoiTuong":"{name}","maDoiTuong":"{code}","dienTich":{area:.1}}},
            "geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x2},{y}],[{x2},{y2}],[{x},{y2}],[{x},{y}]]]}}}}"#,
            area = 100.0 * 60.0,
            x2 = x + 100.0,
            y = BASE_Y,
            y2 = BASE_Y + 60.0,
        )
    };
    let parcels = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
        parcel(BASE_X, "Đất ở đô thị", "QH-001"),
        parcel(BASE_X + 150.0, "Đất cây xanh công cộng", "QH-002"),
        parcel(BASE_X + 300.0, "Đất giáo dục", "QH-003"),
    );
    let sites = format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"ten":"Trạm 5G Lê Chân"}},"geometry":{{"type":"Point","coordinates":[{},{}]}}}},
        {{"type":"Feature","properties":{{"ten":"Điểm Wi-Fi Ngô Quyền"}},"geometry":{{"type":"Point","coordinates":[{},{}]}}}}]}}"#,
        BASE_X + 10.0,
        BASE_Y + 10.0,
        BASE_X + 20.5,
        BASE_Y + 30.25
    );
    let parcels_path = folder.join("parcels.geojson");
    let sites_path = folder.join("sites.geojson");
    std::fs::write(&parcels_path, parcels).expect("write");
    std::fs::write(&sites_path, sites).expect("write");
    (parcels_path, sites_path)
}

#[test]
fn a_file_geodatabase_written_by_gdal_opens_layer_by_layer() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("cad-filegdb");
    let (parcels, sites) = planning_geojson(&folder);
    let gdb = folder.join("QuyHoach.gdb");
    let gdb_text = gdb.to_str().expect("UTF-8 path");
    ogr2ogr(&[
        "-f",
        "OpenFileGDB",
        gdb_text,
        parcels.to_str().expect("path"),
        "-nln",
        "QHSDD_A",
        "-a_srs",
        "EPSG:9210",
    ]);
    ogr2ogr(&[
        "-update",
        "-f",
        "OpenFileGDB",
        gdb_text,
        sites.to_str().expect("path"),
        "-nln",
        "DiemVienThong_P",
        "-a_srs",
        "EPSG:9210",
    ]);

    let layers = list_gdal_layers(&gdb).expect("listed");
    let names: Vec<&str> = layers.iter().map(|layer| layer.name.as_str()).collect();
    assert_eq!(names, vec!["QHSDD_A", "DiemVienThong_P"]);
    assert_eq!(layers[0].feature_count, Some(3));

    let parcels = read_with(&gdb, None, Some("QHSDD_A")).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(parcels.crs, Crs::epsg(9210));
    assert_eq!(parcels.name, "QHSDD_A");
    assert_eq!(parcels.features.len(), 3);
    assert_eq!(text(&parcels, 1, "tenDoiTuong"), "Đất cây xanh công cộng");
    for feature in &parcels.features {
        assert!(relative_difference(feature.geometry.unsigned_area(), 6_000.0) < 1e-9);
    }

    let sites =
        read_with(&gdb, None, Some("DiemVienThong_P")).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(text(&sites, 0, "ten"), "Trạm 5G Lê Chân");
    assert_eq!(
        sites.features[1].geometry,
        Geometry::Point(geo::Point::new(BASE_X + 20.5, BASE_Y + 30.25))
    );

    let schema = read_layer_schema(&gdb, "QHSDD_A").expect("schema");
    assert_eq!(schema.geometry, DeclaredGeometry::Polygon);
    assert_eq!(schema.crs, Some(Crs::epsg(9210)));
    let kinds: Vec<(&str, DeclaredKind)> = schema
        .fields
        .iter()
        .map(|field| (field.name.as_str(), field.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("tenDoiTuong", DeclaredKind::Text),
            ("maDoiTuong", DeclaredKind::Text),
            ("dienTich", DeclaredKind::Double)
        ]
    );
    let (_, ids) = read_gdal_layer_with_ids(
        &gdb,
        &LoadOptions {
            table: Some("QHSDD_A".into()),
            ..LoadOptions::default()
        },
        &mut |_| {},
    )
    .expect("read");
    assert_eq!(ids, vec![1, 2, 3], "OBJECTIDs");

    let missing = read_with(&gdb, None, Some("KhongCo_A")).expect_err("no such layer");
    assert!(missing.to_string().contains("QHSDD_A"), "{missing}");
}

/// The polygon areas GDAL itself reads from `path` (through `ogr2ogr` to GeoJSON), sorted.
fn gdal_polygon_areas(path: &Path) -> Vec<f64> {
    let run = Command::new("ogr2ogr")
        .args(["-f", "GeoJSON", "/vsistdout/"])
        .arg(path)
        .output()
        .expect("ogr2ogr runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let collection: geojson::FeatureCollection =
        serde_json::from_slice(&run.stdout).expect("GDAL writes GeoJSON");
    let mut areas: Vec<f64> = collection
        .features
        .into_iter()
        .filter_map(|feature| feature.geometry)
        .filter_map(|geometry| Geometry::<f64>::try_from(geometry).ok())
        .map(|geometry| geometry.unsigned_area())
        .filter(|area| *area > 0.0)
        .collect();
    areas.sort_by(f64::total_cmp);
    areas
}

#[test]
fn dxf_mapinfo_and_dgn_written_by_gdal_read_back_as_gdal_reads_them() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("cad-by-gdal");
    let (parcels, _) = planning_geojson(&folder);
    let parcels = parcels.to_str().expect("path");
    for (driver, name) in [
        ("DXF", "parcels.dxf"),
        ("MapInfo File", "parcels.tab"),
        ("MapInfo File", "parcels.mif"),
        ("DGN", "parcels.dgn"),
    ] {
        let output = folder.join(name);
        ogr2ogr(&[
            "-f",
            driver,
            output.to_str().expect("path"),
            parcels,
            "-a_srs",
            "EPSG:9210",
        ]);
        let data = read(&output, Some(Crs::epsg(9210)));
        let mut areas: Vec<f64> = data
            .features
            .iter()
            .map(|feature| feature.geometry.unsigned_area())
            .filter(|area| *area > 0.0)
            .collect();
        areas.sort_by(f64::total_cmp);
        let by_gdal = gdal_polygon_areas(&output);
        assert_eq!(areas.len(), 3, "{name}: {:?}", data.features);
        assert_eq!(areas.len(), by_gdal.len(), "{name}");
        for (ours, theirs) in areas.iter().zip(&by_gdal) {
            assert!(
                relative_difference(*ours, *theirs) < 1e-9,
                "{name}: {ours} vs GDAL {theirs}"
            );
            // TAB stores integer coordinates on a grid set by its bounds: close to, not exactly, the drawn area.
            assert!(relative_difference(*ours, 6_000.0) < 1e-3, "{name}: {ours}");
        }
    }
}

#[test]
fn a_microstation_dgn_with_tcvn3_text_reads_its_levels_colours_and_letters() {
    if !gdal_installed() {
        return;
    }
    // GDAL writes the drawing's texts into a DGN v7 as text elements with the bytes they had (the DXF read
    // without recoding), as MicroStation stores text typed in a TCVN3 font.
    let folder = scratch_folder("cad-dgn-tcvn3");
    let drawing = folder.join("ban_ve.dxf");
    std::fs::write(&drawing, planning_dxf(BASE_X, BASE_Y)).expect("write");
    let dgn = folder.join("ban_ve.dgn");
    ogr2ogr(&[
        "--config",
        "DXF_ENCODING",
        "UTF-8",
        "-f",
        "DGN",
        dgn.to_str().expect("path"),
        drawing.to_str().expect("path"),
    ]);
    let data = read(&dgn, Some(Crs::epsg(9210)));
    for name in ["Level", "ColorIndex", "Text"] {
        column(&data, name);
    }
    assert_eq!(
        data.text_encoding.as_ref().map(|report| report.encoding),
        Some(TextEncoding::Tcvn3)
    );
    let texts: Vec<String> = (0..data.features.len())
        .filter(|&row| data.features[row].attributes[column(&data, "Text")] != AttributeValue::Null)
        .map(|row| text(&data, row, "Text"))
        .collect();
    assert_eq!(texts, vec!["Đất ở hiện trạng".to_string()]);
    let areas: Vec<f64> = data
        .features
        .iter()
        .map(|feature| feature.geometry.unsigned_area())
        .filter(|area| *area > 0.0)
        .collect();
    // A DGN v7 shape has no holes: GDAL wrote the hatch's outline (100 × 80) as one shape.
    assert!(
        areas
            .iter()
            .any(|area| relative_difference(*area, 8_000.0) < 1e-9),
        "the hatch's outline is an area in the DGN: {areas:?}"
    );
    let colour = column(&data, "ColorIndex");
    assert!(
        data.features
            .iter()
            .all(|feature| matches!(feature.attributes[colour], AttributeValue::Integer(0..=255))),
        "every element has its colour index"
    );
}

/// A MapInfo interchange file in WGS 84 whose text is VNI-Windows, as MapInfo in Vietnamese offices saved it.
fn vni_mif(folder: &Path) -> PathBuf {
    let name = TextEncoding::VniWindows
        .encode("Quy hoạch sử dụng đất")
        .expect("VNI has these letters");
    let mif = "Version 300\r\nCharset \"WindowsLatin1\"\r\nDelimiter \",\"\r\nCoordSys Earth Projection 1, 104\r\n\
               Columns 2\r\n  Ten Char(60)\r\n  Ma Integer\r\nData\r\n\r\nPoint 106.6881 20.8449\r\n";
    let mut mid = b"\"".to_vec();
    mid.extend_from_slice(&name);
    mid.extend_from_slice(b"\",7\r\n");
    let path = folder.join("quy_hoach.mif");
    std::fs::write(&path, mif).expect("write");
    std::fs::write(folder.join("quy_hoach.mid"), mid).expect("write");
    path
}

#[test]
fn mapinfo_vni_text_is_decoded() {
    let folder = scratch_folder("cad-mif-vni");
    let data = read(&vni_mif(&folder), None);
    assert_eq!(data.crs, Crs::epsg(4326));
    assert_eq!(text(&data, 0, "Ten"), "Quy hoạch sử dụng đất");
    assert_eq!(
        data.features[0].attributes[column(&data, "Ma")],
        AttributeValue::Integer(7)
    );
    assert_eq!(
        data.features[0].geometry,
        Geometry::Point(geo::Point::new(106.6881, 20.8449))
    );
}
