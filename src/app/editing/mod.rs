//! Editing in the app: the messages of writing edits back to files ([`write_messages`]), and the map tools
//! that digitize and reshape features of the layer in edit mode ([`tools`]).

pub mod write_messages;
