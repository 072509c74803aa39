//! The `kanbao` commands: each a function from parsed arguments to an exit status.

pub mod args;
mod cat;
mod check;
mod import;
mod keys;
mod list;
mod read;
mod search;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use args::{Cli, Command};
use kanbao::config::{self, Config};
use kanbao::load::{self, Library};
use kanbao::sanitize::sanitize;

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
        Some(Command::List) => load_library(&issues_dir).map(|library| list::run(&library)),
        None => read::run(&issues_dir, &config, cli.state.clone()),
        Some(Command::Cat {
            target,
            width,
            ambiguous_width,
        }) => load_library(&issues_dir)
            .and_then(|library| cat::run(&library, &target, width, ambiguous_width, &config)),
        Some(Command::Search { query }) => {
            load_library(&issues_dir).and_then(|library| search::run(&library, &query))
        }
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
            clap_complete::generate(shell, &mut Cli::command(), "kanbao", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprint(&format!("kanbao: {message}"));
            ExitCode::from(2)
        }
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

fn load_library(dir: &std::path::Path) -> Result<Library, String> {
    load::load_folder(dir).map_err(|error| error.to_string())
}

/// Writes to stdout, treating a closed pipe (`kanbao list | head`) as success.
///
/// Everything the commands print passes through here or [`eprint`], and both sanitize: file
/// names and file text reach the terminal in many messages, and none may drive it.
pub fn print(text: &str) -> io::Result<()> {
    let text = sanitize(text);
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error),
        _ => Ok(()),
    }
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

/// Writes one line to stderr, sanitized (see [`print`]).
pub fn eprint(message: &str) {
    eprintln!("{}", sanitize(message));
}
