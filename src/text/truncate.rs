//! Cutting a title or label to a width, with an ellipsis.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::segment::Graphemes;
use super::{AmbiguousWidth, grapheme_width, str_width};

/// The ellipsis for a width setting. `…` is East Asian Ambiguous, and terminals that draw those
/// wide differ in how they draw it; there `...` takes three cells in every font.
#[must_use]
pub fn ellipsis(ambiguous: AmbiguousWidth) -> &'static str {
    match ambiguous {
        AmbiguousWidth::Narrow => "…",
        AmbiguousWidth::Wide => "...",
    }
}

/// `text` cut to at most `width` cells, ending in `…` (`...` with ambiguous width 2) when
/// anything was cut.
///
/// Only whole grapheme clusters are kept, the ellipsis's own width is reserved first, and
/// spaces before the ellipsis are trimmed, so the result may be a column or two short of
/// `width` but never wider and never half a character. When even the ellipsis does not fit,
/// the graphemes that fit are returned without one. Text that fits is returned unchanged.
#[must_use]
pub fn truncate(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Cow<'_, str> {
    if str_width(text, ambiguous) <= width {
        return Cow::Borrowed(text);
    }
    let (room, mark) = room_and_mark(width, ambiguous);
    let end = fitting(Graphemes::new(text), room, ambiguous)
        .last()
        .map_or(0, |(offset, grapheme)| offset + grapheme.len());
    let kept = text.get(..end).unwrap_or_default().trim_end();
    Cow::Owned(format!("{kept}{mark}"))
}

/// `text` cut from the start to at most `width` cells, beginning with `…` (`...` with
/// ambiguous width 2) when anything was cut: for a message whose end says what to do.
/// Whole grapheme clusters only; text that fits is returned unchanged.
#[must_use]
pub fn truncate_start(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Cow<'_, str> {
    if str_width(text, ambiguous) <= width {
        return Cow::Borrowed(text);
    }
    let (room, mark) = room_and_mark(width, ambiguous);
    let kept = keep_end(text, room, ambiguous).trim_start();
    Cow::Owned(format!("{mark}{kept}"))
}

/// The last whole grapheme clusters of `text` that fit in `width` cells, with no ellipsis:
/// for a prompt, whose end is where the typing is.
#[must_use]
pub fn keep_end(text: &str, width: usize, ambiguous: AmbiguousWidth) -> &str {
    let start = fitting(text.grapheme_indices(true).rev(), width, ambiguous)
        .last()
        .map_or(text.len(), |(offset, _)| offset);
    text.get(start..).unwrap_or_default()
}

/// The cells left for text in `width` once the ellipsis is reserved, and the ellipsis; when
/// even it does not fit, all of `width` and no ellipsis.
fn room_and_mark(width: usize, ambiguous: AmbiguousWidth) -> (usize, &'static str) {
    let mark = ellipsis(ambiguous);
    match width.checked_sub(str_width(mark, ambiguous)) {
        Some(room) => (room, mark),
        None => (width, ""),
    }
}

/// The leading run of `graphemes` (each with its byte offset, in the order they are to be
/// kept) whose widths add up to at most `room`.
fn fitting<'a>(
    graphemes: impl Iterator<Item = (usize, &'a str)>,
    room: usize,
    ambiguous: AmbiguousWidth,
) -> impl Iterator<Item = (usize, &'a str)> {
    let mut used = 0;
    graphemes.take_while(move |&(_, grapheme)| {
        used += grapheme_width(grapheme, ambiguous);
        used <= room
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;
    const W: AmbiguousWidth = AmbiguousWidth::Wide;

    #[test]
    fn the_start_is_cut_when_the_end_matters() {
        let warning = "reading state not saved: /home/读者/state.toml: disk full; q again to quit";
        assert_eq!(
            truncate_start(warning, 30, N),
            "…l: disk full; q again to quit"
        );
        assert_eq!(
            truncate_start(warning, 30, W),
            "...disk full; q again to quit"
        );
        assert!(matches!(
            truncate_start("看报", 4, N),
            Cow::Borrowed("看报")
        ));
        // A wide character that would straddle the cut is left out whole.
        assert_eq!(truncate_start("看报了", 5, N), "…报了");
        assert_eq!(truncate_start("看报了", 4, N), "…了");
    }

    #[test]
    fn fits_unchanged() {
        assert!(matches!(truncate("看报", 4, N), Cow::Borrowed("看报")));
    }

    #[test]
    fn cuts_whole_graphemes() {
        assert_eq!(truncate("上海市邮政管理局", 7, N), "上海市…");
        assert_eq!(truncate("上海市邮政管理局", 8, N), "上海市…");
        // Ambiguous width 2: `...`, three cells every font agrees on.
        assert_eq!(truncate("上海市邮政管理局", 8, W), "上海...");
        assert_eq!(truncate("上海市邮政管理局", 7, W), "上海...");
        assert_eq!(truncate("上海市邮政管理局", 9, W), "上海市...");
        assert_eq!(
            truncate("Two columns, one character", 13, N),
            "Two columns,…"
        );
        assert_eq!(truncate("Two columns, one", 9, N), "Two colu…");
        assert_eq!(truncate("Two columns", 5, N), "Two…");
        assert_eq!(truncate("👩‍💻👩‍💻👩‍💻", 4, N), "👩‍💻…");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2, N), "e\u{301}…");
    }

    #[test]
    fn tiny_widths() {
        assert_eq!(truncate("上海", 1, N), "…");
        assert_eq!(truncate("上海", 1, W), "");
        assert_eq!(truncate("ab", 0, N), "");
        assert_eq!(truncate("abc", 1, W), "a");
    }
}
