//! Headless geometry editing, the way planners know it from QGIS digitizing: vertices addressed by part,
//! ring and index ([`vertex`]); moving, inserting and deleting vertices and moving whole features, each
//! returning a new geometry; hit testing of one geometry's vertices and edges ([`hit`]); snapping to the
//! vertices and edges of visible layers through their R-trees ([`snap`]); polygon validity without a quadratic
//! pass ([`validity`]); splitting polygons by a drawn line ([`split`]); and turning each operation into the
//! [`crate::core::session::Edit`] the session applies and can undo ([`edits`]).
//!
//! **Invalid polygons are refused.** An edit that would turn a valid polygon into an invalid one (a ring
//! crossing or touching itself, a hole leaving its shell, a ring with fewer than three distinct corners) is
//! not sent: the builder returns a typed error that says what is wrong and where, and the app shows it. A
//! planner's zoning layer feeds area tables and overlays (coverage per ward, land use per zone), and those
//! are only meaningful on valid polygons: a bow-tie parcel has no well-defined area, and overlay engines give
//! undefined results on self-intersecting input. Refusing at the moment of the edit keeps the mistake where it
//! was made, instead of surfacing later as a wrong number in a report. A polygon that was already invalid
//! when it was loaded can still be reshaped (otherwise it could never be repaired), but it cannot be split,
//! and a newly drawn feature must be valid.
//!
//! All coordinates are in the map CRS (EPSG:9210, metres).

pub mod edits;
pub mod hit;
mod planar_graph;
pub mod snap;
pub mod split;
pub mod vertex;

/// Polygon validity lives in the lower-tier [`crate::core::polygon_validity`] (the readers use it too); it
/// stays reachable here as `editing::validity`.
pub use crate::core::polygon_validity as validity;
use crate::core::polygon_validity::{predicates, segments};

pub use edits::{
    EditingError, GeometryKind, add_feature_edit, delete_features_edit, delete_vertex_edit,
    insert_vertex_edit, move_feature_edit, move_vertex_edit, split_polygon_edit,
};
pub use hit::{EdgeHit, VertexHit, nearest_edge, nearest_vertex};
pub use snap::{MovingVertex, Snap, SnapKind, snap, snap_except};
pub use split::{SplitError, split_geometry, split_polygon};
pub use validity::{InvalidPolygon, RingId, check_geometry, check_multi_polygon, check_polygon};
pub use vertex::{
    EdgeRef, GeometryEditError, VertexRef, delete_vertex, insert_vertex, move_vertex, translate,
    vertex_at,
};
