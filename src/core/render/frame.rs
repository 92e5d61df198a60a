//! The page around the map: a title bar at the top (title and subtitle), a credits bar at the bottom, and
//! the map area between them where the scale bar, north arrow and legend sit. Sizes are UI points times the
//! export's scale, so a 2× export is the 1× page at twice the resolution.

use tiny_skia::{Pixmap, Rect};

use super::blend::{draw_text, fill_and_outline};
use super::text::{Fonts, Weight};
use crate::core::pixel_box::PixelBox;
use crate::core::style::Rgba;

/// Title size in UI points.
pub const TITLE_PT: f32 = 26.0;
/// Subtitle size in UI points.
pub const SUBTITLE_PT: f32 = 15.0;
/// Credits size in UI points.
pub const CREDITS_PT: f32 = 12.5;
/// Gap between the map's edge and the furniture in it, in UI points.
pub const MARGIN_PT: f32 = 14.0;

const BAR_COLOUR: Rgba = Rgba::with_alpha(255, 255, 255, 240);
const RULE_COLOUR: Rgba = Rgba::rgb(150, 150, 150);
const TEXT_COLOUR: Rgba = Rgba::rgb(25, 25, 25);
const CREDITS_COLOUR: Rgba = Rgba::rgb(60, 60, 60);

/// Where the bars and the map area lie on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The title bar, when there is a title or subtitle.
    pub title_bar: Option<PixelBox>,
    /// The credits bar, when there are credits.
    pub credits_bar: Option<PixelBox>,
    /// The part of the image the map shows through unobstructed by the bars.
    pub map_area: PixelBox,
}

impl Frame {
    /// The page layout of a `width`×`height` px image at UI scale `scale`.
    pub fn new(
        (width, height): (u32, u32),
        scale: f32,
        has_title: bool,
        has_subtitle: bool,
        credit_lines: usize,
    ) -> Self {
        let (width, height) = (width as f32, height as f32);
        let title_height = match (has_title, has_subtitle) {
            (false, false) => 0.0,
            (true, false) => (TITLE_PT * 1.45 + 16.0) * scale,
            (false, true) => (SUBTITLE_PT * 1.5 + 14.0) * scale,
            (true, true) => (TITLE_PT * 1.45 + SUBTITLE_PT * 1.5 + 18.0) * scale,
        };
        let credits_height = if credit_lines == 0 {
            0.0
        } else {
            (CREDITS_PT * 1.5 * credit_lines as f32 + 10.0) * scale
        };
        let title_height = title_height.min(height / 3.0);
        let credits_height = credits_height.min(height / 4.0);
        let bar = |y: f32, h: f32| {
            (h > 0.0).then_some(PixelBox {
                x: 0.0,
                y,
                width,
                height: h,
            })
        };
        Self {
            title_bar: bar(0.0, title_height),
            credits_bar: bar(height - credits_height, credits_height),
            map_area: PixelBox {
                x: 0.0,
                y: title_height,
                width,
                height: (height - title_height - credits_height).max(1.0),
            },
        }
    }
}

/// Paints a bar's background and the rule between it and the map.
fn draw_bar(pixmap: &mut Pixmap, area: &PixelBox, rule_y: f32, scale: f32) {
    if let Some(rect) = Rect::from_xywh(area.x, area.y, area.width, area.height) {
        fill_and_outline(
            pixmap,
            &tiny_skia::PathBuilder::from_rect(rect),
            BAR_COLOUR,
            None,
        );
    }
    let rule_height = scale.max(1.0);
    if let Some(rule) = Rect::from_xywh(area.x, rule_y - rule_height / 2.0, area.width, rule_height)
    {
        fill_and_outline(
            pixmap,
            &tiny_skia::PathBuilder::from_rect(rule),
            RULE_COLOUR,
            None,
        );
    }
}

/// Draws the title bar: the title in semi-bold, the subtitle below it, shrunk to fit the width.
pub fn draw_title_bar(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    area: &PixelBox,
    (title, subtitle): (&str, Option<&str>),
    scale: f32,
) {
    draw_bar(pixmap, area, area.bottom(), scale);
    let left = area.x + 2.0 * MARGIN_PT * scale;
    let max_width = area.width - 4.0 * MARGIN_PT * scale;
    let mut top = area.y + 8.0 * scale;
    if !title.is_empty() {
        let size = TITLE_PT * scale;
        let line = fonts.layout_to_fit(title, size, size * 0.6, max_width, Weight::SemiBold);
        top += (TITLE_PT * 1.45 * scale - line.height()) / 2.0;
        draw_text(pixmap, fonts, &line, (left, top), TEXT_COLOUR, None);
        top += line.height() + 2.0 * scale;
    }
    if let Some(subtitle) = subtitle.filter(|text| !text.is_empty()) {
        let size = SUBTITLE_PT * scale;
        let line = fonts.layout_to_fit(subtitle, size, size * 0.7, max_width, Weight::Regular);
        draw_text(pixmap, fonts, &line, (left, top), CREDITS_COLOUR, None);
    }
}

/// Draws the credits bar, one line per credit, each shrunk to fit the width.
pub fn draw_credits_bar(
    pixmap: &mut Pixmap,
    fonts: &Fonts,
    area: &PixelBox,
    credits: &[String],
    scale: f32,
) {
    draw_bar(pixmap, area, area.y, scale);
    let left = area.x + 2.0 * MARGIN_PT * scale;
    let max_width = area.width - 4.0 * MARGIN_PT * scale;
    let line_height = CREDITS_PT * 1.5 * scale;
    let mut top = area.y + 5.0 * scale;
    for credit in credits {
        let size = CREDITS_PT * scale;
        let line = fonts.layout_to_fit(credit, size, size * 0.6, max_width, Weight::Regular);
        let centred = top + (line_height - line.height()) / 2.0;
        draw_text(pixmap, fonts, &line, (left, centred), CREDITS_COLOUR, None);
        top += line_height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_take_their_height_and_the_map_the_rest() {
        let frame = Frame::new((1920, 1080), 1.0, true, true, 1);
        let title = frame.title_bar.expect("a title bar");
        let credits = frame.credits_bar.expect("a credits bar");
        assert_eq!(title.y, 0.0);
        assert_eq!(frame.map_area.y, title.height);
        assert_eq!(credits.bottom(), 1080.0);
        assert!((frame.map_area.bottom() - credits.y).abs() < 1e-3);
        let doubled = Frame::new((3840, 2160), 2.0, true, true, 1);
        assert_eq!(doubled.map_area.height, 2.0 * frame.map_area.height);
        let bare = Frame::new((100, 100), 1.0, false, false, 0);
        assert_eq!(bare.map_area.height, 100.0);
        assert!(bare.title_bar.is_none() && bare.credits_bar.is_none());
    }
}
