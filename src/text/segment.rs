//! Extended grapheme clusters, with a fast path for text where every character is its own
//! cluster.
//!
//! For ASCII, Han, kana, CJK and general punctuation and fullwidth forms, a cluster boundary
//! lies on both sides of each character unless the next character extends it (combining marks,
//! ZWJ, variation selectors, spacing marks), which are all outside these ranges. When both the
//! current and the next character are in them, the cluster is the one character; anywhere else
//! `unicode-segmentation` decides. Starting it afresh at a known boundary is exact: its
//! look-behind (regional indicator pairs, emoji ZWJ sequences) never reaches past a boundary.

use unicode_segmentation::UnicodeSegmentation;

/// Iterates over the grapheme clusters of a string with their byte offsets.
pub(crate) struct Graphemes<'a> {
    text: &'a str,
    at: usize,
    /// The character at `at`, already decoded as the previous step's lookahead.
    peeked: Option<char>,
}

impl<'a> Graphemes<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            peeked: text.chars().next(),
        }
    }

    /// The next cluster with its byte offset, and its character when it is one character (the
    /// caller may look its width up in a table).
    ///
    /// Inlined (the wrapper calls it for every grapheme), with the rare general case kept
    /// out of line so that the inlined part stays small.
    #[inline]
    pub(crate) fn next_cluster(&mut self) -> Option<(usize, &'a str, Option<char>)> {
        let first = self.peeked?;
        let start = self.at;
        let rest = self.text.get(start..)?;
        let after = rest.get(first.len_utf8()..)?;
        let next = after.chars().next();
        if is_simple(first) && next.is_none_or(is_simple) {
            self.at += first.len_utf8();
            self.peeked = next;
            return Some((start, rest.get(..first.len_utf8())?, Some(first)));
        }
        self.segmented(start, rest, first)
    }

    /// The cluster at `start` (`rest` is the text from there, `first` its first character),
    /// as `unicode-segmentation` finds it.
    #[inline(never)]
    fn segmented(
        &mut self,
        start: usize,
        rest: &'a str,
        first: char,
    ) -> Option<(usize, &'a str, Option<char>)> {
        let cluster = rest.graphemes(true).next()?;
        self.at += cluster.len();
        self.peeked = self.text.get(self.at..).and_then(|r| r.chars().next());
        let single = (cluster.len() == first.len_utf8()).then_some(first);
        Some((start, cluster, single))
    }
}

/// Characters that always form a cluster of their own when followed by another such character.
pub(crate) fn is_simple(c: char) -> bool {
    let u = u32::from(c);
    matches!(
        u,
        // Tab and line feed are controls: always a boundary on both sides. CR is not (CR LF).
        0x09 | 0x0A | 0x20..=0x7E
        // Latin-1 except the soft hyphen (U+00AD), which is a format control.
        | 0xA0..=0xAC | 0xAE..=0xFF
        // Dashes, quotes, bullet, ellipsis, per mille, primes.
        | 0x2010..=0x2027 | 0x2030..=0x203E
        // CJK punctuation except the combining tone marks U+302A..U+302F.
        | 0x3000..=0x3029 | 0x3030..=0x303F
        // Kana except the combining voiced sound marks U+3099 and U+309A.
        | 0x3040..=0x3098 | 0x309B..=0x30FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        // Fullwidth forms (not the halfwidth sound marks, which extend).
        | 0xFF01..=0xFF60
    )
}

impl<'a> Iterator for Graphemes<'a> {
    /// Byte offset of the cluster and the cluster.
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        self.next_cluster().map(|(at, cluster, _)| (at, cluster))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        Graphemes::new(text).map(|(_, g)| g).collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation() {
        for text in [
            "中文，English。",
            "e\u{301}a",
            "か\u{3099}き",
            "👩‍💻🇯🇵🇯🇵x👍🏽",
            "a\r\nb\tc\n",
            "한국어 텍스트",
            "ｶﾞｷﾞ",
            "x\u{FE0F}❤\u{FE0F}",
            "",
        ] {
            let expected: Vec<&str> = text.graphemes(true).collect();
            assert_eq!(split(text), expected, "{text:?}");
        }
    }
}
