//! A database layer's source in the layer panel, in place of a file path: the connection (service or
//! `user@host/db`), the table, the rows read, whether only the view at opening was loaded, why it is
//! read-only if it is, *Tải lại*, and — when another planner saved the table — *Bảng đã thay đổi trên máy
//! chủ — Tải lại*.

use eframe::egui::{self, Color32, RichText};

use super::DbAction;
use super::connect_dialog::group_thousands;
use super::open_texts::db_texts;
use crate::app::editing::write_messages::not_writable_text;
use crate::app::i18n::Lang;
use crate::app::panels::Action;
use crate::core::io::write_back::NotWritable;
use crate::core::layer::Layer;

/// Draws the source of `layer` if it is a database layer; `changed`: its table changed on the server.
pub fn db_layer_source_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    layer: &Layer,
    changed: bool,
    actions: &mut Vec<Action>,
) {
    let Some(database) = &layer.database else {
        return;
    };
    let texts = db_texts(lang);
    let weak = Color32::GRAY;
    ui.label(RichText::new(texts.source).small().strong());
    ui.label(
        RichText::new(format!(
            "{}: {} · {}: {}",
            texts.connection,
            database.source.connection_label(),
            texts.table,
            database.source.table.display_name()
        ))
        .small()
        .color(weak),
    );
    let mut detail = format!(
        "{} {} · {} {}",
        group_thousands(database.rows.len() as u64),
        texts.rows_word,
        database.table.geometry_type,
        database.table.srid
    );
    if database.view_box.is_some() {
        detail = format!("{detail} · {}", texts.loaded_view_only);
    }
    ui.label(RichText::new(detail).small().color(weak));
    if let Some(reason) = database.read_only {
        ui.label(
            RichText::new(format!(
                "{} {}",
                texts.read_only,
                not_writable_text(&NotWritable::DatabaseReadOnly(reason), lang)
            ))
            .small()
            .color(Color32::from_rgb(120, 80, 0)),
        );
    }
    ui.horizontal_wrapped(|ui| {
        if changed {
            ui.label(RichText::new(texts.changed_on_server).color(Color32::from_rgb(180, 90, 0)));
        }
        if ui.button(texts.reload).clicked() {
            actions.push(Action::Database(DbAction::Reload(layer.id)));
        }
    });
}
