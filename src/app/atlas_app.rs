//! The application object and its frame loop: draw the panels and the map, collect their [`Action`]s, then
//! apply them — project changes as session [`Edit`]s (each one undoable step), view changes to the camera and
//! selection. The app owns only view state (camera, selection, open windows, tool modes, jobs); everything a
//! project file holds is in the [`Session`].

mod db_layers;
mod layer_editing;
mod map_editing;
mod packages;
mod project_actions;
mod session_sync;
mod tt16;
mod write_back;

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use super::analysis::AnalysisState;
use super::analysis::panel::analysis_panel_ui;
use super::camera::Camera;
use super::i18n::{Lang, Texts};
use super::jobs::{FinishedJob, JobQueue, LayerSettings, LoadFailure, LoadJob, LoadedLayer};
use super::map_view::{MapOverlay, MapResponse, NoOverlay, Selection, map_ui};
use super::mesh_cache::MeshCache;
use super::overlays::{
    cursor_text, ground_m_per_px, north_arrow_ui, scale_bar_ui, true_north_angle,
};
use super::panels::Action;
use super::panels::attribute_table::{AttributeTableState, attribute_table_ui};
use super::panels::export_dialog::{ExportDialogState, ExportFormat, export_dialog_ui};
use super::panels::identify::identify_panel_ui;
use super::panels::layers::{LayerPanelState, layers_panel_ui};
use super::panels::load_questions::{PendingQuestion, Question, load_question_ui};
use super::panels::notices::{Notice, notices_ui};
use super::panels::open_dialog::{OpenDialogState, open_dialog_ui};
use super::panels::png_export::{PngExportState, png_export_ui};
use super::panels::project_dialogs::project_menu_ui;
use super::panels::style_editor::style_editor_ui;
use super::presentation::show::{ShowFrame, show_ui};
use super::presentation::slides_panel::slides_panel_ui;
use super::presentation::{PresentationState, SlideAction, SlideContext};
use super::project_paths::{default_project_path, find_shipped_file, is_project_file};
use super::project_session::ProjectSession;
use super::review::panel::{author_window_ui, review_panel_ui};
use super::review::{ReviewContext, ReviewState};
use crate::core::crs::{Crs, MAP_CRS, Reprojector, WGS84};
use crate::core::index::hit_test;
use crate::core::io::atomic_write::write_bytes_atomically;
use crate::core::io::export_layer::ExportLayer;
use crate::core::io::geojson_export::write_geojson;
use crate::core::io::gpkg_write::write_gpkg;
use crate::core::io::{LoadError, LoadOptions};
use crate::core::layer::{Layer, LayerId};
use crate::core::lod::PreparedLayer;
use crate::core::palette::read_palette;
use crate::core::project_links::apply_layer_settings;
use crate::core::render::{MapExport, MapWords, legend_entries_within, render_map_png};
use crate::core::session::{Edit, EditKind, Session};
use crate::core::text_encoding::TextEncoding;

/// Click tolerance for identify, in screen points.
const CLICK_TOLERANCE_PX: f64 = 6.0;
/// Zoom factor of one +/− step.
const ZOOM_STEP: f64 = 1.6;

/// The atlas application state.
pub struct AtlasApp {
    /// The open project: layers, slides, pins, analysis settings, title, language — changed only by edits.
    pub session: Session,
    /// The map view.
    pub camera: Camera,
    /// The identified feature.
    pub selection: Option<Selection>,
    /// The layer whose controls the layer panel shows.
    pub chosen_layer: Option<LayerId>,
    /// The layer in edit mode (its attributes and geometry can be changed), if any.
    pub editing: Option<LayerId>,
    attribute_draft: super::panels::identify::AttributeDraft,
    /// The digitizing tools of the layer in edit mode.
    pub editor: super::editing::tools::EditorState,
    /// The land-use balance panel.
    pub land_use: super::panels::land_use::LandUseState,
    /// Messages for the user.
    pub notices: Vec<Notice>,
    /// The coverage analysis.
    pub analysis: AnalysisState,
    project: ProjectSession,
    /// The field review panel (pins are in the session).
    pub review: ReviewState,
    /// The slides panel and the presentation.
    pub presentation: PresentationState,
    jobs: JobQueue,
    /// Layers of packages opened as a whole, waiting for the rest of their package.
    packages: packages::PackageLoads,
    /// Database layers: typed passwords (memory only), the connect dialog, unreachable project layers.
    pub(crate) database: super::database::DbState,
    mesh_cache: MeshCache,
    coarse_rebuilds: super::editing::rebuild::CoarseRebuilds,
    layer_panel: LayerPanelState,
    table: Option<AttributeTableState>,
    style_editor: Option<LayerId>,
    open_dialog: Option<OpenDialogState>,
    export_dialog: Option<ExportDialogState>,
    png_export: Option<PngExportState>,
    question: Option<PendingQuestion>,
    crs_for_file: std::collections::HashMap<PathBuf, Crs>,
    pending_fit: Option<geo::Rect>,
    /// The extent of the files opened together that have arrived so far: each one frames all of them.
    fit_batch: Option<geo::Rect>,
    view_keeper: super::view_keeper::ViewKeeper,
    /// Start-up timing, when asked for by the environment.
    pub(super) startup_probe: Option<super::startup_probe::StartupProbe>,
    view_in_screen: egui::Rect,
    cursor_in_map: Option<[f64; 2]>,
    to_wgs84: Option<Reprojector>,
    from_wgs84: Option<Reprojector>,
    /// Publishing layers to the database and the conflicts of a database save.
    pub(crate) db_save: super::database::save_database::DbSaveState,
    /// The TT16 dossier check and its panel.
    pub tt16: super::tt16_check::Tt16CheckState,
}

impl AtlasApp {
    /// Sets up fonts and starts loading `files` (or the shipped Hai Phong project when empty).
    pub fn new(ctx: &egui::Context, files: Vec<PathBuf>) -> Self {
        super::setup_context(ctx);
        let mut app = Self {
            session: Session::default(),
            camera: Camera::default(),
            selection: None,
            chosen_layer: None,
            editing: None,
            attribute_draft: Default::default(),
            editor: Default::default(),
            land_use: Default::default(),
            notices: Vec::new(),
            analysis: AnalysisState::default(),
            project: ProjectSession::default(),
            review: ReviewState::default(),
            presentation: PresentationState::default(),
            jobs: JobQueue::default(),
            packages: Default::default(),
            database: Default::default(),
            mesh_cache: MeshCache::default(),
            coarse_rebuilds: Default::default(),
            layer_panel: LayerPanelState::default(),
            table: None,
            style_editor: None,
            open_dialog: None,
            export_dialog: None,
            png_export: None,
            question: None,
            crs_for_file: std::collections::HashMap::new(),
            pending_fit: None,
            fit_batch: None,
            view_keeper: super::view_keeper::ViewKeeper::default(),
            startup_probe: None,
            view_in_screen: egui::Rect::NOTHING,
            cursor_in_map: None,
            to_wgs84: Reprojector::new(MAP_CRS, WGS84).ok(),
            from_wgs84: Reprojector::new(WGS84, MAP_CRS).ok(),
            db_save: Default::default(),
            tt16: Default::default(),
        };
        if let Some(path) = find_shipped_file(Path::new("assets/service_types.json")) {
            match read_palette(&path) {
                Ok(types) => app.analysis.service_types = types,
                Err(error) => app.notify_error(error.to_string()),
            }
        }
        let (review, settings_error) = ReviewState::from_user_settings();
        app.review = review;
        if let Some(message) = settings_error {
            app.notify_error(message);
        }
        if app.to_wgs84.is_none() || app.from_wgs84.is_none() {
            app.notify_error(format!(
                "PROJ cannot transform between {MAP_CRS} and {WGS84}"
            ));
        }
        if files.is_empty() {
            app.open_default_project(ctx);
        } else {
            app.open_paths(ctx, files, None);
        }
        app
    }

    /// The interface language (the project's).
    pub fn lang(&self) -> Lang {
        super::project_state::lang_from_language(self.session.language())
    }

    /// The interface texts in the current language.
    pub fn texts(&self) -> &'static Texts {
        self.lang().texts()
    }

    /// Waits for every background load and adds the results (for tests and scripted use).
    pub fn finish_loading_blocking(&mut self) {
        let finished = self.jobs.collect_finished(true);
        self.add_finished(finished);
    }

    /// True while files are loading.
    pub fn is_loading(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Sets the path of the open export dialog (for scripted use and tests; the dialog has a text field).
    pub fn set_export_path(&mut self, path: &Path) {
        if let Some(dialog) = self.export_dialog.as_mut() {
            dialog.path_text = path.display().to_string();
        }
    }

    /// Shows the open-file dialog listing `folder` (for scripted use and tests; the dialog browses from the
    /// working folder otherwise).
    pub fn show_open_dialog_at(&mut self, folder: PathBuf) {
        self.open_dialog = Some(OpenDialogState::new(folder));
    }

    /// The screen rectangle the map occupied in the last frame.
    pub fn map_view_rect(&self) -> egui::Rect {
        self.view_in_screen
    }

    /// Opens the shipped Hai Phong project.
    pub fn open_default_project(&mut self, ctx: &egui::Context) {
        match default_project_path() {
            Some(path) => self.apply_project_action(ctx, Action::OpenProject(path)),
            None => self.notify_error(
                "maps/haiphong.hpatlas.json: the shipped Hai Phong map was not found; run the atlas from the project folder"
                    .to_string(),
            ),
        }
    }

    fn open_paths(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>, crs: Option<Crs>) {
        for path in paths {
            if is_project_file(&path) {
                self.apply_project_action(ctx, Action::OpenProject(path));
            } else if !self.open_as_packages(ctx, &path, crs) {
                let options = LoadOptions {
                    crs: crs.or_else(|| self.crs_for_file.get(&path).copied()),
                    ..LoadOptions::default()
                };
                self.start_load(
                    ctx,
                    path,
                    options,
                    LayerSettings {
                        zoom_to: true,
                        ..LayerSettings::default()
                    },
                );
            }
        }
    }

    fn start_load(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        options: LoadOptions,
        settings: LayerSettings,
    ) {
        self.jobs.push(LoadJob::start(ctx, path, options, settings));
    }

    fn add_finished(&mut self, finished: Vec<FinishedJob>) {
        for job in finished {
            let Some(job) = self.finish_db_job(job) else {
                continue;
            };
            let member = job.settings.package.clone();
            match (job.outcome, &member) {
                (Ok(loaded), Some(member)) => self.take_package_layer(loaded, member),
                (Ok(loaded), None) => self.add_loaded_layer(loaded, &job.settings),
                (Err(LoadFailure::Read(error)), _) if error.needs_user_choice() => {
                    if let Some(member) = &member {
                        self.remember_asked_package_layer(&job.path, member);
                    }
                    self.ask(job.path, job.options, error)
                }
                (Err(failure), _) => self.notify_error(failure.to_string()),
            }
            if let Some(member) = member.filter(|member| member.last) {
                self.finish_package(&member.group, job.settings.zoom_to);
            }
        }
    }

    fn add_loaded_layer(&mut self, loaded: LoadedLayer, settings: &LayerSettings) {
        let LoadedLayer {
            mut layer,
            prepared,
        } = loaded;
        if let Some(id) = settings.replaces {
            match self.session.edit(Edit::ReplaceLayerData(id, layer)) {
                Ok(()) => self.cache_prepared(id, prepared),
                Err(error) => self.notify_error(error.to_string()),
            }
            return;
        }
        if let Some((project_path, entry)) = &settings.from_project
            && let Err(message) = apply_layer_settings(&mut layer, project_path, entry)
        {
            self.notify_error(format!("{}: {message}", entry.path.display()));
        }
        if let Some(path) = &layer.source_path
            && layer.crs_origin == crate::core::layer::CrsOrigin::User
        {
            self.crs_for_file.insert(path.clone(), layer.crs);
        }
        let extent = layer.extent_in_map;
        let position = settings.position;
        // Layers a project brings while it opens are part of it as saved, not edits of the planner.
        let added = match settings.opening_project {
            true => self
                .session
                .apply_unrecorded(Edit::AddLayer { layer, position })
                .map(|_| ()),
            false => self.session.edit(Edit::AddLayer { layer, position }),
        };
        if let Err(error) = added {
            self.notify_error(error.to_string());
            return;
        }
        let Some(id) = self.session.last_added_layer() else {
            return;
        };
        self.cache_prepared(id, prepared);
        if settings.zoom_to {
            self.fit_batch = crate::core::geometry::union_rect(self.fit_batch, extent);
            self.pending_fit = self.fit_batch;
            self.chosen_layer = self.chosen_layer.or(Some(id));
        }
    }

    /// Hands the loading thread's drawing data for layer `id` to the drawing cache.
    fn cache_prepared(&mut self, id: LayerId, prepared: PreparedLayer) {
        if let Some(layer) = self.session.layer(id) {
            self.mesh_cache.insert_prepared(layer, prepared);
        }
    }

    /// Turns a load that needs an answer into a question dialog (one at a time; others become notices).
    fn ask(&mut self, path: PathBuf, options: LoadOptions, error: LoadError) {
        if self.question.is_some() {
            self.notify_error(error.to_string());
            return;
        }
        let question = match error {
            LoadError::CrsUnknown {
                reason,
                suggestions,
                ..
            } => Question::Crs {
                reason,
                suggestions,
            },
            LoadError::CsvColumnsUnsure { guess, .. } => Question::CsvColumns(guess),
            other => {
                self.notify_error(other.to_string());
                return;
            }
        };
        let crs = match &question {
            Question::Crs { suggestions, .. } => suggestions.first().copied(),
            Question::CsvColumns(guess) => guess.crs,
        };
        self.question = Some(PendingQuestion {
            path,
            options,
            question,
            crs,
            columns: None,
        });
    }

    fn notify_error(&mut self, text: String) {
        self.notices.push(Notice {
            text,
            is_error: true,
        });
    }

    /// The extent "zoom to city" frames: the home layer's, or every visible layer's.
    fn home_extent(&self) -> Option<geo::Rect> {
        self.session
            .home_layer()
            .and_then(|name| {
                self.session
                    .layers()
                    .iter()
                    .find(|layer| layer.name == name)
            })
            .and_then(|layer| layer.extent_in_map)
            .or_else(|| self.session.visible_extent())
    }

    /// Applies one action.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Edit(edit) => self.edit(edit),
            Action::DragEdit(edit) => {
                if let Err(error) = self.session.edit_continuing(edit) {
                    self.notify_error(error.to_string());
                }
                self.after_edit();
            }
            Action::SetAttributeText {
                layer,
                features,
                field,
                text,
            } => self.set_attribute_text(layer, &features, field, &text),
            Action::ToggleEditMode(id) => self.toggle_edit_mode(id),
            Action::SaveLayerEdits(id) => self.save_layer_edits(id),
            Action::EditorKey(key) => self.editor_key(key),
            Action::DeleteSelectedFeature => {
                self.with_editor(|editor, target| editor.delete(target))
            }
            Action::ToggleLandUse => {
                self.land_use.open = !self.land_use.open;
                if self.land_use.open {
                    self.land_use.guess_inputs(&self.session);
                }
            }
            Action::ExportLandUseCsv(path) => self.export_land_use_csv(&path),
            Action::Undo => self.undo_or_redo(true),
            Action::Redo => self.undo_or_redo(false),
            Action::ZoomToLayer(id) => {
                self.pending_fit = self.session.layer(id).and_then(|layer| layer.extent_in_map)
            }
            Action::ZoomToCity => self.pending_fit = self.home_extent(),
            Action::ZoomIn => self.zoom_centre(ZOOM_STEP),
            Action::ZoomOut => self.zoom_centre(1.0 / ZOOM_STEP),
            Action::Select(selection) => self.selection = selection,
            Action::ZoomToFeature(selection) => {
                self.selection = Some(selection);
                self.pending_fit = self
                    .session
                    .layer(selection.layer)
                    .and_then(|layer| layer.features.get(selection.feature))
                    .and_then(|feature| feature.bbox_in_map)
                    .map(|bbox| pad_rect(bbox, 300.0));
            }
            Action::ChooseLayer(id) => self.chosen_layer = id,
            Action::SetGroupCollapsed(group, collapsed) => {
                self.session.set_group_collapsed(&group, collapsed)
            }
            Action::OpenTable(id) => self.table = Some(AttributeTableState::new(id)),
            Action::OpenStyleEditor(id) => self.style_editor = Some(id),
            Action::OpenFiles(paths, crs) => self.open_paths(ctx, paths, crs),
            Action::ShowOpenDialog => {
                let folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
                self.open_dialog = Some(OpenDialogState::new(folder));
            }
            Action::OpenDefaultProject => self.open_default_project(ctx),
            Action::SetLanguage(lang) => self.edit(Edit::SetLanguage(
                super::project_state::language_from_lang(lang),
            )),
            Action::ToggleAnalysis => {
                self.analysis.open = !self.analysis.open;
                if self.analysis.open && self.analysis.session.is_none() {
                    self.analysis.guess_inputs(&self.session);
                    self.commit_analysis_settings();
                }
            }
            Action::Notify(text) => self.notify_error(text),
            Action::AnalysisDeleteSelected => {
                if let Some(id) = self.analysis.selected_site.take() {
                    self.edit(Edit::RemoveProposal(id));
                }
            }
            Action::AnalysisAcceptSuggestions => {
                let edits = self
                    .analysis
                    .accept_suggestions()
                    .into_iter()
                    .map(|site| Edit::AddProposal {
                        id: self.session.new_proposal_id(),
                        site,
                    })
                    .collect();
                if let Err(error) = self.session.edit_group(EditKind::AcceptSuggestions, edits) {
                    self.notify_error(error.to_string());
                }
                self.after_edit();
            }
            Action::AnalysisSaveProposed => self.save_proposed_sites(),
            Action::RetryLoad(path, options) => {
                if let Some(crs) = options.crs {
                    self.crs_for_file.insert(path.clone(), crs);
                }
                let package = self.answered_package_member(&path, &options);
                self.start_load(
                    ctx,
                    path,
                    options,
                    LayerSettings {
                        zoom_to: true,
                        package,
                        ..LayerSettings::default()
                    },
                );
            }
            Action::ReloadWithEncoding(id, encoding) => {
                self.reload_with_encoding(ctx, id, encoding)
            }
            Action::OpenExportDialog(id) => {
                self.export_dialog = self
                    .session
                    .layer(id)
                    .map(|layer| ExportDialogState::new(id, &layer.name));
            }
            Action::ExportLayer(request) => self.export_layer(&request),
            Action::ShowPngExport => {
                self.png_export = Some(PngExportState::new(self.session.title()));
            }
            Action::ExportPng(request) => self.export_png(&request),
            project_action @ (Action::NewProject
            | Action::ShowOpenProjectDialog
            | Action::OpenProject(_)
            | Action::SaveProject
            | Action::ShowSaveProjectAs
            | Action::SaveProjectAs(_)
            | Action::ShowRelinkDialog(_)
            | Action::RelinkLayer(..)
            | Action::RecoverAutosave
            | Action::DiscardAutosave
            | Action::ConfirmProjectSwitch
            | Action::CancelProjectSwitch) => self.apply_project_action(ctx, project_action),
            Action::Review(action) => {
                let texts = self.texts();
                let mut context = ReviewContext {
                    session: &mut self.session,
                    project_path: self.project.path.as_deref(),
                    camera: &mut self.camera,
                    to_wgs84: self.to_wgs84.as_ref(),
                    from_wgs84: self.from_wgs84.as_ref(),
                    notices: &mut self.notices,
                    texts,
                };
                self.review.apply(action, &mut context);
                self.after_edit();
            }
            Action::Slides(action) => self.apply_slide_action(ctx, action),
            Action::Database(action) => self.apply_db_action(ctx, action),
            Action::DbSave(action) => self.apply_db_save_action(action),
            Action::Tt16(action) => self.apply_tt16_action(ctx, action),
        }
    }

    fn apply_slide_action(&mut self, ctx: &egui::Context, action: SlideAction) {
        let outcome = self.presentation.apply(
            action,
            SlideContext {
                ctx,
                texts: self.lang().texts(),
                session: &mut self.session,
                camera: &mut self.camera,
                view_in_screen: self.view_in_screen,
            },
        );
        match outcome {
            Ok(Some(text)) => self.notices.push(Notice {
                text,
                is_error: false,
            }),
            Ok(None) => {}
            Err(message) => self.notify_error(message),
        }
    }

    /// One frame of the presentation: only the show is drawn.
    fn show_frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        let frame = ShowFrame {
            texts: self.lang().texts(),
            document: &self.session,
            camera: &mut self.camera,
            mesh_cache: &mut self.mesh_cache,
            slides: self.session.slides(),
            to_wgs84: self.to_wgs84.as_ref(),
            from_wgs84: self.from_wgs84.as_ref(),
        };
        show_ui(ui, &mut self.presentation, frame, &mut actions);
        for action in actions {
            self.apply(&ctx, action);
        }
    }

    /// Renders the current view with the core's renderer and writes it atomically.
    fn export_png(&mut self, request: &PngExportState) {
        let layers: Vec<&Layer> = self
            .session
            .layers()
            .iter()
            .filter(|layer| layer.visible)
            .collect();
        let view = self.camera.visible_map_rect(self.view_in_screen);
        let mut export = MapExport::new(request.width_px, request.height_px, request.scale);
        export.title = request.title.clone();
        export.words =
            MapWords::for_language(super::project_state::language_from_lang(self.lang()));
        let legend = legend_entries_within(&layers, &export.words.legend, view);
        let path = PathBuf::from(request.path_text.trim());
        let written = export
            .fit_beside_legend(view, &legend)
            .and_then(|()| render_map_png(&layers, &export, &legend))
            .map_err(|error| error.to_string())
            .and_then(|png| {
                write_bytes_atomically(&path, &png)
                    .map_err(|error| format!("{}: {error}", path.display()))
            });
        match written {
            Ok(()) => self.notices.push(Notice {
                text: format!("{} {}", self.texts().exported_to, path.display()),
                is_error: false,
            }),
            Err(message) => self.notify_error(message),
        }
    }

    fn reload_with_encoding(&mut self, ctx: &egui::Context, id: LayerId, encoding: TextEncoding) {
        let Some(layer) = self.session.layer(id) else {
            return;
        };
        let Some(path) = layer.source_path.clone() else {
            return;
        };
        let options = LoadOptions {
            crs: (layer.crs_origin == crate::core::layer::CrsOrigin::User).then_some(layer.crs),
            encoding: Some(encoding),
            table: layer.source_table.clone(),
            ..LoadOptions::default()
        };
        self.start_load(
            ctx,
            path,
            options,
            LayerSettings {
                replaces: Some(id),
                ..LayerSettings::default()
            },
        );
    }

    fn export_layer(&mut self, request: &ExportDialogState) {
        let Some(layer) = self.session.layer(request.layer) else {
            return;
        };
        let path = PathBuf::from(request.path_text.trim());
        let selected = self
            .selection
            .filter(|selected| request.only_selection && selected.layer == layer.id);
        let export = match selected {
            Some(selected) => ExportLayer::from_layer(layer, [selected.feature]),
            None => ExportLayer::from_whole_layer(layer),
        };
        let export = match export {
            Ok(export) => export,
            Err(error) => {
                self.notify_error(format!("{}: {error}", path.display()));
                return;
            }
        };
        let written = match request.format {
            ExportFormat::GeoJson => write_geojson(&path, &export),
            ExportFormat::GeoPackage => write_gpkg(&path, &[export]),
        };
        match written {
            Ok(()) => self.notices.push(Notice {
                text: format!("{} {}", self.texts().exported_to, path.display()),
                is_error: false,
            }),
            Err(error) => self.notify_error(error.to_string()),
        }
    }

    fn save_proposed_sites(&mut self) {
        let t = self.texts();
        let Some(session) = &self.analysis.session else {
            return;
        };
        let data = session.proposed_layer_data(t.proposed_layer_name);
        match Layer::prepare(data, &mut |_| {}) {
            Ok(mut layer) => {
                layer.style.point_symbol = crate::core::style::PointSymbol::Diamond;
                layer.style.fill = crate::core::style::Rgba::rgb(255, 140, 0);
                layer.style.point_radius_px = 7.0;
                self.edit(Edit::AddLayer {
                    layer: Box::new(layer),
                    position: None,
                });
            }
            Err(error) => self.notify_error(error.to_string()),
        }
    }

    /// Frames `rect` (map CRS) with `margin_m` metres around it at the next frame.
    pub(crate) fn fit_map_to(&mut self, rect: geo::Rect, margin_m: f64) {
        self.pending_fit = Some(pad_rect(rect, margin_m));
    }

    fn zoom_centre(&mut self, factor: f64) {
        if self.view_in_screen.is_positive() {
            self.camera
                .zoom_at(self.view_in_screen, self.view_in_screen.center(), factor);
        }
    }

    fn drop_dangling_references(&mut self) {
        let open: Vec<LayerId> = self.session.layers().iter().map(|layer| layer.id).collect();
        self.mesh_cache.retain(&open);
        let selection_gone = self.selection.is_some_and(|selected| {
            self.session
                .layer(selected.layer)
                .is_none_or(|layer| selected.feature >= layer.features.len())
        });
        if selection_gone {
            self.selection = None;
        }
        if self.chosen_layer.is_some_and(|id| !open.contains(&id)) {
            self.chosen_layer = None;
        }
        if self
            .table
            .as_ref()
            .is_some_and(|table| !open.contains(&table.layer))
        {
            self.table = None;
        }
        if self.editing.is_some_and(|id| !open.contains(&id)) {
            self.editing = None;
        }
        if self.style_editor.is_some_and(|id| !open.contains(&id)) {
            self.style_editor = None;
        }
    }

    /// Identifies the topmost visible feature at a map point.
    pub fn identify_at(&self, pt_in_map: [f64; 2]) -> Option<Selection> {
        let tolerance_m = CLICK_TOLERANCE_PX * self.camera.m_per_px;
        let point = geo::Point::new(pt_in_map[0], pt_in_map[1]);
        self.session
            .layers()
            .iter()
            .rev()
            .filter(|layer| layer.visible && layer.opacity > 0.0)
            .find_map(|layer| {
                hit_test(&layer.features, &layer.index, point, tolerance_m).map(|feature| {
                    Selection {
                        layer: layer.id,
                        feature,
                    }
                })
            })
    }

    /// One frame of the whole interface.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(probe) = self.startup_probe.as_mut()
            && probe.frame_starts()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.db_tick(&ctx);
        self.tt16_tick();
        let finished = self.jobs.collect_finished(false);
        self.add_finished(finished);
        if self.jobs.is_empty() {
            self.fit_batch = None;
        }
        let map_complete =
            self.jobs.is_empty() && !self.session.layers().is_empty() && self.pending_fit.is_none();
        self.receive_dropped_files(&ctx);
        self.hold_close_with_unsaved_changes(&ctx);
        if self
            .presentation
            .advance_flight(ctx.input(|input| input.time), &mut self.camera)
        {
            ctx.request_repaint();
        }
        if self.presentation.is_presenting() {
            self.show_frame_ui(ui);
            return;
        }
        let t = self.texts();
        let mut actions = Vec::new();
        self.project_shortcuts(&ctx, &mut actions);
        self.undo_shortcuts(&ctx, &mut actions);
        self.keyboard_shortcuts(&ctx, &mut actions);
        self.review.keyboard_shortcuts(&ctx, &mut actions);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui, t, &mut actions));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui, t));
        egui::Panel::left("layers-panel")
            .default_size(290.0)
            .resizable(true)
            .show(ui, |ui| {
                layers_panel_ui(
                    ui,
                    t,
                    &self.session,
                    self.chosen_layer,
                    self.editing,
                    &mut self.layer_panel,
                    &mut actions,
                )
            });
        if self.analysis.open {
            egui::Panel::right("analysis-panel")
                .default_size(380.0)
                .resizable(true)
                .show(ui, |ui| {
                    analysis_panel_ui(ui, t, &self.session, &mut self.analysis, &mut actions)
                });
        }
        if self.review.open {
            egui::Panel::right("review-panel")
                .default_size(340.0)
                .resizable(true)
                .show(ui, |ui| {
                    review_panel_ui(
                        ui,
                        t,
                        &mut self.review,
                        self.session.pins(),
                        self.project.path.as_deref(),
                        &mut actions,
                    )
                });
        }
        if self.land_use.open {
            egui::Panel::right("land-use-panel")
                .default_size(360.0)
                .resizable(true)
                .show(ui, |ui| {
                    super::panels::land_use::land_use_panel_ui(
                        ui,
                        t,
                        &self.session,
                        &mut self.land_use,
                        &mut actions,
                    )
                });
        }
        self.conflicts_panel_ui(ui, &mut actions);
        if self.tt16.open {
            egui::Panel::right("tt16-panel")
                .default_size(380.0)
                .resizable(true)
                .show(ui, |ui| {
                    super::tt16_check::panel::tt16_panel_ui(ui, t, &mut self.tt16, &mut actions)
                });
        }
        if self.presentation.panel_open {
            egui::Panel::right("slides-panel")
                .default_size(320.0)
                .resizable(true)
                .show(ui, |ui| {
                    slides_panel_ui(
                        ui,
                        t,
                        self.session.slides(),
                        &mut self.presentation,
                        &mut actions,
                    )
                });
        }
        if let Some(selection) = self.selection {
            egui::Panel::right("identify-panel")
                .default_size(300.0)
                .resizable(true)
                .show(ui, |ui| {
                    identify_panel_ui(
                        ui,
                        t,
                        &self.session,
                        selection,
                        self.editing == Some(selection.layer),
                        &mut self.attribute_draft,
                        &mut actions,
                    )
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let edit_target = self.editing.and_then(|layer| {
                super::editing::tools::EditTarget::new(&self.session, layer, self.selection)
            });
            let mut edit_overlay = edit_target.map(|target| super::editing::overlay::EditOverlay {
                target,
                state: &mut self.editor,
            });
            let overlay: &mut dyn MapOverlay = if let Some(editing) = edit_overlay.as_mut() {
                editing
            } else if self.analysis.session.is_some() {
                &mut self.analysis
            } else {
                &mut NoOverlay
            };
            let response = map_ui(
                ui,
                &self.session,
                &mut self.camera,
                &mut self.mesh_cache,
                self.selection,
                overlay,
            );
            self.after_map(ui, t, &response, &mut actions);
        });
        self.windows_ui(&ctx, t, &mut actions);
        notices_ui(&ctx, t, &mut self.notices);
        for action in actions {
            self.apply(&ctx, action);
        }
        self.follow_session();
        let dragging_or_typing =
            ctx.input(|input| input.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        if !dragging_or_typing {
            self.commit_analysis_settings();
            self.session.end_continuing();
        }
        self.project_tick(&ctx);
        if self
            .coarse_rebuilds
            .tick(&self.session, &mut self.mesh_cache)
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        if !self.jobs.is_empty() || self.tt16.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(probe) = self.startup_probe.as_mut() {
            probe.frame_ends(map_complete);
            ctx.request_repaint();
        }
    }

    fn after_map(
        &mut self,
        ui: &mut egui::Ui,
        t: &Texts,
        response: &MapResponse,
        actions: &mut Vec<Action>,
    ) {
        self.view_in_screen = response.view_in_screen;
        self.view_keeper
            .keep(&mut self.camera, response.view_in_screen);
        if let Some(target) = self.pending_fit.take() {
            self.camera.fit(response.view_in_screen, target);
            ui.ctx().request_repaint();
        }
        self.cursor_in_map = response.hovered_in_map;
        let edit_clicks = self.editing.is_some() && self.editor.takes_clicks();
        if edit_clicks {
            self.editor_clicks(response);
        } else if let Some(clicked) = response.clicked_in_map {
            let at = geo::Coord {
                x: clicked[0],
                y: clicked[1],
            };
            let on_pins = self.review.click_on_map(
                clicked,
                self.camera.m_per_px,
                self.session.pins(),
                self.from_wgs84.as_ref(),
            );
            if let Some(review_action) = on_pins {
                actions.push(Action::Review(review_action));
            } else if self.analysis.editing && self.analysis.session.is_some() {
                if let Some(site) = self.analysis.click_to_edit(at, self.camera.m_per_px) {
                    let id = self.session.new_proposal_id();
                    self.analysis.selected_site = Some(id);
                    actions.push(Action::Edit(Edit::AddProposal { id, site }));
                }
            } else {
                actions.push(Action::Select(self.identify_at(clicked)));
                self.analysis.describe_gap_at(at, t);
            }
        }
        let painter = ui.painter_at(response.view_in_screen);
        self.review.paint_pins(
            &painter,
            &self.camera,
            response.view_in_screen,
            self.session.pins(),
            self.from_wgs84.as_ref(),
            t,
        );
        self.paint_conflicts(&painter, response.view_in_screen);
        self.editor_toolbar_ui(ui, response.view_in_screen, actions);
        if let Some((id, to)) = self.analysis.finished_move.take() {
            actions.push(Action::Edit(Edit::MoveProposal {
                id,
                to_in_map: [to.x, to.y],
            }));
        }
        if let (Some(to_wgs84), Some(from_wgs84)) = (&self.to_wgs84, &self.from_wgs84) {
            if let Some(ground) = ground_m_per_px(&self.camera, response.view_in_screen, to_wgs84) {
                scale_bar_ui(&painter, response.view_in_screen, ground);
            }
            if let Some(angle) = true_north_angle(&self.camera, to_wgs84, from_wgs84) {
                north_arrow_ui(&painter, response.view_in_screen, angle, t.north_letter);
            }
        }
        self.map_buttons_ui(ui, t, response.view_in_screen, actions);
    }

    fn map_buttons_ui(
        &self,
        ui: &mut egui::Ui,
        t: &Texts,
        view: egui::Rect,
        actions: &mut Vec<Action>,
    ) {
        let area = egui::Rect::from_min_size(
            view.right_top() + egui::vec2(-52.0, 12.0),
            egui::vec2(40.0, 110.0),
        );
        let mut buttons = ui.new_child(egui::UiBuilder::new().max_rect(area));
        buttons.spacing_mut().item_spacing.y = 6.0;
        let size = egui::vec2(36.0, 30.0);
        if buttons
            .add_sized(size, egui::Button::new(RichText::new("+").size(20.0)))
            .on_hover_text(t.zoom_in)
            .clicked()
        {
            actions.push(Action::ZoomIn);
        }
        if buttons
            .add_sized(size, egui::Button::new(RichText::new("−").size(20.0)))
            .on_hover_text(t.zoom_out)
            .clicked()
        {
            actions.push(Action::ZoomOut);
        }
        if buttons
            .add_sized(size, egui::Button::new(RichText::new("⌂").size(18.0)))
            .on_hover_text(t.zoom_to_city)
            .clicked()
        {
            actions.push(Action::ZoomToCity);
        }
    }

    fn menu_bar_ui(&self, ui: &mut egui::Ui, t: &Texts, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                project_menu_ui(ui, t, &self.project.recent, actions);
                ui.separator();
                if ui.button(t.open_file_menu).clicked() {
                    actions.push(Action::ShowOpenDialog);
                }
                let connect = super::database::open_texts::db_texts(t.lang).menu_connect;
                if ui.button(connect).clicked() {
                    actions.push(Action::Database(
                        super::database::DbAction::ShowConnectDialog,
                    ));
                }
                if ui.button(t.open_default_map).clicked() {
                    actions.push(Action::OpenDefaultProject);
                }
                if ui.button(t.png_export_menu).clicked() {
                    actions.push(Action::ShowPngExport);
                }
                if ui.button(t.lang.tt16_texts().menu_check).clicked() {
                    actions.push(Action::Tt16(super::tt16_check::Tt16Action::ChooseDossier));
                }
                ui.separator();
                if ui.button(t.quit).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            self.edit_menu_ui(ui, t, actions);
            ui.menu_button(t.menu_map, |ui| {
                if ui.button(t.zoom_to_city).clicked() {
                    actions.push(Action::ZoomToCity);
                }
                if ui.button(t.zoom_in).clicked() {
                    actions.push(Action::ZoomIn);
                }
                if ui.button(t.zoom_out).clicked() {
                    actions.push(Action::ZoomOut);
                }
            });
            if ui
                .selectable_label(self.analysis.open, t.analysis_button)
                .clicked()
            {
                actions.push(Action::ToggleAnalysis);
            }
            if ui
                .selectable_label(self.review.open, t.review.button)
                .clicked()
            {
                actions.push(Action::Review(super::review::ReviewAction::TogglePanel));
            }
            if ui
                .selectable_label(self.presentation.panel_open, t.slides_button)
                .clicked()
            {
                actions.push(Action::Slides(SlideAction::TogglePanel));
            }
            if ui
                .selectable_label(self.land_use.open, t.lang.edit_texts().land_use_button)
                .clicked()
            {
                actions.push(Action::ToggleLandUse);
            }
            if ui
                .selectable_label(self.tt16.open, t.lang.tt16_texts().panel_title)
                .clicked()
            {
                actions.push(Action::Tt16(super::tt16_check::Tt16Action::TogglePanel));
            }
            ui.separator();
            ui.label(RichText::new(t.app_title).strong());
            self.project_caption_ui(ui, t);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let other = self.lang().other();
                if ui
                    .button(other.texts().language_name)
                    .on_hover_text(t.switch_language)
                    .clicked()
                {
                    actions.push(Action::SetLanguage(other));
                }
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui, t: &Texts) {
        ui.horizontal(|ui| {
            match (self.cursor_in_map, &self.to_wgs84) {
                (Some(pt_in_map), Some(to_wgs84)) => ui.label(cursor_text(t, pt_in_map, to_wgs84)),
                _ => ui.label(t.cursor_outside),
            };
            for job in self.jobs.pending() {
                ui.separator();
                if self.db_job_status_ui(ui, job) {
                    continue;
                }
                let name = job
                    .path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(format!("{} {name}", t.loading));
                ui.add(
                    egui::ProgressBar::new(job.progress())
                        .desired_width(120.0)
                        .show_percentage(),
                );
            }
        });
    }

    fn windows_ui(&mut self, ctx: &egui::Context, t: &Texts, actions: &mut Vec<Action>) {
        let edit_texts = self.lang().edit_texts();
        if let Some(table) = self.table.as_mut() {
            let mut open = true;
            if let Some(layer) = self.session.layer(table.layer) {
                let editable = self.editing == Some(table.layer);
                attribute_table_ui(
                    ctx,
                    t,
                    edit_texts,
                    layer,
                    table,
                    self.selection,
                    editable,
                    &mut open,
                    actions,
                );
            }
            if !open {
                self.table = None;
            }
        }
        if let Some(id) = self.style_editor {
            let mut open = true;
            if let Some(layer) = self.session.layer(id) {
                style_editor_ui(ctx, t, layer, &mut open, actions);
            }
            if !open {
                self.style_editor = None;
            }
        }
        load_question_ui(ctx, t, &mut self.question, actions);
        author_window_ui(ctx, t, &mut self.review, actions);
        if let Some(dialog) = self.png_export.as_mut() {
            let mut open = true;
            png_export_ui(ctx, t, dialog, &mut open, actions);
            if !open {
                self.png_export = None;
            }
        }
        if let Some(dialog) = self.export_dialog.as_mut() {
            let mut open = true;
            let has_selection = self
                .selection
                .is_some_and(|selected| selected.layer == dialog.layer);
            export_dialog_ui(ctx, t, dialog, has_selection, &mut open, actions);
            if !open {
                self.export_dialog = None;
            }
        }
        if let Some(dialog) = self.open_dialog.as_mut() {
            let mut open = true;
            open_dialog_ui(ctx, t, dialog, &mut open, actions);
            if !open {
                self.open_dialog = None;
            }
        }
        self.project_windows_ui(ctx, t, actions);
        self.db_windows_ui(ctx);
        self.publish_dialog_ui(ctx);
    }

    fn keyboard_shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input(|input| {
            if input.key_pressed(egui::Key::Plus) || input.key_pressed(egui::Key::Equals) {
                actions.push(Action::ZoomIn);
            }
            if input.key_pressed(egui::Key::Minus) {
                actions.push(Action::ZoomOut);
            }
            if input.key_pressed(egui::Key::Home) {
                actions.push(Action::ZoomToCity);
            }
            if self.editing.is_some() {
                for key in [
                    egui::Key::Enter,
                    egui::Key::Backspace,
                    egui::Key::Delete,
                    egui::Key::Escape,
                ] {
                    if input.key_pressed(key) {
                        actions.push(Action::EditorKey(key));
                    }
                }
            } else if input.key_pressed(egui::Key::Escape) {
                actions.push(Action::Select(None));
            }
            if input.key_pressed(egui::Key::F5) {
                actions.push(Action::Slides(SlideAction::Start));
            }
            if self.analysis.editing
                && (input.key_pressed(egui::Key::Delete) || input.key_pressed(egui::Key::Backspace))
            {
                actions.push(Action::AnalysisDeleteSelected);
            }
        });
    }

    fn receive_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(ctx, dropped, None);
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}

fn pad_rect(rect: geo::Rect, margin_m: f64) -> geo::Rect {
    geo::Rect::new(
        (rect.min().x - margin_m, rect.min().y - margin_m),
        (rect.max().x + margin_m, rect.max().y + margin_m),
    )
}
