//! Turning editing operations into the [`Edit`] the session applies: each builder reads the layer, computes
//! the new geometry, checks it (see the refusal policy in the module documentation of [`super`]) and returns
//! the edit, or a typed error and no edit. Nothing is changed until the caller passes the edit to
//! [`crate::core::session::Session::edit`], which records its inverse for undo.
//!
//! Reshaping edits are one-edit groups of the operation's [`EditKind`], so the undo menu says "move vertex"
//! rather than "change geometry". New features go to the end of the layer, where inserting keeps the layer's
//! R-tree and the drawing data incremental.

use geo::{Coord, CoordsIter, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon};
use thiserror::Error;

use super::split::{SplitError, split_geometry};
use super::validity::{InvalidPolygon, check_geometry};
use super::vertex::{
    EdgeRef, GeometryEditError, VertexRef, delete_vertex, insert_vertex, move_vertex, translate,
};
use crate::core::attributes::AttributeValue;
use crate::core::layer::{Feature, Layer};
use crate::core::session::{Edit, EditKind};

/// The kind of geometry a layer holds or a planner draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeometryKind {
    /// Points and multipoints.
    Point,
    /// Lines and multilines.
    Line,
    /// Polygons and multipolygons.
    Polygon,
}

impl GeometryKind {
    /// The kind of `geometry`; `None` for collections.
    pub fn of(geometry: &Geometry) -> Option<Self> {
        match geometry {
            Geometry::Point(_) | Geometry::MultiPoint(_) => Some(Self::Point),
            Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => {
                Some(Self::Line)
            }
            Geometry::Polygon(_)
            | Geometry::MultiPolygon(_)
            | Geometry::Rect(_)
            | Geometry::Triangle(_) => Some(Self::Polygon),
            Geometry::GeometryCollection(_) => None,
        }
    }

    /// The kind of a layer's features: that of its first feature with a point, line or polygon geometry;
    /// `None` for a layer without any.
    pub fn of_layer(layer: &Layer) -> Option<Self> {
        layer
            .features
            .iter()
            .find_map(|feature| Self::of(&feature.geometry_in_map))
    }
}

/// An editing operation was refused; nothing was changed.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum EditingError {
    /// The layer has no feature at this position.
    #[error("the layer has no feature {0}")]
    NoSuchFeature(usize),
    /// The vertex operation itself is impossible.
    #[error(transparent)]
    Geometry(#[from] GeometryEditError),
    /// The result would be an invalid polygon.
    #[error("refused: the polygon would become invalid: {0}")]
    Invalid(#[from] InvalidPolygon),
    /// The split cannot be done.
    #[error(transparent)]
    Split(#[from] SplitError),
    /// The geometry's kind does not match the layer's.
    #[error("a {drawn:?} geometry cannot go into a layer of {layer:?} geometries")]
    WrongGeometryKind {
        /// What the layer holds.
        layer: GeometryKind,
        /// What was drawn.
        drawn: GeometryKind,
    },
    /// The geometry is a collection, which is not drawn as a feature.
    #[error("a geometry collection cannot be added as a feature")]
    Collection,
    /// No features were given to delete.
    #[error("no features to delete")]
    NothingToDelete,
}

/// The edit that moves `vertex` of feature `feature` to `to` (map CRS).
pub fn move_vertex_edit(
    layer: &Layer,
    feature: usize,
    vertex: VertexRef,
    to: Coord,
) -> Result<Edit, EditingError> {
    let old = geometry_of(layer, feature)?;
    let new = move_vertex(old, vertex, to)?;
    reshape_edit(layer, feature, EditKind::MoveVertex, old, new)
}

/// The edit that inserts a vertex at `at` on `edge` of feature `feature`.
pub fn insert_vertex_edit(
    layer: &Layer,
    feature: usize,
    edge: EdgeRef,
    at: Coord,
) -> Result<Edit, EditingError> {
    let old = geometry_of(layer, feature)?;
    let new = insert_vertex(old, edge, at)?;
    reshape_edit(layer, feature, EditKind::InsertVertex, old, new)
}

/// The edit that deletes `vertex` of feature `feature`; refused when a ring would keep fewer than three
/// distinct corners or a line fewer than two points.
pub fn delete_vertex_edit(
    layer: &Layer,
    feature: usize,
    vertex: VertexRef,
) -> Result<Edit, EditingError> {
    let old = geometry_of(layer, feature)?;
    let new = delete_vertex(old, vertex)?;
    reshape_edit(layer, feature, EditKind::DeleteVertex, old, new)
}

/// The edit that moves feature `feature` by `dx_m`, `dy_m` metres.
pub fn move_feature_edit(
    layer: &Layer,
    feature: usize,
    dx_m: f64,
    dy_m: f64,
) -> Result<Edit, EditingError> {
    let old = geometry_of(layer, feature)?;
    let new = translate(old, dx_m, dy_m)?;
    reshape_edit(layer, feature, EditKind::MoveFeature, old, new)
}

/// The edit that splits feature `feature` by `line`: the largest piece stays in the feature (with its
/// attributes, source record and place), each other piece becomes a new feature at the end of the layer
/// with the same attributes and no source record. One undo step takes the pieces away and gives the
/// feature its shape back.
pub fn split_polygon_edit(
    layer: &Layer,
    feature: usize,
    line: &LineString,
) -> Result<Edit, EditingError> {
    let source = layer
        .features
        .get(feature)
        .ok_or(EditingError::NoSuchFeature(feature))?;
    let mut pieces = split_geometry(&source.geometry_in_map, line)?.into_iter();
    let Some(first) = pieces.next() else {
        return Err(SplitError::DoesNotCross.into());
    };
    let mut edits = vec![Edit::SetGeometry {
        layer: layer.id,
        feature,
        geometry: Box::new(first),
    }];
    edits.extend(
        pieces
            .enumerate()
            .map(|(offset, piece)| Edit::InsertFeature {
                layer: layer.id,
                position: layer.features.len() + offset,
                feature: Box::new(Feature::new(piece, source.attributes.clone())),
            }),
    );
    Ok(Edit::Group {
        kind: EditKind::SplitPolygon,
        edits,
    })
}

/// The edit that deletes the features at `positions` (any order, repeats ignored): one group removing them
/// from the last to the first, so each position still means the feature it meant.
pub fn delete_features_edit(layer: &Layer, positions: &[usize]) -> Result<Edit, EditingError> {
    let mut sorted = positions.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    if let Some(&missing) = sorted
        .iter()
        .find(|&&position| position >= layer.features.len())
    {
        return Err(EditingError::NoSuchFeature(missing));
    }
    if sorted.is_empty() {
        return Err(EditingError::NothingToDelete);
    }
    Ok(Edit::Group {
        kind: EditKind::DeleteFeatures,
        edits: sorted
            .into_iter()
            .map(|position| Edit::RemoveFeature {
                layer: layer.id,
                position,
            })
            .collect(),
    })
}

/// The edit that adds a drawn feature at the end of the layer, with no value (null) in every field. The
/// geometry must match the layer's kind (a line does not go into a polygon layer), have finite coordinates,
/// lines at least two distinct points, and be a valid polygon (every ring at least three distinct corners).
/// In a layer of multi-geometries a single one is wrapped, so the layer keeps one geometry type.
pub fn add_feature_edit(layer: &Layer, geometry: Geometry) -> Result<Edit, EditingError> {
    let drawn = GeometryKind::of(&geometry).ok_or(EditingError::Collection)?;
    if let Some(kind) = GeometryKind::of_layer(layer)
        && kind != drawn
    {
        return Err(EditingError::WrongGeometryKind { layer: kind, drawn });
    }
    check_drawn(&geometry)?;
    let geometry = conform_to_layer(layer, geometry);
    let attributes = vec![AttributeValue::Null; layer.fields.len()];
    Ok(Edit::InsertFeature {
        layer: layer.id,
        position: layer.features.len(),
        feature: Box::new(Feature::new(geometry, attributes)),
    })
}

/// The geometry of feature `feature`.
fn geometry_of(layer: &Layer, feature: usize) -> Result<&Geometry, EditingError> {
    layer
        .features
        .get(feature)
        .map(|source| &source.geometry_in_map)
        .ok_or(EditingError::NoSuchFeature(feature))
}

/// A one-edit group of `kind` giving feature `feature` the geometry `new`, unless `new` is an invalid polygon
/// and `old` was valid.
fn reshape_edit(
    layer: &Layer,
    feature: usize,
    kind: EditKind,
    old: &Geometry,
    new: Geometry,
) -> Result<Edit, EditingError> {
    if let Err(reason) = check_geometry(&new)
        && check_geometry(old).is_ok()
    {
        return Err(reason.into());
    }
    Ok(Edit::Group {
        kind,
        edits: vec![Edit::SetGeometry {
            layer: layer.id,
            feature,
            geometry: Box::new(new),
        }],
    })
}

/// Checks a drawn geometry: finite coordinates, lines of two distinct points, valid polygons.
fn check_drawn(geometry: &Geometry) -> Result<(), EditingError> {
    if geometry
        .coords_iter()
        .any(|c| !(c.x.is_finite() && c.y.is_finite()))
    {
        return Err(GeometryEditError::NonFinite.into());
    }
    let lines: Vec<&LineString> = match geometry {
        Geometry::LineString(line) => vec![line],
        Geometry::MultiLineString(lines) => lines.0.iter().collect(),
        _ => Vec::new(),
    };
    for (part, line) in lines.iter().enumerate() {
        let mut points = line.0.clone();
        points.dedup();
        if points.len() < 2 {
            return Err(GeometryEditError::TooFewPoints { part }.into());
        }
    }
    if geometry.coords_count() == 0 {
        return Err(GeometryEditError::TooFewPoints { part: 0 }.into());
    }
    check_geometry(geometry)?;
    Ok(())
}

/// `geometry` wrapped into its multi-geometry when the layer's first feature is one.
fn conform_to_layer(layer: &Layer, geometry: Geometry) -> Geometry {
    let layer_is_multi = layer
        .features
        .iter()
        .map(|feature| &feature.geometry_in_map)
        .find(|existing| GeometryKind::of(existing).is_some())
        .is_some_and(|existing| {
            matches!(
                existing,
                Geometry::MultiPoint(_) | Geometry::MultiLineString(_) | Geometry::MultiPolygon(_)
            )
        });
    if !layer_is_multi {
        return geometry;
    }
    match geometry {
        Geometry::Point(point) => Geometry::MultiPoint(MultiPoint(vec![point])),
        Geometry::LineString(line) => Geometry::MultiLineString(MultiLineString(vec![line])),
        Geometry::Polygon(polygon) => Geometry::MultiPolygon(MultiPolygon(vec![polygon])),
        other => other,
    }
}
