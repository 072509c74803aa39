//! Laid-out lines: styled spans that carry the exact text to draw and where it came from.

use std::ops::Range;

use super::{AmbiguousWidth, str_width};
use crate::model::RunStyle;

/// What a span is, so the renderer can style it without looking at its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanStyle {
    /// Body text with its character styles.
    Text(RunStyle),
    /// An article title.
    Title,
    Subtitle,
    /// The section · author · date line.
    Meta,
    /// Heading text; `level` 1 to 6.
    Heading(u8),
    /// A list bullet or number (`• `, `1. `).
    ListMarker,
    /// The block quote margin (`> `).
    QuoteMarker,
    /// Indentation: the CJK first-line indent or a hanging indent.
    Indent,
    /// A code block line.
    Code,
    /// A link's reference number after its text (`[1]`).
    LinkRef,
    /// An entry of the link list at the end of an article.
    LinkUrl,
    /// A horizontal rule.
    Rule,
    /// The issue masthead (title, number, date, publisher) in plain output.
    Masthead,
    /// Footer lines of an issue.
    Footer,
}

/// A piece of a line in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text to draw, tabs already expanded.
    pub text: String,
    pub style: SpanStyle,
    /// Index into `Body::links` when the span is (part of) a link's text or reference.
    pub link: Option<usize>,
    /// Byte range in `Body::source` that the text came from; `None` for text kanbao added
    /// (indents, markers, titles, soft-break spaces).
    pub source: Option<Range<usize>>,
}

impl Span {
    /// A span of added text with no source.
    #[must_use]
    pub fn plain(text: impl Into<String>, style: SpanStyle) -> Self {
        Self {
            text: text.into(),
            style,
            link: None,
            source: None,
        }
    }
}

/// What block a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Subtitle,
    Meta,
    Blank,
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Code,
    Rule,
    /// The `[n] URL` list after an article.
    LinkList,
    Masthead,
    Footer,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    pub kind: LineKind,
    /// The line ends inside a token longer than the line (a URL, a long word): it was cut at
    /// the last grapheme that fit rather than at a break opportunity. A renderer may mark it.
    pub cut: bool,
}

impl Line {
    /// A line of spans, not cut.
    #[must_use]
    pub fn new(spans: Vec<Span>, kind: LineKind) -> Self {
        Self {
            spans,
            kind,
            cut: false,
        }
    }

    /// An empty line.
    #[must_use]
    pub fn blank() -> Self {
        Self {
            spans: Vec::new(),
            kind: LineKind::Blank,
            cut: false,
        }
    }

    /// The width of the line in cells.
    #[must_use]
    pub fn width(&self, ambiguous: AmbiguousWidth) -> usize {
        spans_width(&self.spans, ambiguous)
    }

    /// The line's text, all spans joined.
    #[must_use]
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The union of the source ranges of the line's spans.
    #[must_use]
    pub fn source(&self) -> Option<Range<usize>> {
        let mut sources = self.spans.iter().filter_map(|s| s.source.clone());
        let first = sources.next()?;
        Some(sources.fold(first, |acc, r| acc.start.min(r.start)..acc.end.max(r.end)))
    }
}

/// The width in cells of spans drawn one after another.
pub(crate) fn spans_width(spans: &[Span], ambiguous: AmbiguousWidth) -> usize {
    spans.iter().map(|s| str_width(&s.text, ambiguous)).sum()
}
