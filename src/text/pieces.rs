//! From the inlines of a paragraph to the pieces the wrapper takes: source offsets, soft
//! breaks, hard breaks and link references.

use std::borrow::Cow;

use super::breaks::Class;
use super::line::SpanStyle;
use super::measure::measure;
use super::wrap::Piece;
use super::{AmbiguousWidth, str_width};
use crate::model::{Inline, Run, RunStyle};

/// How far ahead in the source an escaped or entity-encoded character is looked for.
const ALIGN_WINDOW: usize = 16;

/// A character of a run's text and where [`align_chars`] found it in the run's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Aligned {
    /// The character's byte offset in the text.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
    /// Its byte offset in the source, when it is there.
    pub found: Option<usize>,
    /// Where in the source the look-up started: just past the last character found.
    pub cursor: usize,
}

/// Each character of `text` (a run's text, with escapes and entities decoded) looked for in
/// `original` (the source it was parsed from): at most `window` characters ahead of the last
/// one found, so that escapes, entities and code span backticks are stepped over but a
/// character missing from the source (an entity's replacement) does not match a distant copy
/// of itself. Used by the layout ([`text_pieces`]) and by search's map back to the source.
pub(crate) fn align_chars<'t>(
    text: &'t str,
    original: &'t str,
    window: usize,
) -> impl Iterator<Item = Aligned> + 't {
    let mut cursor = 0;
    text.char_indices().map(move |(offset, c)| {
        let from = cursor;
        let found = original
            .get(from..)
            .and_then(|rest| rest.char_indices().take(window).find(|&(_, s)| s == c))
            .map(|(at, _)| from + at);
        if let Some(at) = found {
            cursor = at + c.len_utf8();
        }
        Aligned {
            offset,
            len: c.len_utf8(),
            found,
            cursor: from,
        }
    })
}

/// The pieces of a paragraph or heading. `style` replaces the runs' own style when given
/// (headings draw in one style).
pub(crate) fn inline_pieces<'a>(
    inlines: &'a [Inline],
    source: &str,
    style: Option<SpanStyle>,
) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    for (index, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(run) => {
                let style = style.unwrap_or(SpanStyle::Text(run.style));
                run_pieces(run, source, style, &mut pieces);
                // A link's text may span soft breaks; its reference goes after all of it.
                let next_link = inlines
                    .get(index + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find_map(|inline| match inline {
                        Inline::Text(next) => Some(next.link),
                        _ => None,
                    })
                    .flatten();
                if let Some(link) = run.link
                    && next_link != Some(link)
                {
                    let space = if ends_cjk(&run.text) { "" } else { " " };
                    pieces.push(Piece {
                        text: Cow::Owned(format!("{space}[{}]", link + 1)),
                        style: SpanStyle::LinkRef,
                        link: Some(link),
                        source: None,
                        glue: true,
                    });
                }
            }
            Inline::SoftBreak => {
                let before = index.checked_sub(1).and_then(|i| run_at(inlines, i));
                let after = run_at(inlines, index + 1);
                let text = |run: Option<&'a Run>| run.map_or("", |run| run.text.as_str());
                let join = if joins_tight(text(before), text(after)) {
                    ""
                } else {
                    " "
                };
                // The space takes the style of the text before it, so that it merges into
                // that span.
                let soft = before.map_or_else(RunStyle::default, |run| run.style);
                pieces.push(Piece::new(join, style.unwrap_or(SpanStyle::Text(soft))));
            }
            Inline::HardBreak => pieces.push(Piece::new("\n", SpanStyle::Indent)),
        }
    }
    pieces
}

/// The run at `index`, when that inline is text.
pub(crate) fn run_at(inlines: &[Inline], index: usize) -> Option<&Run> {
    match inlines.get(index)? {
        Inline::Text(run) => Some(run),
        _ => None,
    }
}

/// The class of a character that decides how a soft break joins. Quotes, dashes and
/// ellipses are used by both scripts, so they do not decide (`None`).
fn deciding(c: char) -> Option<Class> {
    let mut buf = [0; 4];
    let (_, class) = measure(c.encode_utf8(&mut buf), Some(c), AmbiguousWidth::Narrow);
    match class {
        Class::QuoteClose | Class::QuoteOpen | Class::Dash => None,
        _ if c == '…' || c == '‥' => None,
        _ => Some(class),
    }
}

fn last_class(text: &str) -> Option<Class> {
    text.chars().rev().find_map(deciding)
}

fn first_class(text: &str) -> Option<Class> {
    text.chars().find_map(deciding)
}

/// Whether text ends in CJK, looking past shared punctuation.
pub(crate) fn ends_cjk(text: &str) -> bool {
    last_class(text).is_some_and(Class::is_cjk)
}

/// Whether a soft break between `before` and `after` joins with no space: between two CJK
/// characters, and after CJK closing or before CJK opening punctuation (which carry their
/// own spacing: `网站，\nsee` is `网站，see`). Anywhere else it is a space.
pub(crate) fn joins_tight(before: &str, after: &str) -> bool {
    let (left, right) = (last_class(before), first_class(after));
    left == Some(Class::Close)
        || right == Some(Class::Open)
        || (left.is_some_and(Class::is_cjk) && right.is_some_and(Class::is_cjk))
}

/// Splits a run into pieces whose text is a verbatim copy of the source at a known offset, so
/// every span can say where it came from. Text changed by escapes or entities is aligned
/// character by character with the source; characters not found there get no source.
pub(crate) fn run_pieces<'a>(
    run: &'a Run,
    source: &str,
    style: SpanStyle,
    out: &mut Vec<Piece<'a>>,
) {
    text_pieces(&run.text, run.source.clone(), source, style, run.link, out);
}

/// See [`run_pieces`]; also used for code blocks.
pub(crate) fn text_pieces<'a>(
    text: &'a str,
    range: std::ops::Range<usize>,
    source: &str,
    style: SpanStyle,
    link: Option<usize>,
    out: &mut Vec<Piece<'a>>,
) {
    let piece = |text: &'a str, at: Option<usize>| Piece {
        text: Cow::Borrowed(text),
        style,
        link,
        source: at,
        glue: false,
    };
    let Some(original) = source.get(range.clone()) else {
        out.push(piece(text, None));
        return;
    };
    if original == text {
        out.push(piece(text, Some(range.start)));
        return;
    }
    if let Some(found) = original.find(text) {
        out.push(piece(text, Some(range.start + found)));
        return;
    }
    // Greedy alignment: runs of characters that sit contiguously in the source form one piece.
    // (text start, source start or None, source end)
    let mut current: Option<(usize, Option<usize>, usize)> = None;
    for Aligned {
        offset: at,
        len,
        found,
        cursor,
    } in align_chars(text, original, ALIGN_WINDOW)
    {
        let contiguous = match (current, found) {
            (Some((_, Some(_), end)), Some(pos)) => pos == end,
            (Some((_, None, _)), None) => true,
            _ => false,
        };
        if !contiguous {
            if let Some((from, src, _)) = current.take() {
                out.push(piece(
                    text.get(from..at).unwrap_or_default(),
                    src.map(|s| range.start + s),
                ));
            }
            current = Some((at, found, found.unwrap_or(cursor)));
        }
        if let (Some(pos), Some(cur)) = (found, current.as_mut()) {
            cur.2 = pos + len;
        }
    }
    if let Some((from, src, _)) = current {
        out.push(piece(
            text.get(from..).unwrap_or_default(),
            src.map(|s| range.start + s),
        ));
    }
}

/// The byte length of a numbering marker at the start of a paragraph (`1.`, `一、`, `（一）`,
/// `(1)`, `①`), including the spaces after it, when text follows it.
pub(crate) fn numbering_marker(text: &str) -> Option<usize> {
    let is_numeral = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut chars = text.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let mut end = None;
    if ('\u{2460}'..='\u{249B}').contains(&first) {
        chars.next();
        end = Some(first.len_utf8());
    } else if matches!(first, '（' | '(') {
        chars.next();
        let close = if first == '（' { '）' } else { ')' };
        let mut count = 0;
        while let Some(&(at, c)) = chars.peek() {
            chars.next();
            if c == close && count > 0 {
                end = Some(at + c.len_utf8());
                break;
            }
            if !(is_numeral(c) || is_digit(c)) || count >= 4 {
                return None;
            }
            count += 1;
        }
    } else if is_numeral(first) || is_digit(first) {
        let digits = is_digit(first);
        let mut count = 0;
        while let Some(&(at, c)) = chars.peek() {
            chars.next();
            if count > 0 && (c == '、' || (digits && matches!(c, '.' | '．'))) {
                end = Some(at + c.len_utf8());
                break;
            }
            let same = if digits { is_digit(c) } else { is_numeral(c) };
            if !same || count >= 3 {
                return None;
            }
            count += 1;
        }
    }
    let end = end?;
    let rest = text.get(end..)?;
    let after = rest.trim_start_matches([' ', '\u{3000}']);
    // `3.14` is a number, not item 3; and a marker alone is not a numbered paragraph.
    if after.is_empty() || after.starts_with(|c: char| is_digit(c)) {
        return None;
    }
    Some(text.len() - after.len())
}

/// The width of `text`'s numbering marker, if it has one.
pub(crate) fn marker_width(text: &str, ambiguous: AmbiguousWidth) -> Option<usize> {
    let len = numbering_marker(text)?;
    Some(str_width(text.get(..len)?, ambiguous))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(numbering_marker("一、总则"), Some(6));
        assert_eq!(numbering_marker("（一）总则"), Some(9));
        assert_eq!(numbering_marker("1. Intro"), Some(3));
        assert_eq!(numbering_marker("12、内容"), Some(5));
        assert_eq!(numbering_marker("(3) x"), Some(4));
        assert_eq!(numbering_marker("① 第一"), Some(4));
        assert_eq!(numbering_marker("3.14159 is pi"), None);
        assert_eq!(numbering_marker("一是共建机制"), None);
        assert_eq!(numbering_marker("2022年"), None);
        assert_eq!(numbering_marker("一、"), None);
    }

    #[test]
    fn aligns_escaped_text() {
        let source = r"a \* b &amp; c";
        let run = Run {
            text: "a * b & c".into(),
            style: RunStyle::default(),
            link: None,
            source: 0..source.len(),
        };
        let mut pieces = Vec::new();
        run_pieces(
            &run,
            source,
            SpanStyle::Text(RunStyle::default()),
            &mut pieces,
        );
        let got: Vec<(&str, Option<usize>)> =
            pieces.iter().map(|p| (p.text.as_ref(), p.source)).collect();
        assert_eq!(got, [("a ", Some(0)), ("* b &", Some(3)), (" c", Some(12))]);
        for p in &pieces {
            let at = p.source.unwrap_or_default();
            assert_eq!(source.get(at..at + p.text.len()), Some(p.text.as_ref()));
        }
    }

    #[test]
    fn soft_break_joins() {
        assert!(ends_cjk("学。"));
        assert!(ends_cjk("服务中心”"));
        assert!(!ends_cjk("word"));
        assert!(joins_tight("中心”", "“党群"));
        assert!(!joins_tight("word", "“like"));
        assert!(joins_tight("网站，", "see"));
        assert!(!joins_tight("Rust", "中文"));
        assert!(joins_tight("Rust", "（中文）"));
    }
}
