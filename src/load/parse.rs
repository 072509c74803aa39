//! Turning the text of one issue file into an `Issue`, collecting every problem on the way
//! (all of them, not just the first, so an editor can fix a file in one pass).

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use super::fields::{self, Reporter};
use super::one_line::one_line;
use super::plain_toml;
use super::problem::Problem;
use crate::model::{
    Article, BodySource, Issue, IssueFile, KEPT_ABOVE, MAX_NESTING, may_nest_too_deep,
    parse_body_with_notes,
};
use crate::sanitize::sanitize;
use crate::search::IndexSlot;

const ISSUE_KEYS: &[&str] = &[
    "title",
    "number",
    "date",
    "publisher",
    "language",
    "footer",
    "article",
];
const ARTICLE_KEYS: &[&str] = &[
    "title", "subtitle", "section", "author", "date", "id", "body",
];

/// What loading one file gave: the issue, if it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub issue: Option<Issue>,
    pub problems: Vec<Problem>,
}

/// Parses the text of an issue file. `path` names the file in problems and gives the stem.
/// The bodies are kept in memory.
#[must_use]
pub fn parse_issue(path: &Path, text: &str) -> FileOutcome {
    parse_issue_from(path, text, None)
}

/// [`parse_issue`] for `text` read from `file` as it is on disk: bodies of up to
/// [`KEPT_ABOVE`] bytes are left there, and read back when they are shown or searched.
#[must_use]
pub fn parse_issue_file(path: &Path, text: &str, file: IssueFile) -> FileOutcome {
    parse_issue_from(path, text, Some(&Arc::new(file)))
}

fn parse_issue_from(path: &Path, text: &str, file: Option<&Arc<IssueFile>>) -> FileOutcome {
    let mut report = Reporter::new(path, text);
    let parsed = plain_toml::parse_plain(text).map_or_else(|| DeTable::parse(text), Ok);
    let issue = match parsed {
        Ok(root) => read_issue(&mut report, root.get_ref(), path, file),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            report.error(&span, syntax_message(error.message(), text, &span));
            None
        }
    };
    let issue = if report.has_errors() { None } else { issue };
    FileOutcome {
        issue,
        problems: report.into_problems(),
    }
}

fn read_issue(
    report: &mut Reporter<'_>,
    root: &DeTable<'_>,
    path: &Path,
    file: Option<&Arc<IssueFile>>,
) -> Option<Issue> {
    report.warn_unknown_keys(root, ISSUE_KEYS, "the issue");
    let start = 0..0;
    let title = title(report, root, "the issue");
    if fields::value(root, "title").is_none() {
        report.error(
            &start,
            "the issue has no `title`; add a line such as title = \"…\" before the first [[article]]",
        );
    }
    let number = fields::number(report, root, "number");
    let date = fields::date(report, root, "date");
    let publisher = fields::line(report, root, "publisher");
    let language = fields::spanned_text(report, root, "language");
    if let Some((tag, span)) = &language
        && !looks_like_language_tag(tag)
    {
        report.warn(
            span,
            format!("`language` \"{tag}\" is not a language tag such as zh-CN, ja, ko or en"),
        );
    }
    let language = language.map(|(tag, _)| tag);
    let footer = fields::text(report, root, "footer");
    let stem = path
        .file_stem()
        .map(|s| sanitize(&s.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let articles = read_articles(report, root, &stem, file);
    Some(Issue {
        path: path.to_path_buf(),
        stem,
        title: title?,
        number,
        date,
        publisher,
        language,
        footer,
        articles,
        search: IndexSlot::default(),
        first_look: false,
    })
}

fn read_articles(
    report: &mut Reporter<'_>,
    root: &DeTable<'_>,
    stem: &str,
    file: Option<&Arc<IssueFile>>,
) -> Vec<Article> {
    let Some(value) = fields::value(root, "article") else {
        report.error(
            &(0..0),
            "the issue has no articles; add at least one [[article]] with a `title` and a `body`",
        );
        return Vec::new();
    };
    let DeValue::Array(array) = value.get_ref() else {
        report.wrong_type(
            "article",
            value,
            "a list of tables, one [[article]] (double brackets) per article",
        );
        return Vec::new();
    };
    // Exactly as many as the file has: a library holds ten thousand of these lists, and a
    // doubled one would leave a third of its room unused.
    let mut articles = Vec::with_capacity(array.len());
    let mut ids = HashSet::new();
    for (index, entry) in array.iter().enumerate() {
        let DeValue::Table(table) = entry.get_ref() else {
            let found = fields::describe(entry.get_ref());
            report.error(
                &entry.span(),
                format!("each article must be a table ([[article]]), but this is {found}"),
            );
            continue;
        };
        let place = format!("article {}", index + 1);
        if let Some(article) = read_article(report, table, &entry.span(), &place, stem, file) {
            if !ids.insert(article.id.clone()) {
                report.warn(
                    &entry.span(),
                    format!(
                        "{place} has the same id `{}` as an earlier article; reading positions and marks of the two will be shared",
                        article.id
                    ),
                );
            }
            articles.push(article);
        }
    }
    if array.iter().next().is_none() {
        report.error(
            &value.span(),
            "the issue has no articles; add at least one [[article]] with a `title` and a `body`",
        );
    }
    articles
}

fn read_article(
    report: &mut Reporter<'_>,
    table: &DeTable<'_>,
    span: &Range<usize>,
    place: &str,
    stem: &str,
    file: Option<&Arc<IssueFile>>,
) -> Option<Article> {
    report.warn_unknown_keys(table, ARTICLE_KEYS, place);
    for required in ["title", "body"] {
        if fields::value(table, required).is_none() {
            report.error(
                span,
                format!(
                    "{place} has no `{required}`; every [[article]] needs a `title` and a `body`"
                ),
            );
        }
    }
    let title = title(report, table, place);
    let subtitle = fields::line(report, table, "subtitle");
    let section = fields::line(report, table, "section");
    let author = fields::line(report, table, "author");
    let date = fields::date(report, table, "date");
    let given_id = fields::spanned_text(report, table, "id");
    let body = fields::spanned_str(report, table, "body");
    if let Some((id, span)) = &given_id
        && id.trim().is_empty()
    {
        report.error(span, format!("`id` of {place} is empty"));
    }
    if let Some((text, span)) = &body
        && text.trim().is_empty()
    {
        report.warn(span, format!("the body of {place} is empty"));
    }
    let given_id = given_id.map(|(id, _)| id);
    let (source, body_span) = body?;
    // Parsing every body at load would double its cost; only a body with a line that could
    // open that many levels is parsed, to find where.
    let too_deep = may_nest_too_deep(&source)
        .then(|| parse_body_with_notes(&source).1.too_deep)
        .flatten();
    if let Some(offset) = too_deep {
        let at = offset_in_file(report.text, &body_span, &source, offset);
        report.warn(
            &(at..at),
            format!(
                "block quotes and lists in the body of {place} nest more than {MAX_NESTING} levels deep; the deeper levels are shown at level {MAX_NESTING}"
            ),
        );
    }
    let title = title?;
    let id = given_id.unwrap_or_else(|| derived_id(stem, &title));
    let body = file
        .filter(|_| source.len() <= KEPT_ABOVE)
        .and_then(|file| BodySource::in_file(Arc::clone(file), body_span, source.len()))
        .unwrap_or_else(|| BodySource::kept(&source));
    Some(Article {
        id,
        title,
        subtitle,
        section,
        author,
        date,
        body,
    })
}

/// Reads the `title` of `whose` ("the issue", "article 2"), kept to one line: one that is
/// then empty (spaces, tabs, line breaks) is an error like a missing title, since it would
/// show as a blank row in the list.
fn title(report: &mut Reporter<'_>, table: &DeTable<'_>, whose: &str) -> Option<String> {
    let (title, span) = fields::spanned_text(report, table, "title")?;
    let title = one_line(&title);
    if title.is_empty() {
        report.error(
            &span,
            format!(
                "`title` is empty; {whose} needs a title to show in the list (spaces, tabs and line breaks alone are not one)"
            ),
        );
        return None;
    }
    Some(title)
}

/// Where byte `offset` of a text value lies in the file, for a problem inside the value.
/// Exact when the value is written as it reads (no escapes, nothing sanitized away);
/// otherwise the start of the value, which is the most that can be said.
fn offset_in_file(text: &str, span: &Range<usize>, value: &str, offset: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start;
    };
    let (quotes, multiline) = match raw.get(..3) {
        Some("\"\"\"" | "'''") => (3, true),
        _ => (1, false),
    };
    let Some(mut content) = raw.get(quotes..raw.len().saturating_sub(quotes)) else {
        return span.start;
    };
    if multiline {
        // TOML drops a newline right after the opening quotes.
        content = content
            .strip_prefix('\n')
            .or_else(|| content.strip_prefix("\r\n"))
            .unwrap_or(content);
    }
    if content != value {
        return span.start;
    }
    let content_start = span.start + (raw.len() - quotes - content.len());
    content_start + offset.min(content.len())
}

/// A stable id from the file stem and the title: survives adding or re-sorting articles.
fn derived_id(stem: &str, title: &str) -> String {
    // FNV-1a: tiny, stable across Rust versions and platforms (unlike `DefaultHasher`).
    let hash = title.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{stem}/{:08x}", hash >> 32)
}

fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Rewords the TOML parser's messages for people who edit newsletters, not parsers.
pub(crate) fn syntax_message(message: &str, text: &str, span: &Range<usize>) -> String {
    let found = text.get(span.clone()).map(sanitize).unwrap_or_default();
    let short = (!found.is_empty() && found.chars().count() <= 24).then_some(found);
    if message.starts_with("duplicate key")
        && let Some(key) = short
    {
        return format!("`{key}` is given twice in the same table; keep only one");
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        return "this text has no closing quote; end it with the same quote it starts with".into();
    }
    if let Some(why) = message.strip_prefix("invalid date, ") {
        let date = short.map(|d| format!(" {d}")).unwrap_or_default();
        return format!("the date{date} is not a real date ({why})");
    }
    let near = short
        .map(|s| format!(" near `{}`", s.escape_debug()))
        .unwrap_or_default();
    format!("this is not valid TOML: {}{near}", sanitize(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_depend_on_the_title() {
        assert_eq!(derived_id("2022-11", "简讯"), derived_id("2022-11", "简讯"));
        assert_ne!(
            derived_id("2022-11", "简讯"),
            derived_id("2022-11", "简讯 2")
        );
        assert!(derived_id("2022-11", "简讯").starts_with("2022-11/"));
    }

    #[test]
    fn offsets_in_a_value_written_as_it_reads_are_exact() {
        let text = "body = \"\"\"\n第一段\n> 引用\n\"\"\"\n";
        let start = text.find("\"\"\"").unwrap_or_default();
        let span = start..text.len() - 1;
        let value = "第一段\n> 引用\n";
        let quote = value.find('>').unwrap_or_default();
        assert_eq!(
            offset_in_file(text, &span, value, quote),
            text.find('>').unwrap_or_default()
        );
        // An escape makes the value differ from the file: the value's start is all we know.
        let text = "body = \"a\\tb > c\"";
        let span = 7..text.len();
        assert_eq!(offset_in_file(text, &span, "a\tb > c", 4), 7);
    }

    #[test]
    fn language_tags() {
        for good in ["zh", "zh-CN", "ja", "en-GB", "zh-Hant-TW", "yue"] {
            assert!(looks_like_language_tag(good), "{good}");
        }
        for bad in ["", "chinese", "zh_CN", "中文", "z"] {
            assert!(!looks_like_language_tag(bad), "{bad}");
        }
    }
}
