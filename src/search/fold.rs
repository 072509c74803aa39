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

use super::cluster::is_boundary;
use crate::text::Graphemes;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

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
        fold_clusters(original, |at, cluster, folded_cluster| {
            let start = folded.len();
            folded.push_str(folded_cluster.unwrap_or(cluster));
            if folded_cluster.is_some() {
                changes.push(Change {
                    folded: start..folded.len(),
                    original: at..at + cluster.len(),
                });
            }
        });
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
        self.original_ranges(std::iter::once(folded))
            .next()
            .unwrap_or_default()
    }

    /// [`original_range`](Self::original_range) of each range, for ranges in ascending order
    /// (as a search finds them): one pass over the map for all of them.
    pub fn original_ranges(
        &self,
        folded: impl Iterator<Item = Range<usize>>,
    ) -> impl Iterator<Item = Range<usize>> {
        // How many changes start at or before the last offset looked up, for starts and ends;
        // both only grow when the ranges ascend.
        let mut starts = 0;
        let mut ends = 0;
        folded.map(move |range| {
            let start = self.original_at(range.start, &mut starts, false);
            if range.is_empty() {
                return start..start;
            }
            start..self.original_at(range.end, &mut ends, true)
        })
    }

    /// The original offset of folded offset `at`. For an exclusive end (`end`), the cluster
    /// that holds the byte before `at` decides. `seen` counts the changes that start at or
    /// before the byte looked up; it is where the scan resumes.
    fn original_at(&self, at: usize, seen: &mut usize, end: bool) -> usize {
        let byte = if end { at.saturating_sub(1) } else { at };
        if self
            .changes
            .get(seen.saturating_sub(1))
            .is_some_and(|c| c.folded.start > byte)
        {
            // Out of order: start over.
            *seen = 0;
        }
        while self
            .changes
            .get(*seen)
            .is_some_and(|c| c.folded.start <= byte)
        {
            *seen += 1;
        }
        match seen.checked_sub(1).and_then(|i| self.changes.get(i)) {
            None => at,
            Some(change) if byte < change.folded.end => {
                if end {
                    change.original.end
                } else {
                    change.original.start
                }
            }
            Some(change) => at - change.folded.end + change.original.end,
        }
    }
}

/// `text` folded for matching: each grapheme cluster in NFKC (`ＡＢＣ` → `ABC`, `１２３` →
/// `123`, `ｶﾞ` → `ガ`), then lower-cased character by character (`char::to_lowercase`).
#[must_use]
pub fn fold(text: &str) -> String {
    FoldedText::new(text).folded
}

/// Folds `original` cluster by cluster, handing each to `each` with its byte offset and, when
/// it folds to something else, what it folds to: one pass, nothing kept, for callers that
/// need no folded copy (the search filters).
pub fn fold_clusters(original: &str, mut each: impl FnMut(usize, &str, Option<&str>)) {
    let mut clusters = Graphemes::new(original);
    let mut buffer = String::new();
    while let Some((at, cluster, first)) = clusters.next_cluster() {
        buffer.clear();
        let same = fold_cluster(cluster, first, &mut buffer) || buffer == cluster;
        each(at, cluster, (!same).then_some(buffer.as_str()));
    }
}

/// Appends the folded `cluster` to `out`; `true` when it is certainly the cluster itself
/// (most CJK text), so callers need not compare.
fn fold_cluster(cluster: &str, single: Option<char>, out: &mut String) -> bool {
    if let Some(c) = single {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            return !c.is_ascii_uppercase();
        }
        // Han and kana are their own NFKC and have no case.
        if matches!(u32::from(c), 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
        {
            out.push(c);
            return true;
        }
    }
    if is_nfkc_quick(cluster.chars()) == IsNormalized::Yes {
        out.extend(cluster.chars().flat_map(char::to_lowercase));
    } else {
        out.extend(cluster.nfkc().flat_map(char::to_lowercase));
    }
    false
}

/// `range` widened so that both ends lie on grapheme cluster boundaries of `text` (a hit that
/// starts or ends inside a cluster takes the whole cluster). Ends that are not even on a
/// character boundary, which no caller passes, are clamped rather than trusted.
#[must_use]
pub fn widen_to_graphemes(text: &str, range: Range<usize>) -> Range<usize> {
    let end = range.end.min(text.len());
    let mut start = range.start.min(end);
    while start > 0 && !is_boundary(text, start) {
        start -= 1;
    }
    let mut end = end;
    while end < text.len() && !is_boundary(text, end) {
        end += 1;
    }
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
