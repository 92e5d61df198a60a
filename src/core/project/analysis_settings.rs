//! The coverage analysis settings as plain, serialisable data, so a project file keeps them: which layers are
//! the sites, units and infrastructure (by [`LayerRef`], a position or a name in the project's layer list,
//! never a run-time id), the service types with their radii, the attributes read, the proximity threshold,
//! protected classes, the suggestion settings and the planner's proposed sites.
//!
//! The app turns these into its live settings when a project opens and back when it saves; layers that no
//! longer exist resolve to nothing (see [`LayerRef::resolve`]).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::LayerRef;
use crate::core::layer::LayerId;

/// One service type of the analysis, with its radius.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceTypeSetting {
    /// The value of the type attribute (e.g. "5G").
    pub kind: String,
    /// Whether sites of this type count.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Service radius in metres.
    pub radius_m: f64,
}

/// What site suggestions maximise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionObjective {
    /// Uncovered area of the target class.
    Area,
    /// Uncovered residents of the target class (area-weighted).
    #[default]
    Population,
}

/// A site the planner added in the what-if session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedSiteSetting {
    /// The service type (e.g. "5G").
    pub kind: String,
    /// Position `[x, y]` in the map CRS (EPSG:9210), metres.
    pub position_in_map: [f64; 2],
}

/// Everything the coverage panel lets the planner choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettingsFile {
    /// The point layer of service sites.
    pub sites_layer: Option<LayerRef>,
    /// The attribute of a site's type.
    pub type_field: String,
    /// The types and their radii.
    pub types: Vec<ServiceTypeSetting>,
    /// The polygon layer of units.
    pub units_layer: Option<LayerRef>,
    /// The attribute naming each unit.
    pub name_field: Option<String>,
    /// The attribute of each unit's population.
    pub population_field: Option<String>,
    /// The attribute of each unit's land-use class.
    pub class_field: Option<String>,
    /// The type of sites the planner adds.
    pub proposed_kind: String,
    /// Units farther than this from a service centre are listed, metres.
    pub proximity_threshold_m: f64,
    /// The type counted as a service centre for proximity.
    pub centre_kind: String,
    /// The infrastructure layer checked for conflicts.
    pub infrastructure_layer: Option<LayerRef>,
    /// Zone classes an infrastructure feature must not cross.
    pub protected_classes: BTreeSet<String>,
    /// How many sites to suggest.
    pub suggestion_count: usize,
    /// The class whose uncovered demand suggestions target.
    pub target_class: String,
    /// Area or population.
    pub objective: SuggestionObjective,
    /// Sites added by the planner in the what-if session.
    pub proposed_sites: Vec<ProposedSiteSetting>,
}

fn default_true() -> bool {
    true
}

impl Default for AnalysisSettingsFile {
    fn default() -> Self {
        Self {
            sites_layer: None,
            type_field: "type".into(),
            types: Vec::new(),
            units_layer: None,
            name_field: None,
            population_field: None,
            class_field: None,
            proposed_kind: "5G".into(),
            proximity_threshold_m: 2_000.0,
            centre_kind: "service_centre".into(),
            infrastructure_layer: None,
            protected_classes: ["green_space".to_string(), "water".to_string()]
                .into_iter()
                .collect(),
            suggestion_count: 5,
            target_class: "residential".into(),
            objective: SuggestionObjective::Population,
            proposed_sites: Vec::new(),
        }
    }
}

/// The analysis settings of an open project: the input layers by their run-time ids, and everything else as
/// the project file keeps it (see [`AnalysisSettingsFile`]; its layer references are filled only when the
/// project is saved, and its proposed sites only wait there for the session's own list when a project opens).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnalysisSettings {
    /// The point layer of service sites.
    pub sites_layer: Option<LayerId>,
    /// The polygon layer of units.
    pub units_layer: Option<LayerId>,
    /// The infrastructure layer checked for conflicts.
    pub infrastructure_layer: Option<LayerId>,
    /// Fields, service types, thresholds and suggestion settings.
    pub chosen: AnalysisSettingsFile,
}
