//! The one width function: how many terminal cells a grapheme cluster takes.
//!
//! At ambiguous width 1 it is exactly what ratatui's buffer uses (unicode-width over extended
//! grapheme clusters), so what the layout measures is what the screen draws; at ambiguous
//! width 2 every East Asian Ambiguous character takes two columns, and the renderer forces
//! the cells where ratatui measures otherwise. Everything in kanbao that measures text calls
//! this module.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::ambiguous::is_narrowed_ambiguous;

/// How wide the terminal draws East Asian Ambiguous characters (“ ” … — ① ○ § °, box drawing,
/// and letters such as é ō ß Ω ж).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmbiguousWidth {
    /// One column: most Western terminals, and the Unicode default.
    #[default]
    Narrow,
    /// Two columns: many CJK terminals and fonts.
    Wide,
}

impl AmbiguousWidth {
    /// From a column count, as written in config files and on the command line.
    #[must_use]
    pub fn from_columns(columns: u8) -> Option<Self> {
        match columns {
            1 => Some(Self::Narrow),
            2 => Some(Self::Wide),
            _ => None,
        }
    }
}

/// The width in cells of one extended grapheme cluster.
#[must_use]
pub fn grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    let width = match ambiguous {
        AmbiguousWidth::Narrow => grapheme.width(),
        // unicode-width keeps ambiguous letters (é ō ß Ω ж) narrow even here; the terminal
        // does not.
        AmbiguousWidth::Wide => {
            grapheme.width_cjk()
                + grapheme
                    .chars()
                    .filter(|&c| is_narrowed_ambiguous(c))
                    .count()
        }
    };
    // Halfwidth katakana voiced marks (ﾞ ﾟ) join the kana before them in one cluster, but
    // terminals give each its own cell, and so does ratatui's buffer: count them as it does.
    width
        + grapheme
            .chars()
            .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// Whether terminals disagree on how wide they draw `grapheme`, so that no width can be
/// trusted for it: a lone regional indicator (🇵, half a flag) is one column to Unicode's
/// East Asian Width, to wcwidth and to [`grapheme_width`], but many terminals draw it two
/// columns wide, like the flag it belongs to. Whoever writes it to a terminal must not count
/// on where the cursor ends up after it, nor on the column after it.
#[must_use]
pub fn width_is_disputed(grapheme: &str) -> bool {
    // U+1F1E6..=U+1F1FF in UTF-8, alone; checked on the bytes, for every cell drawn.
    matches!(grapheme.as_bytes(), [0xF0, 0x9F, 0x87, 0xA6..=0xBF])
}

/// The width in cells of a string, summed grapheme by grapheme.
#[must_use]
pub fn str_width(text: &str, ambiguous: AmbiguousWidth) -> usize {
    text.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

/// `text` followed by spaces up to `width` cells (unchanged if it is already that wide), for
/// aligning columns of CJK and Latin text.
#[must_use]
pub fn pad_to_width(text: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    let used = str_width(text, ambiguous);
    let mut padded = String::with_capacity(text.len() + width.saturating_sub(used));
    padded.push_str(text);
    padded.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_regional_indicator_is_disputed() {
        for lone in ["🇦", "🇵", "🇿"] {
            assert!(width_is_disputed(lone), "{lone}");
            assert_eq!(str_width(lone, AmbiguousWidth::Narrow), 1);
        }
        for agreed in ["🇯🇵", "P", "看", "👍", "\u{1F1E5}", "\u{1F200}", "🇵a", ""] {
            assert!(!width_is_disputed(agreed), "{agreed}");
        }
    }

    #[test]
    fn cjk_is_two_latin_is_one() {
        assert_eq!(str_width("看报", AmbiguousWidth::Narrow), 4);
        assert_eq!(str_width("kanbao", AmbiguousWidth::Narrow), 6);
        assert_eq!(str_width("ＡＢ", AmbiguousWidth::Narrow), 4);
    }

    #[test]
    fn ambiguous_characters_follow_the_setting() {
        for s in ["“", "”", "…", "—", "①", "§", "°", "○", "※"] {
            assert_eq!(str_width(s, AmbiguousWidth::Narrow), 1, "{s}");
            assert_eq!(str_width(s, AmbiguousWidth::Wide), 2, "{s}");
        }
    }

    /// Letters and modifier symbols are East Asian Ambiguous too (EastAsianWidth.txt), and a
    /// terminal that draws ambiguous characters wide draws them wide; ñ is neutral.
    #[test]
    fn ambiguous_letters_follow_the_setting() {
        for s in [
            "é", "à", "ü", "ī", "ǎ", "ō", "ß", "ø", "æ", "×", "÷", "°", "Ω", "ж", "ˇ", "¨",
        ] {
            assert_eq!(str_width(s, AmbiguousWidth::Narrow), 1, "{s}");
            assert_eq!(str_width(s, AmbiguousWidth::Wide), 2, "{s}");
        }
        for s in ["ñ", "ç", "ą", "e\u{301}", "a"] {
            assert_eq!(str_width(s, AmbiguousWidth::Wide), 1, "{s}");
        }
        // A precomposed ambiguous letter with a combining mark: the letter's two columns.
        assert_eq!(str_width("é\u{323}", AmbiguousWidth::Wide), 2);
        assert_eq!(str_width("Zhōngguó yóuzhèng", AmbiguousWidth::Narrow), 17);
        assert_eq!(str_width("Zhōngguó yóuzhèng", AmbiguousWidth::Wide), 21);
        assert_eq!(
            str_width("réseau postal à Shanghai", AmbiguousWidth::Wide),
            26
        );
    }

    #[test]
    fn padding_counts_cells() {
        assert_eq!(pad_to_width("简讯", 6, AmbiguousWidth::Narrow), "简讯  ");
        assert_eq!(pad_to_width("News", 6, AmbiguousWidth::Narrow), "News  ");
        assert_eq!(
            pad_to_width("简讯简讯", 6, AmbiguousWidth::Narrow),
            "简讯简讯"
        );
    }

    #[test]
    fn clusters_measure_as_one_unit() {
        // ZWJ family, flag, skin tone, VS16, combining mark.
        assert_eq!(str_width("👩‍💻", AmbiguousWidth::Narrow), 2);
        assert_eq!(str_width("🇯🇵", AmbiguousWidth::Narrow), 2);
        assert_eq!(str_width("👍🏽", AmbiguousWidth::Narrow), 2);
        assert_eq!(str_width("e\u{301}", AmbiguousWidth::Narrow), 1);
    }
}
