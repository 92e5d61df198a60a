//! Layer groups: named sets of layers (the layers of one package, such as `QuyHoach.gpkg`) that the layer
//! panel shows under one folding header, shows or hides at once and moves as a whole.
//!
//! A group is not a separate object: a layer belongs to the group its [`Layer::group`] names, so adding,
//! removing and undoing layers carries their group with them, and [`Edit::SetLayerGroup`] changes it. The
//! group's order is its layers' order: a group is a run of consecutive layers with the same group name, and
//! the edits built here keep runs together (a group moves past the whole item next to it; a layer of a group
//! moves only inside it; a layer outside groups jumps over a whole group). Showing or hiding a group sets
//! each of its layers' visibility, so a group is visible when its layers are. Each of these is one
//! undoable step of existing layer edits ([`Edit::Group`] of [`Edit::SetVisible`], [`Edit::MoveLayer`],
//! [`Edit::RemoveLayer`]).
//!
//! Whether a group is folded in the panel is view state kept with the project, like the camera: changing it
//! is not an edit and does not make the project unsaved.

use super::Session;
use super::edit::{Edit, EditKind};
use crate::core::layer::{Layer, LayerId};

/// One entry of the layer list: a layer outside groups, or a run of consecutive layers of one group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerTreeItem {
    /// The layer at this drawing position (0 = bottom).
    Layer(usize),
    /// A group and the drawing positions of its layers (consecutive, bottom first).
    Group {
        /// The group's name.
        name: String,
        /// Drawing positions of its layers, bottom first.
        positions: Vec<usize>,
    },
}

impl LayerTreeItem {
    /// The drawing positions the item covers, bottom first.
    pub fn positions(&self) -> Vec<usize> {
        match self {
            Self::Layer(position) => vec![*position],
            Self::Group { positions, .. } => positions.clone(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Layer(_) => 1,
            Self::Group { positions, .. } => positions.len(),
        }
    }
}

/// Whether a group's layers are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupVisibility {
    /// Every layer is drawn.
    All,
    /// Some are drawn, some hidden.
    Some,
    /// None is drawn.
    None,
}

/// The layer list as items, bottom first (see [`LayerTreeItem`]).
pub fn layer_tree(layers: &[Layer]) -> Vec<LayerTreeItem> {
    let mut items: Vec<LayerTreeItem> = Vec::new();
    for (position, layer) in layers.iter().enumerate() {
        match (&layer.group, items.last_mut()) {
            (Some(group), Some(LayerTreeItem::Group { name, positions })) if name == group => {
                positions.push(position)
            }
            (Some(group), _) => items.push(LayerTreeItem::Group {
                name: group.clone(),
                positions: vec![position],
            }),
            (None, _) => items.push(LayerTreeItem::Layer(position)),
        }
    }
    items
}

impl Session {
    /// The layer list as items, bottom first (see [`LayerTreeItem`]).
    pub fn layer_tree(&self) -> Vec<LayerTreeItem> {
        layer_tree(&self.layers)
    }

    /// The names of the groups that have layers, in drawing order of their lowest layer.
    pub fn group_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for group in self.layers.iter().filter_map(|layer| layer.group.as_ref()) {
            if !names.contains(group) {
                names.push(group.clone());
            }
        }
        names
    }

    /// The layers of group `name`, bottom first.
    pub fn group_layers(&self, name: &str) -> Vec<LayerId> {
        self.layers
            .iter()
            .filter(|layer| layer.group.as_deref() == Some(name))
            .map(|layer| layer.id)
            .collect()
    }

    /// Whether the layers of group `name` are drawn (`None` for a group without layers).
    pub fn group_visibility(&self, name: &str) -> Option<GroupVisibility> {
        let mut members = self
            .layers
            .iter()
            .filter(|layer| layer.group.as_deref() == Some(name))
            .peekable();
        members.peek()?;
        let (shown, hidden) = members.fold((0, 0), |(shown, hidden), layer| match layer.visible {
            true => (shown + 1, hidden),
            false => (shown, hidden + 1),
        });
        Some(match (shown, hidden) {
            (_, 0) => GroupVisibility::All,
            (0, _) => GroupVisibility::None,
            _ => GroupVisibility::Some,
        })
    }

    /// Whether the layer panel shows group `name` folded.
    pub fn is_group_collapsed(&self, name: &str) -> bool {
        self.collapsed_groups.contains(name)
    }

    /// Folds or unfolds group `name` in the layer panel. Not an edit (see the module documentation).
    pub fn set_group_collapsed(&mut self, name: &str, collapsed: bool) {
        match collapsed {
            true => self.collapsed_groups.insert(name.to_string()),
            false => self.collapsed_groups.remove(name),
        };
    }

    /// `wanted` if no layer is in a group of that name and `also_taken` does not hold it, else `wanted (2)`,
    /// `wanted (3)`, …: a package opened twice makes two groups.
    pub fn unique_group_name(&self, wanted: &str, also_taken: &[String]) -> String {
        let taken = self.group_names();
        let mut name = wanted.to_string();
        let mut number = 2;
        while taken.contains(&name) || also_taken.contains(&name) {
            name = format!("{wanted} ({number})");
            number += 1;
        }
        name
    }

    /// The step that shows (or hides) every layer of group `name`, or `None` when nothing would change.
    pub fn group_visibility_edit(&self, name: &str, visible: bool) -> Option<Edit> {
        let edits: Vec<Edit> = self
            .layers
            .iter()
            .filter(|layer| layer.group.as_deref() == Some(name) && layer.visible != visible)
            .map(|layer| Edit::SetVisible(layer.id, visible))
            .collect();
        (!edits.is_empty()).then_some(Edit::Group {
            kind: EditKind::GroupVisibility,
            edits,
        })
    }

    /// The step that moves group `name` (its lowest run of layers) up (towards the top of the drawing
    /// order) or down past the whole item next to it, or `None` when it is at that end already.
    pub fn move_group_edit(&self, name: &str, up: bool) -> Option<Edit> {
        let items = self.layer_tree();
        let at = items.iter().position(
            |item| matches!(item, LayerTreeItem::Group { name: group, .. } if group == name),
        )?;
        let run = items.get(at)?.positions();
        let (first, last) = (*run.first()?, *run.last()?);
        let edits: Vec<Edit> = match up {
            true => {
                let step = items.get(at + 1)?.len();
                (first..=last)
                    .rev()
                    .map(|position| Edit::MoveLayer(self.layers[position].id, position + step))
                    .collect()
            }
            false => {
                let step = items.get(at.checked_sub(1)?)?.len();
                (first..=last)
                    .map(|position| Edit::MoveLayer(self.layers[position].id, position - step))
                    .collect()
            }
        };
        Some(Edit::Group {
            kind: EditKind::MoveGroup,
            edits,
        })
    }

    /// The step that moves layer `id` one place up or down in the layer list, keeping groups together: a
    /// layer of a group moves only inside its group; a layer outside groups moves past the whole item next
    /// to it. `None` when it cannot move that way.
    pub fn move_layer_edit(&self, id: LayerId, up: bool) -> Option<Edit> {
        let position = self.position_of(id)?;
        let items = self.layer_tree();
        let at = items
            .iter()
            .position(|item| item.positions().contains(&position))?;
        let target = match items.get(at)? {
            LayerTreeItem::Group { positions, .. } => match up {
                true => positions
                    .iter()
                    .copied()
                    .find(|other| *other == position + 1)?,
                false => positions
                    .iter()
                    .copied()
                    .find(|other| Some(*other) == position.checked_sub(1))?,
            },
            LayerTreeItem::Layer(_) => match up {
                true => position + items.get(at + 1)?.len(),
                false => position - items.get(at.checked_sub(1)?)?.len(),
            },
        };
        Some(Edit::MoveLayer(id, target))
    }

    /// The step that removes every layer of group `name`, or `None` when it has none. Undo puts them back
    /// where they were.
    pub fn remove_group_edit(&self, name: &str) -> Option<Edit> {
        let edits: Vec<Edit> = self
            .group_layers(name)
            .into_iter()
            .rev()
            .map(Edit::RemoveLayer)
            .collect();
        (!edits.is_empty()).then_some(Edit::Group {
            kind: EditKind::RemoveGroup,
            edits,
        })
    }

    /// The group `edit` concerns: that of the first layer it adds, regroups or touches which has one.
    pub(super) fn group_of_edit(&self, edit: &Edit) -> Option<String> {
        match edit {
            Edit::AddLayer { layer, .. } => layer.group.clone(),
            Edit::SetLayerGroup(_, Some(group)) => Some(group.clone()),
            Edit::Group { edits, .. } => edits.iter().find_map(|edit| self.group_of_edit(edit)),
            other => other
                .layer()
                .and_then(|id| self.layer(id))
                .and_then(|layer| layer.group.clone()),
        }
    }

    /// The groups a project file keeps for this session (see [`crate::core::project::ProjectGroup`]).
    pub(super) fn project_groups(&self) -> Vec<crate::core::project::ProjectGroup> {
        self.group_names()
            .into_iter()
            .map(|name| crate::core::project::ProjectGroup {
                collapsed: self.is_group_collapsed(&name),
                name,
            })
            .collect()
    }

    /// Takes the folded groups of a project file (while it opens).
    pub(super) fn take_project_groups(&mut self, groups: &[crate::core::project::ProjectGroup]) {
        self.collapsed_groups = groups
            .iter()
            .filter(|group| group.collapsed)
            .map(|group| group.name.clone())
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use geo::{Geometry, Point};

    use super::*;
    use crate::core::crs::MAP_CRS;
    use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};

    /// A session with layers (bottom first) named by `names`, each in the group given beside it.
    fn session_of(layers: &[(&str, Option<&str>)]) -> Session {
        let mut session = Session::new("Nhóm");
        for (name, group) in layers {
            let data = LayerData {
                name: name.to_string(),
                source_path: None,
                crs: MAP_CRS,
                crs_origin: CrsOrigin::Declared,
                fields: Vec::new(),
                features: vec![SourceFeature {
                    geometry: Geometry::Point(Point::new(600_000.0, 2_300_000.0)),
                    attributes: Vec::new(),
                }],
                text_encoding: None,
                notes: Vec::new(),
            };
            let mut layer = Layer::prepare(data, &mut |_| {}).expect("layer");
            layer.group = group.map(str::to_string);
            session
                .edit(Edit::AddLayer {
                    layer: Box::new(layer),
                    position: None,
                })
                .expect("added");
        }
        session.reset_history();
        session
    }

    fn names(session: &Session) -> Vec<String> {
        session
            .layers()
            .iter()
            .map(|layer| layer.name.clone())
            .collect()
    }

    /// Applies the edit `build` makes from the session (there must be one).
    fn apply(session: &mut Session, build: impl FnOnce(&Session) -> Option<Edit>) {
        let edit = build(session).expect("an edit");
        session.edit(edit).expect("applied");
    }

    const G: Option<&str> = Some("Goi.gpkg");

    #[test]
    fn runs_of_one_group_are_one_item() {
        let session = session_of(&[("a", None), ("b", G), ("c", G), ("d", None)]);
        assert_eq!(
            session.layer_tree(),
            [
                LayerTreeItem::Layer(0),
                LayerTreeItem::Group {
                    name: "Goi.gpkg".into(),
                    positions: vec![1, 2]
                },
                LayerTreeItem::Layer(3),
            ]
        );
        assert_eq!(session.group_names(), ["Goi.gpkg"]);
        assert_eq!(session.unique_group_name("Goi.gpkg", &[]), "Goi.gpkg (2)");
        assert_eq!(session.unique_group_name("Khac.gdb", &[]), "Khac.gdb");
        let loading = ["Khac.gdb".to_string(), "Khac.gdb (2)".to_string()];
        assert_eq!(
            session.unique_group_name("Khac.gdb", &loading),
            "Khac.gdb (3)"
        );
    }

    #[test]
    fn a_group_moves_past_whole_items_and_undoes_in_one_step() {
        let mut session = session_of(&[("a", None), ("b", G), ("c", G), ("d", None)]);
        apply(&mut session, |session| {
            session.move_group_edit("Goi.gpkg", true)
        });
        assert_eq!(names(&session), ["a", "d", "b", "c"]);
        assert_eq!(session.move_group_edit("Goi.gpkg", true).map(|_| ()), None);
        apply(&mut session, |session| {
            session.move_group_edit("Goi.gpkg", false)
        });
        apply(&mut session, |session| {
            session.move_group_edit("Goi.gpkg", false)
        });
        assert_eq!(names(&session), ["b", "c", "a", "d"]);
        // A layer outside groups jumps over the whole group; one inside stays inside.
        let a = session.layers()[2].id;
        apply(&mut session, |session| session.move_layer_edit(a, false));
        assert_eq!(names(&session), ["a", "b", "c", "d"]);
        let c = session.layers()[2].id;
        assert!(
            session.move_layer_edit(c, true).is_none(),
            "top of its group"
        );
        apply(&mut session, |session| session.move_layer_edit(c, false));
        assert_eq!(names(&session), ["a", "c", "b", "d"]);
        for _ in 0..5 {
            session.undo().expect("undo");
        }
        assert_eq!(names(&session), ["a", "b", "c", "d"]);
        assert!(!session.is_modified());
    }

    #[test]
    fn showing_and_hiding_a_group_is_one_step_named_after_it() {
        let mut session = session_of(&[("a", None), ("b", G), ("c", G)]);
        assert_eq!(
            session.group_visibility("Goi.gpkg"),
            Some(GroupVisibility::All)
        );
        apply(&mut session, |session| {
            session.group_visibility_edit("Goi.gpkg", false)
        });
        assert_eq!(
            session.group_visibility("Goi.gpkg"),
            Some(GroupVisibility::None)
        );
        assert!(session.layers()[0].visible, "other layers untouched");
        let label = session.undo_label().expect("a step");
        assert_eq!(label.kind, EditKind::GroupVisibility);
        assert_eq!(label.layer_name.as_deref(), Some("Goi.gpkg"));
        assert!(session.group_visibility_edit("Goi.gpkg", false).is_none());
        session.undo().expect("undo");
        assert_eq!(
            session.group_visibility("Goi.gpkg"),
            Some(GroupVisibility::All)
        );
        let b = session.layers()[1].id;
        session.edit(Edit::SetVisible(b, false)).expect("hide one");
        assert_eq!(
            session.group_visibility("Goi.gpkg"),
            Some(GroupVisibility::Some)
        );
        assert_eq!(session.group_visibility("Khac"), None);
    }

    #[test]
    fn removing_a_group_comes_back_in_place_and_folding_is_not_an_edit() {
        let mut session = session_of(&[("a", None), ("b", G), ("c", G), ("d", None)]);
        session.set_group_collapsed("Goi.gpkg", true);
        assert!(session.is_group_collapsed("Goi.gpkg"));
        assert!(!session.is_modified(), "folding is view state");
        apply(&mut session, |session| {
            session.remove_group_edit("Goi.gpkg")
        });
        assert_eq!(names(&session), ["a", "d"]);
        assert!(session.project_groups().is_empty());
        session.undo().expect("undo");
        assert_eq!(names(&session), ["a", "b", "c", "d"]);
        assert_eq!(
            session.project_groups(),
            [crate::core::project::ProjectGroup {
                name: "Goi.gpkg".into(),
                collapsed: true
            }]
        );
        let d = session.layers()[3].id;
        session
            .edit(Edit::SetLayerGroup(d, Some("Goi.gpkg".into())))
            .expect("regroup");
        assert_eq!(session.group_layers("Goi.gpkg").len(), 3);
        session.undo().expect("undo");
        assert_eq!(session.group_layers("Goi.gpkg").len(), 2);
    }
}
