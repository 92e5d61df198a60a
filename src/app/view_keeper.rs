//! Keeps what the planner looks at in view when the map area changes size (a panel opens or closes, the
//! window is resized): the map rectangle last chosen by panning, zooming or framing stays visible. When the
//! map area shrinks the view is fitted to that rectangle (zooming out as needed); when it grows the scale
//! stays and the rectangle's centre stays in the middle. Only the planner's own camera moves redefine the
//! rectangle, so opening and closing a panel repeatedly does not drift the view.

use eframe::egui::Rect;

use super::camera::Camera;

/// The view the planner chose and the map area it was chosen in.
#[derive(Default)]
pub struct ViewKeeper {
    last_view_in_screen: Option<Rect>,
    last_camera: Option<Camera>,
    chosen_in_map: Option<geo::Rect>,
}

impl ViewKeeper {
    /// Makes `rect_in_map` the view to keep, for a framing that opens a panel in the same step (a problem
    /// framed with its feature selected opens the identify panel, which shrinks the map area).
    pub fn choose(&mut self, rect_in_map: geo::Rect) {
        self.chosen_in_map = Some(rect_in_map);
    }

    /// Called once per frame after the map is laid out in `view_in_screen`: adjusts `camera` when the map
    /// area changed size, and otherwise remembers the view when the camera moved.
    pub fn keep(&mut self, camera: &mut Camera, view_in_screen: Rect) {
        if !view_in_screen.is_positive() {
            return;
        }
        let resized = self
            .last_view_in_screen
            .is_some_and(|last| (last.size() - view_in_screen.size()).length() > 0.5);
        match self.chosen_in_map {
            Some(chosen) if resized => {
                let last = self.last_view_in_screen.unwrap_or(view_in_screen);
                let shrank = view_in_screen.width() < last.width() - 0.5
                    || view_in_screen.height() < last.height() - 0.5;
                if shrank {
                    camera.fit_exactly(view_in_screen, chosen);
                } else {
                    let centre = chosen.center();
                    camera.center_in_map = [centre.x, centre.y];
                }
            }
            _ if self.last_camera != Some(*camera) || self.chosen_in_map.is_none() => {
                self.chosen_in_map = Some(camera.visible_map_rect(view_in_screen));
            }
            _ => {}
        }
        self.last_view_in_screen = Some(view_in_screen);
        self.last_camera = Some(*camera);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    fn contains(outer: geo::Rect, inner: geo::Rect) -> bool {
        let slack = 1e-6;
        outer.min().x <= inner.min().x + slack
            && outer.min().y <= inner.min().y + slack
            && outer.max().x >= inner.max().x - slack
            && outer.max().y >= inner.max().y - slack
    }

    #[test]
    fn a_panel_opening_keeps_the_chosen_view_visible_and_closing_it_does_not_drift() {
        let mut camera = Camera::default();
        let mut keeper = ViewKeeper::default();
        let wide = Rect::from_min_size(pos2(290.0, 24.0), vec2(1110.0, 800.0));
        let narrow = Rect::from_min_size(pos2(290.0, 24.0), vec2(810.0, 800.0));
        keeper.keep(&mut camera, wide);
        let chosen = camera.visible_map_rect(wide);
        // A panel opens on the right: the whole chosen view is still on screen.
        keeper.keep(&mut camera, narrow);
        assert!(contains(camera.visible_map_rect(narrow), chosen));
        let centre = chosen.center();
        assert!((camera.center_in_map[0] - centre.x).abs() < 1e-6);
        // It closes and opens again a few times: the scale comes back each time.
        let opened_scale = camera.m_per_px;
        for _ in 0..3 {
            keeper.keep(&mut camera, wide);
            keeper.keep(&mut camera, narrow);
        }
        assert!((camera.m_per_px - opened_scale).abs() < 1e-9);
        // The planner pans: that becomes the view kept.
        camera.center_in_map[0] += 500.0;
        keeper.keep(&mut camera, narrow);
        let panned = camera.visible_map_rect(narrow);
        keeper.keep(&mut camera, wide);
        assert!(contains(camera.visible_map_rect(wide), panned));
    }
}
