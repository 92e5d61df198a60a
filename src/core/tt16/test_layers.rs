//! Test helpers: a layer that meets the catalogue in every respect (each test then plants one defect), and the
//! problems reduced to what tests compare.

use geo::{Geometry, LineString, Point, Polygon};

use super::catalogue::{CatalogueField, Package, shipped};
use super::package::{DeclaredField, DeclaredGeometry, FieldType, GeometryKind, PackageLayer};
use super::problem::{Problem, ProblemKind};
use crate::core::attributes::{AttributeKind, AttributeValue, Field};
use crate::core::crs::Crs;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};

/// The dossier code of the test layers.
pub const DOSSIER: &str = "31QHC0010001";

/// The fields the catalogue requires of `name` in `package`.
pub fn required_fields(package: &str, name: &str) -> Vec<&'static CatalogueField> {
    let catalogue = shipped().unwrap_or_else(|error| panic!("{error}"));
    let found = catalogue
        .find_layer(Package::from_name(package), name)
        .unwrap_or_else(|| panic!("{package}/{name} is in the catalogue"));
    catalogue.required_fields(found.layer)
}

/// The six minimum fields.
pub fn minimum_fields() -> Vec<&'static CatalogueField> {
    let catalogue = shipped().unwrap_or_else(|error| panic!("{error}"));
    catalogue.minimum_fields().collect()
}

/// A layer of two features (ids 11 and 12) that meets the catalogue: every required field declared as the
/// catalogue says, valid values, valid geometries of the suffix's kind, EPSG:9210.
pub fn clean_layer(package: &str, name: &str) -> PackageLayer {
    let required = required_fields(package, name);
    let kind = GeometryKind::from_layer_suffix(name).expect("a suffix");
    let feature_ids = vec![11, 12];
    let features = feature_ids
        .iter()
        .enumerate()
        .map(|(position, id)| SourceFeature {
            geometry: geometry(kind, position),
            attributes: required
                .iter()
                .map(|field| clean_value(field, name, *id))
                .collect(),
        })
        .collect();
    PackageLayer {
        package: package.to_string(),
        source: format!("{package}.gpkg").into(),
        name: name.to_string(),
        declared_geometry: match kind {
            GeometryKind::Point => DeclaredGeometry::Point,
            GeometryKind::Line => DeclaredGeometry::Line,
            GeometryKind::Polygon => DeclaredGeometry::Polygon,
        },
        declared_fields: required
            .iter()
            .map(|field| DeclaredField {
                name: field.name.clone(),
                kind: field.kind.clone(),
                width: field.width,
            })
            .collect(),
        epsg: Some(9210),
        data: LayerData {
            name: name.to_string(),
            source_path: None,
            crs: Crs::epsg(9210),
            crs_origin: CrsOrigin::Declared,
            fields: required
                .iter()
                .map(|field| Field {
                    name: field.name.clone(),
                    kind: attribute_kind(&field.kind),
                })
                .collect(),
            features,
            text_encoding: None,
            notes: Vec::new(),
        },
        feature_ids,
    }
}

/// Sets the value of `field` in the feature at `position`.
pub fn set_value(layer: &mut PackageLayer, position: usize, field: &str, value: AttributeValue) {
    let column = layer.attribute_position(field).expect("a field");
    layer.data.features[position].attributes[column] = value;
}

/// (kind, feature, field) of each problem, sorted.
pub fn kinds(problems: &[Problem]) -> Vec<(ProblemKind, Option<i64>, Option<String>)> {
    let mut found: Vec<_> = problems
        .iter()
        .map(|problem| (problem.kind, problem.feature, problem.field.clone()))
        .collect();
    found.sort();
    found
}

fn geometry(kind: GeometryKind, position: usize) -> Geometry {
    let x = 600_000.0 + 200.0 * position as f64;
    let y = 2_300_000.0;
    match kind {
        GeometryKind::Point => Geometry::Point(Point::new(x, y)),
        GeometryKind::Line => Geometry::LineString(LineString::from(vec![(x, y), (x + 50.0, y)])),
        GeometryKind::Polygon => Geometry::Polygon(Polygon::new(
            LineString::from(vec![
                (x, y),
                (x + 100.0, y),
                (x + 100.0, y + 100.0),
                (x, y + 100.0),
                (x, y),
            ]),
            vec![],
        )),
    }
}

fn clean_value(field: &CatalogueField, layer: &str, id: i64) -> AttributeValue {
    let text = |value: String| AttributeValue::Text(value);
    match (field.name.as_str(), &field.kind) {
        ("maThongTinQH", _) => text("312511012345".into()),
        ("maHoSoQH", _) => text(DOSSIER.into()),
        ("maDoiTuong", _) => text(format!("{DOSSIER}-{layer}-{id}")),
        ("tenDoiTuong", _) => text(format!("Đối tượng {id}")),
        ("phanLoai", _) => text("DAT_O_Nhomnhao".into()),
        (_, FieldType::Short | FieldType::Long) => AttributeValue::Integer(3),
        (_, FieldType::Float | FieldType::Double) => AttributeValue::Real(1.5),
        (_, FieldType::Date | FieldType::DateTime) => text("2025-07-01".into()),
        _ => text("x".into()),
    }
}

fn attribute_kind(kind: &FieldType) -> AttributeKind {
    match kind {
        FieldType::Short | FieldType::Long => AttributeKind::Integer,
        FieldType::Float | FieldType::Double => AttributeKind::Real,
        _ => AttributeKind::Text,
    }
}
