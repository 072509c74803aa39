//! The command line, declared with clap: every command has `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kanbao (看报): read newsletters in the terminal, in Chinese, Japanese, Korean and Latin
/// scripts alike.
#[derive(Debug, Parser)]
#[command(name = "kanbao", version, about, long_about = None)]
pub struct Cli {
    /// The folder of issue files (default: from the config, else ./issues).
    #[arg(long, global = true, value_name = "DIR")]
    pub issues: Option<PathBuf>,

    /// The config file (default: $KANBAO_CONFIG, then $XDG_CONFIG_HOME/kanbao/config.toml,
    /// then ./config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check issue files and report every problem as path:line:column: message.
    ///
    /// Exit status is 1 if any file has an error, 0 otherwise (warnings alone: 0).
    Check {
        /// Files or folders to check (default: the configured issues folder).
        paths: Vec<PathBuf>,
    },
    /// List the issues and their articles.
    List,
    /// Print shell completions for kanbao.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}
