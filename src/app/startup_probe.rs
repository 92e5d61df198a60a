//! Measuring cold start: with `HPATLAS_EXIT_AFTER_FIRST_FRAME=1` the window prints to stderr how long it took
//! from `app::run` to the first frame, to the first frame with the map drawn (every layer loaded, the view
//! framed) and to that frame being presented, then closes. Used to check the < 1 s start-up target.

use std::time::Instant;

/// The environment variable that turns the probe on.
pub const EXIT_AFTER_FIRST_FRAME_VAR: &str = "HPATLAS_EXIT_AFTER_FIRST_FRAME";

/// Start-up timings, filled as frames go by.
#[derive(Debug)]
pub struct StartupProbe {
    started: Instant,
    first_frame_ms: Option<f64>,
    map_frame_ms: Option<f64>,
    reported: bool,
}

impl StartupProbe {
    /// A probe counting from `started`, when the environment variable asks for one.
    pub fn from_env(started: Instant) -> Option<Self> {
        std::env::var(EXIT_AFTER_FIRST_FRAME_VAR)
            .is_ok_and(|value| value == "1")
            .then_some(Self {
                started,
                first_frame_ms: None,
                map_frame_ms: None,
                reported: false,
            })
    }

    fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1e3
    }

    /// Called when a frame starts. Returns true (after printing the timings) once the frame that drew the
    /// map has been presented, i.e. at the start of the frame after it.
    pub fn frame_starts(&mut self) -> bool {
        let now_ms = self.elapsed_ms();
        if self.first_frame_ms.is_none() {
            self.first_frame_ms = Some(now_ms);
        }
        let Some(map_frame_ms) = self.map_frame_ms else {
            return false;
        };
        if self.reported {
            return true;
        }
        self.reported = true;
        eprintln!(
            "hpatlas startup: first frame {:.0} ms, map frame prepared {map_frame_ms:.0} ms, presented {now_ms:.0} ms",
            self.first_frame_ms.unwrap_or(now_ms),
        );
        true
    }

    /// Called when a frame ends; `map_drawn` says whether it drew the finished map.
    pub fn frame_ends(&mut self, map_drawn: bool) {
        if map_drawn && self.map_frame_ms.is_none() {
            self.map_frame_ms = Some(self.elapsed_ms());
        }
    }
}
