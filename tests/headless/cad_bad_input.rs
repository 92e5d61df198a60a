//! Hostile files in the formats read through GDAL (issue 12, "Bad input"): truncated, cut, empty, garbage,
//! missing parts, absurd numbers. Each must end in one clear message naming the file — or, where GDAL
//! recovers what is readable, in a layer — and never in a panic or a hang.

use std::path::{Path, PathBuf};
use std::process::Command;

use hpatlas::core::crs::Crs;
use hpatlas::core::io::{LoadError, LoadOptions, read_layer_file_with};
use hpatlas::core::layer::Layer;

use crate::{gdal_installed, scratch_folder};

/// What became of one hostile file.
enum Outcome {
    /// Refused with this message.
    Refused(String),
    /// Read (what GDAL could recover), with this many features.
    Read(usize),
}

fn open(path: &Path) -> Outcome {
    let options = LoadOptions {
        crs: Some(Crs::epsg(9210)),
        ..LoadOptions::default()
    };
    match read_layer_file_with(path, &options, &mut |_| {}) {
        Err(error) => Outcome::Refused(error.to_string()),
        Ok(data) => {
            let count = data.features.len();
            match Layer::prepare(data, &mut |_| {}) {
                Ok(_) => Outcome::Read(count),
                Err(error) => Outcome::Refused(format!("{}: {error}", path.display())),
            }
        }
    }
}

/// Opens `path` and checks the outcome is a message naming the file, or a layer.
fn must_be_handled(path: &Path, must_refuse: bool) {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    match open(path) {
        Outcome::Refused(message) => {
            assert!(
                message.contains(&name),
                "{name}: the message must name the file: {message}"
            );
            for raw in ["CPL error class", "NULL pointer", "GDALOpenEx"] {
                assert!(
                    !message.contains(raw),
                    "{name}: GDAL's raw error leaked: {message}"
                );
            }
        }
        Outcome::Read(count) => assert!(
            !must_refuse,
            "{name}: read {count} feature(s) from a broken file"
        ),
    }
}

fn write(folder: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// A DXF from group pairs.
fn dxf(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::new();
    for (code, value) in pairs {
        text.push_str(&format!("{code}\n{value}\n"));
    }
    text.into_bytes()
}

fn entities(body: &[(&'static str, &'static str)]) -> Vec<u8> {
    let mut pairs = vec![("0", "SECTION"), ("2", "ENTITIES")];
    pairs.extend_from_slice(body);
    pairs.extend_from_slice(&[("0", "ENDSEC"), ("0", "EOF")]);
    dxf(&pairs)
}

const GOOD_LINE: [(&str, &str); 6] = [
    ("0", "LINE"),
    ("8", "A"),
    ("10", "597000"),
    ("20", "2306000"),
    ("11", "597100"),
    ("21", "2306100"),
];

#[test]
fn hostile_dxf_files_are_refused_or_recovered_with_a_message() {
    let folder = scratch_folder("cad-bad-dxf");
    let good = entities(&GOOD_LINE);
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("empty.dxf", Vec::new(), true),
        ("truncated.dxf", good[..good.len() / 2].to_vec(), true),
        (
            "garbage.dxf",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            true,
        ),
        ("only_eof.dxf", dxf(&[("0", "EOF")]), true),
        (
            "binary_cut.dxf",
            b"AutoCAD Binary DXF\r\n\x1a\x00\x00\x00SECTION\x00\x02".to_vec(),
            false,
        ),
        (
            "hatch_no_boundary.dxf",
            entities(&[
                ("0", "HATCH"),
                ("8", "A"),
                ("2", "SOLID"),
                ("70", "1"),
                ("91", "0"),
                ("98", "0"),
            ]),
            false,
        ),
        (
            "hatch_cut.dxf",
            dxf(&[
                ("0", "SECTION"),
                ("2", "ENTITIES"),
                ("0", "HATCH"),
                ("8", "A"),
                ("91", "2"),
                ("92", "2"),
            ]),
            true,
        ),
        (
            "hatch_one_vertex.dxf",
            entities(&[
                ("0", "HATCH"),
                ("8", "A"),
                ("91", "1"),
                ("92", "2"),
                ("72", "0"),
                ("73", "1"),
                ("93", "1"),
                ("10", "1"),
                ("20", "1"),
                ("97", "0"),
            ]),
            false,
        ),
        (
            "not_a_number.dxf",
            entities(&[
                ("0", "LINE"),
                ("8", "A"),
                ("10", "abc"),
                ("20", "x"),
                ("11", "1"),
                ("21", "1"),
            ]),
            false,
        ),
        (
            "absurd_coordinates.dxf",
            entities(&[
                ("0", "LINE"),
                ("8", "A"),
                ("10", "1e308"),
                ("20", "-1e308"),
                ("11", "1e400"),
                ("21", "1"),
            ]),
            false,
        ),
        (
            "huge_vertex_count.dxf",
            entities(&[
                ("0", "LWPOLYLINE"),
                ("8", "A"),
                ("90", "999999999"),
                ("70", "0"),
                ("10", "1"),
                ("20", "1"),
                ("10", "2"),
                ("20", "2"),
            ]),
            false,
        ),
        (
            "missing_block.dxf",
            entities(&[
                ("0", "INSERT"),
                ("8", "A"),
                ("2", "KHONGCO"),
                ("10", "1"),
                ("20", "1"),
            ]),
            false,
        ),
        (
            "self_inserting_block.dxf",
            dxf(&[
                ("0", "SECTION"),
                ("2", "BLOCKS"),
                ("0", "BLOCK"),
                ("2", "VONG"),
                ("10", "0"),
                ("20", "0"),
                ("0", "INSERT"),
                ("2", "VONG"),
                ("10", "1"),
                ("20", "1"),
                ("0", "ENDBLK"),
                ("0", "ENDSEC"),
                ("0", "SECTION"),
                ("2", "ENTITIES"),
                ("0", "INSERT"),
                ("8", "A"),
                ("2", "VONG"),
                ("10", "0"),
                ("20", "0"),
                ("0", "ENDSEC"),
                ("0", "EOF"),
            ]),
            false,
        ),
        (
            "bulge_without_values.dxf",
            entities(&[
                ("0", "HATCH"),
                ("8", "A"),
                ("91", "1"),
                ("92", "2"),
                ("72", "1"),
                ("73", "1"),
                ("93", "3"),
            ]),
            false,
        ),
        ("no_sections.dxf", b"999\nmade by hand\n".to_vec(), true),
    ];
    for (name, bytes, must_refuse) in cases {
        must_be_handled(&write(&folder, name, &bytes), must_refuse);
    }
}

#[test]
fn dwg_and_dgn_v8_are_refused_with_what_to_save_them_as() {
    let folder = scratch_folder("cad-bad-refused");
    let dwg = write(&folder, "Quy hoạch phân khu.dwg", b"AC1032\x00\x00\x00\x00");
    let error = read_layer_file_with(&dwg, &LoadOptions::default(), &mut |_| {}).expect_err("DWG");
    assert!(
        matches!(error, LoadError::NeedsAnotherFormat { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("DXF"), "{error}");

    let mut v8 = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    v8.resize(4096, 0);
    let dgn = write(&folder, "dia_chinh_v8.dgn", &v8);
    let error =
        read_layer_file_with(&dgn, &LoadOptions::default(), &mut |_| {}).expect_err("DGN v8");
    assert!(
        matches!(error, LoadError::NeedsAnotherFormat { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("V7"), "{error}");
}

#[test]
fn hostile_dgn_mapinfo_and_geodatabase_files_are_refused_with_a_message() {
    let folder = scratch_folder("cad-bad-other");
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("empty.dgn", Vec::new(), true),
        ("garbage.dgn", (0..2048u32).map(|i| (i * 31 % 256) as u8).collect(), true),
        ("alone.tab", b"!table\n!version 300\n!charset WindowsLatin1\n\nDefinition Table\n  Type NATIVE Charset \"WindowsLatin1\"\n  Fields 1\n    Ten Char (10) ;\n".to_vec(), true),
        ("garbage.tab", (0..512u32).map(|i| (i * 13 % 256) as u8).collect(), true),
        ("no_mid.mif", b"Version 300\nCharset \"Neutral\"\nColumns 1\n  Ten Char(10)\nData\n\nPoint 1 2\n".to_vec(), false),
        ("broken_header.mif", b"Version 300\nColumns x\n".to_vec(), true),
        ("empty.mif", Vec::new(), true),
        ("not_numbers.mif", b"Version 300\nCharset \"Neutral\"\nColumns 1\n  Ten Char(10)\nData\n\nPoint abc def\n".to_vec(), false),
        ("huge_pline.mif", b"Version 300\nCharset \"Neutral\"\nColumns 1\n  Ten Char(10)\nData\n\nPline 999999999\n1 2\n3 4\n".to_vec(), false),
        ("absurd.mif", b"Version 300\nCharset \"Neutral\"\nCoordSys Earth Projection 1, 104\nColumns 1\n  Ten Char(10)\nData\n\nPoint 1e300 -1e300\n".to_vec(), false),
    ];
    for (name, bytes, must_refuse) in cases {
        must_be_handled(&write(&folder, name, &bytes), must_refuse);
    }
    std::fs::write(folder.join("no_mid.mid"), b"").ok();

    let empty_gdb = folder.join("rong.gdb");
    std::fs::create_dir_all(&empty_gdb).expect("folder");
    must_be_handled(&empty_gdb, true);
    let file_gdb = write(&folder, "tep.gdb", b"not a folder");
    must_be_handled(&file_gdb, true);
    must_be_handled(&folder.join("khong_ton_tai.dxf"), true);
}

/// The geodatabase's table file with the highest number (the feature class ogr2ogr wrote last).
fn last_table_file(gdb: &Path) -> PathBuf {
    std::fs::read_dir(gdb)
        .expect("listed")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "gdbtable")
        })
        .max()
        .expect("a table file")
}

/// Files written by GDAL, then damaged: a DGN cut in half, a TAB without its .map/.id/.dat, a
/// geodatabase missing a table file or with one truncated.
#[test]
fn damaged_files_written_by_gdal_are_refused_with_a_message() {
    if !gdal_installed() {
        return;
    }
    let folder = scratch_folder("cad-bad-damaged");
    let source = write(
        &folder,
        "lines.geojson",
        br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ten":"A"},
        "geometry":{"type":"LineString","coordinates":[[597000,2306000],[597100,2306100]]}}]}"#,
    );
    let make = |driver: &str, name: &str| {
        let output = folder.join(name);
        let run = Command::new("ogr2ogr")
            .args(["-f", driver])
            .arg(&output)
            .arg(&source)
            .args(["-a_srs", "EPSG:9210"])
            .output()
            .expect("ogr2ogr runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        output
    };

    let dgn = make("DGN", "cut.dgn");
    let bytes = std::fs::read(&dgn).expect("read");
    std::fs::write(&dgn, &bytes[..bytes.len() / 2]).expect("cut");
    must_be_handled(&dgn, true);

    for part in ["map", "id", "dat"] {
        let tab = make("MapInfo File", &format!("without_{part}.tab"));
        std::fs::remove_file(tab.with_extension(part)).expect("remove a part");
        must_be_handled(&tab, part != "id");
    }

    let gdb = make("OpenFileGDB", "missing_table.gdb");
    let table = last_table_file(&gdb);
    std::fs::remove_file(&table).expect("remove");
    must_be_handled(&gdb, true);

    let truncated = make("OpenFileGDB", "truncated_table.gdb");
    let table = last_table_file(&truncated);
    let bytes = std::fs::read(&table).expect("read");
    std::fs::write(&table, &bytes[..bytes.len() / 3]).expect("truncate");
    must_be_handled(&truncated, false);
}
