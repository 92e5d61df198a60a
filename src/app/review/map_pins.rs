//! Review pins on the map: a map-pin marker whose tip stands on the pin's place, coloured by category
//! (issue red, proposal blue, approved green), paler with a tick once resolved, ringed when selected; the new
//! pin being written; and the hint shown while the next click drops a pin. Also the hit test that lets a
//! click on a marker select its pin.

use eframe::egui::{
    self, Align2, Color32, CursorIcon, FontId, Painter, Pos2, Rect, Shape, Stroke, vec2,
};
use uuid::Uuid;

use super::{ReviewState, map_position_cached};
use crate::app::camera::Camera;
use crate::app::i18n::Texts;
use crate::core::crs::Reprojector;
use crate::core::review::{PinCategory, PinFilter, PinStatus, PinVersion, ReviewPins};

/// How far above the tip the marker's round head is, in screen points.
const HEAD_LIFT_PX: f32 = 22.0;
/// The head's radius, in screen points.
const HEAD_RADIUS_PX: f32 = 9.0;
/// The selected pin's head radius.
const SELECTED_HEAD_RADIUS_PX: f32 = 11.0;
/// A click this close to a marker (beyond its outline) still picks it, in screen points.
const PICK_MARGIN_PX: f32 = 4.0;
const SELECTED_RING: Color32 = Color32::from_rgb(255, 0, 170);

/// The marker colour of a category.
pub fn category_colour(category: PinCategory) -> Color32 {
    match category {
        PinCategory::Issue => Color32::from_rgb(215, 48, 39),
        PinCategory::Proposal => Color32::from_rgb(33, 102, 172),
        PinCategory::Approved => Color32::from_rgb(26, 140, 60),
    }
}

/// The fill of a pin's marker: its category colour, paler once resolved, grey when deleted.
pub fn marker_fill(version: &PinVersion) -> Color32 {
    if version.deleted {
        return Color32::from_gray(150);
    }
    let colour = category_colour(version.category);
    match version.status {
        PinStatus::Open => colour,
        PinStatus::Resolved => colour.lerp_to_gamma(Color32::WHITE, 0.55),
    }
}

/// The pins the filter shows, in drawing order (oldest first, the selected pin last so it is on top).
pub fn pins_in_drawing_order<'a>(
    pins: &'a ReviewPins,
    filter: &PinFilter,
    selected: Option<Uuid>,
) -> Vec<(Uuid, &'a PinVersion)> {
    let mut shown = pins.filtered(filter);
    shown.sort_by_key(|(id, version)| (Some(*id) == selected, version.created, *id));
    shown
}

/// True when a point `offset_px` from a marker's tip (screen points, y down) is on the marker.
pub fn marker_contains(offset_px: egui::Vec2) -> bool {
    let head_centre = vec2(0.0, -HEAD_LIFT_PX);
    let on_head = (offset_px - head_centre).length() <= SELECTED_HEAD_RADIUS_PX + PICK_MARGIN_PX;
    let on_stem = offset_px.x.abs() <= 4.0 + PICK_MARGIN_PX
        && (-HEAD_LIFT_PX..=PICK_MARGIN_PX).contains(&offset_px.y);
    on_head || on_stem
}

/// Paints one marker with its tip at `tip`.
pub fn paint_marker(painter: &Painter, tip: Pos2, fill: Color32, resolved: bool, selected: bool) {
    let radius = if selected {
        SELECTED_HEAD_RADIUS_PX
    } else {
        HEAD_RADIUS_PX
    };
    let head = tip + vec2(0.0, -HEAD_LIFT_PX);
    let outline = Stroke::new(1.5, Color32::WHITE);
    let shadow = Color32::from_black_alpha(60);
    painter.circle_filled(tip + vec2(0.0, 1.0), 2.5, shadow);
    if selected {
        painter.circle_stroke(head, radius + 4.0, Stroke::new(3.0, SELECTED_RING));
    }
    let stem = vec![
        tip,
        head + vec2(radius * 0.72, radius * 0.7),
        head + vec2(-radius * 0.72, radius * 0.7),
    ];
    // A dark edge under the white outline keeps the marker readable on pale and on busy maps alike.
    let edge = Stroke::new(3.5, Color32::from_black_alpha(140));
    painter.add(Shape::convex_polygon(stem.clone(), fill, edge));
    painter.circle(head, radius, fill, edge);
    painter.add(Shape::convex_polygon(stem, fill, outline));
    painter.circle(head, radius, fill, outline);
    let mark = fill.lerp_to_gamma(Color32::BLACK, 0.55);
    if resolved {
        let tick = vec![
            head + vec2(-radius * 0.45, 0.0),
            head + vec2(-radius * 0.1, radius * 0.38),
            head + vec2(radius * 0.5, -radius * 0.4),
        ];
        painter.add(Shape::line(tick, Stroke::new(2.0, mark)));
    } else {
        painter.circle_filled(head, radius * 0.35, Color32::WHITE);
    }
}

impl ReviewState {
    /// Paints the pins the filter shows, the new pin being written and the dropping hint.
    pub fn paint_pins(
        &mut self,
        painter: &Painter,
        camera: &Camera,
        view_in_screen: Rect,
        pins: &ReviewPins,
        from_wgs84: Option<&Reprojector>,
        t: &Texts,
    ) {
        self.forget_missing_pin(pins);
        if self.show_on_map {
            let selected = self.selected();
            for (id, version) in pins_in_drawing_order(pins, &self.filter, selected) {
                let Some(pt_in_map) = map_position_cached(
                    &mut self.map_positions,
                    id,
                    [version.lon_deg, version.lat_deg],
                    from_wgs84,
                ) else {
                    continue;
                };
                let tip = camera.screen_from_map(view_in_screen, pt_in_map);
                if !view_in_screen.expand(30.0).contains(tip) {
                    continue;
                }
                let resolved = version.status == PinStatus::Resolved;
                paint_marker(
                    painter,
                    tip,
                    marker_fill(version),
                    resolved,
                    selected == Some(id),
                );
            }
        }
        if let Some(form) = self.form.as_ref().filter(|form| form.pin.is_none())
            && let Some((x, y)) =
                from_wgs84.and_then(|to_map| to_map.convert(form.lon_deg, form.lat_deg).ok())
        {
            let tip = camera.screen_from_map(view_in_screen, [x, y]);
            paint_marker(painter, tip, category_colour(form.category), false, true);
        }
        if self.dropping {
            self.paint_drop_hint(painter, view_in_screen, t);
        }
    }

    fn paint_drop_hint(&self, painter: &Painter, view_in_screen: Rect, t: &Texts) {
        let ctx = painter.ctx();
        if ctx
            .pointer_hover_pos()
            .is_some_and(|pos| view_in_screen.contains(pos))
        {
            ctx.set_cursor_icon(CursorIcon::Crosshair);
        }
        let galley = painter.layout_no_wrap(
            t.review.drop_hint.to_string(),
            FontId::proportional(15.0),
            Color32::WHITE,
        );
        let anchor = view_in_screen.center_top() + vec2(0.0, 14.0);
        let rect = Align2::CENTER_TOP
            .anchor_size(anchor, galley.size())
            .expand2(vec2(12.0, 6.0));
        painter.rect_filled(rect, 6.0, Color32::from_rgba_unmultiplied(20, 30, 45, 215));
        painter.galley(rect.min + vec2(12.0, 6.0), galley, Color32::WHITE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_on_the_head_or_the_stem_picks_the_marker() {
        assert!(marker_contains(vec2(0.0, 0.0)), "the tip");
        assert!(marker_contains(vec2(0.0, -HEAD_LIFT_PX)), "the head");
        assert!(marker_contains(vec2(9.0, -HEAD_LIFT_PX - 6.0)));
        assert!(marker_contains(vec2(3.0, -10.0)), "the stem");
        assert!(!marker_contains(vec2(0.0, 12.0)), "below the tip");
        assert!(
            !marker_contains(vec2(20.0, -HEAD_LIFT_PX)),
            "beside the head"
        );
        assert!(!marker_contains(vec2(12.0, -4.0)), "beside the stem");
    }

    #[test]
    fn resolved_pins_are_paler_than_open_ones() {
        let version = |status| PinVersion {
            lon_deg: 106.7,
            lat_deg: 20.8,
            category: PinCategory::Issue,
            status,
            text: String::new(),
            author: "An".into(),
            created: crate::core::timestamp::Timestamp::from_unix_seconds(0),
            updated: crate::core::timestamp::Timestamp::from_unix_seconds(0),
            photos: Vec::new(),
            deleted: false,
        };
        let open = marker_fill(&version(PinStatus::Open));
        let resolved = marker_fill(&version(PinStatus::Resolved));
        let lightness = |c: Color32| u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b());
        assert_eq!(open, category_colour(PinCategory::Issue));
        assert!(lightness(resolved) > lightness(open) + 150);
    }
}
