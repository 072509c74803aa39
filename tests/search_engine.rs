//! The search engine on real CJK text: folding, soft breaks, markup, highlights and the
//! library-wide search.

use std::ops::Range;
use std::path::Path;

use kanbao::load::{Library, parse_issue};
use kanbao::model::{Article, BodySource};
use kanbao::search::{
    Field, Hit, Query, Searcher, Snippet, find_all, search_article, search_library,
};
use kanbao::text::{AmbiguousWidth, str_width};

fn query(text: &str) -> Query {
    Query::parse(text).expect("a non-empty query")
}

fn article(title: &str, subtitle: Option<&str>, body: &str) -> Article {
    Article {
        id: "test/1".into(),
        title: title.into(),
        subtitle: subtitle.map(Into::into),
        section: None,
        author: None,
        date: None,
        body: BodySource::new(body.to_owned()),
    }
}

/// The text each hit covers.
fn found<'t>(q: &str, text: &'t str) -> Vec<&'t str> {
    find_all(&query(q), text)
        .into_iter()
        .map(|range| text.get(range).expect("hits lie on char boundaries"))
        .collect()
}

/// The body source each body hit covers.
fn body_hits(q: &str, body: &str) -> Vec<String> {
    let article = article("标题", None, body);
    search_article(&query(q), &article)
        .into_iter()
        .filter(|hit| hit.field == Field::Body)
        .map(|hit| {
            article
                .body
                .source()
                .get(hit.range)
                .expect("hits lie on char boundaries")
                .to_owned()
        })
        .collect()
}

#[test]
fn cjk_substring_across_a_soft_line_break() {
    assert_eq!(
        body_hits("先进典型", "近日，上海邮政快递业先进\n典型全国"),
        ["先进\n典型"]
    );
    // Wherever the line was broken, and with the break as a hard break too.
    assert_eq!(
        body_hits("快递业先进", "近日，上海邮政快\n递业先进"),
        ["快\n递业先进"]
    );
    assert_eq!(body_hits("先进典型", "先进\\\n典型"), ["先进\\\n典型"]);
}

#[test]
fn latin_words_across_a_soft_line_break_are_one_space_apart() {
    assert_eq!(
        body_hits("green packaging", "Use green\npackaging."),
        ["green\npackaging"]
    );
    assert!(body_hits("greenpackaging", "green\npackaging").is_empty());
}

#[test]
fn markup_between_characters_does_not_stop_a_match() {
    assert_eq!(body_hits("先进典型", "先进**典型**代表"), ["先进**典型"]);
    assert_eq!(body_hits("先进典型", "*先进*典型"), ["先进*典型"]);
    assert_eq!(
        body_hits("绿色包装规范", "《[绿色包装](https://example.com)规范》"),
        ["绿色包装](https://example.com)规范"]
    );
    assert_eq!(body_hits("a*b", r"a\*b"), [r"a\*b"]);
    assert_eq!(body_hits("r&d", "R&amp;D"), ["R&amp;D"]);
}

#[test]
fn hits_never_span_two_paragraphs() {
    assert!(body_hits("先进典型", "先进\n\n典型").is_empty());
    assert!(body_hits("先进典型", "- 先进\n- 典型").is_empty());
}

#[test]
fn every_kind_of_block_is_searched() {
    let body = "# 标题快递\n\n> 引用快递\n\n- 列表快递\n\n```\n代码快递\n```\n";
    assert_eq!(body_hits("快递", body).len(), 4);
}

#[test]
fn compatibility_forms_fold_both_ways() {
    for (a, b) in [
        ("ＡＢＣ", "abc"),
        ("１２３", "123"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("ｶﾞ", "ガ"),
        ("ﾊﾟﾝ", "パン"),
        ("㈱", "(株)"),
    ] {
        assert_eq!(found(a, b), [b], "{a} in {b}");
        assert_eq!(found(b, a), [a], "{b} in {a}");
    }
    // The hit maps back to the original characters, in the middle of other text.
    assert_eq!(found("カタカナ", "这是ｶﾀｶﾅ文字"), ["ｶﾀｶﾅ"]);
    assert_eq!(found("ガス", "都市ｶﾞｽ料金"), ["ｶﾞｽ"]);
    assert_eq!(found("2022年", "２０２２年第４１期"), ["２０２２年"]);
}

#[test]
fn latin_is_case_insensitive() {
    assert_eq!(
        found("kanbao", "Kanbao KANBAO kanbao"),
        ["Kanbao", "KANBAO", "kanbao"]
    );
    assert_eq!(found("ÉCOLE", "une école"), ["école"]);
    assert_eq!(found("iso9001", "通过ISO9001认证"), ["ISO9001"]);
}

#[test]
fn a_quoted_query_matches_exactly() {
    assert!(found("\"ABC\"", "abc").is_empty());
    assert!(found("\"ABC\"", "ＡＢＣ").is_empty());
    assert_eq!(found("\"ABC\"", "abc ABC"), ["ABC"]);
    assert_eq!(found("“ｶﾀｶﾅ”", "カタカナ ｶﾀｶﾅ"), ["ｶﾀｶﾅ"]);
}

#[test]
fn highlights_cover_whole_graphemes() {
    // Emoji with modifiers and ZWJ, flags, combining marks: never split.
    assert_eq!(found("👍", "好👍🏽的"), ["👍🏽"]);
    assert_eq!(found("👩", "程序员👩\u{200d}💻们"), ["👩\u{200d}💻"]);
    assert_eq!(found("\"🇵🇺\"", "🇯🇵🇺🇸"), ["🇯🇵🇺🇸"]);
    assert_eq!(found("\"e\"", "cafe\u{301}"), ["e\u{301}"]);
    // Folding composes the accent: a folded `e` is not an `é`, written either way.
    assert!(found("e", "cafe\u{301} café").is_empty());
    assert_eq!(found("é", "cafe\u{301} café"), ["e\u{301}", "é"]);
    // Halfwidth kana with a voiced mark take three cells as one cluster.
    assert_eq!(found("ガ", "aｶﾞb"), ["ｶﾞ"]);
}

#[test]
fn highlights_land_on_the_right_graphemes_at_odd_widths() {
    // Narrow and wide characters mixed so that the hit starts at an odd column.
    let text = "a上ｶﾞb“引号”𠀀ＡＢＣ快递e\u{301}x";
    let hits = find_all(&query("abc快递é"), text);
    assert_eq!(hits.len(), 1);
    let hit = hits[0].clone();
    assert_eq!(text.get(hit.clone()), Some("ＡＢＣ快递e\u{301}"));
    let before = text.get(..hit.start).unwrap_or_default();
    // ｶﾞ takes two cells, the quotes one each or two each.
    assert_eq!(str_width(before, AmbiguousWidth::Narrow), 15);
    assert_eq!(str_width(before, AmbiguousWidth::Wide), 17);
    for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        let snippet = Snippet::new(text, hit.clone(), ambiguous);
        assert_eq!(snippet.text, text);
        assert_eq!(
            snippet.text.get(snippet.highlight.clone()),
            Some("ＡＢＣ快递e\u{301}")
        );
    }
}

#[test]
fn snippets_are_one_line_of_about_thirty_cells_each_side() {
    // Thirty cells back from the hit is just after the `，`, where a clause starts.
    let text = format!(
        "{}，{}快递\n{}",
        "字".repeat(5),
        "字".repeat(15),
        "ｶ".repeat(40)
    );
    let start = text.find("快递").unwrap_or_default();
    let snippet = Snippet::new(&text, start..start + 6, AmbiguousWidth::Narrow);
    assert_eq!(
        snippet.text,
        format!("{}快递 {}…", "字".repeat(15), "ｶ".repeat(29))
    );
    assert_eq!(snippet.text.get(snippet.highlight), Some("快递"));
    // A paragraph start within reach is where the snippet starts.
    let text = format!("{}\n快递{}", "字".repeat(20), "ｶ".repeat(40));
    let start = text.find("快递").unwrap_or_default();
    let snippet = Snippet::new(&text, start..start + 6, AmbiguousWidth::Narrow);
    assert_eq!(snippet.text, format!("快递{}…", "ｶ".repeat(30)));
}

#[test]
fn title_and_subtitle_hits_index_their_own_text() {
    let article = article("邮政快递", Some("快递小哥"), "快递员");
    let hits = search_article(&query("快递"), &article);
    assert_eq!(
        hits,
        [
            Hit {
                field: Field::Title,
                range: 6..12
            },
            Hit {
                field: Field::Subtitle,
                range: 0..6
            },
            Hit {
                field: Field::Body,
                range: 0..6
            },
        ]
    );
}

const ISSUE: &str = r#"
title = "简报"
footer = "报：上海市邮政管理局\n送：各快递企业"

[[article]]
title = "第一篇"
body = "上海邮政快递业先进\n典型"

[[article]]
title = "第二篇"
subtitle = "ＡＢＣ"
body = "**快递**绿色包装"
"#;

fn library() -> Library {
    let outcome = parse_issue(Path::new("issues/brief.toml"), ISSUE);
    Library {
        issues: vec![std::sync::Arc::new(outcome.issue.expect("the issue loads"))],
        problems: Vec::new(),
        files: 1,
    }
}

#[test]
fn library_search_in_order_with_footer_on_the_last_article() {
    let library = library();
    let matches = search_library(&query("快递"), &library);
    let places: Vec<(usize, Field, &str)> = matches
        .iter()
        .map(|m| {
            let snippet = m.snippet.text.get(m.snippet.highlight.clone());
            (m.article, m.hit.field, snippet.unwrap_or_default())
        })
        .collect();
    assert_eq!(
        places,
        [
            (0, Field::Body, "快递"),
            (1, Field::Body, "快递"),
            (1, Field::Footer, "快递"),
        ]
    );
    let footer = library.issues[0].footer.as_deref().unwrap_or_default();
    assert_eq!(footer.get(matches[2].hit.range.clone()), Some("快递"));
    assert_eq!(
        matches[2].snippet.text,
        "报：上海市邮政管理局 送：各快递企业"
    );
}

#[test]
fn searcher_limits_and_agrees_with_one_shot_search() {
    let library = library();
    let searcher = Searcher::new();
    for q in ["快递", "abc", "先进典型", "\"ＡＢＣ\"", "上海"] {
        let q = query(q);
        let found = searcher.search(&library, &q, usize::MAX);
        assert!(!found.is_empty());
        assert_eq!(found, search_library(&q, &library));
        assert_eq!(
            found,
            Searcher::exhaustive().search(&library, &q, usize::MAX)
        );
    }
    assert_eq!(searcher.search(&library, &query("快递"), 2).len(), 2);
    assert!(searcher.search(&library, &query("没有"), 10).is_empty());
}

#[test]
fn body_hits_index_the_source() {
    let library = library();
    let matches = Searcher::new().search(&library, &query("先进典型"), 10);
    assert_eq!(matches.len(), 1);
    let source = &library.issues[0].articles[0].body.source();
    let range: Range<usize> = matches[0].hit.range.clone();
    assert_eq!(source.get(range), Some("先进\n典型"));
    assert_eq!(
        matches[0]
            .snippet
            .text
            .get(matches[0].snippet.highlight.clone()),
        Some("先进典型")
    );
}
