//! The egui desktop application: a thin layer over [`crate::core`].
//!
//! [`AtlasApp`] owns the open project as a [`Session`](crate::core::session::Session) and the transient
//! view state (camera, selection, open windows, tool modes, background jobs). Panels read the session and
//! push [`Action`]s — project changes as [`Edit`](crate::core::session::Edit)s — which the frame loop applies
//! once per frame. Loading runs on worker threads ([`jobs`]) so the window keeps repainting.

mod analysis;
mod atlas_app;
mod camera;
pub mod database;
mod editing;
mod fonts;
mod i18n;
mod i18n_edits;
mod i18n_groups;
mod i18n_notes;
mod i18n_tt16;
mod jobs;
mod map_view;
mod mesh_cache;
mod overlays;
pub mod panels;
pub mod presentation;
mod project_paths;
mod project_session;
mod project_state;
pub mod review;
mod startup_probe;
mod tt16_check;
mod view_keeper;

pub use atlas_app::AtlasApp;
pub use camera::Camera;
pub use i18n::Lang;
pub use map_view::Selection;
pub use panels::Action;
pub use review::{ReviewAction, ReviewState};

/// Prepares an egui context for the atlas: Vietnamese fonts and the light theme. Call before the first frame.
pub fn setup_context(ctx: &eframe::egui::Context) {
    fonts::install_fonts(ctx);
    ctx.set_theme(eframe::egui::Theme::Light);
}

use std::path::PathBuf;

/// Opens the atlas window on `files` (data files or a project), or on the shipped Hai Phong map when empty.
///
/// With `HPATLAS_EXIT_AFTER_FIRST_FRAME=1` it prints start-up timings and closes once the map is drawn (see
/// [`startup_probe`]).
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Atlas Quy hoạch Thông minh Hải Phòng")
            .with_inner_size([1400.0, 880.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "hpatlas",
        options,
        Box::new(move |creation| {
            let mut app = AtlasApp::new(&creation.egui_ctx, files);
            app.startup_probe = startup_probe::StartupProbe::from_env(started);
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}
