//! Map furniture drawn over the canvas: the scale bar (true ground metres at the view's latitude, measured
//! geodesically on WGS 84), the north arrow (pointing to true north, which differs from grid north of the
//! TM-3 projection by the meridian convergence), and the cursor coordinates in WGS 84 and VN-2000.

use eframe::egui::{self, Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::camera::Camera;
use super::i18n::Texts;
use crate::core::crs::Reprojector;
use crate::core::render::geodesy::{ground_per_map_metre, true_north_from_grid};
use crate::core::render::scale_bar::{format_length, nice_length_m};

/// Ground metres per screen point at the centre of the view (the core's geodesic scale over 100 points).
pub fn ground_m_per_px(
    camera: &Camera,
    view_in_screen: Rect,
    to_wgs84: &Reprojector,
) -> Option<f64> {
    let centre = camera.map_from_screen(view_in_screen, view_in_screen.center());
    ground_per_map_metre(centre, 100.0 * camera.m_per_px, to_wgs84)
        .map(|factor| factor * camera.m_per_px)
}

/// Draws the scale bar at the bottom left of the map.
pub fn scale_bar_ui(painter: &Painter, view_in_screen: Rect, ground_m_per_px: f64) {
    scale_bar_sized_ui(painter, view_in_screen, ground_m_per_px, 1.0);
}

/// Draws the scale bar at the bottom left of the map, `size` times the map view's (2 or more for a show
/// seen from the back of a room).
pub fn scale_bar_sized_ui(
    painter: &Painter,
    view_in_screen: Rect,
    ground_m_per_px: f64,
    size: f32,
) {
    let length_m = nice_length_m(ground_m_per_px * 140.0 * f64::from(size));
    let length_px = (length_m / ground_m_per_px) as f32;
    let origin = pos2(
        view_in_screen.left() + 16.0 * size,
        view_in_screen.bottom() - 18.0 * size,
    );
    let background = Rect::from_min_max(
        origin - vec2(8.0, 30.0) * size,
        origin + vec2(length_px + 12.0 * size, 8.0 * size),
    );
    painter.rect_filled(
        background,
        4.0 * size,
        Color32::from_rgba_unmultiplied(255, 255, 255, 215),
    );
    let half = length_px / 2.0;
    let bar_height = 6.0 * size;
    painter.rect_filled(
        Rect::from_min_size(origin - vec2(0.0, bar_height), vec2(half, bar_height)),
        0.0,
        Color32::BLACK,
    );
    painter.rect_stroke(
        Rect::from_min_size(origin - vec2(0.0, bar_height), vec2(length_px, bar_height)),
        0.0,
        Stroke::new(size, Color32::BLACK),
        egui::StrokeKind::Middle,
    );
    let font = FontId::proportional(13.0 * size);
    let above = vec2(0.0, -9.0 * size);
    painter.text(
        origin + above,
        Align2::LEFT_BOTTOM,
        "0",
        font.clone(),
        Color32::BLACK,
    );
    painter.text(
        origin + vec2(length_px, 0.0) + above,
        Align2::RIGHT_BOTTOM,
        format_length(length_m),
        font,
        Color32::BLACK,
    );
}

/// The screen angle of true north at the view centre, in radians clockwise from screen-up (the map is never
/// rotated, so screen-up is grid north).
pub fn true_north_angle(
    camera: &Camera,
    to_wgs84: &Reprojector,
    from_wgs84: &Reprojector,
) -> Option<f32> {
    true_north_from_grid(camera.center_in_map, to_wgs84, from_wgs84).map(|angle| angle as f32)
}

/// Draws the north arrow in the top right corner of the map, rotated by `angle` (see [`true_north_angle`]).
pub fn north_arrow_ui(painter: &Painter, view_in_screen: Rect, angle: f32, letter: &str) {
    let centre = pos2(view_in_screen.right() - 40.0, view_in_screen.top() + 150.0);
    north_arrow_at_ui(painter, centre, 1.0, angle, letter);
}

/// Draws the north arrow around `centre`, `size` times the map view's, rotated by `angle`.
pub fn north_arrow_at_ui(painter: &Painter, centre: Pos2, size: f32, angle: f32, letter: &str) {
    painter.circle_filled(
        centre,
        24.0 * size,
        Color32::from_rgba_unmultiplied(255, 255, 255, 215),
    );
    let rotate = |offset: egui::Vec2| -> Pos2 {
        let offset = offset * size;
        let (sin, cos) = angle.sin_cos();
        centre
            + vec2(
                offset.x * cos - offset.y * sin,
                offset.x * sin + offset.y * cos,
            )
    };
    let tip = rotate(vec2(0.0, -18.0));
    let left = rotate(vec2(-8.0, 10.0));
    let right = rotate(vec2(8.0, 10.0));
    let notch = rotate(vec2(0.0, 5.0));
    painter.add(Shape::convex_polygon(
        vec![tip, notch, left],
        Color32::from_rgb(40, 40, 40),
        Stroke::NONE,
    ));
    painter.add(Shape::convex_polygon(
        vec![tip, right, notch],
        Color32::from_rgb(200, 200, 200),
        Stroke::new(size, Color32::from_rgb(40, 40, 40)),
    ));
    painter.text(
        rotate(vec2(0.0, -30.0)),
        Align2::CENTER_CENTER,
        letter,
        FontId::proportional(14.0 * size),
        Color32::BLACK,
    );
}

/// The cursor position as text: WGS 84 degrees and VN-2000 / TM-3 metres.
pub fn cursor_text(t: &Texts, pt_in_map: [f64; 2], to_wgs84: &Reprojector) -> String {
    let grid = format!(
        "{}: {} {:.2} m · {} {:.2} m",
        t.vn2000_grid, t.northing_label, pt_in_map[1], t.easting_label, pt_in_map[0]
    );
    match to_wgs84.convert(pt_in_map[0], pt_in_map[1]) {
        Ok((lon, lat)) => format!("WGS 84: {lon:.6}° E, {lat:.6}° N   |   {grid}"),
        Err(_) => grid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_ground_metres_at_the_view_latitude() {
        let to_wgs84 = Reprojector::new(crate::core::crs::MAP_CRS, crate::core::crs::WGS84)
            .expect("PROJ knows EPSG:9210");
        let camera = Camera {
            center_in_map: [597_432.44, 2_306_067.77],
            m_per_px: 10.0,
        };
        let view = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let ground = ground_m_per_px(&camera, view, &to_wgs84).expect("inside the zone");
        // TM-3 scale factor near Hai Phong is ~0.9999-1.0002: grid metres are ground metres within 0.05 %.
        assert!(
            (ground - 10.0).abs() < 0.005,
            "ground metres per point {ground}"
        );
    }

    #[test]
    fn north_points_slightly_off_grid_north_east_of_the_central_meridian() {
        let to_wgs84 =
            Reprojector::new(crate::core::crs::MAP_CRS, crate::core::crs::WGS84).expect("inverse");
        let from_wgs84 =
            Reprojector::new(crate::core::crs::WGS84, crate::core::crs::MAP_CRS).expect("forward");
        let camera = Camera {
            center_in_map: [597_432.44, 2_306_067.77],
            m_per_px: 10.0,
        };
        let angle = true_north_angle(&camera, &to_wgs84, &from_wgs84).expect("inside the zone");
        // Convergence γ ≈ Δλ·sin φ = 0.938° × sin 20.84° ≈ 0.334°; true north is west of grid north here.
        let degrees = angle.to_degrees();
        assert!((degrees + 0.334).abs() < 0.02, "angle {degrees}");
    }
}
