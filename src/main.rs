//! `hpatlas`: starts the command line ([`cli`]), which opens the atlas window when no subcommand is given.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run()
}
