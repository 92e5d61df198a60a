//! The map camera: which map point is at the centre of the view and how many metres one screen point covers.
//! It converts between map coordinates (EPSG:9210 metres, y up) and screen positions (egui points, y down).

use eframe::egui::{Pos2, Rect, Vec2, pos2};

use crate::core::project;

/// Smallest and largest metres per screen point the camera allows (building scale to all of Vietnam).
const M_PER_PX_RANGE: (f64, f64) = (0.05, 20_000.0);

/// The smallest span, in metres, that [`Camera::fit`] frames (about a city block).
pub const MIN_FRAMED_SPAN_M: f64 = 200.0;

/// Position and zoom of the map view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The map point (x = easting, y = northing, metres) shown at the centre of the view.
    pub center_in_map: [f64; 2],
    /// Ground metres (in map units) per screen point.
    pub m_per_px: f64,
}

impl From<Camera> for project::Camera {
    fn from(camera: Camera) -> Self {
        Self {
            center_in_map: camera.center_in_map,
            m_per_px: camera.m_per_px,
        }
    }
}

impl From<project::Camera> for Camera {
    fn from(camera: project::Camera) -> Self {
        Self {
            center_in_map: camera.center_in_map,
            m_per_px: camera.m_per_px,
        }
    }
}

impl Default for Camera {
    fn default() -> Self {
        // Hai Phong city centre in EPSG:9210, at a city-wide zoom.
        Self {
            center_in_map: [597_000.0, 2_306_000.0],
            m_per_px: 80.0,
        }
    }
}

impl Camera {
    /// The screen position of a map point, for a view occupying `view_in_screen`.
    pub fn screen_from_map(&self, view_in_screen: Rect, pt_in_map: [f64; 2]) -> Pos2 {
        let center = view_in_screen.center();
        pos2(
            center.x + ((pt_in_map[0] - self.center_in_map[0]) / self.m_per_px) as f32,
            center.y - ((pt_in_map[1] - self.center_in_map[1]) / self.m_per_px) as f32,
        )
    }

    /// The map point under a screen position.
    pub fn map_from_screen(&self, view_in_screen: Rect, pos_in_screen: Pos2) -> [f64; 2] {
        let center = view_in_screen.center();
        [
            self.center_in_map[0] + f64::from(pos_in_screen.x - center.x) * self.m_per_px,
            self.center_in_map[1] - f64::from(pos_in_screen.y - center.y) * self.m_per_px,
        ]
    }

    /// The map rectangle visible in the view, as (min, max) corners.
    pub fn visible_map_rect(&self, view_in_screen: Rect) -> geo::Rect {
        let a = self.map_from_screen(view_in_screen, view_in_screen.left_top());
        let b = self.map_from_screen(view_in_screen, view_in_screen.right_bottom());
        geo::Rect::new((a[0], a[1]), (b[0], b[1]))
    }

    /// Moves the map with the pointer by a screen delta.
    pub fn pan_by(&mut self, delta_in_screen: Vec2) {
        self.center_in_map[0] -= f64::from(delta_in_screen.x) * self.m_per_px;
        self.center_in_map[1] += f64::from(delta_in_screen.y) * self.m_per_px;
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the map point under `anchor_in_screen` fixed.
    pub fn zoom_at(&mut self, view_in_screen: Rect, anchor_in_screen: Pos2, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor_in_map = self.map_from_screen(view_in_screen, anchor_in_screen);
        self.m_per_px = (self.m_per_px / factor).clamp(M_PER_PX_RANGE.0, M_PER_PX_RANGE.1);
        let moved = self.screen_from_map(view_in_screen, anchor_in_map);
        self.pan_by(anchor_in_screen - moved);
    }

    /// Frames a map rectangle so that it just fits in the view (no margin), centred.
    pub fn fit_exactly(&mut self, view_in_screen: Rect, rect_in_map: geo::Rect) {
        let size = view_in_screen.size().max(Vec2::splat(10.0));
        let m_per_px = (rect_in_map.width().max(1.0) / f64::from(size.x))
            .max(rect_in_map.height().max(1.0) / f64::from(size.y));
        self.m_per_px = m_per_px.clamp(M_PER_PX_RANGE.0, M_PER_PX_RANGE.1);
        let center = rect_in_map.center();
        self.center_in_map = [center.x, center.y];
    }

    /// Frames a map rectangle in the view with a small margin. A rectangle smaller than
    /// [`MIN_FRAMED_SPAN_M`] (a single site, a short line) is framed with that span around its centre, so the
    /// planner sees the streets around it rather than a few metres of empty map.
    pub fn fit(&mut self, view_in_screen: Rect, rect_in_map: geo::Rect) {
        let width_m = rect_in_map.width().max(MIN_FRAMED_SPAN_M);
        let height_m = rect_in_map.height().max(MIN_FRAMED_SPAN_M);
        let usable = (view_in_screen.size() * 0.92).max(Vec2::splat(10.0));
        let m_per_px = (width_m / f64::from(usable.x)).max(height_m / f64::from(usable.y));
        self.m_per_px = m_per_px.clamp(M_PER_PX_RANGE.0, M_PER_PX_RANGE.1);
        let center = rect_in_map.center();
        self.center_in_map = [center.x, center.y];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), Vec2::new(800.0, 600.0))
    }

    #[test]
    fn screen_and_map_conversions_are_inverse() {
        let camera = Camera::default();
        let pt_in_map = [600_123.0, 2_301_456.0];
        let pos = camera.screen_from_map(view(), pt_in_map);
        let back = camera.map_from_screen(view(), pos);
        assert!((back[0] - pt_in_map[0]).abs() < 0.5 && (back[1] - pt_in_map[1]).abs() < 0.5);
        assert_eq!(
            camera.screen_from_map(view(), camera.center_in_map),
            view().center()
        );
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let mut camera = Camera::default();
        let anchor = pos2(250.0, 400.0);
        let before = camera.map_from_screen(view(), anchor);
        camera.zoom_at(view(), anchor, 2.0);
        let after = camera.map_from_screen(view(), anchor);
        assert!((before[0] - after[0]).abs() < 1e-6 && (before[1] - after[1]).abs() < 1e-6);
        assert_eq!(camera.m_per_px, 40.0);
    }

    #[test]
    fn a_single_point_is_framed_with_the_blocks_around_it() {
        let mut camera = Camera::default();
        let site = geo::Coord {
            x: 597_432.0,
            y: 2_306_068.0,
        };
        camera.fit(view(), geo::Rect::new(site, site));
        let corner = camera.map_from_screen(view(), view().min);
        let opposite = camera.map_from_screen(view(), view().max);
        let shown_width_m = (opposite[0] - corner[0]).abs();
        let shown_height_m = (opposite[1] - corner[1]).abs();
        assert!(
            shown_width_m.min(shown_height_m) >= MIN_FRAMED_SPAN_M,
            "{shown_width_m} × {shown_height_m}"
        );
        assert!(shown_width_m.max(shown_height_m) < 2.0 * MIN_FRAMED_SPAN_M);
        let centre = camera.map_from_screen(view(), view().center());
        assert!((centre[0] - site.x).abs() < 0.5 && (centre[1] - site.y).abs() < 0.5);
    }

    #[test]
    fn fit_shows_the_whole_rectangle() {
        let mut camera = Camera::default();
        let target = geo::Rect::new((560_000.0, 2_280_000.0), (660_000.0, 2_330_000.0));
        camera.fit(view(), target);
        let visible = camera.visible_map_rect(view());
        assert!(visible.min().x <= 560_000.0 && visible.max().x >= 660_000.0);
        assert!(visible.min().y <= 2_280_000.0 && visible.max().y >= 2_330_000.0);
    }
}
