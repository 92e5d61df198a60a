//! `hpatlas-cli`: the atlas's command line as a console program (the same subcommands as `hpatlas`). On
//! Windows, where `hpatlas.exe` is a GUI-subsystem program that shells neither wait for nor take an exit code
//! from, this is the executable for `cmd.exe`, PowerShell and scripts, as QGIS ships `qgis_process` beside
//! its window. Without a subcommand it opens the window too.

use std::process::ExitCode;

#[path = "../cli/mod.rs"]
mod cli;

fn main() -> ExitCode {
    cli::run(cli::Launch::Console)
}
