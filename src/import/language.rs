//! The language of a text, guessed from the scripts it is written in.
//!
//! Only scripts are counted, not words: kana appear only in Japanese, hangul only in Korean,
//! and Han characters without either are Chinese. That is enough for the reader, which needs
//! the language for line breaking and fonts, not for translation.

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}' | '〇')
}

fn is_kana(c: char) -> bool {
    // The prolonged sound mark (ー, U+30FC) sits inside the katakana block.
    matches!(c, '\u{3041}'..='\u{309f}' | '\u{30a0}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// `zh`, `ja`, `ko` or `en`.
pub(crate) fn detect(text: &str) -> &'static str {
    let (mut han, mut kana, mut hangul, mut latin) = (0_usize, 0_usize, 0_usize, 0_usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if is_kana(c) {
            kana += 1;
        } else if is_hangul(c) {
            hangul += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    let cjk = han + kana + hangul;
    // A CJK character carries about as much as a short word, so a few English words in a
    // Chinese bulletin (ISO9001) do not make it English; half as many CJK characters as
    // letters still mark a CJK text.
    if cjk == 0 || cjk * 2 < latin {
        "en"
    } else if hangul >= han + kana {
        "ko"
    } else if kana * 10 >= han + kana {
        // Japanese prose is rarely under a tenth kana; Chinese text has none.
        "ja"
    } else {
        "zh"
    }
}

/// Whether `c` is written without spaces around it: Han, kana, CJK and full-width punctuation.
/// Hangul is not: Korean separates words with spaces, as English does.
pub(crate) fn is_cjk_unspaced(c: char) -> bool {
    is_han(c)
        || is_kana(c)
        // Curly quotes, dashes and ellipses are shared with English, so they do not count.
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn scripts_decide() {
        assert_eq!(detect("上海市邮政管理局通过 ISO9001 认证"), "zh");
        assert_eq!(detect("日本語のテキストです"), "ja");
        assert_eq!(detect("한국어 문장입니다"), "ko");
        assert_eq!(detect("Plain English text"), "en");
        assert_eq!(detect(""), "en");
    }
}
