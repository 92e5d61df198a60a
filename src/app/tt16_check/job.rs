//! One TT16 check running on a worker thread: a big package takes seconds to read and check, which must not
//! freeze the window. The frame loop polls it; the thread asks for a repaint when it is done.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::core::tt16::check::{CheckOptions, check_package};
use crate::core::tt16::report::CheckReport;

/// A check started and not yet collected.
pub struct CheckJob {
    /// The path being checked.
    pub path: PathBuf,
    receiver: Receiver<Result<CheckReport, String>>,
}

impl CheckJob {
    /// Starts checking `path` with Hai Phong's options on a new thread.
    pub fn start(ctx: &egui::Context, path: PathBuf) -> Self {
        let (sender, receiver) = channel();
        let worker_path = path.clone();
        let worker_ctx = ctx.clone();
        std::thread::spawn(move || {
            let outcome = check_package(&worker_path, &CheckOptions::default())
                .map_err(|error| format!("{}: {error}", worker_path.display()));
            // The receiver is gone only when the app has closed or another check replaced this one.
            let _ = sender.send(outcome);
            worker_ctx.request_repaint();
        });
        Self { path, receiver }
    }

    /// The outcome when the check is done (`block`: wait for it); `None` while it runs.
    pub fn poll(&self, block: bool) -> Option<Result<CheckReport, String>> {
        let received = if block {
            self.receiver.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.receiver.try_recv()
        };
        match received {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!(
                "{}: the checking thread stopped unexpectedly",
                self.path.display()
            ))),
        }
    }
}
