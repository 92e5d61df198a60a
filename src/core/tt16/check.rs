//! The TT16 check: every layer of a package against the catalogue — its name, CRS, declared fields and
//! geometry, and its features' geometries and values — and `maDoiTuong` across each package.
//! [`check_package`] opens a path and checks it; [`check_layers`] checks layers already read (the app's panel
//! and the tests use it). The severity of each finding is decided in [`super::problem`].

use std::path::Path;

use geo::{Coord, CoordsIter, Geometry};
use thiserror::Error;

use super::catalogue::{Catalogue, CatalogueError, CatalogueField, LayerLookup, Package, shipped};
use super::check_fields::check_declared_fields;
use super::check_geometry::check_geometries;
use super::check_values::{check_duplicate_ids, check_values};
use super::open::{OpenError, open_package};
use super::package::{GeometryKind, PackageLayer};
use super::problem::{Detail, Place, Problem};
use super::report::CheckReport;
use crate::core::crs::{VN2000_TM3_105_30, VN2000_TM3_105_45};

/// What the check expects beyond the catalogue: the CRS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// The EPSG code every layer must be in (Hai Phong: 9210, VN-2000 / TM-3 105°45').
    pub expected_epsg: u32,
    /// Codes reported only as a warning (Hai Phong: 9209, TM-3 105°30', which old Hai Duong dossiers use).
    pub tolerated_epsg: Vec<u32>,
}

impl Default for CheckOptions {
    /// Hai Phong's: EPSG:9210 expected, EPSG:9209 tolerated with a warning.
    fn default() -> Self {
        Self {
            expected_epsg: VN2000_TM3_105_45.epsg,
            tolerated_epsg: vec![VN2000_TM3_105_30.epsg],
        }
    }
}

/// A check could not be run at all (a path that holds no package, a broken catalogue). Everything wrong
/// inside a package is a [`Problem`] of the report instead.
#[derive(Debug, Error)]
pub enum CheckError {
    /// The shipped catalogue could not be parsed.
    #[error("the TT16 catalogue: {0}")]
    Catalogue(#[from] CatalogueError),
    /// The path could not be opened as a package.
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// Opens `path` (a `HoSoGIS` folder, a `.gdb` or a `.gpkg`) and checks every layer in it.
pub fn check_package(path: &Path, options: &CheckOptions) -> Result<CheckReport, CheckError> {
    let catalogue = shipped()?;
    let opened = open_package(path)?;
    let mut problems = opened.problems;
    problems.extend(check_layers(catalogue, &opened.layers, options));
    let features = opened
        .layers
        .iter()
        .map(|layer| layer.data.features.len())
        .sum();
    Ok(CheckReport::new(
        path,
        opened.layers.len(),
        features,
        problems,
    ))
}

/// Checks layers already read: each one against the catalogue, then `maDoiTuong` within each package.
pub fn check_layers(
    catalogue: &Catalogue,
    layers: &[PackageLayer],
    options: &CheckOptions,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for layer in layers {
        check_layer(catalogue, layer, options, &mut problems);
    }
    check_duplicate_ids(layers, &mut problems);
    problems
}

/// Checks one layer.
fn check_layer(
    catalogue: &Catalogue,
    layer: &PackageLayer,
    options: &CheckOptions,
    problems: &mut Vec<Problem>,
) {
    let package = Package::from_name(&layer.package);
    let lookup = catalogue.find_layer(package, &layer.name);
    check_name(layer, lookup, problems);
    check_crs(layer, options, problems);
    let required: Vec<&CatalogueField> = match lookup {
        Some(found) => catalogue.required_fields(found.layer),
        None => catalogue.minimum_fields().collect(),
    };
    check_declared_fields(layer, &required, problems);
    let expected = lookup
        .map(|found| found.layer.geometry)
        .or_else(|| GeometryKind::from_layer_suffix(&layer.name));
    check_geometries(layer, expected, problems);
    let minimum: Vec<&CatalogueField> = catalogue.minimum_fields().collect();
    check_values(layer, &minimum, problems);
}

/// The layer name: in the catalogue, in this package, in the same letter case.
fn check_name(layer: &PackageLayer, lookup: Option<LayerLookup<'_>>, problems: &mut Vec<Problem>) {
    let Some(found) = lookup else {
        problems.push(Problem::new(layer_place(layer), Detail::UnknownLayer));
        return;
    };
    if !found.in_package {
        problems.push(Problem::new(
            layer_place(layer),
            Detail::LayerInOtherPackage {
                belongs_to: found.layer.package,
            },
        ));
    }
    if !found.exact_case {
        problems.push(Problem::new(
            layer_place(layer),
            Detail::LayerNameCase {
                catalogue_name: found.layer.name.clone(),
            },
        ));
    }
}

/// The layer's CRS against the expected one.
fn check_crs(layer: &PackageLayer, options: &CheckOptions, problems: &mut Vec<Problem>) {
    if layer.epsg == Some(options.expected_epsg) {
        return;
    }
    let tolerated = layer
        .epsg
        .is_some_and(|epsg| options.tolerated_epsg.contains(&epsg));
    problems.push(Problem::new(
        layer_place(layer),
        Detail::WrongCrs {
            declared_epsg: layer.epsg,
            expected_epsg: options.expected_epsg,
            tolerated,
        },
    ));
}

/// The place of a problem of the whole layer.
pub(super) fn layer_place(layer: &PackageLayer) -> Place {
    Place {
        package: layer.package.clone(),
        layer: Some(layer.name.clone()),
        ..Place::default()
    }
}

/// The place of a problem of one field of the layer.
pub(super) fn field_place(layer: &PackageLayer, field: &str) -> Place {
    Place {
        field: Some(field.to_string()),
        ..layer_place(layer)
    }
}

/// The place of a problem of the feature at `position` (optionally one of its fields), located at `at` or
/// else at the feature's first vertex.
pub(super) fn feature_place(
    layer: &PackageLayer,
    position: usize,
    field: Option<&str>,
    at: Option<Coord>,
) -> Place {
    let location = at.or_else(|| {
        layer
            .data
            .features
            .get(position)
            .and_then(|feature| first_vertex(&feature.geometry))
    });
    Place {
        feature: Some(layer.feature_id(position)),
        field: field.map(str::to_string),
        location,
        ..layer_place(layer)
    }
}

/// The first vertex of a geometry, if it has one.
fn first_vertex(geometry: &Geometry) -> Option<Coord> {
    geometry.coords_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::package::DeclaredGeometry;
    use crate::core::tt16::problem::ProblemKind;
    use crate::core::tt16::test_layers::{clean_layer, kinds};

    fn catalogue() -> &'static Catalogue {
        shipped().unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn a_clean_layer_has_no_problem() {
        let layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn an_unknown_layer_is_an_error_and_still_checked() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        layer.name = "KhuVucLaBan_A".into();
        let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
        assert_eq!(
            kinds(&problems),
            vec![(ProblemKind::UnknownLayer, None, None)]
        );
        assert!(problems.iter().all(Problem::is_error));
    }

    #[test]
    fn a_layer_of_another_package_or_case_is_a_warning() {
        let mut layer = clean_layer("HienTrang", "CongtrinhCapNuocPCCC_P");
        layer.name = "CongTrinhCapNuocPCCC_P".into();
        let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
        assert_eq!(kinds(&problems), vec![(ProblemKind::NameCase, None, None)]);
        assert!(!problems.iter().any(Problem::is_error));
        let mut misplaced = clean_layer("MocGioi", "MocGioiQuyHoach_P");
        misplaced.package = "QuyHoach".into();
        let problems = check_layers(catalogue(), &[misplaced], &CheckOptions::default());
        assert_eq!(
            kinds(&problems),
            vec![(ProblemKind::UnknownLayer, None, None)]
        );
        assert!(!problems.iter().any(Problem::is_error));
    }

    #[test]
    fn the_crs_must_be_9210_and_9209_is_a_warning() {
        for (epsg, error) in [(Some(4326), true), (None, true), (Some(9209), false)] {
            let mut layer = clean_layer("QuyHoach", "CayXanh_P");
            layer.epsg = epsg;
            let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
            assert_eq!(kinds(&problems), vec![(ProblemKind::WrongCrs, None, None)]);
            assert_eq!(problems.iter().any(Problem::is_error), error, "{epsg:?}");
        }
    }

    #[test]
    fn layers_of_a_package_without_a_known_name_are_looked_up_in_every_package() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        layer.package = "delivery".into();
        let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_declared_point_layer_named_area_is_one_layer_problem() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        layer.declared_geometry = DeclaredGeometry::Point;
        let problems = check_layers(catalogue(), &[layer], &CheckOptions::default());
        assert_eq!(
            kinds(&problems),
            vec![(ProblemKind::GeometryMismatch, None, None)]
        );
    }
}
