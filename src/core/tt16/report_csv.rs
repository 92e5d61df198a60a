//! The problems of a TT16 check as CSV for a spreadsheet: UTF-8 with a byte-order mark (so spreadsheet
//! programs show the Vietnamese letters), one row per problem with the columns `severity`, `kind`, `package`,
//! `layer`, `feature`, `field`, `message`, `x`, `y` (the point of the feature, in the layer's CRS), written
//! atomically.

use std::path::Path;

use super::problem::{Problem, Severity};
use super::report::CheckReport;
use crate::core::io::atomic_write::write_bytes_atomically;

/// The CSV's header row.
pub const CSV_COLUMNS: [&str; 9] = [
    "severity", "kind", "package", "layer", "feature", "field", "message", "x", "y",
];

/// The language of the `message` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageLanguage {
    /// [`Problem::message_vi`].
    Vietnamese,
    /// [`Problem::message`].
    English,
}

/// The report's problems as CSV text, starting with a byte-order mark, lines ending in CRLF.
pub fn problems_csv(report: &CheckReport, language: MessageLanguage) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows = std::iter::once(CSV_COLUMNS.map(String::from))
        .chain(report.problems.iter().map(|p| problem_row(p, language)));
    // Writing into memory cannot fail: the only errors of the writer are those of its output.
    let _ = rows.try_for_each(|row| writer.write_record(&row));
    let bytes = writer.into_inner().unwrap_or_default();
    let mut text = String::from("\u{feff}");
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

/// Writes [`problems_csv`] to `path` atomically (the old file stays whole if writing fails).
pub fn write_csv(
    report: &CheckReport,
    language: MessageLanguage,
    path: &Path,
) -> std::io::Result<()> {
    write_bytes_atomically(path, problems_csv(report, language).as_bytes())
}

/// One problem's cells, in [`CSV_COLUMNS`] order.
fn problem_row(problem: &Problem, language: MessageLanguage) -> [String; 9] {
    let severity = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let message = match language {
        MessageLanguage::Vietnamese => problem.message_vi(),
        MessageLanguage::English => problem.message.clone(),
    };
    let coordinate = |at: usize| {
        problem
            .location
            .map(|location| location[at].to_string())
            .unwrap_or_default()
    };
    [
        severity.to_string(),
        problem.kind.name().to_string(),
        problem.package.clone(),
        problem.layer.clone().unwrap_or_default(),
        problem.feature.map(|id| id.to_string()).unwrap_or_default(),
        problem.field.clone().unwrap_or_default(),
        message,
        coordinate(0),
        coordinate(1),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{Detail, Place};
    use geo::Coord;

    fn report() -> CheckReport {
        let empty_name = Problem::new(
            Place {
                package: "QuyHoach".into(),
                layer: Some("ChucNangSuDungDat_A".into()),
                feature: Some(2),
                field: Some("tenDoiTuong".into()),
                location: Some(Coord {
                    x: 600_200.5,
                    y: 2_300_000.0,
                }),
            },
            Detail::EmptyRequired {
                optional_class: false,
            },
        );
        let unknown = Problem::new(
            Place {
                package: "QuyHoach".into(),
                layer: Some("KhuVuc, \"La\" Ban_A".into()),
                ..Place::default()
            },
            Detail::UnknownLayer,
        );
        CheckReport::new(Path::new("HoSoGIS"), 2, 3, vec![empty_name, unknown])
    }

    #[test]
    fn the_csv_has_a_bom_the_columns_and_one_quoted_row_per_problem() {
        let report = report();
        let csv = problems_csv(&report, MessageLanguage::English);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}severity,kind,package,layer,feature,field,message,x,y"
        );
        assert_eq!(
            lines[1],
            "error,empty_required,QuyHoach,ChucNangSuDungDat_A,2,tenDoiTuong,tenDoiTuong is empty,600200.5,2300000"
        );
        assert!(
            lines[2].starts_with("error,unknown_layer,QuyHoach,\"KhuVuc, \"\"La\"\" Ban_A\",,,"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(",,"), "no location, no x and y");
        assert_eq!(lines.len(), 4, "a CRLF after the last row");
    }

    #[test]
    fn the_csv_reads_back_with_vietnamese_messages() {
        let report = report();
        let csv = problems_csv(&report, MessageLanguage::Vietnamese);
        let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> =
            reader.records().map(|row| row.expect("a row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][6], report.problems[0].message_vi());
        assert_ne!(&rows[0][6], report.problems[0].message);
        assert_eq!(&rows[1][3], "KhuVuc, \"La\" Ban_A");
    }

    #[test]
    fn write_csv_writes_the_file() {
        let folder = std::env::temp_dir().join(format!("hpatlas-tt16-csv-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a temporary folder");
        let path = folder.join("kiem_tra.csv");
        write_csv(&report(), MessageLanguage::English, &path).expect("written");
        let written = std::fs::read(&path).expect("read back");
        assert!(written.starts_with(&[0xef, 0xbb, 0xbf]));
        let _ = std::fs::remove_dir_all(&folder);
    }
}
