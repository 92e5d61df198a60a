//! The show's legend: a large white box in the bottom right corner with a swatch and a 20-point label for
//! every visible layer (and each category of a categorized layer) in view, readable from the back of a room.

use eframe::egui::{self, Color32, FontFamily, FontId, RichText, Sense, Stroke, pos2, vec2};

use super::annotations::colour32;
use crate::app::fonts::HEADING_FAMILY;
use crate::app::map_view::paint_rect_outline;
use crate::core::render::{LegendEntry, Swatch, SwatchShape};

/// Legend label size in points.
const LABEL_PT: f32 = 21.0;
/// Legend heading size in points.
const HEADING_PT: f32 = 26.0;
/// Height of one legend row in points.
const ROW_PT: f32 = 34.0;
const INK: Color32 = Color32::from_rgb(15, 15, 20);

/// Draws the legend box anchored at the bottom right of the screen, at most `max_height` points tall (rows
/// that do not fit are counted in a last "+ n" row).
pub fn show_legend_ui(
    ctx: &egui::Context,
    heading: &str,
    entries: &[LegendEntry],
    max_height: f32,
) {
    if entries.is_empty() {
        return;
    }
    let max_rows = (((max_height - 80.0) / ROW_PT).floor() as usize).max(2);
    egui::Area::new(egui::Id::unique("show-legend"))
        .anchor(egui::Align2::RIGHT_BOTTOM, vec2(-20.0, -20.0))
        .order(egui::Order::Middle)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 242))
                .stroke(Stroke::new(2.0, Color32::from_rgb(40, 40, 48)))
                .corner_radius(10.0)
                .inner_margin(egui::Margin::same(18))
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing = vec2(12.0, 6.0);
                    ui.label(
                        RichText::new(heading)
                            .font(FontId::new(
                                HEADING_PT,
                                FontFamily::Name(HEADING_FAMILY.into()),
                            ))
                            .color(INK),
                    );
                    legend_rows_ui(ui, entries, max_rows);
                });
        });
}

fn legend_rows_ui(ui: &mut egui::Ui, entries: &[LegendEntry], max_rows: usize) {
    let rows = entries.iter().flat_map(|entry| {
        let head = std::iter::once((entry.title.as_str(), entry.swatch, false));
        let items = entry
            .items
            .iter()
            .map(|item| (item.label.as_str(), Some(item.swatch), true));
        head.chain(items)
    });
    let total = entries
        .iter()
        .map(|entry| 1 + entry.items.len())
        .sum::<usize>();
    let shown = if total > max_rows {
        max_rows - 1
    } else {
        total
    };
    for (label, swatch, indented) in rows.take(shown) {
        ui.horizontal(|ui| {
            if indented {
                ui.add_space(22.0);
            }
            if let Some(swatch) = swatch {
                swatch_ui(ui, &swatch);
            }
            let family = if swatch.is_none() || !indented {
                FontFamily::Name(HEADING_FAMILY.into())
            } else {
                FontFamily::Proportional
            };
            ui.label(
                RichText::new(label)
                    .font(FontId::new(LABEL_PT, family))
                    .color(INK),
            );
        });
    }
    if total > shown {
        ui.label(
            RichText::new(format!("+ {} …", total - shown))
                .size(LABEL_PT)
                .color(INK),
        );
    }
}

/// A 40×26-point sample of a swatch.
fn swatch_ui(ui: &mut egui::Ui, swatch: &Swatch) {
    let (rect, _) = ui.allocate_exact_size(vec2(40.0, 26.0), Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let stroke = Stroke::new(
        swatch.stroke_width_px.clamp(1.5, 6.0),
        colour32(swatch.stroke),
    );
    match swatch.shape {
        SwatchShape::Area => {
            painter.rect_filled(rect.shrink(2.0), 3.0, colour32(swatch.fill));
            match swatch.dash {
                None => {
                    painter.rect_stroke(rect.shrink(2.0), 3.0, stroke, egui::StrokeKind::Inside);
                }
                Some(dash) => paint_rect_outline(&painter, rect.shrink(2.0), stroke, Some(dash)),
            }
        }
        SwatchShape::Line => {
            let stroke = Stroke::new(
                swatch.stroke_width_px.clamp(3.0, 8.0),
                colour32(swatch.stroke),
            );
            painter.line_segment(
                [
                    pos2(rect.left() + 2.0, rect.center().y),
                    pos2(rect.right() - 2.0, rect.center().y),
                ],
                stroke,
            );
        }
        SwatchShape::Point(_) => {
            let radius = (swatch.point_radius_px * 1.6).clamp(6.0, 12.0);
            painter.circle(rect.center(), radius, colour32(swatch.fill), stroke);
        }
    }
}
