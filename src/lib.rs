//! Hai Phong Smart Planning Atlas.
//!
//! Data flows one way: files are read by [`core::io`] into a [`core::layer::LayerData`] in the layer's own
//! coordinate reference system; [`core::layer::Layer::prepare`] reprojects it into the map CRS
//! (VN-2000 / TM-3 105°45', EPSG:9210) and builds its spatial index; the [`core::document::Document`] holds the
//! open layers and changes only through [`core::document::Command`]s; the map view (the `app` module, behind the
//! default `gui` feature) reads the document, asks [`core::tessellate`] for cached triangles and paints them, and
//! the panels send commands back. Everything under [`core`] compiles and is tested without any GUI crate.

pub mod core;

#[cfg(feature = "gui")]
pub mod app;
