//! The declared schema of a GDAL layer — field types and widths as stored, the declared geometry type and
//! the CRS — which checking a planning package against Circular 16/2025 needs (a `TEXT(15)` field is not
//! a `TEXT(10)` one, though their values may look alike).

use std::path::Path;

use gdal::vector::LayerAccess;
use gdal_sys::{OGRFieldSubType, OGRFieldType, OGRwkbGeometryType};

use super::{GdalFormat, env, ffi, open_dataset, pick_layer};
use crate::core::crs::Crs;
use crate::core::io::LoadError;
use crate::core::io::prj::match_prj;

/// The type of a field as the file declares it (FileGDB names in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclaredKind {
    /// Text (String).
    Text,
    /// 16-bit integer (SmallInteger).
    Short,
    /// 32-bit integer (Integer).
    Long,
    /// 64-bit integer (BigInteger).
    Long64,
    /// Single-precision real (Single).
    Float,
    /// Double-precision real (Double).
    Double,
    /// A date without time (DateOnly).
    Date,
    /// A time of day (TimeOnly).
    Time,
    /// A date and time (Date).
    DateTime,
    /// Bytes (Blob).
    Binary,
    /// Anything else (lists, GUIDs reported as text are `Text`).
    Other,
}

/// One field as declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredField {
    /// Its name.
    pub name: String,
    /// Its type.
    pub kind: DeclaredKind,
    /// Its declared width (characters for text), when the file gives one.
    pub width: Option<u32>,
}

/// The kind of geometry a layer declares (multi-types map to their single kind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclaredGeometry {
    /// Points or multi-points.
    Point,
    /// Lines or multi-lines (curves included).
    Line,
    /// Polygons or multi-polygons (curved ones and surfaces included).
    Polygon,
    /// No geometry (an attribute table).
    None,
    /// Anything else (a geometry collection, a generic GEOMETRY, "Unknown (any)"), as the file spells it.
    Other(String),
}

impl DeclaredGeometry {
    /// The declared type of a GeoPackage or OGR geometry type name (`MULTIPOLYGON`, `LineString Z`, …).
    pub fn from_type_name(name: &str) -> Self {
        let upper = name.trim().to_ascii_uppercase();
        let base = upper
            .trim_end_matches(" ZM")
            .trim_end_matches(" Z")
            .trim_end_matches(" M")
            .trim_end_matches("ZM")
            .trim_end_matches('Z')
            .trim_end_matches('M');
        match base {
            "POINT" | "MULTIPOINT" => Self::Point,
            "LINESTRING" | "MULTILINESTRING" | "CIRCULARSTRING" | "COMPOUNDCURVE" | "CURVE"
            | "MULTICURVE" => Self::Line,
            "POLYGON" | "MULTIPOLYGON" | "CURVEPOLYGON" | "SURFACE" | "MULTISURFACE" => {
                Self::Polygon
            }
            "" | "NONE" => Self::None,
            _ => Self::Other(name.trim().to_string()),
        }
    }
}

impl std::fmt::Display for DeclaredGeometry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Point => f.write_str("point"),
            Self::Line => f.write_str("line"),
            Self::Polygon => f.write_str("polygon"),
            Self::None => f.write_str("no geometry"),
            Self::Other(name) => f.write_str(name),
        }
    }
}

/// A layer's declared schema.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerSchema {
    /// The layer's name as stored.
    pub name: String,
    /// Its declared geometry type.
    pub geometry: DeclaredGeometry,
    /// Its fields, in stored order.
    pub fields: Vec<DeclaredField>,
    /// Its CRS when declared and known to the atlas.
    pub crs: Option<Crs>,
}

/// The declared schema of layer `layer_name` of the GDAL source at `path`.
pub fn read_layer_schema(path: &Path, layer_name: &str) -> Result<LayerSchema, LoadError> {
    let format = GdalFormat::of_path(path).ok_or_else(|| LoadError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let dataset = open_dataset(path, format)?;
    let layer = pick_layer(&dataset, path, Some(layer_name))?;
    let defn = layer.defn();
    let fields = defn
        .fields()
        .enumerate()
        .map(|(index, field)| DeclaredField {
            name: field.name(),
            kind: declared_kind(field.field_type(), ffi::field_subtype(defn, index)),
            width: u32::try_from(field.width()).ok().filter(|width| *width > 0),
        })
        .collect();
    let crs = layer
        .spatial_ref()
        .and_then(|reference| reference.to_wkt().ok())
        .and_then(|wkt| match_prj(&wkt).ok())
        .map(|found| found.crs);
    let geometry = declared_geometry(defn.geometry_type());
    env::take_messages();
    Ok(LayerSchema {
        name: layer.name(),
        geometry,
        fields,
        crs,
    })
}

fn declared_kind(field_type: OGRFieldType::Type, subtype: OGRFieldSubType::Type) -> DeclaredKind {
    match (field_type, subtype) {
        (OGRFieldType::OFTString, _) => DeclaredKind::Text,
        (OGRFieldType::OFTInteger, OGRFieldSubType::OFSTInt16) => DeclaredKind::Short,
        (OGRFieldType::OFTInteger, _) => DeclaredKind::Long,
        (OGRFieldType::OFTInteger64, _) => DeclaredKind::Long64,
        (OGRFieldType::OFTReal, OGRFieldSubType::OFSTFloat32) => DeclaredKind::Float,
        (OGRFieldType::OFTReal, _) => DeclaredKind::Double,
        (OGRFieldType::OFTDate, _) => DeclaredKind::Date,
        (OGRFieldType::OFTTime, _) => DeclaredKind::Time,
        (OGRFieldType::OFTDateTime, _) => DeclaredKind::DateTime,
        (OGRFieldType::OFTBinary, _) => DeclaredKind::Binary,
        _ => DeclaredKind::Other,
    }
}

fn declared_geometry(geometry_type: OGRwkbGeometryType::Type) -> DeclaredGeometry {
    use OGRwkbGeometryType as Wkb;
    let flat = gdal::vector::geometry_type_flatten(geometry_type);
    match flat {
        Wkb::wkbPoint | Wkb::wkbMultiPoint => DeclaredGeometry::Point,
        Wkb::wkbLineString
        | Wkb::wkbMultiLineString
        | Wkb::wkbCircularString
        | Wkb::wkbCompoundCurve
        | Wkb::wkbMultiCurve => DeclaredGeometry::Line,
        Wkb::wkbPolygon | Wkb::wkbMultiPolygon | Wkb::wkbCurvePolygon | Wkb::wkbMultiSurface => {
            DeclaredGeometry::Polygon
        }
        Wkb::wkbNone => DeclaredGeometry::None,
        other => DeclaredGeometry::Other(gdal::vector::geometry_type_to_name(other)),
    }
}
