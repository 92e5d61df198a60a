//! The coverage analysis in the app: which layers and service types are analysed, the live what-if session
//! (from the core), site suggestions, proximity and overlay-conflict lists, and the map interaction for
//! proposed sites. The panel ([`panel`]) edits a working copy of the settings and shows figures; the overlay
//! ([`overlay`]) draws covered areas, gaps and proposed sites and lets the planner add, drag and delete them.
//! The settings and the proposed sites belong to the session: the working copy becomes an edit when the
//! planner lets go of a control, and the what-if session mirrors the session's proposed sites
//! ([`AnalysisState::sync_with`]), so undo and redo reach the analysis like any other change.

pub mod overlay;
pub mod panel;

use std::collections::{BTreeMap, BTreeSet};

use geo::Coord;

use crate::core::analysis::coverage_model::CoverageModel;
use crate::core::analysis::overlay::{Conflict, overlay_conflicts};
use crate::core::analysis::proximity::{UnitProximity, units_farther_than};
use crate::core::analysis::session::WhatIfSession;
use crate::core::analysis::siting::{
    DemandUnit, Suggestion, greedy_sites, grid_candidates, uncovered_demand,
};
use crate::core::analysis::units::{RadiusRule, discs_from_layer, units_from_layer};
use crate::core::geometry::dimension;
use crate::core::layer::Layer;
use crate::core::palette::PaletteEntry;
use crate::core::project::analysis_settings::{
    AnalysisSettings, ProposedSiteSetting, ServiceTypeSetting, SuggestionObjective,
};
use crate::core::session::Session;

/// A suggested site the planner may accept.
#[derive(Clone, Debug)]
pub struct SuggestionRow {
    /// The suggestion.
    pub suggestion: Suggestion,
    /// Whether the planner ticked it.
    pub accepted: bool,
}

/// The analysis as the app holds it.
#[derive(Default)]
pub struct AnalysisState {
    /// Whether the panel is shown.
    pub open: bool,
    /// The working copy of the session's settings the panel edits (an edit is sent when it differs and the
    /// planner has let go of the controls).
    pub settings: AnalysisSettings,
    /// The session's settings and proposed-site revisions the working copy and the what-if session follow.
    pub seen_revisions: Option<(u64, u64)>,
    /// A finished drag of a proposed site: its id and where it was dropped (sent as an edit by the app).
    pub finished_move: Option<(u64, Coord)>,
    /// The geometry and attribute revisions of the units and sites layers the what-if session was computed
    /// from (a change recomputes it).
    pub seen_inputs: Option<[u64; 4]>,
    /// The computed session (existing sites plus proposals).
    pub session: Option<WhatIfSession>,
    /// For each unit of the session, the feature it came from in the units layer.
    pub unit_features: Vec<usize>,
    /// Whether clicks on the map add and select proposed sites.
    pub editing: bool,
    /// The selected proposed site.
    pub selected_site: Option<u64>,
    /// The proposed site being dragged and where the drag started.
    pub dragging: Option<(u64, Coord)>,
    /// The latest suggestions.
    pub suggestions: Vec<SuggestionRow>,
    /// Units beyond the proximity threshold.
    pub far_units: Vec<UnitProximity>,
    /// Overlay conflicts found.
    pub conflicts: Vec<Conflict>,
    /// Column and direction of the units table.
    pub sort: Option<(usize, bool)>,
    /// A message about the last gap clicked.
    pub gap_info: Option<String>,
    /// Service types known from the palette (radius, names).
    pub service_types: Vec<PaletteEntry>,
    /// Triangulated coverage shapes for drawing.
    pub shape_cache: overlay::ShapeMeshCache,
    /// Legend names of unit classes (from the units layer's categorized style).
    pub class_names: BTreeMap<String, String>,
}

impl AnalysisState {
    /// Chooses sensible default layers and fields from the open document (the shipped project's layers).
    pub fn guess_inputs(&mut self, document: &Session) {
        let settings = &mut self.settings;
        let has_field = |layer: &Layer, name: &str| layer.field_position(name).is_some();
        let lowest = |layer: &Layer| {
            layer
                .features
                .iter()
                .map(|f| dimension(&f.geometry_in_map))
                .min()
        };
        if settings
            .sites_layer
            .and_then(|id| document.layer(id))
            .is_none()
        {
            settings.sites_layer = document
                .layers()
                .iter()
                .find(|layer| {
                    lowest(layer) == Some(0) && has_field(layer, &settings.chosen.type_field)
                })
                .map(|layer| layer.id);
        }
        if settings
            .units_layer
            .and_then(|id| document.layer(id))
            .is_none()
        {
            let polygons: Vec<&Layer> = document
                .layers()
                .iter()
                .filter(|layer| lowest(layer) == Some(2))
                .collect();
            let with_class = polygons
                .iter()
                .find(|layer| has_field(layer, "class") && has_field(layer, "dan_so"));
            settings.units_layer = with_class.or(polygons.first()).map(|layer| layer.id);
            if let Some(layer) = with_class {
                settings.chosen.name_field = ["zone_id", "ten", "name"]
                    .into_iter()
                    .find(|f| has_field(layer, f))
                    .map(String::from);
                settings.chosen.population_field = Some("dan_so".into());
                settings.chosen.class_field = Some("class".into());
            }
        }
        if settings
            .infrastructure_layer
            .and_then(|id| document.layer(id))
            .is_none()
        {
            settings.infrastructure_layer = document
                .layers()
                .iter()
                .find(|layer| has_field(layer, "kind"))
                .map(|layer| layer.id);
        }
        self.refresh_types(document);
    }

    /// Lists the values of the type attribute of the sites layer, keeping radii already chosen.
    pub fn refresh_types(&mut self, document: &Session) {
        let Some(layer) = self.settings.sites_layer.and_then(|id| document.layer(id)) else {
            self.settings.chosen.types.clear();
            return;
        };
        let Some(column) = layer.field_position(&self.settings.chosen.type_field) else {
            self.settings.chosen.types.clear();
            return;
        };
        let kinds: BTreeSet<String> = layer
            .features
            .iter()
            .filter_map(|feature| feature.attributes.get(column))
            .map(ToString::to_string)
            .filter(|kind| !kind.is_empty())
            .collect();
        let previous: BTreeMap<String, ServiceTypeSetting> = self
            .settings
            .chosen
            .types
            .drain(..)
            .map(|choice| (choice.kind.clone(), choice))
            .collect();
        self.settings.chosen.types = kinds
            .into_iter()
            .map(|kind| {
                previous
                    .get(&kind)
                    .cloned()
                    .unwrap_or_else(|| ServiceTypeSetting {
                        radius_m: self.default_radius(&kind),
                        enabled: true,
                        kind,
                    })
            })
            .collect();
    }

    /// The palette radius of a service type, or 1,000 m.
    pub fn default_radius(&self, kind: &str) -> f64 {
        self.service_types
            .iter()
            .find(|entry| entry.class == kind)
            .and_then(|entry| entry.radius_m)
            .unwrap_or(1_000.0)
    }

    /// The radius of proposed sites of the chosen type.
    pub fn proposed_radius(&self) -> f64 {
        self.settings
            .chosen
            .types
            .iter()
            .find(|choice| choice.kind == self.settings.chosen.proposed_kind)
            .map_or_else(
                || self.default_radius(&self.settings.chosen.proposed_kind),
                |choice| choice.radius_m,
            )
    }

    /// Builds the coverage model from the chosen layers and starts a fresh what-if session.
    pub fn compute(&mut self, document: &Session) -> Result<(), String> {
        let settings = &self.settings;
        let units_layer = settings
            .units_layer
            .and_then(|id| document.layer(id))
            .ok_or("no units layer chosen")?;
        let sites_layer = settings
            .sites_layer
            .and_then(|id| document.layer(id))
            .ok_or("no sites layer chosen")?;
        let (units, unit_features) = units_from_layer(
            units_layer,
            settings.chosen.name_field.as_deref(),
            settings.chosen.population_field.as_deref(),
            settings.chosen.class_field.as_deref(),
        )
        .map_err(|error| error.to_string())?;
        let rule = RadiusRule::ByType {
            field: settings.chosen.type_field.clone(),
            radius_m: settings
                .chosen
                .types
                .iter()
                .filter(|choice| choice.enabled)
                .map(|choice| (choice.kind.clone(), choice.radius_m))
                .collect(),
        };
        let discs = discs_from_layer(sites_layer, &rule).map_err(|error| error.to_string())?;
        let model = CoverageModel::new(units, discs.into_iter().map(|(_, disc)| disc).collect())
            .map_err(|error| error.to_string())?;
        self.session = Some(WhatIfSession::new(model));
        self.shape_cache.clear();
        self.class_names = units_layer
            .style
            .categorized
            .iter()
            .filter(|categorized| Some(&categorized.field) == settings.chosen.class_field.as_ref())
            .flat_map(|categorized| &categorized.categories)
            .map(|category| (category.value.clone(), category.label.clone()))
            .collect();
        self.unit_features = unit_features;
        self.suggestions.clear();
        self.selected_site = None;
        self.dragging = None;
        self.gap_info = None;
        self.sync_proposals(document.proposals())?;
        self.update_proximity(document);
        Ok(())
    }

    /// Makes the what-if session's proposed sites those of the session (added, moved or removed by undo and
    /// redo as much as by the planner), each with its type's radius.
    pub fn sync_proposals(
        &mut self,
        proposals: &[(u64, ProposedSiteSetting)],
    ) -> Result<(), String> {
        let radii: Vec<(u64, f64)> = proposals
            .iter()
            .map(|(id, site)| (*id, self.radius_of(&site.kind)))
            .collect();
        let Some(session) = self.session.as_mut() else {
            return Ok(());
        };
        session
            .sync_proposals(proposals, |id| {
                radii
                    .iter()
                    .find(|(known, _)| *known == id)
                    .map_or(1_000.0, |(_, radius_m)| *radius_m)
            })
            .map_err(|error| error.to_string())?;
        if self
            .selected_site
            .is_some_and(|id| !proposals.iter().any(|(known, _)| *known == id))
        {
            self.selected_site = None;
        }
        Ok(())
    }

    /// The radius of a service type: the one chosen in the panel, else the palette's.
    fn radius_of(&self, kind: &str) -> f64 {
        self.settings
            .chosen
            .types
            .iter()
            .find(|choice| choice.kind == kind)
            .map_or_else(|| self.default_radius(kind), |choice| choice.radius_m)
    }

    /// Recomputes the list of units far from a service centre (existing centres of the centre type).
    pub fn update_proximity(&mut self, document: &Session) {
        let Some(session) = &self.session else {
            return;
        };
        let model = session.model();
        let units: Vec<geo::MultiPolygon> = (0..model.unit_count())
            .filter_map(|unit| model.unit_geometry(unit).cloned())
            .collect();
        let centres: Vec<Coord> = self
            .settings
            .sites_layer
            .and_then(|id| document.layer(id))
            .map(|layer| {
                let rule = RadiusRule::ByType {
                    field: self.settings.chosen.type_field.clone(),
                    radius_m: [(self.settings.chosen.centre_kind.clone(), 1.0)]
                        .into_iter()
                        .collect(),
                };
                discs_from_layer(layer, &rule)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, disc)| disc.center)
                    .collect()
            })
            .unwrap_or_default();
        self.far_units =
            units_farther_than(&units, &centres, self.settings.chosen.proximity_threshold_m);
    }

    /// Finds infrastructure crossing zones of the protected classes.
    pub fn update_conflicts(&mut self, document: &Session) {
        let (Some(infrastructure), Some(zones), Some(class_field)) = (
            self.settings
                .infrastructure_layer
                .and_then(|id| document.layer(id)),
            self.settings.units_layer.and_then(|id| document.layer(id)),
            self.settings.chosen.class_field.as_deref(),
        ) else {
            self.conflicts.clear();
            return;
        };
        self.conflicts = overlay_conflicts(
            infrastructure,
            zones,
            class_field,
            &self.settings.chosen.protected_classes,
        );
    }

    /// Suggests sites of the proposed type that cover the most uncovered demand of the target class.
    pub fn suggest(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let model = session.model();
        let radius_m = self.proposed_radius();
        let target: Vec<(usize, f64)> = (0..model.unit_count())
            .filter(|&unit| {
                model.unit_class(unit) == Some(self.settings.chosen.target_class.as_str())
            })
            .filter_map(|unit| {
                let row = model.results().get(unit)?;
                let weight_per_m2 = match self.settings.chosen.objective {
                    SuggestionObjective::Area => 1.0,
                    SuggestionObjective::Population => {
                        model.unit_population(unit).unwrap_or(0.0) / row.area_m2.max(1.0)
                    }
                };
                Some((unit, weight_per_m2))
            })
            .collect();
        let demand_units: Vec<DemandUnit> = target
            .iter()
            .filter_map(|&(unit, weight_per_m2)| {
                Some(DemandUnit {
                    polygon: model.unit_geometry(unit)?,
                    weight_per_m2,
                })
            })
            .collect();
        let spacing_m = (radius_m / 4.0).clamp(30.0, 500.0);
        let existing: Vec<_> = model.discs().map(|(_, disc)| disc).collect();
        let demand = uncovered_demand(&demand_units, &existing, spacing_m);
        let candidates = grid_candidates(&demand_units, (radius_m / 2.0).clamp(50.0, 1_000.0));
        self.suggestions = greedy_sites(
            &candidates,
            &demand,
            radius_m,
            self.settings.chosen.suggestion_count,
        )
        .into_iter()
        .map(|suggestion| SuggestionRow {
            suggestion,
            accepted: true,
        })
        .collect();
    }

    /// A click in analysis mode: selects the proposed site near `pt` and returns `None`, or returns the site
    /// to add there (the app adds it as an edit).
    pub fn click_to_edit(&mut self, pt: Coord, m_per_px: f64) -> Option<ProposedSiteSetting> {
        let session = self.session.as_ref()?;
        if let Some(id) = session.proposed_near(pt, overlay::PICK_RADIUS_PX * m_per_px) {
            self.selected_site = Some(id);
            return None;
        }
        Some(ProposedSiteSetting {
            kind: self.settings.chosen.proposed_kind.clone(),
            position_in_map: [pt.x, pt.y],
        })
    }

    /// Describes the gap under `pt` (its area and the nearest site), or clears the description.
    pub fn describe_gap_at(&mut self, pt: Coord, t: &crate::app::i18n::Texts) {
        use geo::{Area, Contains};
        self.gap_info = None;
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let point = geo::Point(pt);
        let units = session.units_in(geo::Rect::new(pt, pt));
        for unit in units {
            let Some(Ok(shapes)) = session.unit_shapes(unit) else {
                continue;
            };
            let Some(gap) = shapes.gaps.iter().find(|gap| gap.contains(&point)) else {
                continue;
            };
            let area_ha = gap.unsigned_area() / 10_000.0;
            let nearest_m = session
                .model()
                .discs()
                .map(|(_, disc)| (disc.center.x - pt.x).hypot(disc.center.y - pt.y) - disc.radius_m)
                .fold(f64::INFINITY, f64::min);
            let unit_name = session.model().unit_name(unit).unwrap_or("?");
            self.gap_info = Some(format!(
                "{} ({unit_name}): {area_ha:.1} ha · {} {:.2} km",
                t.gap_word,
                t.nearest_coverage,
                nearest_m.max(0.0) / 1000.0
            ));
            return;
        }
    }

    /// Takes the accepted suggestions as sites to propose (the app adds them as one edit).
    pub fn accept_suggestions(&mut self) -> Vec<ProposedSiteSetting> {
        let kind = self.settings.chosen.proposed_kind.clone();
        self.suggestions
            .drain(..)
            .filter(|row| row.accepted)
            .map(|row| ProposedSiteSetting {
                kind: kind.clone(),
                position_in_map: [row.suggestion.at.x, row.suggestion.at.y],
            })
            .collect()
    }
}
