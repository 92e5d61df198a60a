//! Editing in the app: the map tools that digitize and reshape features of the layer in edit mode
//! ([`tools`], drawn and fed drags by [`overlay`], chosen in [`toolbar`]), the refusals worded for the
//! planner ([`messages`], [`write_messages`]), and the background rebuild of big layers' simplified drawing
//! levels after edits ([`rebuild`]).

pub mod messages;
pub mod overlay;
pub mod rebuild;
pub mod toolbar;
pub mod tools;
pub mod write_messages;
