//! `parse_body`: Markdown article bodies into blocks of styled runs with source ranges.

use std::ops::Range;

use kanbao::model::{Block, Body, Inline, ListItem, Run, RunStyle, parse_body};
use proptest::prelude::*;

/// An unstyled, unlinked run.
fn plain(text: &str, source: Range<usize>) -> Inline {
    styled(text, RunStyle::default(), None, source)
}

fn styled(text: &str, style: RunStyle, link: Option<usize>, source: Range<usize>) -> Inline {
    Inline::Text(Run {
        text: text.to_owned(),
        style,
        link,
        source,
    })
}

/// The text of a paragraph or heading, with soft breaks as `\n` and hard breaks as `<br>`.
fn flat(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(run) => run.text.as_str(),
            Inline::SoftBreak => "\n",
            Inline::HardBreak => "<br>",
        })
        .collect()
}

fn paragraph(block: &Block) -> &[Inline] {
    match block {
        Block::Paragraph(inlines) => inlines,
        other => panic!("expected a paragraph, got {other:?}"),
    }
}

fn list(block: &Block) -> (Option<u64>, &[ListItem]) {
    match block {
        Block::List { start, items } => (*start, items),
        other => panic!("expected a list, got {other:?}"),
    }
}

/// Every run in the body, depth first.
fn runs(body: &Body) -> Vec<&Run> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Run>) {
        for block in blocks {
            match block {
                Block::Paragraph(inlines) | Block::Heading { inlines, .. } => {
                    out.extend(inlines.iter().filter_map(|inline| match inline {
                        Inline::Text(run) => Some(run),
                        _ => None,
                    }));
                }
                Block::List { items, .. } => {
                    for item in items {
                        walk(&item.blocks, out);
                    }
                }
                Block::Quote(inner) => walk(inner, out),
                Block::Code { .. } | Block::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&body.blocks, &mut out);
    out
}

#[test]
fn chinese_paragraph_with_soft_break() {
    let source = "上海市邮政管理局将以此为契机，\n联系地方组织部门";
    let body = parse_body(source);
    assert_eq!(body.source, source);
    let first = "上海市邮政管理局将以此为契机，".len();
    assert_eq!(
        body.blocks,
        vec![Block::Paragraph(vec![
            plain("上海市邮政管理局将以此为契机，", 0..first),
            Inline::SoftBreak,
            plain("联系地方组织部门", first + 1..source.len()),
        ])]
    );
    assert!(body.links.is_empty());
}

#[test]
fn paragraphs_are_separate_blocks() {
    let body = parse_body("第一段。\n\n第二段。\n");
    assert_eq!(body.blocks.len(), 2);
    assert_eq!(flat(paragraph(&body.blocks[1])), "第二段。");
}

#[test]
fn styles() {
    let source = "*em* **strong** `code` ~~gone~~ ***both***";
    let body = parse_body(source);
    let inlines = paragraph(&body.blocks[0]);
    let find = |text: &str| {
        inlines
            .iter()
            .find_map(|inline| match inline {
                Inline::Text(run) if run.text == text => Some(run.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no run {text:?} in {inlines:?}"))
    };
    let em = find("em");
    assert_eq!(
        em.style,
        RunStyle {
            emphasis: true,
            ..RunStyle::default()
        }
    );
    assert_eq!(em.source, 1..3);
    assert_eq!(
        find("strong").style,
        RunStyle {
            strong: true,
            ..RunStyle::default()
        }
    );
    let code = find("code");
    assert_eq!(
        code.style,
        RunStyle {
            code: true,
            ..RunStyle::default()
        }
    );
    // An inline code run covers the whole span, backticks included.
    assert_eq!(source.get(code.source), Some("`code`"));
    assert_eq!(
        find("gone").style,
        RunStyle {
            strikethrough: true,
            ..RunStyle::default()
        }
    );
    assert_eq!(
        find("both").style,
        RunStyle {
            emphasis: true,
            strong: true,
            ..RunStyle::default()
        }
    );
    assert_eq!(flat(inlines), "em strong code gone both");
}

#[test]
fn nested_emphasis_keeps_outer_style() {
    let body = parse_body("*a *b* c*");
    let em = RunStyle {
        emphasis: true,
        ..RunStyle::default()
    };
    // All three pieces are emphasised, so they merge into one run.
    assert_eq!(
        body.blocks,
        vec![Block::Paragraph(vec![styled("a b c", em, None, 1..8)])]
    );
}

#[test]
fn links_are_deduplicated_in_order_of_first_appearance() {
    let source = "[甲](https://a.example) [乙](https://b.example) [丙](https://a.example)";
    let body = parse_body(source);
    assert_eq!(body.links, vec!["https://a.example", "https://b.example"]);
    let linked: Vec<_> = runs(&body)
        .into_iter()
        .filter(|run| run.link.is_some())
        .map(|run| (run.text.as_str(), run.link, source.get(run.source.clone())))
        .collect();
    assert_eq!(
        linked,
        vec![
            ("甲", Some(0), Some("甲")),
            ("乙", Some(1), Some("乙")),
            ("丙", Some(0), Some("丙")),
        ]
    );
}

#[test]
fn styled_text_inside_a_link() {
    let body = parse_body("see [the **docs**](https://d.example).");
    let strong = RunStyle {
        strong: true,
        ..RunStyle::default()
    };
    assert_eq!(
        paragraph(&body.blocks[0]),
        [
            plain("see ", 0..4),
            styled("the ", RunStyle::default(), Some(0), 5..9),
            styled("docs", strong, Some(0), 11..15),
            plain(".", 37..38),
        ]
    );
}

#[test]
fn autolink() {
    let body = parse_body("来源：<https://www.spb.gov.cn/>");
    assert_eq!(body.links, vec!["https://www.spb.gov.cn/"]);
    let runs = runs(&body);
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].text, "https://www.spb.gov.cn/");
    assert_eq!(runs[1].link, Some(0));
}

#[test]
fn image_alt_text_links_to_the_image() {
    let body = parse_body("![邮政网点](https://img.example/p.png)");
    assert_eq!(body.links, vec!["https://img.example/p.png"]);
    let runs = runs(&body);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].text, "邮政网点");
    assert_eq!(runs[0].link, Some(0));
}

#[test]
fn linked_image_keeps_the_outer_link() {
    let body = parse_body(
        "[![横幅](https://img.example/b.png)](https://news.example/1) [再看](https://news.example/1)",
    );
    assert_eq!(body.links, vec!["https://news.example/1"]);
    let links: Vec<_> = runs(&body)
        .iter()
        .map(|run| (run.text.as_str(), run.link))
        .collect();
    assert_eq!(links, [("横幅", Some(0)), (" ", None), ("再看", Some(0))]);
}

#[test]
fn empty_destination_is_not_a_link() {
    let body = parse_body("[text]()");
    assert!(body.links.is_empty());
    assert_eq!(runs(&body)[0].link, None);
}

#[test]
fn ordered_list_keeps_its_start() {
    let body = parse_body("3. 三\n4. 四\n");
    let (start, items) = list(&body.blocks[0]);
    assert_eq!(start, Some(3));
    let texts: Vec<_> = items
        .iter()
        .map(|item| flat(paragraph(&item.blocks[0])))
        .collect();
    assert_eq!(texts, ["三", "四"]);
}

#[test]
fn nested_bullet_list() {
    let body = parse_body("- outer\n  - inner one\n  - inner two\n- second\n");
    assert_eq!(body.blocks.len(), 1);
    let (start, items) = list(&body.blocks[0]);
    assert_eq!(start, None);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].blocks.len(), 2);
    assert_eq!(flat(paragraph(&items[0].blocks[0])), "outer");
    let (inner_start, inner) = list(&items[0].blocks[1]);
    assert_eq!(inner_start, None);
    let texts: Vec<_> = inner
        .iter()
        .map(|item| flat(paragraph(&item.blocks[0])))
        .collect();
    assert_eq!(texts, ["inner one", "inner two"]);
    assert_eq!(flat(paragraph(&items[1].blocks[0])), "second");
}

#[test]
fn tight_and_loose_items_both_hold_paragraphs() {
    let tight = parse_body("- 一\n  续\n- 二\n");
    let loose = parse_body("- 一\n  续\n\n- 二\n");
    for body in [&tight, &loose] {
        let (_, items) = list(&body.blocks[0]);
        assert_eq!(items.len(), 2, "{body:?}");
        assert_eq!(items[0].blocks.len(), 1);
        assert_eq!(flat(paragraph(&items[0].blocks[0])), "一\n续");
        assert_eq!(flat(paragraph(&items[1].blocks[0])), "二");
    }
}

#[test]
fn loose_item_with_two_paragraphs() {
    let body = parse_body("1. a\n\n   b\n2. c\n");
    let (start, items) = list(&body.blocks[0]);
    assert_eq!(start, Some(1));
    assert_eq!(items[0].blocks.len(), 2);
    assert_eq!(flat(paragraph(&items[0].blocks[1])), "b");
}

#[test]
fn empty_item() {
    let body = parse_body("-\n- x\n");
    let (_, items) = list(&body.blocks[0]);
    assert!(items[0].blocks.is_empty());
    assert_eq!(items[1].blocks.len(), 1);
}

#[test]
fn block_quote_with_two_paragraphs_and_nesting() {
    let body = parse_body("> 第一段\n>\n> 第二段\n>\n> > 引中引\n");
    let Block::Quote(inner) = &body.blocks[0] else {
        panic!("expected a quote: {body:?}");
    };
    assert_eq!(inner.len(), 3);
    assert_eq!(flat(paragraph(&inner[0])), "第一段");
    assert_eq!(flat(paragraph(&inner[1])), "第二段");
    let Block::Quote(nested) = &inner[2] else {
        panic!("expected a nested quote: {inner:?}");
    };
    assert_eq!(flat(paragraph(&nested[0])), "引中引");
}

#[test]
fn heading_levels() {
    let body = parse_body("# 一\n## 二\n###### 六\n\nSetext\n---\n");
    let levels: Vec<_> = body
        .blocks
        .iter()
        .map(|block| match block {
            Block::Heading { level, inlines } => (*level, flat(inlines)),
            other => panic!("expected a heading, got {other:?}"),
        })
        .collect();
    assert_eq!(
        levels,
        [
            (1, "一".to_owned()),
            (2, "二".to_owned()),
            (6, "六".to_owned()),
            (2, "Setext".to_owned()),
        ]
    );
}

#[test]
fn rule() {
    let body = parse_body("a\n\n---\n\nb\n");
    assert_eq!(body.blocks[1], Block::Rule);
    assert_eq!(body.blocks.len(), 3);
}

#[test]
fn fenced_code_block() {
    let source = "```rust\nfn main() {}\n\n// 注释\n```\n";
    let body = parse_body(source);
    let Block::Code {
        text,
        source: range,
    } = &body.blocks[0]
    else {
        panic!("expected code: {body:?}");
    };
    assert_eq!(text, "fn main() {}\n\n// 注释");
    assert_eq!(source.get(range.clone()), Some("fn main() {}\n\n// 注释"));
}

#[test]
fn indented_code_block_with_crlf() {
    let source = "para\r\n\r\n    a\r\n    b\r\n";
    let body = parse_body(source);
    let Block::Code {
        text,
        source: range,
    } = &body.blocks[1]
    else {
        panic!("expected code: {body:?}");
    };
    assert_eq!(text, "a\nb");
    assert_eq!(source.get(range.clone()), Some("a\r\n    b"));
}

#[test]
fn empty_code_block() {
    let body = parse_body("```\n```\n");
    assert!(matches!(&body.blocks[0], Block::Code { text, .. } if text.is_empty()));
}

#[test]
fn hard_breaks() {
    let body = parse_body("一  \n二\\\n三");
    assert_eq!(flat(paragraph(&body.blocks[0])), "一<br>二<br>三");
}

#[test]
fn entity_merges_into_one_run_covering_the_markup() {
    let source = "Tom &amp; Jerry\\*";
    let body = parse_body(source);
    assert_eq!(
        body.blocks,
        vec![Block::Paragraph(vec![plain(
            "Tom & Jerry*",
            0..source.len()
        )])]
    );
}

#[test]
fn inline_html_is_literal_text() {
    let source = "a <b>粗</b> c";
    let body = parse_body(source);
    assert_eq!(
        body.blocks,
        vec![Block::Paragraph(vec![plain(source, 0..source.len())])]
    );
}

#[test]
fn html_block_is_literal_text_line_by_line() {
    let source = "<div>\n<p>通知</p>\n</div>\n\nafter\n";
    let body = parse_body(source);
    assert_eq!(
        body.blocks[0],
        Block::Paragraph(vec![
            plain("<div>", 0..5),
            Inline::HardBreak,
            plain("<p>通知</p>", 6..19),
            Inline::HardBreak,
            plain("</div>", 20..26),
        ])
    );
    assert_eq!(flat(paragraph(&body.blocks[1])), "after");
}

#[test]
fn html_block_keeps_its_blank_lines() {
    let source = "<!--\n注释\n\n-->\n";
    let body = parse_body(source);
    assert_eq!(
        body.blocks,
        vec![Block::Paragraph(vec![
            plain("<!--", 0..4),
            Inline::HardBreak,
            plain("注释", 5..11),
            Inline::HardBreak,
            Inline::HardBreak,
            plain("-->", 13..16),
        ])]
    );
}

#[test]
fn table_syntax_stays_paragraph_text() {
    let body = parse_body("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert_eq!(body.blocks.len(), 1);
    assert_eq!(
        flat(paragraph(&body.blocks[0])),
        "| a | b |\n|---|---|\n| 1 | 2 |"
    );
}

#[test]
fn empty_input() {
    assert_eq!(parse_body(""), Body::default());
}

/// Markdown-heavy text, so the property test reaches lists, quotes, links and code.
fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\n"),
            Just("\r\n"),
            Just("  "),
            Just("- "),
            Just("1. "),
            Just("> "),
            Just("# "),
            Just("```"),
            Just("    "),
            Just("*"),
            Just("**"),
            Just("~~"),
            Just("`"),
            Just("["),
            Just("]"),
            Just("](u)"),
            Just("!["),
            Just("<https://x.y>"),
            Just("<div>"),
            Just("&amp;"),
            Just("\\"),
            Just("上海"),
            Just("abc"),
            Just("é"),
        ],
        0..64,
    )
    .prop_map(|parts| parts.concat())
}

fn check_ranges(source: &str) -> Result<(), TestCaseError> {
    let body = parse_body(source);
    prop_assert_eq!(&body.source, source);
    for run in runs(&body) {
        prop_assert!(
            source.get(run.source.clone()).is_some(),
            "bad range {:?} for {:?}",
            run.source,
            run.text
        );
        prop_assert!(run.link.is_none_or(|index| index < body.links.len()));
        prop_assert!(!run.text.is_empty());
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(source in any::<String>()) {
        check_ranges(&source)?;
    }

    #[test]
    fn markdownish_strings_keep_valid_ranges(source in markdownish()) {
        check_ranges(&source)?;
    }
}
