//! Standard output of the subcommands. Every subcommand prints through [`print_stdout`], which returns a
//! write error instead of panicking as `println!` does; [`is_closed_output`] recognises the error of a reader
//! that went away (`hpatlas info FILE | head -1`, `| more` on Windows), which the command line then ends
//! quietly with success rather than printing a panic.

use std::io::Write;

/// Windows: "The pipe has been ended" (ERROR_BROKEN_PIPE).
const WINDOWS_ERROR_BROKEN_PIPE: i32 = 109;
/// Windows: "The pipe is being closed" (ERROR_NO_DATA).
const WINDOWS_ERROR_NO_DATA: i32 = 232;
/// Windows: "No process is on the other end of the pipe" (ERROR_PIPE_NOT_CONNECTED, os error 233).
const WINDOWS_ERROR_PIPE_NOT_CONNECTED: i32 = 233;

/// Writes `text` to standard output and flushes it.
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Writes `text` and a line break to standard output and flushes it.
pub fn println_stdout(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.write_all(b"\n")?;
    stdout.flush()
}

/// True when `error` (or one of its causes) says the output's reader is gone: a broken pipe on Unix, a
/// closed or disconnected pipe on Windows.
pub fn is_closed_output(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(is_closed_pipe)
}

/// True for the I/O errors of writing into a pipe whose reader has gone.
fn is_closed_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows)
            && matches!(
                error.raw_os_error(),
                Some(
                    WINDOWS_ERROR_BROKEN_PIPE
                        | WINDOWS_ERROR_NO_DATA
                        | WINDOWS_ERROR_PIPE_NOT_CONNECTED
                )
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_a_closed_output_even_with_context() {
        let error = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the summary");
        assert!(is_closed_output(&error));
    }

    #[test]
    fn other_errors_are_not_a_closed_output() {
        let not_found = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(!is_closed_output(&not_found));
        assert!(!is_closed_output(&anyhow::anyhow!("broken pipe")));
    }

    #[test]
    fn windows_pipe_errors_count_only_on_windows() {
        let not_connected = anyhow::Error::new(std::io::Error::from_raw_os_error(
            WINDOWS_ERROR_PIPE_NOT_CONNECTED,
        ));
        assert_eq!(is_closed_output(&not_connected), cfg!(windows));
    }
}
