//! An article body as structure: blocks of styled runs that the layout engine wraps.
//!
//! Every run keeps the byte range of the body source it came from, so search hits, highlights
//! and saved reading positions can all speak in offsets into one string.

use std::ops::Range;

/// An article body as loaded: its sanitized CommonMark source and nothing else. The blocks
/// are parsed when the body is laid out or searched, and dropped after: a library of 10,000
/// issues then takes about the memory of its files, where the parsed runs took twice as much
/// again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodySource {
    pub source: String,
}

impl BodySource {
    /// Keeps `source`, without spare capacity (bodies are many and never grow).
    #[must_use]
    pub fn new(mut source: String) -> Self {
        source.shrink_to_fit();
        Self { source }
    }

    /// The body's blocks and links.
    #[must_use]
    pub fn parse(&self) -> Body {
        super::parse_body(&self.source)
    }
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
