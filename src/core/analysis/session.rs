//! A what-if session: the coverage model of existing sites plus the planner's proposed sites, and the
//! covered/gap shapes of each unit cached until a change touches it.
//!
//! The proposed sites themselves belong to the project session (where adding, moving and deleting them are
//! undoable edits); this model mirrors them: [`WhatIfSession::sync_proposals`] adds, moves and removes the
//! discs that differ, updating only the units they touch. A drag moves a site live through
//! [`WhatIfSession::preview_move`] (figures update every frame) before the drop becomes one edit.

use std::collections::BTreeMap;

use geo::Coord;
use serde::Serialize;

use super::coverage::Disc;
use super::coverage_model::{CoverageError, CoverageModel, DiscId};
use super::gaps::{GapError, UnitShapes, unit_shapes};
use crate::core::crs::MAP_CRS;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::project::analysis_settings::ProposedSiteSetting;

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

/// Existing coverage plus the planner's proposals.
pub struct WhatIfSession {
    model: CoverageModel,
    proposed: BTreeMap<u64, (ProposedSite, DiscId)>,
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

    /// Makes the proposed sites those listed (id, type and position; `radius_m_of` gives each id's radius):
    /// sites not listed are removed, new ones added, moved or re-typed ones updated.
    pub fn sync_proposals(
        &mut self,
        proposals: &[(u64, ProposedSiteSetting)],
        radius_m_of: impl Fn(u64) -> f64,
    ) -> Result<(), CoverageError> {
        let gone: Vec<u64> = self
            .proposed
            .keys()
            .filter(|id| !proposals.iter().any(|(listed, _)| listed == *id))
            .copied()
            .collect();
        for id in gone {
            self.remove_site(id);
        }
        for (id, setting) in proposals {
            let site = ProposedSite {
                id: *id,
                center: Coord {
                    x: setting.position_in_map[0],
                    y: setting.position_in_map[1],
                },
                kind: setting.kind.clone(),
                radius_m: radius_m_of(*id),
            };
            match self.proposed.get(id).map(|(known, _)| known.clone()) {
                Some(known) if known == site => {}
                Some(known) if known.kind == site.kind && known.radius_m == site.radius_m => {
                    self.move_site(*id, site.center)?;
                }
                Some(_) => {
                    self.remove_site(*id);
                    self.add_site(site)?;
                }
                None => self.add_site(site)?,
            }
        }
        Ok(())
    }

    /// Moves a proposed site (a drag in progress: the figures follow every frame).
    pub fn preview_move(&mut self, id: u64, to: Coord) -> Result<(), CoverageError> {
        self.move_site(id, to)
    }

    fn add_site(&mut self, site: ProposedSite) -> Result<(), CoverageError> {
        let disc = Disc {
            center: site.center,
            radius_m: site.radius_m,
        };
        let (disc_id, touched) = self.model.add_disc(disc)?;
        self.proposed.insert(site.id, (site, disc_id));
        self.forget_shapes(touched);
        Ok(())
    }

    fn remove_site(&mut self, id: u64) {
        if let Some((_, disc_id)) = self.proposed.remove(&id) {
            let touched = self.model.remove_disc(disc_id);
            self.forget_shapes(touched);
        }
    }

    fn move_site(&mut self, id: u64, to: Coord) -> Result<(), CoverageError> {
        let Some((site, disc_id)) = self.proposed.get_mut(&id) else {
            return Ok(());
        };
        let touched = self.model.move_disc(*disc_id, to)?;
        site.center = to;
        self.forget_shapes(touched);
        Ok(())
    }

    fn forget_shapes(&mut self, touched: Vec<usize>) {
        for unit in touched {
            if let Some(slot) = self.shapes.get_mut(unit) {
                *slot = None;
            }
            if let Some(generation) = self.shape_generations.get_mut(unit) {
                *generation += 1;
            }
        }
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

    fn site(id: u64, x: f64, y: f64) -> (u64, ProposedSiteSetting) {
        (
            id,
            ProposedSiteSetting {
                kind: "4G".into(),
                position_in_map: [x, y],
            },
        )
    }

    #[test]
    fn synced_proposals_add_move_and_remove_discs_with_consistent_figures() {
        let mut session = session();
        let disc_area = std::f64::consts::PI * 1_000.0 * 1_000.0;
        let radius = |_| 1_000.0;
        session
            .sync_proposals(&[site(7, 5_000.0, 5_000.0)], radius)
            .expect("valid");
        assert!((session.model().totals().covered_m2 - disc_area).abs() < 1e-6);
        session
            .preview_move(7, Coord { x: 0.0, y: 5_000.0 })
            .expect("valid");
        session
            .sync_proposals(&[site(7, 0.0, 0.0)], radius)
            .expect("valid");
        assert!(
            (session.model().totals().covered_m2 - disc_area / 4.0).abs() < 1e-6,
            "a quarter in the corner"
        );
        session
            .sync_proposals(&[site(7, 0.0, 0.0), site(9, 5_000.0, 5_000.0)], radius)
            .expect("valid");
        assert!((session.model().totals().covered_m2 - 1.25 * disc_area).abs() < 1e-6);
        session.sync_proposals(&[], radius).expect("valid");
        assert_eq!(session.model().totals().covered_m2, 0.0);
        assert_eq!(session.proposed().count(), 0);
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
            .sync_proposals(&[site(1, 5_000.0, 5_000.0)], |_| 1_000.0)
            .expect("valid");
        let covered = match session.unit_shapes(0) {
            Some(Ok(shapes)) => geo::Area::unsigned_area(&shapes.covered),
            other => panic!("shapes expected, got {other:?}"),
        };
        assert!(covered > 3.1e6 && covered < 3.16e6, "{covered}");
    }
}
