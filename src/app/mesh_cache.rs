//! The drawing cache: one [`PreparedLayer`] per layer (exact triangles and, for big layers, simplified levels
//! of detail) plus each feature's colours and symbol. After an edit only the changed features are
//! re-triangulated and recoloured (from the layer's change log, see [`Layer::geometry_changes_since`]); the
//! whole layer is rebuilt only when the log does not reach back to the cache's revision. The colours are
//! recomputed when the style or an attribute value changes. The simplified levels of a big layer keep the
//! pre-edit shapes of changed features; [`MeshCache::stale_coarse_levels`] names such layers so the app can
//! rebuild them in the background.

use std::collections::HashMap;

use eframe::egui::Color32;

use crate::core::layer::{GeometryChange, Layer, LayerId};
use crate::core::lod::PreparedLayer;
use crate::core::style::{Outline, PointSymbol, Rgba, Style};

/// Cached drawing data of one layer.
pub struct CachedLayer {
    /// The geometry revision the mesh was built from.
    revision: u64,
    /// The attribute revision the colours were computed from.
    attribute_revision: u64,
    /// The style the colours were computed from.
    style: Style,
    /// Triangles, rings, lines and points per level of detail, in layer coordinates.
    pub prepared: PreparedLayer,
    /// Fill colour of each feature (before layer opacity).
    pub fill_colors: Vec<Color32>,
    /// Outline colour of each feature (before layer opacity).
    pub stroke_colors: Vec<Color32>,
    /// Point symbol of each feature.
    pub symbols: Vec<PointSymbol>,
    /// Outline width and dash of each feature; empty when every feature is outlined as the layer is (no
    /// category of the style sets its own).
    pub outlines: Vec<Outline>,
}

/// Meshes of all layers, keyed by layer id.
#[derive(Default)]
pub struct MeshCache {
    layers: HashMap<LayerId, CachedLayer>,
}

impl MeshCache {
    /// The cached drawing data of `layer`, rebuilt first if its geometry or style changed.
    pub fn get(&mut self, layer: &Layer) -> &CachedLayer {
        let entry = self.layers.entry(layer.id).or_insert_with(|| CachedLayer {
            revision: 0,
            attribute_revision: 0,
            style: layer.style.clone(),
            prepared: PreparedLayer::default(),
            fill_colors: Vec::new(),
            stroke_colors: Vec::new(),
            symbols: Vec::new(),
            outlines: Vec::new(),
        });
        if entry.revision != layer.revision {
            let updated = layer
                .geometry_changes_since(entry.revision)
                .filter(|changes| entry.prepared.apply_changes(&layer.features, changes));
            match updated {
                Some(changes) if entry.colours_follow(layer) => entry.recolour(layer, changes),
                _ => {
                    if updated.is_none() {
                        entry.prepared = PreparedLayer::build(&layer.features);
                    }
                    entry.restyle(layer);
                }
            }
            entry.revision = layer.revision;
        }
        if !entry.colours_follow(layer) {
            entry.restyle(layer);
        }
        entry
    }

    /// The layers whose simplified levels show features as they were before edits (see the module
    /// documentation), with the revision they were brought up to.
    pub fn stale_coarse_levels(&self) -> Vec<(LayerId, u64)> {
        self.layers
            .iter()
            .filter(|(_, entry)| entry.prepared.coarse_levels_stale())
            .map(|(id, entry)| (*id, entry.revision))
            .collect()
    }

    /// Stores drawing data prepared elsewhere (by the loading thread) for `layer` at its current revision, so
    /// the first frame that draws it does not triangulate on the UI thread.
    pub fn insert_prepared(&mut self, layer: &Layer, prepared: PreparedLayer) {
        let mut entry = CachedLayer {
            revision: layer.revision,
            attribute_revision: layer.attribute_revision,
            style: layer.style.clone(),
            prepared,
            fill_colors: Vec::new(),
            stroke_colors: Vec::new(),
            symbols: Vec::new(),
            outlines: Vec::new(),
        };
        entry.restyle(layer);
        self.layers.insert(layer.id, entry);
    }

    /// Forgets layers that are no longer open.
    pub fn retain(&mut self, open: &[LayerId]) {
        self.layers.retain(|id, _| open.contains(id));
    }
}

impl CachedLayer {
    /// True while the colours match the layer's style and attribute values.
    fn colours_follow(&self, layer: &Layer) -> bool {
        self.style == layer.style
            && self.attribute_revision == layer.attribute_revision
            && self.fill_colors.len() == layer.features.len()
    }

    /// Brings the colours in step with `changes` (features replaced, inserted or removed), computing only the
    /// changed features' colours.
    fn recolour(&mut self, layer: &Layer, changes: &[GeometryChange]) {
        for change in changes {
            match *change {
                GeometryChange::Replaced(feature) => {
                    if let (Some(fill), Some(stroke), Some(symbol)) = (
                        self.fill_colors.get_mut(feature),
                        self.stroke_colors.get_mut(feature),
                        self.symbols.get_mut(feature),
                    ) {
                        *fill = to_color32(layer.fill_of(feature));
                        *stroke = to_color32(layer.stroke_of(feature));
                        *symbol = layer.symbol_of(feature);
                    }
                    if let Some(outline) = self.outlines.get_mut(feature) {
                        *outline = layer.outline_of(feature);
                    }
                }
                GeometryChange::Inserted(feature) if feature <= self.fill_colors.len() => {
                    self.fill_colors
                        .insert(feature, to_color32(layer.fill_of(feature)));
                    self.stroke_colors
                        .insert(feature, to_color32(layer.stroke_of(feature)));
                    self.symbols.insert(feature, layer.symbol_of(feature));
                    if feature <= self.outlines.len() && !self.outlines.is_empty() {
                        self.outlines.insert(feature, layer.outline_of(feature));
                    }
                }
                GeometryChange::Removed(feature) if feature < self.fill_colors.len() => {
                    self.fill_colors.remove(feature);
                    self.stroke_colors.remove(feature);
                    self.symbols.remove(feature);
                    if feature < self.outlines.len() {
                        self.outlines.remove(feature);
                    }
                }
                GeometryChange::Inserted(_) | GeometryChange::Removed(_) => {}
            }
        }
        let outlines_wanted = if layer.style.has_category_outlines() {
            layer.features.len()
        } else {
            0
        };
        if self.fill_colors.len() != layer.features.len() || self.outlines.len() != outlines_wanted
        {
            self.restyle(layer);
        }
    }

    fn restyle(&mut self, layer: &Layer) {
        let style = &layer.style;
        let features = 0..layer.features.len();
        self.fill_colors = features
            .clone()
            .map(|feature| to_color32(layer.fill_of(feature)))
            .collect();
        self.stroke_colors = features
            .clone()
            .map(|feature| to_color32(layer.stroke_of(feature)))
            .collect();
        self.symbols = features
            .clone()
            .map(|feature| layer.symbol_of(feature))
            .collect();
        self.outlines = if style.has_category_outlines() {
            features.map(|feature| layer.outline_of(feature)).collect()
        } else {
            Vec::new()
        };
        self.style = style.clone();
        self.attribute_revision = layer.attribute_revision;
    }
}

/// Converts a core colour to egui's premultiplied colour.
pub fn to_color32(colour: Rgba) -> Color32 {
    let [r, g, b, a] = colour.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crs::MAP_CRS;
    use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
    use crate::core::testdata::parcel_features;

    fn parcels_layer(count: usize) -> Layer {
        let features = parcel_features(count, 7)
            .into_iter()
            .map(|feature| SourceFeature {
                geometry: feature.geometry_in_map,
                attributes: feature.attributes,
            })
            .collect();
        let data = LayerData {
            name: "parcels".into(),
            source_path: None,
            crs: MAP_CRS,
            crs_origin: CrsOrigin::Declared,
            fields: Vec::new(),
            features,
            text_encoding: None,
            notes: Vec::new(),
        };
        Layer::prepare(data, &mut |_| {}).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn drawing_data_prepared_by_the_loader_is_used_until_the_geometry_changes() {
        let mut layer = parcels_layer(50);
        let mut cache = MeshCache::default();
        // A stand-in that a rebuild would replace: the cache must keep it while the revision is unchanged.
        cache.insert_prepared(&layer, PreparedLayer::default());
        let cached = cache.get(&layer);
        assert_eq!(
            cached.prepared.feature_count, 0,
            "not rebuilt on the UI thread"
        );
        assert_eq!(cached.fill_colors.len(), 50, "colours computed on insert");
        layer.mark_all_geometry_changed();
        assert_eq!(
            cache.get(&layer).prepared.feature_count,
            50,
            "rebuilt after a change"
        );
    }

    #[test]
    fn an_edit_updates_only_the_changed_feature_and_a_class_edit_recolours() {
        use crate::core::style::{CategorizedStyle, Category};
        let mut layer = parcels_layer(40);
        layer.fields = vec![crate::core::attributes::Field {
            name: "class".into(),
            kind: crate::core::attributes::AttributeKind::Text,
        }];
        let mut cache = MeshCache::default();
        cache.get(&layer);
        let removed = layer.remove_feature(3).expect("removed");
        layer.insert_feature(40 - 1, removed).expect("inserted");
        let moved = layer.features[5].geometry_in_map.clone();
        let mut shifted = moved.clone();
        geo::MapCoordsInPlace::map_coords_in_place(&mut shifted, |c| geo::Coord {
            x: c.x + 25.0,
            y: c.y,
        });
        layer.replace_geometry(5, shifted).expect("replaced");
        let fresh = PreparedLayer::build(&layer.features);
        let cached = cache.get(&layer);
        assert_eq!(cached.prepared.feature_count, 40);
        assert_eq!(cached.fill_colors.len(), 40);
        for feature in [5, 39] {
            let item = &cached.prepared.levels[0].items[feature];
            let expected = &fresh.levels[0].items[feature];
            let ours: Vec<[f64; 2]> = cached.prepared.levels[0]
                .item_vertices(item)
                .iter()
                .map(|vertex| cached.prepared.to_map(*vertex))
                .collect();
            let theirs: Vec<[f64; 2]> = fresh.levels[0]
                .item_vertices(expected)
                .iter()
                .map(|vertex| fresh.to_map(*vertex))
                .collect();
            assert_eq!(ours.len(), theirs.len(), "feature {feature}");
            for (a, b) in ours.iter().zip(&theirs) {
                assert!(
                    (a[0] - b[0]).abs() < 0.01 && (a[1] - b[1]).abs() < 0.01,
                    "feature {feature} drawn as a fresh build would: {a:?} vs {b:?}"
                );
            }
        }
        // A style by the parcels' class, then one parcel's class changes: its colour follows.
        let class_of_first = layer.features[0].attributes[0].to_string();
        layer.style.categorized = Some(CategorizedStyle {
            field: "class".into(),
            categories: vec![Category {
                value: "changed".into(),
                label: "Đã đổi".into(),
                label_en: None,
                fill: Rgba::rgb(1, 2, 3),
                stroke: None,
                symbol: None,
                outline_width_px: None,
                outline_dash: None,
            }],
            other_fill: Rgba::rgb(200, 200, 200),
        });
        assert_ne!(class_of_first, "changed");
        assert_eq!(
            cache.get(&layer).fill_colors[0],
            to_color32(Rgba::rgb(200, 200, 200))
        );
        layer
            .replace_attribute(
                0,
                0,
                crate::core::attributes::AttributeValue::Text("changed".into()),
            )
            .expect("set");
        assert_eq!(
            cache.get(&layer).fill_colors[0],
            to_color32(Rgba::rgb(1, 2, 3))
        );
    }

    #[test]
    fn a_class_drawn_dashed_gives_its_features_their_outline_and_follows_edits() {
        use crate::core::style::{CategorizedStyle, Category, Dash};
        let mut layer = parcels_layer(12);
        layer.fields = vec![crate::core::attributes::Field {
            name: "class".into(),
            kind: crate::core::attributes::AttributeKind::Text,
        }];
        let mut cache = MeshCache::default();
        assert!(
            cache.get(&layer).outlines.is_empty(),
            "no per-feature outlines by default"
        );
        let dash = Dash {
            on_px: 9.0,
            off_px: 5.0,
        };
        layer.style.categorized = Some(CategorizedStyle {
            field: "class".into(),
            categories: vec![Category {
                value: "QHDH".into(),
                label: "Dài hạn".into(),
                label_en: None,
                fill: Rgba::rgb(1, 2, 3),
                stroke: None,
                symbol: None,
                outline_width_px: Some(2.6),
                outline_dash: Some(dash),
            }],
            other_fill: Rgba::rgb(200, 200, 200),
        });
        layer
            .replace_attribute(
                4,
                0,
                crate::core::attributes::AttributeValue::Text("QHDH".into()),
            )
            .expect("set");
        let width = layer.style.stroke_width_px;
        let cached = cache.get(&layer);
        assert_eq!(cached.outlines.len(), 12);
        assert_eq!(cached.outlines[4].dash, Some(dash));
        assert_eq!(cached.outlines[4].width_px, 2.6);
        assert_eq!(cached.outlines[3].dash, None);
        assert_eq!(cached.outlines[3].width_px, width);
        // A feature removed before it: the dashed outline moves with its feature.
        layer.remove_feature(0).expect("removed");
        let cached = cache.get(&layer);
        assert_eq!(cached.outlines.len(), 11);
        assert_eq!(cached.outlines[3].dash, Some(dash));
    }
}
