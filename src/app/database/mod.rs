pub mod conflict_overlay;
pub mod conflicts_panel;
pub mod publish_dialog;
pub mod save_database;
pub mod save_texts;
