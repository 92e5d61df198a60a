//! The per-frame step: pick the level for the scale, ask its R-tree which items meet the view, and hand
//! them in drawing order to a [`FrameSink`] with the transform from layer coordinates to the screen.
//!
//! The sink decides the vertex format (the egui layer writes `egui::Vertex`es with the feature's colour;
//! [`FrameBuffers`] keeps plain arrays for benchmarks and tests). [`PreparedLayer::gpu_draw_list`] is the
//! other route: what a GPU paint callback with the level's buffers uploaded once would need per frame —
//! only index ranges and the transform.

use super::{LodLevel, PreparedLayer, Span};

/// The view of one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameView {
    /// The map point at the centre of the view.
    pub center_in_map: [f64; 2],
    /// Metres per screen point.
    pub m_per_px: f64,
    /// The screen position of the view's centre.
    pub center_in_screen: [f32; 2],
    /// The view's width and height in screen points.
    pub size_in_screen: [f32; 2],
}

impl FrameView {
    /// The visible map rectangle as (min, max) corners.
    pub fn visible_in_map(&self) -> ([f64; 2], [f64; 2]) {
        let half = [
            f64::from(self.size_in_screen[0]) / 2.0 * self.m_per_px,
            f64::from(self.size_in_screen[1]) / 2.0 * self.m_per_px,
        ];
        (
            [
                self.center_in_map[0] - half[0],
                self.center_in_map[1] - half[1],
            ],
            [
                self.center_in_map[0] + half[0],
                self.center_in_map[1] + half[1],
            ],
        )
    }
}

/// From layer coordinates (metres, y up) to screen points (y down): `x·scale + offset_x`,
/// `−y·scale + offset_y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenTransform {
    /// Screen points per metre.
    pub scale: f32,
    /// Screen position of the layer origin.
    pub offset: [f32; 2],
}

impl ScreenTransform {
    /// The screen position of a layer-coordinate vertex.
    #[inline]
    pub fn apply(&self, vertex: [f32; 2]) -> [f32; 2] {
        [
            vertex[0] * self.scale + self.offset[0],
            -vertex[1] * self.scale + self.offset[1],
        ]
    }
}

/// Receives the visible geometry of a frame, item by item in drawing order.
pub trait FrameSink {
    /// One item's triangles: its vertices in layer coordinates and its triangle corners relative to them.
    fn fill(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        indices: &[u32],
        to_screen: &ScreenTransform,
    );
    /// One ring (closed) or line (open) in layer coordinates.
    fn path(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        closed: bool,
        to_screen: &ScreenTransform,
    );
    /// One point marker, in screen points.
    fn point(&mut self, feature: u32, pos_in_screen: [f32; 2]);
}

/// What a frame drew.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// The level used.
    pub level: usize,
    /// Items handed to the sink.
    pub items: usize,
}

impl PreparedLayer {
    /// The transform of `view` for this layer's coordinates.
    pub fn screen_transform(&self, view: &FrameView) -> ScreenTransform {
        let scale = 1.0 / view.m_per_px;
        ScreenTransform {
            scale: scale as f32,
            offset: [
                view.center_in_screen[0]
                    + ((self.origin_in_map[0] - view.center_in_map[0]) * scale) as f32,
                view.center_in_screen[1]
                    - ((self.origin_in_map[1] - view.center_in_map[1]) * scale) as f32,
            ],
        }
    }

    /// The level for the view's scale and the positions of its visible items (into `visible`, reused
    /// between frames).
    pub fn cull<'a>(
        &'a self,
        view: &FrameView,
        visible: &mut Vec<u32>,
    ) -> Option<(usize, &'a LodLevel)> {
        let level = self.level_for(view.m_per_px)?;
        let position = self
            .levels
            .iter()
            .position(|candidate| std::ptr::eq(candidate, level))
            .unwrap_or(0);
        let (min, max) = view.visible_in_map();
        let relative = |pt: [f64; 2]| {
            [
                (pt[0] - self.origin_in_map[0]) as f32,
                (pt[1] - self.origin_in_map[1]) as f32,
            ]
        };
        level.visible_items(relative(min), relative(max), visible);
        Some((position, level))
    }

    /// Hands the items visible in `view` to `sink`; `visible` is scratch space reused between frames.
    pub fn emit_frame(
        &self,
        view: &FrameView,
        visible: &mut Vec<u32>,
        sink: &mut impl FrameSink,
    ) -> FrameStats {
        let Some((level_position, level)) = self.cull(view, visible) else {
            return FrameStats::default();
        };
        let to_screen = self.screen_transform(view);
        for &position in visible.iter() {
            let Some(item) = level.items.get(position as usize) else {
                continue;
            };
            if item.indices.len > 0 {
                sink.fill(
                    item.feature,
                    level.item_vertices(item),
                    level.item_indices(item),
                    &to_screen,
                );
            }
            for (vertices, closed) in level.item_paths(item) {
                sink.path(item.feature, vertices, closed, &to_screen);
            }
            for point in level.item_points(item) {
                sink.point(item.feature, to_screen.apply(*point));
            }
        }
        FrameStats {
            level: level_position,
            items: visible.len(),
        }
    }

    /// The GPU route: with each level's vertices and (absolute) indices uploaded once, a frame needs only
    /// the level, the transform and the index ranges of the visible items, merged where they are adjacent.
    pub fn gpu_draw_list(
        &self,
        view: &FrameView,
        visible: &mut Vec<u32>,
        ranges: &mut Vec<Span>,
    ) -> Option<(usize, ScreenTransform)> {
        ranges.clear();
        let (level_position, level) = self.cull(view, visible)?;
        for &position in visible.iter() {
            let Some(item) = level.items.get(position as usize) else {
                continue;
            };
            if item.indices.len == 0 {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if last.start + last.len == item.indices.start => {
                    last.len += item.indices.len;
                }
                _ => ranges.push(item.indices),
            }
        }
        Some((level_position, self.screen_transform(view)))
    }
}

/// A sink that keeps the frame as plain arrays in screen points: what an immediate-mode painter receives.
#[derive(Debug, Default)]
pub struct FrameBuffers {
    /// Triangle corner positions.
    pub positions: Vec<[f32; 2]>,
    /// The feature of each position (for its colour).
    pub features: Vec<u32>,
    /// Three per triangle, into `positions`.
    pub indices: Vec<u32>,
    /// Points of all paths.
    pub path_points: Vec<[f32; 2]>,
    /// Each path: its range of `path_points`, whether it is closed, and its feature.
    pub paths: Vec<(Span, bool, u32)>,
    /// Point markers with their feature.
    pub points: Vec<([f32; 2], u32)>,
}

impl FrameBuffers {
    /// Empties the arrays, keeping their capacity.
    pub fn clear(&mut self) {
        self.positions.clear();
        self.features.clear();
        self.indices.clear();
        self.path_points.clear();
        self.paths.clear();
        self.points.clear();
    }
}

impl FrameSink for FrameBuffers {
    fn fill(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        indices: &[u32],
        to_screen: &ScreenTransform,
    ) {
        let base = self.positions.len() as u32;
        self.positions
            .extend(vertices.iter().map(|vertex| to_screen.apply(*vertex)));
        self.features
            .extend(std::iter::repeat_n(feature, vertices.len()));
        self.indices
            .extend(indices.iter().map(|index| base + index));
    }

    fn path(
        &mut self,
        feature: u32,
        vertices: &[[f32; 2]],
        closed: bool,
        to_screen: &ScreenTransform,
    ) {
        let start = self.path_points.len() as u32;
        self.path_points
            .extend(vertices.iter().map(|vertex| to_screen.apply(*vertex)));
        self.paths.push((
            Span {
                start,
                len: vertices.len() as u32,
            },
            closed,
            feature,
        ));
    }

    fn point(&mut self, feature: u32, pos_in_screen: [f32; 2]) {
        self.points.push((pos_in_screen, feature));
    }
}
