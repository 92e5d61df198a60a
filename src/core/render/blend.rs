//! Painting helpers shared by the map and its furniture: style colours to tiny-skia paints (with layer
//! opacity), filled and outlined boxes, and blending text coverage masks onto the image, with an optional
//! halo.

use tiny_skia::{
    FillRule, Paint, Path, PathBuilder, Pixmap, PremultipliedColorU8, Rect, Stroke, Transform,
};

use super::text::{CoverageMask, Fonts, TextLine};
use crate::core::style::Rgba;

/// `colour` with its alpha multiplied by `opacity` (0..1).
pub fn faded(colour: Rgba, opacity: f32) -> Rgba {
    let [r, g, b, a] = colour.0;
    let alpha = (f32::from(a) * opacity.clamp(0.0, 1.0)).round() as u8;
    Rgba([r, g, b, alpha])
}

/// An anti-aliased solid paint, or `None` when the colour is fully transparent.
pub fn solid(colour: Rgba) -> Option<Paint<'static>> {
    let [r, g, b, a] = colour.0;
    if a == 0 {
        return None;
    }
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = true;
    Some(paint)
}

/// A rectangle path with corners rounded by `radius` pixels.
pub fn rounded_rect(x: f32, y: f32, width: f32, height: f32, radius: f32) -> Option<Path> {
    let r = radius.min(width / 2.0).min(height / 2.0).max(0.0);
    if r <= 0.0 {
        return Rect::from_xywh(x, y, width, height).map(PathBuilder::from_rect);
    }
    // A cubic Bézier with handles at 0.5523 of the radius approximates a quarter circle.
    let k = r * (1.0 - 0.552_284_8);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + width - r, y);
    pb.cubic_to(x + width - k, y, x + width, y + k, x + width, y + r);
    pb.line_to(x + width, y + height - r);
    pb.cubic_to(
        x + width,
        y + height - k,
        x + width - k,
        y + height,
        x + width - r,
        y + height,
    );
    pb.line_to(x + r, y + height);
    pb.cubic_to(x + k, y + height, x, y + height - k, x, y + height - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + k, x + k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// Fills `path` with `fill` and outlines it with `outline` (`width` pixels) when given.
pub fn fill_and_outline(
    pixmap: &mut Pixmap,
    path: &Path,
    fill: Rgba,
    outline: Option<(Rgba, f32)>,
) {
    if let Some(paint) = solid(fill) {
        pixmap.fill_path(path, &paint, FillRule::Winding, Transform::identity(), None);
    }
    if let Some((colour, width)) = outline
        && width > 0.0
        && let Some(paint) = solid(colour)
    {
        let stroke = Stroke {
            width,
            ..Stroke::default()
        };
        pixmap.stroke_path(path, &paint, &stroke, Transform::identity(), None);
    }
}

/// Paints a coverage mask in `colour`, the mask's origin placed at pixel (`x`, `y`).
pub fn draw_mask(pixmap: &mut Pixmap, mask: &CoverageMask, x: f32, y: f32, colour: Rgba) {
    let [r, g, b, a] = colour.0;
    if a == 0 {
        return;
    }
    let (image_width, image_height) = (pixmap.width() as i64, pixmap.height() as i64);
    let left = x.round() as i64 + i64::from(mask.left);
    let top = y.round() as i64 + i64::from(mask.top);
    let pixels = pixmap.pixels_mut();
    for row in 0..mask.height {
        let py = top + row as i64;
        if py < 0 || py >= image_height {
            continue;
        }
        for column in 0..mask.width {
            let px = left + column as i64;
            if px < 0 || px >= image_width {
                continue;
            }
            let coverage = mask
                .alpha
                .get(row * mask.width + column)
                .copied()
                .unwrap_or(0.0);
            if coverage <= 0.0 {
                continue;
            }
            if let Some(pixel) = pixels.get_mut((py * image_width + px) as usize) {
                *pixel = over(*pixel, [r, g, b], f32::from(a) / 255.0 * coverage);
            }
        }
    }
}

/// `src` (straight colour with alpha `alpha`) composited over the premultiplied `dst`.
fn over(dst: PremultipliedColorU8, src: [u8; 3], alpha: f32) -> PremultipliedColorU8 {
    let keep = 1.0 - alpha;
    let channel = |s: u8, d: u8| f32::from(s) * alpha + f32::from(d) * keep;
    let out_alpha = (255.0 * alpha + f32::from(dst.alpha()) * keep)
        .round()
        .clamp(0.0, 255.0);
    let clamp = |value: f32| value.round().clamp(0.0, out_alpha) as u8;
    PremultipliedColorU8::from_rgba(
        clamp(channel(src[0], dst.red())),
        clamp(channel(src[1], dst.green())),
        clamp(channel(src[2], dst.blue())),
        out_alpha as u8,
    )
    .unwrap_or(dst)
}

/// Draws a laid-out line with its top-left corner at (`x`, `top`), with a halo of `halo_px` pixels first
/// when `halo` is given.
pub fn draw_text(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    line: &TextLine,
    (x, top): (f32, f32),
    colour: Rgba,
    halo: Option<(Rgba, f32)>,
) {
    let mask = fonts.rasterize(line);
    if let Some((halo_colour, halo_px)) = halo {
        let radius = halo_px.round().max(1.0) as i32;
        draw_mask(pixmap, &mask.dilated(radius), x, top, halo_colour);
    }
    draw_mask(pixmap, &mask, x, top, colour);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity_and_blending() {
        assert_eq!(faded(Rgba::rgb(10, 20, 30), 0.5), Rgba([10, 20, 30, 128]));
        assert!(solid(Rgba::TRANSPARENT).is_none());
        let white = PremultipliedColorU8::from_rgba(255, 255, 255, 255).expect("valid");
        let half_black = over(white, [0, 0, 0], 0.5);
        assert_eq!(
            (half_black.red(), half_black.alpha()),
            (128, 255),
            "{half_black:?}"
        );
    }
}
