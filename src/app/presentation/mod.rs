//! Workshop slides and presentation mode. A slide is a saved view (camera, every layer's visibility, opacity
//! and style) with a title, a speaker note and kept annotations; the slides live in the session and change
//! only through its edits (adding, updating, reordering and deleting a slide undo like any other change).
//!
//! - [`slides_panel`]: the *Trình chiếu* panel — add, select, rename, reorder, delete, update, go to, export.
//! - [`show`]: the full-screen show — title bar, big legend, scale bar and north arrow, keys of a presenter
//!   clicker, laser pointer and quick annotations ([`annotations`]).
//! - [`transition`]: the camera's flight between views.
//!
//! Panels and the show push [`SlideAction`]s; [`PresentationState::apply`] carries them out. *Đi tới* outside
//! the show applies the slide's layer states as one undoable edit; the show applies them without recording
//! them and restores the layers and camera from before when it ends.

pub mod annotations;
pub mod show;
mod show_legend;
pub mod slides_panel;
pub mod transition;

use std::collections::BTreeMap;
use std::path::PathBuf;

use eframe::egui;

use super::camera::Camera;
use super::i18n::Texts;
use super::project_state::language_from_lang;
use crate::core::project::{self, Annotation, SavedView, Slide};
use crate::core::render::{LegendEntry, MapWords};
use crate::core::session::{Edit, EditKind, Session};
use crate::core::slides::{
    SlideExportOptions, apply_view_unrecorded, capture_view, export_slides, view_edits,
};
use annotations::{TextEntry, Tool};
use transition::Flight;

/// Something the slides panel or the show asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum SlideAction {
    /// Show or hide the slides panel.
    TogglePanel,
    /// Select a slide in the panel.
    Select(usize),
    /// Add a slide showing the current view.
    AddFromView,
    /// Replace a slide's view with the current one.
    UpdateFromView(usize),
    /// Apply a slide's view to the map (outside the show).
    GoTo(usize),
    /// Move a slide one place earlier.
    MoveUp(usize),
    /// Move a slide one place later.
    MoveDown(usize),
    /// Delete a slide.
    Delete(usize),
    /// Start the show at the selected slide (the first when none is).
    Start,
    /// Show another slide during the show.
    ShowSlide(usize),
    /// Replace a slide's title, note or annotations with the panel's edited copy (one undoable edit).
    Rewrite(usize, Box<Slide>),
    /// Keep the annotations drawn on the current slide with it.
    KeepAnnotations,
    /// Leave the show.
    Leave,
    /// Render every slide as PNG into the export folder.
    ExportAll,
}

/// The slides panel's and the show's state.
pub struct PresentationState {
    /// Whether the slides panel is shown.
    pub panel_open: bool,
    /// The slide chosen in the panel.
    pub selected: Option<usize>,
    /// The running show.
    pub show: Option<ShowState>,
    /// The camera's flight in progress.
    pub flight: Option<Flight>,
    /// The folder slide images are exported to.
    pub export_folder_text: String,
    /// The chosen slide's title and note while the planner types them (one edit when typing ends).
    pub draft: Option<(usize, Slide)>,
}

impl Default for PresentationState {
    fn default() -> Self {
        let folder = std::env::current_dir().unwrap_or_default();
        Self {
            panel_open: false,
            selected: None,
            show: None,
            flight: None,
            export_folder_text: folder.join("trinh_chieu").display().to_string(),
            draft: None,
        }
    }
}

/// The running show.
pub struct ShowState {
    /// The slide on screen.
    pub current: usize,
    /// Whether the laser pointer follows the mouse.
    pub laser: bool,
    /// The annotation tool.
    pub tool: Tool,
    /// Annotations drawn in this show and not kept, per slide.
    pub drafts: BTreeMap<usize, Vec<Annotation>>,
    /// The arrow or circle being dragged out.
    pub in_progress: Option<Annotation>,
    /// The text annotation being typed.
    pub text_entry: Option<TextEntry>,
    /// The legend of the slide on screen, and the slide and map rectangle it was made for.
    pub legend: Option<(usize, egui::Rect, Vec<LegendEntry>)>,
    /// The map's screen rectangle in the last frame.
    pub map_in_screen: egui::Rect,
    /// The layers and camera from before the show, restored when it ends.
    before: SavedView,
}

impl ShowState {
    /// The drafts of the slide on screen.
    pub fn current_drafts(&self) -> &[Annotation] {
        self.drafts
            .get(&self.current)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// What [`PresentationState::apply`] works on.
pub struct SlideContext<'a> {
    /// The egui context (viewport commands, the clock).
    pub ctx: &'a egui::Context,
    /// The interface texts.
    pub texts: &'static Texts,
    /// The open project (layers and slides).
    pub session: &'a mut Session,
    /// The map camera.
    pub camera: &'a mut Camera,
    /// The map's screen rectangle outside the show.
    pub view_in_screen: egui::Rect,
}

impl PresentationState {
    /// True while the show runs.
    pub fn is_presenting(&self) -> bool {
        self.show.is_some()
    }

    /// Moves the camera along the flight in progress; true while it is still flying.
    pub fn advance_flight(&mut self, now_s: f64, camera: &mut Camera) -> bool {
        let Some(flight) = self.flight else {
            return false;
        };
        let (along, arrived) = flight.camera_at(now_s);
        *camera = along;
        if arrived {
            self.flight = None;
        }
        !arrived
    }

    /// Carries out an action; returns a message for the user (`Err` for errors).
    pub fn apply(
        &mut self,
        action: SlideAction,
        target: SlideContext<'_>,
    ) -> Result<Option<String>, String> {
        let count = target.session.slides().len();
        match action {
            SlideAction::TogglePanel => self.panel_open = !self.panel_open,
            SlideAction::Select(index) => self.selected = (index < count).then_some(index),
            SlideAction::AddFromView => {
                let title = format!("{} {}", target.texts.new_slide_title, count + 1);
                let view = capture_view(
                    &title,
                    project::Camera::from(*target.camera),
                    target.session.layers(),
                );
                let slide = Slide {
                    title,
                    speaker_note: String::new(),
                    view,
                    annotations: Vec::new(),
                };
                edit(
                    target.session,
                    Edit::InsertSlide {
                        position: count,
                        slide: Box::new(slide),
                    },
                )?;
                self.selected = Some(count);
            }
            SlideAction::UpdateFromView(index) => {
                if let Some(slide) = target.session.slides().get(index) {
                    let mut slide = slide.clone();
                    slide.view = capture_view(
                        &slide.title,
                        project::Camera::from(*target.camera),
                        target.session.layers(),
                    );
                    edit(
                        target.session,
                        Edit::ReplaceSlide {
                            position: index,
                            slide: Box::new(slide),
                        },
                    )?;
                }
            }
            SlideAction::Rewrite(index, slide) => {
                let changed = target
                    .session
                    .slides()
                    .get(index)
                    .is_some_and(|old| *old != *slide);
                if changed {
                    edit(
                        target.session,
                        Edit::ReplaceSlide {
                            position: index,
                            slide,
                        },
                    )?;
                }
            }
            SlideAction::GoTo(index) => {
                self.selected = (index < count).then_some(index);
                self.go_to(index, target)?;
            }
            SlideAction::MoveUp(index) if index > 0 && index < count => {
                edit(
                    target.session,
                    Edit::MoveSlide {
                        from: index,
                        to: index - 1,
                    },
                )?;
                self.selected = Some(index - 1);
            }
            SlideAction::MoveDown(index) if index + 1 < count => {
                edit(
                    target.session,
                    Edit::MoveSlide {
                        from: index,
                        to: index + 1,
                    },
                )?;
                self.selected = Some(index + 1);
            }
            SlideAction::MoveUp(_) | SlideAction::MoveDown(_) => {}
            SlideAction::Delete(index) if index < count => {
                edit(target.session, Edit::RemoveSlide(index))?;
                self.selected = (count > 1).then(|| index.min(count - 2));
            }
            SlideAction::Delete(_) => {}
            SlideAction::Start => self.start(target)?,
            SlideAction::ShowSlide(index) => {
                if let Some(show) = self.show.as_mut()
                    && index < count
                    && index != show.current
                {
                    show.current = index;
                    show.in_progress = None;
                    show.text_entry = None;
                    self.go_to(index, target)?;
                }
            }
            SlideAction::KeepAnnotations => {
                if let Some(show) = self.show.as_mut()
                    && let Some(slide) = target.session.slides().get(show.current)
                {
                    let drafts = show.drafts.remove(&show.current).unwrap_or_default();
                    if !drafts.is_empty() {
                        let mut slide = slide.clone();
                        slide.annotations.extend(drafts);
                        edit(
                            target.session,
                            Edit::ReplaceSlide {
                                position: show.current,
                                slide: Box::new(slide),
                            },
                        )?;
                    }
                }
            }
            SlideAction::Leave => self.leave(target)?,
            SlideAction::ExportAll => return self.export_all(target).map(Some),
        }
        Ok(None)
    }

    /// Starts the show at the selected slide (opens the panel instead when there is no slide).
    fn start(&mut self, target: SlideContext<'_>) -> Result<(), String> {
        if target.session.slides().is_empty() {
            self.panel_open = true;
            return Ok(());
        }
        let current = self
            .selected
            .unwrap_or(0)
            .min(target.session.slides().len().saturating_sub(1));
        self.show = Some(ShowState {
            current,
            laser: false,
            tool: Tool::None,
            drafts: BTreeMap::new(),
            in_progress: None,
            text_entry: None,
            legend: None,
            map_in_screen: target.view_in_screen,
            before: capture_view(
                "",
                project::Camera::from(*target.camera),
                target.session.layers(),
            ),
        });
        target
            .ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.go_to(current, target)
    }

    /// Ends the show: back to windowed mode with the layers and camera from before it.
    fn leave(&mut self, target: SlideContext<'_>) -> Result<(), String> {
        let Some(show) = self.show.take() else {
            return Ok(());
        };
        target
            .ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.selected = Some(show.current);
        self.flight = None;
        *target.camera = Camera::from(show.before.camera);
        apply_view_unrecorded(target.session, &show.before).map_err(|error| error.to_string())
    }

    /// Applies slide `index`'s layer states (one undoable edit outside the show, unrecorded in it) and flies
    /// the camera there.
    fn go_to(&mut self, index: usize, target: SlideContext<'_>) -> Result<(), String> {
        let Some(slide) = target.session.slides().get(index).cloned() else {
            return Ok(());
        };
        let camera = slide.view.camera;
        if !(camera.m_per_px.is_finite()
            && camera.m_per_px > 0.0
            && camera.center_in_map.iter().all(|value| value.is_finite()))
        {
            return Err(format!(
                "{:?}: the slide's view has no valid camera",
                slide.title
            ));
        }
        if self.show.is_some() {
            apply_view_unrecorded(target.session, &slide.view)
                .map_err(|error| error.to_string())?;
        } else {
            let edits = view_edits(target.session.layers(), &slide.view);
            target
                .session
                .edit_group(EditKind::ApplyView, edits)
                .map_err(|error| error.to_string())?;
        }
        let view_width_px = match &self.show {
            Some(show) => show.map_in_screen.width(),
            None => target.view_in_screen.width(),
        };
        let from = self
            .flight
            .map(|flight| flight.camera_at(target.ctx.input(|input| input.time)).0)
            .unwrap_or(*target.camera);
        self.flight = Some(Flight {
            from,
            to: Camera::from(camera),
            start_s: target.ctx.input(|input| input.time),
            view_width_px: f64::from(view_width_px.max(100.0)),
        });
        target.ctx.request_repaint();
        Ok(())
    }

    /// Writes every slide as a PNG into the export folder.
    fn export_all(&mut self, target: SlideContext<'_>) -> Result<String, String> {
        let folder = PathBuf::from(self.export_folder_text.trim());
        let options = SlideExportOptions {
            words: MapWords::for_language(language_from_lang(target.texts.lang)),
            ..SlideExportOptions::default()
        };
        let written =
            export_slides(target.session, &folder, &options).map_err(|error| error.to_string())?;
        Ok(format!(
            "{} {} {}",
            written.len(),
            target.texts.slides_exported,
            folder.display()
        ))
    }
}

/// Applies one slide edit, recorded for undo.
fn edit(session: &mut Session, edit: Edit) -> Result<(), String> {
    session.edit(edit).map_err(|error| error.to_string())
}
