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

    /// The config file (default: `$KANBAO_CONFIG`, then
    /// `$XDG_CONFIG_HOME/kanbao/config.toml`, then `./config.toml`).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The reading state file: read marks, places, bookmarks (default:
    /// `$XDG_STATE_HOME/kanbao/state.toml`).
    #[arg(long, global = true, value_name = "FILE")]
    pub state: Option<PathBuf>,

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
    /// Print an issue, or one article of it, as plain wrapped text.
    ///
    /// For pipes, printing, screen readers and `less`.
    Cat {
        /// The issue's file name without `.toml`, optionally with `/N` for its Nth article
        /// (counting from 1): `2022-41` or `2022-41/3`.
        #[arg(value_name = "ISSUE[/N]")]
        target: String,
        /// Wrap to this many columns (default: the terminal's width, also when the output goes
        /// to a pipe or a file; 80 without a terminal).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(2..))]
        width: Option<u16>,
        /// Columns of East Asian Ambiguous characters (“ ” … — ①): 1 or 2 (default: the
        /// config's, or 1 when not a terminal).
        #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
        ambiguous_width: Option<u8>,
    },
    /// Search every issue's titles, subtitles, bodies and footers for QUERY.
    ///
    /// Prints one line per hit: ISSUE/N: title: …snippet…. Matching is by substring, ignores
    /// case and compatibility forms (ＡＢＣ = abc, ｶﾀｶﾅ = カタカナ); put the query in double
    /// quotes ('"ABC"') to match it exactly. Exit status is 1 when nothing matches.
    Search {
        /// The text to look for.
        query: String,
    },
    /// Turn the text extracted from a bulletin PDF into an issue file.
    ///
    /// Reads UTF-8 or GB18030 text. Writes to the issues folder as FILE's name with `.toml`,
    /// unless -o says otherwise; never overwrites a file without --force.
    Import {
        /// The extracted text (`-` for standard input).
        file: PathBuf,
        /// Where to write the issue file (`-` for standard output).
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
        /// The issue's title (the bulletin's name), when the text lacks its masthead.
        #[arg(long)]
        title: Option<String>,
        /// The issue's date, as YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Overwrite OUT if it is an existing file (never a device, named pipe or link).
        #[arg(long)]
        force: bool,
    },
    /// Serve the reader over SSH: `ssh -t -p PORT HOST` opens it, and nothing else.
    ///
    /// Readers log in with a key (each key has its own reading state) or, with `anonymous =
    /// true` in `[serve]`, without one. `ssh HOST list`, `cat ISSUE[/N]` and `search QUERY`
    /// run those commands. Stops, saving every reader's state, on SIGTERM or Ctrl-C.
    #[cfg(feature = "serve")]
    Serve {
        /// Listen on ADDR:PORT (IPv6 in brackets: [::]:2222); repeat for more addresses
        /// (default: `listen` in `[serve]`, else `127.0.0.1:2222` and `[::1]:2222`).
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Vec<String>,
    },
    /// Print shell completions for kanbao.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}
