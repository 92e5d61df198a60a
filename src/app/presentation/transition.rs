//! The camera's flight from one slide's view to the next: an ease-in-out over [`FLIGHT_S`] seconds, the
//! centre moving linearly and the scale logarithmically (so every halving of the scale takes the same time).
//! When the two views are far apart compared with the screen, the flight zooms out on the way so the planner
//! sees where the map is going, then zooms in on the target.

use crate::app::camera::Camera;

/// How long a flight takes, in seconds.
pub const FLIGHT_S: f64 = 0.8;

/// The cubic ease-in-out of `t` in 0..1 (clamped): slow start, fast middle, slow end.
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// The camera at `progress` (0..1 of the flight's time, clamped) from `from` to `to`, for a view
/// `view_width_px` screen points wide. Exactly `from` at 0 and `to` at 1.
pub fn camera_along(from: Camera, to: Camera, progress: f64, view_width_px: f64) -> Camera {
    if progress <= 0.0 {
        return from;
    }
    if progress >= 1.0 {
        return to;
    }
    let eased = ease_in_out(progress);
    let lerp = |a: f64, b: f64| a + (b - a) * eased;
    let (log_from, log_to) = (from.m_per_px.ln(), to.m_per_px.ln());
    let bump = zoom_out_bump(from, to, view_width_px);
    let log_scale = lerp(log_from, log_to) + bump * 4.0 * eased * (1.0 - eased);
    Camera {
        center_in_map: [
            lerp(from.center_in_map[0], to.center_in_map[0]),
            lerp(from.center_in_map[1], to.center_in_map[1]),
        ],
        m_per_px: log_scale.exp(),
    }
}

/// How much (in natural-log scale units) the flight zooms out at its middle beyond the plain interpolation:
/// enough that both centres fit in 80 % of the view's width then, zero when they already do.
fn zoom_out_bump(from: Camera, to: Camera, view_width_px: f64) -> f64 {
    let dx = to.center_in_map[0] - from.center_in_map[0];
    let dy = to.center_in_map[1] - from.center_in_map[1];
    let distance_m = (dx * dx + dy * dy).sqrt();
    let needed_m_per_px = distance_m / (0.8 * view_width_px.max(1.0));
    let middle_log = (from.m_per_px.ln() + to.m_per_px.ln()) / 2.0;
    if needed_m_per_px > 0.0 {
        (needed_m_per_px.ln() - middle_log).max(0.0)
    } else {
        0.0
    }
}

/// A flight in progress, timed by the egui clock (seconds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// Where it starts.
    pub from: Camera,
    /// Where it ends.
    pub to: Camera,
    /// When it started, in egui seconds.
    pub start_s: f64,
    /// The view's width in screen points (decides the zoom-out).
    pub view_width_px: f64,
}

impl Flight {
    /// The camera at time `now_s`, and whether the flight has arrived.
    pub fn camera_at(&self, now_s: f64) -> (Camera, bool) {
        let progress = (now_s - self.start_s) / FLIGHT_S;
        (
            camera_along(self.from, self.to, progress, self.view_width_px),
            progress >= 1.0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn camera(x: f64, y: f64, m_per_px: f64) -> Camera {
        Camera {
            center_in_map: [x, y],
            m_per_px,
        }
    }

    #[test]
    fn the_flight_starts_at_from_and_ends_at_to() {
        let from = camera(590_000.0, 2_300_000.0, 40.0);
        let to = camera(600_000.0, 2_310_000.0, 5.0);
        assert_eq!(camera_along(from, to, 0.0, 1000.0), from);
        assert_eq!(camera_along(from, to, 1.0, 1000.0), to);
        assert_eq!(camera_along(from, to, 1.7, 1000.0), to);
        let flight = Flight {
            from,
            to,
            start_s: 10.0,
            view_width_px: 1000.0,
        };
        assert_eq!(flight.camera_at(10.0), (from, false));
        assert_eq!(flight.camera_at(10.0 + FLIGHT_S), (to, true));
    }

    #[test]
    fn a_near_flight_zooms_monotonically_and_geometrically() {
        // 10 km apart at 40 → 5 m/pt on a 1000-point view: both fit, so no zoom-out.
        let from = camera(590_000.0, 2_300_000.0, 40.0);
        let to = camera(600_000.0, 2_300_000.0, 5.0);
        let mut previous = from.m_per_px;
        for step in 1..=100 {
            let scale = camera_along(from, to, f64::from(step) / 100.0, 1000.0).m_per_px;
            assert!(
                scale <= previous + 1e-9,
                "step {step}: {scale} > {previous}"
            );
            previous = scale;
        }
        // Half-way in time is half-way in log scale: √(40 × 5) ≈ 14.14 m/pt, and the centre half-way.
        let middle = camera_along(from, to, 0.5, 1000.0);
        assert!(
            (middle.m_per_px - 200.0_f64.sqrt()).abs() < 1e-9,
            "{middle:?}"
        );
        assert!((middle.center_in_map[0] - 595_000.0).abs() < 1e-6);
    }

    #[test]
    fn a_far_flight_zooms_out_to_show_both_places() {
        // 80 km apart at 5 m/pt: the middle of the flight must show 80 km in 80 % of 1000 points.
        let from = camera(560_000.0, 2_300_000.0, 5.0);
        let to = camera(640_000.0, 2_300_000.0, 5.0);
        let middle = camera_along(from, to, 0.5, 1000.0);
        assert!((middle.m_per_px - 100.0).abs() < 1e-6, "{middle:?}");
        assert!(camera_along(from, to, 0.25, 1000.0).m_per_px > 5.0);
    }

    #[test]
    fn easing_is_slow_at_the_ends_and_symmetric() {
        assert_eq!(ease_in_out(0.0), 0.0);
        assert_eq!(ease_in_out(1.0), 1.0);
        assert!((ease_in_out(0.5) - 0.5).abs() < 1e-12);
        assert!(ease_in_out(0.1) < 0.1 && ease_in_out(0.9) > 0.9);
        assert!((ease_in_out(0.3) + ease_in_out(0.7) - 1.0).abs() < 1e-12);
    }
}
