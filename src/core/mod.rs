//! The headless core: coordinate systems, file loading, the layer model, spatial index, hit testing,
//! levels of detail, the open project as one session with its edit history, project files (saving,
//! autosave, relinking, the recent list) and field review pins. Nothing in here may depend on a GUI crate;
//! the egui layer in `app` only reads these types and sends [`session::Edit`]s.

pub mod analysis;
pub mod attribute_input;
pub mod attributes;
pub mod autosave;
pub mod crs;
pub mod editing;
pub mod file_error;
pub mod geometry;
pub mod index;
pub mod info;
pub mod io;
pub mod layer;
pub mod lod;
pub mod measure;
pub mod palette;
pub mod project;
pub mod project_links;
pub mod project_save;
pub mod recent;
pub mod render;
pub mod review;
pub mod review_exchange;
pub mod session;
pub mod shipped_files;
pub mod slides;
pub mod style;
pub mod synthetic;
pub mod synthetic_layer;
pub mod tessellate;
pub mod timestamp;
pub mod user_settings;
