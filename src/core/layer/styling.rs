//! How each feature of a layer is drawn: the layer's [`Style`](crate::core::style::Style) applied to the feature's attributes (its
//! category, fill, outline and marker), and a categorized style generated from a column's values.
//!
//! The style itself is plain data that knows nothing of layers ([`crate::core::style`]); this is where the two
//! meet, so the style module does not depend on the layer module.

use super::Layer;
use crate::core::attributes::AttributeValue;
use crate::core::style::{CategorizedStyle, Category, Outline, PointSymbol, Rgba, categorize_by};

/// The value a feature without the categorized column counts as.
static MISSING_VALUE: AttributeValue = AttributeValue::Null;

impl Layer {
    /// The category feature `feature` falls in, when the layer's style is categorized and its value is listed.
    pub fn category_of(&self, feature: usize) -> Option<&Category> {
        let field = &self.style.categorized.as_ref()?.field;
        let value = self
            .field_position(field)
            .and_then(|column| self.features.get(feature)?.attributes.get(column));
        self.style.category_for(value)
    }

    /// The fill colour of feature `feature` (its category's colour when the style is categorized).
    pub fn fill_of(&self, feature: usize) -> Rgba {
        self.style.fill_for(self.category_of(feature))
    }

    /// The outline colour of feature `feature`.
    pub fn stroke_of(&self, feature: usize) -> Rgba {
        self.style.stroke_for(self.category_of(feature))
    }

    /// The outline width and dash of feature `feature` (its category's when it sets them).
    pub fn outline_of(&self, feature: usize) -> Outline {
        self.style.outline_for(self.category_of(feature))
    }

    /// The point symbol of feature `feature`.
    pub fn symbol_of(&self, feature: usize) -> PointSymbol {
        self.style.symbol_for(self.category_of(feature))
    }

    /// A categorized style with one class per distinct value of column `field` (see [`categorize_by`]);
    /// `None` when the layer has no such column.
    pub fn categorized_by(&self, field: &str) -> Option<CategorizedStyle> {
        let column = self.field_position(field)?;
        let values = self
            .features
            .iter()
            .map(|feature| feature.attributes.get(column).unwrap_or(&MISSING_VALUE));
        Some(categorize_by(field, values))
    }
}
