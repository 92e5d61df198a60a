//! The Windows-only glue of the command line: attaching the GUI-subsystem executable to the console it was
//! started from, and a message box for failures that would otherwise go unseen (a double-clicked program has
//! no console to print to). Plain `kernel32` / `user32` calls, so no binding crate is needed.

/// `AttachConsole`'s argument meaning the console of the parent process.
const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
#[cfg(feature = "gui")]
/// `MessageBoxW` style: an OK button and the error icon.
const MB_ICONERROR: u32 = 0x0000_0010;

#[link(name = "kernel32")]
unsafe extern "system" {
    fn AttachConsole(process_id: u32) -> i32;
}

#[cfg(feature = "gui")]
#[link(name = "user32")]
unsafe extern "system" {
    fn MessageBoxW(
        window: *mut std::ffi::c_void,
        text: *const u16,
        caption: *const u16,
        style: u32,
    ) -> i32;
}

/// Attaches this process to its parent's console when there is one (started from `cmd.exe` or PowerShell),
/// so that standard output and error reach it; nothing happens when double-clicked. Handles the parent
/// redirected (`> file`, `| more`) are inherited and stay as they are.
pub fn attach_parent_console() {
    // SAFETY: AttachConsole takes a process id by value and only fails (returning 0) when there is no
    // parent console or one is already attached; both are fine here.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(feature = "gui")]
/// Shows a modal error message box with `caption` and `text` (blocks until the planner closes it).
pub fn show_error_box(caption: &str, text: &str) {
    let wide = |value: &str| -> Vec<u16> {
        value
            .encode_utf16()
            .map(|unit| if unit == 0 { u16::from(b' ') } else { unit })
            .chain(std::iter::once(0))
            .collect()
    };
    let (caption, text) = (wide(caption), wide(text));
    // SAFETY: both buffers are NUL-terminated UTF-16 that outlive the call; a null owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            caption.as_ptr(),
            MB_ICONERROR,
        );
    }
}
