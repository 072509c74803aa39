//! Greedy line breaking of one paragraph of styled pieces.
//!
//! The paragraph is cut into grapheme "atoms" (width, break class, where it came from), then
//! filled line by line: each line takes atoms until the next one would not fit, and then ends at
//! the last break opportunity (dropping the spaces there). Because opportunities already obey
//! kinsoku, falling back to the last one *is* push-out: a character that would be left before a
//! closing mark is carried down with it. A token with no opportunity that is longer than the
//! line is cut after the last grapheme that fits. Each atom is looked at at most twice (once more
//! when its line is rewound to an opportunity), so wrapping is linear in the text.

use std::borrow::Cow;

use super::AmbiguousWidth;
use super::breaks::{Class, can_break, can_break_at_space};
use super::line::{Line, LineKind, Span, SpanStyle, spans_width};
use super::measure::measure;
use super::segment::Graphemes;

/// Tab stops every this many columns, counted from the start of the wrapped text.
const TAB_STOP: usize = 4;

/// A piece of paragraph text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text. A `'\n'` in it is a hard line break.
    pub text: Cow<'a, str>,
    pub style: SpanStyle,
    pub link: Option<usize>,
    /// Where `text` starts in the body source, when it is a verbatim copy of the source there
    /// (so that byte `i` of `text` is byte `source + i` of the source).
    pub source: Option<usize>,
    /// No break before this piece: a link's `[1]` stays with the text it follows.
    pub glue: bool,
}

impl<'a> Piece<'a> {
    /// A piece of text with no source.
    #[must_use]
    pub fn new(text: impl Into<Cow<'a, str>>, style: SpanStyle) -> Self {
        Self {
            text: text.into(),
            style,
            link: None,
            source: None,
            glue: false,
        }
    }
}

/// How to wrap a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapOptions {
    /// Total width of a line in cells, prefixes included.
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    /// Spans put before the first line (a first-line indent, a list marker, a quote margin).
    pub first_prefix: Vec<Span>,
    /// Spans put before every other line (a hanging indent, a quote margin).
    pub rest_prefix: Vec<Span>,
    pub kind: LineKind,
    /// Keep every space and break only where the width forces it (code blocks, URLs).
    pub verbatim: bool,
}

impl WrapOptions {
    #[must_use]
    pub fn new(width: usize, ambiguous: AmbiguousWidth) -> Self {
        Self {
            width,
            ambiguous,
            first_prefix: Vec::new(),
            rest_prefix: Vec::new(),
            kind: LineKind::Paragraph,
            verbatim: false,
        }
    }
}

/// One grapheme cluster of the paragraph. Offsets are `u32` to keep the hot array small; an
/// issue file is at most 16 MiB.
#[derive(Debug, Clone, Copy)]
struct Atom {
    start: u32,
    end: u32,
    piece: u32,
    /// The width in cells; [`TOO_WIDE`] for a grapheme at least that wide.
    width: u8,
    class: Class,
    /// A break is allowed right before this atom (with no space between).
    opportunity: bool,
    /// A space at a break opportunity, dropped if the line breaks there.
    breaking: bool,
}

/// The stored width of a grapheme 255 cells wide or more (only a cluster of hundreds of
/// conjoining jamo gets there). It is taken as wider than any line, so the grapheme gets a
/// line of its own: never under-counted into sharing a line it overflows.
const TOO_WIDE: u8 = u8::MAX;

/// Wraps paragraphs, reusing its buffers between calls.
#[derive(Debug, Default)]
pub struct Wrapper {
    atoms: Vec<Atom>,
}

/// Wraps one paragraph into lines; see [`Wrapper::wrap`].
#[must_use]
pub fn wrap_paragraph(pieces: &[Piece<'_>], options: &WrapOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    Wrapper::default().wrap(pieces, options, &mut lines);
    lines
}

/// Wraps plain text into line strings (titles, footers, tests).
#[must_use]
pub fn wrap_str(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    let piece = Piece::new(text, SpanStyle::Text(crate::model::RunStyle::default()));
    wrap_paragraph(&[piece], &WrapOptions::new(width, ambiguous))
        .iter()
        .map(Line::text)
        .collect()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The prefix a line `width` columns wide gets, with the columns it leaves: all of `prefix`
/// when that leaves at least two columns for text, else none (deep quote margins and list
/// indents are dropped on a narrow screen rather than push the line past the width).
pub(crate) fn fit_prefix(
    prefix: &[Span],
    width: usize,
    ambiguous: AmbiguousWidth,
) -> (&[Span], usize) {
    let used = spans_width(prefix, ambiguous);
    if used + 2 > width {
        (&[], width)
    } else {
        (prefix, width - used)
    }
}

/// A line of nothing but `prefix` (a blank line in a quote, an empty list item), fitted to
/// `width` as wrapped lines are and with its trailing whitespace trimmed.
pub(crate) fn prefix_line(
    prefix: &[Span],
    kind: LineKind,
    width: usize,
    ambiguous: AmbiguousWidth,
) -> Line {
    Line::new(bare(fit_prefix(prefix, width, ambiguous).0), kind)
}

/// The spans of an empty line with a (fitted) prefix: the prefix without its trailing
/// whitespace, so a blank line in a quote keeps the margin `>` but no space after it.
fn bare(prefix: &[Span]) -> Vec<Span> {
    let keep = prefix
        .iter()
        .rposition(|s| !s.text.trim_end().is_empty())
        .map_or(0, |last| last + 1);
    let mut spans = prefix.get(..keep).unwrap_or_default().to_vec();
    if let Some(last) = spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    spans
}

impl Wrapper {
    /// Wraps `pieces` into lines no wider than `options.width` and appends them to `out`.
    ///
    /// Leading and trailing spaces of the paragraph are dropped, as are spaces at a break.
    /// Lines never end in a space. If a prefix leaves less than two columns for text, that
    /// prefix is left out. A lone grapheme wider than the whole line (a wide character at
    /// width 1) is put on a line of its own, the only case where a line overflows.
    pub fn wrap(&mut self, pieces: &[Piece<'_>], options: &WrapOptions, out: &mut Vec<Line>) {
        self.segment(pieces, options);
        let atoms = &self.atoms;
        let n = atoms.len();
        let amb = options.ambiguous;
        let prefixes = [&options.first_prefix, &options.rest_prefix]
            .map(|prefix| fit_prefix(prefix, options.width, amb));
        let mut i = skip_spaces(atoms, 0, false);
        let mut first = true;
        while i < n {
            let (prefix, avail) = prefixes[usize::from(!first)];
            first = false;
            let start = i;
            let mut col = 0;
            let mut last = None;
            let (end, next, forced) = loop {
                let Some(atom) = atoms.get(i) else {
                    break (n, n, false);
                };
                if atom.class == Class::Newline {
                    break (i, i + 1, false);
                }
                if atom.breaking {
                    let run = i;
                    while let Some(space) = atoms.get(i).filter(|a| a.breaking) {
                        col += atom_width(space, col);
                        i += 1;
                    }
                    if atoms.get(i).is_some_and(|a| a.class != Class::Newline) {
                        last = Some((run, i));
                    }
                    continue;
                }
                if atom.opportunity && i > start {
                    last = Some((i, i));
                }
                let width = atom_width(atom, col);
                if col.saturating_add(width) > avail {
                    if let Some((end, next)) = last {
                        break (end, next, false);
                    }
                    if i == start {
                        break (i + 1, i + 1, true);
                    }
                    // Even a cut keeps a closing mark off the next line's start (`元，`).
                    let back = atom.class.no_start()
                        && i > start + 1
                        && atoms.get(i - 1).is_some_and(|a| !a.class.is_space());
                    let cut = if back { i - 1 } else { i };
                    break (cut, cut, true);
                }
                col += width;
                i += 1;
            };
            self.emit(pieces, start..end, prefix, options.kind, forced, out);
            i = skip_spaces(atoms, next, forced && !options.verbatim);
        }
    }

    /// Cuts the pieces into atoms and finds the break opportunities.
    fn segment(&mut self, pieces: &[Piece<'_>], options: &WrapOptions) {
        let amb = options.ambiguous;
        self.atoms.clear();
        let atoms = &mut self.atoms;
        // The last visible class since the paragraph or hard break started.
        let mut before: Option<Class> = None;
        // The pending run of spaces: its first atom, and whether it holds a zero-width space.
        let mut spaces: Option<(usize, bool)> = None;
        let mut glue = false;
        for (index, piece) in pieces.iter().enumerate() {
            glue |= piece.glue;
            let mut graphemes = Graphemes::new(&piece.text);
            while let Some((offset, grapheme, single)) = graphemes.next_cluster() {
                let (width, class) = measure(grapheme, single, amb);
                let mut atom = Atom {
                    start: to_u32(offset),
                    end: to_u32(offset + grapheme.len()),
                    piece: to_u32(index),
                    width: u8::try_from(width).unwrap_or(TOO_WIDE),
                    class,
                    opportunity: false,
                    breaking: false,
                };
                if class.is_space() {
                    let explicit = class == Class::ZeroWidthSpace;
                    spaces = Some(match spaces {
                        Some((run, seen)) => (run, seen || explicit),
                        None => (atoms.len(), explicit),
                    });
                } else if class == Class::Newline {
                    // Spaces before a hard break are trailing: dropped.
                    if let Some((run, _)) = spaces.take() {
                        mark_breaking(atoms, run, true);
                    }
                    before = None;
                    glue = false;
                } else {
                    let opportunity = !glue
                        && !options.verbatim
                        && before.is_some_and(|before| match spaces {
                            Some((_, explicit)) => can_break_at_space(before, class, explicit),
                            None => can_break(before, class),
                        });
                    if let Some((run, _)) = spaces.take() {
                        // Leading spaces are dropped; in verbatim text no space ever is.
                        let leading = before.is_none() && !options.verbatim;
                        mark_breaking(atoms, run, opportunity || leading);
                    }
                    atom.opportunity = opportunity;
                    before = Some(class);
                    glue = false;
                }
                atoms.push(atom);
            }
        }
        if let Some((run, _)) = spaces {
            mark_breaking(atoms, run, true);
        }
    }

    /// Appends the line made of `range` of the atoms, with trailing spaces trimmed; `cut` says
    /// it ends inside a token (see [`Line::cut`]).
    fn emit(
        &self,
        pieces: &[Piece<'_>],
        range: std::ops::Range<usize>,
        prefix: &[Span],
        kind: LineKind,
        cut: bool,
        out: &mut Vec<Line>,
    ) {
        let atoms = self.atoms.get(range).unwrap_or_default();
        let trimmed = atoms.iter().rposition(|a| !a.class.is_space());
        let atoms = atoms
            .get(..trimmed.map_or(0, |last| last + 1))
            .unwrap_or_default();
        let mut spans = if atoms.is_empty() {
            bare(prefix)
        } else {
            prefix.to_vec()
        };
        let content = spans.len();
        let mut col = 0;
        let mut rest = atoms;
        while let Some(head) = rest.first() {
            let split = rest
                .iter()
                .position(|a| a.piece != head.piece)
                .unwrap_or(rest.len());
            let (group, tail) = rest.split_at(split);
            rest = tail;
            let Some(piece) = pieces.get(head.piece as usize) else {
                continue;
            };
            let start = head.start as usize;
            let end = group.last().map_or(start, |a| a.end as usize);
            // Text in the style and link of the previous content span extends it; anything
            // else starts a span.
            let merge = spans.len() > content
                && spans
                    .last()
                    .is_some_and(|last| last.style == piece.style && last.link == piece.link);
            if !merge {
                spans.push(Span {
                    text: String::with_capacity(end - start),
                    style: piece.style,
                    link: piece.link,
                    source: None,
                });
            }
            let Some(span) = spans.last_mut() else {
                continue;
            };
            col = push_group(&mut span.text, &piece.text, group, col);
            let source = piece.source.map(|s| s + start..s + end);
            span.source = match (span.source.take(), source) {
                (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
                (a, b) => a.or(b),
            };
        }
        out.push(Line { spans, kind, cut });
    }
}

/// Appends the text of `group`, atoms of one piece starting at column `col`, to `out` with
/// its tabs expanded; returns the column after it.
fn push_group(out: &mut String, text: &str, group: &[Atom], mut col: usize) -> usize {
    let Some(head) = group.first() else {
        return col;
    };
    let mut from = head.start as usize;
    for atom in group {
        let width = atom_width(atom, col);
        if atom.class == Class::Tab {
            out.push_str(text.get(from..atom.start as usize).unwrap_or_default());
            out.extend(std::iter::repeat_n(' ', width));
            from = atom.end as usize;
        }
        col = col.saturating_add(width);
    }
    let end = group.last().map_or(from, |a| a.end as usize);
    out.push_str(text.get(from..end).unwrap_or_default());
    col
}

fn atom_width(atom: &Atom, col: usize) -> usize {
    match atom.width {
        _ if atom.class == Class::Tab => TAB_STOP - col % TAB_STOP,
        TOO_WIDE => usize::MAX,
        width => usize::from(width),
    }
}

fn mark_breaking(atoms: &mut [Atom], from: usize, breaking: bool) {
    for atom in atoms.iter_mut().skip(from) {
        atom.breaking = breaking;
    }
}

/// The first atom at or after `i` that is not a dropped space (or any space, with `all`).
fn skip_spaces(atoms: &[Atom], mut i: usize, all: bool) -> usize {
    while atoms
        .get(i)
        .is_some_and(|a| a.breaking || (all && a.class.is_space()))
    {
        i += 1;
    }
    i
}
