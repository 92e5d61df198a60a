//! The TT16 catalogue: the circular's packages, layer groups, layers, fields and land-use colours, read from
//! the CSV files in `assets/tt16/` compiled into the program (see that folder's README for sources and for what
//! is not verified against the official text).
//!
//! The files are parsed once, on first use ([`shipped`]); a unit test parses them, so an edit that breaks them
//! fails the tests rather than the program, and a parse error is still an error value, never a panic.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;
use thiserror::Error;

use super::package::{FieldType, GeometryKind};

const LAYERS_CSV: &str = include_str!("../../../assets/tt16/layers.csv");
const GROUPS_CSV: &str = include_str!("../../../assets/tt16/groups.csv");
const FIELDS_CSV: &str = include_str!("../../../assets/tt16/fields.csv");
const LAND_USE_CSV: &str = include_str!("../../../assets/tt16/landuse_aci.csv");
const ACI_RGB_CSV: &str = include_str!("../../../assets/tt16/aci_rgb.csv");

/// A catalogue file could not be parsed.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("assets/tt16/{file}: row {row}: {message}")]
pub struct CatalogueError {
    /// The file name.
    pub file: &'static str,
    /// The one-based data row (0 for the header).
    pub row: usize,
    /// What was wrong.
    pub message: String,
}

/// One of the four packages of a `HoSoGIS` folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Package {
    /// Nền địa hình: the topographic base.
    NenDiaHinh,
    /// Hiện trạng: the existing state.
    HienTrang,
    /// Quy hoạch: the plan.
    QuyHoach,
    /// Mốc giới: the planning boundary markers.
    MocGioi,
}

impl Package {
    /// The four packages, in the circular's order.
    pub const ALL: [Self; 4] = [
        Self::NenDiaHinh,
        Self::HienTrang,
        Self::QuyHoach,
        Self::MocGioi,
    ];

    /// The package's name as the circular spells it (and its file stem).
    pub fn name(self) -> &'static str {
        match self {
            Self::NenDiaHinh => "NenDiaHinh",
            Self::HienTrang => "HienTrang",
            Self::QuyHoach => "QuyHoach",
            Self::MocGioi => "MocGioi",
        }
    }

    /// The package's Vietnamese title.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::NenDiaHinh => "Nền địa hình",
            Self::HienTrang => "Hiện trạng",
            Self::QuyHoach => "Quy hoạch",
            Self::MocGioi => "Mốc giới",
        }
    }

    /// The package a name or file stem names, in any letter case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|package| package.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One layer of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueLayer {
    /// Its package.
    pub package: Package,
    /// Its group code (e.g. `QuyHoachSuDungDat`).
    pub group: String,
    /// Its name as the catalogue spells it (e.g. `ChucNangSuDungDat_A`).
    pub name: String,
    /// The geometry its suffix gives.
    pub geometry: GeometryKind,
    /// The Vietnamese layer name.
    pub name_vi: String,
    /// Where the sources disagree, or what is special about it.
    pub note: String,
}

/// One layer group of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueGroup {
    /// Its package.
    pub package: Package,
    /// Its code (e.g. `QuyHoachGiaoThong`).
    pub code: String,
    /// Its Vietnamese title.
    pub name_vi: String,
    /// How many layers it has.
    pub layer_count: usize,
}

/// Which layers a catalogue field applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldScope {
    /// One of the six minimum fields every layer carries.
    Minimum,
    /// Carried by every layer of one package (the QuyHoach template fields).
    PackageExtra,
    /// An extra field of one land-use layer.
    LandUse,
    /// An extra field of one other layer.
    Other,
}

impl FieldScope {
    /// True for the six minimum fields; the others come from one template schema and are not verified.
    pub fn is_minimum(self) -> bool {
        self == Self::Minimum
    }
}

/// One field of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueField {
    /// Which layers carry it.
    pub scope: FieldScope,
    /// The package of the layers (`None`: every package).
    pub package: Option<Package>,
    /// The layer (`None`: every layer in scope).
    pub layer: Option<String>,
    /// The field name as the catalogue spells it.
    pub name: String,
    /// Its type.
    pub kind: FieldType,
    /// Its width in characters (text), when the catalogue gives one.
    pub width: Option<u32>,
    /// Its Vietnamese meaning.
    pub meaning_vi: String,
    /// Remarks (sources, documented value formats).
    pub note: String,
}

impl CatalogueField {
    /// True when `layer` of `package` must carry this field.
    fn applies_to(&self, package: Package, layer: &str) -> bool {
        let package_matches = self.package.is_none_or(|own| own == package);
        let layer_matches = self.layer.as_deref().is_none_or(|own| own == layer);
        package_matches && layer_matches
    }
}

/// A colour in RGB.
pub type Rgb = [u8; 3];

/// One land-use or boundary class of Phụ lục I with its AutoCAD Color Index.
#[derive(Clone, Debug, PartialEq)]
pub struct LandUseClass {
    /// The section (e.g. `04 QH phân khu 1/2.000–1/5.000`).
    pub section: String,
    /// The Vietnamese class name.
    pub name_vi: String,
    /// The CAD layer code (e.g. `DAT_O_Nhomnhao`).
    pub cad_layer: String,
    /// What it is drawn as: `polygon`, `line` or `text`.
    pub geometry: String,
    /// The agreed ACI, when the sources give one.
    pub aci: Option<u8>,
    /// Its colour in the primary (AutoCAD application) palette.
    pub rgb: Option<Rgb>,
    /// Its colour in the classic palette.
    pub rgb_classic: Option<Rgb>,
    /// Where the sources disagree, linetypes, remarks.
    pub note: String,
}

/// One AutoCAD Color Index entry.
#[derive(Clone, Debug, PartialEq)]
pub struct AciColour {
    /// The index, 1–255.
    pub aci: u8,
    /// The colour in the primary (AutoCAD application) palette.
    pub rgb: Rgb,
    /// The colour in the classic palette.
    pub rgb_classic: Rgb,
    /// Remarks.
    pub note: String,
}

/// How a layer name was found in the catalogue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerLookup<'a> {
    /// The catalogue's layer.
    pub layer: &'a CatalogueLayer,
    /// True when the stored name is spelled exactly as the catalogue spells it (same letter case).
    pub exact_case: bool,
    /// True when the layer belongs to the package it was looked for in (always true when looked for in no
    /// package).
    pub in_package: bool,
}

/// The whole catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalogue {
    /// The layers, in the circular's order.
    pub layers: Vec<CatalogueLayer>,
    /// The layer groups.
    pub groups: Vec<CatalogueGroup>,
    /// The fields: minimum, per package and per layer.
    pub fields: Vec<CatalogueField>,
    /// The land-use and boundary classes with their colours.
    pub land_use: Vec<LandUseClass>,
    /// ACI 1–255 with their colours.
    pub aci_colours: Vec<AciColour>,
}

/// The catalogue compiled into the program, parsed on first use.
pub fn shipped() -> Result<&'static Catalogue, CatalogueError> {
    static PARSED: OnceLock<Result<Catalogue, CatalogueError>> = OnceLock::new();
    PARSED
        .get_or_init(Catalogue::parse_embedded)
        .as_ref()
        .map_err(Clone::clone)
}

impl Catalogue {
    /// Parses the CSV files compiled into the program.
    pub fn parse_embedded() -> Result<Self, CatalogueError> {
        Ok(Self {
            layers: parse_rows::<LayerRow>("layers.csv", LAYERS_CSV)?
                .into_iter()
                .enumerate()
                .map(|(at, row)| row.into_layer(at + 1))
                .collect::<Result<_, _>>()?,
            groups: parse_rows::<GroupRow>("groups.csv", GROUPS_CSV)?
                .into_iter()
                .enumerate()
                .map(|(at, row)| row.into_group(at + 1))
                .collect::<Result<_, _>>()?,
            fields: parse_rows::<FieldRow>("fields.csv", FIELDS_CSV)?
                .into_iter()
                .enumerate()
                .map(|(at, row)| row.into_field(at + 1))
                .collect::<Result<_, _>>()?,
            land_use: parse_rows::<LandUseRow>("landuse_aci.csv", LAND_USE_CSV)?
                .into_iter()
                .enumerate()
                .map(|(at, row)| row.into_class(at + 1))
                .collect::<Result<_, _>>()?,
            aci_colours: parse_rows::<AciRow>("aci_rgb.csv", ACI_RGB_CSV)?
                .into_iter()
                .map(AciRow::into_colour)
                .collect(),
        })
    }

    /// Looks a stored layer name up: in `package` when given (else in every package), spelled exactly first,
    /// then ignoring letter case, then in the other packages. `None` when no package has it.
    pub fn find_layer(&self, package: Option<Package>, name: &str) -> Option<LayerLookup<'_>> {
        let in_package = |layer: &&CatalogueLayer| package.is_none_or(|own| layer.package == own);
        let lookup = |layer, exact_case, in_package| LayerLookup {
            layer,
            exact_case,
            in_package,
        };
        if let Some(layer) = self
            .layers
            .iter()
            .filter(in_package)
            .find(|l| l.name == name)
        {
            return Some(lookup(layer, true, true));
        }
        if let Some(layer) = self
            .layers
            .iter()
            .filter(in_package)
            .find(|l| l.name.eq_ignore_ascii_case(name))
        {
            return Some(lookup(layer, false, true));
        }
        let exact = self.layers.iter().find(|l| l.name == name);
        let any_case = || {
            self.layers
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(name))
        };
        exact
            .map(|layer| lookup(layer, true, false))
            .or_else(|| any_case().map(|layer| lookup(layer, false, false)))
    }

    /// The layer named exactly `name` in `package`.
    pub fn layer(&self, package: Package, name: &str) -> Option<&CatalogueLayer> {
        self.layers
            .iter()
            .find(|layer| layer.package == package && layer.name == name)
    }

    /// The group a layer belongs to.
    pub fn group_of(&self, layer: &CatalogueLayer) -> Option<&CatalogueGroup> {
        self.groups
            .iter()
            .find(|group| group.package == layer.package && group.code == layer.group)
    }

    /// The six minimum fields every layer must carry.
    pub fn minimum_fields(&self) -> impl Iterator<Item = &CatalogueField> {
        self.fields.iter().filter(|field| field.scope.is_minimum())
    }

    /// The fields `layer` must carry: the six minimum fields, then its package's fields, then its own.
    pub fn required_fields(&self, layer: &CatalogueLayer) -> Vec<&CatalogueField> {
        self.fields
            .iter()
            .filter(|field| field.applies_to(layer.package, &layer.name))
            .collect()
    }

    /// The land-use and boundary classes of Phụ lục I.
    pub fn land_use_classes(&self) -> &[LandUseClass] {
        &self.land_use
    }

    /// The land-use class drawn on CAD layer `cad_layer` (letter case ignored).
    pub fn land_use_class(&self, cad_layer: &str) -> Option<&LandUseClass> {
        self.land_use
            .iter()
            .find(|class| class.cad_layer.eq_ignore_ascii_case(cad_layer))
    }

    /// The colours of an AutoCAD Color Index.
    pub fn aci_colour(&self, aci: u8) -> Option<&AciColour> {
        self.aci_colours.iter().find(|colour| colour.aci == aci)
    }
}

/// Parses every row of a CSV file with a header.
fn parse_rows<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<Vec<T>, CatalogueError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(at, row)| {
            row.map_err(|error| CatalogueError {
                file,
                row: at + 1,
                message: error.to_string(),
            })
        })
        .collect()
}

/// An error about one row of a file.
fn row_error(file: &'static str, row: usize, message: String) -> CatalogueError {
    CatalogueError { file, row, message }
}

/// The package a catalogue cell names.
fn package_cell(file: &'static str, row: usize, cell: &str) -> Result<Package, CatalogueError> {
    Package::from_name(cell)
        .ok_or_else(|| row_error(file, row, format!("unknown package {cell:?}")))
}

/// An `r,g,b` cell (empty: none).
fn rgb_cell(file: &'static str, row: usize, cell: &str) -> Result<Option<Rgb>, CatalogueError> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let parts: Vec<u8> = cell
        .split(',')
        .map(|part| part.trim().parse::<u8>())
        .collect::<Result<_, _>>()
        .map_err(|error| row_error(file, row, format!("colour {cell:?}: {error}")))?;
    match parts.as_slice() {
        [r, g, b] => Ok(Some([*r, *g, *b])),
        _ => Err(row_error(
            file,
            row,
            format!("colour {cell:?} is not r,g,b"),
        )),
    }
}

#[derive(Deserialize)]
struct LayerRow {
    package: String,
    group: String,
    layer: String,
    geometry: String,
    meaning_vi: String,
    note: String,
}

impl LayerRow {
    fn into_layer(self, row: usize) -> Result<CatalogueLayer, CatalogueError> {
        const FILE: &str = "layers.csv";
        let geometry = match self.geometry.as_str() {
            "point" => GeometryKind::Point,
            "line" => GeometryKind::Line,
            "polygon" => GeometryKind::Polygon,
            other => return Err(row_error(FILE, row, format!("unknown geometry {other:?}"))),
        };
        if GeometryKind::from_layer_suffix(&self.layer) != Some(geometry) {
            return Err(row_error(
                FILE,
                row,
                format!(
                    "{} does not end in the suffix of a {}",
                    self.layer,
                    geometry.word()
                ),
            ));
        }
        Ok(CatalogueLayer {
            package: package_cell(FILE, row, &self.package)?,
            group: self.group,
            name: self.layer,
            geometry,
            name_vi: self.meaning_vi,
            note: self.note,
        })
    }
}

#[derive(Deserialize)]
struct GroupRow {
    package: String,
    group: String,
    group_vi: String,
    layer_count: usize,
}

impl GroupRow {
    fn into_group(self, row: usize) -> Result<CatalogueGroup, CatalogueError> {
        Ok(CatalogueGroup {
            package: package_cell("groups.csv", row, &self.package)?,
            code: self.group,
            name_vi: self.group_vi,
            layer_count: self.layer_count,
        })
    }
}

#[derive(Deserialize)]
struct FieldRow {
    scope: String,
    package: String,
    layer: String,
    field: String,
    #[serde(rename = "type")]
    kind: String,
    length: Option<u32>,
    meaning_vi: String,
    note: String,
}

impl FieldRow {
    fn into_field(self, row: usize) -> Result<CatalogueField, CatalogueError> {
        const FILE: &str = "fields.csv";
        let scope = match self.scope.as_str() {
            "minimum" => FieldScope::Minimum,
            "package_extra" => FieldScope::PackageExtra,
            "landuse" => FieldScope::LandUse,
            "other" => FieldScope::Other,
            other => return Err(row_error(FILE, row, format!("unknown scope {other:?}"))),
        };
        let package = match self.package.as_str() {
            "ALL" => None,
            name => Some(package_cell(FILE, row, name)?),
        };
        let kind = FieldType::from_catalogue_name(&self.kind);
        if let FieldType::Other(name) = &kind {
            return Err(row_error(FILE, row, format!("unknown type {name:?}")));
        }
        Ok(CatalogueField {
            scope,
            package,
            layer: (self.layer != "ALL").then_some(self.layer),
            name: self.field,
            kind,
            width: self.length,
            meaning_vi: self.meaning_vi,
            note: self.note,
        })
    }
}

#[derive(Deserialize)]
struct LandUseRow {
    section: String,
    land_class_vi: String,
    cad_layer: String,
    geometry: String,
    aci: Option<u8>,
    rgb: String,
    rgb_classic: String,
    note: String,
}

impl LandUseRow {
    fn into_class(self, row: usize) -> Result<LandUseClass, CatalogueError> {
        const FILE: &str = "landuse_aci.csv";
        Ok(LandUseClass {
            rgb: rgb_cell(FILE, row, &self.rgb)?,
            rgb_classic: rgb_cell(FILE, row, &self.rgb_classic)?,
            section: self.section,
            name_vi: self.land_class_vi,
            cad_layer: self.cad_layer,
            geometry: self.geometry,
            aci: self.aci,
            note: self.note,
        })
    }
}

#[derive(Debug, Deserialize)]
struct AciRow {
    aci: u8,
    r: u8,
    g: u8,
    b: u8,
    classic_r: u8,
    classic_g: u8,
    classic_b: u8,
    note: String,
}

impl AciRow {
    fn into_colour(self) -> AciColour {
        AciColour {
            aci: self.aci,
            rgb: [self.r, self.g, self.b],
            rgb_classic: [self.classic_r, self.classic_g, self.classic_b],
            note: self.note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> &'static Catalogue {
        shipped().unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn every_shipped_file_parses_with_its_documented_row_count() {
        let catalogue = catalogue();
        assert_eq!(catalogue.layers.len(), 153);
        assert_eq!(catalogue.groups.len(), 30);
        assert_eq!(catalogue.fields.len(), 848);
        assert_eq!(catalogue.land_use.len(), 90);
        assert_eq!(catalogue.aci_colours.len(), 255);
        let in_package = |package| {
            catalogue
                .layers
                .iter()
                .filter(|layer| layer.package == package)
                .count()
        };
        assert_eq!(in_package(Package::NenDiaHinh), 4);
        assert_eq!(in_package(Package::HienTrang), 67);
        assert_eq!(in_package(Package::QuyHoach), 79);
        assert_eq!(in_package(Package::MocGioi), 3);
    }

    #[test]
    fn groups_count_their_layers_and_every_layer_has_a_group() {
        let catalogue = catalogue();
        for group in &catalogue.groups {
            let members = catalogue
                .layers
                .iter()
                .filter(|layer| layer.package == group.package && layer.group == group.code)
                .count();
            assert_eq!(members, group.layer_count, "{}", group.code);
        }
        for layer in &catalogue.layers {
            assert!(catalogue.group_of(layer).is_some(), "{}", layer.name);
        }
    }

    #[test]
    fn every_field_row_names_a_catalogue_layer() {
        let catalogue = catalogue();
        for field in &catalogue.fields {
            if let (Some(package), Some(layer)) = (field.package, &field.layer) {
                assert!(
                    catalogue.layer(package, layer).is_some(),
                    "{package}/{layer}"
                );
            }
        }
    }

    #[test]
    fn the_six_minimum_fields_are_text_of_the_circulars_widths() {
        let minimum: Vec<(String, FieldType, Option<u32>)> = catalogue()
            .minimum_fields()
            .map(|field| (field.name.clone(), field.kind.clone(), field.width))
            .collect();
        let text = |name: &str, width| (name.to_string(), FieldType::Text, Some(width));
        assert_eq!(
            minimum,
            vec![
                text("maThongTinQH", 15),
                text("maHoSoQH", 15),
                text("maDoiTuong", 100),
                text("tenDoiTuong", 100),
                text("phanLoai", 250),
                text("ghiChu", 250),
            ]
        );
    }

    #[test]
    fn required_fields_are_minimum_then_package_then_layer_fields() {
        let catalogue = catalogue();
        let layer = catalogue
            .layer(Package::QuyHoach, "ChucNangSuDungDat_A")
            .expect("in the catalogue");
        let names: Vec<&str> = catalogue
            .required_fields(layer)
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(
            names.get(..6),
            Some(
                &[
                    "maThongTinQH",
                    "maHoSoQH",
                    "maDoiTuong",
                    "tenDoiTuong",
                    "phanLoai",
                    "ghiChu"
                ][..]
            )
        );
        assert!(names.contains(&"loaiQuyHoach"));
        assert!(names.len() > 9, "{names:?}");
        let existing = catalogue
            .layer(Package::HienTrang, "ChucNangSuDungDat_A")
            .expect("in the catalogue");
        assert!(
            !catalogue
                .required_fields(existing)
                .iter()
                .any(|field| field.name == "loaiQuyHoach")
        );
    }

    #[test]
    fn layer_lookup_tells_exact_case_other_case_other_package_and_unknown() {
        let catalogue = catalogue();
        let exact = catalogue
            .find_layer(Some(Package::HienTrang), "CongtrinhCapNuocPCCC_P")
            .expect("found");
        assert!(exact.exact_case && exact.in_package);
        assert_eq!(exact.layer.name_vi, "Công trình cấp nước PCCC dạng điểm");
        let case = catalogue
            .find_layer(Some(Package::HienTrang), "CongTrinhCapNuocPCCC_P")
            .expect("found ignoring case");
        assert!(!case.exact_case && case.in_package);
        assert_eq!(case.layer.name, "CongtrinhCapNuocPCCC_P");
        let elsewhere = catalogue
            .find_layer(Some(Package::QuyHoach), "MocGioiQuyHoach_P")
            .expect("found in another package");
        assert!(elsewhere.exact_case && !elsewhere.in_package);
        assert_eq!(elsewhere.layer.package, Package::MocGioi);
        assert!(catalogue.find_layer(None, "KhuVucLaBan_A").is_none());
        let anywhere = catalogue
            .find_layer(None, "DiemQuanTrac_P")
            .expect("in two packages");
        assert!(anywhere.in_package);
    }

    #[test]
    fn groups_and_vietnamese_names_of_a_layer() {
        let catalogue = catalogue();
        let layer = catalogue
            .layer(Package::QuyHoach, "DiemNhanChinh_P")
            .expect("in the catalogue");
        assert_eq!(layer.geometry, GeometryKind::Point);
        let group = catalogue.group_of(layer).expect("grouped");
        assert_eq!(group.code, "ThietkeDoThi");
        assert_eq!(group.name_vi, "Thiết kế đô thị");
        assert_eq!(Package::from_name("quyhoach"), Some(Package::QuyHoach));
    }

    #[test]
    fn extra_fields_have_types() {
        let catalogue = catalogue();
        let layer = catalogue
            .layer(Package::NenDiaHinh, "DiemDoCao_P")
            .expect("in the catalogue");
        let height = catalogue
            .required_fields(layer)
            .into_iter()
            .find(|field| field.name == "caoDo")
            .expect("caoDo");
        assert_eq!(height.kind, FieldType::Float);
        assert_eq!(height.scope, FieldScope::Other);
    }

    #[test]
    fn land_use_classes_carry_aci_and_rgb() {
        let catalogue = catalogue();
        let boundary = catalogue
            .land_use_class("bv_rg_quocgia")
            .expect("national boundary");
        assert_eq!(boundary.aci, Some(206));
        assert_eq!(boundary.rgb, Some([95, 0, 127]));
        assert_eq!(boundary.rgb_classic, Some([57, 0, 76]));
        let aci = catalogue.aci_colour(42).expect("ACI 42");
        assert_eq!(aci.rgb, [204, 153, 0]);
        assert_eq!(aci.rgb_classic, [165, 124, 0]);
        assert!(
            catalogue
                .land_use_classes()
                .iter()
                .all(|class| class.aci.is_some())
        );
    }

    #[test]
    fn a_malformed_row_is_an_error_naming_the_file_and_row() {
        let error = parse_rows::<AciRow>(
            "aci_rgb.csv",
            "aci,r,g,b,classic_r,classic_g,classic_b,note\n1,255,0,0,255,0,0,\n2,999,0,0,0,0,0,\n",
        )
        .expect_err("999 is not a byte");
        assert_eq!(error.file, "aci_rgb.csv");
        assert_eq!(error.row, 2);
    }
}
