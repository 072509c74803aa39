//! `kanbao cat ISSUE[/N]`: an issue or one article as plain wrapped text.

use std::fs::File;
use std::io::IsTerminal;
use std::process::ExitCode;

use kanbao::config::Config;
use kanbao::load::{self, Library};
use kanbao::model::Issue;
use kanbao::text::{AmbiguousWidth, LayoutOptions, render_issue_plain};
use rustix::termios::tcgetwinsize;

use super::CommandError;

pub fn run(
    library: &Library,
    target: &str,
    width: Option<u16>,
    ambiguous_width: Option<u8>,
    config: &Config,
) -> Result<ExitCode, CommandError> {
    let (stem, article) = parse_target(target)?;
    // The library found it; its bodies are read here from one version of the file, so that a
    // file changed meanwhile gives its new text or an error, never a note in the output.
    let issue = load::load_file_in_memory(&find_issue(library, stem)?.path)
        .issue
        .ok_or_else(|| {
            format!("{stem} changed while it was read and no longer loads; `kanbao check` says why")
        })?;
    let issue = &issue;
    if let Some(n) = article
        && (n == 0 || n > issue.articles.len())
    {
        return Err(format!(
            "{stem} has {} articles; choose one from 1 to {}",
            issue.articles.len(),
            issue.articles.len()
        )
        .into());
    }
    let terminal = std::io::stdout().is_terminal();
    let width = width.map_or_else(|| terminal_width(terminal).unwrap_or(80), usize::from);
    let ambiguous = ambiguous_width
        .and_then(AmbiguousWidth::from_columns)
        .or(if terminal {
            config.ambiguous_width
        } else {
            None
        })
        .unwrap_or_default();
    let mut options = LayoutOptions::for_issue(issue, width, ambiguous);
    options.cjk_indent &= config.cjk_indent;
    // The article number was checked above, so the issue always has it.
    let text = render_issue_plain(issue, article.map(|n| n - 1), &options).unwrap_or_default();
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `2022-41/3` → (`2022-41`, Some(3)); a stem may itself contain `/` only via the last part.
fn parse_target(target: &str) -> Result<(&str, Option<usize>), String> {
    match target.rsplit_once('/') {
        Some((stem, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            let n = n
                .parse()
                .map_err(|_| format!("{target}: the article number is too large"))?;
            Ok((stem.strip_suffix(".toml").unwrap_or(stem), Some(n)))
        }
        _ => Ok((target.strip_suffix(".toml").unwrap_or(target), None)),
    }
}

fn find_issue<'l>(library: &'l Library, stem: &str) -> Result<&'l Issue, String> {
    if let Some(issue) = library.issues.iter().find(|issue| issue.stem == stem) {
        return Ok(issue);
    }
    let failed = library
        .problems
        .iter()
        .any(|p| p.is_error() && p.path.file_stem().is_some_and(|s| s == stem));
    if failed {
        return Err(format!(
            "{stem} has errors and cannot be shown; `kanbao check` lists them"
        ));
    }
    let known: Vec<&str> = library.issues.iter().map(|i| i.stem.as_str()).collect();
    Err(format!(
        "no issue named {stem}; the issues are: {}",
        known.join(", ")
    ))
}

/// The width of the terminal the text is for: standard output's when it is one, else the
/// controlling terminal's, since `kanbao cat ISSUE | less` shows the text there. `None`
/// without a terminal (cron, a pipeline started with `setsid`).
fn terminal_width(stdout_is_terminal: bool) -> Option<usize> {
    let size = if stdout_is_terminal {
        tcgetwinsize(std::io::stdout())
    } else {
        let tty = File::open("/dev/tty").ok()?;
        tcgetwinsize(&tty)
    };
    let columns = size.ok()?.ws_col;
    (columns >= 2).then_some(usize::from(columns))
}
