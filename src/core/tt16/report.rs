//! The report of a TT16 check: what was checked and every problem found, serialized as the JSON the command
//! line prints (`{"path", "ok", "layers", "features", "problems": [...]}`), or as text grouped by package and
//! layer.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::catalogue::Package;
use super::problem::{Detail, Problem, Severity};

/// The result of checking one `HoSoGIS` folder, `.gdb` or `.gpkg`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// The path checked, as given.
    pub path: String,
    /// True when no problem is an error (warnings allowed).
    pub ok: bool,
    /// How many layers were read.
    pub layers: usize,
    /// How many features they hold.
    pub features: usize,
    /// Every problem, ordered by package (in the circular's order), layer, feature, field and kind.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// The report of `path`, with `problems` put in order.
    pub fn new(path: &Path, layers: usize, features: usize, mut problems: Vec<Problem>) -> Self {
        problems.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        Self {
            path: path.display().to_string(),
            ok: !problems.iter().any(Problem::is_error),
            layers,
            features,
            problems,
        }
    }

    /// How many problems are errors.
    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// How many problems are warnings.
    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }

    /// The EPSG code layer `layer` of `package` was found in, for placing its problems' locations: the
    /// declared one of its `wrong_crs` problem, `expected_epsg` when it has none (the check passes only that
    /// code without a problem), and `None` when the layer declares no known CRS.
    pub fn layer_epsg(&self, package: &str, layer: &str, expected_epsg: u32) -> Option<u32> {
        let wrong_crs = self
            .problems
            .iter()
            .find_map(|problem| match problem.detail {
                Detail::WrongCrs { declared_epsg, .. }
                    if problem.package == package && problem.layer.as_deref() == Some(layer) =>
                {
                    Some(declared_epsg)
                }
                _ => None,
            });
        wrong_crs.unwrap_or(Some(expected_epsg))
    }

    /// The report as text for a terminal: a summary line, then the problems grouped by package and layer.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{}: {} ({}, {}; {}, {})\n",
            self.path,
            if self.ok { "OK" } else { "NOT OK" },
            counted(self.error_count(), "error"),
            counted(self.warning_count(), "warning"),
            counted(self.layers, "layer"),
            counted(self.features, "feature")
        );
        let mut package = None;
        let mut layer = None;
        for problem in &self.problems {
            if package != Some(&problem.package) {
                package = Some(&problem.package);
                layer = None;
                let _ = writeln!(text, "\n{}", problem.package);
            }
            if layer != Some(&problem.layer) {
                layer = Some(&problem.layer);
                let name = problem.layer.as_deref().unwrap_or("(package)");
                let _ = writeln!(text, "  {name}");
            }
            let _ = writeln!(text, "    {}", problem_line(problem));
        }
        text
    }
}

/// "1 error", "2 errors".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// One problem as a line of text: severity, kind, feature, field, message.
fn problem_line(problem: &Problem) -> String {
    let severity = match problem.severity {
        Severity::Error => "error  ",
        Severity::Warning => "warning",
    };
    let feature = problem
        .feature
        .map(|id| format!(" feature {id}"))
        .unwrap_or_default();
    let field = problem
        .field
        .as_deref()
        .map(|name| format!(" [{name}]"))
        .unwrap_or_default();
    format!(
        "{severity} {}{feature}{field}: {}",
        problem.kind.name(),
        problem.message
    )
}

/// The sort key of a problem: package (circular's order, others after), layer, feature, field, kind.
fn order_key(
    problem: &Problem,
) -> (
    usize,
    &str,
    Option<&str>,
    Option<i64>,
    Option<&str>,
    &'static str,
) {
    let package_rank = Package::from_name(&problem.package)
        .and_then(|package| Package::ALL.iter().position(|each| *each == package))
        .unwrap_or(Package::ALL.len());
    (
        package_rank,
        problem.package.as_str(),
        problem.layer.as_deref(),
        problem.feature,
        problem.field.as_deref(),
        problem.kind.name(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{Detail, Place};

    fn problem(
        package: &str,
        layer: Option<&str>,
        feature: Option<i64>,
        detail: Detail,
    ) -> Problem {
        Problem::new(
            Place {
                package: package.into(),
                layer: layer.map(Into::into),
                feature,
                field: Some("tenDoiTuong".into()),
                location: None,
            },
            detail,
        )
    }

    #[test]
    fn problems_are_ordered_and_ok_means_no_error() {
        let report = CheckReport::new(
            Path::new("HoSoGIS"),
            2,
            10,
            vec![
                problem("QuyHoach", Some("B_A"), Some(2), Detail::NoGeometry),
                problem("HienTrang", Some("A_A"), None, Detail::UnknownLayer),
                problem("QuyHoach", Some("B_A"), Some(1), Detail::NoGeometry),
            ],
        );
        assert!(!report.ok);
        let order: Vec<(&str, Option<i64>)> = report
            .problems
            .iter()
            .map(|p| (p.package.as_str(), p.feature))
            .collect();
        assert_eq!(
            order,
            vec![
                ("HienTrang", None),
                ("QuyHoach", Some(1)),
                ("QuyHoach", Some(2))
            ]
        );
        let text = report.to_text();
        assert!(text.starts_with("HoSoGIS: NOT OK (3 errors, 0 warnings; 2 layers, 10 features)"));
        assert!(text.contains("\nQuyHoach\n  B_A\n    error   invalid_geometry feature 1 [tenDoiTuong]: the feature has no geometry\n"), "{text}");
    }

    #[test]
    fn a_layers_crs_comes_from_its_wrong_crs_problem() {
        let wrong = |declared_epsg| {
            Problem::new(
                Place {
                    package: "HienTrang".into(),
                    layer: Some(format!("L{declared_epsg:?}")),
                    ..Place::default()
                },
                Detail::WrongCrs {
                    declared_epsg,
                    expected_epsg: 9210,
                    tolerated: false,
                },
            )
        };
        let report = CheckReport::new(
            Path::new("HoSoGIS"),
            3,
            0,
            vec![wrong(Some(4326)), wrong(None)],
        );
        assert_eq!(
            report.layer_epsg("HienTrang", "LSome(4326)", 9210),
            Some(4326)
        );
        assert_eq!(report.layer_epsg("HienTrang", "LNone", 9210), None);
        assert_eq!(report.layer_epsg("HienTrang", "Other_A", 9210), Some(9210));
        assert_eq!(
            report.layer_epsg("QuyHoach", "LSome(4326)", 9210),
            Some(9210)
        );
    }

    #[test]
    fn warnings_alone_are_ok() {
        let report = CheckReport::new(
            Path::new("QuyHoach.gpkg"),
            1,
            1,
            vec![problem(
                "QuyHoach",
                Some("A_A"),
                Some(1),
                Detail::EmptyRequired {
                    optional_class: true,
                },
            )],
        );
        assert!(report.ok);
        let json = serde_json::to_value(&report).expect("serializable");
        assert_eq!(json["ok"], true);
        assert_eq!(json["problems"][0]["severity"], "warning");
    }
}
