//! The digitizing tools of the layer in edit mode, as view state plus what the planner's clicks, drags and
//! keys mean for each tool. Nothing here changes the session: every finished operation becomes an
//! [`EditorOutcome`] — an edit built by the core's [`crate::core::editing`] builders (which check it), a
//! refusal with its reason, or a new selection — that the app applies after the frame.
//!
//! - *Chọn* (select): clicks identify features as outside edit mode.
//! - *Thêm* (add): each click adds a vertex (snapped); a double-click or Enter finishes the point, line or
//!   polygon, Backspace removes the last vertex, Esc cancels. On a point layer one click adds the point.
//! - *Sửa đỉnh* (vertices): the selected feature's vertices are shown; drag one to move it (snapped), click
//!   one and press Delete or Backspace to remove it, double-click an edge to insert a vertex there.
//! - *Di chuyển* (move): drag the selected feature.
//! - *Cắt vùng* (split): draw a line across the selected polygon like a new line; finishing cuts it.
//!
//! Snapping goes to vertices first, then edges, of the visible layers within [`SNAP_TOLERANCE_PX`] screen
//! points, through their R-trees; the overlay shows where a click would land before it is made.

use geo::{Coord, Geometry, LineString, Point, Polygon};

use crate::app::map_view::Selection;
use crate::core::editing::{
    EditingError, GeometryKind, MovingVertex, Snap, VertexRef, add_feature_edit,
    delete_features_edit, delete_vertex_edit, insert_vertex_edit, move_feature_edit,
    move_vertex_edit, nearest_edge, nearest_vertex, snap_except, split_polygon_edit,
};
use crate::core::index::hit_test;
use crate::core::layer::{Layer, LayerId};
use crate::core::session::{Edit, Session};

/// How close to a vertex or edge, in screen points, a click or drag snaps to it.
pub const SNAP_TOLERANCE_PX: f64 = 10.0;

/// The tool the map's clicks and drags go to while a layer is in edit mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditTool {
    /// Clicks identify features.
    #[default]
    Select,
    /// Clicks add the vertices of a new feature.
    Add,
    /// Drags move, clicks choose and double-clicks insert vertices of the selected feature.
    Vertices,
    /// Drags move the selected feature.
    Move,
    /// Clicks draw a line that splits the selected polygon.
    Split,
}

/// What the map interaction produced, for the app to apply.
#[derive(Debug)]
pub enum EditorOutcome {
    /// An edit to apply (one undoable step).
    Edit(Edit),
    /// An operation refused, with the reason.
    Refused(EditingError),
    /// Select this feature (or nothing).
    Select(Option<Selection>),
    /// The split tool needs a selected polygon first.
    NeedsSelection,
}

/// Something being dragged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drag {
    /// A vertex of a feature, now at `to`.
    Vertex {
        /// The feature's position.
        feature: usize,
        /// The vertex.
        vertex: VertexRef,
        /// Where it is dragged (snapped), map CRS.
        to: Coord,
    },
    /// A whole feature, grabbed at `from` and now at `to`.
    Feature {
        /// The feature's position.
        feature: usize,
        /// Where the drag started, map CRS.
        from: Coord,
        /// Where the pointer is, map CRS.
        to: Coord,
    },
}

/// The editing tools' state (view state: nothing here is saved or undone).
#[derive(Debug, Default)]
pub struct EditorState {
    /// The tool in use.
    pub tool: EditTool,
    /// The vertices clicked so far for a new feature or a split line, map CRS.
    pub draft: Vec<Coord>,
    /// The drag in progress.
    pub drag: Option<Drag>,
    /// The vertex chosen with a click (feature, vertex), which Delete removes.
    pub chosen_vertex: Option<(usize, VertexRef)>,
    /// Scale of the map at the last interaction (for snapping while dragging), metres per point.
    pub m_per_px: f64,
    /// Operations finished this frame, for the app to apply.
    pub outcomes: Vec<EditorOutcome>,
}

/// Where the editor works: the session, the layer in edit mode and the selected feature.
#[derive(Clone, Copy)]
pub struct EditTarget<'a> {
    /// The open project.
    pub session: &'a Session,
    /// The layer in edit mode.
    pub layer: &'a Layer,
    /// The selected feature, if it is in that layer.
    pub selected: Option<usize>,
}

impl<'a> EditTarget<'a> {
    /// The target for layer `layer` of `session`, or `None` when it is not open.
    pub fn new(session: &'a Session, layer: LayerId, selection: Option<Selection>) -> Option<Self> {
        let layer = session.layer(layer)?;
        let selected = selection
            .filter(|chosen| chosen.layer == layer.id && chosen.feature < layer.features.len())
            .map(|chosen| chosen.feature);
        Some(Self {
            session,
            layer,
            selected,
        })
    }

    /// Where `pt_in_map` snaps on the visible layers (the edit layer first), ignoring `moving`.
    pub fn snap(
        &self,
        pt_in_map: Coord,
        m_per_px: f64,
        moving: Option<MovingVertex>,
    ) -> Option<Snap> {
        let visible = self
            .session
            .layers()
            .iter()
            .rev()
            .filter(|layer| layer.visible && layer.id != self.layer.id);
        let layers = std::iter::once(self.layer).chain(visible);
        snap_except(pt_in_map, SNAP_TOLERANCE_PX * m_per_px, layers, moving)
    }

    /// `pt_in_map` moved onto what it snaps to.
    pub fn snapped(&self, pt_in_map: Coord, m_per_px: f64, moving: Option<MovingVertex>) -> Coord {
        self.snap(pt_in_map, m_per_px, moving)
            .map_or(pt_in_map, |snap| snap.point)
    }

    /// The feature of the edit layer under `pt_in_map`.
    fn feature_at(&self, pt_in_map: Coord, m_per_px: f64) -> Option<usize> {
        hit_test(
            &self.layer.features,
            &self.layer.index,
            Point(pt_in_map),
            SNAP_TOLERANCE_PX * 0.6 * m_per_px,
        )
    }

    /// The selected feature's geometry.
    fn selected_geometry(&self) -> Option<(usize, &'a Geometry)> {
        let feature = self.selected?;
        let geometry = &self.layer.features.get(feature)?.geometry_in_map;
        Some((feature, geometry))
    }
}

impl EditorState {
    /// Chooses a tool, dropping what the previous one was doing.
    pub fn choose_tool(&mut self, tool: EditTool) {
        self.tool = tool;
        self.cancel();
    }

    /// Drops the draft, the drag and the chosen vertex (Esc).
    pub fn cancel(&mut self) {
        self.draft.clear();
        self.drag = None;
        self.chosen_vertex = None;
    }

    /// True when map clicks go to the editor rather than to identify.
    pub fn takes_clicks(&self) -> bool {
        self.tool != EditTool::Select
    }

    /// A click on the map at `pt_in_map`.
    pub fn click(&mut self, target: EditTarget, pt_in_map: Coord, m_per_px: f64) {
        self.m_per_px = m_per_px;
        match self.tool {
            EditTool::Select => {}
            EditTool::Add => {
                let pt = target.snapped(pt_in_map, m_per_px, None);
                self.draft.push(pt);
                if GeometryKind::of_layer(target.layer) == Some(GeometryKind::Point) {
                    self.finish(target);
                }
            }
            EditTool::Split => {
                let pt = target.snapped(pt_in_map, m_per_px, None);
                self.draft.push(pt);
            }
            EditTool::Vertices => {
                let tolerance_m = SNAP_TOLERANCE_PX * m_per_px;
                let on_vertex = target.selected_geometry().and_then(|(feature, geometry)| {
                    nearest_vertex(geometry, pt_in_map, tolerance_m)
                        .map(|hit| (feature, hit.vertex))
                });
                match on_vertex {
                    Some(chosen) => self.chosen_vertex = Some(chosen),
                    None => self.select_at(target, pt_in_map, m_per_px),
                }
            }
            EditTool::Move => self.select_at(target, pt_in_map, m_per_px),
        }
    }

    /// A double-click on the map: finishes a drawing, or inserts a vertex on the selected feature's edge.
    pub fn double_click(&mut self, target: EditTarget, pt_in_map: Coord, m_per_px: f64) {
        self.m_per_px = m_per_px;
        match self.tool {
            EditTool::Add | EditTool::Split => {
                // The double-click's first click added its vertex already; a "double-click" far from the last
                // vertex is two quick clicks in different places (a fast planner), so it adds a vertex.
                let tolerance_m = SNAP_TOLERANCE_PX * m_per_px;
                let on_last = self.draft.last().is_some_and(|last| {
                    (last.x - pt_in_map.x).hypot(last.y - pt_in_map.y) <= tolerance_m
                });
                if on_last {
                    self.finish(target);
                } else {
                    self.click(target, pt_in_map, m_per_px);
                }
            }
            EditTool::Vertices => {
                let Some((feature, geometry)) = target.selected_geometry() else {
                    return;
                };
                let tolerance_m = SNAP_TOLERANCE_PX * m_per_px;
                if let Some(hit) = nearest_edge(geometry, pt_in_map, tolerance_m) {
                    let at = target.snapped(hit.pt_in_map, m_per_px, None);
                    self.push(insert_vertex_edit(target.layer, feature, hit.edge, at));
                }
            }
            EditTool::Select | EditTool::Move => {}
        }
    }

    /// Enter: finishes the drawing in progress.
    pub fn finish(&mut self, target: EditTarget) {
        if self.draft.is_empty() {
            return;
        }
        let draft = std::mem::take(&mut self.draft);
        match self.tool {
            EditTool::Add => {
                let geometry = drawn_geometry(target.layer, &draft);
                self.push(add_feature_edit(target.layer, geometry));
            }
            EditTool::Split => match target.selected {
                Some(feature) => {
                    let line = LineString::new(draft);
                    self.push(split_polygon_edit(target.layer, feature, &line));
                }
                None => self.outcomes.push(EditorOutcome::NeedsSelection),
            },
            _ => {}
        }
    }

    /// Backspace: removes the last drawn vertex, or deletes the chosen vertex.
    pub fn backspace(&mut self, target: EditTarget) {
        if self.draft.pop().is_none() {
            self.delete(target);
        }
    }

    /// Delete: removes the chosen vertex, or (with no vertex chosen) the selected feature.
    pub fn delete(&mut self, target: EditTarget) {
        if let Some((feature, vertex)) = self.chosen_vertex.take() {
            self.push(delete_vertex_edit(target.layer, feature, vertex));
        } else if let Some(feature) = target.selected {
            self.push(delete_features_edit(target.layer, &[feature]));
            self.outcomes.push(EditorOutcome::Select(None));
        }
    }

    /// A drag starts at `pt_in_map`: takes it when it grabs a vertex (vertex tool) or the selected feature
    /// (move tool).
    pub fn begin_drag(&mut self, target: EditTarget, pt_in_map: Coord, m_per_px: f64) -> bool {
        self.m_per_px = m_per_px;
        let tolerance_m = SNAP_TOLERANCE_PX * m_per_px;
        self.drag = match self.tool {
            EditTool::Vertices => target.selected_geometry().and_then(|(feature, geometry)| {
                let hit = nearest_vertex(geometry, pt_in_map, tolerance_m)?;
                Some(Drag::Vertex {
                    feature,
                    vertex: hit.vertex,
                    to: hit.pt_in_map,
                })
            }),
            EditTool::Move => target
                .selected
                .filter(|&feature| target.feature_at(pt_in_map, m_per_px) == Some(feature))
                .map(|feature| Drag::Feature {
                    feature,
                    from: pt_in_map,
                    to: pt_in_map,
                }),
            _ => None,
        };
        self.drag.is_some()
    }

    /// The drag moved to `pt_in_map`.
    pub fn drag_to(&mut self, target: EditTarget, pt_in_map: Coord) {
        let m_per_px = self.m_per_px;
        match &mut self.drag {
            Some(Drag::Vertex {
                feature,
                vertex,
                to,
            }) => {
                let moving = MovingVertex {
                    layer: target.layer.id,
                    feature: *feature,
                    vertex: *vertex,
                };
                *to = target.snapped(pt_in_map, m_per_px, Some(moving));
            }
            Some(Drag::Feature { to, .. }) => *to = pt_in_map,
            None => {}
        }
    }

    /// The drag ended: the moved vertex or feature becomes an edit.
    pub fn end_drag(&mut self, target: EditTarget) {
        match self.drag.take() {
            Some(Drag::Vertex {
                feature,
                vertex,
                to,
            }) => {
                self.chosen_vertex = Some((feature, vertex));
                self.push(move_vertex_edit(target.layer, feature, vertex, to));
            }
            Some(Drag::Feature { feature, from, to }) if from != to => {
                self.push(move_feature_edit(
                    target.layer,
                    feature,
                    to.x - from.x,
                    to.y - from.y,
                ));
            }
            _ => {}
        }
    }

    fn select_at(&mut self, target: EditTarget, pt_in_map: Coord, m_per_px: f64) {
        self.chosen_vertex = None;
        let feature = target.feature_at(pt_in_map, m_per_px);
        self.outcomes
            .push(EditorOutcome::Select(feature.map(|feature| Selection {
                layer: target.layer.id,
                feature,
            })));
    }

    fn push(&mut self, built: Result<Edit, EditingError>) {
        self.outcomes.push(match built {
            Ok(edit) => EditorOutcome::Edit(edit),
            Err(reason) => EditorOutcome::Refused(reason),
        });
    }
}

/// The geometry the vertices drawn on a layer make: a point, a line, or a polygon (closed), by the layer's
/// kind (a polygon for an empty layer with three or more vertices, else a line).
pub fn drawn_geometry(layer: &Layer, draft: &[Coord]) -> Geometry {
    let kind = GeometryKind::of_layer(layer).unwrap_or(if draft.len() >= 3 {
        GeometryKind::Polygon
    } else {
        GeometryKind::Line
    });
    match (kind, draft.first()) {
        (GeometryKind::Point, Some(first)) if draft.len() == 1 => Geometry::Point(Point(*first)),
        (GeometryKind::Polygon, _) => {
            let mut ring = draft.to_vec();
            if let Some(first) = draft.first() {
                ring.push(*first);
            }
            Geometry::Polygon(Polygon::new(LineString::new(ring), Vec::new()))
        }
        _ => Geometry::LineString(LineString::new(draft.to_vec())),
    }
}
