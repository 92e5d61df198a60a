//! Rebuilding the simplified levels of a big layer after edits, in the background: an incremental update
//! leaves them showing the changed features as they were (see [`crate::core::lod`]). Once the planner has
//! paused for a moment, the layer's features are copied and its drawing data built again on a worker thread;
//! the result replaces the cached one only if the layer has not changed meanwhile.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::app::mesh_cache::MeshCache;
use crate::core::layer::LayerId;
use crate::core::lod::PreparedLayer;
use crate::core::session::Session;

/// How long the layers must stay unchanged before a rebuild starts.
const IDLE_BEFORE_REBUILD: Duration = Duration::from_secs(2);

/// The rebuild in progress, if any, and when the layers last changed.
pub struct CoarseRebuilds {
    running: Option<(LayerId, u64, Receiver<PreparedLayer>)>,
    last_change: Instant,
    last_seen: Vec<(LayerId, u64)>,
}

impl Default for CoarseRebuilds {
    fn default() -> Self {
        Self {
            running: None,
            last_change: Instant::now(),
            last_seen: Vec::new(),
        }
    }
}

impl CoarseRebuilds {
    /// Once per frame: collects a finished rebuild and starts one when a layer's simplified levels are stale
    /// and nothing changed for a while. True while a rebuild runs (the caller keeps repainting).
    pub fn tick(&mut self, session: &Session, cache: &mut MeshCache) -> bool {
        let seen: Vec<(LayerId, u64)> = session
            .layers()
            .iter()
            .map(|layer| (layer.id, layer.revision))
            .collect();
        if seen != self.last_seen {
            self.last_seen = seen;
            self.last_change = Instant::now();
        }
        self.collect(session, cache);
        if self.running.is_none() && self.last_change.elapsed() >= IDLE_BEFORE_REBUILD {
            self.start(session, cache);
        }
        self.running.is_some() || !cache.stale_coarse_levels().is_empty()
    }

    fn collect(&mut self, session: &Session, cache: &mut MeshCache) {
        let Some((id, revision, receiver)) = &self.running else {
            return;
        };
        match receiver.try_recv() {
            Ok(prepared) => {
                if let Some(layer) = session
                    .layer(*id)
                    .filter(|layer| layer.revision == *revision)
                {
                    cache.insert_prepared(layer, prepared);
                }
                self.running = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.running = None,
        }
    }

    fn start(&mut self, session: &Session, cache: &MeshCache) {
        let Some((id, layer)) = cache
            .stale_coarse_levels()
            .into_iter()
            .filter_map(|(id, revision)| {
                let layer = session.layer(id)?;
                (layer.revision == revision).then_some((id, layer))
            })
            .next()
        else {
            return;
        };
        let features = layer.features.clone();
        let revision = layer.revision;
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // The receiver is gone only when the app closed; nothing is left to tell.
            let _ = sender.send(PreparedLayer::build(&features));
        });
        self.running = Some((id, revision, receiver));
    }
}
