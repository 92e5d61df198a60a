//! The headless core: coordinate systems, file loading, the layer model, spatial index, hit testing,
//! tessellation and the open document. Nothing in here may depend on a GUI crate; the egui layer in `app`
//! only reads these types and sends [`document::Command`]s.

pub mod analysis;
pub mod attributes;
pub mod crs;
pub mod document;
pub mod geometry;
pub mod index;
pub mod info;
pub mod io;
pub mod layer;
pub mod measure;
pub mod palette;
pub mod project;
pub mod project_load;
pub mod render;
pub mod shipped_files;
pub mod style;
pub mod synthetic;
pub mod tessellate;
