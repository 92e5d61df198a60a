//! The geometry of a layer against its name: the declared type against the `_A`/`_P`/`_L` suffix (one problem
//! for the layer when they differ), and each feature — present, of the suffix's kind (checked feature by feature
//! only when the declaration does not already differ), and for polygons valid, with the place where it is not.
//!
//! Validity is the project's own check ([`crate::core::polygon_validity::check_geometry`]): about n·log n for
//! n vertices, so a package of large parcels is checked in time proportional to its size.

use geo::{Coord, Geometry};

use super::check::{feature_place, layer_place};
use super::package::{DeclaredGeometry, GeometryKind, PackageLayer};
use super::problem::{Detail, Problem};
use crate::core::polygon_validity::{InvalidPolygon, check_geometry};

/// Checks the declared geometry and every feature's geometry of `layer`; `expected` is the kind the
/// catalogue or the name's suffix gives (`None`: any kind).
pub(super) fn check_geometries(
    layer: &PackageLayer,
    expected: Option<GeometryKind>,
    problems: &mut Vec<Problem>,
) {
    let differing = expected.filter(|kind| declaration_differs(&layer.declared_geometry, *kind));
    if let Some(expected) = differing {
        problems.push(Problem::new(
            layer_place(layer),
            Detail::DeclaredGeometryMismatch {
                expected,
                declared: layer.declared_geometry.clone(),
            },
        ));
    }
    let kind_to_check = expected.filter(|_| differing.is_none());
    for (position, feature) in layer.data.features.iter().enumerate() {
        if let Some(detail) = feature_problem(&feature.geometry, kind_to_check) {
            let at = invalid_at(&detail);
            problems.push(Problem::new(
                feature_place(layer, position, None, at),
                detail,
            ));
        }
    }
}

/// True when the declared geometry is not `expected`: another single kind, or no geometry at all. A generic
/// declaration (GEOMETRY) is left to the feature-by-feature check.
fn declaration_differs(declared: &DeclaredGeometry, expected: GeometryKind) -> bool {
    match declared.kind() {
        Some(kind) => kind != expected,
        None => *declared == DeclaredGeometry::None,
    }
}

/// What is wrong with one feature's geometry, if anything: missing, of another kind than `expected`, or an
/// invalid polygon.
fn feature_problem(geometry: &Geometry, expected: Option<GeometryKind>) -> Option<Detail> {
    if is_empty(geometry) {
        return Some(Detail::NoGeometry);
    }
    if let (Some(expected), Some(found)) = (expected, GeometryKind::of_geometry(geometry))
        && found != expected
    {
        return Some(Detail::FeatureGeometryMismatch { expected, found });
    }
    check_geometry(geometry)
        .err()
        .map(|reason| Detail::InvalidPolygon { reason })
}

/// True for a geometry without any coordinate (how readers store a NULL geometry).
fn is_empty(geometry: &Geometry) -> bool {
    use geo::CoordsIter;
    geometry.coords_iter().next().is_none()
}

/// Where an invalid polygon crosses itself or another ring, when the check says.
fn invalid_at(detail: &Detail) -> Option<Coord> {
    match detail {
        Detail::InvalidPolygon {
            reason:
                InvalidPolygon::SelfIntersection { at, .. } | InvalidPolygon::RingsCross { at, .. },
        } => Some(*at),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::ProblemKind;
    use crate::core::tt16::test_layers::{clean_layer, kinds};
    use geo::{GeometryCollection, LineString, Point, Polygon};

    fn check(layer: &PackageLayer) -> Vec<Problem> {
        let mut problems = Vec::new();
        let expected = GeometryKind::from_layer_suffix(&layer.name);
        check_geometries(layer, expected, &mut problems);
        problems
    }

    fn bow_tie() -> Geometry {
        Geometry::Polygon(Polygon::new(
            LineString::from(vec![
                (600_000.0, 2_300_000.0),
                (600_100.0, 2_300_100.0),
                (600_100.0, 2_300_000.0),
                (600_000.0, 2_300_100.0),
                (600_000.0, 2_300_000.0),
            ]),
            vec![],
        ))
    }

    #[test]
    fn a_bow_tie_is_invalid_at_its_crossing() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        layer.data.features[1].geometry = bow_tie();
        let problems = check(&layer);
        let id = layer.feature_ids[1];
        assert_eq!(
            kinds(&problems),
            vec![(ProblemKind::InvalidGeometry, Some(id), None)]
        );
        let at = problems[0].location.expect("located");
        assert!(
            (at[0] - 600_050.0).abs() < 1e-6 && (at[1] - 2_300_050.0).abs() < 1e-6,
            "{at:?}"
        );
        assert!(problems[0].message.contains("crosses or touches itself"));
    }

    #[test]
    fn a_point_in_an_area_layer_declared_generic_is_a_feature_problem() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        layer.declared_geometry = DeclaredGeometry::Other("GEOMETRY".into());
        layer.data.features[0].geometry = Geometry::Point(Point::new(600_000.0, 2_300_000.0));
        let problems = check(&layer);
        assert_eq!(
            kinds(&problems),
            vec![(
                ProblemKind::GeometryMismatch,
                Some(layer.feature_ids[0]),
                None
            )]
        );
        assert_eq!(problems[0].location, Some([600_000.0, 2_300_000.0]));
    }

    #[test]
    fn a_declaration_of_another_kind_is_one_layer_problem() {
        let mut layer = clean_layer("QuyHoach", "CayXanh_P");
        layer.declared_geometry = DeclaredGeometry::Polygon;
        assert_eq!(
            kinds(&check(&layer)),
            vec![(ProblemKind::GeometryMismatch, None, None)]
        );
    }

    #[test]
    fn a_feature_without_geometry_is_invalid() {
        let mut layer = clean_layer("QuyHoach", "HuongDi_L");
        layer.data.features[0].geometry =
            Geometry::GeometryCollection(GeometryCollection::default());
        let problems = check(&layer);
        assert_eq!(
            kinds(&problems),
            vec![(
                ProblemKind::InvalidGeometry,
                Some(layer.feature_ids[0]),
                None
            )]
        );
        assert_eq!(problems[0].location, None);
    }
}
