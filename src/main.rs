//! The `kanbao` binary: command line and (soon) the reader.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::args::Cli::try_parse() {
        Ok(cli) => cli::run(cli),
        Err(error) => cli::parse_failed(&error),
    }
}
