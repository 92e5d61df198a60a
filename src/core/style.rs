//! How a layer is drawn, as plain data: fill and stroke colours, widths, point symbols, labels, and a
//! categorized style that colours features by the value of one attribute and yields the legend.
//!
//! Colours serialise as `#rrggbbaa` so project files and palettes stay readable and hand-editable.

use std::collections::BTreeMap;
use std::fmt;

use geo::Geometry;
use serde::{Deserialize, Serialize};

use super::attributes::AttributeValue;
use super::geometry::dimension;

/// An sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// A colour with alpha.
    pub const fn with_alpha(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self([r, g, b, a])
    }

    /// Fully transparent.
    pub const TRANSPARENT: Self = Self([0, 0, 0, 0]);

    /// Parses `#rrggbb` or `#rrggbbaa`.
    pub fn parse_hex(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('#')?;
        if !(digits.len() == 6 || digits.len() == 8) || !digits.is_ascii() {
            return None;
        }
        let byte = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
        let alpha = if digits.len() == 8 { byte(6)? } else { 255 };
        Some(Self([byte(0)?, byte(2)?, byte(4)?, alpha]))
    }
}

impl fmt::Display for Rgba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b, a] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}{a:02x}")
    }
}

impl Serialize for Rgba {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgba {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("not a colour: {text:?} (use #rrggbb or #rrggbbaa)"))
        })
    }
}

/// The marker drawn for point features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PointSymbol {
    /// A filled circle.
    Circle,
    /// A filled square.
    Square,
    /// A filled triangle pointing up.
    Triangle,
    /// A filled diamond.
    Diamond,
}

/// One class of a categorized style.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The attribute value, as displayed text.
    pub value: String,
    /// The legend text (defaults to the value), in Vietnamese.
    pub label: String,
    /// The legend text in English, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// The fill colour (also used for lines and points of this class).
    pub fill: Rgba,
    /// The outline colour of this class (the layer's stroke when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke: Option<Rgba>,
    /// The point symbol of this class (the layer's symbol when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<PointSymbol>,
    /// The outline width of this class in screen points (the layer's width when absent): a planning stage
    /// drawn as a band is wider than existing land use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline_width_px: Option<f32>,
    /// The dash pattern of this class's outline (solid when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline_dash: Option<Dash>,
}

/// A dashed line's pattern: drawn for `on_px`, left out for `off_px`, repeated (screen points).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dash {
    /// Length of each drawn dash.
    pub on_px: f32,
    /// Length of each gap.
    pub off_px: f32,
}

impl Dash {
    /// The pattern when both lengths are positive and finite (a zero or negative length draws nothing
    /// sensible, so such a pattern is drawn solid).
    pub fn usable(self) -> Option<Self> {
        let positive = |length: f32| length.is_finite() && length > 0.0;
        (positive(self.on_px) && positive(self.off_px)).then_some(self)
    }
}

/// How one feature's outline (or line) is drawn: its width and, when dashed, its pattern.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outline {
    /// Width in screen points.
    pub width_px: f32,
    /// The dash pattern; `None` draws it solid.
    pub dash: Option<Dash>,
}

/// Colours features by the value of one attribute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategorizedStyle {
    /// The attribute column.
    pub field: String,
    /// The classes, in legend order.
    pub categories: Vec<Category>,
    /// Colour for values not listed.
    pub other_fill: Rgba,
}

/// How one layer is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Style {
    /// Fill of polygons and points.
    pub fill: Rgba,
    /// Outline of polygons, colour of lines, outline of points.
    pub stroke: Rgba,
    /// Line width in screen points.
    pub stroke_width_px: f32,
    /// Point marker radius in screen points.
    pub point_radius_px: f32,
    /// Point marker shape.
    pub point_symbol: PointSymbol,
    /// Colour by attribute value, when set.
    pub categorized: Option<CategorizedStyle>,
    /// Attribute drawn as a label next to each feature, when set.
    pub label_field: Option<String>,
    /// Label text size in screen points.
    pub label_size_px: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            fill: Rgba::with_alpha(66, 133, 180, 110),
            stroke: Rgba::rgb(30, 80, 130),
            stroke_width_px: 1.2,
            point_radius_px: 4.0,
            point_symbol: PointSymbol::Circle,
            categorized: None,
            label_field: None,
            label_size_px: 13.0,
        }
    }
}

/// A qualitative palette for categories (ColorBrewer Set3-like, readable on a light basemap).
const CATEGORY_PALETTE: [Rgba; 12] = [
    Rgba::rgb(141, 211, 199),
    Rgba::rgb(255, 237, 111),
    Rgba::rgb(190, 186, 218),
    Rgba::rgb(251, 128, 114),
    Rgba::rgb(128, 177, 211),
    Rgba::rgb(253, 180, 98),
    Rgba::rgb(179, 222, 105),
    Rgba::rgb(252, 205, 229),
    Rgba::rgb(188, 128, 189),
    Rgba::rgb(204, 235, 197),
    Rgba::rgb(217, 217, 217),
    Rgba::rgb(255, 255, 179),
];

/// Most categories a generated categorized style lists before the rest fall into "other".
pub const MAX_GENERATED_CATEGORIES: usize = 40;

impl Style {
    /// A starting style suited to a layer of `geometries`: lines get a thicker stroke, points a larger marker
    /// (the lowest dimension among them decides).
    pub fn default_for<'a>(geometries: impl IntoIterator<Item = &'a Geometry>) -> Self {
        let lowest = geometries.into_iter().map(dimension).min().unwrap_or(2);
        let base = Self::default();
        match lowest {
            0 => Self {
                fill: Rgba::rgb(214, 69, 65),
                stroke: Rgba::rgb(255, 255, 255),
                ..base
            },
            1 => Self {
                stroke: Rgba::rgb(200, 80, 40),
                stroke_width_px: 2.0,
                ..base
            },
            _ => base,
        }
    }

    /// The category of a feature whose value of the categorized attribute is `value` (`None`: the feature
    /// has no such value), when the style is categorized and the value is listed.
    pub fn category_for(&self, value: Option<&AttributeValue>) -> Option<&Category> {
        let categorized = self.categorized.as_ref()?;
        let value = value.map(ToString::to_string).unwrap_or_default();
        categorized
            .categories
            .iter()
            .find(|category| category.value == value)
    }

    /// The fill colour of a feature in `category` (see [`Self::category_for`]).
    pub fn fill_for(&self, category: Option<&Category>) -> Rgba {
        match (&self.categorized, category) {
            (None, _) => self.fill,
            (Some(_), Some(category)) => category.fill,
            (Some(categorized), None) => categorized.other_fill,
        }
    }

    /// The outline colour of a feature in `category`.
    pub fn stroke_for(&self, category: Option<&Category>) -> Rgba {
        category
            .and_then(|category| category.stroke)
            .unwrap_or(self.stroke)
    }

    /// The outline width and dash of a feature in `category`.
    pub fn outline_for(&self, category: Option<&Category>) -> Outline {
        Outline {
            width_px: category
                .and_then(|category| category.outline_width_px)
                .filter(|width| width.is_finite() && *width >= 0.0)
                .unwrap_or(self.stroke_width_px),
            dash: category
                .and_then(|category| category.outline_dash)
                .and_then(Dash::usable),
        }
    }

    /// True when some category draws its outline differently from the layer (another width, or dashed).
    pub fn has_category_outlines(&self) -> bool {
        self.categorized.as_ref().is_some_and(|categorized| {
            categorized.categories.iter().any(|category| {
                category.outline_width_px.is_some() || category.outline_dash.is_some()
            })
        })
    }

    /// The point symbol of a feature in `category`.
    pub fn symbol_for(&self, category: Option<&Category>) -> PointSymbol {
        category
            .and_then(|category| category.symbol)
            .unwrap_or(self.point_symbol)
    }
}

/// A categorized style on `field` with one class per distinct value among `values` (the field's value of
/// every feature; sorted; at most [`MAX_GENERATED_CATEGORIES`], the rest drawn as "other").
pub fn categorize_by<'a>(
    field: &str,
    values: impl IntoIterator<Item = &'a AttributeValue>,
) -> CategorizedStyle {
    let mut counts: BTreeMap<String, (usize, Option<AttributeValue>)> = BTreeMap::new();
    for value in values {
        let entry = counts.entry(value.to_string()).or_insert((0, None));
        entry.0 += 1;
        entry.1.get_or_insert_with(|| value.clone());
    }
    let mut values: Vec<(String, AttributeValue)> = counts
        .into_iter()
        .map(|(text, (_, value))| (text, value.unwrap_or(AttributeValue::Null)))
        .collect();
    values.sort_by(|a, b| a.1.sort_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let categories = values
        .into_iter()
        .take(MAX_GENERATED_CATEGORIES)
        .enumerate()
        .map(|(position, (text, _))| Category {
            label: if text.is_empty() {
                "—".into()
            } else {
                text.clone()
            },
            label_en: None,
            value: text,
            fill: CATEGORY_PALETTE[position % CATEGORY_PALETTE.len()],
            stroke: None,
            symbol: None,
            outline_width_px: None,
            outline_dash: None,
        })
        .collect();
    CategorizedStyle {
        field: field.to_string(),
        categories,
        other_fill: Rgba::rgb(180, 180, 180),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        let colour = Rgba::with_alpha(1, 171, 255, 128);
        assert_eq!(colour.to_string(), "#01abff80");
        assert_eq!(Rgba::parse_hex("#01abff80"), Some(colour));
        assert_eq!(Rgba::parse_hex("#01abff"), Some(Rgba::rgb(1, 171, 255)));
        assert_eq!(Rgba::parse_hex("01abff"), None);
        assert_eq!(Rgba::parse_hex("#01abfg"), None);
        assert_eq!(Rgba::parse_hex("#ẫẫẫ"), None);
    }
}
