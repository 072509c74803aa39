//! `kanbao search QUERY`: every hit in every issue, one line each, like grep.
//!
//! Each line is `STEM/N: title: …snippet…` (N counts articles from 1; a hit in the footer is
//! reported against the last article). On a terminal the hit is shown in reverse video.
//! Exit status: 0 when something matched, 1 when nothing did, 2 on errors.

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use kanbao::load::{self, FileOutcome, Library};
use kanbao::model::Issue;
use kanbao::sanitize::sanitize;
use kanbao::search::{Match, Query, Searcher};

use super::CommandError;
use super::output::print_raw_parts;

/// Reverse video on and off: the only escape codes this command writes itself.
const MARK_ON: &str = "\x1b[7m";
const MARK_OFF: &str = "\x1b[27m";

/// What one file leaves once it has been searched: a folder of issues is searched one issue
/// at a time as it loads, and only this is kept, so a large folder is never held whole.
struct Searched {
    /// The issue with its articles and footer dropped: enough to put it in library order.
    issue: Option<Issue>,
    /// Its output lines, rendered.
    lines: String,
    /// Errors in the file (it did not load when there are any).
    errors: usize,
}

pub fn run(issues_dir: &Path, query: &str) -> Result<ExitCode, CommandError> {
    // The folder is checked before the query, as when the folder was loaded first.
    let files = load::issue_files(issues_dir).map_err(|error| error.to_string())?;
    let query = Query::parse(query).ok_or("the query is empty: give some text to look for")?;
    let marked = io::stdout().is_terminal();
    let searched = load::load_each(&files, load::Bodies::InMemory, |outcome| {
        search_file(outcome, &query, marked)
    });
    let errors: usize = searched.iter().map(|file| file.errors).sum();
    if errors > 0 {
        let failed = searched.iter().filter(|file| file.issue.is_none()).count();
        super::eprint(&format!(
            "kanbao: {} could not be loaded and was not searched; `kanbao check` shows why.",
            super::plural(failed, "file")
        ));
    }
    let mut found: Vec<(Issue, String)> = searched
        .into_iter()
        .filter_map(|file| Some((file.issue?, file.lines)))
        .collect();
    // Stable, like the library's own sort, from the same file order.
    found.sort_by(|(a, _), (b, _)| load::newest_first(a, b));
    if found.iter().all(|(_, lines)| lines.is_empty()) {
        return Ok(ExitCode::from(1));
    }
    // Every piece of file text is sanitized already; `print` would strip the marks.
    print_raw_parts(found.iter().map(|(_, lines)| lines.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// Searches the issue of one loaded file, keeping its lines and what orders it.
fn search_file(outcome: FileOutcome, query: &Query, marked: bool) -> Searched {
    let errors = outcome
        .problems
        .iter()
        .filter(|problem| problem.is_error())
        .map(|problem| problem.count)
        .sum();
    let Some(issue) = outcome.issue else {
        return Searched {
            issue: None,
            lines: String::new(),
            errors,
        };
    };
    let mut library = Library {
        issues: vec![Arc::new(issue)],
        problems: Vec::new(),
        files: 1,
    };
    // Every hit is wanted: each body is matched once, without making filters first.
    let matches = Searcher::exhaustive().search(&library, query, usize::MAX);
    let mut lines = render(&library, &matches, marked);
    lines.shrink_to_fit();
    let issue = library.issues.pop().map(|issue| {
        let mut issue = Arc::unwrap_or_clone(issue);
        issue.articles = Vec::new();
        issue.footer = None;
        issue
    });
    Searched {
        issue,
        lines,
        errors,
    }
}

/// One line per match. Every piece of file text is sanitized here, before the highlight
/// markers are added around the hit, so the output is safe to write unsanitized.
fn render(library: &Library, matches: &[Match], marked: bool) -> String {
    let mut out = String::new();
    for found in matches {
        let Some(issue) = library.issues.get(found.issue) else {
            continue;
        };
        let Some(article) = issue.articles.get(found.article) else {
            continue;
        };
        let snippet = &found.snippet;
        let (start, end) = (snippet.highlight.start, snippet.highlight.end);
        let text = snippet.text.as_str();
        let before = sanitize(text.get(..start).unwrap_or_default());
        let hit = sanitize(text.get(start..end).unwrap_or_default());
        let after = sanitize(text.get(end..).unwrap_or_default());
        let (on, off) = if marked {
            (MARK_ON, MARK_OFF)
        } else {
            ("", "")
        };
        let _ = writeln!(
            out,
            "{}/{}: {}: {before}{on}{hit}{off}{after}",
            sanitize(&issue.stem),
            found.article + 1,
            sanitize(&article.title),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use kanbao::load::parse_issue;

    use super::*;

    #[test]
    fn a_terminal_sees_the_hit_in_reverse_video() {
        let text = "title = \"简报\"\n\n[[article]]\ntitle = \"第一篇\"\nbody = \"上海快递业\"\n";
        let issue = parse_issue(Path::new("brief.toml"), text).issue;
        let library = Library {
            issues: issue.into_iter().map(Arc::new).collect(),
            problems: Vec::new(),
            files: 1,
        };
        let query = Query::parse("快递").expect("a query");
        let matches = Searcher::new().search(&library, &query, 10);
        assert_eq!(
            render(&library, &matches, true),
            "brief/1: 第一篇: 上海\x1b[7m快递\x1b[27m业\n"
        );
        assert_eq!(
            render(&library, &matches, false),
            "brief/1: 第一篇: 上海快递业\n"
        );
    }
}
