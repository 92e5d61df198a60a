//! The project parts of the interface: the project entries of the File menu (new, open, save, save as,
//! recent projects), the "save project as" dialog, the window listing layer files that are missing with a
//! "find again" button each, and the prompt offering a newer autosave.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use eframe::egui::{self, RichText};

use super::Action;
use crate::app::i18n::Texts;
use crate::app::project_session::PendingRecovery;
use crate::core::project_links::MissingLayer;
use crate::core::timestamp::Timestamp;

/// The ending every project file name has.
pub const PROJECT_FILE_ENDING: &str = ".hpatlas.json";

/// The open "save project as" dialog.
#[derive(Clone, Debug)]
pub struct SaveAsState {
    /// The file to write.
    pub path_text: String,
}

impl SaveAsState {
    /// A dialog proposing `suggested` (the current project file, or a new file in the working folder).
    pub fn new(suggested: &Path) -> Self {
        Self {
            path_text: suggested.display().to_string(),
        }
    }
}

/// `text` as a project file path: trimmed, with [`PROJECT_FILE_ENDING`] added when it has none.
pub fn project_path_from_text(text: &str) -> PathBuf {
    let trimmed = text.trim();
    if trimmed.to_ascii_lowercase().ends_with(PROJECT_FILE_ENDING) {
        PathBuf::from(trimmed)
    } else {
        let without_json = trimmed.strip_suffix(".json").unwrap_or(trimmed);
        PathBuf::from(format!("{without_json}{PROJECT_FILE_ENDING}"))
    }
}

/// The project entries of the File menu.
pub fn project_menu_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    recent: &[PathBuf],
    actions: &mut Vec<Action>,
) {
    if ui.button(t.project_new_menu).clicked() {
        actions.push(Action::NewProject);
    }
    if ui.button(t.project_open_menu).clicked() {
        actions.push(Action::ShowOpenProjectDialog);
    }
    ui.menu_button(t.project_recent_menu, |ui| {
        if recent.is_empty() {
            ui.label(RichText::new(t.project_recent_empty).italics());
        }
        for path in recent {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                actions.push(Action::OpenProject(path.clone()));
            }
        }
    });
    let save = ui.add(egui::Button::new(t.project_save_menu).shortcut_text("Ctrl+S"));
    if save.clicked() {
        actions.push(Action::SaveProject);
    }
    if ui.button(t.project_save_as_menu).clicked() {
        actions.push(Action::ShowSaveProjectAs);
    }
}

/// The "save project as" dialog; `open` is cleared when it closes.
pub fn save_as_ui(
    ctx: &egui::Context,
    t: &Texts,
    state: &mut SaveAsState,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    let mut close = false;
    egui::Window::new(t.project_save_as_title)
        .id(egui::Id::unique("save-project-as"))
        .open(open)
        .collapsible(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 90.0))
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(t.path_label);
                ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(400.0))
                    .labelled_by(label.id);
            });
            ui.label(RichText::new(t.project_file_hint).small());
            ui.horizontal(|ui| {
                if ui.button(t.save_button).clicked() && !state.path_text.trim().is_empty() {
                    actions.push(Action::SaveProjectAs(project_path_from_text(
                        &state.path_text,
                    )));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
    if close {
        *open = false;
    }
}

/// The window listing layers whose files are missing; `open` is cleared when the planner closes it.
pub fn missing_files_ui(
    ctx: &egui::Context,
    t: &Texts,
    missing: &[MissingLayer],
    open: &mut bool,
    actions: &mut Vec<Action>,
    more_rows: &mut dyn FnMut(&mut egui::Ui, &mut Vec<Action>),
) {
    egui::Window::new(t.missing_files_title)
        .id(egui::Id::unique("missing-files"))
        .open(open)
        .collapsible(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 90.0))
        .min_width(460.0)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(t.missing_files_intro);
            for layer in missing {
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&layer.name).strong());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .button(t.relink_button)
                            .on_hover_text(format!("{}: {}", t.relink_title, layer.name))
                            .clicked()
                        {
                            actions.push(Action::ShowRelinkDialog(layer.index));
                        }
                    });
                });
                ui.label(
                    RichText::new(layer.path.display().to_string())
                        .small()
                        .color(ui.visuals().weak_text_color()),
                );
            }
            more_rows(ui, actions);
        });
}

/// The prompt offering a newer autosave: Recover or Discard.
pub fn recovery_prompt_ui(
    ctx: &egui::Context,
    t: &Texts,
    pending: &PendingRecovery,
    actions: &mut Vec<Action>,
) {
    let saved_at = pending
        .recovery
        .saved_at
        .duration_since(UNIX_EPOCH)
        .map(|since| Timestamp::from_unix_seconds(since.as_secs() as i64).to_string())
        .unwrap_or_default();
    egui::Window::new(t.recovery_title)
        .id(egui::Id::unique("recover-autosave"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(t.recovery_intro);
            ui.label(RichText::new(pending.opened.path.display().to_string()).strong());
            ui.label(format!("{} {saved_at}", t.recovery_saved_at));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t.recover_button).clicked() {
                    actions.push(Action::RecoverAutosave);
                }
                if ui.button(t.discard_autosave_button).clicked() {
                    actions.push(Action::DiscardAutosave);
                }
            });
        });
}

/// The question before a new or opened project replaces one with unsaved changes.
pub fn unsaved_changes_prompt_ui(ctx: &egui::Context, t: &Texts, actions: &mut Vec<Action>) {
    egui::Window::new(t.unsaved_changes_title)
        .id(egui::Id::unique("unsaved-changes"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(t.unsaved_changes_text);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t.discard_changes_button).clicked() {
                    actions.push(Action::ConfirmProjectSwitch);
                }
                if ui.button(t.cancel).clicked() {
                    actions.push(Action::CancelProjectSwitch);
                }
            });
        });
}

/// The project's name for the title bars: its title (or "untitled"), its file name, and a marker when
/// there are unsaved changes.
pub fn project_caption(t: &Texts, title: &str, path: Option<&Path>, modified: bool) -> String {
    let title = if title.trim().is_empty() {
        t.project_untitled
    } else {
        title
    };
    let file = path
        .and_then(Path::file_name)
        .map(|name| format!(" — {}", name.to_string_lossy()))
        .unwrap_or_default();
    let marker = if modified { " •" } else { "" };
    format!("{title}{file}{marker}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_get_the_project_ending() {
        assert_eq!(
            project_path_from_text(" /tmp/du_an "),
            PathBuf::from("/tmp/du_an.hpatlas.json")
        );
        assert_eq!(
            project_path_from_text("/tmp/a.json"),
            PathBuf::from("/tmp/a.hpatlas.json")
        );
        assert_eq!(
            project_path_from_text("/tmp/b.hpatlas.json"),
            PathBuf::from("/tmp/b.hpatlas.json")
        );
    }

    #[test]
    fn the_caption_names_the_file_and_marks_changes() {
        let t = crate::app::i18n::Lang::Vi.texts();
        let path = Path::new("/x/quy_hoach.hpatlas.json");
        assert_eq!(
            project_caption(t, "Quy hoạch", Some(path), true),
            "Quy hoạch — quy_hoach.hpatlas.json •"
        );
        assert_eq!(project_caption(t, "", None, false), t.project_untitled);
    }
}
