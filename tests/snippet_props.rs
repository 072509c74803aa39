//! Search snippets over random text: whatever precedes the hit, a snippet never begins with a
//! space or a mark that may not start a line (`，` `。` `”` `～`…), and its context before the
//! hit stays within its budget.

use kanbao::search::{SNIPPET_CONTEXT, Snippet};
use kanbao::text::{AmbiguousWidth, str_width};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Marks that may not begin a line, Latin and CJK, and the ellipsis.
const NO_START: &str = "、。，．：；？！）］｝〕〉》」』】”’…～〜‐–゠ー々っ,.;:!?)]}%";

fn text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "快递",
        "上海",
        "邮政",
        "，",
        "。",
        "、",
        "！",
        "？",
        "；",
        "：",
        "”",
        "“",
        "」",
        "「",
        "）",
        "（",
        "》",
        "《",
        "…",
        "……",
        "～",
        "‐",
        "–",
        "ー",
        "っ",
        " ",
        "\u{3000}",
        "\n",
        "\n\n",
        "word",
        "Shanghai",
        ". ",
        ", ",
        "3.5",
        "!",
        "?",
        ";",
        "e\u{301}",
        "👩\u{200d}💻",
        "ß",
        "é",
        "中",
        "国",
    ]);
    prop::collection::vec(atoms, 1..60).prop_map(|parts| parts.concat())
}

fn ambiguous() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(AmbiguousWidth::Narrow), Just(AmbiguousWidth::Wide)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_snippet_never_starts_with_a_mark_that_may_not_start_a_line(
        text in text(), a in 0usize..200, len in 1usize..4, amb in ambiguous()
    ) {
        let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let i = a % clusters.len();
        let j = (i + len).min(clusters.len());
        let start = clusters[i].0;
        let end = clusters.get(j).map_or(text.len(), |&(at, _)| at);
        let snippet = Snippet::new(&text, start..end, amb);
        let mark = match amb {
            AmbiguousWidth::Narrow => "…",
            AmbiguousWidth::Wide => "...",
        };
        // A lead never begins with `…` of its own (a no-line-start mark): one is the mark.
        let lead = snippet.text.get(..snippet.highlight.start).unwrap_or_default();
        let lead = lead.strip_prefix(mark).unwrap_or(lead);
        // The hit itself may begin with anything; the context before it may not.
        if let Some(first) = lead.chars().next() {
            prop_assert!(
                !NO_START.contains(first) && !first.is_whitespace(),
                "{:?} starts with {first:?}; text {text:?}", snippet.text
            );
        }
        prop_assert!(str_width(lead, amb) <= SNIPPET_CONTEXT, "{:?}", snippet.text);
        let hit = text.get(start..end).unwrap_or_default().replace('\n', " ");
        prop_assert_eq!(snippet.text.get(snippet.highlight.clone()), Some(hit.as_str()));
    }
}
