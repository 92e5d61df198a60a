//! Background work: loading and preparing layers on worker threads, with progress the UI can draw.
//!
//! A [`LoadJob`] reads a file and prepares its layer (reprojection, index) and its drawing data (triangles and
//! levels of detail, [`PreparedLayer`]) on its own thread — PROJ objects are per-thread, and a million-polygon
//! layer takes seconds to triangulate, which must not freeze the window — and reports progress through an atomic the frame loop reads. Finished jobs are collected in the
//! order they were started, so a project's layers stack in the order the project lists them.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::core::io::{LoadError, LoadOptions, read_layer_file_with};
use crate::core::layer::{Layer, LayerId};
use crate::core::lod::PreparedLayer;
use crate::core::project::ProjectLayer;

/// What to apply to a layer once it is loaded (from a project entry).
#[derive(Clone, Debug, Default)]
pub struct LayerSettings {
    /// Name, style, visibility and opacity from a project file, and that file's path.
    pub from_project: Option<(PathBuf, ProjectLayer)>,
    /// Whether the map should zoom to this layer when it arrives.
    pub zoom_to: bool,
    /// Reload of an open layer (e.g. with another text encoding): replace its data, keep its settings.
    pub replaces: Option<LayerId>,
    /// Where in the drawing order to put the new layer (bottom is 0); on top when `None`.
    pub position: Option<usize>,
    /// True for the layers of a project being opened: they are the project as saved, not an edit (a
    /// relinked or newly opened layer is an edit).
    pub opening_project: bool,
    /// For one layer of a package opened as a whole: its table and group (the package's layers are added
    /// together, as one step, when the last one arrives).
    pub package: Option<PackageMember>,
}

/// One layer of a package being opened as a layer group.
#[derive(Clone, Debug)]
pub struct PackageMember {
    /// The group's name.
    pub group: String,
    /// The layer's name in the package.
    pub table: String,
    /// True for the package's last job: when it is collected, the package's layers are added.
    pub last: bool,
}

/// Why a load did not give a layer.
#[derive(Debug)]
pub enum LoadFailure {
    /// Reading the file failed, or it needs the user to choose something (see [`LoadError::needs_user_choice`]).
    Read(LoadError),
    /// The layer could not be prepared for the map (reprojection).
    Prepare(String),
    /// The worker thread stopped.
    Lost(String),
    /// A database layer could not be read (see [`crate::app::database`]).
    Database(crate::core::postgis::DbError),
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read(error) => write!(f, "{error}"),
            Self::Prepare(message) | Self::Lost(message) => f.write_str(message),
            Self::Database(error) => write!(f, "{error}"),
        }
    }
}

/// One file being loaded on a worker thread.
pub struct LoadJob {
    /// The file.
    pub path: PathBuf,
    /// The reading choices (CRS, encoding, CSV columns).
    pub options: LoadOptions,
    /// What to apply when it is done.
    pub settings: LayerSettings,
    /// For a database table: its source, row counts, cancel switch and the partial layers shown so far.
    pub database: Option<crate::app::database::load_job::DbJobLink>,
    progress_bits: Arc<AtomicU32>,
    receiver: Receiver<Result<LoadedLayer, LoadFailure>>,
    outcome: Option<Result<LoadedLayer, LoadFailure>>,
}

/// The work of a job on its thread: reports progress from 0 to 1, returns the layer or why there is none.
pub type JobWork = Box<dyn FnOnce(&mut dyn FnMut(f32)) -> Result<LoadedLayer, LoadFailure> + Send>;

/// A layer read and prepared by a worker, with its drawing data.
pub struct LoadedLayer {
    /// The layer, ready for the document.
    pub layer: Box<Layer>,
    /// Its triangles and levels of detail, for the drawing cache.
    pub prepared: PreparedLayer,
}

impl LoadJob {
    /// Starts loading `path` with `options` on a new thread.
    pub fn start(
        ctx: &egui::Context,
        path: PathBuf,
        options: LoadOptions,
        settings: LayerSettings,
    ) -> Self {
        let worker_path = path.clone();
        let worker_options = options.clone();
        let work: JobWork = Box::new(move |report: &mut dyn FnMut(f32)| {
            load_and_prepare(&worker_path, &worker_options, report)
        });
        Self::spawn(ctx, path, options, settings, None, work)
    }

    /// Starts `work` on a new thread; `path` names the job in the status bar and messages.
    pub fn spawn(
        ctx: &egui::Context,
        path: PathBuf,
        options: LoadOptions,
        settings: LayerSettings,
        database: Option<crate::app::database::load_job::DbJobLink>,
        work: JobWork,
    ) -> Self {
        let progress_bits = Arc::new(AtomicU32::new(0f32.to_bits()));
        let (sender, receiver) = channel();
        let worker_progress = Arc::clone(&progress_bits);
        let worker_ctx = ctx.clone();
        std::thread::spawn(move || {
            let mut report = |fraction: f32| {
                worker_progress.store(fraction.to_bits(), Ordering::Relaxed);
                worker_ctx.request_repaint();
            };
            let outcome = work(&mut report);
            // The receiver is gone only when the app has closed; nothing is left to tell then.
            let _ = sender.send(outcome);
            worker_ctx.request_repaint();
        });
        Self {
            path,
            options,
            settings,
            database,
            progress_bits,
            receiver,
            outcome: None,
        }
    }

    /// Progress from 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress_bits.load(Ordering::Relaxed))
    }

    fn poll(&mut self, block: bool) {
        if self.outcome.is_some() {
            return;
        }
        let received = if block {
            self.receiver.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.receiver.try_recv()
        };
        match received {
            Ok(outcome) => self.outcome = Some(outcome),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.outcome = Some(Err(LoadFailure::Lost(format!(
                    "{}: the loading thread stopped unexpectedly",
                    self.path.display()
                ))));
            }
        }
    }
}

fn load_and_prepare(
    path: &std::path::Path,
    options: &LoadOptions,
    report: &mut dyn FnMut(f32),
) -> Result<LoadedLayer, LoadFailure> {
    let data = read_layer_file_with(path, options, &mut |fraction| report(0.6 * fraction))
        .map_err(LoadFailure::Read)?;
    let mut layer = Layer::prepare(data, &mut |fraction| report(0.6 + 0.25 * fraction))
        .map_err(|error| LoadFailure::Prepare(format!("{}: {error}", path.display())))?;
    // A land-use layer in the circular's classes is drawn in its symbology (a project's own style, applied
    // when the layer arrives, still wins).
    crate::core::tt16::symbology::apply_tt16_style(&mut layer);
    crate::core::io::gdal_formats::label_drawing_texts(&mut layer);
    let prepared = PreparedLayer::build(&layer.features);
    report(1.0);
    Ok(LoadedLayer {
        layer: Box::new(layer),
        prepared,
    })
}

/// A finished job.
pub struct FinishedJob {
    /// The file.
    pub path: PathBuf,
    /// The reading choices it used.
    pub options: LoadOptions,
    /// What to apply.
    pub settings: LayerSettings,
    /// The layer and its drawing data, or why there is none.
    pub outcome: Result<LoadedLayer, LoadFailure>,
    /// For a database table: what was read and any partial layer shown.
    pub database: Option<crate::app::database::load_job::DbJobLink>,
}

/// The queue of running and finished-but-not-collected jobs.
#[derive(Default)]
pub struct JobQueue {
    jobs: VecDeque<LoadJob>,
}

impl JobQueue {
    /// Adds a started job.
    pub fn push(&mut self, job: LoadJob) {
        self.jobs.push_back(job);
    }

    /// Jobs still running or waiting to be collected.
    pub fn pending(&self) -> impl Iterator<Item = &LoadJob> {
        self.jobs.iter()
    }

    /// Jobs still running or waiting to be collected, to take their partial results.
    pub fn pending_mut(&mut self) -> impl Iterator<Item = &mut LoadJob> {
        self.jobs.iter_mut()
    }

    /// True when no job is pending.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Finished jobs from the front of the queue (start order). With `block`, waits for every job.
    pub fn collect_finished(&mut self, block: bool) -> Vec<FinishedJob> {
        let mut finished = Vec::new();
        while let Some(front) = self.jobs.front_mut() {
            front.poll(block);
            if front.outcome.is_none() {
                break;
            }
            if let Some(job) = self.jobs.pop_front()
                && let Some(outcome) = job.outcome
            {
                finished.push(FinishedJob {
                    path: job.path,
                    options: job.options,
                    settings: job.settings,
                    outcome,
                    database: job.database,
                });
            }
        }
        finished
    }
}
