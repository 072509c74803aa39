//! The East Asian Ambiguous characters that unicode-width's `width_cjk` counts as one column.
//!
//! unicode-width gives an ambiguous character two columns in an East Asian context unless it
//! is a letter or a modifier symbol (é à ü ī ǎ ō ß ø æ, Greek, Cyrillic, ¨ ´ ˇ): it follows the
//! Unicode recommendation that letters stay narrow. Terminals that draw ambiguous characters
//! wide (xterm's `cjkWidth`, a locale whose `wcwidth` says 2, most CJK terminals) go by
//! `East_Asian_Width` alone and draw these two columns wide too, so French and pinyin measured
//! narrow would overflow their pane. The table lists them (from EastAsianWidth.txt: every
//! `A` whose `width_cjk` is 1; a test checks the latter), sorted, for a binary search.

/// Inclusive ranges of ambiguous characters that `width_cjk` counts as one column.
const NARROWED: &[(char, char)] = &[
    ('\u{00A8}', '\u{00A8}'),
    ('\u{00AA}', '\u{00AA}'),
    ('\u{00B4}', '\u{00B4}'),
    ('\u{00B8}', '\u{00B8}'),
    ('\u{00BA}', '\u{00BA}'),
    ('\u{00C6}', '\u{00C6}'),
    ('\u{00D0}', '\u{00D0}'),
    ('\u{00D8}', '\u{00D8}'),
    ('\u{00DE}', '\u{00E1}'),
    ('\u{00E6}', '\u{00E6}'),
    ('\u{00E8}', '\u{00EA}'),
    ('\u{00EC}', '\u{00ED}'),
    ('\u{00F0}', '\u{00F0}'),
    ('\u{00F2}', '\u{00F3}'),
    ('\u{00F8}', '\u{00FA}'),
    ('\u{00FC}', '\u{00FC}'),
    ('\u{00FE}', '\u{00FE}'),
    ('\u{0101}', '\u{0101}'),
    ('\u{0111}', '\u{0111}'),
    ('\u{0113}', '\u{0113}'),
    ('\u{011B}', '\u{011B}'),
    ('\u{0126}', '\u{0127}'),
    ('\u{012B}', '\u{012B}'),
    ('\u{0131}', '\u{0133}'),
    ('\u{0138}', '\u{0138}'),
    ('\u{013F}', '\u{0142}'),
    ('\u{0144}', '\u{0144}'),
    ('\u{0148}', '\u{014B}'),
    ('\u{014D}', '\u{014D}'),
    ('\u{0152}', '\u{0153}'),
    ('\u{0166}', '\u{0167}'),
    ('\u{016B}', '\u{016B}'),
    ('\u{01CE}', '\u{01CE}'),
    ('\u{01D0}', '\u{01D0}'),
    ('\u{01D2}', '\u{01D2}'),
    ('\u{01D4}', '\u{01D4}'),
    ('\u{01D6}', '\u{01D6}'),
    ('\u{01D8}', '\u{01D8}'),
    ('\u{01DA}', '\u{01DA}'),
    ('\u{01DC}', '\u{01DC}'),
    ('\u{0251}', '\u{0251}'),
    ('\u{0261}', '\u{0261}'),
    ('\u{02C4}', '\u{02C4}'),
    ('\u{02C7}', '\u{02C7}'),
    ('\u{02C9}', '\u{02CB}'),
    ('\u{02CD}', '\u{02CD}'),
    ('\u{02D0}', '\u{02D0}'),
    ('\u{02D8}', '\u{02DB}'),
    ('\u{02DD}', '\u{02DD}'),
    ('\u{02DF}', '\u{02DF}'),
    ('\u{0391}', '\u{03A1}'),
    ('\u{03A3}', '\u{03A9}'),
    ('\u{03B1}', '\u{03C1}'),
    ('\u{03C3}', '\u{03C9}'),
    ('\u{0401}', '\u{0401}'),
    ('\u{0410}', '\u{044F}'),
    ('\u{0451}', '\u{0451}'),
    ('\u{207F}', '\u{207F}'),
    ('\u{2113}', '\u{2113}'),
    ('\u{2126}', '\u{2126}'),
    ('\u{212B}', '\u{212B}'),
];

/// Whether `c` is East Asian Ambiguous but counted as one column by `width_cjk`.
#[must_use]
pub(super) fn is_narrowed_ambiguous(c: char) -> bool {
    // Everything below U+00A8 is ASCII or neutral: most text never reaches the search.
    c >= '\u{A8}'
        && NARROWED
            .binary_search_by(|&(first, last)| {
                if last < c {
                    std::cmp::Ordering::Less
                } else if first > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthChar;

    use super::*;

    #[test]
    fn the_table_is_sorted_and_disjoint() {
        for pair in NARROWED.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    /// If unicode-width ever counts one of them as two columns itself, the table would count
    /// it as three: this says so.
    #[test]
    fn unicode_width_counts_every_listed_character_narrow() {
        for &(first, last) in NARROWED {
            for c in first..=last {
                assert_eq!(c.width_cjk(), Some(1), "U+{:04X}", u32::from(c));
                assert!(is_narrowed_ambiguous(c));
            }
        }
        for c in ['a', 'A', '~', '\u{A7}', '\u{A9}', '中', '“', '\u{2C8}'] {
            assert!(!is_narrowed_ambiguous(c), "{c:?}");
        }
    }
}
