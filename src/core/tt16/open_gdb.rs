//! Reading a File Geodatabase (`.gdb` folder) package through GDAL's OpenFileGDB driver
//! ([`crate::core::io::gdal_formats`]): every feature class with the schema it declares — field types
//! (SmallInteger, Integer, Single, Double, String with its width, Date…) and geometry type from the
//! geodatabase itself — its features in its own CRS and their `OBJECTID`s. A feature class that cannot be read
//! is an `unreadable_layer` problem; the others are still read.

use std::path::Path;

use super::package::{DeclaredField, FieldType, PackageLayer};
use super::problem::{Detail, Place, Problem};
use crate::core::crs::VN2000_TM3_105_45;
use crate::core::io::gdal_formats::schema::{DeclaredKind, LayerSchema, read_layer_schema};
use crate::core::io::gdal_formats::{list_gdal_layers, read_gdal_layer_with_ids};
use crate::core::io::{LoadError, LoadOptions};

/// Reads every feature class of the `.gdb` folder at `path` as [`PackageLayer`]s of `package`, with the
/// problems of those that could not be read. An error means
/// the whole geodatabase cannot be opened; the check reports it as an unreadable package.
pub(super) fn read_gdb_package(
    path: &Path,
    package: &str,
) -> Result<(Vec<PackageLayer>, Vec<Problem>), LoadError> {
    let mut layers = Vec::new();
    let mut problems = Vec::new();
    for info in list_gdal_layers(path)? {
        match read_feature_class(path, package, &info.name) {
            Ok(layer) => layers.push(layer),
            Err(error) => problems.push(Problem::new(
                Place {
                    package: package.to_string(),
                    layer: Some(info.name.clone()),
                    ..Place::default()
                },
                Detail::UnreadableLayer {
                    reason: error.to_string(),
                },
            )),
        }
    }
    Ok((layers, problems))
}

fn read_feature_class(path: &Path, package: &str, name: &str) -> Result<PackageLayer, LoadError> {
    let declared = read_layer_schema(path, name)?;
    // Without a CRS the atlas recognises, the coordinates are read as stored (the check reports wrong_crs).
    let options = LoadOptions {
        table: Some(name.to_string()),
        crs: declared.crs.is_none().then_some(VN2000_TM3_105_45),
        ..LoadOptions::default()
    };
    let (data, ids) = read_gdal_layer_with_ids(path, &options, &mut |_| {})?;
    Ok(PackageLayer {
        package: package.to_string(),
        source: path.to_path_buf(),
        name: declared.name.clone(),
        declared_geometry: declared.geometry.clone(),
        declared_fields: fields_of(&declared),
        epsg: declared.crs.map(|crs| crs.epsg),
        data,
        feature_ids: ids
            .into_iter()
            .map(|id| i64::try_from(id).unwrap_or(i64::MAX))
            .collect(),
    })
}

/// The declared fields in the circular's type terms; a width only for text, as the circular gives one.
fn fields_of(declared: &LayerSchema) -> Vec<DeclaredField> {
    declared
        .fields
        .iter()
        .map(|field| {
            let kind = match field.kind {
                DeclaredKind::Text => FieldType::Text,
                DeclaredKind::Short => FieldType::Short,
                DeclaredKind::Long | DeclaredKind::Long64 => FieldType::Long,
                DeclaredKind::Float => FieldType::Float,
                DeclaredKind::Double => FieldType::Double,
                DeclaredKind::Date => FieldType::Date,
                DeclaredKind::DateTime => FieldType::DateTime,
                DeclaredKind::Time => FieldType::Other("TIME".into()),
                DeclaredKind::Binary => FieldType::Other("BLOB".into()),
                DeclaredKind::Other => FieldType::Other("OTHER".into()),
            };
            let width = (kind == FieldType::Text).then_some(field.width).flatten();
            DeclaredField {
                name: field.name.clone(),
                kind,
                width,
            }
        })
        .collect()
}
