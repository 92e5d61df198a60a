//! Where a problem of a TT16 report is on the map. Its location is in the CRS of its layer: when the
//! package is open as layers (found by its file name and the layer's table), that layer's CRS, and the
//! feature there can be selected; otherwise the CRS the check found the layer in
//! ([`CheckReport::layer_epsg`]). The point is then reprojected to the map CRS.

use std::path::Path;

use crate::core::crs::{Crs, MAP_CRS, Reprojector};
use crate::core::layer::{Layer, LayerId};
use crate::core::session::Session;
use crate::core::tt16::problem::Problem;
use crate::core::tt16::report::CheckReport;

/// A problem placed on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProblemOnMap {
    /// The problem's point in the map CRS.
    pub at_in_map: [f64; 2],
    /// The open layer the problem is in, if its package is open.
    pub layer: Option<LayerId>,
}

/// Why a problem cannot be placed.
#[derive(Clone, Debug, PartialEq)]
pub enum NotPlaced {
    /// The problem has no location (a problem of a layer or package).
    NoLocation,
    /// The layer declares no known CRS.
    UnknownCrs,
    /// PROJ could not convert the point.
    Reprojection(String),
}

/// Places problem `index` of `report` on the map.
pub fn place_problem(
    report: &CheckReport,
    index: usize,
    session: &Session,
) -> Result<ProblemOnMap, NotPlaced> {
    let problem = report.problems.get(index).ok_or(NotPlaced::NoLocation)?;
    let [x, y] = problem.location.ok_or(NotPlaced::NoLocation)?;
    let layer = open_layer_of(session, Path::new(&report.path), problem);
    let crs = match layer {
        Some(layer) => layer.crs,
        None => layer_crs_in_report(report, problem).ok_or(NotPlaced::UnknownCrs)?,
    };
    let at_in_map = to_map(crs, x, y)?;
    Ok(ProblemOnMap {
        at_in_map,
        layer: layer.map(|layer| layer.id),
    })
}

/// The CRS the check found the problem's layer in.
fn layer_crs_in_report(report: &CheckReport, problem: &Problem) -> Option<Crs> {
    let layer = problem.layer.as_deref()?;
    report
        .layer_epsg(&problem.package, layer, MAP_CRS.epsg)
        .map(Crs::epsg)
}

/// The point (`x`, `y`) of `crs` in the map CRS.
fn to_map(crs: Crs, x: f64, y: f64) -> Result<[f64; 2], NotPlaced> {
    if crs == MAP_CRS {
        return Ok([x, y]);
    }
    let reprojector = Reprojector::new(crs, MAP_CRS)
        .map_err(|error| NotPlaced::Reprojection(error.to_string()))?;
    let (x, y) = reprojector
        .convert(x, y)
        .map_err(|error| NotPlaced::Reprojection(error.to_string()))?;
    Ok([x, y])
}

/// The open layer of a package group holding the problem's layer: same table, a source file named after the
/// problem's package; one inside the checked path first.
fn open_layer_of<'a>(session: &'a Session, checked: &Path, problem: &Problem) -> Option<&'a Layer> {
    let table = problem.layer.as_deref()?;
    session
        .layers()
        .iter()
        .filter(|layer| layer.group.is_some() && layer.source_table.as_deref() == Some(table))
        .filter(|layer| {
            layer
                .source_path
                .as_deref()
                .is_some_and(|path| is_package_file(path, &problem.package))
        })
        .max_by_key(|layer| {
            layer
                .source_path
                .as_deref()
                .is_some_and(|path| path.starts_with(checked))
        })
}

/// True when `path` (a `.gpkg` or a `.gdb`) is the file of `package` (its stem, in any letter case).
fn is_package_file(path: &Path, package: &str) -> bool {
    path.file_stem()
        .is_some_and(|stem| stem.to_string_lossy().eq_ignore_ascii_case(package))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_files_match_by_stem_in_any_case() {
        assert!(is_package_file(
            Path::new("/a/HoSoGIS/QuyHoach.gdb"),
            "QuyHoach"
        ));
        assert!(is_package_file(Path::new("mocgioi.gpkg"), "MocGioi"));
        assert!(!is_package_file(Path::new("HienTrang.gpkg"), "QuyHoach"));
    }

    #[test]
    fn points_of_other_crs_are_reprojected() {
        assert_eq!(to_map(MAP_CRS, 1.0, 2.0), Ok([1.0, 2.0]));
        let [x, y] = to_map(Crs::epsg(4326), 106.68, 20.86).expect("PROJ converts");
        assert!((590_000.0..610_000.0).contains(&x), "{x}");
        assert!((2_300_000.0..2_320_000.0).contains(&y), "{y}");
    }
}
