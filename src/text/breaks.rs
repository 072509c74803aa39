//! Where a line may break: grapheme classes, break opportunities and kinsoku.
//!
//! The rules are a tightened subset of UAX #14 written out by hand rather than taken from
//! `icu_segmenter`: UAX #14 allows breaks inside `v2.10.3-beta`, after hyphens and between a
//! number and its unit, all of which kanbao must forbid, and the CJK rules (clreq basic level,
//! jlreq for Japanese) are stricter than UAX #14's defaults. What remains is small enough to be
//! one table lookup per grapheme and one `match` per pair, which keeps wrapping linear and fast.
//!
//! The model:
//! - Ideographs, kana and emoji allow a break on both sides.
//! - CJK closing marks (and small kana, iteration marks, `ー`) never start a line but allow a
//!   break after them; CJK opening marks never end a line but allow a break before them.
//! - Everything else (Latin, Hangul, digits, ASCII punctuation) breaks only at spaces, so
//!   `ISO9001`, `3.14159`, `COVID-19` and `50%` stay whole. Hangul follows Korean practice of
//!   breaking between words (`word-break: keep-all`), not between syllables.
//! - A number stays with the CJK unit after it (`2022年`, `11 月`), and with a fullwidth
//!   currency sign before it (`￥120`, `＄ 8`).

/// The line-breaking class of one grapheme cluster, decided by its first character.
///
/// `repr(u8)` with the default discriminants 0, 1, 2, … in declaration order, which the
/// width and class table of `measure.rs` stores (`class as u16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Class {
    /// A space (including U+3000): a break opportunity that is dropped at a break.
    Space,
    /// A tab: a space whose width depends on the column.
    Tab,
    /// U+200B: an invisible break opportunity.
    ZeroWidthSpace,
    /// A hard line break inside a paragraph.
    Newline,
    /// Word joiner, zero-width no-break space, no-break spaces: never break beside them.
    Glue,
    /// Han, kana, emoji and other wide symbols.
    Ideographic,
    /// CJK closing punctuation and marks that must not start a line; break allowed after.
    Close,
    /// CJK opening brackets and fullwidth currency signs: must not end a line; break allowed
    /// before.
    Open,
    /// `”` and `’`: closing, but also apostrophes inside Latin words.
    QuoteClose,
    /// `“` and `‘`.
    QuoteOpen,
    /// Em dash and relatives: break around, never inside `——`.
    Dash,
    /// Latin letters, Hangul, other scripts, narrow symbols.
    Word,
    /// ASCII closing punctuation (`,.;:!?)]}%`), the middle dot, hyphens and the en dash: part
    /// of a word, no line start.
    WordClose,
    /// ASCII opening brackets: part of a word, no line end.
    WordOpen,
    /// ASCII and fullwidth digits.
    Digit,
}

impl Class {
    /// Classifies a grapheme cluster. `narrow_width` is its width with ambiguous characters
    /// counted as one column; it is only consulted for characters not in the tables below.
    pub(crate) fn of(grapheme: &str, narrow_width: impl FnOnce() -> usize) -> Self {
        let Some(c) = grapheme.chars().next() else {
            return Self::Glue;
        };
        let u = u32::from(c);
        // The common cases first: ASCII letters and Han ideographs.
        if c.is_ascii_alphabetic() {
            return Self::Word;
        }
        if (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u) {
            return Self::Ideographic;
        }
        if let Some(class) = Self::punctuation(c) {
            // A space carrying a combining mark is a visible character, not a space.
            if class.is_space() && grapheme.len() > c.len_utf8() {
                return Self::Word;
            }
            return class;
        }
        match u {
            0x30..=0x39 | 0xFF10..=0xFF19 => Self::Digit,
            // Halfwidth katakana are narrow but break like kana.
            0xFF66..=0xFF9D => Self::Ideographic,
            // Hangul (jamo, compatibility jamo, syllables) breaks between words like Latin, and
            // fullwidth Latin letters are words too, so `ＡＢＣ` stays whole.
            0x1100..=0x11FF
            | 0x3130..=0x318F
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xFF21..=0xFF3A
            | 0xFF41..=0xFF5A
            | 0..=0x7F => Self::Word,
            _ if narrow_width() >= 2 => Self::Ideographic,
            _ => Self::Word,
        }
    }

    fn punctuation(c: char) -> Option<Self> {
        Some(match c {
            ' ' | '\u{3000}' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' => {
                Self::Space
            }
            '\u{205F}' => Self::Space,
            '\t' => Self::Tab,
            '\u{200B}' => Self::ZeroWidthSpace,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => Self::Newline,
            '\u{2060}' | '\u{FEFF}' | '\u{00A0}' | '\u{202F}' | '\u{2007}' => Self::Glue,
            // clreq/jlreq: closing brackets, stops, commas, middle dots, iteration marks,
            // the prolonged sound mark, small kana, and marks that trail a number.
            '、'
            | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〞'
            | '〟'
            | '｠'
            | '｣'
            | '､'
            | '｡'
            | '・'
            | '･'
            | 'ー'
            | 'ｰ'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | '〻'
            | '‥'
            | '…'
            | '゛'
            | '゜'
            | '〜'
            | '～'
            | '゠'
            | '％'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '\u{31F0}'..='\u{31FF}' => Self::Close,
            '（' | '［' | '｛' | '〔' | '〈' | '《' | '「' | '『' | '【' | '〘' | '〖' | '〝'
            | '｟' | '｢'
            // Currency signs before an amount: `￥120` moves to the next line whole.
            | '￥' | '＄' | '￡' | '￦' => Self::Open,
            '”' | '’' => Self::QuoteClose,
            '“' | '‘' => Self::QuoteOpen,
            '—' | '―' | '⸺' | '⸻' => Self::Dash,
            ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '%' | '·' | '°' | '‰' | '′'
            | '″' | '℃'
            // Hyphens and the en dash (jlreq's hyphens, with 〜 and ゠) never start a line, and
            // like `-` they keep `2022‐2023` whole.
            | '‐' | '–' => Self::WordClose,
            '(' | '[' | '{' => Self::WordOpen,
            _ => return None,
        })
    }

    /// Marks that must not begin a line (kinsoku).
    #[must_use]
    pub(crate) fn no_start(self) -> bool {
        matches!(self, Self::Close | Self::QuoteClose | Self::WordClose)
    }

    /// Marks that must not end a line (kinsoku).
    #[must_use]
    pub(crate) fn no_end(self) -> bool {
        matches!(self, Self::Open | Self::QuoteOpen | Self::WordOpen)
    }

    /// Spaces that a break may swallow.
    #[must_use]
    pub(crate) fn is_space(self) -> bool {
        matches!(self, Self::Space | Self::Tab | Self::ZeroWidthSpace)
    }

    fn is_latin(self) -> bool {
        matches!(
            self,
            Self::Word | Self::WordClose | Self::WordOpen | Self::Digit
        )
    }

    /// Whether this grapheme counts as CJK when deciding how a soft line break joins.
    #[must_use]
    pub(crate) fn is_cjk(self) -> bool {
        matches!(self, Self::Ideographic | Self::Close | Self::Open)
    }
}

/// Whether a line, or anything that reads as the start of a text (a search snippet), may begin
/// with `grapheme`: not a space, and not a mark that must not start a line (`，` `。` `”` `～`).
#[must_use]
pub(crate) fn may_start_line(grapheme: &str) -> bool {
    let class = Class::of(grapheme, || {
        super::grapheme_width(grapheme, super::AmbiguousWidth::Narrow)
    });
    !(class.no_start() || class.is_space() || class == Class::Newline)
}

/// Whether a line may break between two adjacent visible graphemes with no space between
/// them. Spaces (a zero-width space among them) and hard breaks are never passed: the wrapper
/// handles a run of spaces with [`can_break_at_space`] and starts afresh after a hard break.
#[must_use]
pub(crate) fn can_break(before: Class, after: Class) -> bool {
    use Class::{Close, Dash, Digit, Glue, Ideographic, Open, QuoteClose, QuoteOpen};
    if before.no_end() || after.no_start() {
        return false;
    }
    match (before, after) {
        (Glue, _) | (_, Glue) | (Dash, Dash) | (Digit, Ideographic) => false,
        (Ideographic | Close | Dash, _) | (_, Ideographic | Open | Dash) => true,
        // `”“` and `”中` may break, `can’t` may not.
        (QuoteClose, other) | (other, QuoteOpen) => !other.is_latin(),
        _ => false,
    }
}

/// Whether a run of spaces between two graphemes is a break opportunity. `explicit` is true
/// when the run holds a zero-width space, which the author put there to allow a break.
#[must_use]
pub(crate) fn can_break_at_space(before: Class, after: Class, explicit: bool) -> bool {
    if before.no_end() || after.no_start() {
        return false;
    }
    // `11 月`: the number keeps its unit.
    explicit || !(before == Class::Digit && after == Class::Ideographic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(g: &str) -> Class {
        Class::of(g, || {
            crate::text::grapheme_width(g, crate::text::AmbiguousWidth::Narrow)
        })
    }

    fn breaks(a: &str, b: &str) -> bool {
        can_break(class(a), class(b))
    }

    #[test]
    fn classes() {
        assert_eq!(class("中"), Class::Ideographic);
        assert_eq!(class("か"), Class::Ideographic);
        assert_eq!(class("っ"), Class::Close);
        assert_eq!(class("「"), Class::Open);
        assert_eq!(class("👩‍💻"), Class::Ideographic);
        assert_eq!(class("한"), Class::Word);
        assert_eq!(class("e\u{301}"), Class::Word);
        assert_eq!(class("７"), Class::Digit);
        assert_eq!(class("\u{3000}"), Class::Space);
    }

    #[test]
    fn pairs() {
        assert!(breaks("中", "文"));
        assert!(breaks("中", "a"));
        assert!(breaks("a", "中"));
        assert!(!breaks("a", "b"));
        assert!(!breaks("2", "年"));
        assert!(breaks("年", "2"));
        assert!(!breaks("中", "。"));
        assert!(breaks("。", "中"));
        assert!(!breaks("「", "中"));
        assert!(breaks("中", "「"));
        assert!(breaks("”", "“"));
        assert!(!breaks("’", "t"));
        assert!(!breaks("—", "—"));
        assert!(!breaks("…", "…"));
        assert!(!breaks("中", "\u{2060}"));
        assert!(!breaks("\u{2060}", "中"));
        assert!(!breaks("한", "국"));
        assert!(!breaks("一", "～"));
        assert!(breaks("～", "周"));
        assert!(!breaks("二", "‐"));
        assert!(!breaks("2", "–"));
        assert!(breaks("价", "￥"));
        assert!(!breaks("￥", "1"));
        assert!(!can_break_at_space(class("￥"), class("1"), false));
    }

    #[test]
    fn spaces() {
        assert!(!can_break_at_space(Class::Digit, Class::Ideographic, false));
        assert!(can_break_at_space(Class::Digit, Class::Ideographic, true));
        assert!(can_break_at_space(Class::Ideographic, Class::Digit, false));
        assert!(!can_break_at_space(Class::Word, Class::WordClose, false));
    }
}
