//! Asking for a password when the server wants one and none was found (`PasswordMissing`) or the one used
//! was refused (`PasswordRefused`): a masked field; the answer goes into the session's in-memory
//! [`Passwords`] (never a file, the settings, a log or a message) and what failed is tried again. The
//! prompt is a small state machine the app drives: [`PasswordPrompt::after_failure`] opens it (or not),
//! [`PasswordPrompt::answer`] turns the planner's answer into what to retry.

use eframe::egui::{self, Color32, RichText};

use super::load_job::DbLoadRequest;
use super::open_texts::DbTexts;
use crate::core::db_source::{DbSource, Secret};
use crate::core::postgis::Passwords;
use crate::core::postgis::error::{ConnectReason, DbError};

/// What to try again once the password is known.
#[derive(Clone, Debug)]
pub enum Retry {
    /// The connect dialog's test.
    Listing,
    /// A load (a table opened, reloaded, or a project's layer).
    Load(Box<DbLoadRequest>),
    /// The project's database layers that could not be reached on this connection.
    Unavailable,
}

/// A password prompt waiting for the planner.
pub struct PasswordPrompt {
    /// The connection (its label is shown; the password is remembered for it).
    pub source: DbSource,
    /// True when a password was given and refused.
    pub refused: bool,
    /// What to try again.
    pub retry: Retry,
    /// What the planner typed (masked on screen).
    pub text: String,
}

/// The planner's answer to the prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// Connect with the typed password.
    Connect,
    /// Give up.
    Cancel,
}

impl PasswordPrompt {
    /// The prompt for a failure, or `None` when the failure is not about a password.
    pub fn after_failure(error: &DbError, source: &DbSource, retry: Retry) -> Option<Self> {
        let refused = match error {
            DbError::Connect {
                reason: ConnectReason::PasswordMissing,
                ..
            } => false,
            DbError::Connect {
                reason: ConnectReason::PasswordRefused,
                ..
            } => true,
            _ => return None,
        };
        Some(Self {
            source: source.clone(),
            refused,
            retry,
            text: String::new(),
        })
    }

    /// Applies the planner's answer: on *Connect* the typed password is remembered for the connection
    /// (and cleared here) and what to retry comes back; on *Cancel* nothing is remembered.
    pub fn answer(mut self, answer: PromptAnswer, passwords: &mut Passwords) -> Option<Retry> {
        let typed = std::mem::take(&mut self.text);
        match answer {
            PromptAnswer::Connect if !typed.is_empty() => {
                passwords.remember(&self.source, Secret::new(typed));
                Some(self.retry)
            }
            _ => None,
        }
    }
}

/// Draws the prompt; returns the planner's answer once given.
pub fn password_prompt_ui(
    ctx: &egui::Context,
    texts: &DbTexts,
    prompt: &mut PasswordPrompt,
) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Window::new(texts.password_title)
        .id(egui::Id::unique("database-password"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(format!(
                "{} {}",
                texts.password_intro,
                prompt.source.connection_label()
            ));
            if prompt.refused {
                ui.label(
                    RichText::new(texts.password_refused).color(Color32::from_rgb(180, 30, 30)),
                );
            }
            ui.horizontal(|ui| {
                let label = ui.label(texts.password_field);
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut prompt.text)
                            .password(true)
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                if !field.has_focus() && prompt.text.is_empty() && !field.lost_focus() {
                    field.request_focus();
                }
                if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                    answer = Some(PromptAnswer::Connect);
                }
            });
            ui.label(
                RichText::new(texts.password_kept)
                    .small()
                    .color(Color32::GRAY),
            );
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!prompt.text.is_empty(), egui::Button::new(texts.connect))
                    .clicked()
                {
                    answer = Some(PromptAnswer::Connect);
                }
                if ui.button(texts.cancel).clicked() {
                    answer = Some(PromptAnswer::Cancel);
                }
            });
        });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> DbSource {
        "PG:host=db.local dbname=quy_hoach user=lan table=public.dat"
            .parse()
            .expect("source")
    }

    fn failure(reason: ConnectReason) -> DbError {
        DbError::Connect {
            label: "lan@db.local/quy_hoach".into(),
            reason,
        }
    }

    #[test]
    fn a_missing_or_refused_password_asks_and_remembers_the_answer_in_memory() {
        assert!(
            PasswordPrompt::after_failure(
                &failure(ConnectReason::Unreachable("x".into())),
                &source(),
                Retry::Listing
            )
            .is_none()
        );
        let mut prompt = PasswordPrompt::after_failure(
            &failure(ConnectReason::PasswordMissing),
            &source(),
            Retry::Listing,
        )
        .expect("asks");
        assert!(!prompt.refused);
        let mut passwords = Passwords::default();
        prompt.text = "mật khẩu".into();
        let retry = prompt.answer(PromptAnswer::Connect, &mut passwords);
        assert!(matches!(retry, Some(Retry::Listing)));
        assert_eq!(
            passwords.for_source(&source()).map(Secret::reveal),
            Some("mật khẩu")
        );
        let refused = PasswordPrompt::after_failure(
            &failure(ConnectReason::PasswordRefused),
            &source(),
            Retry::Unavailable,
        )
        .expect("asks again");
        assert!(refused.refused);
        let mut untouched = Passwords::default();
        assert!(
            refused
                .answer(PromptAnswer::Cancel, &mut untouched)
                .is_none()
        );
        assert!(untouched.for_source(&source()).is_none());
    }
}
