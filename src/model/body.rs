//! An article body as structure: blocks of styled runs that the layout engine wraps.
//!
//! Every run keeps the byte range of the body source it came from, so search hits, highlights
//! and saved reading positions can all speak in offsets into one string.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::in_file::{IssueFile, Unreadable};

/// An article body as loaded: its sanitized CommonMark source, or where that is in its issue
/// file. The blocks are parsed when the body is laid out or searched, and dropped after.
///
/// Bodies of files read as they are on disk stay there: a library of 10,000 issues then
/// takes a fraction of the memory of its files, and a body is read back (one small read) when
/// it is shown or searched. Long bodies are kept: laying out a 5 MB article a piece at a time
/// reads it many times.
#[derive(Debug, Clone)]
pub struct BodySource {
    kept: Kept,
}

#[derive(Debug, Clone)]
enum Kept {
    Text(Arc<str>),
    InFile {
        file: Arc<IssueFile>,
        /// The TOML string's bytes in the file, quotes included.
        token: Range<u32>,
        /// The length of the sanitized text.
        len: u32,
    },
}

/// Bodies longer than this stay in memory when loaded (see [`BodySource`]).
pub const KEPT_ABOVE: usize = 64 * 1024;

impl Default for BodySource {
    fn default() -> Self {
        Self::new(String::new())
    }
}

impl BodySource {
    /// Keeps `source` in memory.
    #[must_use]
    pub fn new(source: String) -> Self {
        Self {
            kept: Kept::Text(source.into()),
        }
    }

    /// Keeps a copy of `source` in memory (one copy: a long body is copied once at load).
    #[must_use]
    pub fn kept(source: &str) -> Self {
        Self {
            kept: Kept::Text(source.into()),
        }
    }

    /// A body of `len` bytes once decoded and sanitized, left in `file` at `token` (the
    /// string's quotes included); `None` if the numbers do not fit (files are at most 16 MiB).
    #[must_use]
    pub fn in_file(file: Arc<IssueFile>, token: Range<usize>, len: usize) -> Option<Self> {
        Some(Self {
            kept: Kept::InFile {
                file,
                token: u32::try_from(token.start).ok()?..u32::try_from(token.end).ok()?,
                len: u32::try_from(len).ok()?,
            },
        })
    }

    /// The length of the source in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        match &self.kept {
            Kept::Text(text) => text.len(),
            Kept::InFile { len, .. } => *len as usize,
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the body is read back from its file when needed.
    #[must_use]
    pub fn is_in_file(&self) -> bool {
        matches!(self.kept, Kept::InFile { .. })
    }

    /// The source, read back from the file if it was left there.
    pub fn text(&self) -> Result<Cow<'_, str>, Unreadable> {
        match &self.kept {
            Kept::Text(text) => Ok(Cow::Borrowed(text)),
            Kept::InFile { file, token, len } => {
                file.read_text(token.clone(), *len).map(Cow::Owned)
            }
        }
    }

    /// The source to show: [`text`](Self::text), or a paragraph that says why it cannot be
    /// read.
    #[must_use]
    pub fn source(&self) -> Cow<'_, str> {
        self.text()
            .unwrap_or_else(|why| Cow::Owned(unreadable_paragraph(&why)))
    }

    /// [`text`](Self::text) to share: with a thread that lays it out, or with a copy of the
    /// article that keeps what it showed whatever happens to the file.
    pub fn shared_text(&self) -> Result<Arc<str>, Unreadable> {
        match &self.kept {
            Kept::Text(text) => Ok(Arc::clone(text)),
            Kept::InFile { .. } => self.text().map(Into::into),
        }
    }

    /// [`source`](Self::source) to share.
    #[must_use]
    pub fn shared_source(&self) -> Arc<str> {
        self.shared_text()
            .unwrap_or_else(|why| Self::unreadable_note(&why))
    }

    /// A body kept in memory as `text`, shared.
    #[must_use]
    pub fn from_shared(text: Arc<str>) -> Self {
        Self {
            kept: Kept::Text(text),
        }
    }

    /// The paragraph that says why a body cannot be read, as a body source.
    #[must_use]
    pub fn unreadable_note(why: &Unreadable) -> Arc<str> {
        unreadable_paragraph(why).into()
    }

    /// The body's blocks and links, or those of the paragraph that says why it cannot be
    /// read (see [`source`](Self::source)).
    #[must_use]
    pub fn parse(&self) -> Body {
        super::parse_body(&self.source())
    }

    /// The body's blocks and links; nothing when it cannot be read (a search finds nothing
    /// in a body it cannot read, not the words of the paragraph that says so).
    #[must_use]
    pub fn parse_text(&self) -> Body {
        self.text()
            .map(|text| super::parse_body(&text))
            .unwrap_or_default()
    }
}

/// Two bodies are equal when their sources are: bodies in the same file version at the same
/// place are, without reading them; others are read (tests compare bodies loaded both ways).
impl PartialEq for BodySource {
    fn eq(&self, other: &Self) -> bool {
        match (&self.kept, &other.kept) {
            (Kept::Text(a), Kept::Text(b)) => a == b,
            (
                Kept::InFile { file, token, len },
                Kept::InFile {
                    file: other_file,
                    token: other_token,
                    len: other_len,
                },
            ) if file == other_file && token == other_token && len == other_len => true,
            // Bodies that cannot be read are equal to none.
            _ => {
                self.len() == other.len()
                    && matches!((self.text(), other.text()), (Ok(a), Ok(b)) if a == b)
            }
        }
    }
}

impl Eq for BodySource {}

/// A body that cannot be read back, as a paragraph saying why (its punctuation escaped so
/// that a path reads as written).
fn unreadable_paragraph(why: &Unreadable) -> String {
    let mut text = String::from("*");
    for c in format!("This article cannot be shown: {why}.").chars() {
        if c.is_ascii_punctuation() {
            text.push('\\');
        }
        text.push(c);
    }
    text.push('*');
    text
}

/// A parsed article body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    /// The sanitized CommonMark source; every `Run::source` indexes into it.
    pub source: String,
    pub blocks: Vec<Block>,
    /// Link targets in order of first appearance; `Run::link` indexes into this (0-based),
    /// and the reader shows them as `[1]`, `[2]`… after the article.
    pub links: Vec<String>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// `level` is 1 to 6.
    Heading {
        level: u8,
        inlines: Vec<Inline>,
    },
    /// `start` is `Some(n)` for an ordered list starting at n, `None` for a bullet list.
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Quote(Vec<Block>),
    /// A fenced or indented code block, verbatim (lines separated by `\n`, no trailing newline).
    Code {
        text: String,
        source: Range<usize>,
    },
    /// A thematic break (`---`).
    Rule,
}

/// One list item: its blocks (usually one paragraph, possibly nested lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub blocks: Vec<Block>,
}

/// An inline element of a paragraph or heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(Run),
    /// A line break in the source that is not a hard break: joined with a space between Latin
    /// words and with nothing between CJK characters (the layout engine decides).
    SoftBreak,
    /// A hard line break (two trailing spaces or a backslash).
    HardBreak,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: RunStyle,
    /// Index into `Body::links` when this run is (part of) a link's text.
    pub link: Option<usize>,
    /// Byte range of the run in `Body::source`. For text with escapes or entities the range
    /// covers the source markup, so it may be longer than `text`.
    pub source: Range<usize>,
}

/// Character styles of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent CommonMark styles that combine freely"
)]
pub struct RunStyle {
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub strikethrough: bool,
}
