//! Plain wrapped text of an issue or one article, for `kanbao cat`.

use super::blocks::rule;
use super::layout::{LayoutOptions, article_lines, join_fields, wrap_plain};
use super::line::{Line, LineKind, SpanStyle};
use super::wrap::Wrapper;
use crate::model::{Article, Issue};

/// The plain text of an issue, or of its article `only` (0-based), wrapped to
/// `options.width`. `None` when `only` is not an article of the issue.
///
/// The whole issue is the masthead (title, then number · date · publisher), each article
/// (title, subtitle, metadata, a blank line, the body, the link list), and the footer, with a
/// blank line and a rule between them. Lines have no trailing spaces and the text ends with a
/// newline; there are no escape sequences.
#[must_use]
pub fn render_issue_plain(
    issue: &Issue,
    only: Option<usize>,
    options: &LayoutOptions,
) -> Option<String> {
    let options = LayoutOptions {
        header: true,
        ..*options
    };
    let mut lines: Vec<Line> = Vec::new();
    if let Some(index) = only {
        return Some(render_article_plain(issue.articles.get(index)?, &options));
    }
    masthead(issue, &options, &mut lines);
    for article in &issue.articles {
        divider(&options, &mut lines);
        article_lines(article, &options, &mut lines);
    }
    if let Some(footer) = issue.footer.as_deref().filter(|f| !f.trim().is_empty()) {
        divider(&options, &mut lines);
        let mut wrapper = Wrapper::default();
        // Footer lines are kept as written, each wrapped on its own.
        for line in footer.trim_end().lines() {
            if line.trim().is_empty() {
                lines.push(Line::blank());
            } else {
                let (style, kind) = (SpanStyle::Footer, LineKind::Footer);
                wrap_plain(&mut wrapper, line, style, kind, &options, &mut lines);
            }
        }
    }
    Some(lines_to_string(&lines))
}

/// The plain text of `article` alone (title, subtitle, metadata, a blank line, the body, the
/// link list), as [`render_issue_plain`] gives it for one article.
#[must_use]
pub fn render_article_plain(article: &Article, options: &LayoutOptions) -> String {
    let options = LayoutOptions {
        header: true,
        ..*options
    };
    let mut lines: Vec<Line> = Vec::new();
    article_lines(article, &options, &mut lines);
    lines_to_string(&lines)
}

/// Lines as text, one per line, trailing whitespace removed, ending with a newline.
#[must_use]
pub fn lines_to_string(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        for span in &line.spans {
            out.push_str(&span.text);
        }
        out.truncate(out.trim_end_matches([' ', '\u{3000}', '\t']).len());
        out.push('\n');
    }
    out
}

fn masthead(issue: &Issue, options: &LayoutOptions, lines: &mut Vec<Line>) {
    let mut wrapper = Wrapper::default();
    let mut add = |text: &str| {
        let (style, kind) = (SpanStyle::Masthead, LineKind::Masthead);
        wrap_plain(&mut wrapper, text, style, kind, options, lines);
    };
    add(&issue.title);
    let number = issue.number.as_ref().map(ToString::to_string);
    let date = issue.date.map(|d| d.to_string());
    let details = join_fields(
        [
            number.as_deref(),
            date.as_deref(),
            issue.publisher.as_deref(),
        ],
        options.ambiguous,
    );
    if !details.is_empty() {
        add(&details);
    }
}

fn divider(options: &LayoutOptions, lines: &mut Vec<Line>) {
    lines.push(Line::blank());
    lines.push(Line::new(
        vec![super::Span::plain(
            rule(options.width, options.ambiguous),
            SpanStyle::Rule,
        )],
        LineKind::Rule,
    ));
    lines.push(Line::blank());
}
