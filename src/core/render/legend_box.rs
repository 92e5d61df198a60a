//! The legend box: the legend's title, then each layer (a swatch and its name, or its name as a heading
//! over the swatches of its classes), flowed into as many columns as the room needs and shrunk only when
//! even the columns do not fit. It sits in the bottom-right corner of the room it is given.

use tiny_skia::{LineCap, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform};

use super::blend::{draw_text, fill_and_outline, rounded_rect, solid};
use super::legend::{LegendEntry, Swatch, SwatchShape};
use super::marker::marker_path;
use super::text::{Fonts, TextLine, Weight};
use crate::core::pixel_box::PixelBox;
use crate::core::style::{Dash, Rgba};

/// The legend's text size in UI points before any shrinking.
pub const LEGEND_TEXT_PT: f32 = 14.0;
/// The smallest text size the legend shrinks to, in UI points.
pub const MIN_LEGEND_TEXT_PT: f32 = 8.0;

enum Mark {
    None,
    Swatch(Swatch),
}

struct Row {
    line: TextLine,
    mark: Mark,
    indented: bool,
    is_heading: bool,
}

/// A laid-out legend.
pub struct LegendBox {
    title: TextLine,
    columns: Vec<Vec<Row>>,
    column_widths: Vec<f32>,
    text_px: f32,
    /// Where the legend lies, background included.
    pub area: PixelBox,
}

/// Sizes derived from the text size `b` (pixels).
struct Metrics {
    b: f32,
}

impl Metrics {
    fn row_height(&self) -> f32 {
        self.b * 1.55
    }
    fn title_height(&self) -> f32 {
        self.b * 1.25 * 1.6
    }
    fn swatch_width(&self) -> f32 {
        self.b * 1.8
    }
    fn swatch_height(&self) -> f32 {
        self.b * 1.05
    }
    fn gap(&self) -> f32 {
        self.b * 0.6
    }
    fn indent(&self) -> f32 {
        self.b * 0.9
    }
    fn padding(&self) -> f32 {
        self.b * 0.9
    }
    fn column_gap(&self) -> f32 {
        self.b * 1.5
    }
    fn row_width(&self, row: &Row) -> f32 {
        let indent = if row.indented { self.indent() } else { 0.0 };
        let mark = match row.mark {
            Mark::None => 0.0,
            Mark::Swatch(_) => self.swatch_width() + self.gap(),
        };
        indent + mark + row.line.width
    }
}

impl LegendBox {
    /// Lays out `entries` under `title` to fit in `room` (shrinking the text down to
    /// [`MIN_LEGEND_TEXT_PT`] when needed). `None` when there is nothing to list.
    pub fn new(
        fonts: &Fonts,
        title: &str,
        entries: &[LegendEntry],
        scale: f32,
        room: &PixelBox,
    ) -> Option<Self> {
        if entries.is_empty() {
            return None;
        }
        let mut text_pt = LEGEND_TEXT_PT;
        loop {
            let laid_out = Self::layout(fonts, title, entries, text_pt * scale, room);
            let fits = laid_out.area.width <= room.width && laid_out.area.height <= room.height;
            if fits || text_pt * 0.92 < MIN_LEGEND_TEXT_PT {
                return Some(laid_out);
            }
            text_pt *= 0.92;
        }
    }

    fn layout(
        fonts: &Fonts,
        title: &str,
        entries: &[LegendEntry],
        b: f32,
        room: &PixelBox,
    ) -> Self {
        let m = Metrics { b };
        let rows = rows_of(fonts, entries, b);
        let title_line = fonts.layout(title, b * 1.25, Weight::SemiBold);
        let column_limit = (room.height - 2.0 * m.padding() - m.title_height()).max(m.row_height());
        let mut columns: Vec<Vec<Row>> = vec![Vec::new()];
        let mut used = 0.0_f32;
        let mut rows = rows.into_iter().peekable();
        while let Some(row) = rows.next() {
            // A heading needs room for its first class too, so it is never left alone at a column's foot.
            let needed = if row.is_heading && rows.peek().is_some_and(|next| !next.is_heading) {
                2.0 * m.row_height()
            } else {
                m.row_height()
            };
            let current_is_empty = columns.last().is_none_or(Vec::is_empty);
            if used + needed > column_limit && !current_is_empty {
                columns.push(Vec::new());
                used = 0.0;
            }
            if let Some(column) = columns.last_mut() {
                column.push(row);
            }
            used += m.row_height();
        }
        let column_widths: Vec<f32> = columns
            .iter()
            .map(|column| {
                column
                    .iter()
                    .map(|row| m.row_width(row))
                    .fold(0.0, f32::max)
            })
            .collect();
        let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as f32;
        let content_width = column_widths.iter().sum::<f32>()
            + m.column_gap() * (column_widths.len().saturating_sub(1)) as f32;
        let width = content_width.max(title_line.width) + 2.0 * m.padding();
        let height = m.title_height() + tallest * m.row_height() + 2.0 * m.padding();
        Self {
            title: title_line,
            columns,
            column_widths,
            text_px: b,
            area: PixelBox {
                x: room.right() - width,
                y: room.bottom() - height,
                width,
                height,
            },
        }
    }

    /// Draws the legend.
    pub fn draw(&self, pixmap: &mut Pixmap, fonts: &Fonts, scale: f32) {
        let m = Metrics { b: self.text_px };
        let area = &self.area;
        if let Some(background) = rounded_rect(area.x, area.y, area.width, area.height, 6.0 * scale)
        {
            fill_and_outline(
                pixmap,
                &background,
                Rgba::with_alpha(255, 255, 255, 235),
                Some((Rgba::rgb(150, 150, 150), scale)),
            );
        }
        let text_colour = Rgba::rgb(25, 25, 25);
        let left = area.x + m.padding();
        let top = area.y + m.padding();
        let title_top = top + (m.title_height() - self.title.height()) / 2.0 - m.b * 0.15;
        draw_text(
            pixmap,
            fonts,
            &self.title,
            (left, title_top),
            text_colour,
            None,
        );
        let mut x = left;
        for (column, width) in self.columns.iter().zip(&self.column_widths) {
            let mut y = top + m.title_height();
            for row in column {
                let mut row_x = x + if row.indented { m.indent() } else { 0.0 };
                let centre_y = y + m.row_height() / 2.0;
                if let Mark::Swatch(swatch) = &row.mark {
                    draw_swatch(pixmap, swatch, (row_x, centre_y), &m, scale);
                    row_x += m.swatch_width() + m.gap();
                }
                let text_top = centre_y - row.line.height() / 2.0;
                draw_text(
                    pixmap,
                    fonts,
                    &row.line,
                    (row_x, text_top),
                    text_colour,
                    None,
                );
                y += m.row_height();
            }
            x += width + m.column_gap();
        }
    }
}

fn rows_of(fonts: &Fonts, entries: &[LegendEntry], b: f32) -> Vec<Row> {
    let mut rows = Vec::new();
    for entry in entries {
        match entry.swatch {
            Some(swatch) => rows.push(Row {
                line: fonts.layout(&entry.title, b, Weight::Regular),
                mark: Mark::Swatch(swatch),
                indented: false,
                is_heading: false,
            }),
            None => {
                rows.push(Row {
                    line: fonts.layout(&entry.title, b, Weight::SemiBold),
                    mark: Mark::None,
                    indented: false,
                    is_heading: true,
                });
                rows.extend(entry.items.iter().map(|item| Row {
                    line: fonts.layout(&item.label, b * 0.95, Weight::Regular),
                    mark: Mark::Swatch(item.swatch),
                    indented: true,
                    is_heading: false,
                }));
            }
        }
    }
    rows
}

fn draw_swatch(
    pixmap: &mut Pixmap,
    swatch: &Swatch,
    (x, centre_y): (f32, f32),
    m: &Metrics,
    scale: f32,
) {
    let (width, height) = (m.swatch_width(), m.swatch_height());
    match swatch.shape {
        SwatchShape::Area => {
            let outline_width = swatch.stroke_width_px.clamp(1.0, 3.0) * scale;
            if let Some(rect) = Rect::from_xywh(x, centre_y - height / 2.0, width, height) {
                let path = PathBuilder::from_rect(rect);
                match swatch.dash {
                    None => fill_and_outline(
                        pixmap,
                        &path,
                        swatch.fill,
                        Some((swatch.stroke, outline_width)),
                    ),
                    Some(dash) => {
                        fill_and_outline(pixmap, &path, swatch.fill, None);
                        stroke_dashed(pixmap, &path, swatch.stroke, outline_width, dash, scale);
                    }
                }
            }
        }
        SwatchShape::Line => {
            let mut pb = PathBuilder::new();
            pb.move_to(x + 2.0 * scale, centre_y);
            pb.line_to(x + width - 2.0 * scale, centre_y);
            if let (Some(path), Some(paint)) = (pb.finish(), solid(swatch.stroke)) {
                let stroke = Stroke {
                    width: swatch.stroke_width_px.clamp(1.5, 5.0) * scale,
                    line_cap: LineCap::Round,
                    ..Stroke::default()
                };
                pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
            }
        }
        SwatchShape::Point(symbol) => {
            let radius = swatch.point_radius_px.clamp(3.5, 7.0) * scale;
            if let Some(path) = marker_path(symbol, [x + width / 2.0, centre_y], radius) {
                fill_and_outline(pixmap, &path, swatch.fill, Some((swatch.stroke, scale)));
            }
        }
    }
}

/// Strokes `path` dashed: the pattern shortened to fit a swatch (at most 5 and 3 points), scaled.
fn stroke_dashed(
    pixmap: &mut Pixmap,
    path: &tiny_skia::Path,
    colour: Rgba,
    width: f32,
    dash: Dash,
    scale: f32,
) {
    let Some(paint) = solid(colour) else {
        return;
    };
    let pattern = vec![dash.on_px.min(5.0) * scale, dash.off_px.min(3.0) * scale];
    let stroke = Stroke {
        width,
        dash: StrokeDash::new(pattern, 0.0),
        ..Stroke::default()
    };
    pixmap.stroke_path(path, &paint, &stroke, Transform::identity(), None);
}
