//! Hai Phong Smart Planning Atlas.
//!
//! Data flows one way: files are read by [`core::io`] into a [`core::layer::LayerData`] in the layer's own
//! coordinate reference system; [`core::layer::Layer::prepare`] reprojects it into the map CRS
//! (VN-2000 / TM-3 105°45', EPSG:9210) and builds its spatial index; the [`core::session::Session`] holds the
//! open project (layers, slides, pins, analysis settings, …) and changes only through
//! [`core::session::Edit`]s, each recorded with its inverse on one undo history; the analysis reads the
//! session's layers; the map view (the `app` module, behind the default `gui` feature) reads the session,
//! draws each layer's prepared drawing data ([`core::lod`]) and the panels send edits back. Everything under
//! [`core`] compiles and is tested without any GUI crate.

pub mod core;

#[cfg(feature = "gui")]
pub mod app;
