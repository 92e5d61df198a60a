//! Loading a database table on a worker thread, through the app's job queue ([`crate::app::jobs`]): the
//! core streams the table in batches ([`crate::core::postgis::open_layer`]); after each batch the job
//! publishes the rows read against the table's estimated count (the status bar's progress bar) and checks
//! the planner's cancel switch. So that the first features appear as they arrive, the first batch — and
//! once more when eight times as many rows have come — is prepared as a *partial* layer (reprojected,
//! indexed, triangulated) and handed to the app, which shows it until the whole table has been read and
//! then puts the final layer in its place (same id, the planner's changes to visibility, opacity and style
//! kept). At most two partial layers are prepared, so a big table costs little extra.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

use crate::app::jobs::{JobWork, LayerSettings, LoadFailure, LoadJob, LoadedLayer};
use crate::core::db_source::DbSource;
use crate::core::io::LoadOptions;
use crate::core::layer::{CrsOrigin, Layer, LayerData, LayerId};
use crate::core::lod::PreparedLayer;
use crate::core::postgis::read::{BatchView, ReadControl, ReadOptions};
use crate::core::postgis::{Passwords, open_layer};

/// Partial layers prepared at most, per load.
const MAX_PARTIALS: usize = 2;
/// A second partial layer once this many times the rows of the first have arrived.
const PARTIAL_GROWTH: u64 = 8;
/// Share of the progress bar for reading rows (the rest is preparing the layer for the map).
const READ_SHARE: f32 = 0.8;

/// What to load: the table, how, and what to do with the layer.
#[derive(Clone, Debug)]
pub struct DbLoadRequest {
    /// The table (never with a password).
    pub source: DbSource,
    /// Only the current view, or a CRS for a table without SRID.
    pub options: ReadOptions,
    /// Project settings, replacing an open layer, zoom.
    pub settings: LayerSettings,
    /// Show partial layers while the table is read (a table opened by the planner; not for reloads).
    pub partials: bool,
    /// The name a partial layer shows while loading (e.g. "su_dung_dat — đang tải…").
    pub partial_name: String,
    /// The entry's position in the project, for a project's layer (listed as unavailable if it fails).
    pub project_index: Option<usize>,
}

/// A running database load's link to the app: row counts, the cancel switch, partial layers.
pub struct DbJobLink {
    /// The request, to retry it (e.g. after the planner typed a password).
    pub request: DbLoadRequest,
    cancel: Arc<AtomicBool>,
    rows_read: Arc<AtomicU64>,
    /// The estimated row count plus one (0: not known yet or never analysed).
    estimate_plus_one: Arc<AtomicU64>,
    partials: Option<Receiver<LoadedLayer>>,
    /// The partial layer the map shows, once one has arrived.
    pub shown_as: Option<LayerId>,
}

impl DbJobLink {
    /// Asks the worker to stop after the batch it is reading.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once the planner cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Rows read so far and the table's estimated row count, if known.
    pub fn rows(&self) -> (u64, Option<u64>) {
        let estimate = self.estimate_plus_one.load(Ordering::Relaxed);
        (
            self.rows_read.load(Ordering::Relaxed),
            estimate.checked_sub(1),
        )
    }

    /// The newest partial layer that arrived since the last call, if any.
    pub fn take_partial(&mut self) -> Option<LoadedLayer> {
        let receiver = self.partials.as_ref()?;
        let mut newest = None;
        while let Ok(partial) = receiver.try_recv() {
            newest = Some(partial);
        }
        newest
    }
}

/// Starts loading `request` with the session's typed `passwords` (copied to the worker; never written).
pub fn start_db_load(
    ctx: &egui::Context,
    request: DbLoadRequest,
    passwords: &Passwords,
) -> LoadJob {
    let cancel = Arc::new(AtomicBool::new(false));
    let rows_read = Arc::new(AtomicU64::new(0));
    let estimate_plus_one = Arc::new(AtomicU64::new(0));
    let (partial_sender, partial_receiver) = channel();
    let worker = Worker {
        source: request.source.clone(),
        options: request.options.clone(),
        passwords: passwords.clone(),
        cancel: Arc::clone(&cancel),
        rows_read: Arc::clone(&rows_read),
        estimate_plus_one: Arc::clone(&estimate_plus_one),
        partials: request
            .partials
            .then(|| (partial_sender, request.partial_name.clone())),
        ctx: ctx.clone(),
    };
    let work: JobWork = Box::new(move |report: &mut dyn FnMut(f32)| worker.run(report));
    let path = PathBuf::from(request.source.table.display_name());
    let settings = request.settings.clone();
    let link = DbJobLink {
        partials: request.partials.then_some(partial_receiver),
        request,
        cancel,
        rows_read,
        estimate_plus_one,
        shown_as: None,
    };
    LoadJob::spawn(
        ctx,
        path,
        LoadOptions::default(),
        settings,
        Some(link),
        work,
    )
}

struct Worker {
    source: DbSource,
    options: ReadOptions,
    passwords: Passwords,
    cancel: Arc<AtomicBool>,
    rows_read: Arc<AtomicU64>,
    estimate_plus_one: Arc<AtomicU64>,
    partials: Option<(Sender<LoadedLayer>, String)>,
    ctx: egui::Context,
}

impl Worker {
    fn run(self, report: &mut dyn FnMut(f32)) -> Result<LoadedLayer, LoadFailure> {
        let mut delivered = 0usize;
        let mut next_delivery = 1u64;
        let mut on_batch = |batch: BatchView<'_>| {
            self.rows_read.store(batch.rows_read, Ordering::Relaxed);
            if let Some(estimate) = batch.estimated_rows {
                self.estimate_plus_one
                    .store(estimate.saturating_add(1), Ordering::Relaxed);
            }
            if self.cancel.load(Ordering::Relaxed) {
                return ReadControl::Cancel;
            }
            let fraction = match batch.estimated_rows {
                Some(estimate) if estimate > 0 => {
                    (batch.rows_read as f64 / estimate as f64).min(1.0) as f32
                }
                _ => 0.5,
            };
            report(READ_SHARE * fraction);
            if let Some((sender, name)) = &self.partials
                && delivered < MAX_PARTIALS
                && batch.rows_read >= next_delivery
                && !batch.features.is_empty()
                && batch
                    .estimated_rows
                    .is_none_or(|estimate| batch.rows_read < estimate)
            {
                if let Some(partial) = prepare_partial(&batch, name) {
                    // The receiver is gone only when the job was dropped (a new project); nothing to do then.
                    let _ = sender.send(partial);
                    self.ctx.request_repaint();
                }
                delivered += 1;
                next_delivery = batch.rows_read.saturating_mul(PARTIAL_GROWTH);
            }
            if self.cancel.load(Ordering::Relaxed) {
                ReadControl::Cancel
            } else {
                ReadControl::Continue
            }
        };
        let mut prepare_progress = |_: f32| {};
        let opened = open_layer(
            &self.source,
            &self.passwords,
            &self.options,
            &mut on_batch,
            &mut prepare_progress,
        )
        .map_err(LoadFailure::Database)?;
        report(0.9);
        let prepared = PreparedLayer::build(&opened.layer.features);
        report(1.0);
        Ok(LoadedLayer {
            layer: Box::new(opened.layer),
            prepared,
        })
    }
}

/// The features read so far as a layer for the map (no link to the table: it is replaced when done).
fn prepare_partial(batch: &BatchView<'_>, name: &str) -> Option<LoadedLayer> {
    let data = LayerData {
        name: name.to_string(),
        source_path: None,
        crs: batch.crs,
        crs_origin: CrsOrigin::Declared,
        fields: batch.fields.to_vec(),
        features: batch.features.to_vec(),
        text_encoding: None,
        notes: Vec::new(),
    };
    let layer = Layer::prepare(data, &mut |_| {}).ok()?;
    let prepared = PreparedLayer::build(&layer.features);
    Some(LoadedLayer {
        layer: Box::new(layer),
        prepared,
    })
}
