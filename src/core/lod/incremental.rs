//! Updating a [`PreparedLayer`] after a few features changed, instead of rebuilding it: what makes a vertex
//! drag on a million-parcel layer cost microseconds rather than seconds.
//!
//! **The exact level (level 0)** is updated in full. Its items stay one per feature, in feature order (item
//! `i` is feature `i`, so drawing order is unchanged). A replaced feature's new triangles, rings and points
//! are appended at the end of the level's arrays and its item points to them; the old ones are left in place,
//! unreferenced, and counted. Its R-tree entry is removed (found by its exact old box) and the new one
//! inserted. Inserting or removing a feature at the end of the layer costs the same; in the middle, the
//! items after it are renumbered and the R-tree entries after it shifted, one pass over the level without
//! any tessellation. When unreferenced vertices outnumber the referenced ones, the arrays are compacted in
//! one copy (no re-tessellation, the R-tree is unchanged). The exact level is built with room for about
//! 1.5 % more data (see [`LodLevel::reserve_for_edits`]): without it the first edit after preparing a
//! million parcels would copy the level's arrays (some 400 MB, 30 ms) to grow them.
//!
//! **The coarse levels of big layers** (simplified shapes, coarse outlines, tiny-feature cells) are not
//! re-simplified here: they keep showing changed features as they were before the edit, which at those
//! scales is at most a pixel or two for a vertex move. Their feature numbers are kept right (so colours by
//! attribute stay right) and a removed feature's own items are emptied (a tiny-feature cell it belonged to
//! stays until the rebuild). [`PreparedLayer::coarse_levels_stale`] then says so, and the caller rebuilds
//! the whole layer in the background when it likes (the app's loading thread already builds prepared
//! layers) and swaps the result in.

use rstar::primitives::Rectangle;

use super::build::{append_exact_item, item_bounds};
use super::{Item, ItemEnvelope, LodLevel, PreparedLayer};
use crate::core::layer::{Feature, GeometryChange};

/// Compaction starts once this many vertices are unreferenced, and more than are referenced.
const MIN_DEAD_VERTICES_TO_COMPACT: usize = 65_536;

impl PreparedLayer {
    /// Brings the prepared layer up to date with `features` after `changes` (the layer's
    /// [`crate::core::layer::Layer::geometry_changes_since`] the revision this was prepared at), without
    /// rebuilding it (see the module documentation). Returns false when the changes do not fit what was
    /// prepared (positions out of range, or a feature count that does not match); the caller must then
    /// rebuild, and must not draw this prepared layer meanwhile.
    pub fn apply_changes(&mut self, features: &[Feature], changes: &[GeometryChange]) -> bool {
        if !changes_fit(self.feature_count, features.len(), changes) {
            return false;
        }
        let origin = self.origin_in_map;
        let Some((exact, coarse)) = self.levels.split_first_mut() else {
            return false;
        };
        if exact.items.len() != self.feature_count {
            return false;
        }
        let mut dirty: Vec<usize> = Vec::new();
        for change in changes {
            match *change {
                GeometryChange::Replaced(position) => exact.clear_item(position, &mut dirty),
                GeometryChange::Inserted(position) => {
                    exact.insert_item(position, &mut dirty);
                    for level in coarse.iter_mut() {
                        level.renumber_after_insert(position);
                    }
                }
                GeometryChange::Removed(position) => {
                    exact.remove_item(position, &mut dirty);
                    for level in coarse.iter_mut() {
                        level.forget_feature(position);
                    }
                }
            }
        }
        for position in dirty {
            let Some(feature) = features.get(position) else {
                return false;
            };
            if !exact.fill_item(position, origin, feature) {
                return false;
            }
        }
        if exact.dead_vertices > MIN_DEAD_VERTICES_TO_COMPACT
            && exact.dead_vertices > exact.vertices.len() / 2
        {
            exact.compact();
        }
        self.feature_count = features.len();
        self.coarse_stale |= !coarse.is_empty() && !changes.is_empty();
        true
    }

    /// True when the coarse levels still show some changed features as they were (see the module
    /// documentation): a background rebuild would bring them up to date.
    pub fn coarse_levels_stale(&self) -> bool {
        self.coarse_stale
    }
}

/// Whether `changes` can apply to `before` features and leave `after`.
fn changes_fit(before: usize, after: usize, changes: &[GeometryChange]) -> bool {
    let mut count = before;
    for change in changes {
        match *change {
            GeometryChange::Replaced(position) if position < count => {}
            GeometryChange::Inserted(position) if position <= count => count += 1,
            GeometryChange::Removed(position) if position < count => count -= 1,
            _ => return false,
        }
    }
    count == after
}

/// An item that draws nothing, for feature `position`.
fn empty_item(position: usize) -> Item {
    Item {
        feature: position as u32,
        ..Item::default()
    }
}

/// The exact level keeps room for this fraction (1 / 64) of its data, for edits.
const EDIT_ROOM_DIVISOR: usize = 64;

/// … and at least this many elements in each array.
const MIN_EDIT_ROOM: usize = 4_096;

impl LodLevel {
    /// Reserves room in the arrays for the data of edited features (about 1.5 %, see the module
    /// documentation), so the first incremental updates do not reallocate them.
    pub(super) fn reserve_for_edits(&mut self) {
        let room = |len: usize| (len / EDIT_ROOM_DIVISOR).max(MIN_EDIT_ROOM);
        self.vertices.reserve_exact(room(self.vertices.len()));
        self.indices.reserve_exact(room(self.indices.len()));
        self.paths.reserve_exact(room(self.paths.len()));
        self.points.reserve_exact(room(self.points.len()));
    }

    /// The R-tree entry of item `position`, if it has one.
    fn envelope_of(&self, position: usize) -> Option<ItemEnvelope> {
        let item = self.items.get(position)?;
        let (min, max) = item_bounds(self, item)?;
        Some(ItemEnvelope::new(
            Rectangle::from_corners(min, max),
            position as u32,
        ))
    }

    /// Takes item `position` out of the R-tree and leaves it empty, to be filled later.
    fn clear_item(&mut self, position: usize, dirty: &mut Vec<usize>) {
        if let Some(envelope) = self.envelope_of(position) {
            self.index.remove(&envelope);
        }
        if let Some(item) = self.items.get_mut(position) {
            self.dead_vertices += item.vertices.len as usize;
            *item = empty_item(position);
        }
        if !dirty.contains(&position) {
            dirty.push(position);
        }
    }

    /// Inserts an empty item at `position` (to be filled later), renumbering the items after it.
    fn insert_item(&mut self, position: usize, dirty: &mut Vec<usize>) {
        if position < self.items.len() {
            self.shift_positions(position, true);
        }
        self.items.insert(position, empty_item(position));
        for later in dirty.iter_mut().filter(|later| **later >= position) {
            *later += 1;
        }
        dirty.push(position);
    }

    /// Removes item `position`, renumbering the items after it.
    fn remove_item(&mut self, position: usize, dirty: &mut Vec<usize>) {
        if let Some(envelope) = self.envelope_of(position) {
            self.index.remove(&envelope);
        }
        let removed = self.items.remove(position);
        self.dead_vertices += removed.vertices.len as usize;
        if position < self.items.len() {
            self.shift_positions(position, false);
        }
        dirty.retain(|&other| other != position);
        for later in dirty.iter_mut().filter(|later| **later > position) {
            *later -= 1;
        }
    }

    /// Moves the items from `position` on one place up (`up`) or, after a removal at `position`, one place
    /// down: their feature numbers and their R-tree entries' positions.
    fn shift_positions(&mut self, position: usize, up: bool) {
        let threshold = position as u32;
        for entry in self.index.iter_mut() {
            if up && entry.data >= threshold {
                entry.data += 1;
            } else if !up && entry.data > threshold {
                entry.data -= 1;
            }
        }
        // Before an insertion the items from `position` on move up; after a removal those from `position`
        // on came down.
        for item in self.items.iter_mut().skip(position) {
            if up {
                item.feature += 1;
            } else {
                item.feature = item.feature.saturating_sub(1);
            }
        }
    }

    /// Tessellates `feature` into item `position` and indexes it; false when the level's arrays would
    /// outgrow their 32-bit positions.
    fn fill_item(&mut self, position: usize, origin: [f64; 2], feature: &Feature) -> bool {
        let item = append_exact_item(self, origin, position as u32, feature);
        if self.vertices.len() > u32::MAX as usize || self.indices.len() > u32::MAX as usize {
            return false;
        }
        let Some(slot) = self.items.get_mut(position) else {
            return false;
        };
        *slot = item;
        if let Some(envelope) = self.envelope_of(position) {
            let bounds = rstar::RTreeObject::envelope(envelope.geom());
            self.widen_extent(bounds.lower(), bounds.upper());
            self.index.insert(envelope);
        }
        true
    }

    fn widen_extent(&mut self, min: [f32; 2], max: [f32; 2]) {
        self.extent = Some(match self.extent {
            None => (min, max),
            Some((low, high)) => (
                [low[0].min(min[0]), low[1].min(min[1])],
                [high[0].max(max[0]), high[1].max(max[1])],
            ),
        });
    }

    /// A coarse level after a feature was inserted at `position`: the items of later features are
    /// renumbered (items are sorted by feature).
    fn renumber_after_insert(&mut self, position: usize) {
        let threshold = position as u32;
        let start = self.items.partition_point(|item| item.feature < threshold);
        for item in self.items.iter_mut().skip(start) {
            item.feature += 1;
        }
    }

    /// A coarse level after the feature at `position` was removed: its own items draw nothing, cells it
    /// stood for keep their square, later features are renumbered.
    fn forget_feature(&mut self, position: usize) {
        let threshold = position as u32;
        let start = self.items.partition_point(|item| item.feature < threshold);
        for item in self.items.iter_mut().skip(start) {
            if item.feature > threshold {
                item.feature -= 1;
            } else if item.paths.len > 0 || item.points.len > 0 {
                self.dead_vertices += item.vertices.len as usize;
                *item = Item {
                    feature: item.feature,
                    ..Item::default()
                };
            }
        }
    }

    /// Copies the referenced parts of the arrays into fresh ones, item by item, dropping what updates left
    /// behind. Item positions, and so the R-tree, do not change.
    fn compact(&mut self) {
        let live_vertices = self.vertices.len().saturating_sub(self.dead_vertices);
        let mut vertices = Vec::with_capacity(live_vertices);
        let mut indices = Vec::with_capacity(self.indices.len());
        let mut paths = Vec::with_capacity(self.paths.len());
        let mut points = Vec::with_capacity(self.points.len());
        for item in &mut self.items {
            let old_start = item.vertices.start;
            let new_start = vertices.len() as u32;
            vertices
                .extend_from_slice(self.vertices.get(item.vertices.range()).unwrap_or_default());
            let index_start = indices.len() as u32;
            indices.extend_from_slice(self.indices.get(item.indices.range()).unwrap_or_default());
            let path_start = paths.len() as u32;
            paths.extend(
                self.paths
                    .get(item.paths.range())
                    .unwrap_or_default()
                    .iter()
                    .map(|path| {
                        let mut moved = *path;
                        moved.vertices.start =
                            path.vertices.start.saturating_sub(old_start) + new_start;
                        moved
                    }),
            );
            let point_start = points.len() as u32;
            points.extend_from_slice(self.points.get(item.points.range()).unwrap_or_default());
            item.vertices.start = new_start;
            item.indices.start = index_start;
            item.paths.start = path_start;
            item.points.start = point_start;
        }
        self.vertices = vertices;
        self.indices = indices;
        self.paths = paths;
        self.points = points;
        self.dead_vertices = 0;
        self.reserve_for_edits();
    }
}
