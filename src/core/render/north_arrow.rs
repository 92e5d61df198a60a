//! The north arrow: a half-filled arrow turned to true north, with the north letter above it, in the
//! top-right corner of the map area.

use tiny_skia::{PathBuilder, Pixmap};

use super::blend::{draw_text, fill_and_outline, rounded_rect};
use super::frame::MARGIN_PT;
use super::text::{Fonts, Weight};
use crate::core::pixel_box::PixelBox;
use crate::core::style::Rgba;

const WIDTH_PT: f32 = 56.0;
const HEIGHT_PT: f32 = 84.0;
const LETTER_PT: f32 = 18.0;

/// The box the north arrow occupies in the map area.
pub fn north_arrow_area(map_area: &PixelBox, scale: f32) -> PixelBox {
    let margin = MARGIN_PT * scale;
    PixelBox {
        x: map_area.right() - margin - WIDTH_PT * scale,
        y: map_area.y + margin,
        width: WIDTH_PT * scale,
        height: HEIGHT_PT * scale,
    }
}

/// Draws the arrow in `area`, turned `angle` radians clockwise from the image's up (grid north).
pub fn draw_north_arrow(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    area: &PixelBox,
    angle: f32,
    letter: &str,
    scale: f32,
) {
    if let Some(background) = rounded_rect(area.x, area.y, area.width, area.height, 6.0 * scale) {
        fill_and_outline(
            pixmap,
            &background,
            Rgba::with_alpha(255, 255, 255, 225),
            Some((Rgba::rgb(170, 170, 170), scale)),
        );
    }
    let line = fonts.layout(letter, LETTER_PT * scale, Weight::SemiBold);
    let centre_x = area.x + area.width / 2.0;
    draw_text(
        pixmap,
        fonts,
        &line,
        (centre_x - line.width / 2.0, area.y + 4.0 * scale),
        Rgba::rgb(0, 0, 0),
        None,
    );
    let centre = [centre_x, area.y + area.height * 0.62];
    let (sin, cos) = angle.sin_cos();
    let turn = |dx: f32, dy: f32| {
        let (dx, dy) = (dx * scale, dy * scale);
        (
            centre[0] + dx * cos - dy * sin,
            centre[1] + dx * sin + dy * cos,
        )
    };
    let tip = turn(0.0, -26.0);
    let notch = turn(0.0, 8.0);
    let left = turn(-12.0, 18.0);
    let right = turn(12.0, 18.0);
    let outline = Some((Rgba::rgb(30, 30, 30), scale));
    for (corners, fill) in [
        ([tip, notch, left], Rgba::rgb(30, 30, 30)),
        ([tip, right, notch], Rgba::rgb(235, 235, 235)),
    ] {
        let mut pb = PathBuilder::new();
        pb.move_to(corners[0].0, corners[0].1);
        pb.line_to(corners[1].0, corners[1].1);
        pb.line_to(corners[2].0, corners[2].1);
        pb.close();
        if let Some(path) = pb.finish() {
            fill_and_outline(pixmap, &path, fill, outline);
        }
    }
}
