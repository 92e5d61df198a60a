//! The national symbology of Appendix I of Circular 16/2025: a land-use layer whose class field holds the
//! circular's classes — a CAD layer name such as `QHDD_DAT_O_Nhomnhao` (DXF `Layer`), a bare code
//! (`DAT_O_Nhomnhao`) or the Vietnamese class name (`phanLoai` = `Nhóm nhà ở`) — is drawn with each class
//! filled in its AutoCAD Color Index colour (the AutoCAD application palette), in the circular's order.
//!
//! The stage a CAD layer's prefix gives is drawn as the circular draws it and named in the legend: existing
//! land use (`HT_`) with a thin dark grey outline, the first-phase plan (`QHDD_`) with a solid band and the
//! long-term plan (`QHDH_`) with a dashed band, both bands in the class's own colour darkened.

use unicode_normalization::UnicodeNormalization;

use super::catalogue::{Catalogue, LandUseClass};
use crate::core::attributes::AttributeValue;
use crate::core::layer::Layer;
use crate::core::style::{CategorizedStyle, Category, Dash, Rgba};

/// The fields that hold a planning class, most specific first: the circular's own `phanLoai`, then a CAD
/// drawing's layer name, then the usual names of a class column.
const CLASS_FIELDS: [&str; 5] = ["phanLoai", "Layer", "maLop", "class", "loaiDat"];

/// At most this many distinct values are looked at (a class field has tens of values, not thousands).
const MAX_VALUES: usize = 500;

/// The fill's opacity (the map shows what lies under a zone).
const FILL_ALPHA: u8 = 0xE6;

/// The thin outline of existing land use, in screen points.
const EXISTING_OUTLINE_PX: f32 = 0.8;

/// The band around a planned zone (first phase solid, long term dashed), in screen points.
const PLAN_BAND_PX: f32 = 2.6;

/// The long-term plan's dashed band: dash and gap, in screen points.
const LONG_TERM_DASH: Dash = Dash {
    on_px: 9.0,
    off_px: 5.0,
};

/// The planning stage a CAD layer name's prefix gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanStage {
    /// `HT_`: existing land use (hiện trạng).
    Existing,
    /// `QHDD_`: the first-phase plan (quy hoạch đợt đầu).
    FirstPhase,
    /// `QHDH_`: the long-term plan (quy hoạch dài hạn).
    LongTerm,
    /// No prefix.
    Unstated,
}

impl PlanStage {
    /// The outline width (screen points) and dash pattern the circular's legend gives the stage; `None`
    /// when the prefix does not say (the layer's outline is kept).
    pub fn outline(self) -> Option<(f32, Option<Dash>)> {
        match self {
            Self::Existing => Some((EXISTING_OUTLINE_PX, None)),
            Self::FirstPhase => Some((PLAN_BAND_PX, None)),
            Self::LongTerm => Some((PLAN_BAND_PX, Some(LONG_TERM_DASH))),
            Self::Unstated => None,
        }
    }

    /// The legend's words for the stage, in Vietnamese and English.
    fn words(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::Existing => Some(("hiện trạng", "existing")),
            Self::FirstPhase => Some(("quy hoạch đợt đầu", "first-phase plan")),
            Self::LongTerm => Some(("quy hoạch dài hạn", "long-term plan")),
            Self::Unstated => None,
        }
    }
}

/// Splits a CAD layer name into its stage and the class code after the prefix (letter case ignored).
pub fn split_stage(value: &str) -> (PlanStage, &str) {
    for (prefix, stage) in [
        ("HT_", PlanStage::Existing),
        ("QHDD_", PlanStage::FirstPhase),
        ("QHDH_", PlanStage::LongTerm),
    ] {
        if let Some(head) = value.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            return (stage, &value[prefix.len()..]);
        }
    }
    (PlanStage::Unstated, value)
}

/// The circular's class a field value names, with its stage: by CAD layer code (with or without a stage
/// prefix) or by Vietnamese class name (NFC, letter case ignored).
pub fn class_of<'a>(
    catalogue: &'a Catalogue,
    value: &str,
) -> Option<(PlanStage, &'a LandUseClass)> {
    let value = value.trim();
    let (stage, code) = split_stage(value);
    if let Some(class) = catalogue.land_use_class(code) {
        return Some((stage, class));
    }
    let wanted = comparable(value);
    catalogue
        .land_use_classes()
        .iter()
        .find(|class| comparable(&class.name_vi) == wanted)
        .map(|class| (PlanStage::Unstated, class))
}

fn comparable(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase()
}

/// The circular's categorized style for `layer`, when it has areas and one of its class fields holds at
/// least one of the circular's land-use classes with a colour: one category per value found (in the circular's order, then
/// by stage), other values in light grey.
pub fn tt16_style(catalogue: &Catalogue, layer: &Layer) -> Option<CategorizedStyle> {
    // The classes are land-use areas: a layer of only points or lines keeps its own style.
    let has_areas = layer.features.iter().any(|feature| {
        matches!(
            feature.geometry_in_map,
            geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
        )
    });
    if !has_areas {
        return None;
    }
    CLASS_FIELDS.iter().find_map(|field| {
        let column = layer.fields.iter().position(|f| f.name == *field)?;
        let categories = categories_of(catalogue, layer, column);
        (!categories.is_empty()).then(|| CategorizedStyle {
            field: (*field).to_string(),
            categories,
            other_fill: Rgba::with_alpha(0xDD, 0xDD, 0xDD, FILL_ALPHA),
        })
    })
}

/// Draws `layer` in the circular's symbology when it holds the circular's land-use classes (see
/// [`tt16_style`]); true when it did. A layer without them keeps its style.
pub fn apply_tt16_style(layer: &mut Layer) -> bool {
    let Ok(catalogue) = super::catalogue::shipped() else {
        return false;
    };
    match tt16_style(catalogue, layer) {
        Some(style) => {
            layer.style.categorized = Some(style);
            true
        }
        None => false,
    }
}

fn categories_of(catalogue: &Catalogue, layer: &Layer, column: usize) -> Vec<Category> {
    let mut values: Vec<String> = Vec::new();
    for feature in &layer.features {
        if let Some(AttributeValue::Text(text)) = feature.attributes.get(column)
            && !values.contains(text)
        {
            values.push(text.clone());
            if values.len() >= MAX_VALUES {
                break;
            }
        }
    }
    let mut found: Vec<(usize, PlanStage, Category)> = values
        .iter()
        .filter_map(|value| {
            let (stage, class) = class_of(catalogue, value)?;
            let category = category_for(value, stage, class)?;
            let order = catalogue
                .land_use_classes()
                .iter()
                .position(|known| std::ptr::eq(known, class))
                .unwrap_or(usize::MAX);
            Some((order, stage, category))
        })
        .collect();
    found.sort_by_key(|(order, stage, _)| (*order, stage_order(*stage)));
    found.into_iter().map(|(_, _, category)| category).collect()
}

fn stage_order(stage: PlanStage) -> u8 {
    match stage {
        PlanStage::Existing => 0,
        PlanStage::FirstPhase => 1,
        PlanStage::LongTerm => 2,
        PlanStage::Unstated => 3,
    }
}

/// The category of one value: the class's ACI colour; the stage in the legend and the outline (colour,
/// width and dash).
fn category_for(value: &str, stage: PlanStage, class: &LandUseClass) -> Option<Category> {
    let [r, g, b] = class.rgb?;
    let stroke = match stage {
        PlanStage::Existing => Rgba::rgb(0x40, 0x40, 0x40),
        _ => Rgba::rgb(darker(r), darker(g), darker(b)),
    };
    let (label, label_en) = match stage.words() {
        Some((vietnamese, english)) => (
            format!("{} ({vietnamese})", class.name_vi),
            Some(format!("{} ({english})", class.cad_layer)),
        ),
        None => (class.name_vi.clone(), Some(class.cad_layer.clone())),
    };
    Some(Category {
        value: value.to_string(),
        label,
        label_en,
        fill: Rgba::with_alpha(r, g, b, FILL_ALPHA),
        stroke: Some(stroke),
        symbol: None,
        outline_width_px: stage.outline().map(|(width_px, _)| width_px),
        outline_dash: stage.outline().and_then(|(_, dash)| dash),
    })
}

/// A colour channel at 60 % brightness.
fn darker(channel: u8) -> u8 {
    (u16::from(channel) * 3 / 5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::catalogue::shipped;

    #[test]
    fn stage_prefixes_are_split_off_in_any_case() {
        assert_eq!(
            split_stage("QHDD_DAT_O_Nhomnhao"),
            (PlanStage::FirstPhase, "DAT_O_Nhomnhao")
        );
        assert_eq!(
            split_stage("qhdh_DAT_Dichvu"),
            (PlanStage::LongTerm, "DAT_Dichvu")
        );
        assert_eq!(
            split_stage("HT_DAT_Coquan"),
            (PlanStage::Existing, "DAT_Coquan")
        );
        assert_eq!(
            split_stage("DAT_Coquan"),
            (PlanStage::Unstated, "DAT_Coquan")
        );
    }

    #[test]
    fn classes_are_found_by_cad_layer_or_by_vietnamese_name() {
        let catalogue = shipped().expect("catalogue");
        let (stage, class) = class_of(catalogue, "QHDD_DAT_O_Nhomnhao").expect("a class");
        assert_eq!(stage, PlanStage::FirstPhase);
        assert_eq!(class.aci, Some(42));
        assert_eq!(class.rgb, Some([204, 153, 0]));
        let (_, by_name) = class_of(catalogue, "Nhóm nhà ở").expect("by name");
        assert_eq!(by_name.aci, Some(42));
        let decomposed: String = "Nhóm nhà ở".nfd().collect();
        assert!(
            class_of(catalogue, &decomposed).is_some(),
            "NFD text matches too"
        );
        assert!(class_of(catalogue, "DAT_KHONG_CO").is_none());
    }
}
