//! What a map legend lists, as plain data: one entry per drawn layer (its name, and its swatch or the swatch
//! of each category), built from the layers' styles. Only classes that occur in the layer — or, with
//! [`legend_entries_within`], in the view — are listed, so a legend never shows colours the map lacks.

use std::collections::BTreeMap;

use geo::Rect;

use super::blend::faded;
use super::words::LegendWords;
use crate::core::geometry::dimension;
use crate::core::layer::Layer;
use crate::core::project::Language;
use crate::core::style::{Dash, Outline, PointSymbol, Rgba};

/// The kind of mark a swatch shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwatchShape {
    /// A filled box with an outline.
    Area,
    /// A line segment.
    Line,
    /// A point marker.
    Point(PointSymbol),
}

/// A small sample of how features are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swatch {
    /// The mark.
    pub shape: SwatchShape,
    /// Fill of areas and markers (already faded by the layer's opacity).
    pub fill: Rgba,
    /// Outline of areas and markers, colour of lines (already faded by the layer's opacity).
    pub stroke: Rgba,
    /// Line or outline width in UI points.
    pub stroke_width_px: f32,
    /// The outline's dash pattern (a long-term plan's dashed band); solid when `None`.
    pub dash: Option<Dash>,
    /// Marker radius in UI points.
    pub point_radius_px: f32,
}

/// One class of a categorized layer in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// The class's label in the chosen language.
    pub label: String,
    /// How the class is drawn.
    pub swatch: Swatch,
}

/// One layer in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The layer's name.
    pub title: String,
    /// The layer's swatch; `None` for a categorized layer, whose classes carry the swatches.
    pub swatch: Option<Swatch>,
    /// The classes of a categorized layer, in legend order (empty otherwise).
    pub items: Vec<LegendItem>,
}

/// Legend entries of the visible layers, bottom layer first, with the category labels and the "other" label
/// of `words`. Categories without any feature are left out.
pub fn legend_entries(layers: &[&Layer], words: &LegendWords) -> Vec<LegendEntry> {
    layers
        .iter()
        .filter_map(|layer| {
            let all = 0..layer.features.len();
            entry_for(layer, words, all)
        })
        .collect()
}

/// Like [`legend_entries`], but only layers and categories with a feature touching `rect_in_map`.
pub fn legend_entries_within(
    layers: &[&Layer],
    words: &LegendWords,
    rect_in_map: Rect,
) -> Vec<LegendEntry> {
    layers
        .iter()
        .filter_map(|layer| {
            let mut visible: Vec<usize> = layer.index.query(rect_in_map).collect();
            visible.sort_unstable();
            entry_for(layer, words, visible.into_iter())
        })
        .collect()
}

/// Counts of features by dimension (points, lines, areas).
type DimensionCounts = [usize; 3];

/// The class key of features outside every category.
const OTHER: usize = usize::MAX;

fn entry_for(
    layer: &Layer,
    words: &LegendWords,
    features: impl Iterator<Item = usize>,
) -> Option<LegendEntry> {
    if !layer.visible || layer.opacity <= 0.0 {
        return None;
    }
    let style = &layer.style;
    // Key: the category's position, or OTHER for values outside every category (listed last).
    let mut by_class: BTreeMap<usize, DimensionCounts> = BTreeMap::new();
    let mut layer_dims: DimensionCounts = [0; 3];
    for position in features {
        let Some(feature) = layer.features.get(position) else {
            continue;
        };
        if feature.bbox_in_map.is_none() {
            continue;
        }
        let dim = usize::from(dimension(&feature.geometry_in_map).min(2));
        let class = style
            .categorized
            .as_ref()
            .and_then(|categorized| {
                let category = layer.category_of(position)?;
                categorized
                    .categories
                    .iter()
                    .position(|candidate| std::ptr::eq(candidate, category))
            })
            .unwrap_or(OTHER);
        if let Some(count) = by_class.entry(class).or_insert([0; 3]).get_mut(dim) {
            *count += 1;
        }
        if let Some(count) = layer_dims.get_mut(dim) {
            *count += 1;
        }
    }
    if layer_dims.iter().sum::<usize>() == 0 {
        return None;
    }
    let opacity = layer.opacity;
    let base = |dims: &DimensionCounts,
                fill: Rgba,
                stroke: Option<Rgba>,
                symbol: PointSymbol,
                outline: Outline| {
        let shape = shape_of(dims, symbol);
        let categorized = style.categorized.is_some();
        let line_colour = if categorized {
            fill
        } else {
            stroke.unwrap_or(style.stroke)
        };
        Swatch {
            shape,
            fill: faded(fill, opacity),
            stroke: faded(
                if shape == SwatchShape::Line {
                    line_colour
                } else {
                    stroke.unwrap_or(style.stroke)
                },
                opacity,
            ),
            stroke_width_px: outline.width_px,
            dash: outline.dash,
            point_radius_px: style.point_radius_px,
        }
    };
    let Some(categorized) = &style.categorized else {
        return Some(LegendEntry {
            title: layer.name.clone(),
            swatch: Some(base(
                &layer_dims,
                style.fill,
                None,
                style.point_symbol,
                style.outline_for(None),
            )),
            items: Vec::new(),
        });
    };
    let items = by_class
        .iter()
        .filter_map(|(class, dims)| match *class {
            OTHER => (categorized.other_fill.0[3] > 0).then(|| LegendItem {
                label: words.other.clone(),
                swatch: base(
                    dims,
                    categorized.other_fill,
                    None,
                    style.point_symbol,
                    style.outline_for(None),
                ),
            }),
            index => {
                let category = categorized.categories.get(index)?;
                let label = match (&category.label_en, words.language) {
                    (Some(label_en), Language::English) => label_en.clone(),
                    _ => category.label.clone(),
                };
                let symbol = category.symbol.unwrap_or(style.point_symbol);
                Some(LegendItem {
                    label,
                    swatch: base(
                        dims,
                        category.fill,
                        category.stroke,
                        symbol,
                        style.outline_for(Some(category)),
                    ),
                })
            }
        })
        .collect();
    Some(LegendEntry {
        title: layer.name.clone(),
        swatch: None,
        items,
    })
}

/// The swatch shape for features counted by dimension: the most common kind (areas win ties).
fn shape_of(dims: &DimensionCounts, symbol: PointSymbol) -> SwatchShape {
    let [points, lines, areas] = *dims;
    if areas >= lines && areas >= points {
        SwatchShape::Area
    } else if lines >= points {
        SwatchShape::Line
    } else {
        SwatchShape::Point(symbol)
    }
}
