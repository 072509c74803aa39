//! Ambiguous width 2: every East Asian Ambiguous character, letters included (é ō ß Ω ж), is
//! two columns, as a terminal that draws them wide shows them; and French and pinyin wrapped
//! at ambiguous width 2 fit their width in such a terminal.
//!
//! The set of ambiguous characters comes from EastAsianWidth.txt, kept in
//! tests/fixtures/unicode/east-asian-ambiguous.txt, independent of the code under test.

mod support {
    pub mod ambiguous;
}

use kanbao::text::{AmbiguousWidth, grapheme_width, str_width, wrap_str};
use proptest::prelude::*;
use support::ambiguous::{AMBIGUOUS, terminal_width};

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

#[test]
fn every_ambiguous_character_is_one_column_or_two_by_the_setting() {
    for &c in AMBIGUOUS.iter() {
        let s = c.to_string();
        assert_eq!(grapheme_width(&s, W), 2, "U+{:04X} {c}", u32::from(c));
        assert_eq!(grapheme_width(&s, N), 1, "U+{:04X} {c}", u32::from(c));
    }
}

#[test]
fn pinyin_and_french_measure_as_the_terminal_draws_them() {
    for text in [PINYIN, FRENCH] {
        assert_eq!(str_width(text, W), terminal_width(text), "{text}");
        assert!(str_width(text, W) > str_width(text, N));
    }
}

proptest! {
    #[test]
    fn ambiguous_characters_add_a_column_each(
        picks in prop::collection::vec(
            prop_oneof![
                any::<prop::sample::Index>().prop_map(|i| *i.get(&AMBIGUOUS)),
                prop::sample::select(&['a', 'Z', ' ', '中', '。', 'ñ', 'ç', '1'][..]),
            ],
            0..40,
        )
    ) {
        let text: String = picks.iter().collect();
        let ambiguous = picks.iter().filter(|c| AMBIGUOUS.contains(c)).count();
        prop_assert_eq!(str_width(&text, W), str_width(&text, N) + ambiguous, "{:?}", text);
        prop_assert_eq!(str_width(&text, W), terminal_width(&text), "{:?}", text);
    }
}

/// A pinyin paragraph (tone marks: ā á ǎ à ō ó ǒ ò ē é ě è ī í ǐ ì ū ú ǔ ù ǖ ǘ ǚ ǜ).
const PINYIN: &str = "Zhōngguó yóuzhèng kuàidì yè fāzhǎn bàogào xiǎnshì, Shànghǎi shì \
    yóuzhèng guǎnlǐ jú jiāqiáng kuàidìyuán quányì bǎozhàng, tuīdòng hángyè gāo zhìliàng \
    fāzhǎn; nǚ kuàidìyuán Lǚ Xiǎoyǔ shuō: “wǒmen měitiān pǎo èrshí duō gōnglǐ.”";

/// A French paragraph (é è à ù â ê î ô û ë ï ç œ).
const FRENCH: &str = "Le développement du réseau postal à Shanghai a été présenté lors \
    d’une réunion où les représentants des entreprises de livraison express ont évoqué la \
    sécurité des coursiers, l’été très chaud et les délais de traitement des colis à \
    l’arrivée : « Nous voulons un service fiable et accessible à tous. »";

#[test]
fn pinyin_and_french_fit_every_width_at_ambiguous_two() {
    for text in [PINYIN, FRENCH] {
        for width in 9..=61 {
            let lines = wrap_str(text, width, W);
            for line in &lines {
                assert!(
                    terminal_width(line) <= width,
                    "{line:?} is {} columns at width {width}",
                    terminal_width(line)
                );
            }
            // Wide enough for the longest word (“développement”, 15 columns): words stay whole.
            if width >= 15 {
                let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
                assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
            }
        }
    }
}

#[test]
fn pinyin_wraps_at_an_odd_width() {
    // “Zhōngguó yóuzhèng kuàidì” would be 22 columns.
    assert_eq!(
        wrap_str(PINYIN, 21, W),
        [
            "Zhōngguó yóuzhèng",
            "kuàidì yè fāzhǎn",
            "bàogào xiǎnshì,",
            "Shànghǎi shì",
            "yóuzhèng guǎnlǐ",
            "jú jiāqiáng",
            "kuàidìyuán",
            "quányì bǎozhàng,",
            "tuīdòng hángyè",
            "gāo zhìliàng",
            "fāzhǎn; nǚ",
            "kuàidìyuán Lǚ",
            "Xiǎoyǔ shuō:",
            "“wǒmen měitiān",
            "pǎo èrshí duō",
            "gōnglǐ.”",
        ]
    );
}
