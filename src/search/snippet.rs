//! A single line of context around a hit, for result lists.

use std::ops::Range;

use super::cluster::{cluster_width, is_simple, next_cluster, prev_cluster};
use crate::text::{AmbiguousWidth, may_start_line};

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
    /// [`SNIPPET_CONTEXT`] cells before and after it, cut on grapheme boundaries. It starts at
    /// the earliest sentence or clause start within those cells (after `。！？；，`, a Latin
    /// `. ! ? ;` and a space, or a line break); failing that, an ellipsis marks the cut, never
    /// followed by a closing mark. The ellipsis is `…`, or `...` with ambiguous width 2, as
    /// [`truncate`](crate::text::truncate) does.
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
        let (lead, _) = fit(before, false, ambiguous);
        let (start, cut_before) = lead_start(before, before.len() - lead);
        let (tail, cut_after) = fit(after, true, ambiguous);
        let mark = match ambiguous {
            AmbiguousWidth::Narrow => "…",
            AmbiguousWidth::Wide => "...",
        };
        let lead = before.get(start..).unwrap_or_default();
        let mut out = String::with_capacity(lead.len() + matched.len() + tail + 2 * mark.len());
        if cut_before {
            out.push_str(mark);
        }
        push_line(&mut out, lead);
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

/// Where the snippet starts in `before` (the text before the hit) when it may start no earlier
/// than `reach`; and whether the text goes on before it mid-sentence, for an ellipsis.
fn lead_start(before: &str, reach: usize) -> (usize, bool) {
    let (start, cut) = if reach == 0 {
        (0, false)
    } else {
        clause_start(before, reach).map_or((reach, true), |start| (start, false))
    };
    (skip_unstartable(before, start), cut)
}

/// The first clause start at or after `reach` in `before`: just after a stop or comma, or a
/// line break.
fn clause_start(before: &str, reach: usize) -> Option<usize> {
    // From the character before `reach`, which may end the clause before it.
    let from = before.get(..reach)?.chars().next_back()?.len_utf8();
    let scan = before.get(reach - from..)?;
    let mut chars = scan.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = match c {
            '。' | '！' | '？' | '；' | '，' | '｡' | '\n' => true,
            // `3.14`, `1,000` and `v2.1` go on: a Latin stop ends a clause before a space.
            '.' | '!' | '?' | ';' | ',' => next.is_some_and(char::is_whitespace),
            _ => false,
        };
        if ends {
            return Some(reach - from + at + c.len_utf8());
        }
    }
    None
}

/// `start` moved past spaces and marks that may not start a line (the `”` after a `。`), up to
/// the end of `before` at most.
fn skip_unstartable(before: &str, mut start: usize) -> usize {
    while let Some((cluster, _)) = before.get(start..).and_then(next_cluster) {
        if may_start_line(cluster) {
            break;
        }
        start += cluster.len();
    }
    start
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

    /// The snippet of the first `hit` in `text`, as text, with the hit in brackets.
    fn around(text: &str, hit: &str, ambiguous: AmbiguousWidth) -> String {
        let at = text.find(hit).unwrap_or_default();
        let snippet = Snippet::new(text, at..at + hit.len(), ambiguous);
        let (start, end) = (snippet.highlight.start, snippet.highlight.end);
        format!(
            "{}[{}]{}",
            snippet.text.get(..start).unwrap_or_default(),
            snippet.text.get(start..end).unwrap_or_default(),
            snippet.text.get(end..).unwrap_or_default()
        )
    }

    #[test]
    fn a_snippet_starts_at_the_clause_in_reach() {
        let text = "近两年，上海市邮政管理局紧紧围绕“六共”行动，推动《关于进一步加强快递行业党建工作的指导意见》落实落地，取得了一些标志性成果。";
        assert_eq!(
            around(text, "党建工作", N),
            "推动《关于进一步加强快递行业[党建工作]的指导意见》落实落地，取得了一…"
        );
        // The earliest clause start in reach: after `，`, not at the `、` before it.
        let text = "进一步推动新就业群体“原原本本学、带着问题学、结合实际学、创新形式学”，让党的二十大精神入脑入心。";
        assert_eq!(around(text, "入脑入心", N), "让党的二十大精神[入脑入心]。");
    }

    #[test]
    fn a_sentence_start_skips_the_closing_marks_of_the_one_before() {
        let text = "他说：“快递小哥辛苦了。”随后，上海邮政快递业先进典型参加了活动启动仪式。";
        assert_eq!(
            around(text, "先进典型", N),
            "随后，上海邮政快递业[先进典型]参加了活动启动仪式。"
        );
    }

    #[test]
    fn a_paragraph_start_is_a_start() {
        let text = "上海市邮政管理局将以此为契机，联系地方组织部门、工会部门\n引导快递企业将微党课置入企业微信公众号";
        assert_eq!(
            around(text, "微党课", N),
            "引导快递企业将[微党课]置入企业微信公众号"
        );
    }

    #[test]
    fn latin_sentences_start_after_a_stop_and_a_space() {
        let text = "Parcel volume grew 3.5% in 2022. Couriers in Shanghai now deliver by e-bike.";
        assert_eq!(
            around(text, "Shanghai", N),
            "Couriers in [Shanghai] now deliver by e-bike."
        );
        // No space after the stop: `3.5` is a number, not a sentence end.
        let text = "The figure for the year was 3.5 million parcels a day";
        assert_eq!(
            around(text, "million", N),
            "…e figure for the year was 3.5 [million] parcels a day"
        );
    }

    #[test]
    fn with_no_clause_in_reach_the_cut_never_starts_with_a_closing_mark() {
        let text = "近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪，全国五一劳动奖章获得者、申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪式。";
        // Thirty cells back from the hit is the `、` after 获得者.
        assert_eq!(
            around(text, "海市党的", N),
            "…申通党员驾驶员关立平参加了上[海市党的]二十大精神进新就业群体系列活动…"
        );
        assert_eq!(
            around(text, "海市党的", AmbiguousWidth::Wide),
            "...申通党员驾驶员关立平参加了上[海市党的]二十大精神进新就业群体系列活动..."
        );
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
