//! The drawing cache: one [`PreparedLayer`] per layer (exact triangles and, for big layers, simplified levels
//! of detail), rebuilt only when the layer's geometry revision changes, plus each feature's colours and
//! symbol, rebuilt only when the style changes.

use std::collections::HashMap;

use eframe::egui::Color32;

use crate::core::layer::{Layer, LayerId};
use crate::core::lod::PreparedLayer;
use crate::core::style::{PointSymbol, Rgba, Style};

/// Cached drawing data of one layer.
pub struct CachedLayer {
    /// The geometry revision the mesh was built from.
    revision: u64,
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
            style: layer.style.clone(),
            prepared: PreparedLayer::default(),
            fill_colors: Vec::new(),
            stroke_colors: Vec::new(),
            symbols: Vec::new(),
        });
        if entry.revision != layer.revision {
            entry.prepared = PreparedLayer::build(&layer.features);
            entry.revision = layer.revision;
            entry.restyle(layer);
        } else if entry.style != layer.style {
            entry.restyle(layer);
        }
        entry
    }

    /// Stores drawing data prepared elsewhere (by the loading thread) for `layer` at its current revision, so
    /// the first frame that draws it does not triangulate on the UI thread.
    pub fn insert_prepared(&mut self, layer: &Layer, prepared: PreparedLayer) {
        let mut entry = CachedLayer {
            revision: layer.revision,
            style: layer.style.clone(),
            prepared,
            fill_colors: Vec::new(),
            stroke_colors: Vec::new(),
            symbols: Vec::new(),
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
        self.symbols = features.map(|feature| layer.symbol_of(feature)).collect();
        self.style = style.clone();
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
        layer.revision += 1;
        assert_eq!(
            cache.get(&layer).prepared.feature_count,
            50,
            "rebuilt after a change"
        );
    }
}
