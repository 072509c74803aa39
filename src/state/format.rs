//! The state file's text: human-readable TOML, one table per article, sorted by id.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use super::Place;
use super::reading::{Entry, Field, ReadingState, Stamp};

/// The keys a state file has at its top level. A TOML file with any other key is not a state
/// file (an issue file named by mistake) and is left alone.
const TOP_KEYS: &[&str] = &["last", "last_changed", "article"];

/// The first line of every state file kanbao writes.
const HEADER: &str = "# kanbao reading state";

/// The keys a state file's lines start with: its top-level keys, an article's table and an
/// article's keys.
const LINE_KEYS: &[&str] = &[
    "last",
    "last_changed",
    "read",
    "position",
    "bookmark",
    "changed",
];

/// Whether bytes that are not a valid state look like a state file that was damaged
/// (truncated, edited by hand, half-written by an old version): kanbao's header or a
/// prefix of it, an `[article.…]` table, or a line starting with one of a state file's keys.
/// Anything else (a README, an issue file, a binary) is someone else's file.
#[must_use]
pub fn looks_like_state(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let start = text.trim_start();
    if start.is_empty() || start.starts_with(HEADER) || HEADER.starts_with(start) {
        return true;
    }
    text.lines().map(str::trim_start).any(|line| {
        line.starts_with("[article.")
            || LINE_KEYS.iter().any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
    })
}

/// Why bytes are not a reading state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Not UTF-8; `at` is the byte offset of the first invalid byte.
    #[error("not UTF-8 at byte {at}")]
    NotUtf8 { at: usize },
    /// Not TOML, or a value of the wrong type. Line and column count from 1 (columns in
    /// characters).
    #[error("{}", located(*line, *column, message))]
    Invalid {
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    /// Valid TOML, but with a top-level key a state file never has.
    #[error("it has a key `{key}`, which a kanbao state file does not have")]
    Foreign { key: String },
}

fn located(line: Option<usize>, column: Option<usize>, message: &str) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}: {message}"),
        (Some(line), None) => format!("line {line}: {message}"),
        _ => message.to_owned(),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct FileRepr {
    pub(super) last: Option<String>,
    #[serde(default)]
    pub(super) last_changed: Stamp,
    #[serde(default)]
    pub(super) article: BTreeMap<String, EntryRepr>,
}

/// Unknown keys in an article are ignored, so that a newer kanbao's file still loads.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EntryRepr {
    pub(super) read: bool,
    pub(super) position: Option<Place>,
    /// The one bookmark an article had before it could have several.
    pub(super) bookmark: Option<Place>,
    pub(super) bookmarks: Vec<BookmarkRepr>,
    pub(super) changed: ChangedRepr,
}

/// One place bookmarked in an article: `{ at = 1200, changed = … }`, with `removed = true`
/// once it has been removed.
#[derive(Deserialize)]
pub(super) struct BookmarkRepr {
    pub(super) at: Place,
    #[serde(default)]
    pub(super) changed: Stamp,
    #[serde(default)]
    pub(super) removed: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ChangedRepr {
    pub(super) read: Stamp,
    pub(super) position: Stamp,
    pub(super) bookmark: Stamp,
}

impl ReadingState {
    /// Parses a state file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let text = std::str::from_utf8(bytes).map_err(|error| FormatError::NotUtf8 {
            at: error.valid_up_to(),
        })?;
        Self::from_toml(text)
    }

    /// Parses a state file's text: as kanbao writes it, by a quicker path; anything else by
    /// the TOML library.
    pub fn from_toml(text: &str) -> Result<Self, FormatError> {
        let file = match super::quick::read_written(text) {
            Some(file) => file,
            None => read_by_library(text)?,
        };
        Ok(Self::from_file(file))
    }

    /// [`from_toml`](Self::from_toml) by the TOML library alone, never the quicker path for
    /// files as kanbao writes them: what tests hold that path to.
    #[cfg(test)]
    pub(crate) fn from_toml_by_library(text: &str) -> Result<Self, FormatError> {
        read_by_library(text).map(Self::from_file)
    }

    fn from_file(file: FileRepr) -> Self {
        let articles = file
            .article
            .into_iter()
            .map(|(id, entry)| {
                let mut bookmarks: BTreeMap<Place, Field<bool>> = BTreeMap::new();
                let legacy = entry.bookmark.map(|at| BookmarkRepr {
                    at,
                    changed: entry.changed.bookmark,
                    removed: false,
                });
                for mark in entry.bookmarks.into_iter().chain(legacy) {
                    let field = Field {
                        value: !mark.removed,
                        changed: mark.changed,
                    };
                    bookmarks.entry(mark.at).or_default().merge(&field);
                }
                let entry = Entry {
                    read: Field {
                        value: entry.read,
                        changed: entry.changed.read,
                    },
                    position: Field {
                        value: entry.position,
                        changed: entry.changed.position,
                    },
                    bookmarks,
                };
                (id, entry)
            })
            .collect();
        let last = Field {
            value: file.last,
            changed: file.last_changed,
        };
        Self::from_parts(articles, last)
    }

    /// The state as a state file's text.
    #[must_use]
    pub fn to_toml(&self) -> String {
        let mut out = format!(
            "{HEADER}: written by kanbao, safe to delete.\n\
             # Positions are byte offsets into an article's text; `changed` stamps are Unix\n\
             # milliseconds, and two kanbao sessions merge this file field by field, newest first.\n",
        );
        if self.last.value.is_some() || self.last.changed > 0 {
            out.push('\n');
            if let Some(id) = &self.last.value {
                let _ = writeln!(out, "last = {}", string(id));
            }
            let _ = writeln!(out, "last_changed = {}", stamp(self.last.changed));
        }
        for (id, entry) in &self.articles {
            if entry.is_blank() {
                continue;
            }
            let _ = write!(out, "\n[article.{}]\n", key(id));
            if entry.read.value || entry.read.changed > 0 {
                let _ = writeln!(out, "read = {}", entry.read.value);
            }
            if let Some(place) = entry.position.value {
                let _ = writeln!(out, "position = {}", place.to_toml());
            }
            if !entry.bookmarks.is_empty() {
                let marks: Vec<String> = entry
                    .bookmarks
                    .iter()
                    .map(|(place, field)| {
                        let removed = if field.value { "" } else { ", removed = true" };
                        format!(
                            "{{ at = {}, changed = {}{removed} }}",
                            place.to_toml(),
                            stamp(field.changed)
                        )
                    })
                    .collect();
                let _ = writeln!(out, "bookmarks = [{}]", marks.join(", "));
            }
            let stamps: Vec<String> = [
                ("read", entry.read.changed),
                ("position", entry.position.changed),
            ]
            .into_iter()
            .filter(|&(_, changed)| changed > 0)
            .map(|(key, changed)| format!("{key} = {}", stamp(changed)))
            .collect();
            if !stamps.is_empty() {
                let _ = writeln!(out, "changed = {{ {} }}", stamps.join(", "));
            }
        }
        out
    }
}

/// The state file's text read by the TOML library: any TOML a state file may be, with the
/// library's message (and line and column) for what is wrong. Parsed once: its top-level keys
/// say whether it is a state file at all, and the same table is then read (parsing it twice
/// took a second at 100,000 articles, before the reader's first frame).
fn read_by_library(text: &str) -> Result<FileRepr, FormatError> {
    let root = toml::de::DeTable::parse(text).map_err(|e| invalid(text, &e))?;
    if let Some(key) = root
        .get_ref()
        .keys()
        .find(|key| !TOP_KEYS.contains(&key.get_ref().as_ref()))
    {
        return Err(FormatError::Foreign {
            key: key.get_ref().to_string(),
        });
    }
    FileRepr::deserialize(toml::de::Deserializer::from(root)).map_err(|e| invalid(text, &e))
}

/// A TOML key: bare when it can be, else a quoted string.
fn key(text: &str) -> String {
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !text.is_empty() && text.chars().all(bare) {
        text.to_owned()
    } else {
        string(text)
    }
}

/// A TOML basic string, on one line: quotes, backslashes and control characters escaped.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn stamp(value: Stamp) -> String {
    i64::try_from(value).unwrap_or(i64::MAX).to_string()
}

/// A TOML error as one line, with its line and column when it has a place.
fn invalid(text: &str, error: &toml::de::Error) -> FormatError {
    let message = error
        .message()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (line, column) = match error.span() {
        Some(span) => {
            let mut start = span.start.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let before = text.get(..start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
            (Some(line), Some(column))
        }
        None => (None, None),
    };
    FormatError::Invalid {
        line,
        column,
        message,
    }
}
