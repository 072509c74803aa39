//! Finding every hit of a query in one text.

use std::ops::Range;

use super::Query;
use super::fold::{FoldedText, widen_to_graphemes};

/// A text prepared for searching: the text itself and its folded copy, made once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searchable {
    text: String,
    folded: FoldedText,
}

impl Searchable {
    #[must_use]
    pub fn new(text: String) -> Self {
        let folded = FoldedText::new(&text);
        Self { text, folded }
    }

    /// The text as given (hits index into it).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every non-overlapping hit, left to right, as byte ranges of [`text`](Self::text) that
    /// start and end on grapheme cluster boundaries.
    #[must_use]
    pub fn find(&self, query: &Query) -> Vec<Range<usize>> {
        let needle = query.needle();
        if query.is_exact() {
            self.widened(hits(&self.text, needle))
        } else {
            self.widened(
                self.folded
                    .original_ranges(hits(self.folded.as_str(), needle)),
            )
        }
    }

    /// Ranges of the text widened to whole clusters; where widening makes neighbours overlap,
    /// the first is kept.
    fn widened(&self, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
        let mut kept: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            let range = widen_to_graphemes(&self.text, range);
            if kept.last().is_none_or(|last| last.end <= range.start) {
                kept.push(range);
            }
        }
        kept
    }
}

fn hits<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
    haystack
        .match_indices(needle)
        .map(|(at, found)| at..at + found.len())
}

/// Every non-overlapping hit of `query` in `text`, as byte ranges of `text` on grapheme
/// cluster boundaries. Folds `text` on each call: to search the same text again, keep a
/// [`Searchable`].
#[must_use]
pub fn find_all(query: &Query, text: &str) -> Vec<Range<usize>> {
    Searchable::new(text.to_owned()).find(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(query: &str, text: &'t str) -> Vec<&'t str> {
        let query = Query::parse(query).expect("a query");
        find_all(&query, text)
            .into_iter()
            .filter_map(|range| text.get(range))
            .collect()
    }

    #[test]
    fn every_hit_without_overlap() {
        assert_eq!(found("快递", "快递快递员，快递"), ["快递", "快递", "快递"]);
        assert_eq!(found("aa", "aaaa a"), ["aa", "aa"]);
        assert!(found("邮政", "快递").is_empty());
    }

    #[test]
    fn folded_and_exact() {
        assert_eq!(found("abc", "xＡＢＣy"), ["ＡＢＣ"]);
        assert_eq!(found("ＡＢＣ", "abc"), ["abc"]);
        assert!(found("\"ABC\"", "abc").is_empty());
        assert_eq!(found("\"ABC\"", "abc ABC"), ["ABC"]);
    }

    #[test]
    fn hits_inside_a_cluster_take_the_cluster() {
        assert_eq!(found("👩", "a👩\u{200d}💻b"), ["👩\u{200d}💻"]);
        assert_eq!(found("\"e\"", "ke\u{301}y"), ["e\u{301}"]);
    }
}
