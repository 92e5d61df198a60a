//! The headless core: coordinate systems, file loading, the layer model, spatial index, hit testing,
//! levels of detail, the open project as one session with its edit history, project files (saving,
//! autosave, relinking, the recent list) and field review pins. Nothing in here may depend on a GUI crate;
//! the egui layer in `app` only reads these types and sends [`session::Edit`]s.
//!
//! # Layers of modules
//!
//! Dependencies between the modules below point one way, from a tier to the same or a lower tier, never up,
//! and never around in a circle (the headless test `architecture` checks both against this list):
//!
//! 1. **Model** — `attributes`, `attribute_input`, `crs`, `db_source`, `feature`, `geometry`, `layer_note`, `pixel_box`,
//!    `source_files`, `source_state`, `style`, `text_encoding`, `timestamp`, `user_dirs`: values, features,
//!    styles, text encodings, notes from reading, boxes on screen, the record of what a source file holds
//!    and where per-user files go, as plain data.
//! 2. **Spatial** — `index`, `labels`, `layer`, `lod`, `measure`, `polygon_validity`, `tessellate`: a layer in
//!    the map CRS with its R-tree, drawing levels of detail, label placement, measurements and polygon
//!    validity.
//! 3. **Files** — `io`, `info`, `file_error`, `palette`, `postgis`, `recent`, `shipped_files`, `source_layers`,
//!    `tt16`, `user_settings`: reading and writing layers and the small files around them, the layers inside
//!    multi-layer sources (GeoPackage, File Geodatabase, planning dossiers), and checking planning packages
//!    against Circular 16/2025 (TT16).
//! 4. **Project** — `project`, `project_save`, `project_links`, `autosave`, `review`, `review_exchange`:
//!    the project file (with the analysis settings it keeps), its layers' files and the review pins.
//! 5. **Analysis** — `analysis`: coverage, gaps, proximity, overlay, siting and land-use balance over layers.
//! 6. **Session and output** — `session`, `editing`, `render`, `slides`, `testdata`: the open project with
//!    its undo history, the geometry editing operations that build its edits, maps and slides drawn to
//!    images, and generated data for benchmarks and tests.
//!
//! Small types shared across a tier boundary live in the lower tier: a feature in [`feature`] (the index and
//! the source record use it; [`layer`] re-exports it), text encodings and their report in [`text_encoding`]
//! (readers choose one, the layer records it), what a layer's source files hold in [`source_state`] and
//! [`source_files`], the notes from reading in [`layer_note`], and the analysis settings a project keeps in
//! [`project::analysis_settings`]. A style is plain data ([`style`]); applying it to a layer's features is
//! the layer's job. Where a rule must hold for several outputs it lives once, low enough for all of them:
//! label placement in [`labels`] serves the map view and every exported image.

pub mod analysis;
pub mod attribute_input;
pub mod attributes;
pub mod autosave;
pub mod crs;
pub mod db_source;
pub mod editing;
pub mod feature;
pub mod file_error;
pub mod geometry;
pub mod index;
pub mod info;
pub mod io;
pub mod labels;
pub mod layer;
pub mod layer_note;
pub mod lod;
pub mod measure;
pub mod palette;
pub mod pixel_box;
pub mod polygon_validity;
pub mod postgis;
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
pub mod source_files;
pub mod source_layers;
pub mod source_state;
pub mod style;
pub mod tessellate;
pub mod testdata;
pub mod text_encoding;
pub mod timestamp;
pub mod tt16;
pub mod user_dirs;
pub mod user_settings;
