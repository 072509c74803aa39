//! Cutting a body's source into pieces that parse on their own exactly as they parse as part
//! of the whole, so that a long article can be parsed and laid out one piece at a time.
//!
//! A cut goes before a line that follows a blank line and starts with a letter (ASCII or any
//! non-ASCII character) in its first column. Such a line begins a paragraph at the top level
//! whatever came before: a blank line ends every paragraph, block quote and HTML block of
//! kinds 6 and 7, and a line without indentation ends every list and indented code block.
//! Three things span blank lines regardless, and are handled here:
//!
//! - Fenced code. Fences that start in the first column are followed line by line, and no cut
//!   falls inside one. A fence anywhere else (indented, in a list or quote, or three backticks
//!   or tildes in running text) makes the body one piece: following those would take the
//!   whole of CommonMark's container rules.
//! - HTML blocks that end at a marker rather than a blank line (`<!--`, `<?`, `<!X`,
//!   `<![CDATA[`, `<pre`, `<script`, `<style`, `<textarea`): any `<!`, `<?` or one of those
//!   tag names anywhere makes the body one piece. So does any line that starts with `<` (after
//!   at most three spaces): an HTML block of any kind runs to a blank line, and a fence inside
//!   it is no fence, so fences could not be followed line by line.
//! - Link reference definitions (`[label]: url`), which can be defined after their use: any
//!   `]:` makes the body one piece.
//!
//! Parsing and laying out the pieces in order then gives exactly the blocks, lines and link
//! numbers of the whole body (the layout tests compare the two over random bodies).

use std::ops::Range;

/// How long a piece is at least (but the last), in bytes: about a dozen screens of Chinese
/// text, laid out in well under a millisecond.
pub const PIECE_BYTES: usize = 16 * 1024;

/// How long the first piece of a body longer than [`PIECE_BYTES`] is at least: a few screens,
/// all a reader opening the article needs before its first frame.
pub const FIRST_PIECE_BYTES: usize = 4 * 1024;

/// Cuts `source` into consecutive byte ranges covering all of it, each at least `target` bytes
/// long but the last, cut only where the pieces parse as in the whole (see the module
/// documentation). A body that is short, or that uses something that makes cutting unsafe,
/// is one piece.
#[must_use]
pub fn split_body(source: &str, target: usize) -> Vec<Range<usize>> {
    split_body_from(source, target, target)
}

/// [`split_body`] with a first piece of at least `first` bytes: the one laid out while the
/// reader waits.
#[must_use]
pub fn split_body_from(source: &str, first: usize, target: usize) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    if bytes.len() <= target.max(1) || !cuttable(bytes) {
        return std::iter::once(0..bytes.len()).collect();
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut fence: Option<Fence> = None;
    let mut after_blank = false;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let rest = bytes.get(line_start..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |i| line_start + i + 1);
        let line = bytes.get(line_start..end).unwrap_or_default();
        if let Some(open) = fence {
            if open.is_closed_by(line) {
                fence = None;
            }
            after_blank = false;
        } else {
            let wanted = if pieces.is_empty() { first } else { target };
            if after_blank && line_start - start >= wanted && starts_paragraph(line) {
                pieces.push(start..line_start);
                start = line_start;
            }
            fence = Fence::opened_by(line);
            after_blank = is_blank(line);
        }
        line_start = end;
    }
    pieces.push(start..bytes.len());
    pieces
}

/// Whether nothing in `bytes` keeps it from being cut (see the module documentation).
fn cuttable(bytes: &[u8]) -> bool {
    if memchr::memmem::find(bytes, b"]:").is_some() {
        return false;
    }
    let opens_html_block = memchr::memchr_iter(b'<', bytes).any(|at| {
        let after = bytes.get(at + 1..).unwrap_or_default();
        matches!(after.first(), Some(b'!' | b'?'))
            || ["pre", "script", "style", "textarea"].iter().any(|tag| {
                after
                    .get(..tag.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(tag.as_bytes()))
            })
    });
    if opens_html_block || starts_a_line_with_a_tag(bytes) {
        return false;
    }
    [b"```", b"~~~"].iter().all(|mark| {
        memchr::memmem::find_iter(bytes, mark).all(|at| {
            // The start of the run of backticks or tildes this one belongs to.
            let before = bytes.get(..at).unwrap_or_default();
            let run = before.iter().rev().take_while(|&&b| b == mark[0]).count();
            let run_start = at - run;
            run_start == 0 || bytes.get(run_start - 1) == Some(&b'\n')
        })
    })
}

/// Whether some line starts with `<` after at most three spaces: it may open an HTML block.
fn starts_a_line_with_a_tag(bytes: &[u8]) -> bool {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|end| end + 1))
        .any(|start| {
            let line = bytes.get(start..).unwrap_or_default();
            let spaces = line.iter().take(4).take_while(|&&b| b == b' ').count();
            spaces < 4 && line.get(spaces) == Some(&b'<')
        })
}

/// A line of nothing but spaces and tabs (and its line ending).
fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Whether a line after a blank line surely starts a top-level paragraph: it starts with a
/// letter in its first column. Every Markdown block marker is ASCII punctuation, a digit or
/// indentation; a non-ASCII character (all of CJK text, and U+3000 too) is only ever text.
fn starts_paragraph(line: &[u8]) -> bool {
    line.first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || !b.is_ascii())
}

/// An open fenced code block that started in the first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fence {
    mark: u8,
    len: usize,
}

impl Fence {
    /// The fence `line` opens, if it opens one in its first column: three or more backticks
    /// with no backtick in the info string after them, or three or more tildes.
    fn opened_by(line: &[u8]) -> Option<Self> {
        let mark = *line.first().filter(|&&b| b == b'`' || b == b'~')?;
        let len = line.iter().take_while(|&&b| b == mark).count();
        let info = line.get(len..).unwrap_or_default();
        (len >= 3 && !(mark == b'`' && info.contains(&b'`'))).then_some(Self { mark, len })
    }

    /// Whether `line` closes this fence: at least as many of the same mark in the first
    /// column, then only spaces and tabs. (A closing fence indented by one to three spaces
    /// is never seen here: a body with one is not cut at all.)
    fn is_closed_by(self, line: &[u8]) -> bool {
        let len = line.iter().take_while(|&&b| b == self.mark).count();
        len >= self.len && is_blank(line.get(len..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str, target: usize) -> Vec<&str> {
        split_body(source, target)
            .into_iter()
            .map(|r| source.get(r).unwrap_or("<bad range>"))
            .collect()
    }

    #[test]
    fn cuts_before_paragraphs_after_blank_lines() {
        let source = "一段。\n\n二段。\n\n\nthree\n";
        assert_eq!(texts(source, 1), ["一段。\n\n", "二段。\n\n\n", "three\n"]);
        assert_eq!(texts(source, 12), ["一段。\n\n二段。\n\n\n", "three\n"]);
        assert_eq!(texts(source, 100), [source]);
    }

    #[test]
    fn never_cuts_before_what_may_continue_a_block() {
        for next in [
            "- b", "1. b", "  b", "\tb", "> b", "# b", "<b>", "`b`", "*b*", "=b",
        ] {
            let source = format!("a\n\n{next}\n");
            assert_eq!(texts(&source, 1), [source.as_str()], "{next:?}");
        }
    }

    #[test]
    fn never_cuts_inside_a_fence() {
        let source = "a\n\n```\ncode\n\nb\n````\n\nc\n\n~~~~\n\nd\n~~~\n\ne\n~~~~\n\nf\n";
        assert_eq!(
            texts(source, 1),
            [
                "a\n\n```\ncode\n\nb\n````\n\n",
                "c\n\n~~~~\n\nd\n~~~\n\ne\n~~~~\n\n",
                "f\n"
            ]
        );
        // Backticks in the info string: not a fence, so the next paragraph may be cut off.
        assert_eq!(texts("```a`\n\nb\n", 1), ["```a`\n\n", "b\n"]);
    }

    #[test]
    fn what_makes_a_body_one_piece() {
        for source in [
            "a\n\nb [x]\n\n[x]: /url\n",
            "<!--\n\nc\n-->\n",
            "<pre>\n\nc\n</pre>\n",
            "<SCRIPT>\n\nc\n",
            "<?php\n\nc\n?>\n",
            "- ```\n  x\n\n  y\n  ```\n\nc\n",
            "> ~~~\n\nc\n",
            "a ``` b\n\nc\n",
            // The first fence is in the HTML block; the second runs to the end.
            "<div>\n中文\n```\n\n````\n“引号”\n\n中文\n",
            "  <b>x</b>\n\nc\n",
        ] {
            assert_eq!(texts(source, 1), [source], "{source:?}");
        }
    }

    #[test]
    fn pieces_cover_the_source_in_order() {
        let source = "甲\n\n乙\n\n丙";
        let pieces = split_body(source, 1);
        assert_eq!(pieces.first().map(|r| r.start), Some(0));
        assert_eq!(pieces.last().map(|r| r.end), Some(source.len()));
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(split_body("", 1), std::iter::once(0..0).collect::<Vec<_>>());
    }
}
