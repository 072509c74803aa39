//! The `kanbao` binary: command line and (soon) the reader.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::run(cli::args::Cli::parse())
}
