//! kanbao's one width function and ratatui's buffer agree on every grapheme the renderer
//! draws unforced (ambiguous width 1): what the layout measures is what the screen holds.

use kanbao::text::{AmbiguousWidth, grapheme_width};
use proptest::prelude::*;
use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

#[test]
fn real_text_agrees_grapheme_by_grapheme() {
    let samples = [
        "上海市邮政管理局“六共”行动……——①②",
        "ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ 半角カナ",
        "👩‍💻 🇯🇵 👍🏽 ❤️ e\u{301} 한국어",
        "ISO9001 v2.10.3-beta 50% ＡＢＣ１２３",
    ];
    for sample in samples {
        for grapheme in sample.graphemes(true) {
            assert_eq!(
                grapheme_width(grapheme, AmbiguousWidth::Narrow),
                usize::from(grapheme.cell_width()),
                "{grapheme:?}"
            );
        }
    }
}

proptest! {
    #[test]
    fn any_printable_text_agrees(text in "[^\\p{Cc}]{0,40}") {
        for grapheme in text.graphemes(true) {
            prop_assert_eq!(
                grapheme_width(grapheme, AmbiguousWidth::Narrow),
                usize::from(grapheme.cell_width()),
                "{:?}", grapheme
            );
        }
    }
}
