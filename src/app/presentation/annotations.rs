//! Quick annotations in the show: the drawing tools (arrow by dragging, circle by dragging from its centre,
//! text by clicking then typing), the [`MapOverlay`] that takes the drags, and painting annotations on the
//! map at their map places, so they stay put while the view flies.

use eframe::egui::{self, Color32, FontId, Painter, Pos2, Rect, Stroke, pos2, vec2};

use crate::app::camera::Camera;
use crate::app::map_view::MapOverlay;
use crate::core::project::Annotation;
use crate::core::render::annotations::arrow_head;
use crate::core::style::Rgba;

/// The colour of new annotations: a strong red that reads on the light map.
pub const ANNOTATION_COLOUR: Rgba = Rgba::rgb(220, 20, 60);
/// The line width of new arrows and circles, in screen points.
pub const ANNOTATION_WIDTH_PX: f32 = 5.0;
/// The size of new annotation texts, in screen points.
pub const ANNOTATION_TEXT_PX: f32 = 30.0;

/// What a drag or click on the show's map does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Drags pan the map.
    #[default]
    None,
    /// A drag draws an arrow from where it starts to where it ends.
    Arrow,
    /// A drag draws a circle around where it starts.
    Circle,
    /// A click places a text.
    Text,
}

/// The annotations of the slide on screen: the kept ones, the drawn but not (yet) kept ones, and the one
/// being dragged out.
pub struct AnnotationOverlay<'a> {
    /// The active tool.
    pub tool: Tool,
    /// Annotations the slide keeps.
    pub kept: &'a [Annotation],
    /// Drawn in this show, not kept.
    pub drafts: &'a mut Vec<Annotation>,
    /// The one being dragged out.
    pub in_progress: &'a mut Option<Annotation>,
}

impl MapOverlay for AnnotationOverlay<'_> {
    fn paint(&mut self, painter: &Painter, camera: &Camera, view_in_screen: Rect) {
        let all = self
            .kept
            .iter()
            .chain(self.drafts.iter())
            .chain(self.in_progress.iter());
        for annotation in all {
            paint_annotation(painter, camera, view_in_screen, annotation);
        }
    }

    fn begin_drag(&mut self, pt_in_map: [f64; 2], _m_per_px: f64) -> bool {
        *self.in_progress = match self.tool {
            Tool::Arrow => Some(Annotation::Arrow {
                from_in_map: pt_in_map,
                to_in_map: pt_in_map,
                colour: ANNOTATION_COLOUR,
                width_px: ANNOTATION_WIDTH_PX,
            }),
            Tool::Circle => Some(Annotation::Circle {
                center_in_map: pt_in_map,
                radius_m: 0.0,
                colour: ANNOTATION_COLOUR,
                width_px: ANNOTATION_WIDTH_PX,
            }),
            Tool::None | Tool::Text => None,
        };
        self.in_progress.is_some()
    }

    fn drag_to(&mut self, pt_in_map: [f64; 2]) {
        match self.in_progress.as_mut() {
            Some(Annotation::Arrow { to_in_map, .. }) => *to_in_map = pt_in_map,
            Some(Annotation::Circle {
                center_in_map,
                radius_m,
                ..
            }) => {
                *radius_m =
                    (pt_in_map[0] - center_in_map[0]).hypot(pt_in_map[1] - center_in_map[1]);
            }
            _ => {}
        }
    }

    fn end_drag(&mut self) {
        if let Some(annotation) = self.in_progress.take()
            && !is_degenerate(&annotation)
        {
            self.drafts.push(annotation);
        }
    }
}

/// True for an arrow or circle of zero size (a click rather than a drag).
fn is_degenerate(annotation: &Annotation) -> bool {
    match annotation {
        Annotation::Arrow {
            from_in_map,
            to_in_map,
            ..
        } => from_in_map == to_in_map,
        Annotation::Circle { radius_m, .. } => *radius_m <= 0.0,
        Annotation::Text { text, .. } => text.trim().is_empty(),
    }
}

/// An egui colour from a style colour.
pub fn colour32(colour: Rgba) -> Color32 {
    let [r, g, b, a] = colour.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Paints one annotation at its map place.
pub fn paint_annotation(
    painter: &Painter,
    camera: &Camera,
    view_in_screen: Rect,
    annotation: &Annotation,
) {
    let at = |pt_in_map: [f64; 2]| camera.screen_from_map(view_in_screen, pt_in_map);
    match annotation {
        Annotation::Arrow {
            from_in_map,
            to_in_map,
            colour,
            width_px,
        } => {
            let (from, to) = (at(*from_in_map), at(*to_in_map));
            let stroke = Stroke::new(*width_px, colour32(*colour));
            painter.line_segment([from, to], stroke);
            if let Some([left, right]) =
                arrow_head([from.x, from.y], [to.x, to.y], (width_px * 4.0).max(8.0))
            {
                painter.line_segment([pos2(left[0], left[1]), to], stroke);
                painter.line_segment([pos2(right[0], right[1]), to], stroke);
            }
        }
        Annotation::Circle {
            center_in_map,
            radius_m,
            colour,
            width_px,
        } => {
            let radius = (radius_m / camera.m_per_px) as f32;
            painter.circle_stroke(
                at(*center_in_map),
                radius,
                Stroke::new(*width_px, colour32(*colour)),
            );
        }
        Annotation::Text {
            position_in_map,
            text,
            colour,
            size_px,
        } => paint_text(painter, at(*position_in_map), text, *colour, *size_px),
    }
}

fn paint_text(painter: &Painter, top_left: Pos2, text: &str, colour: Rgba, size_px: f32) {
    let galley = painter.layout_no_wrap(
        text.to_string(),
        FontId::proportional(size_px),
        colour32(colour),
    );
    let backdrop = Rect::from_min_size(top_left, galley.size()).expand2(vec2(6.0, 3.0));
    painter.rect_filled(
        backdrop,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
    );
    painter.galley(top_left, galley, Color32::BLACK);
}

/// Paints the laser pointer: a bright red dot with a soft glow at `pos`.
pub fn paint_laser(painter: &Painter, pos: Pos2) {
    for (radius, alpha) in [(30.0, 30), (22.0, 50), (15.0, 90), (10.0, 150)] {
        painter.circle_filled(
            pos,
            radius,
            Color32::from_rgba_unmultiplied(255, 20, 20, alpha),
        );
    }
    painter.circle_filled(pos, 7.0, Color32::from_rgb(255, 30, 30));
    painter.circle_filled(pos, 2.5, Color32::from_rgb(255, 220, 220));
}

/// The text annotation being typed: where it goes and what it says so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextEntry {
    /// Its top-left corner on the map.
    pub position_in_map: [f64; 2],
    /// The text typed so far.
    pub text: String,
}

impl TextEntry {
    /// The annotation this entry makes, or `None` while it is blank.
    pub fn annotation(&self) -> Option<Annotation> {
        let text = self.text.trim();
        (!text.is_empty()).then(|| Annotation::Text {
            position_in_map: self.position_in_map,
            text: text.to_string(),
            colour: ANNOTATION_COLOUR,
            size_px: ANNOTATION_TEXT_PX,
        })
    }
}

/// The small text field of a [`TextEntry`] at its place on the map. Returns true when Enter commits it and
/// false otherwise; `cancel` is set when Escape or a click elsewhere abandons it.
pub fn text_entry_ui(
    ctx: &egui::Context,
    label: &str,
    pos_in_screen: Pos2,
    entry: &mut TextEntry,
    cancel: &mut bool,
) -> bool {
    let mut committed = false;
    egui::Area::new(egui::Id::unique("show-annotation-text"))
        .fixed_pos(pos_in_screen)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let caption = ui.label(label);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut entry.text)
                            .font(FontId::proportional(22.0))
                            .desired_width(320.0),
                    )
                    .labelled_by(caption.id);
                if !response.has_focus() && !response.lost_focus() {
                    response.request_focus();
                }
                if response.lost_focus() {
                    if ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                        committed = true;
                    } else {
                        *cancel = true;
                    }
                }
            });
        });
    committed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_with_the_arrow_tool_makes_an_arrow_and_a_click_makes_nothing() {
        let (mut drafts, mut in_progress) = (Vec::new(), None);
        let mut overlay = AnnotationOverlay {
            tool: Tool::Arrow,
            kept: &[],
            drafts: &mut drafts,
            in_progress: &mut in_progress,
        };
        assert!(overlay.begin_drag([10.0, 20.0], 1.0));
        overlay.end_drag();
        assert!(overlay.begin_drag([10.0, 20.0], 1.0));
        overlay.drag_to([110.0, 20.0]);
        overlay.end_drag();
        assert_eq!(drafts.len(), 1);
        assert!(matches!(
            drafts[0],
            Annotation::Arrow {
                to_in_map: [110.0, 20.0],
                ..
            }
        ));
    }

    #[test]
    fn a_drag_with_the_circle_tool_measures_the_radius_from_the_centre() {
        let (mut drafts, mut in_progress) = (Vec::new(), None);
        let mut overlay = AnnotationOverlay {
            tool: Tool::Circle,
            kept: &[],
            drafts: &mut drafts,
            in_progress: &mut in_progress,
        };
        assert!(overlay.begin_drag([0.0, 0.0], 1.0));
        overlay.drag_to([300.0, 400.0]);
        overlay.end_drag();
        assert!(matches!(drafts[0], Annotation::Circle { radius_m, .. } if radius_m == 500.0));
        let mut none_overlay = AnnotationOverlay {
            tool: Tool::None,
            kept: &[],
            drafts: &mut drafts,
            in_progress: &mut in_progress,
        };
        assert!(
            !none_overlay.begin_drag([0.0, 0.0], 1.0),
            "drags pan without a tool"
        );
    }
}
