//! The full-screen show: only the map, a dark title bar with the slide's title (40 pt, white) and number,
//! a large legend, a big scale bar and north arrow, and a small toolbar in a corner. Keys are those a presenter clicker
//! sends: → / PageDown / Space next, ← / PageUp previous, Home / End first / last, Esc leaves; L toggles
//! the laser pointer, A / C / T the arrow, circle and text tools, Backspace / Delete clears the drawings
//! not kept.

use eframe::egui::{self, Color32, FontFamily, FontId, RichText, pos2, vec2};

use super::annotations::{AnnotationOverlay, TextEntry, Tool, paint_laser, text_entry_ui};
use super::show_legend::show_legend_ui;
use super::{PresentationState, ShowState, SlideAction};
use crate::app::camera::Camera;
use crate::app::fonts::HEADING_FAMILY;
use crate::app::i18n::Texts;
use crate::app::map_view::map_ui;
use crate::app::mesh_cache::MeshCache;
use crate::app::overlays::{
    ground_m_per_px, north_arrow_at_ui, scale_bar_sized_ui, true_north_angle,
};
use crate::app::panels::Action;
use crate::app::project_state::language_from_lang;
use crate::core::crs::Reprojector;
use crate::core::layer::Layer;
use crate::core::project::Slide;
use crate::core::render::{LegendWords, MapWords, legend_entries_within};
use crate::core::session::Session;

/// The title bar's background.
const TITLE_BAR_FILL: Color32 = Color32::from_rgb(14, 20, 30);
/// The toolbar's text: near-black on its white backing (the toolbar is an area in the light theme).
const TOOLBAR_TEXT: Color32 = Color32::from_rgb(20, 20, 28);
/// The share of the map's height the legend may take.
const LEGEND_HEIGHT_SHARE: f32 = 0.6;
/// The slide title's size in points.
const TITLE_PT: f32 = 40.0;
/// The slide number's size in points.
const NUMBER_PT: f32 = 30.0;
/// How many times larger than in the map view the scale bar and north arrow are.
const FURNITURE_SIZE: f32 = 2.2;

/// What the show draws.
pub struct ShowFrame<'a> {
    /// The interface texts.
    pub texts: &'static Texts,
    /// The open layers.
    pub document: &'a Session,
    /// The map camera.
    pub camera: &'a mut Camera,
    /// The map's tessellation cache.
    pub mesh_cache: &'a mut MeshCache,
    /// The project's slides.
    pub slides: &'a [Slide],
    /// Map CRS → WGS 84, for the scale bar and north arrow.
    pub to_wgs84: Option<&'a Reprojector>,
    /// WGS 84 → map CRS, for the north arrow.
    pub from_wgs84: Option<&'a Reprojector>,
}

/// Draws one frame of the show and handles its keys; slide changes go to `actions`.
pub fn show_ui(
    ui: &mut egui::Ui,
    state: &mut PresentationState,
    frame: ShowFrame<'_>,
    actions: &mut Vec<Action>,
) {
    let flying = state.flight.is_some();
    let Some(show) = state.show.as_mut() else {
        return;
    };
    let ctx = ui.ctx().clone();
    keep_focus_off_buttons(&ctx);
    show_keys(&ctx, show, frame.slides.len(), actions);
    ui.style_mut().visuals = egui::Visuals::dark();
    let Some(slide) = frame.slides.get(show.current) else {
        actions.push(Action::Slides(SlideAction::Leave));
        return;
    };
    title_bar_ui(ui, slide, show.current, frame.slides.len());
    let t = frame.texts;
    egui::CentralPanel::no_frame().show(ui, |ui| {
        let mut drafts = show.drafts.remove(&show.current).unwrap_or_default();
        let mut overlay = AnnotationOverlay {
            tool: show.tool,
            kept: &slide.annotations,
            drafts: &mut drafts,
            in_progress: &mut show.in_progress,
        };
        let response = map_ui(
            ui,
            frame.document,
            frame.camera,
            frame.mesh_cache,
            None,
            &mut overlay,
        );
        if !drafts.is_empty() {
            show.drafts.insert(show.current, drafts);
        }
        let view = response.view_in_screen;
        show.map_in_screen = view;
        if show.tool == Tool::Text
            && let Some(clicked) = response.clicked_in_map
        {
            show.text_entry = Some(TextEntry {
                position_in_map: clicked,
                text: String::new(),
            });
        }
        furniture_ui(ui, t, &frame, view);
        if !flying {
            let words = MapWords::for_language(language_from_lang(t.lang));
            refresh_legend(show, frame.document, frame.camera, &words.legend);
        }
        if let Some((_, _, entries)) = &show.legend {
            show_legend_ui(&ctx, t.legend, entries, view.height() * LEGEND_HEIGHT_SHARE);
        }
        text_entry_in_show_ui(&ctx, t, show, frame.camera, view);
        toolbar_ui(ui, t, show, view, actions);
        if show.laser
            && let Some(pos) = ctx.pointer_latest_pos().filter(|pos| view.contains(*pos))
        {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Tooltip,
                egui::Id::unique("laser-pointer"),
            ));
            paint_laser(&painter, pos);
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
    });
}

/// Buttons keep no keyboard focus in the show, so Space moves to the next slide instead of pressing the
/// last clicked button; the annotation text field keeps its focus.
fn keep_focus_off_buttons(ctx: &egui::Context) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.memory_mut(|memory| {
        if let Some(focused) = memory.focused() {
            memory.surrender_focus(focused);
        }
    });
}

/// The clicker's and the tools' keys.
fn show_keys(ctx: &egui::Context, show: &mut ShowState, count: usize, actions: &mut Vec<Action>) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let last = count.saturating_sub(1);
    let current = show.current;
    ctx.input(|input| {
        let pressed = |keys: &[egui::Key]| keys.iter().any(|key| input.key_pressed(*key));
        let target = if pressed(&[egui::Key::ArrowRight, egui::Key::PageDown, egui::Key::Space]) {
            Some((current + 1).min(last))
        } else if pressed(&[egui::Key::ArrowLeft, egui::Key::PageUp]) {
            Some(current.saturating_sub(1))
        } else if pressed(&[egui::Key::Home]) {
            Some(0)
        } else if pressed(&[egui::Key::End]) {
            Some(last)
        } else {
            None
        };
        if let Some(index) = target.filter(|index| *index != current) {
            actions.push(Action::Slides(SlideAction::ShowSlide(index)));
        }
        if pressed(&[egui::Key::Escape]) {
            actions.push(Action::Slides(SlideAction::Leave));
        }
        if input.modifiers.any() {
            return;
        }
        if pressed(&[egui::Key::L]) {
            show.laser = !show.laser;
        }
        for (key, tool) in [
            (egui::Key::A, Tool::Arrow),
            (egui::Key::C, Tool::Circle),
            (egui::Key::T, Tool::Text),
        ] {
            if pressed(&[key]) {
                show.tool = if show.tool == tool { Tool::None } else { tool };
            }
        }
        if pressed(&[egui::Key::Backspace, egui::Key::Delete]) {
            show.drafts.remove(&current);
        }
    });
}

/// The dark title bar: the slide's title on the left, "3 / 7" on the right.
fn title_bar_ui(ui: &mut egui::Ui, slide: &Slide, current: usize, count: usize) {
    egui::Panel::top("show-title-bar")
        .frame(
            egui::Frame::new()
                .fill(TITLE_BAR_FILL)
                .inner_margin(egui::Margin::symmetric(32, 16)),
        )
        .show_separator_line(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(&slide.title)
                        .font(FontId::new(
                            TITLE_PT,
                            FontFamily::Name(HEADING_FAMILY.into()),
                        ))
                        .color(Color32::WHITE),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(
                        RichText::new(format!("{} / {count}", current + 1))
                            .size(NUMBER_PT)
                            .color(Color32::from_rgb(225, 230, 240)),
                    );
                });
            });
        });
}

/// The big scale bar (bottom left) and north arrow (top right).
fn furniture_ui(ui: &egui::Ui, t: &Texts, frame: &ShowFrame<'_>, view: egui::Rect) {
    let painter = ui.painter_at(view);
    let (Some(to_wgs84), Some(from_wgs84)) = (frame.to_wgs84, frame.from_wgs84) else {
        return;
    };
    if let Some(ground) = ground_m_per_px(frame.camera, view, to_wgs84) {
        scale_bar_sized_ui(&painter, view, ground, FURNITURE_SIZE);
    }
    if let Some(angle) = true_north_angle(frame.camera, to_wgs84, from_wgs84) {
        let centre = pos2(
            view.right() - 40.0 * FURNITURE_SIZE,
            view.top() + 44.0 * FURNITURE_SIZE,
        );
        north_arrow_at_ui(&painter, centre, FURNITURE_SIZE, angle, t.north_letter);
    }
}

/// Rebuilds the legend when the slide or the map's size changed: visible layers with a feature in view.
fn refresh_legend(show: &mut ShowState, document: &Session, camera: &Camera, words: &LegendWords) {
    let view = show.map_in_screen;
    if show
        .legend
        .as_ref()
        .is_some_and(|(slide, rect, _)| *slide == show.current && *rect == view)
    {
        return;
    }
    // Top layer first, as in the layer panel: the planning layers the room came for lead, the basemap follows.
    let layers: Vec<&Layer> = document
        .layers()
        .iter()
        .rev()
        .filter(|layer| layer.visible && layer.opacity > 0.0)
        .collect();
    let entries = legend_entries_within(&layers, words, camera.visible_map_rect(view));
    show.legend = Some((show.current, view, entries));
}

/// The text field of a text annotation being placed; Enter adds it to the slide's drafts.
fn text_entry_in_show_ui(
    ctx: &egui::Context,
    t: &Texts,
    show: &mut ShowState,
    camera: &Camera,
    view: egui::Rect,
) {
    let Some(entry) = show.text_entry.as_mut() else {
        return;
    };
    let pos = camera.screen_from_map(view, entry.position_in_map);
    let mut cancel = false;
    if text_entry_ui(ctx, t.annotation_text_label, pos, entry, &mut cancel) {
        if let Some(annotation) = entry.annotation() {
            show.drafts
                .entry(show.current)
                .or_default()
                .push(annotation);
        }
        show.text_entry = None;
    } else if cancel {
        show.text_entry = None;
    }
}

/// The small toolbar in the top left corner of the map: laser, drawing tools, keep, clear, exit.
fn toolbar_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    show: &mut ShowState,
    view: egui::Rect,
    actions: &mut Vec<Action>,
) {
    egui::Area::new(egui::Id::unique("show-toolbar"))
        .fixed_pos(view.left_top() + vec2(14.0, 12.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::new()
                .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 235))
                .stroke(egui::Stroke::new(1.0, Color32::from_gray(120)))
                .corner_radius(8.0)
                .inner_margin(egui::Margin::same(6))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let font = FontId::proportional(15.0);
                        let text = |label: &str| {
                            RichText::new(label).font(font.clone()).color(TOOLBAR_TEXT)
                        };
                        if ui
                            .selectable_label(show.laser, text(t.laser_button))
                            .clicked()
                        {
                            show.laser = !show.laser;
                        }
                        for (tool, label) in [
                            (Tool::Arrow, t.arrow_tool),
                            (Tool::Circle, t.circle_tool),
                            (Tool::Text, t.text_tool),
                        ] {
                            if ui
                                .selectable_label(show.tool == tool, text(label))
                                .clicked()
                            {
                                show.tool = if show.tool == tool { Tool::None } else { tool };
                            }
                        }
                        let has_drafts = !show.current_drafts().is_empty();
                        if ui
                            .add_enabled(has_drafts, egui::Button::new(text(t.keep_annotations)))
                            .clicked()
                        {
                            actions.push(Action::Slides(SlideAction::KeepAnnotations));
                        }
                        if ui
                            .add_enabled(has_drafts, egui::Button::new(text(t.clear_annotations)))
                            .clicked()
                        {
                            show.drafts.remove(&show.current);
                        }
                        if ui.button(text(t.leave_show)).clicked() {
                            actions.push(Action::Slides(SlideAction::Leave));
                        }
                    });
                });
        });
}
