//! A single line of context around a hit, for result lists.

use std::ops::Range;

use super::cluster::{cluster_width, is_simple, next_cluster, prev_cluster};
use crate::text::AmbiguousWidth;

/// How many cells of context a snippet shows on each side of its hit.
pub const SNIPPET_CONTEXT: usize = 30;

/// A hit with some text on either side of it, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The context, hit included: line breaks and tabs are spaces, and an ellipsis marks each
    /// end where the text goes on.
    pub text: String,
    /// The hit's byte range within `text`.
    pub highlight: Range<usize>,
}

impl Snippet {
    /// The snippet of `hit` (a byte range of `text` on grapheme boundaries): up to
    /// [`SNIPPET_CONTEXT`] cells before and after it, cut on grapheme boundaries. The ellipsis
    /// is `…`, or `...` with ambiguous width 2, as [`truncate`](crate::text::truncate) does.
    #[must_use]
    pub fn new(text: &str, hit: Range<usize>, ambiguous: AmbiguousWidth) -> Self {
        let (Some(before), Some(matched), Some(after)) = (
            text.get(..hit.start),
            text.get(hit.clone()),
            text.get(hit.end..),
        ) else {
            return Self {
                text: String::new(),
                highlight: 0..0,
            };
        };
        let (lead, cut_before) = fit(before, false, ambiguous);
        let (tail, cut_after) = fit(after, true, ambiguous);
        let mark = match ambiguous {
            AmbiguousWidth::Narrow => "…",
            AmbiguousWidth::Wide => "...",
        };
        let mut out = String::with_capacity(lead + matched.len() + tail + 2 * mark.len());
        if cut_before {
            out.push_str(mark);
        }
        push_line(
            &mut out,
            before.get(before.len() - lead..).unwrap_or_default(),
        );
        let start = out.len();
        push_line(&mut out, matched);
        let end = out.len();
        push_line(&mut out, after.get(..tail).unwrap_or_default());
        if cut_after {
            out.push_str(mark);
        }
        Self {
            text: out,
            highlight: start..end,
        }
    }
}

/// How many bytes of `text`'s clusters fit in [`SNIPPET_CONTEXT`] cells, taken from its
/// start or, when not `forward`, from its end; and whether any were left over.
///
/// Character by character while each character and its neighbour on the far side are
/// simple (so the character is a cluster of its own, see `cluster.rs`); cluster by cluster
/// from the first one that is not.
fn fit(text: &str, forward: bool, ambiguous: AmbiguousWidth) -> (usize, bool) {
    if forward {
        fit_chars(text, text.char_indices(), true, ambiguous)
    } else {
        fit_chars(text, text.char_indices().rev(), false, ambiguous)
    }
}

fn fit_chars(
    text: &str,
    chars: impl Iterator<Item = (usize, char)>,
    forward: bool,
    ambiguous: AmbiguousWidth,
) -> (usize, bool) {
    let mut used = 0;
    let mut chars = chars.peekable();
    while let Some((at, c)) = chars.next() {
        let alone = is_simple(c) && chars.peek().is_none_or(|&(_, n)| is_simple(n));
        let taken = if forward {
            at
        } else {
            text.len() - at - c.len_utf8()
        };
        if !alone {
            return fit_clusters(text, forward, ambiguous, used, taken);
        }
        let len = c.len_utf8();
        used += cluster_width(
            text.get(at..at + len).unwrap_or_default(),
            Some(c),
            ambiguous,
        );
        if used > SNIPPET_CONTEXT {
            return (taken, true);
        }
    }
    (text.len(), false)
}

/// [`fit`] cluster by cluster, from `taken` bytes and `used` cells on.
fn fit_clusters(
    text: &str,
    forward: bool,
    ambiguous: AmbiguousWidth,
    mut used: usize,
    mut taken: usize,
) -> (usize, bool) {
    loop {
        let rest = if forward {
            text.get(taken..)
        } else {
            text.get(..text.len() - taken)
        }
        .unwrap_or_default();
        let step = if forward {
            next_cluster(rest)
        } else {
            prev_cluster(rest)
        };
        let Some((cluster, single)) = step else {
            return (text.len(), false);
        };
        used += cluster_width(cluster, single, ambiguous);
        if used > SNIPPET_CONTEXT {
            return (taken, true);
        }
        taken += cluster.len();
    }
}

/// Appends `text` with line breaks and tabs as spaces (one byte for one, so offsets hold).
fn push_line(out: &mut String, text: &str) {
    if text.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t')) {
        out.extend(text.chars().map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        }));
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;

    #[test]
    fn short_text_is_whole() {
        let text = "上海\n快递业";
        let snippet = Snippet::new(text, 7..13, N);
        assert_eq!(snippet.text, "上海 快递业");
        assert_eq!(snippet.text.get(snippet.highlight), Some("快递"));
    }

    #[test]
    fn long_text_is_cut_to_thirty_cells_each_side() {
        let text = "一".repeat(40) + "快递" + &"二".repeat(40);
        let hit = 120..126;
        let snippet = Snippet::new(&text, hit, N);
        let expected = format!("…{}快递{}…", "一".repeat(15), "二".repeat(15));
        assert_eq!(snippet.text, expected);
        assert_eq!(snippet.text.get(snippet.highlight.clone()), Some("快递"));
        let wide = Snippet::new(&text, 120..126, AmbiguousWidth::Wide);
        assert!(wide.text.starts_with("...一") && wide.text.ends_with("二..."));
    }

    #[test]
    fn clusters_are_never_split() {
        let text = "a".repeat(29) + "👩\u{200d}💻x";
        let at = text.find('x').unwrap_or_default();
        let snippet = Snippet::new(&text, at..at + 1, N);
        // The cluster takes two cells: with it, only 28 of the 29 letters fit.
        assert_eq!(snippet.text, format!("…{}👩\u{200d}💻x", "a".repeat(28)));
    }
}
