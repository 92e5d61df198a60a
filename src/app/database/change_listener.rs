//! Listening for other planners' saves: tables the atlas published carry a statement-level trigger that
//! sends `NOTIFY hpatlas_changes, 'schema.table'` ([`CHANGES_CHANNEL`]). For every connection with an open
//! database layer one background thread holds its own connection, `LISTEN`s, and forwards the changed
//! tables; the app marks the layers reading them and the layer panel offers *Tải lại*. A notification
//! that follows this atlas's own save of the table within a few seconds is not reported
//! ([`ChangeListener::note_own_save`]). A dropped connection is re-made every few seconds; the thread ends
//! when the listener is dropped or the connection has no open layer any more.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use postgres::fallible_iterator::FallibleIterator;

use crate::core::db_source::{DbSource, TableRef};
use crate::core::postgis::publish::CHANGES_CHANNEL;
use crate::core::postgis::{Passwords, connect};

/// How long a notification about a table this atlas just saved is taken for that save.
const OWN_SAVE_WINDOW: Duration = Duration::from_secs(5);
/// How often a listening thread looks whether it should stop.
const POLL: Duration = Duration::from_millis(500);
/// How long to wait before connecting again after the connection dropped.
const RECONNECT_AFTER: Duration = Duration::from_secs(5);

/// A table changed on the server: its connection label and `schema.table`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableChanged {
    /// The connection (service or `user@host/db`).
    pub connection: String,
    /// The table as the trigger names it: `schema.table`.
    pub table: String,
}

/// The listening threads, one per connection.
pub struct ChangeListener {
    threads: HashMap<String, Arc<AtomicBool>>,
    sender: Sender<TableChanged>,
    receiver: Receiver<TableChanged>,
    own_saves: HashMap<(String, String), Instant>,
}

impl Default for ChangeListener {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            threads: HashMap::new(),
            sender,
            receiver,
            own_saves: HashMap::new(),
        }
    }
}

impl Drop for ChangeListener {
    fn drop(&mut self) {
        for stop in self.threads.values() {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

/// How the trigger names `table`.
pub fn payload_of(table: &TableRef) -> String {
    format!("{}.{}", table.schema, table.name)
}

impl ChangeListener {
    /// Listens on the connections of `sources` (starting a thread for each new one) and stops listening on
    /// connections none of them uses any more.
    pub fn follow(&mut self, ctx: &egui::Context, sources: &[&DbSource], passwords: &Passwords) {
        let wanted: HashMap<String, &DbSource> = sources
            .iter()
            .map(|source| (source.connection_label(), *source))
            .collect();
        self.threads.retain(|label, stop| {
            let keep = wanted.contains_key(label);
            if !keep {
                stop.store(true, Ordering::Relaxed);
            }
            keep
        });
        for (label, source) in wanted {
            if self.threads.contains_key(&label) {
                continue;
            }
            let stop = Arc::new(AtomicBool::new(false));
            self.threads.insert(label.clone(), Arc::clone(&stop));
            let source = source.clone();
            let passwords = passwords.clone();
            let sender = self.sender.clone();
            let ctx = ctx.clone();
            std::thread::spawn(move || listen(&source, &passwords, &label, &stop, &sender, &ctx));
        }
    }

    /// True while a thread listens on `source`'s connection.
    pub fn is_listening(&self, source: &DbSource) -> bool {
        self.threads.contains_key(&source.connection_label())
    }

    /// Remembers that this atlas has just saved `source`'s table, so the notification of that save is not
    /// reported as another planner's change.
    pub fn note_own_save(&mut self, source: &DbSource) {
        self.own_saves.insert(
            (source.connection_label(), payload_of(&source.table)),
            Instant::now(),
        );
    }

    /// The changes that arrived since the last call, without those of this atlas's own recent saves.
    pub fn take_changes(&mut self) -> Vec<TableChanged> {
        let now = Instant::now();
        self.own_saves
            .retain(|_, saved| now.duration_since(*saved) < OWN_SAVE_WINDOW);
        let mut changes: Vec<TableChanged> = Vec::new();
        while let Ok(change) = self.receiver.try_recv() {
            let own = self
                .own_saves
                .contains_key(&(change.connection.clone(), change.table.clone()));
            if !own && !changes.contains(&change) {
                changes.push(change);
            }
        }
        changes
    }
}

/// One connection's listening loop (see the module documentation).
fn listen(
    source: &DbSource,
    passwords: &Passwords,
    label: &str,
    stop: &AtomicBool,
    sender: &Sender<TableChanged>,
    ctx: &egui::Context,
) {
    while !stop.load(Ordering::Relaxed) {
        let mut connection = match connect(source, passwords) {
            Ok(connection) => connection,
            Err(error) if error.is_connection_problem() => {
                wait(stop, RECONNECT_AFTER);
                continue;
            }
            // A password or permission problem does not go away by trying again.
            Err(_) => return,
        };
        if connection
            .client
            .batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))
            .is_err()
        {
            wait(stop, RECONNECT_AFTER);
            continue;
        }
        while !stop.load(Ordering::Relaxed) {
            let next = connection.client.notifications().timeout_iter(POLL).next();
            match next {
                Ok(Some(notification)) => {
                    if notification.channel() == CHANGES_CHANNEL {
                        let change = TableChanged {
                            connection: label.to_string(),
                            table: notification.payload().to_string(),
                        };
                        if sender.send(change).is_err() {
                            return;
                        }
                        ctx.request_repaint();
                    }
                }
                Ok(None) => {
                    if connection.client.is_closed() {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    }
}

fn wait(stop: &AtomicBool, how_long: Duration) {
    let until = Instant::now() + how_long;
    while !stop.load(Ordering::Relaxed) && Instant::now() < until {
        std::thread::sleep(POLL.min(until.saturating_duration_since(Instant::now())));
    }
}
