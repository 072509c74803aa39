//! The `kanbao` commands: each a function from parsed arguments to an exit status.

pub mod args;
mod cat;
mod check;
mod import;
mod keys;
mod list;
mod output;
mod read;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod watch;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use args::{Cli, Command};
use kanbao::config::{self, Config};
use kanbao::load::{self, Library};
use kanbao::sanitize::sanitize;
pub use output::{CommandError, print};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let config = match load_config(&cli) {
        Ok(config) => config,
        Err(message) => {
            eprint(&message);
            return ExitCode::from(2);
        }
    };
    let issues_dir = cli
        .issues
        .clone()
        .unwrap_or_else(|| config.issues_dir.clone());
    let outcome = match cli.command {
        Some(Command::Check { paths }) => {
            let paths = if paths.is_empty() {
                vec![issues_dir]
            } else {
                paths
            };
            check::run(&paths, &config)
        }
        Some(Command::List) => load_library(&issues_dir).and_then(|library| list::run(&library)),
        None => read::run(&issues_dir, &config, cli.state.clone()).map_err(CommandError::from),
        Some(Command::Cat {
            target,
            width,
            ambiguous_width,
        }) => load_library(&issues_dir)
            .and_then(|library| cat::run(&library, &target, width, ambiguous_width, &config)),
        Some(Command::Search { query }) => search::run(&issues_dir, &query),
        #[cfg(feature = "serve")]
        Some(Command::Serve { listen }) => serve::run(&issues_dir, &config, listen),
        Some(Command::Import {
            file,
            output,
            title,
            date,
            force,
        }) => import::run(&import::Request {
            file,
            output,
            title,
            date,
            force,
            issues_dir,
        }),
        Some(Command::Completions { shell }) => {
            // Generated into memory, so a closed pipe or a full disk is ours to handle:
            // clap_complete panics when its own write fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kanbao", &mut script);
            output::print_raw(&script).map(|()| ExitCode::SUCCESS)
        }
    };
    outcome.unwrap_or_else(|error| error.report())
}

/// Ends a command line clap did not run: help and `--version` go to standard output (through
/// the same handling of closed pipes and write errors as every command), mistakes to stderr.
pub fn parse_failed(error: &clap::Error) -> ExitCode {
    if error.use_stderr() {
        let _ = error.print();
        return ExitCode::from(2);
    }
    // clap colours help on a terminal itself; its print returns the write's error.
    let printed = error.print().and_then(|()| io::stdout().flush());
    match output::written(printed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}

fn load_config(cli: &Cli) -> Result<Config, String> {
    let from_env = std::env::var_os("KANBAO_CONFIG")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    let path = config::locate(cli.config.as_deref(), from_env.as_deref());
    let config = config::load(path.as_deref()).map_err(|error| error.to_string())?;
    for warning in &config.warnings {
        eprint(&warning.to_string());
    }
    Ok(config)
}

fn load_library(dir: &std::path::Path) -> Result<Library, CommandError> {
    load::load_folder(dir).map_err(|error| CommandError::Message(error.to_string()))
}

/// `1 file`, `2 files`, `0 errors`.
#[must_use]
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes one line to stderr, sanitized (see [`print`]). A failure is ignored: there is
/// nowhere left to report it, and `eprintln!` would panic.
pub fn eprint(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", sanitize(message));
}
