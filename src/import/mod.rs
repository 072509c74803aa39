//! Importing a bulletin's text into an issue file (`kanbao import`).
//!
//! The input is usually what a PDF text extractor makes of a printed Chinese bulletin: every
//! printed line followed by an empty line, a trailing space where a paragraph ends, a leading
//! space after a page break. Ordinary plain text (paragraphs separated by blank lines) imports
//! too. The pipeline is small, pure steps, each in its own file:
//!
//! bytes --[`decode`]--> text --`layout`--> blocks (paragraphs, breaks)
//! --`structure`--> masthead, articles, briefs, footer --[`ImportedIssue::to_toml`]--> issue file
//!
//! Nothing here touches the terminal; only [`read_text_file`] and [`write_new_file`] touch the
//! disk.

mod date;
mod decode;
mod language;
mod layout;
mod markdown;
mod read;
mod structure;
mod title;
mod toml_out;
mod write;

use std::path::PathBuf;

use crate::load::human_size;
pub use crate::model::Date;
pub use date::parse_date;
pub use decode::decode;
pub use layout::Layout;
pub use read::{read_limited, read_text_file};
pub use write::{check_issue_size, write_new_file};

/// Why an import failed, in words the person running `kanbao import` can act on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "not UTF-8 or GB18030 text: invalid byte at offset {offset}; \
         is this the text extracted from the PDF (not the PDF itself)?"
    )]
    NotText { offset: usize },
    #[error("{name}: cannot be read: {source}")]
    Read {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: cannot import {kind}; give a text file, or - to read standard input",
        path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "{name}: the text is {}over the 16 MiB an issue file may be",
        size.map(|size| format!("{}, ", human_size(size))).unwrap_or_default()
    )]
    TextTooLarge { name: String, size: Option<u64> },
    #[error(
        "{name}: the issue would be {}, over the 16 MiB an issue file may be",
        human_size(*size)
    )]
    IssueTooLarge { name: String, size: u64 },
    #[error("{} already exists; use --force to overwrite", path.display())]
    AlreadyExists { path: PathBuf },
    #[error(
        "{}: this is {kind}, not a regular file, and import will not replace it; \
         choose another file with -o",
        path.display()
    )]
    NotARegularFile { path: PathBuf, kind: &'static str },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{text}` is not a date; write it as YYYY-MM-DD, for example 2023-03-15")]
    BadDate { text: String },
}

/// What the person importing knows better than the text: these override what is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub title: Option<String>,
    pub date: Option<Date>,
}

/// An issue read from a bulletin's text, ready to be written as an issue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIssue {
    /// The bulletin's name from its masthead (or the options); `None` when the text lacks it,
    /// and the issue file then gets a placeholder the editor must replace.
    pub title: Option<String>,
    /// The issue label from the masthead, such as `2023 年第 3 期`.
    pub number: Option<String>,
    pub date: Option<Date>,
    /// `zh`, `ja`, `ko` or `en`, from the scripts the text is written in.
    pub language: &'static str,
    /// How the text was laid out, so the command can say what it assumed.
    pub layout: Layout,
    pub articles: Vec<ImportedArticle>,
    /// The distribution list (`报：…`, `送：…`), one printed paragraph per line.
    pub footer: Option<String>,
}

/// One article: plain text paragraphs, turned into CommonMark only when written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedArticle {
    /// `None` when body text came before any title.
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// `简讯` for the briefs; `None` for ordinary articles.
    pub section: Option<String>,
    /// Paragraph texts as printed, lines rejoined. For a numbered list these are the items'
    /// texts without their numbers (an item of several paragraphs holds them separated by a
    /// blank line).
    pub paragraphs: Vec<String>,
    /// `Some(n)` when the paragraphs are the items of a numbered list starting at `n`.
    pub list_start: Option<u32>,
}

/// Reads the structure of a bulletin's text. Never fails: text that fits no pattern becomes
/// one untitled article, which the editor can still fix in the issue file.
#[must_use]
pub fn import_text(text: &str, options: &ImportOptions) -> ImportedIssue {
    let text = normalize_newlines(text);
    let language = language::detect(&text);
    let layout = layout::detect(&text);
    let joiner = layout::Joiner::for_text(language, &text);
    let blocks = layout::blocks(&text, layout, joiner);
    let parsed = structure::parse(&blocks, layout, joiner);

    let masthead_title = masthead_title(&parsed.masthead);
    // A plain text's first short line names the whole text; a printed bulletin without its
    // masthead has no name in the text, and inventing one from an article would mislead.
    let fallback_title = match layout {
        Layout::Plain if parsed.masthead.is_empty() => {
            parsed.articles.first().and_then(|a| a.title.clone())
        }
        _ => None,
    };
    let title = options.title.clone().or(masthead_title).or(fallback_title);
    let date = options.date.or_else(|| issue_date(&parsed));
    let number = parsed
        .masthead
        .iter()
        .find_map(|line| date::issue_number(line));

    ImportedIssue {
        title,
        number,
        date,
        language,
        layout,
        articles: parsed.articles,
        footer: parsed.footer,
    }
}

/// One newline convention, and no byte order mark, so later steps see `\n` only.
fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The masthead's name line: the first one that is not the issue number or the date line.
fn masthead_title(masthead: &[String]) -> Option<String> {
    masthead
        .iter()
        .find(|line| {
            date::issue_number(line).is_none()
                && date::full_dates(line).is_empty()
                && !is_bracketed(line)
        })
        .cloned()
}

/// `（内部资料 注意保存）` and the like: notes, not names.
fn is_bracketed(line: &str) -> bool {
    let first = line.chars().next();
    matches!(first, Some('（' | '(' | '【' | '['))
}

/// The issue's date: the one full date of the masthead, else of the lines that hold nothing
/// but a date (a signature line). Dates inside sentences are the dates of events, not of the
/// issue, so they never count; several different candidates leave the date unknown.
fn issue_date(parsed: &structure::Parsed) -> Option<Date> {
    let from_masthead: Vec<Date> = parsed
        .masthead
        .iter()
        .flat_map(|line| date::full_dates(line))
        .collect();
    let candidates = if from_masthead.is_empty() {
        parsed.date_lines.clone()
    } else {
        from_masthead
    };
    let first = *candidates.first()?;
    candidates.iter().all(|d| *d == first).then_some(first)
}
