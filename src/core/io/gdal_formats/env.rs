//! GDAL's process-wide set-up and its messages. GDAL is started once (its drivers registered, the options
//! the atlas reads DXF with set) and its error handler is replaced, so GDAL never prints to the terminal:
//! each message is kept on the thread that caused it, and the reader that called GDAL turns failures into a
//! [`LoadError`](crate::core::io::LoadError) and warnings into a layer note.

use std::cell::RefCell;
use std::sync::Once;

use gdal::errors::CplErrType;

/// At most this many messages are kept per read (GDAL repeats some for every feature).
const MAX_KEPT_MESSAGES: usize = 50;

thread_local! {
    static MESSAGES: RefCell<Vec<GdalMessage>> = const { RefCell::new(Vec::new()) };
}

/// One message GDAL reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GdalMessage {
    /// True for a failure (CE_Failure or CE_Fatal), false for a warning.
    pub(crate) is_failure: bool,
    /// GDAL's text (English).
    pub(crate) text: String,
}

static START: Once = Once::new();

/// Starts GDAL once per process: registers the drivers, installs the error handler and sets the DXF options
/// (closed polylines read as polygons, block inserts expanded into their own entities so each keeps its
/// layer and colour).
pub(crate) fn start_gdal() {
    START.call_once(|| {
        gdal::DriverManager::register_all();
        gdal::config::set_error_handler(keep_message);
        for (key, value) in [
            ("DXF_CLOSED_LINE_AS_POLYGON", "TRUE"),
            ("DXF_INLINE_BLOCKS", "TRUE"),
            ("DXF_MERGE_BLOCK_GEOMETRIES", "FALSE"),
            ("DXF_TRANSLATE_ESCAPE_SEQUENCES", "TRUE"),
            ("CPL_DEBUG", "OFF"),
        ] {
            // A refused option leaves GDAL's default, which reads the file all the same.
            let _ = gdal::config::set_config_option(key, value);
        }
    });
}

fn keep_message(class: CplErrType, _number: i32, text: &str) {
    let is_failure = match class {
        CplErrType::Failure | CplErrType::Fatal => true,
        CplErrType::Warning => false,
        CplErrType::None | CplErrType::Debug => return,
    };
    MESSAGES.with(|messages| {
        let mut messages = messages.borrow_mut();
        if messages.len() < MAX_KEPT_MESSAGES {
            messages.push(GdalMessage {
                is_failure,
                text: text.trim().to_string(),
            });
        }
    });
}

/// Forgets the messages kept on this thread (call before a read).
pub(crate) fn clear_messages() {
    MESSAGES.with(|messages| messages.borrow_mut().clear());
}

/// Takes the messages kept on this thread since the last call, oldest first.
pub(crate) fn take_messages() -> Vec<GdalMessage> {
    MESSAGES.with(|messages| std::mem::take(&mut *messages.borrow_mut()))
}

/// The last failure message kept on this thread, if any.
pub(crate) fn last_failure() -> Option<String> {
    MESSAGES.with(|messages| {
        messages
            .borrow()
            .iter()
            .rev()
            .find(|message| message.is_failure)
            .map(|message| message.text.clone())
    })
}
