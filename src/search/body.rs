//! An article body as searchable text: the text of its runs without the Markdown markup, and
//! the way back from that text to byte ranges of `Body::source`.
//!
//! - Runs follow each other directly, so `先进**典型**` reads `先进典型`.
//! - A soft or hard line break inside a paragraph joins the way the layout joins soft breaks:
//!   nothing between CJK characters (and after CJK closing or before CJK opening punctuation),
//!   a space elsewhere. `先进\n典型` reads `先进典型`; `green\npackaging` reads
//!   `green packaging`. Hard breaks join the same way: a search should find a phrase whether
//!   or not the author broke the line inside it.
//! - Blocks (paragraphs, headings, list items, code blocks) are separated by a line break,
//!   which no [`Query`](super::Query) contains: a hit never spans two paragraphs. The issue
//!   asks for hits across the *wrapped* lines of a paragraph; a phrase cut by a paragraph end
//!   is not a phrase the author wrote.

use std::ops::Range;

use crate::model::{Block, Body, Inline, Run};
use crate::text::{Aligned, align_chars, run_at};

/// A stretch of the searchable text copied from one place of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in the searchable text.
    start: usize,
    len: usize,
    source: Range<usize>,
    /// For text that is not a verbatim copy of its source (escapes, entities, code span
    /// backticks): each character's offset in the piece and its source range.
    chars: Option<Vec<(usize, Range<usize>)>>,
}

/// The searchable text of a body and its map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    pub text: String,
    pieces: Vec<Piece>,
}

impl BodyText {
    #[must_use]
    pub fn new(body: &Body) -> Self {
        let mut out = Self::default();
        out.blocks(&body.blocks, &body.source);
        out
    }

    fn blocks(&mut self, blocks: &[Block], source: &str) {
        for block in blocks {
            match block {
                Block::Paragraph(inlines) | Block::Heading { inlines, .. } => {
                    self.separate();
                    self.inlines(inlines, source);
                }
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&item.blocks, source);
                    }
                }
                Block::Quote(blocks) => self.blocks(blocks, source),
                Block::Code {
                    text,
                    source: range,
                } => {
                    self.separate();
                    self.push(text, range.clone(), source);
                }
                Block::Rule => {}
            }
        }
    }

    /// A line break before every block but the first.
    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
    }

    fn inlines(&mut self, inlines: &[Inline], source: &str) {
        for (index, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text(run) => self.push(&run.text, run.source.clone(), source),
                Inline::SoftBreak | Inline::HardBreak => {
                    let before = index.checked_sub(1).and_then(|i| run_at(inlines, i));
                    let after = run_at(inlines, index + 1);
                    if !crate::text::joins_tight(run_text(before), run_text(after)) {
                        // The space stands for whatever lies between the two runs.
                        let from = before.map_or(0, |run| run.source.end);
                        let to = after.map_or(from, |run| run.source.start).max(from);
                        self.pieces.push(Piece {
                            start: self.text.len(),
                            len: 1,
                            source: from..to,
                            chars: None,
                        });
                        self.text.push(' ');
                    }
                }
            }
        }
    }

    fn push(&mut self, text: &str, range: Range<usize>, source: &str) {
        let chars = match source.get(range.clone()) {
            Some(original) if original == text => None,
            original => Some(align(text, original.unwrap_or_default(), range.start)),
        };
        self.pieces.push(Piece {
            start: self.text.len(),
            len: text.len(),
            source: range,
            chars,
        });
        self.text.push_str(text);
    }

    /// The source range of each non-empty range of the searchable text, from where its first
    /// character came from to where its last one did. For ranges in ascending order (as a
    /// search finds them): one pass over the pieces for all of them.
    pub fn source_ranges(
        &self,
        ranges: impl Iterator<Item = Range<usize>>,
    ) -> impl Iterator<Item = Range<usize>> {
        let mut starts = 0;
        let mut ends = 0;
        ranges.map(move |range| {
            let start = self.source_at(range.start, &mut starts, false);
            let last = range.end.saturating_sub(1).max(range.start);
            let end = self.source_at(last, &mut ends, true);
            start..end.max(start)
        })
    }

    /// The source offset of the character at `at`: its start, or its end when `end`. `seen`
    /// counts the pieces that start at or before `at`; it is where the scan resumes.
    fn source_at(&self, at: usize, seen: &mut usize, end: bool) -> usize {
        if self
            .pieces
            .get(seen.saturating_sub(1))
            .is_some_and(|p| p.start > at)
        {
            // Out of order: start over.
            *seen = 0;
        }
        while self.pieces.get(*seen).is_some_and(|p| p.start <= at) {
            *seen += 1;
        }
        let Some(piece) = seen.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return 0;
        };
        let offset = at - piece.start;
        if offset >= piece.len {
            // Between blocks: the end of the piece before.
            return piece.source.end;
        }
        match &piece.chars {
            None if end => {
                let char_len = self
                    .text
                    .get(at..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(1, char::len_utf8);
                (piece.source.start + offset + char_len).min(piece.source.end)
            }
            None => piece.source.start + offset,
            Some(chars) => {
                let i = chars.partition_point(|(o, _)| *o <= offset);
                match i.checked_sub(1).and_then(|i| chars.get(i)) {
                    Some((_, range)) if end => range.end,
                    Some((_, range)) => range.start,
                    None => piece.source.start,
                }
            }
        }
    }
}

/// How many characters ahead in the source a character of a run is looked for: past an
/// escape, a code span's backticks or a named entity, but not so far that a character missing
/// from the source (an entity's replacement) matches a distant copy of itself.
const ALIGN_WINDOW: usize = 40;

/// Each character of `text` matched to its place in `original` (which starts at `base` in
/// the source), looking ahead for it past escapes and markup. A character that is not there
/// (an entity's replacement) takes what lies between its neighbours.
fn align(text: &str, original: &str, base: usize) -> Vec<(usize, Range<usize>)> {
    let mut out: Vec<(usize, Range<usize>)> = Vec::with_capacity(text.len());
    for Aligned {
        offset,
        len,
        found,
        cursor,
    } in align_chars(text, original, ALIGN_WINDOW)
    {
        match found {
            Some(at) => {
                // A character not found before this one ends where this one starts.
                if let Some((_, last)) = out.last_mut()
                    && last.start == last.end
                {
                    last.end = base + at;
                }
                out.push((offset, base + at..base + at + len));
            }
            None => out.push((offset, base + cursor..base + cursor)),
        }
    }
    if let Some((_, last)) = out.last_mut()
        && last.start == last.end
    {
        last.end = base + original.len();
    }
    out
}

fn run_text(run: Option<&Run>) -> &str {
    run.map_or("", |run| run.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_body;

    fn text_of(source: &str) -> String {
        BodyText::new(&parse_body(source)).text
    }

    #[test]
    fn soft_breaks_join_like_the_layout() {
        assert_eq!(text_of("先进\n典型"), "先进典型");
        assert_eq!(text_of("green\npackaging"), "green packaging");
        assert_eq!(text_of("网站，\nsee"), "网站，see");
        assert_eq!(text_of("Rust\n中文"), "Rust 中文");
        assert_eq!(text_of("Rust\n（中文）"), "Rust（中文）");
        assert_eq!(text_of("一\n\n二"), "一\n二");
    }

    #[test]
    fn markup_is_not_text() {
        let source = "先进**典型**与 `code` a \\* b &amp; c";
        let body = parse_body(source);
        let text = BodyText::new(&body);
        assert_eq!(text.text, "先进典型与 code a * b & c");
        let at = |s: &str| {
            let start = text.text.find(s).unwrap_or_default();
            let range = text
                .source_ranges(std::iter::once(start..start + s.len()))
                .next();
            body.source.get(range.unwrap_or_default())
        };
        assert_eq!(at("先进典型"), Some("先进**典型"));
        assert_eq!(at("code"), Some("code"));
        assert_eq!(at("* b &"), Some("* b &"));
        assert_eq!(at("& c"), Some("&amp; c"));
        assert_eq!(at("a * b"), Some("a \\* b"));
    }

    #[test]
    fn align_skips_escapes() {
        assert_eq!(
            align("a*b", "a\\*b", 10),
            [(0, 10..11), (1, 12..13), (2, 13..14)]
        );
        assert_eq!(align("<b", "&lt;b", 0), [(0, 0..4), (1, 4..5)]);
    }
}
