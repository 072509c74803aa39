//! A single line of context around a hit, for result lists.

use std::ops::Range;

use super::cluster::{cluster_width, is_simple, next_cluster, prev_cluster};
use super::lead::lead_start;
use crate::text::{AmbiguousWidth, ellipsis, str_width};

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
    /// the hit's paragraph when that starts within those cells, else at the earliest sentence
    /// or clause start within them (after `。！？；，、：`, or a Latin `. ! ? ; , :` and a
    /// space; or at an opening quote or bracket such as `“《（「`), never followed by a
    /// closing mark. Failing that, an ellipsis marks
    /// the cut, at the earliest word start (after a space) in reach, or else right before the
    /// hit: a CJK text does not say where its words end, so a cut a few characters back
    /// would split one as often as not. No start falls inside an earlier match of the hit's
    /// text. The ellipsis is `…`, or `...` with ambiguous width 2, as
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
        let (lead, _) = fit(before, false, SNIPPET_CONTEXT, ambiguous);
        let (start, cut_before) = lead_start(before, before.len() - lead, matched);
        let (tail, cut_after) = fit(after, true, SNIPPET_CONTEXT, ambiguous);
        let mark = ellipsis(ambiguous);
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

    /// This snippet with its context before the hit cut to fit `cells` cells, an ellipsis
    /// included, by the rules of [`Snippet::new`]: from a clause start, else a word start,
    /// else the hit itself. For a row narrower than the snippet, so the hit stays in view.
    #[must_use]
    pub fn with_lead_within(&self, cells: usize, ambiguous: AmbiguousWidth) -> Self {
        let text = self.text.as_str();
        let (Some(before), Some(rest)) = (
            text.get(..self.highlight.start),
            text.get(self.highlight.start..),
        ) else {
            return self.clone();
        };
        if str_width(before, ambiguous) <= cells {
            return self.clone();
        }
        let mark = ellipsis(ambiguous);
        let mark_width = str_width(mark, ambiguous);
        let room = cells.saturating_sub(mark_width);
        let (lead, _) = fit(before, false, room, ambiguous);
        let matched = rest.get(..self.highlight.len()).unwrap_or_default();
        let (start, cut) = lead_start(before, before.len() - lead, matched);
        // A row too narrow for the ellipsis starts at the hit without one.
        let mark = if cut && mark_width <= cells { mark } else { "" };
        let lead = before.get(start..).unwrap_or_default();
        let hit_start = mark.len() + lead.len();
        Self {
            text: [mark, lead, rest].concat(),
            highlight: hit_start..hit_start + self.highlight.len(),
        }
    }
}

/// How many bytes of `text`'s clusters fit in `cells` cells, taken from its start or, when
/// not `forward`, from its end; and whether any were left over.
///
/// Character by character while each character and its neighbour on the far side are
/// simple (so the character is a cluster of its own, see `cluster.rs`); cluster by cluster
/// from the first one that is not.
fn fit(text: &str, forward: bool, cells: usize, ambiguous: AmbiguousWidth) -> (usize, bool) {
    if forward {
        fit_chars(text, text.char_indices(), true, cells, ambiguous)
    } else {
        fit_chars(text, text.char_indices().rev(), false, cells, ambiguous)
    }
}

fn fit_chars(
    text: &str,
    chars: impl Iterator<Item = (usize, char)>,
    forward: bool,
    cells: usize,
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
            return fit_clusters(text, forward, cells, ambiguous, used, taken);
        }
        let len = c.len_utf8();
        used += cluster_width(
            text.get(at..at + len).unwrap_or_default(),
            Some(c),
            ambiguous,
        );
        if used > cells {
            return (taken, true);
        }
    }
    (text.len(), false)
}

/// [`fit`] cluster by cluster, from `taken` bytes and `used` cells on.
fn fit_clusters(
    text: &str,
    forward: bool,
    cells: usize,
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
        if used > cells {
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
        // No clause or word start in reach: the snippet starts at the hit.
        let expected = format!("…快递{}…", "二".repeat(15));
        assert_eq!(snippet.text, expected);
        assert_eq!(snippet.text.get(snippet.highlight.clone()), Some("快递"));
        let wide = Snippet::new(&text, 120..126, AmbiguousWidth::Wide);
        assert!(wide.text.starts_with("...快递") && wide.text.ends_with("二..."));
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
        // The earliest clause start in reach: after the `、` before 创新, not the `，`.
        let text = "进一步推动新就业群体“原原本本学、带着问题学、结合实际学、创新形式学”，让党的二十大精神入脑入心。";
        assert_eq!(
            around(text, "入脑入心", N),
            "创新形式学”，让党的二十大精神[入脑入心]。"
        );
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
        // No space after the stop: `3.5` is a number, not a sentence end. The cut is at a word.
        let text = "The figure for the year was 3.5 million parcels a day";
        assert_eq!(
            around(text, "million", N),
            "…figure for the year was 3.5 [million] parcels a day"
        );
    }

    #[test]
    fn an_enumeration_comma_in_reach_starts_the_clause_after_it() {
        let text = "近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪，全国五一劳动奖章获得者、申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪式。";
        // Thirty cells back from the hit is the `、` after 获得者.
        assert_eq!(
            around(text, "海市党的", N),
            "申通党员驾驶员关立平参加了上[海市党的]二十大精神进新就业群体系列活动…"
        );
        assert_eq!(
            around(text, "海市党的", AmbiguousWidth::Wide),
            "申通党员驾驶员关立平参加了上[海市党的]二十大精神进新就业群体系列活动..."
        );
        // The clause after it starts with the query: not `…政快递业` from 上海邮政.
        let at = text.find("邮政分拣员").unwrap_or_default();
        let snippet = Snippet::new(text, at..at + "邮政".len(), N);
        assert_eq!(snippet.text, "邮政分拣员柴闪闪，全国五一劳动奖章…");
    }

    #[test]
    fn a_colon_or_an_opening_mark_starts_a_clause() {
        let text = "会议就学习贯彻好党的二十大精神提出三点要求：一要在全面学习上下功夫";
        assert_eq!(around(text, "全面学习", N), "一要在[全面学习]上下功夫");
        let text = "上海市邮政管理局深化党建引领快递行业紧紧围绕“六共”行动";
        assert_eq!(around(text, "行动", N), "“六共”[行动]");
        // Latin text too, where the quote is in reach and a clause start is not.
        let text = "Two columns, one character: why one of 汉字 looks “wider” than the same number of letters.";
        assert_eq!(
            around(text, "the same", N),
            "“wider” than [the same] number of letters."
        );
    }

    #[test]
    fn cjk_text_with_no_clause_in_reach_starts_at_the_hit() {
        // 申通 is a courier: cutting three characters back would leave its 通.
        let text = "全国五一劳动奖章获得者申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪式。";
        assert_eq!(
            around(text, "党的", N),
            "…[党的]二十大精神进新就业群体系列活动…"
        );
    }

    #[test]
    fn latin_text_with_no_clause_in_reach_starts_at_a_word() {
        let text = "Two columns, one character: why one of 汉字 looks wider than the same number of letters.";
        assert_eq!(
            around(text, "the same", N),
            "…one of 汉字 looks wider than [the same] number of letters."
        );
        let text = "The list is longer than you might expect: curly quotes “like these”.";
        assert_eq!(around(text, "these", N), "curly quotes “like [these]”.");
    }

    #[test]
    fn clusters_are_never_split() {
        let cluster = "👩\u{200d}💻";
        let before = "a".repeat(29) + cluster;
        // The cluster takes two cells: with it, only 28 of the 29 letters fit.
        assert_eq!(
            fit(&before, false, SNIPPET_CONTEXT, N),
            (28 + cluster.len(), true)
        );
        let after = cluster.to_owned() + &"a".repeat(29);
        assert_eq!(
            fit(&after, true, SNIPPET_CONTEXT, N),
            (cluster.len() + 28, true)
        );
    }

    #[test]
    fn a_narrower_lead_keeps_the_hit_and_starts_by_the_same_rules() {
        let text = "全国人大代表、邮政分拣员柴闪闪";
        let at = text.find("柴闪闪").unwrap_or_default();
        let snippet = Snippet::new(text, at..at + "柴闪闪".len(), N);
        assert_eq!(snippet.text, text);
        let shown = |cells| {
            let narrow = snippet.with_lead_within(cells, N);
            let (start, end) = (narrow.highlight.start, narrow.highlight.end);
            format!(
                "{}[{}]{}",
                narrow.text.get(..start).unwrap_or_default(),
                narrow.text.get(start..end).unwrap_or_default(),
                narrow.text.get(end..).unwrap_or_default()
            )
        };
        assert_eq!(shown(24), "全国人大代表、邮政分拣员[柴闪闪]");
        assert_eq!(shown(12), "邮政分拣员[柴闪闪]");
        // Not `…员` nor `…拣员`: a word is not cut.
        assert_eq!(shown(7), "…[柴闪闪]");
        assert_eq!(shown(1), "…[柴闪闪]");
        // Too narrow even for the ellipsis.
        assert_eq!(shown(0), "[柴闪闪]");
    }
}
