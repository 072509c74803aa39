//! Folding text for matching: NFKC and lower case, one grapheme cluster at a time, with a map
//! from the folded copy back to the original.
//!
//! NFKC of a whole string composes across characters, which loses track of where each folded
//! character came from; NFKC of each character alone leaves `ｶﾞ` (U+FF76 U+FF9E) as `カ` and a
//! combining voiced mark, which would not match `ガ`. Folding each extended grapheme cluster is
//! both: composition happens inside a cluster (the halfwidth voiced marks, combining accents and
//! Hangul jamo all extend the cluster before them), and a cluster is the unit the map keeps.
//! Query and text are folded by the same function, so they always agree.
//!
//! Most CJK text folds to itself, so the map is sparse: it lists only the clusters whose folded
//! form differs (fullwidth punctuation and letters, halfwidth kana, capitals), and offsets
//! between them shift by a constant.

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// A cluster whose folded form differs from the original.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    folded: Range<usize>,
    original: Range<usize>,
}

/// A folded copy of a text and the way back to the original's byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedText {
    folded: String,
    /// In order of both `folded` and `original`.
    changes: Vec<Change>,
}

impl FoldedText {
    /// Folds `original` cluster by cluster (see [`fold`]).
    #[must_use]
    pub fn new(original: &str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut changes = Vec::new();
        let mut rest = original;
        let mut at = 0;
        while let Some((cluster, first)) = next_cluster(rest) {
            let start = folded.len();
            fold_cluster(cluster, first, &mut folded);
            if folded.get(start..) != Some(cluster) {
                changes.push(Change {
                    folded: start..folded.len(),
                    original: at..at + cluster.len(),
                });
            }
            at += cluster.len();
            rest = rest.get(cluster.len()..).unwrap_or_default();
        }
        Self { folded, changes }
    }

    /// The folded text, which hits are searched in.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The byte range of the original that a non-empty range of the folded text came from.
    /// A range that starts or ends inside a changed cluster covers the whole cluster; the
    /// caller widens it to the original's grapheme boundaries (see [`widen_to_graphemes`]).
    #[must_use]
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        if folded.is_empty() {
            let at = self.original_start(folded.start);
            return at..at;
        }
        self.original_start(folded.start)..self.original_end(folded.end)
    }

    fn original_start(&self, at: usize) -> usize {
        let index = self.changes.partition_point(|c| c.folded.start <= at);
        match index.checked_sub(1).and_then(|i| self.changes.get(i)) {
            None => at,
            Some(change) if at < change.folded.end => change.original.start,
            Some(change) => at - change.folded.end + change.original.end,
        }
    }

    /// `end` is exclusive: the cluster that holds the byte before it decides.
    fn original_end(&self, end: usize) -> usize {
        let last = end.saturating_sub(1);
        let index = self.changes.partition_point(|c| c.folded.start <= last);
        match index.checked_sub(1).and_then(|i| self.changes.get(i)) {
            None => end,
            Some(change) if last < change.folded.end => change.original.end,
            Some(change) => end - change.folded.end + change.original.end,
        }
    }
}

/// `text` folded for matching: each grapheme cluster in NFKC (`ＡＢＣ` → `ABC`, `１２３` →
/// `123`, `ｶﾞ` → `ガ`), then lower-cased character by character (`char::to_lowercase`).
#[must_use]
pub fn fold(text: &str) -> String {
    FoldedText::new(text).folded
}

/// The next grapheme cluster of `rest` and, when it is one character, that character.
///
/// Fast path: ASCII and Han characters followed by ASCII or Han are clusters of their own (no
/// character in those ranges extends a cluster), which is most of a Chinese or English text.
fn next_cluster(rest: &str) -> Option<(&str, Option<char>)> {
    let mut chars = rest.chars();
    let first = chars.next()?;
    let len = first.len_utf8();
    if is_alone(first) && chars.next().is_none_or(is_alone) {
        return Some((rest.get(..len)?, Some(first)));
    }
    rest.graphemes(true).next().map(|cluster| {
        let single = (cluster.len() == len).then_some(first);
        (cluster, single)
    })
}

/// Characters that never join the cluster before or after them when next to each other
/// (CR is left out: CR LF is one cluster).
fn is_alone(c: char) -> bool {
    matches!(u32::from(c), 0x0A | 0x20..=0x7E | 0x4E00..=0x9FFF)
}

fn fold_cluster(cluster: &str, single: Option<char>, out: &mut String) {
    if let Some(c) = single
        && c.is_ascii()
    {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_nfkc_quick(cluster.chars()) == IsNormalized::Yes {
        out.extend(cluster.chars().flat_map(char::to_lowercase));
    } else {
        out.extend(cluster.nfkc().flat_map(char::to_lowercase));
    }
}

/// `range` widened so that both ends lie on grapheme cluster boundaries of `text` (a hit that
/// starts or ends inside a cluster takes the whole cluster). Ends that are not even on a
/// character boundary, which no caller passes, are clamped rather than trusted.
#[must_use]
pub fn widen_to_graphemes(text: &str, range: Range<usize>) -> Range<usize> {
    use unicode_segmentation::GraphemeCursor;
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let mut start_cursor = GraphemeCursor::new(start, text.len(), true);
    let start = match start_cursor.is_boundary(text, 0) {
        Ok(false) => start_cursor
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(0),
        _ => start,
    };
    let mut end_cursor = GraphemeCursor::new(end, text.len(), true);
    let end = match end_cursor.is_boundary(text, 0) {
        Ok(false) => end_cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
        _ => end,
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_compatibility_forms_and_case() {
        assert_eq!(fold("ＡＢＣ"), "abc");
        assert_eq!(fold("１２３"), "123");
        assert_eq!(fold("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(fold("ｶﾞ"), "ガ");
        assert_eq!(fold("Straße ÉCOLE"), "straße école");
        assert_eq!(fold("快递，绿色"), "快递,绿色");
        assert_eq!(fold("e\u{301}"), "é");
    }

    #[test]
    fn identical_text_has_no_changes() {
        let folded = FoldedText::new("上海市邮政管理局 abc。");
        assert!(folded.changes.is_empty());
        assert_eq!(folded.original_range(3..9), 3..9);
    }

    #[test]
    fn maps_back_through_changed_clusters() {
        // "Ａ" is 3 bytes folding to 1; "ｶﾞ" is 6 bytes folding to 3 ("ガ").
        let text = "xＡyｶﾞz";
        let folded = FoldedText::new(text);
        assert_eq!(folded.as_str(), "xayガz");
        let find = |s: &str| {
            let at = folded.as_str().find(s).unwrap_or_default();
            folded.original_range(at..at + s.len())
        };
        assert_eq!(text.get(find("a")), Some("Ａ"));
        assert_eq!(text.get(find("ay")), Some("Ａy"));
        assert_eq!(text.get(find("ガ")), Some("ｶﾞ"));
        assert_eq!(text.get(find("yガz")), Some("yｶﾞz"));
        assert_eq!(text.get(find("xa")), Some("xＡ"));
        assert_eq!(text.get(find("z")), Some("z"));
    }

    #[test]
    fn a_range_inside_a_folded_cluster_takes_all_of_it() {
        // "ﬃ" folds to "ffi"; a hit on "f" is the whole ligature.
        let text = "oﬃce";
        let folded = FoldedText::new(text);
        assert_eq!(folded.as_str(), "office");
        assert_eq!(text.get(folded.original_range(2..3)), Some("ﬃ"));
        assert_eq!(text.get(folded.original_range(3..6)), Some("ﬃce"));
    }

    #[test]
    fn widens_to_clusters() {
        let text = "a👩\u{200d}💻b";
        assert_eq!(widen_to_graphemes(text, 1..5), 1..12);
        assert_eq!(widen_to_graphemes(text, 0..1), 0..1);
        let text = "ke\u{301}y";
        assert_eq!(widen_to_graphemes(text, 1..2), 1..4);
    }
}
