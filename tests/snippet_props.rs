//! Search snippets over random text: whatever precedes the hit, a snippet never begins with a
//! space or a mark that may not start a line (`，` `。` `”` `～`…), its context before the
//! hit stays within its budget, and that context starts at a clause or a word, never inside
//! one; so does the shorter context a narrow results list cuts it to.

use kanbao::search::{SNIPPET_CONTEXT, Snippet};
use kanbao::text::{AmbiguousWidth, str_width};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Marks that may not begin a line, Latin and CJK, and the ellipsis.
const NO_START: &str = "、。，．：；？！）］｝〕〉》」』】”’…～〜‐–゠ー々っ,.;:!?)]}%";

/// Marks after which a clause starts, and Latin ones that end a clause before a space.
const CLAUSE_ENDS: &str = "。！？；，、：";
const LATIN_CLAUSE_ENDS: &str = ".!?;,:";

/// Opening quotes and brackets, at which a clause may start.
const OPENING: &str = "“‘《〈（「『【〔〖［｛";

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
        let (start, end) = hit(&text, a, len);
        let snippet = Snippet::new(&text, start..end, amb);
        let lead = lead(&snippet, amb);
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

    #[test]
    fn a_snippet_starts_at_a_clause_or_a_word_or_at_its_hit(
        text in text(), a in 0usize..200, len in 1usize..4, amb in ambiguous()
    ) {
        let (start, end) = hit(&text, a, len);
        let snippet = Snippet::new(&text, start..end, amb);
        let lead = lead(&snippet, amb);
        // The lead is the text just before the hit, line breaks shown as spaces.
        let from = start - lead.len();
        prop_assert!(
            lead.is_empty() || starts_clause_or_word(&text, from),
            "{:?} starts inside a word; text {text:?}", snippet.text
        );
    }

    #[test]
    fn a_narrower_lead_fits_and_starts_by_the_same_rules(
        text in text(), a in 0usize..200, len in 1usize..4, amb in ambiguous(),
        cells in 0usize..40
    ) {
        let (start, end) = hit(&text, a, len);
        let snippet = Snippet::new(&text, start..end, amb);
        let narrow = snippet.with_lead_within(cells, amb);
        let shown = narrow.text.get(..narrow.highlight.start).unwrap_or_default();
        prop_assert!(str_width(shown, amb) <= cells, "{:?} in {cells}", narrow.text);
        prop_assert_eq!(
            narrow.text.get(narrow.highlight.clone()),
            snippet.text.get(snippet.highlight.clone())
        );
        prop_assert_eq!(
            narrow.text.get(narrow.highlight.end..),
            snippet.text.get(snippet.highlight.end..)
        );
        let lead = lead(&narrow, amb);
        if let Some(first) = lead.chars().next() {
            prop_assert!(
                !NO_START.contains(first) && !first.is_whitespace(),
                "{:?} starts with {first:?}; text {text:?}", narrow.text
            );
        }
        let from = start - lead.len();
        prop_assert!(
            lead.is_empty() || starts_clause_or_word(&text, from),
            "{:?} starts inside a word; text {text:?}", narrow.text
        );
    }
}

/// A hit of `len` clusters from the `a`th (wrapping around) in `text`, as a byte range.
fn hit(text: &str, a: usize, len: usize) -> (usize, usize) {
    let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let i = a % clusters.len();
    let j = (i + len).min(clusters.len());
    let start = clusters[i].0;
    let end = clusters.get(j).map_or(text.len(), |&(at, _)| at);
    (start, end)
}

/// The snippet's context before its hit, without the ellipsis that marks a cut. A lead never
/// begins with `…` of its own (a no-line-start mark), so a leading one is the mark.
fn lead(snippet: &Snippet, ambiguous: AmbiguousWidth) -> &str {
    let mark = match ambiguous {
        AmbiguousWidth::Narrow => "…",
        AmbiguousWidth::Wide => "...",
    };
    let lead = snippet
        .text
        .get(..snippet.highlight.start)
        .unwrap_or_default();
    lead.strip_prefix(mark).unwrap_or(lead)
}

/// Whether a snippet may start at `start` in `text`: at the text's start or an opening mark;
/// after a space or line break (a word or paragraph start); or after a clause's end, past the
/// closing marks that follow it.
fn starts_clause_or_word(text: &str, start: usize) -> bool {
    let rest = text.get(start..).unwrap_or_default();
    if rest.starts_with(|c| OPENING.contains(c)) {
        return true;
    }
    let head = text.get(..start).unwrap_or_default();
    for (at, c) in head.char_indices().rev() {
        let spaced = text
            .get(at + c.len_utf8()..)
            .is_some_and(|next| next.starts_with(char::is_whitespace));
        if c.is_whitespace() || CLAUSE_ENDS.contains(c) || (LATIN_CLAUSE_ENDS.contains(c) && spaced)
        {
            return true;
        }
        if !NO_START.contains(c) {
            return false;
        }
    }
    true
}
