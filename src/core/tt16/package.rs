//! One layer of a TT16 planning package as stored: the schema its file declares (geometry type, fields with
//! their types and widths, CRS) beside the features read from it. The checker compares the declared schema
//! with the catalogue and the features with the rules on values and geometries.

use std::fmt;
use std::path::PathBuf;

use geo::Geometry;

use crate::core::layer::LayerData;

/// The kind of geometry a layer holds, as the `_P`, `_L`, `_A` suffix of its name says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeometryKind {
    /// Points (`_P`).
    Point,
    /// Lines (`_L`).
    Line,
    /// Areas (`_A`).
    Polygon,
}

impl GeometryKind {
    /// The kind a layer name's suffix gives (`_A`, `_P`, `_L`, in either case), if any.
    pub fn from_layer_suffix(layer: &str) -> Option<Self> {
        let (_, suffix) = layer.rsplit_once('_')?;
        match suffix {
            "A" | "a" => Some(Self::Polygon),
            "P" | "p" => Some(Self::Point),
            "L" | "l" => Some(Self::Line),
            _ => None,
        }
    }

    /// The kind of a geometry (multi-geometries count as their single kind); `None` for an empty geometry or a
    /// collection of several kinds.
    pub fn of_geometry(geometry: &Geometry) -> Option<Self> {
        match geometry {
            Geometry::Point(_) | Geometry::MultiPoint(_) => Some(Self::Point),
            Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => {
                Some(Self::Line)
            }
            Geometry::Polygon(_)
            | Geometry::MultiPolygon(_)
            | Geometry::Rect(_)
            | Geometry::Triangle(_) => Some(Self::Polygon),
            Geometry::GeometryCollection(collection) => {
                let mut kinds = collection.iter().map(Self::of_geometry);
                let first = kinds.next()??;
                kinds.all(|kind| kind == Some(first)).then_some(first)
            }
        }
    }

    /// The English word for the kind ("point", "line", "polygon").
    pub fn word(self) -> &'static str {
        match self {
            Self::Point => "point",
            Self::Line => "line",
            Self::Polygon => "polygon",
        }
    }
}

/// The geometry type a layer's file declares: the one type the GDAL reader and the GeoPackage reader
/// both give (see [`crate::core::io::gdal_formats::schema`]).
pub use crate::core::io::gdal_formats::schema::DeclaredGeometry;

impl DeclaredGeometry {
    /// The single geometry kind this declares, if it declares one.
    pub fn kind(&self) -> Option<GeometryKind> {
        match self {
            Self::Point => Some(GeometryKind::Point),
            Self::Line => Some(GeometryKind::Line),
            Self::Polygon => Some(GeometryKind::Polygon),
            Self::None | Self::Other(_) => None,
        }
    }
}

/// The type of a field, in the circular's terms (TEXT, SHORT, LONG, FLOAT, DOUBLE, DATE) plus what files declare
/// beyond them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Text (TEXT, VARCHAR, String).
    Text,
    /// 16-bit whole number (SHORT, SMALLINT).
    Short,
    /// 32- or 64-bit whole number (LONG, INTEGER, MEDIUMINT).
    Long,
    /// Single-precision real (FLOAT).
    Float,
    /// Double-precision real (DOUBLE, REAL).
    Double,
    /// A date.
    Date,
    /// A date and time.
    DateTime,
    /// Anything else, as the file spells it (BOOLEAN, BLOB, …).
    Other(String),
}

impl FieldType {
    /// The type of a catalogue type name (TEXT, SHORT, LONG, FLOAT, DOUBLE, DATE).
    pub fn from_catalogue_name(name: &str) -> Self {
        match name.trim().to_ascii_uppercase().as_str() {
            "TEXT" => Self::Text,
            "SHORT" => Self::Short,
            "LONG" => Self::Long,
            "FLOAT" => Self::Float,
            "DOUBLE" => Self::Double,
            "DATE" => Self::Date,
            "DATETIME" => Self::DateTime,
            _ => Self::Other(name.trim().to_string()),
        }
    }

    /// True for the whole-number types.
    pub fn is_integer(&self) -> bool {
        matches!(self, Self::Short | Self::Long)
    }

    /// True for the real-number types.
    pub fn is_real(&self) -> bool {
        matches!(self, Self::Float | Self::Double)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Text => "TEXT",
            Self::Short => "SHORT",
            Self::Long => "LONG",
            Self::Float => "FLOAT",
            Self::Double => "DOUBLE",
            Self::Date => "DATE",
            Self::DateTime => "DATETIME",
            Self::Other(name) => name,
        };
        f.write_str(name)
    }
}

/// One field as a layer's file declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredField {
    /// The field name as stored.
    pub name: String,
    /// Its type.
    pub kind: FieldType,
    /// Its declared width in characters (text), when the file declares one.
    pub width: Option<u32>,
}

impl DeclaredField {
    /// The declared type with its width, as a person reads it ("TEXT(15)", "TEXT", "DOUBLE").
    pub fn type_label(&self) -> String {
        match self.width {
            Some(width) => format!("{}({width})", self.kind),
            None => self.kind.to_string(),
        }
    }
}

/// One layer of a planning package as stored: its declared schema and its features.
#[derive(Clone, Debug)]
pub struct PackageLayer {
    /// The package: `NenDiaHinh`, `HienTrang`, `QuyHoach` or `MocGioi` when the file's stem names one (in any
    /// case; the canonical spelling is kept), otherwise the stem itself.
    pub package: String,
    /// The `.gdb` folder or `.gpkg` file the layer is in.
    pub source: PathBuf,
    /// The layer (table) name as stored.
    pub name: String,
    /// The geometry type the file declares.
    pub declared_geometry: DeclaredGeometry,
    /// The fields the file declares, in stored order (without the geometry and feature-id columns).
    pub declared_fields: Vec<DeclaredField>,
    /// The declared CRS's EPSG code, when the file declares one the reader recognises.
    pub epsg: Option<u32>,
    /// The features in the file's CRS, with attribute values in `data.fields` order. When `epsg` is `None`
    /// the coordinates are as stored and `data.crs` is only a placeholder.
    pub data: LayerData,
    /// The file's id of each feature (GeoPackage `fid`, FileGDB `OBJECTID`), in the order of `data.features`.
    pub feature_ids: Vec<i64>,
}

impl PackageLayer {
    /// The file's id of the feature at `position` (its one-based position when the file gave none).
    pub fn feature_id(&self, position: usize) -> i64 {
        self.feature_ids
            .get(position)
            .copied()
            .unwrap_or_else(|| i64::try_from(position).map_or(i64::MAX, |at| at.saturating_add(1)))
    }

    /// The declared field named exactly `name`, or else one whose name differs only in letter case.
    pub fn declared_field(&self, name: &str) -> Option<&DeclaredField> {
        self.declared_fields
            .iter()
            .find(|field| field.name == name)
            .or_else(|| {
                self.declared_fields
                    .iter()
                    .find(|field| field.name.eq_ignore_ascii_case(name))
            })
    }

    /// The position in `data.fields` of the attribute named `name` (exactly, else ignoring letter case).
    pub fn attribute_position(&self, name: &str) -> Option<usize> {
        let fields = &self.data.fields;
        fields
            .iter()
            .position(|field| field.name == name)
            .or_else(|| {
                fields
                    .iter()
                    .position(|field| field.name.eq_ignore_ascii_case(name))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_give_kinds() {
        assert_eq!(
            GeometryKind::from_layer_suffix("ChucNangSuDungDat_A"),
            Some(GeometryKind::Polygon)
        );
        assert_eq!(
            GeometryKind::from_layer_suffix("CayXanh_P"),
            Some(GeometryKind::Point)
        );
        assert_eq!(
            GeometryKind::from_layer_suffix("HuongDi_L"),
            Some(GeometryKind::Line)
        );
        assert_eq!(GeometryKind::from_layer_suffix("Khac"), None);
        assert_eq!(GeometryKind::from_layer_suffix("Khac_X"), None);
    }

    #[test]
    fn declared_type_names_map_to_single_kinds() {
        assert_eq!(
            DeclaredGeometry::from_type_name("MULTIPOLYGON"),
            DeclaredGeometry::Polygon
        );
        assert_eq!(
            DeclaredGeometry::from_type_name("LineString Z"),
            DeclaredGeometry::Line
        );
        assert_eq!(
            DeclaredGeometry::from_type_name("POINTZM"),
            DeclaredGeometry::Point
        );
        assert_eq!(
            DeclaredGeometry::from_type_name("GEOMETRY"),
            DeclaredGeometry::Other("GEOMETRY".into())
        );
    }
}
