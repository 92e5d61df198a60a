//! The values of the minimum fields in each feature: filled where the circular needs a value, no longer than
//! the circular's width, the two codes in their documented pattern; and `maDoiTuong` unique within each
//! package (the object code identifies one object of the dossier, across its layers).
//!
//! Which fields must hold a value: `maThongTinQH`, `maHoSoQH`, `maDoiTuong` and `tenDoiTuong` (an error when
//! empty); `phanLoai` (a warning: some layers, such as direction arrows, have no class in the legend);
//! `ghiChu` is a note and may be empty. A value is empty when it is NULL or only white space.

use std::collections::HashMap;

use super::catalogue::CatalogueField;
use super::check::feature_place;
use super::codes::CodePattern;
use super::package::PackageLayer;
use super::problem::{Detail, Problem};
use crate::core::attributes::AttributeValue;

/// The object-code field, unique within a package.
const OBJECT_ID_FIELD: &str = "maDoiTuong";

/// The minimum fields whose emptiness is an error.
const VALUE_REQUIRED: [&str; 4] = ["maThongTinQH", "maHoSoQH", "maDoiTuong", "tenDoiTuong"];

/// The minimum field whose emptiness is a warning.
const CLASS_FIELD: &str = "phanLoai";

/// Checks the values of the `minimum` fields in every feature of `layer`.
pub(super) fn check_values(
    layer: &PackageLayer,
    minimum: &[&CatalogueField],
    problems: &mut Vec<Problem>,
) {
    for field in minimum {
        let Some(column) = layer.attribute_position(&field.name) else {
            continue;
        };
        let stored_name = layer
            .data
            .fields
            .get(column)
            .map_or(field.name.as_str(), |stored| stored.name.as_str());
        for (position, feature) in layer.data.features.iter().enumerate() {
            let value = feature.attributes.get(column).and_then(text_of);
            if let Some(detail) = value_problem(field, value.as_deref()) {
                problems.push(Problem::new(
                    feature_place(layer, position, Some(stored_name), None),
                    detail,
                ));
            }
        }
    }
}

/// What is wrong with one value of a minimum field, if anything.
fn value_problem(field: &CatalogueField, value: Option<&str>) -> Option<Detail> {
    let Some(value) = value.filter(|text| !text.trim().is_empty()) else {
        let required = VALUE_REQUIRED.contains(&field.name.as_str());
        let class = field.name == CLASS_FIELD;
        return (required || class).then_some(Detail::EmptyRequired {
            optional_class: class,
        });
    };
    let value_chars = value.chars().count();
    if let Some(required_chars) = field.width
        && value_chars > usize::try_from(required_chars).unwrap_or(usize::MAX)
    {
        return Some(Detail::ValueTooLong {
            required_chars,
            value_chars,
        });
    }
    let pattern = CodePattern::of_field(&field.name)?;
    (!pattern.matches(value)).then(|| Detail::CodeFormat {
        value: value.to_string(),
        pattern,
    })
}

/// A value as text (numbers as written); `None` for NULL.
fn text_of(value: &AttributeValue) -> Option<String> {
    match value {
        AttributeValue::Null => None,
        AttributeValue::Text(text) | AttributeValue::Json(text) => Some(text.clone()),
        AttributeValue::Integer(number) => Some(number.to_string()),
        AttributeValue::Real(number) => Some(number.to_string()),
        AttributeValue::Bool(flag) => Some(flag.to_string()),
    }
}

/// Reports every feature whose `maDoiTuong` an earlier feature of the same package already uses (layers in
/// the given order, features in file order).
pub(super) fn check_duplicate_ids(layers: &[PackageLayer], problems: &mut Vec<Problem>) {
    let mut first_use: HashMap<(&str, String), (&str, i64)> = HashMap::new();
    for layer in layers {
        let Some(column) = layer.attribute_position(OBJECT_ID_FIELD) else {
            continue;
        };
        for (position, feature) in layer.data.features.iter().enumerate() {
            let Some(value) = feature.attributes.get(column).and_then(text_of) else {
                continue;
            };
            if value.trim().is_empty() {
                continue;
            }
            let id = layer.feature_id(position);
            let key = (layer.package.as_str(), value.clone());
            match first_use.get(&key) {
                Some((first_layer, first_feature)) => problems.push(Problem::new(
                    feature_place(layer, position, Some(OBJECT_ID_FIELD), None),
                    Detail::DuplicateId {
                        value,
                        first_layer: (*first_layer).to_string(),
                        first_feature: *first_feature,
                    },
                )),
                None => {
                    first_use.insert(key, (layer.name.as_str(), id));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{ProblemKind, Severity};
    use crate::core::tt16::test_layers::{clean_layer, kinds, minimum_fields, set_value};

    fn check(layer: &PackageLayer) -> Vec<Problem> {
        let mut problems = Vec::new();
        check_values(layer, &minimum_fields(), &mut problems);
        problems
    }

    #[test]
    fn an_empty_name_is_an_error_an_empty_class_a_warning_an_empty_note_fine() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        set_value(
            &mut layer,
            0,
            "tenDoiTuong",
            AttributeValue::Text("  ".into()),
        );
        set_value(&mut layer, 1, "phanLoai", AttributeValue::Null);
        set_value(&mut layer, 1, "ghiChu", AttributeValue::Null);
        let problems = check(&layer);
        let (first, second) = (layer.feature_ids[0], layer.feature_ids[1]);
        assert_eq!(
            kinds(&problems),
            vec![
                (
                    ProblemKind::EmptyRequired,
                    Some(first),
                    Some("tenDoiTuong".into())
                ),
                (
                    ProblemKind::EmptyRequired,
                    Some(second),
                    Some("phanLoai".into())
                ),
            ]
        );
        let severities: Vec<Severity> = problems.iter().map(|p| p.severity).collect();
        assert_eq!(severities, vec![Severity::Error, Severity::Warning]);
    }

    #[test]
    fn codes_out_of_pattern_are_warnings() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        set_value(
            &mut layer,
            0,
            "maHoSoQH",
            AttributeValue::Text("31QHX0010001".into()),
        );
        set_value(
            &mut layer,
            1,
            "maThongTinQH",
            AttributeValue::Integer(12_511_012_345),
        );
        let problems = check(&layer);
        assert_eq!(
            kinds(&problems),
            vec![
                (
                    ProblemKind::CodeFormat,
                    Some(layer.feature_ids[0]),
                    Some("maHoSoQH".into())
                ),
                (
                    ProblemKind::CodeFormat,
                    Some(layer.feature_ids[1]),
                    Some("maThongTinQH".into())
                ),
            ]
        );
        assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    }

    #[test]
    fn a_value_longer_than_the_circulars_width_is_an_error() {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        set_value(
            &mut layer,
            0,
            "tenDoiTuong",
            AttributeValue::Text("ấ".repeat(101)),
        );
        let problems = check(&layer);
        assert_eq!(
            kinds(&problems),
            vec![(
                ProblemKind::FieldType,
                Some(layer.feature_ids[0]),
                Some("tenDoiTuong".into())
            )]
        );
        assert!(problems[0].is_error());
        set_value(
            &mut layer,
            0,
            "tenDoiTuong",
            AttributeValue::Text("ấ".repeat(100)),
        );
        assert!(check(&layer).is_empty());
    }

    #[test]
    fn object_codes_are_unique_within_a_package_not_across_packages() {
        let first = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        let mut second = clean_layer("QuyHoach", "CayXanh_P");
        let shared = AttributeValue::Text("31QHC0010001-ChucNangSuDungDat_A-11".into());
        set_value(&mut second, 1, "maDoiTuong", shared.clone());
        let mut other_package = clean_layer("HienTrang", "ChucNangSuDungDat_A");
        set_value(&mut other_package, 0, "maDoiTuong", shared);
        let layers = [first, second, other_package];
        let mut problems = Vec::new();
        check_duplicate_ids(&layers, &mut problems);
        assert_eq!(
            kinds(&problems),
            vec![(
                ProblemKind::DuplicateId,
                Some(layers[1].feature_ids[1]),
                Some("maDoiTuong".into())
            )]
        );
        assert!(
            problems[0].message.contains("ChucNangSuDungDat_A"),
            "{}",
            problems[0].message
        );
    }
}
