//! The declared fields of a layer against the fields the catalogue requires: present (in the catalogue's
//! letter case), of the catalogue's type, and for TEXT of the circular's width. A missing field's problem
//! names the field as the catalogue spells it; any other names it as stored.
//!
//! Types are compared by family: any whole-number type (SHORT, LONG; GeoPackage SMALLINT, MEDIUMINT, INTEGER)
//! satisfies SHORT or LONG, any real type (FLOAT, DOUBLE, REAL) FLOAT or DOUBLE, DATE or DATETIME a DATE,
//! because which width a writer picks (GDAL writes a 32-bit integer as MEDIUMINT, a 64-bit one as INTEGER)
//! says nothing about the values. Widths are compared for TEXT only, the only type the circular gives one for.

use super::catalogue::CatalogueField;
use super::check::field_place;
use super::package::{DeclaredField, FieldType, PackageLayer};
use super::problem::{Detail, Problem};

/// Checks that `layer` declares every field of `required` as the catalogue does.
pub(super) fn check_declared_fields(
    layer: &PackageLayer,
    required: &[&CatalogueField],
    problems: &mut Vec<Problem>,
) {
    for field in required {
        let place = || field_place(layer, &field.name);
        let minimum = field.scope.is_minimum();
        let Some(declared) = layer.declared_field(&field.name) else {
            problems.push(Problem::new(place(), Detail::MissingField { minimum }));
            continue;
        };
        let stored_place = || field_place(layer, &declared.name);
        if declared.name != field.name {
            problems.push(Problem::new(
                stored_place(),
                Detail::FieldNameCase {
                    catalogue_name: field.name.clone(),
                },
            ));
        }
        if let Some(detail) = type_difference(field, declared) {
            problems.push(Problem::new(stored_place(), detail));
        }
    }
}

/// How `declared` differs from the catalogue's `field` in type or width, if it does.
fn type_difference(field: &CatalogueField, declared: &DeclaredField) -> Option<Detail> {
    if !same_family(&field.kind, &declared.kind) {
        return Some(Detail::WrongFieldType {
            minimum: field.scope.is_minimum(),
            expected: field.kind.clone(),
            declared: declared.type_label(),
        });
    }
    let required_chars = field.width.filter(|_| field.kind == FieldType::Text)?;
    match declared.width {
        Some(declared_chars) if declared_chars < required_chars => Some(Detail::TextTooNarrow {
            required_chars,
            declared_chars,
        }),
        Some(declared_chars) if declared_chars == required_chars => None,
        declared_chars => Some(Detail::TextWider {
            required_chars,
            declared_chars,
        }),
    }
}

/// True when a value of the `declared` type can hold what the catalogue's `expected` type holds.
fn same_family(expected: &FieldType, declared: &FieldType) -> bool {
    match expected {
        FieldType::Text => *declared == FieldType::Text,
        FieldType::Short | FieldType::Long => declared.is_integer(),
        FieldType::Float | FieldType::Double => declared.is_real(),
        FieldType::Date | FieldType::DateTime => {
            matches!(declared, FieldType::Date | FieldType::DateTime)
        }
        FieldType::Other(name) => *declared == FieldType::Other(name.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{ProblemKind, Severity};
    use crate::core::tt16::test_layers::{clean_layer, required_fields};

    fn problems_of(layer: &PackageLayer) -> Vec<Problem> {
        let required = required_fields("QuyHoach", "ChucNangSuDungDat_A");
        let mut problems = Vec::new();
        check_declared_fields(layer, &required, &mut problems);
        problems
    }

    fn layer_with(edit: impl FnOnce(&mut Vec<DeclaredField>)) -> PackageLayer {
        let mut layer = clean_layer("QuyHoach", "ChucNangSuDungDat_A");
        edit(&mut layer.declared_fields);
        layer
    }

    fn only(problems: &[Problem]) -> (&ProblemKind, Severity, Option<&str>) {
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let problem = &problems[0];
        (&problem.kind, problem.severity, problem.field.as_deref())
    }

    fn set(fields: &mut [DeclaredField], name: &str, kind: FieldType, width: Option<u32>) {
        if let Some(field) = fields.iter_mut().find(|field| field.name == name) {
            field.kind = kind;
            field.width = width;
        }
    }

    #[test]
    fn a_missing_minimum_field_is_an_error_and_a_missing_extra_a_warning() {
        let layer = layer_with(|fields| fields.retain(|field| field.name != "ghiChu"));
        assert_eq!(
            only(&problems_of(&layer)),
            (&ProblemKind::MissingField, Severity::Error, Some("ghiChu"))
        );
        let layer = layer_with(|fields| fields.retain(|field| field.name != "loaiQuyHoach"));
        assert_eq!(
            only(&problems_of(&layer)),
            (
                &ProblemKind::MissingField,
                Severity::Warning,
                Some("loaiQuyHoach")
            )
        );
    }

    #[test]
    fn text_narrower_is_an_error_wider_or_unbounded_a_warning() {
        for (width, severity) in [
            (Some(10), Severity::Error),
            (Some(20), Severity::Warning),
            (None, Severity::Warning),
        ] {
            let layer = layer_with(|fields| set(fields, "maThongTinQH", FieldType::Text, width));
            assert_eq!(
                only(&problems_of(&layer)),
                (&ProblemKind::FieldType, severity, Some("maThongTinQH")),
                "{width:?}"
            );
        }
    }

    #[test]
    fn another_type_is_an_error_for_minimum_fields_and_a_warning_for_extras() {
        let layer = layer_with(|fields| set(fields, "maDoiTuong", FieldType::Long, None));
        assert_eq!(
            only(&problems_of(&layer)),
            (&ProblemKind::FieldType, Severity::Error, Some("maDoiTuong"))
        );
        let extra = required_fields("QuyHoach", "ChucNangSuDungDat_A")
            .into_iter()
            .find(|field| field.kind == FieldType::Float)
            .expect("a FLOAT extra field");
        let layer = layer_with(|fields| set(fields, &extra.name, FieldType::Text, None));
        assert_eq!(
            only(&problems_of(&layer)),
            (
                &ProblemKind::FieldType,
                Severity::Warning,
                Some(extra.name.as_str())
            )
        );
        let layer = layer_with(|fields| set(fields, &extra.name, FieldType::Double, None));
        assert!(problems_of(&layer).is_empty());
    }

    #[test]
    fn a_field_in_another_letter_case_is_a_name_case_warning() {
        let layer = layer_with(|fields| {
            if let Some(field) = fields.iter_mut().find(|field| field.name == "tenDoiTuong") {
                field.name = "TenDoiTuong".into();
            }
        });
        assert_eq!(
            only(&problems_of(&layer)),
            (
                &ProblemKind::NameCase,
                Severity::Warning,
                Some("TenDoiTuong")
            )
        );
    }
}
