//! Palettes: the editable data files under `assets/` that give the colours, codes and names of categories —
//! the land-use classes of the zoning map (`zoning_palette.json`) and the digital-service types with their
//! default service radius (`service_types.json`). A planning office corrects them there; project files refer
//! to them instead of copying colours.

use std::path::Path;

use serde::Deserialize;

use super::file_error::{FileError, read_json};
use super::style::{CategorizedStyle, Category, PointSymbol, Rgba};

/// One entry of a palette file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PaletteEntry {
    /// The attribute value the entry styles (`class` in the zoning palette, `type` in service types).
    #[serde(alias = "type")]
    pub class: String,
    /// The map-standard code, when there is one (e.g. "ODT").
    #[serde(default)]
    pub code: Option<String>,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Fill colour.
    #[serde(alias = "colour")]
    pub fill: Rgba,
    /// Outline colour.
    #[serde(default)]
    pub stroke: Option<Rgba>,
    /// Point symbol.
    #[serde(default)]
    pub symbol: Option<PointSymbol>,
    /// Default service radius in metres (service types).
    #[serde(default)]
    pub radius_m: Option<f64>,
}

/// A palette file could not be read.
pub type PaletteError = FileError;

/// Reads a palette file (a JSON list of entries).
pub fn read_palette(path: &Path) -> Result<Vec<PaletteEntry>, PaletteError> {
    read_json(path)
}

/// A categorized style on `field` with one category per palette entry, in palette order.
pub fn categorized_from_palette(entries: &[PaletteEntry], field: &str) -> CategorizedStyle {
    let categories = entries
        .iter()
        .map(|entry| {
            let prefix = entry
                .code
                .as_ref()
                .map(|code| format!("{code} — "))
                .unwrap_or_default();
            Category {
                value: entry.class.clone(),
                label: format!("{prefix}{}", entry.name_vi),
                label_en: entry.name_en.as_ref().map(|name| format!("{prefix}{name}")),
                fill: entry.fill,
                stroke: entry.stroke,
                symbol: entry.symbol,
                outline_width_px: None,
                outline_dash: None,
            }
        })
        .collect();
    CategorizedStyle {
        field: field.to_string(),
        categories,
        other_fill: Rgba::rgb(190, 190, 190),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_palettes_parse_and_cover_the_classes_of_the_issue() {
        let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let zoning = read_palette(&assets.join("zoning_palette.json")).expect("zoning palette");
        let classes: Vec<&str> = zoning.iter().map(|entry| entry.class.as_str()).collect();
        for class in [
            "residential",
            "mixed_use",
            "commercial",
            "industrial_port",
            "public_services",
            "green_space",
            "water",
            "agriculture",
            "transport",
        ] {
            assert!(classes.contains(&class), "{class} missing from the palette");
        }
        let services = read_palette(&assets.join("service_types.json")).expect("service types");
        let radius = |kind: &str| {
            services
                .iter()
                .find(|entry| entry.class == kind)
                .and_then(|entry| entry.radius_m)
        };
        assert_eq!(radius("5G"), Some(600.0));
        assert_eq!(radius("4G"), Some(1_500.0));
        assert_eq!(radius("wifi"), Some(120.0));
        assert_eq!(radius("service_centre"), Some(2_000.0));
        let style = categorized_from_palette(&zoning, "class");
        assert_eq!(style.categories.len(), zoning.len());
        // The shipped zoning classes are the circular's (TT 16/2025, Appendix I), named without a code prefix.
        assert_eq!(style.categories[0].label, "Đơn vị ở");
        assert_eq!(
            style.categories[0].fill,
            Rgba::with_alpha(0xff, 0x7f, 0x00, 0xe6)
        );
    }
}
