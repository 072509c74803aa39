//! Property tests of line breaking over random mixtures of CJK, kana, Latin, digits,
//! punctuation, spaces, emoji and combining marks, at widths 2 to 120 and both ambiguous
//! widths.

use kanbao::model::{RunStyle, parse_body};
use kanbao::text::{
    AmbiguousWidth, LayoutOptions, Piece, SpanStyle, WrapOptions, layout_body, str_width, truncate,
    truncate_start, wrap_paragraph,
};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

const FRAGMENTS: &[&str] = &[
    "中",
    "文",
    "字",
    "国",
    "邮政",
    "快递",
    "年",
    "月",
    "か",
    "な",
    "カ",
    "ナ",
    "っ",
    "ゃ",
    "ョ",
    "ー",
    "々",
    "word",
    "kanbao",
    "ISO9001",
    "v2.10.3-beta",
    "COVID-19",
    "50%",
    "3.14159",
    "2022",
    "7",
    "１２",
    "ＡＢ",
    "。",
    "，",
    "、",
    "！",
    "？",
    "：",
    "；",
    "）",
    "」",
    "』",
    "》",
    "（",
    "「",
    "『",
    "《",
    "“",
    "”",
    "‘",
    "’",
    "…",
    "……",
    "—",
    "——",
    "·",
    ".",
    ",",
    "(",
    ")",
    " ",
    " ",
    " ",
    "  ",
    "\u{3000}",
    "\t",
    "\u{200B}",
    "\u{2060}",
    "\u{00A0}",
    "👩‍💻",
    "🇯🇵",
    "👍🏽",
    "❤\u{FE0F}",
    "e\u{301}",
    "a\u{308}\u{323}",
    "か\u{3099}",
    "한국어",
    "é",
    "～",
    "〜",
    "‐",
    "–",
    "゠",
    "￥",
    "＄",
    "￡",
    "￥120",
    "9:00～17:00",
    "2022‐2023",
];

/// Marks that must not start a line, and that must not end one.
const NO_START: &str =
    "、。，．：；？！）］｝〕〉》」』】”’…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー～〜‐–゠";
const NO_END: &str = "（［｛〔〈《「『【“‘￥＄￡";

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|f| f.concat())
}

fn ambiguous() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(AmbiguousWidth::Narrow), Just(AmbiguousWidth::Wide)]
}

fn is_blank(grapheme: &str) -> bool {
    grapheme
        .chars()
        .all(|c| c.is_whitespace() || c == '\u{200B}')
}

fn visible(text: &str) -> Vec<&str> {
    text.graphemes(true).filter(|g| !is_blank(g)).collect()
}

/// The mark a truncated text ends (or, cut from the start, begins) with.
fn ellipsis(ambiguous: AmbiguousWidth) -> &'static str {
    match ambiguous {
        AmbiguousWidth::Narrow => "…",
        AmbiguousWidth::Wide => "...",
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn wrapping_keeps_its_promises(text in text(), width in 2usize..=120, amb in ambiguous()) {
        let piece = Piece::new(text.as_str(), SpanStyle::Text(RunStyle::default()));
        let lines = wrap_paragraph(&[piece], &WrapOptions::new(width, amb));
        let texts: Vec<String> = lines.iter().map(kanbao::text::Line::text).collect();

        for line in &texts {
            // No line wider than the width, none ending in a space.
            prop_assert!(str_width(line, amb) <= width, "{line:?} wider than {width}");
            prop_assert!(!line.ends_with([' ', '\t', '\u{3000}']), "{line:?} ends in a space");
        }

        // The non-space text is preserved in order, and no grapheme is split (a split one
        // would segment differently line by line).
        let kept: Vec<&str> = texts.iter().flat_map(|l| visible(l)).collect();
        prop_assert_eq!(kept, visible(&text));

        // Kinsoku, unless a token longer than the line forced a cut there.
        for (index, line) in lines.iter().enumerate() {
            let this = &texts[index];
            if index > 0
                && let Some(first) = this.chars().next()
                && NO_START.contains(first)
            {
                prop_assert!(lines[index - 1].cut, "line {index} starts with {first}: {texts:?}");
            }
            if index + 1 < lines.len()
                && let Some(last) = this.chars().last()
                && NO_END.contains(last)
            {
                prop_assert!(line.cut, "line {index} ends with {last}: {texts:?}");
            }
        }
    }

    #[test]
    fn markdown_layout_fits_and_points_into_the_source(
        parts in prop::collection::vec(prop_oneof![
            text(),
            prop::sample::select(&[
                "\n", "\n\n", "*", "**", "`", "# ", "## ", "> ", "- ", "1. ", "一、", "（一）",
                "[链接](https://example.org/长)", "[link](https://example.org/a-very-long-url-that-goes-on)",
                "  \n", "\\*", "&amp;", "\n```\ncode\tline\n```\n", "---\n", "\n   - nested ",
                // Deep nesting, with rules, blank quote lines and empty items, whose lines
                // are all margin.
                "\n> > > ", "\n> > >\n", ">\n", "\n1. 1. 1. ", "\n- - - ", "\n-\n", "\n1.\n",
                "\n> > ---\n", "\n- > ---\n", "\n> 1. 1.\n",
            ][..]).prop_map(str::to_owned),
        ], 0..12),
        width in prop_oneof![2usize..=12, 2usize..=120],
        amb in ambiguous(),
        indent: bool,
    ) {
        let source = parts.concat();
        let body = parse_body(&source);
        let options = LayoutOptions { cjk_indent: indent, ..LayoutOptions::new(width, amb) };
        for line in layout_body(&body, &options) {
            prop_assert!(line.width(amb) <= width, "{:?} wider than {width}", line.text());
            for span in &line.spans {
                if let Some(range) = &span.source {
                    prop_assert!(body.source.get(range.clone()).is_some(), "bad range {range:?}");
                }
            }
        }
    }

    #[test]
    fn truncation_fits(text in text(), width in 0usize..=40, amb in ambiguous()) {
        let cut = truncate(&text, width, amb);
        prop_assert!(str_width(&cut, amb) <= width);
        let kept = cut.strip_suffix(ellipsis(amb)).unwrap_or(&cut);
        prop_assert!(text.starts_with(kept.trim_end()));
    }

    #[test]
    fn truncation_from_the_start_fits(text in text(), width in 0usize..=40, amb in ambiguous()) {
        let cut = truncate_start(&text, width, amb);
        prop_assert!(str_width(&cut, amb) <= width);
        let kept = cut.strip_prefix(ellipsis(amb)).unwrap_or(&cut);
        prop_assert!(text.ends_with(kept.trim_start()));
    }
}
