//! The one edit type: every change a planner makes to an open project — a layer's style or place in the
//! drawing order, a slide, a review pin, a proposed site, an analysis setting, an attribute value, a vertex —
//! is one value of [`Edit`]. [`super::Session::edit`] applies it and keeps the inverse that undoes it (the
//! A/B Street `EditCmd` model), so undo and redo work the same way for all of them.
//!
//! Each edit also carries a typed [`EditKind`], which the app turns into a menu label in the interface's
//! language ("Hoàn tác: đổi màu lớp …"); the core never writes user-facing text for it.

use geo::Geometry;
use uuid::Uuid;

use crate::core::attributes::AttributeValue;
use crate::core::crs::Crs;
use crate::core::layer::{CrsOrigin, Feature, Layer, LayerId};
use crate::core::project::analysis_settings::{AnalysisSettings, ProposedSiteSetting};
use crate::core::project::{Language, SavedView, Slide};
use crate::core::review::{PinVersion, VersionKey};
use crate::core::style::Style;

/// One change to the open project. Positions of features are their places in the layer's feature list at the
/// moment the edit is applied; geometries are in the map CRS (EPSG:9210).
#[derive(Debug)]
pub enum Edit {
    /// Puts a layer into the project at a drawing position (on top when `None`). A layer whose id is
    /// `LayerId(0)` gets a fresh id; a layer that comes back through undo keeps its own.
    AddLayer {
        /// The prepared layer.
        layer: Box<Layer>,
        /// Drawing position (0 = bottom).
        position: Option<usize>,
    },
    /// Takes a layer out of the project.
    RemoveLayer(LayerId),
    /// Shows or hides a layer.
    SetVisible(LayerId, bool),
    /// Sets a layer's opacity (clamped to 0..1).
    SetOpacity(LayerId, f32),
    /// Moves a layer to a drawing position (0 = bottom).
    MoveLayer(LayerId, usize),
    /// Renames a layer.
    Rename(LayerId, String),
    /// Replaces a layer's style.
    SetStyle(LayerId, Box<Style>),
    /// Puts a layer into a layer group (by the group's name), or takes it out of any with `None`. Its place
    /// in the drawing order does not change.
    SetLayerGroup(LayerId, Option<String>),
    /// Declares the CRS of a layer's source coordinates and reprojects it.
    SetLayerCrs {
        /// The layer.
        layer: LayerId,
        /// The CRS of its source coordinates.
        crs: Crs,
        /// Who said so.
        origin: CrsOrigin,
    },
    /// Replaces a layer's data with another copy (e.g. reread with another text encoding), keeping its id,
    /// name, style, visibility, opacity and place in the drawing order.
    ReplaceLayerData(LayerId, Box<Layer>),
    /// Sets one attribute value of one feature.
    SetAttribute {
        /// The layer.
        layer: LayerId,
        /// The feature's position.
        feature: usize,
        /// The field's position.
        field: usize,
        /// The new value.
        value: AttributeValue,
    },
    /// Gives one feature a new geometry (map CRS).
    SetGeometry {
        /// The layer.
        layer: LayerId,
        /// The feature's position.
        feature: usize,
        /// The new geometry.
        geometry: Box<Geometry>,
    },
    /// Puts back one feature's earlier geometry or attribute value together with its earlier edit stamp: the
    /// inverse of [`Edit::SetAttribute`] and [`Edit::SetGeometry`] (so a feature undone to what was saved
    /// counts as unchanged again).
    RestoreFeature {
        /// The layer.
        layer: LayerId,
        /// The feature's position.
        feature: usize,
        /// The geometry to put back, if the geometry changed.
        geometry: Option<Box<Geometry>>,
        /// The field position and value to put back, if an attribute changed.
        attribute: Option<(usize, AttributeValue)>,
        /// The feature's edit stamp to put back.
        edit_stamp: u64,
    },
    /// Inserts a feature at a position (the end when the position is the feature count).
    InsertFeature {
        /// The layer.
        layer: LayerId,
        /// Where it goes.
        position: usize,
        /// The feature (map CRS); its attributes must have one value per field.
        feature: Box<Feature>,
    },
    /// Removes the feature at a position.
    RemoveFeature {
        /// The layer.
        layer: LayerId,
        /// The feature's position.
        position: usize,
    },
    /// Sets the project's title.
    SetTitle(String),
    /// Sets the layer "zoom to city" frames, by name.
    SetHomeLayer(Option<String>),
    /// Sets the interface language the project keeps.
    SetLanguage(Language),
    /// Replaces the named views.
    SetViews(Vec<SavedView>),
    /// Inserts a slide at a position in the show.
    InsertSlide {
        /// Where it goes (the end when past it).
        position: usize,
        /// The slide.
        slide: Box<Slide>,
    },
    /// Removes the slide at a position.
    RemoveSlide(usize),
    /// Replaces the slide at a position (title, note, view, annotations).
    ReplaceSlide {
        /// The slide's position.
        position: usize,
        /// Its new content.
        slide: Box<Slide>,
    },
    /// Moves a slide from one position to another.
    MoveSlide {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Adds one version to a review pin (a new pin when the id is new). Pins keep every version, so this is
    /// how pins are dropped, edited, deleted and merged.
    PutPinVersion {
        /// The pin.
        id: Uuid,
        /// The version.
        version: Box<PinVersion>,
    },
    /// Takes one version off a review pin (the pin disappears with its last version): the inverse of
    /// [`Edit::PutPinVersion`].
    RemovePinVersion {
        /// The pin.
        id: Uuid,
        /// Which version.
        key: VersionKey,
    },
    /// Replaces the coverage analysis settings (layers, types, radii, fields, thresholds).
    SetAnalysis(Box<AnalysisSettings>),
    /// Adds a proposed site of the what-if analysis with this id.
    AddProposal {
        /// The site's id (unique in the session).
        id: u64,
        /// Its type and position.
        site: ProposedSiteSetting,
    },
    /// Removes a proposed site.
    RemoveProposal(u64),
    /// Moves a proposed site.
    MoveProposal {
        /// The site.
        id: u64,
        /// Its new position `[x, y]` in the map CRS, metres.
        to_in_map: [f64; 2],
    },
    /// Several edits that are done and undone as one step (a drag, a paste into many rows, a split).
    Group {
        /// What the step is called in the undo menu.
        kind: EditKind,
        /// The edits, applied in order (undone in reverse order).
        edits: Vec<Edit>,
    },
}

/// What an edit does, for the undo and redo menu items; the app translates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// A layer was added.
    AddLayer,
    /// A layer was removed.
    RemoveLayer,
    /// A layer was shown or hidden.
    Visibility,
    /// A layer's opacity changed.
    Opacity,
    /// A layer moved in the drawing order.
    Reorder,
    /// A layer was renamed.
    Rename,
    /// A layer's style changed.
    Style,
    /// A layer's CRS was declared.
    LayerCrs,
    /// A layer was reread.
    ReloadLayer,
    /// An attribute value changed.
    Attribute,
    /// Values of one field changed in several rows.
    AttributeColumn,
    /// A feature's geometry changed (moved, reshaped).
    Geometry,
    /// A vertex was moved.
    MoveVertex,
    /// A vertex was inserted.
    InsertVertex,
    /// A vertex was deleted.
    DeleteVertex,
    /// A feature was moved as a whole.
    MoveFeature,
    /// A feature was added.
    AddFeature,
    /// Features were deleted.
    DeleteFeatures,
    /// A polygon was split by a line.
    SplitPolygon,
    /// The title changed.
    Title,
    /// The home layer changed.
    HomeLayer,
    /// The project's language changed.
    Language,
    /// The saved views changed.
    Views,
    /// A slide was added.
    AddSlide,
    /// A slide was removed.
    RemoveSlide,
    /// A slide was changed.
    EditSlide,
    /// A slide moved in the show.
    MoveSlide,
    /// A slide's view was applied to the layers.
    ApplyView,
    /// A review pin was dropped, edited or deleted.
    Pin,
    /// Review pins were merged from a file.
    MergePins,
    /// The analysis settings changed.
    AnalysisSettings,
    /// A proposed site was added.
    AddProposal,
    /// A proposed site was removed.
    RemoveProposal,
    /// A proposed site was moved.
    MoveProposal,
    /// Accepted site suggestions.
    AcceptSuggestions,
    /// A package (a GeoPackage, a File Geodatabase, a planning dossier) was opened as a layer group.
    OpenPackage,
    /// A layer group was shown or hidden as a whole.
    GroupVisibility,
    /// A layer group moved in the drawing order as a whole.
    MoveGroup,
    /// A layer group was removed with its layers.
    RemoveGroup,
    /// A layer was put into a layer group or taken out of one.
    LayerGroup,
}

impl EditKind {
    /// True for the steps that concern a layer group as a whole: their label names the group, not a layer.
    pub fn concerns_group(self) -> bool {
        matches!(
            self,
            Self::OpenPackage | Self::GroupVisibility | Self::MoveGroup | Self::RemoveGroup
        )
    }
}

impl Edit {
    /// What this edit does.
    pub fn kind(&self) -> EditKind {
        match self {
            Self::AddLayer { .. } => EditKind::AddLayer,
            Self::RemoveLayer(_) => EditKind::RemoveLayer,
            Self::SetVisible(..) => EditKind::Visibility,
            Self::SetOpacity(..) => EditKind::Opacity,
            Self::MoveLayer(..) => EditKind::Reorder,
            Self::Rename(..) => EditKind::Rename,
            Self::SetStyle(..) => EditKind::Style,
            Self::SetLayerGroup(..) => EditKind::LayerGroup,
            Self::SetLayerCrs { .. } => EditKind::LayerCrs,
            Self::ReplaceLayerData(..) => EditKind::ReloadLayer,
            Self::SetAttribute { .. } => EditKind::Attribute,
            Self::SetGeometry { .. } => EditKind::Geometry,
            Self::RestoreFeature { geometry, .. } => match geometry {
                Some(_) => EditKind::Geometry,
                None => EditKind::Attribute,
            },
            Self::InsertFeature { .. } => EditKind::AddFeature,
            Self::RemoveFeature { .. } => EditKind::DeleteFeatures,
            Self::SetTitle(_) => EditKind::Title,
            Self::SetHomeLayer(_) => EditKind::HomeLayer,
            Self::SetLanguage(_) => EditKind::Language,
            Self::SetViews(_) => EditKind::Views,
            Self::InsertSlide { .. } => EditKind::AddSlide,
            Self::RemoveSlide(_) => EditKind::RemoveSlide,
            Self::ReplaceSlide { .. } => EditKind::EditSlide,
            Self::MoveSlide { .. } => EditKind::MoveSlide,
            Self::PutPinVersion { .. } | Self::RemovePinVersion { .. } => EditKind::Pin,
            Self::SetAnalysis(_) => EditKind::AnalysisSettings,
            Self::AddProposal { .. } => EditKind::AddProposal,
            Self::RemoveProposal(_) => EditKind::RemoveProposal,
            Self::MoveProposal { .. } => EditKind::MoveProposal,
            Self::Group { kind, .. } => *kind,
        }
    }

    /// The layer this edit concerns, when it concerns exactly one (for the undo label's layer name).
    pub fn layer(&self) -> Option<LayerId> {
        match self {
            Self::AddLayer { layer, .. } => Some(layer.id),
            Self::RemoveLayer(id)
            | Self::SetVisible(id, _)
            | Self::SetOpacity(id, _)
            | Self::MoveLayer(id, _)
            | Self::Rename(id, _)
            | Self::SetStyle(id, _)
            | Self::SetLayerGroup(id, _)
            | Self::ReplaceLayerData(id, _) => Some(*id),
            Self::SetLayerCrs { layer, .. }
            | Self::SetAttribute { layer, .. }
            | Self::SetGeometry { layer, .. }
            | Self::RestoreFeature { layer, .. }
            | Self::InsertFeature { layer, .. }
            | Self::RemoveFeature { layer, .. } => Some(*layer),
            Self::Group { edits, .. } => {
                let first = edits.first()?.layer()?;
                edits
                    .iter()
                    .all(|edit| edit.layer() == Some(first))
                    .then_some(first)
            }
            _ => None,
        }
    }

    /// What a drag keeps changing: the edit's kind, layer and item (feature position, proposed site id). Edits
    /// of one drag have the same key (see [`super::Session::edit_continuing`]).
    pub fn drag_key(&self) -> (EditKind, Option<LayerId>, Option<u64>) {
        let item = match self {
            Self::SetGeometry { feature, .. } | Self::SetAttribute { feature, .. } => {
                Some(*feature as u64)
            }
            Self::MoveProposal { id, .. } => Some(*id),
            _ => None,
        };
        (self.kind(), self.layer(), item)
    }

    /// True when the edit changes a layer's features (attributes or geometry): such a layer has unsaved
    /// data edits until it is written back to its source.
    pub fn touches_features(&self) -> bool {
        match self {
            Self::SetAttribute { .. }
            | Self::SetGeometry { .. }
            | Self::RestoreFeature { .. }
            | Self::InsertFeature { .. }
            | Self::RemoveFeature { .. } => true,
            Self::Group { edits, .. } => edits.iter().any(Edit::touches_features),
            _ => false,
        }
    }
}

/// The label of one undo or redo step: what it does and the name of the layer it concerns, if one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditLabel {
    /// What the step does.
    pub kind: EditKind,
    /// The layer's name at the time of the edit, when the step concerns one layer; the group's name when
    /// it concerns a layer group as a whole (see [`EditKind::concerns_group`]).
    pub layer_name: Option<String>,
}
