//! The scale bar: a "nice" ground length (1, 2 or 5 × 10ⁿ metres) drawn as alternating black and white
//! segments with its length written in metres or kilometres.

use tiny_skia::{PathBuilder, Pixmap, Rect};

use super::blend::{draw_text, fill_and_outline, rounded_rect};
use super::frame::MARGIN_PT;
use super::text::{Fonts, TextLine, Weight};
use crate::core::pixel_box::PixelBox;
use crate::core::style::Rgba;

/// The preferred scale bar length in UI points (the bar is the longest nice length not above it).
pub const TARGET_LENGTH_PT: f32 = 160.0;
const LABEL_PT: f32 = 13.0;
const BAR_PT: f32 = 7.0;
const PADDING_PT: f32 = 10.0;

/// The largest "nice" length (1, 2 or 5 × 10ⁿ metres) not longer than `max_m`.
pub fn nice_length_m(max_m: f64) -> f64 {
    if !(max_m.is_finite() && max_m > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|length| *length <= max_m)
        .unwrap_or(magnitude)
}

/// A length as written on the bar: metres below 1 km, kilometres above (Vietnamese decimal comma).
pub fn format_length(length_m: f64) -> String {
    if length_m >= 1000.0 {
        format!("{} km", number_text(length_m / 1000.0))
    } else {
        format!("{} m", number_text(length_m))
    }
}

/// The ticks' texts for a bar of `length_m`: "0", the half in the end's unit without the unit, and the end
/// with its unit ("0", "2,5", "5 km").
pub fn tick_texts(length_m: f64) -> [String; 3] {
    let half = length_m / 2.0;
    let half_text = if length_m >= 1000.0 {
        number_text(half / 1000.0)
    } else {
        number_text(half)
    };
    ["0".to_string(), half_text, format_length(length_m)]
}

fn number_text(value: f64) -> String {
    format!("{value}").replace('.', ",")
}

/// A scale bar laid out in the bottom-left corner of the map area.
pub struct ScaleBar {
    length_px: f32,
    labels: [(TextLine, f32); 3],
    /// Where the bar and its labels lie, background included.
    pub area: PixelBox,
}

impl ScaleBar {
    /// Lays out a bar for `ground_m_per_px` ground metres per image pixel; `None` when the scale is unusable.
    pub fn new(
        fonts: &Fonts,
        ground_m_per_px: f64,
        scale: f32,
        map_area: &PixelBox,
    ) -> Option<Self> {
        if !(ground_m_per_px.is_finite() && ground_m_per_px > 0.0) {
            return None;
        }
        let length_m = nice_length_m(ground_m_per_px * f64::from(TARGET_LENGTH_PT * scale));
        let length_px = (length_m / ground_m_per_px) as f32;
        let size = LABEL_PT * scale;
        let label = |text: &str, at: f32| (fonts.layout(text, size, Weight::Regular), at);
        let [zero, half, end] = tick_texts(length_m);
        let labels = [
            label(&zero, 0.0),
            label(&half, length_px / 2.0),
            label(&end, length_px),
        ];
        let padding = PADDING_PT * scale;
        let [(first, _), _, (last, _)] = &labels;
        let width = length_px + (first.width + last.width) / 2.0 + 2.0 * padding;
        let height = size * 1.4 + BAR_PT * scale + 2.0 * padding;
        let margin = MARGIN_PT * scale;
        Some(Self {
            length_px,
            labels,
            area: PixelBox {
                x: map_area.x + margin,
                y: map_area.bottom() - margin - height,
                width,
                height,
            },
        })
    }

    /// Draws the bar.
    pub fn draw(&self, pixmap: &mut Pixmap, fonts: &Fonts, scale: f32) {
        let area = &self.area;
        if let Some(background) = rounded_rect(area.x, area.y, area.width, area.height, 5.0 * scale)
        {
            fill_and_outline(
                pixmap,
                &background,
                Rgba::with_alpha(255, 255, 255, 225),
                Some((Rgba::rgb(170, 170, 170), scale)),
            );
        }
        let padding = PADDING_PT * scale;
        let origin_x = area.x + padding + self.labels[0].0.width / 2.0;
        let bar_top = area.bottom() - padding - BAR_PT * scale;
        let [_, (half, _), (end, _)] = &self.labels;
        // The middle tick's text is left out when it would crowd the end's.
        let half_fits = (half.width + end.width) / 2.0 + 6.0 * scale <= self.length_px / 2.0;
        for (position, (line, at)) in self.labels.iter().enumerate() {
            if position == 1 && !half_fits {
                continue;
            }
            let top = bar_top - 3.0 * scale - line.height();
            draw_text(
                pixmap,
                fonts,
                line,
                (origin_x + at - line.width / 2.0, top),
                Rgba::rgb(0, 0, 0),
                None,
            );
        }
        let quarter = self.length_px / 4.0;
        for segment in 0..4 {
            let colour = if segment % 2 == 0 {
                Rgba::rgb(0, 0, 0)
            } else {
                Rgba::rgb(255, 255, 255)
            };
            let x = origin_x + quarter * segment as f32;
            if let Some(rect) = Rect::from_xywh(x, bar_top, quarter, BAR_PT * scale) {
                fill_and_outline(
                    pixmap,
                    &PathBuilder::from_rect(rect),
                    colour,
                    Some((Rgba::rgb(0, 0, 0), scale)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_lengths_and_their_text() {
        assert_eq!(nice_length_m(1400.0), 1000.0);
        assert_eq!(nice_length_m(2600.0), 2000.0);
        assert_eq!(nice_length_m(7000.0), 5000.0);
        assert_eq!(nice_length_m(0.9), 0.5);
        assert_eq!(format_length(2000.0), "2 km");
        assert_eq!(format_length(2500.0), "2,5 km");
        assert_eq!(format_length(500.0), "500 m");
        assert_eq!(tick_texts(5000.0), ["0", "2,5", "5 km"]);
        assert_eq!(tick_texts(200.0), ["0", "100", "200 m"]);
    }
}
