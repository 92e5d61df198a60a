//! A what-if session: the coverage model of existing sites plus proposed sites that the planner adds, moves
//! and deletes, with undo and redo, and the covered/gap shapes of each unit cached until a change touches it.
//!
//! Edits are recorded as [`SiteEdit`]s holding old and new values, so undo applies the inverse. A drag moves a
//! site live through [`WhatIfSession::preview_move`] (figures update every frame, nothing recorded) and is
//! recorded once, from where the drag started, by [`WhatIfSession::commit_move`].

use std::collections::BTreeMap;

use geo::Coord;
use serde::Serialize;

use super::coverage::Disc;
use super::coverage_model::{CoverageError, CoverageModel, DiscId};
use super::gaps::{GapError, UnitShapes, unit_shapes};
use crate::core::crs::MAP_CRS;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};

/// A site the planner proposes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProposedSite {
    /// Stable id within the session.
    pub id: u64,
    /// Position in map coordinates.
    #[serde(skip)]
    pub center: Coord,
    /// Service type (e.g. "5G").
    pub kind: String,
    /// Service radius in metres.
    pub radius_m: f64,
}

/// One recorded change to the proposed sites.
#[derive(Clone, Debug, PartialEq)]
pub enum SiteEdit {
    /// A site was added.
    Add(ProposedSite),
    /// A site was moved from one position to another.
    Move {
        /// The site.
        id: u64,
        /// Where it was.
        from: Coord,
        /// Where it went.
        to: Coord,
    },
    /// A site was deleted.
    Delete(ProposedSite),
}

impl SiteEdit {
    fn inverse(&self) -> Self {
        match self {
            Self::Add(site) => Self::Delete(site.clone()),
            Self::Delete(site) => Self::Add(site.clone()),
            Self::Move { id, from, to } => Self::Move {
                id: *id,
                from: *to,
                to: *from,
            },
        }
    }
}

/// Existing coverage plus the planner's proposals.
pub struct WhatIfSession {
    model: CoverageModel,
    proposed: BTreeMap<u64, (ProposedSite, DiscId)>,
    next_id: u64,
    undo: Vec<SiteEdit>,
    redo: Vec<SiteEdit>,
    shapes: Vec<Option<Result<UnitShapes, GapError>>>,
    shape_generations: Vec<u64>,
}

impl WhatIfSession {
    /// Starts a session on a model of the existing sites.
    pub fn new(model: CoverageModel) -> Self {
        let shapes = vec![None; model.unit_count()];
        let shape_generations = vec![0; model.unit_count()];
        Self {
            shape_generations,
            model,
            proposed: BTreeMap::new(),
            next_id: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            shapes,
        }
    }

    /// The coverage model (existing and proposed sites together).
    pub fn model(&self) -> &CoverageModel {
        &self.model
    }

    /// The proposed sites as layer data in the map CRS (points with `type`, `radius_m` and `proposed`), for
    /// saving them as a layer.
    pub fn proposed_layer_data(&self, name: &str) -> LayerData {
        use crate::core::attributes::{AttributeValue, infer_field_kinds};
        let rows: Vec<Vec<AttributeValue>> = self
            .proposed()
            .map(|site| {
                vec![
                    AttributeValue::Integer(i64::try_from(site.id).unwrap_or(i64::MAX)),
                    AttributeValue::Text(site.kind.clone()),
                    AttributeValue::Real(site.radius_m),
                    AttributeValue::Bool(true),
                ]
            })
            .collect();
        let fields = infer_field_kinds(
            ["proposal_id", "type", "radius_m", "proposed"]
                .map(String::from)
                .to_vec(),
            &rows,
        );
        let features = self
            .proposed()
            .zip(rows)
            .map(|(site, attributes)| SourceFeature {
                geometry: geo::Geometry::Point(geo::Point(site.center)),
                attributes,
            })
            .collect();
        LayerData {
            name: name.to_string(),
            source_path: None,
            crs: MAP_CRS,
            crs_origin: CrsOrigin::Declared,
            fields,
            features,
            text_encoding: None,
            notes: Vec::new(),
        }
    }

    /// The units whose bounding boxes meet `rect` (e.g. the view).
    pub fn units_in(&self, rect: geo::Rect) -> Vec<usize> {
        self.model.units_touching(&[rect])
    }

    /// The proposed sites, by id.
    pub fn proposed(&self) -> impl Iterator<Item = &ProposedSite> {
        self.proposed.values().map(|(site, _)| site)
    }

    /// The disc id in the model of a proposed site.
    pub fn disc_of(&self, id: u64) -> Option<DiscId> {
        self.proposed.get(&id).map(|(_, disc)| *disc)
    }

    /// Adds a proposed site (recorded for undo). Returns its id.
    pub fn add_site(
        &mut self,
        center: Coord,
        kind: &str,
        radius_m: f64,
    ) -> Result<u64, CoverageError> {
        let site = ProposedSite {
            id: self.next_id,
            center,
            kind: kind.to_string(),
            radius_m,
        };
        self.perform(SiteEdit::Add(site.clone()))?;
        self.next_id += 1;
        self.record(SiteEdit::Add(site));
        Ok(self.next_id - 1)
    }

    /// Deletes a proposed site (recorded for undo).
    pub fn delete_site(&mut self, id: u64) -> Result<(), CoverageError> {
        let Some((site, _)) = self.proposed.get(&id).cloned() else {
            return Ok(());
        };
        self.perform(SiteEdit::Delete(site.clone()))?;
        self.record(SiteEdit::Delete(site));
        Ok(())
    }

    /// Moves a proposed site without recording it (during a drag).
    pub fn preview_move(&mut self, id: u64, to: Coord) -> Result<(), CoverageError> {
        let Some(from) = self.proposed.get(&id).map(|(site, _)| site.center) else {
            return Ok(());
        };
        self.perform(SiteEdit::Move { id, from, to })
    }

    /// Records a finished drag from `from` to the site's current position.
    pub fn commit_move(&mut self, id: u64, from: Coord) {
        if let Some(to) = self.proposed.get(&id).map(|(site, _)| site.center)
            && to != from
        {
            self.record(SiteEdit::Move { id, from, to });
        }
    }

    /// Undoes the last edit. Returns false when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, CoverageError> {
        let Some(edit) = self.undo.pop() else {
            return Ok(false);
        };
        self.perform(edit.inverse())?;
        self.redo.push(edit);
        Ok(true)
    }

    /// Redoes the last undone edit. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, CoverageError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        self.perform(edit.clone())?;
        self.undo.push(edit);
        Ok(true)
    }

    /// True when an edit can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when an edit can be redone.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn record(&mut self, edit: SiteEdit) {
        self.undo.push(edit);
        self.redo.clear();
    }

    fn perform(&mut self, edit: SiteEdit) -> Result<(), CoverageError> {
        let touched = match edit {
            SiteEdit::Add(site) => {
                let disc = Disc {
                    center: site.center,
                    radius_m: site.radius_m,
                };
                let (disc_id, touched) = self.model.add_disc(disc)?;
                self.proposed.insert(site.id, (site, disc_id));
                touched
            }
            SiteEdit::Delete(site) => match self.proposed.remove(&site.id) {
                Some((_, disc_id)) => self.model.remove_disc(disc_id),
                None => Vec::new(),
            },
            SiteEdit::Move { id, to, .. } => match self.proposed.get_mut(&id) {
                Some((site, disc_id)) => {
                    let touched = self.model.move_disc(*disc_id, to)?;
                    site.center = to;
                    touched
                }
                None => Vec::new(),
            },
        };
        for unit in touched {
            if let Some(slot) = self.shapes.get_mut(unit) {
                *slot = None;
            }
            if let Some(generation) = self.shape_generations.get_mut(unit) {
                *generation += 1;
            }
        }
        Ok(())
    }

    /// Increases whenever a unit's shapes change, so drawing caches know to rebuild.
    pub fn shape_generation(&self, unit: usize) -> u64 {
        self.shape_generations.get(unit).copied().unwrap_or(0)
    }

    /// The proposed site nearest to `pt` within `tolerance_m`.
    pub fn proposed_near(&self, pt: Coord, tolerance_m: f64) -> Option<u64> {
        self.proposed
            .values()
            .map(|(site, _)| (site.id, (site.center.x - pt.x).hypot(site.center.y - pt.y)))
            .filter(|(_, distance)| *distance <= tolerance_m)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    }

    /// The covered and gap shapes of a unit, built on first use after each change that touched it.
    pub fn unit_shapes(&mut self, unit: usize) -> Option<&Result<UnitShapes, GapError>> {
        if self.shapes.get(unit)?.is_none() {
            let geometry = self.model.unit_geometry(unit)?;
            let built = unit_shapes(geometry, &self.model.discs_for_unit(unit));
            if let Some(slot) = self.shapes.get_mut(unit) {
                *slot = Some(built);
            }
        }
        self.shapes.get(unit)?.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::analysis::coverage_model::UnitInput;
    use geo::{MultiPolygon, polygon};

    fn session() -> WhatIfSession {
        let unit = UnitInput {
            name: "A".into(),
            geometry: MultiPolygon::new(vec![polygon![
                (x: 0.0, y: 0.0), (x: 10_000.0, y: 0.0), (x: 10_000.0, y: 10_000.0), (x: 0.0, y: 10_000.0)
            ]]),
            population: None,
            class: None,
        };
        WhatIfSession::new(CoverageModel::new(vec![unit], Vec::new()).expect("valid"))
    }

    #[test]
    fn add_move_delete_undo_redo_keep_figures_consistent() {
        let mut session = session();
        let disc_area = std::f64::consts::PI * 1_000.0 * 1_000.0;
        let id = session
            .add_site(
                Coord {
                    x: 5_000.0,
                    y: 5_000.0,
                },
                "4G",
                1_000.0,
            )
            .expect("valid");
        assert!((session.model().totals().covered_m2 - disc_area).abs() < 1e-6);
        session
            .preview_move(id, Coord { x: 0.0, y: 5_000.0 })
            .expect("valid");
        session
            .preview_move(id, Coord { x: 0.0, y: 0.0 })
            .expect("valid");
        session.commit_move(
            id,
            Coord {
                x: 5_000.0,
                y: 5_000.0,
            },
        );
        assert!(
            (session.model().totals().covered_m2 - disc_area / 4.0).abs() < 1e-6,
            "a quarter in the corner"
        );
        session.delete_site(id).expect("valid");
        assert_eq!(session.model().totals().covered_m2, 0.0);
        assert!(session.undo().expect("undo delete"));
        assert!((session.model().totals().covered_m2 - disc_area / 4.0).abs() < 1e-6);
        assert!(session.undo().expect("undo the drag as one step"));
        assert!((session.model().totals().covered_m2 - disc_area).abs() < 1e-6);
        assert!(session.undo().expect("undo add"));
        assert_eq!(session.model().totals().covered_m2, 0.0);
        assert!(!session.undo().expect("nothing left"));
        assert!(session.redo().expect("redo add"));
        assert!(session.redo().expect("redo move"));
        assert!((session.model().totals().covered_m2 - disc_area / 4.0).abs() < 1e-6);
    }

    #[test]
    fn shapes_are_rebuilt_after_a_change() {
        let mut session = session();
        let gaps_before = match session.unit_shapes(0) {
            Some(Ok(shapes)) => shapes.gaps.0.len(),
            other => panic!("shapes expected, got {other:?}"),
        };
        assert_eq!(gaps_before, 1, "the whole unit is one gap");
        session
            .add_site(
                Coord {
                    x: 5_000.0,
                    y: 5_000.0,
                },
                "4G",
                1_000.0,
            )
            .expect("valid");
        let covered = match session.unit_shapes(0) {
            Some(Ok(shapes)) => geo::Area::unsigned_area(&shapes.covered),
            other => panic!("shapes expected, got {other:?}"),
        };
        assert!(covered > 3.1e6 && covered < 3.16e6, "{covered}");
    }
}
