//! Laying out an article a piece at a time (`ArticleSteps`) gives exactly the lines and link
//! numbers of laying it out whole (`layout_article`): over random Markdown bodies cut into
//! pieces as small as the cutting allows, the shipped issues, and a long generated article.

use std::path::Path;

use kanbao::load::load_folder;
use kanbao::model::{Article, BodySource, split_body};
use kanbao::text::{AmbiguousWidth, ArticleLayout, ArticleSteps, LayoutOptions, layout_article};
use proptest::prelude::*;

mod support {
    pub mod long_body;
}
use support::long_body::seed_over_and_over;

/// The article laid out step by step, with pieces of at least `target` bytes.
fn stepwise(article: &Article, options: &LayoutOptions, target: usize) -> ArticleLayout {
    let mut steps = ArticleSteps::with_piece_bytes(article, options, target);
    let mut lines = Vec::new();
    while steps.step(article, &mut lines) {}
    assert!(steps.is_done());
    assert_eq!(steps.laid_bytes(), article.body.len());
    ArticleLayout {
        lines,
        links: steps.links().to_vec(),
    }
}

fn article(title: &str, subtitle: Option<&str>, body: &str) -> Article {
    Article {
        id: "test/1".into(),
        title: title.into(),
        subtitle: subtitle.map(str::to_owned),
        section: Some("专题".into()),
        author: None,
        date: None,
        body: BodySource::new(body.to_owned()),
    }
}

/// Text within a block: CJK and Latin words, styles, links (some to the same URL), escapes.
const WORDS: &[&str] = &[
    "中文",
    "快递行业",
    "word",
    "kanbao",
    "ISO9001",
    "。",
    "，",
    "“引号”",
    "50%",
    " ",
    "e\u{301}",
    "*强调*",
    "**粗体**",
    "`code`",
    "~~删除~~",
    "[链接](https://example.org/a)",
    "[link](https://example.org/b)",
    "[同一个](https://example.org/a)",
    "<https://example.org/c>",
    "![图](https://example.org/i.png)",
    "[空]()",
    "\\*",
    "&amp;",
    "  \n",
    "\n",
    "\\\n",
];

/// How a block starts: markers of every kind, and fences and HTML at the start of a line.
const STARTS: &[&str] = &[
    "",
    "",
    "",
    "",
    "# ",
    "## ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    "> > ",
    "    ",
    "  ",
    "\t",
    "一、",
    "（一）",
    "---\n",
    "***\n",
    "```\n",
    "```rust\n",
    "```x`\n",
    "~~~~\n",
    "````\n",
    "~~~\n",
    "<div>\n",
    "</div>\n",
    "   - ",
    "- > ",
    "1. - ",
    "===\n",
    "|a|b|\n",
];

/// What makes a body one piece (fences not at the start of a line, HTML blocks that span
/// blank lines, link reference definitions): rarer, so that most bodies are cut.
const UNSAFE: &[&str] = &[
    "[x]: https://example.org/x\n",
    "<!--\n",
    "-->\n",
    "<pre>\n",
    "  ```\n",
    "> ~~~\n",
];

/// Between blocks.
const SEPARATORS: &[&str] = &["\n", "\n\n", "\n\n\n", "  \n", "\n \n", "\n\t\n"];

fn block() -> impl Strategy<Value = String> {
    let start = prop_oneof![
        12 => prop::sample::select(STARTS),
        1 => prop::sample::select(UNSAFE),
    ];
    let words = prop::collection::vec(prop::sample::select(WORDS), 0..10);
    (start, words).prop_map(|(start, words)| format!("{start}{}", words.concat()))
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec((block(), prop::sample::select(SEPARATORS)), 0..24).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(block, separator)| [block, separator.to_owned()])
            .collect()
    })
}

fn ambiguous() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(AmbiguousWidth::Narrow), Just(AmbiguousWidth::Wide)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn piece_by_piece_is_the_whole_layout(
        body in body(),
        width in prop_oneof![2usize..=12, 2usize..=120],
        amb in ambiguous(),
        cjk_indent: bool,
        header: bool,
        subtitle: bool,
        target in 1usize..64,
    ) {
        let article = article("标题 title", subtitle.then_some("副标题"), &body);
        let options = LayoutOptions { cjk_indent, header, ..LayoutOptions::new(width, amb) };
        let whole = layout_article(&article, &options);
        let steps = stepwise(&article, &options, target);
        prop_assert_eq!(&steps.links, &whole.links);
        prop_assert_eq!(steps.lines.len(), whole.lines.len());
        for (index, (step, line)) in steps.lines.iter().zip(&whole.lines).enumerate() {
            prop_assert_eq!(step, line, "line {} of {:?}", index, body);
        }
    }
}

/// Bodies are cut where blocks meet (the property above would pass if nothing were cut).
#[test]
fn bodies_are_cut_between_paragraphs_and_kept_whole_when_unsafe() {
    let body = "甲段。\n\n# 标题\n\n乙段\n接着\n\n- 列表\n\n丙段 [x](https://a)\n\n```\n代码\n\n丁\n```\n\n戊";
    let pieces: Vec<&str> = split_body(body, 1)
        .into_iter()
        .map(|r| body.get(r).expect("on a character boundary"))
        .collect();
    assert_eq!(
        pieces,
        [
            "甲段。\n\n# 标题\n\n",
            "乙段\n接着\n\n- 列表\n\n",
            "丙段 [x](https://a)\n\n```\n代码\n\n丁\n```\n\n",
            "戊"
        ]
    );
    let with_definition = format!("{body}\n\n[x]: https://b\n");
    assert_eq!(split_body(&with_definition, 1).len(), 1);
}

/// The shipped issues (the seed bulletin among them), laid out at several widths with the
/// smallest pieces and the default ones.
#[test]
fn shipped_issues_lay_out_the_same_piece_by_piece() {
    let library =
        load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")).expect("issues load");
    let mut cut = 0;
    for issue in &library.issues {
        for article in &issue.articles {
            cut += split_body(&article.body.source(), 1).len() - 1;
            for width in [20, 53, 80] {
                for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                    let options = LayoutOptions::for_issue(issue, width, amb);
                    let whole = layout_article(article, &options);
                    assert_eq!(stepwise(article, &options, 1), whole, "{}", article.id);
                    assert_eq!(stepwise(article, &options, 16 * 1024), whole);
                }
            }
        }
    }
    assert!(
        cut > 20,
        "the shipped articles are cut into pieces ({cut} cuts)"
    );
}

/// A long article: the seed bulletin's articles over and over, each under its title as a
/// heading, with a link in every tenth paragraph (to one of a few URLs, so numbers repeat).
#[test]
fn a_long_generated_article_lays_out_the_same_piece_by_piece() {
    let library =
        load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")).expect("issues load");
    let seed = library
        .issues
        .iter()
        .find(|i| i.stem == "2022-11-shanghai-postal")
        .expect("the seed bulletin");
    let body = seed_over_and_over(seed, 400 * 1024);
    let article = article("合订", None, &body);
    assert!(split_body(&body, 16 * 1024).len() > 20);
    for width in [37, 80] {
        let options = LayoutOptions::for_language(Some("zh"), width, AmbiguousWidth::Narrow);
        let whole = layout_article(&article, &options);
        assert_eq!(whole.links.len(), 7);
        assert_eq!(stepwise(&article, &options, 16 * 1024), whole);
    }
}
