//! `hpatlas`: starts the command line ([`cli`]), which opens the atlas window when no subcommand is given.
//!
//! On Windows this executable is a GUI-subsystem program, so double-clicking it opens the window without a
//! console window behind it; run from `cmd.exe` or PowerShell it attaches to that console so the subcommands
//! still print there. Windows shells do not wait for a GUI-subsystem program nor report its exit code, so
//! scripts use `hpatlas-cli.exe` (src/bin/hpatlas-cli.rs), the same command line as a console program.

#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run(cli::Launch::Window)
}
