//! Where a snippet's context before its hit starts: at a clause, at a word, or at the hit.
//!
//! Chinese and Japanese have no spaces between words, so a cut at an arbitrary character
//! splits a word as often as not (`…政快递业` for `邮政快递业`). Only punctuation and spaces
//! say where a word ends; a snippet starts at one of those, or at the hit itself.

use std::ops::Range;

use super::cluster::{is_boundary, next_cluster};
use super::fold::{FoldedText, fold};
use crate::text::may_start_line;

/// Marks after which a CJK clause starts: stops, commas, the enumeration comma and the colon.
const CLAUSE_ENDS: &[char] = &['。', '！', '？', '；', '，', '、', '：', '｡', '､'];

/// Latin marks that end a clause when a space follows (`3.14`, `1,000` and `10:30` go on).
const LATIN_CLAUSE_ENDS: &[char] = &['.', '!', '?', ';', ',', ':'];

/// Opening quotes and brackets, which may start a line and so a snippet.
const OPENING_MARKS: &[char] = &[
    '“', '‘', '《', '〈', '（', '「', '『', '【', '〔', '〖', '［', '｛',
];

/// Where the context before a hit starts in `before` (the text before the hit), given that it
/// may start no earlier than `reach`; and whether the text goes on before it mid-sentence,
/// for an ellipsis. `hit` is the matched text.
///
/// The whole of `before` when `reach` is 0. Else the paragraph start in reach (after its line
/// break); else the earliest clause start in
/// reach (after `。！？；，、：`, or a Latin `. ! ? ; , :` and a space; or at an opening
/// quote or bracket), past any closing marks and spaces; failing that, the earliest word
/// start (after a space); failing that, the hit itself. None of these starts inside an
/// earlier match of the hit's text (a match never spans a line break).
pub(super) fn lead_start(before: &str, reach: usize, hit: &str) -> (usize, bool) {
    if reach == 0 {
        return (skip_unstartable(before, 0), false);
    }
    // Once the text is cut, the hit's own paragraph is its context, not the end of the one
    // before it. The line break may be just before `reach`.
    let from = char_before(before, reach);
    if let Some(line_break) = before.get(from..).and_then(|lead| lead.rfind('\n')) {
        return (skip_unstartable(before, from + line_break + 1), false);
    }
    let mut matches = EarlierMatches::new(before, reach, hit);
    // Most queries are words: a match of one holds no start, so there is nothing to look for.
    if !may_hold_a_start(hit) {
        matches.found = Some(Vec::new());
    }
    let clause = clause_starts(before, reach)
        .map(|start| skip_unstartable(before, start))
        .find(|&start| !matches.cut_at(start));
    if let Some(start) = clause {
        return (start, false);
    }
    let word = word_starts(before, reach).find(|&start| !matches.cut_at(start));
    (word.unwrap_or(before.len()), true)
}

/// Every clause start at or after `reach` in `before`, in order.
fn clause_starts(before: &str, reach: usize) -> impl Iterator<Item = usize> + '_ {
    // From the character before `reach`, which may end the clause before it.
    let from = char_before(before, reach);
    let scan = before.get(from..).unwrap_or_default();
    let mut chars = scan.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let start = if OPENING_MARKS.contains(&c) {
                from + at
            } else if CLAUSE_ENDS.contains(&c)
                || (LATIN_CLAUSE_ENDS.contains(&c) && next.is_some_and(char::is_whitespace))
            {
                from + at + c.len_utf8()
            } else {
                continue;
            };
            if start >= reach && is_boundary(before, start) {
                return Some(start);
            }
        }
        None
    })
}

/// Every word start at or after `reach` in `before`, in order: just after a space, at a
/// character that may start a line.
fn word_starts(before: &str, reach: usize) -> impl Iterator<Item = usize> + '_ {
    let from = char_before(before, reach);
    let scan = before.get(from..).unwrap_or_default();
    let mut chars = scan.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((_, c)) = chars.next() {
            let Some(&(at, next)) = chars.peek() else {
                break;
            };
            let start = from + at;
            if c.is_whitespace()
                && !next.is_whitespace()
                && start >= reach
                && is_boundary(before, start)
                && before
                    .get(start..)
                    .and_then(next_cluster)
                    .is_some_and(|(cluster, _)| may_start_line(cluster))
            {
                return Some(start);
            }
        }
        None
    })
}

/// The offset of the character just before `at` in `text`, or `at` itself at the start.
fn char_before(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|head| head.chars().next_back())
        .map_or(at, |c| at - c.len_utf8())
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

/// Whether a match of `hit` could hold a clause or word start, which always follows
/// punctuation or a space, or is an opening mark: only if `hit` holds one of those, as
/// written or in a compatibility form that folding turns into one (`，` into `,`).
fn may_hold_a_start(hit: &str) -> bool {
    hit.chars().any(|c| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || CLAUSE_ENDS.contains(&c)
            || OPENING_MARKS.contains(&c)
            || matches!(c,
                // General punctuation, CJK symbols and punctuation, vertical, small and
                // fullwidth forms of punctuation.
                '\u{2010}'..='\u{206F}'
                | '\u{3000}'..='\u{303F}'
                | '\u{FE10}'..='\u{FE1F}'
                | '\u{FE30}'..='\u{FE6F}'
                | '\u{FF00}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FF20}'
                | '\u{FF3B}'..='\u{FF40}'
                | '\u{FF5B}'..='\u{FF65}')
    })
}

/// Matches of the hit's text (folded, as the search matches it) that may run across a start
/// at or after `reach`, found on first use: a start inside one would cut the query's own
/// match, as `…政快递` cuts `邮政` when searching for `邮政`.
struct EarlierMatches<'a> {
    before: &'a str,
    reach: usize,
    hit: &'a str,
    found: Option<Vec<Range<usize>>>,
}

impl<'a> EarlierMatches<'a> {
    fn new(before: &'a str, reach: usize, hit: &'a str) -> Self {
        Self {
            before,
            reach,
            hit,
            found: None,
        }
    }

    /// Whether a start at `at` falls inside an earlier match.
    fn cut_at(&mut self, at: usize) -> bool {
        let (before, reach, hit) = (self.before, self.reach, self.hit);
        self.found
            .get_or_insert_with(|| find_around(before, reach, hit))
            .iter()
            .any(|found| found.start < at && at < found.end)
    }
}

/// Every match of `hit`'s folded text in `before` that could run across `reach` or later,
/// overlapping ones included, as byte ranges of `before`.
fn find_around(before: &str, reach: usize, hit: &str) -> Vec<Range<usize>> {
    let needle = fold(hit);
    // A match of one character has no inside to start in.
    if needle.chars().nth(1).is_none() {
        return Vec::new();
    }
    // Folding never makes a cluster more than a few times shorter (`ｶﾞ` → `ガ`), so a match
    // that reaches `reach` starts within this many bytes of it.
    let mut from = reach.saturating_sub(4 * needle.len());
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    let folded = FoldedText::new(before.get(from..).unwrap_or_default());
    let haystack = folded.as_str();
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(found) = haystack.get(at..).and_then(|rest| rest.find(&needle)) {
        let start = at + found;
        starts.push(start..start + needle.len());
        at = start
            + haystack
                .get(start..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
    }
    folded
        .original_ranges(starts.into_iter())
        .map(|range| from + range.start..from + range.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_hit_with_punctuation_or_a_space_is_looked_for_before_it() {
        for word in ["邮政", "快递小哥", "ｉｓｏ9001", "カタカナ", "e\u{301}te"] {
            assert!(!may_hold_a_start(word), "{word}");
        }
        for phrase in ["，上海", "OF THE", "“书", "a,b", "﹐上海", "上海、"] {
            assert!(may_hold_a_start(phrase), "{phrase}");
        }
    }

    /// The context before `hit` (the last occurrence in `text`) that may start no earlier
    /// than `reach` characters before it, with `…` when it is cut.
    fn lead(text: &str, hit: &str, reach: usize) -> String {
        let at = text.rfind(hit).unwrap_or_default();
        let before = text.get(..at).unwrap_or_default();
        let reach = before
            .char_indices()
            .rev()
            .nth(reach - 1)
            .map_or(0, |(at, _)| at);
        let (start, cut) = lead_start(before, reach, hit);
        let shown = before.get(start..).unwrap_or_default();
        format!("{}{shown}", if cut { "…" } else { "" })
    }

    #[test]
    fn a_paragraph_start_in_reach_comes_first() {
        let text = "联系地方组织部门、工会部门\n引导快递企业将微党课置入";
        assert_eq!(lead(text, "微党课", 12), "引导快递企业将");
        // Also when the line break is just before the reach.
        assert_eq!(lead(text, "微党课", 7), "引导快递企业将");
        assert_eq!(lead(text, "微党课", 6), "…");
    }

    #[test]
    fn an_enumeration_comma_starts_a_clause() {
        let text = "上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪";
        assert_eq!(lead(text, "柴闪闪", 10), "邮政分拣员");
    }

    #[test]
    fn a_colon_starts_a_clause() {
        assert_eq!(
            lead("会议提出三点要求：一要在全面学习上下功夫", "下功夫", 12),
            "一要在全面学习上"
        );
        assert_eq!(
            lead(
                "The rule is simple: closing marks never start a line",
                "line",
                30
            ),
            "closing marks never start a "
        );
        // A colon between digits is a time, not a clause end.
        assert_eq!(lead("It opens at 10:30 sharp", "sharp", 5), "…");
    }

    #[test]
    fn an_opening_mark_starts_a_clause_at_itself() {
        let text = "上海市邮政管理局紧紧围绕“六共”行动推动";
        assert_eq!(lead(text, "行动", 6), "“六共”");
        for (open, close) in [
            ('《', '》'),
            ('（', '）'),
            ('「', '」'),
            ('『', '』'),
            ('【', '】'),
        ] {
            let text = format!("紧紧围绕{open}六共{close}行动推动");
            assert_eq!(lead(&text, "行动", 6), format!("{open}六共{close}"));
        }
    }

    #[test]
    fn latin_text_with_no_clause_in_reach_starts_at_a_word() {
        let text = "Two columns, one character: why one of 汉字 looks wider than the";
        assert_eq!(lead(text, "the", 30), "…one of 汉字 looks wider than ");
    }

    #[test]
    fn cjk_text_with_no_clause_in_reach_starts_at_the_hit() {
        // One to three characters back could be 市, 海市 or 上海市: which is a word, the text
        // does not say.
        let text = "申通党员驾驶员关立平参加了上海市党的二十大";
        for reach in 1..=3 {
            assert_eq!(lead(text, "党的二十大", reach), "…");
        }
    }

    #[test]
    fn a_start_never_cuts_an_earlier_match_of_the_query() {
        // The clause start after the first `，` lies inside `，上海`, the query itself.
        let text = "近日，上海邮政，上海";
        assert_eq!(lead(text, "，上海", 6), "…");
        // Nor does a word start inside `of the`, however the match is written.
        let text = "one OF THE two of the";
        assert_eq!(lead(text, "of the", 10), "…two ");
    }
}
