//! `kanbao search QUERY`: every hit in every issue, one line each, like grep.
//!
//! Each line is `STEM/N: title: …snippet…` (N counts articles from 1; a hit in the footer is
//! reported against the last article). On a terminal the hit is shown in reverse video.
//! Exit status: 0 when something matched, 1 when nothing did, 2 on errors.

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

use kanbao::load::Library;
use kanbao::sanitize::sanitize;
use kanbao::search::{Match, Query, Searcher};

use super::CommandError;
use super::output::print_raw;

/// Reverse video on and off: the only escape codes this command writes itself.
const MARK_ON: &str = "\x1b[7m";
const MARK_OFF: &str = "\x1b[27m";

pub fn run(library: &Library, query: &str) -> Result<ExitCode, CommandError> {
    let query = Query::parse(query).ok_or("the query is empty: give some text to look for")?;
    let matches = Searcher::new().search(library, &query, usize::MAX);
    if library.error_count() > 0 {
        super::eprint(&format!(
            "kanbao: {} could not be loaded and was not searched; `kanbao check` shows why.",
            super::plural(library.failed_files(), "file")
        ));
    }
    if matches.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let out = render(library, &matches, io::stdout().is_terminal());
    // Every piece of file text in `out` is sanitized already; `print` would strip the marks.
    print_raw(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
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
            issues: issue.into_iter().map(std::sync::Arc::new).collect(),
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
