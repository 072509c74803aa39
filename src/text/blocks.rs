//! Laying out the blocks of an article body: paragraphs, headings, lists, quotes, code, rules.
//!
//! Separation (chosen for reading in a terminal):
//! - With the CJK first-line indent on, consecutive top-level paragraphs follow each other with
//!   no blank line, each starting with two ideographic spaces, as Chinese and Japanese print
//!   does; the indent already marks the paragraph, and a blank line would halve what fits on a
//!   screen. Without it (Latin), paragraphs are separated by a blank line.
//! - Headings, lists, quotes, code blocks and rules always have a blank line around them.
//! - Paragraphs inside lists and quotes never get the first-line indent (their margin already
//!   sets them off), so they are separated by blank lines.
//! - A paragraph that starts with a numbering marker (`1.`, `一、`, `（一）`, `①`) gets a
//!   hanging indent instead of the first-line indent: wrapped lines align under its text.

use super::layout::LayoutOptions;
use super::line::{Line, LineKind, Span, SpanStyle};
use super::pieces::{inline_pieces, marker_width, run_at, text_pieces};
use super::wrap::{WrapOptions, Wrapper, fit_prefix, prefix_line};
use super::{AmbiguousWidth, str_width};
use crate::model::{Block, Body, ListItem};

/// The CJK first-line indent: two ideographic spaces.
const CJK_INDENT: &str = "\u{3000}\u{3000}";

/// The margin of a block quote.
const QUOTE_MARGIN: &str = "> ";

/// Indentation of code blocks.
const CODE_INDENT: &str = "  ";

/// Where a sequence of blocks sits: what comes before its first line and its other lines.
#[derive(Debug, Clone)]
struct Frame {
    first: Vec<Span>,
    rest: Vec<Span>,
    /// `Paragraph` for the body itself, `ListItem` directly inside a list item, `Quote` inside
    /// a quote.
    kind: LineKind,
}

/// What the blank line between two blocks depends on of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    List,
    Other,
}

impl Kind {
    fn of(block: &Block) -> Self {
        match block {
            Block::Paragraph(_) => Self::Paragraph,
            Block::List { .. } => Self::List,
            _ => Self::Other,
        }
    }
}

/// Lays out the blocks of `body` and appends the lines to `lines`.
pub(crate) fn layout_blocks(body: &Body, options: &LayoutOptions, lines: &mut Vec<Line>) {
    layout_top_blocks(&body.blocks, &body.source, None, options, lines);
}

/// Lays out top-level `blocks` (their runs index into `source`) after a top-level block of
/// kind `previous` (`None` at the start of the body), appending the lines to `lines`. Returns
/// the kind of the last block laid out, `previous` when there is none: what the blocks after
/// these need to know.
pub(crate) fn layout_top_blocks(
    blocks: &[Block],
    source: &str,
    previous: Option<Kind>,
    options: &LayoutOptions,
    lines: &mut Vec<Line>,
) -> Option<Kind> {
    let frame = Frame {
        first: Vec::new(),
        rest: Vec::new(),
        kind: LineKind::Paragraph,
    };
    BodyLayout {
        source,
        options,
        wrapper: Wrapper::default(),
        lines,
    }
    .blocks(blocks, &frame, previous)
}

/// Lays out body blocks into lines.
struct BodyLayout<'a> {
    /// The body source the runs' ranges index into.
    source: &'a str,
    options: &'a LayoutOptions,
    wrapper: Wrapper,
    lines: &'a mut Vec<Line>,
}

impl BodyLayout<'_> {
    /// Lays out `blocks` in `frame`, the first after a block of kind `previous` in the same
    /// frame (if any); returns the kind of the last.
    fn blocks(&mut self, blocks: &[Block], frame: &Frame, previous: Option<Kind>) -> Option<Kind> {
        let mut previous = previous;
        for block in blocks {
            let kind = Kind::of(block);
            let mut inner = frame.clone();
            if let Some(previous) = previous {
                if self.separated(previous, kind, frame) {
                    self.blank(frame);
                }
                inner.first.clone_from(&frame.rest);
            }
            self.block(block, &inner);
            previous = Some(kind);
        }
        previous
    }

    fn separated(&self, previous: Kind, block: Kind, frame: &Frame) -> bool {
        match (previous, block) {
            (Kind::Paragraph, Kind::Paragraph) => {
                !(self.options.cjk_indent && frame.kind == LineKind::Paragraph)
            }
            (_, Kind::List) | (Kind::List, _) => frame.kind != LineKind::ListItem,
            _ => true,
        }
    }

    /// A blank line, keeping a quote margin (trimmed of its space).
    fn blank(&mut self, frame: &Frame) {
        self.prefix_line(&frame.rest, LineKind::Blank);
    }

    /// A line of nothing but `prefix`, fitted to the width like wrapped lines.
    fn prefix_line(&mut self, prefix: &[Span], kind: LineKind) {
        let (width, amb) = (self.options.width, self.options.ambiguous);
        self.lines.push(prefix_line(prefix, kind, width, amb));
    }

    fn wrap_options(&self, frame: &Frame, kind: LineKind) -> WrapOptions {
        WrapOptions {
            first_prefix: frame.first.clone(),
            rest_prefix: frame.rest.clone(),
            kind,
            ..WrapOptions::new(self.options.width, self.options.ambiguous)
        }
    }

    fn block(&mut self, block: &Block, frame: &Frame) {
        let amb = self.options.ambiguous;
        let source = self.source;
        match block {
            Block::Paragraph(inlines) => {
                let pieces = inline_pieces(inlines, source, None);
                let mut options = self.wrap_options(frame, frame.kind);
                let hanging = run_at(inlines, 0)
                    .and_then(|run| marker_width(run.text.trim_start(), amb))
                    .filter(|w| w * 2 <= self.options.width);
                if let Some(width) = hanging {
                    options.rest_prefix.push(indent(width));
                } else if self.options.cjk_indent && frame.kind == LineKind::Paragraph {
                    options
                        .first_prefix
                        .push(Span::plain(CJK_INDENT, SpanStyle::Indent));
                }
                self.wrapper.wrap(&pieces, &options, self.lines);
            }
            Block::Heading { level, inlines } => {
                let pieces = inline_pieces(inlines, source, Some(SpanStyle::Heading(*level)));
                let options = self.wrap_options(frame, LineKind::Heading(*level));
                self.wrapper.wrap(&pieces, &options, self.lines);
            }
            Block::List { start, items } => self.list(*start, items, frame),
            Block::Quote(blocks) => {
                let margin = Span::plain(QUOTE_MARGIN, SpanStyle::QuoteMarker);
                let mut inner = frame.clone();
                inner.first.push(margin.clone());
                inner.rest.push(margin);
                inner.kind = LineKind::Quote;
                self.blocks(blocks, &inner, None);
            }
            Block::Code {
                text,
                source: range,
            } => {
                let mut pieces = Vec::new();
                text_pieces(
                    text,
                    range.clone(),
                    source,
                    SpanStyle::Code,
                    None,
                    &mut pieces,
                );
                let mut options = self.wrap_options(frame, LineKind::Code);
                options
                    .first_prefix
                    .push(Span::plain(CODE_INDENT, SpanStyle::Indent));
                options
                    .rest_prefix
                    .push(Span::plain(CODE_INDENT, SpanStyle::Indent));
                options.verbatim = true;
                self.wrapper.wrap(&pieces, &options, self.lines);
            }
            Block::Rule => {
                let (prefix, room) = fit_prefix(&frame.first, self.options.width, amb);
                let mut spans = prefix.to_vec();
                spans.push(Span::plain(rule(room, amb), SpanStyle::Rule));
                self.lines.push(Line::new(spans, LineKind::Rule));
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], frame: &Frame) {
        let amb = self.options.ambiguous;
        let markers: Vec<String> = match start {
            Some(first) => {
                let last = first.saturating_add(items.len().saturating_sub(1) as u64);
                let digits = last.to_string().len();
                (0..items.len() as u64)
                    .map(|i| format!("{:>digits$}. ", first.saturating_add(i)))
                    .collect()
            }
            None => items.iter().map(|_| bullet(amb).to_owned()).collect(),
        };
        let hang = markers.iter().map(|m| str_width(m, amb)).max().unwrap_or(0);
        for (index, (item, marker)) in items.iter().zip(markers).enumerate() {
            let mut inner = frame.clone();
            if index > 0 {
                inner.first.clone_from(&frame.rest);
            }
            inner.first.push(Span::plain(marker, SpanStyle::ListMarker));
            inner.rest.push(indent(hang));
            inner.kind = LineKind::ListItem;
            if item.blocks.is_empty() {
                self.prefix_line(&inner.first, LineKind::ListItem);
            } else {
                self.blocks(&item.blocks, &inner, None);
            }
        }
    }
}

/// A hanging indent of `width` spaces.
fn indent(width: usize) -> Span {
    Span::plain(" ".repeat(width), SpanStyle::Indent)
}

/// The list bullet: `•` is East Asian Ambiguous, so terminals set to draw those wide get an
/// ASCII `-` that every font draws the same.
fn bullet(ambiguous: AmbiguousWidth) -> &'static str {
    match ambiguous {
        AmbiguousWidth::Narrow => "• ",
        AmbiguousWidth::Wide => "- ",
    }
}

/// A horizontal rule `width` cells wide; `─` is ambiguous, so wide terminals get `-`.
pub(crate) fn rule(width: usize, ambiguous: AmbiguousWidth) -> String {
    match ambiguous {
        AmbiguousWidth::Narrow => "─".repeat(width),
        AmbiguousWidth::Wide => "-".repeat(width),
    }
}
