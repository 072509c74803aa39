//! Grapheme clusters for search, with a fast path for text where every character is its own
//! cluster (ASCII, Han, kana, CJK and fullwidth punctuation: most of a newsletter).
//!
//! The fast path is the layout's own (`text::segment`, whose `is_simple` characters never
//! extend a cluster nor are extended by such a neighbour, so between two of them there is
//! always a boundary); forwards, the layout's `Graphemes` steps. Anywhere else
//! `unicode-segmentation` decides.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

pub(super) use crate::text::is_simple;
use crate::text::{AmbiguousWidth, Graphemes};

/// The first cluster of `rest` and, when it is one character, that character.
pub(super) fn next_cluster(rest: &str) -> Option<(&str, Option<char>)> {
    Graphemes::new(rest)
        .next_cluster()
        .map(|(_, cluster, single)| (cluster, single))
}

/// The last cluster of `before` and, when it is one character, that character.
pub(super) fn prev_cluster(before: &str) -> Option<(&str, Option<char>)> {
    let mut chars = before.chars();
    let last = chars.next_back()?;
    let len = last.len_utf8();
    if is_simple(last) && chars.next_back().is_none_or(is_simple) {
        return Some((before.get(before.len() - len..)?, Some(last)));
    }
    let cluster = before.graphemes(true).next_back()?;
    Some((cluster, (cluster.len() == len).then_some(last)))
}

/// Whether `at` is a cluster boundary of `text` (false off a character boundary).
pub(super) fn is_boundary(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    match (before.chars().next_back(), after.chars().next()) {
        (None, _) | (_, None) => true,
        (Some(p), Some(n)) if is_simple(p) && is_simple(n) => true,
        _ => GraphemeCursor::new(at, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true),
    }
}

/// The width of a cluster: the layout's cached measure, which is the one width function.
pub(super) fn cluster_width(
    cluster: &str,
    single: Option<char>,
    ambiguous: AmbiguousWidth,
) -> usize {
    crate::text::measure(cluster, single, ambiguous).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::grapheme_width;

    #[test]
    fn cluster_widths_are_the_width_functions() {
        let ranges = [
            0x20..=0x7E,
            0x3001..=0x303E,
            0x3041..=0x30FA,
            0x3400..=0x4DBF,
            0x4E00..=0x9FFF,
            0xFF01..=0xFF60,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                assert_eq!(
                    cluster_width(&s, Some(c), ambiguous),
                    grapheme_width(&s, ambiguous),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn clusters_agree_with_unicode_segmentation() {
        for text in [
            "中文，English。",
            "e\u{301}a",
            "か\u{3099}き",
            "👩\u{200d}💻🇯🇵x👍🏽",
            "a\r\nb",
            "ｶﾞｷﾞ",
            "",
        ] {
            let expected: Vec<&str> = text.graphemes(true).collect();
            let mut forward = Vec::new();
            let mut rest = text;
            while let Some((cluster, _)) = next_cluster(rest) {
                forward.push(cluster);
                rest = rest.get(cluster.len()..).unwrap_or_default();
            }
            assert_eq!(forward, expected, "{text:?}");
            let mut backward = Vec::new();
            let mut before = text;
            while let Some((cluster, _)) = prev_cluster(before) {
                backward.push(cluster);
                before = before
                    .get(..before.len() - cluster.len())
                    .unwrap_or_default();
            }
            backward.reverse();
            assert_eq!(backward, expected, "{text:?}");
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| is_boundary(text, at))
                .collect();
            let mut expected_boundaries: Vec<usize> =
                text.grapheme_indices(true).map(|(at, _)| at).collect();
            expected_boundaries.push(text.len());
            expected_boundaries.dedup();
            assert_eq!(boundaries, expected_boundaries, "{text:?}");
        }
    }
}
