//! Smart-planning analysis, as pure functions and models over layers in the map CRS: digital-service
//! coverage of units ([`coverage`], [`coverage_model`]), covered and gap shapes ([`gaps`]), the what-if model
//! of proposed sites ([`session`]), proximity to service centres ([`proximity`]), overlay conflicts between
//! infrastructure and protected zones ([`overlay`]), greedy site suggestion ([`siting`]) and the land-use
//! balance of a zoning layer ([`land_use`]). Turning
//! layers into inputs is in [`units`]; the settings a project file keeps are part of the project
//! ([`crate::core::project::analysis_settings`]), below the analysis that reads them.

pub mod coverage;
pub mod coverage_model;
pub mod gaps;
pub mod land_use;
pub mod overlay;
pub mod proximity;
pub mod report;
pub mod session;
pub mod siting;
pub mod units;
