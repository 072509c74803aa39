//! Bodies nested thousands deep (10 KB of `>`, lists in lists): kept to 32 levels with a
//! warning at the first level past them, and loaded, laid out and drawn at a cost that grows
//! with the text, not with the square of its depth.

mod support {
    pub mod screen;
}

use std::path::{Path, PathBuf};

use kanbao::load::{self, Library};
use kanbao::model::{Block, Body, MAX_NESTING, may_nest_too_deep, parse_body_with_notes};
use kanbao::text::{AmbiguousWidth, LayoutOptions, Line, layout_article, layout_body};
use proptest::prelude::*;
use support::screen::{first_article_of, keys, reader, screen};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/deep-nesting")
}

fn deep_library() -> Library {
    load::load_folder(&folder()).expect("the folder loads")
}

/// How many quotes and lists the deepest block of `blocks` sits in.
fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Quote(inner) => 1 + depth(inner),
            Block::List { items, .. } => {
                1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn body_of(library: &Library, stem: &str) -> Body {
    let issue = library
        .issues
        .iter()
        .find(|i| i.stem == stem)
        .expect("the issue loads");
    issue.articles[0].body.parse()
}

#[test]
fn each_deep_file_loads_with_one_warning_at_the_first_level_too_deep() {
    let library = deep_library();
    assert_eq!(library.issues.len(), 2);
    let shown: Vec<String> = library
        .problems
        .iter()
        .map(|p| {
            let path = p.path.file_name().expect("a file").to_string_lossy();
            format!("{path}:{}:{}: {}", p.line, p.column, p.message)
        })
        .collect();
    assert_eq!(
        shown,
        [
            "deep-lists.toml:41:65: block quotes and lists in the body of article 1 nest more than 32 levels deep; the deeper levels are shown at level 32",
            "deep-quotes.toml:9:33: block quotes and lists in the body of article 1 nest more than 32 levels deep; the deeper levels are shown at level 32",
        ]
    );
}

#[test]
fn deep_bodies_keep_32_levels_and_every_word() {
    let library = deep_library();
    for (stem, last_words) in [
        ("deep-quotes", "引用的最深处仍然是一句完整的话。"),
        ("deep-lists", "一行之内的三千层列表。"),
    ] {
        let body = body_of(&library, stem);
        assert_eq!(depth(&body.blocks), MAX_NESTING, "{stem}");
        let layout = layout_article(
            &library
                .issues
                .iter()
                .find(|i| i.stem == stem)
                .expect("issue")
                .articles[0],
            &LayoutOptions::new(200, AmbiguousWidth::Narrow),
        );
        let text: String = layout.lines.iter().map(Line::text).collect();
        assert!(text.contains(last_words), "{stem}: {text}");
    }
    let lists = body_of(&library, "deep-lists");
    let text: Vec<String> = layout_article(
        &library
            .issues
            .iter()
            .find(|i| i.stem == "deep-lists")
            .expect("issue")
            .articles[0],
        &LayoutOptions::new(200, AmbiguousWidth::Narrow),
    )
    .lines
    .iter()
    .map(Line::text)
    .collect();
    for level in 1..=40 {
        let words = format!("第{level}层");
        assert!(
            text.iter().any(|line| line.trim_end().ends_with(&words)),
            "{words} is shown: {text:#?}"
        );
    }
    assert!(lists.source.len() < 8_192);
}

#[test]
fn laid_out_lines_grow_with_the_text_not_its_depth() {
    let library = deep_library();
    for issue in &library.issues {
        let article = &issue.articles[0];
        let source = article.body.len();
        for width in [20, 80, 200] {
            let options = LayoutOptions::new(width, AmbiguousWidth::Narrow);
            let lines = layout_article(article, &options).lines;
            let bytes: usize = lines.iter().map(|l| l.text().len()).sum();
            assert!(
                lines.len() <= 80,
                "{}: {} lines at {width}",
                issue.stem,
                lines.len()
            );
            assert!(
                bytes <= 4 * source,
                "{}: {bytes} bytes laid out for {source} of source at {width}",
                issue.stem
            );
            assert!(
                lines
                    .iter()
                    .all(|l| l.width(AmbiguousWidth::Narrow) <= width)
            );
        }
    }
}

#[test]
fn the_reader_draws_the_deep_quotes_at_80x24() {
    let library = deep_library();
    let mut reader = reader(&library, 80, 24, AmbiguousWidth::Narrow);
    let target = first_article_of(&reader, &library, "deep-quotes");
    while reader.selected != target {
        keys(&mut reader, &library, "j");
    }
    keys(&mut reader, &library, "enter");
    insta::assert_snapshot!("deep_quotes_80x24", screen(&reader, &library));
}

#[test]
fn an_unnested_body_has_nothing_to_say() {
    let (_, notes) = parse_body_with_notes("> 引用\n\n- 一\n  - 二\n");
    assert_eq!(notes.too_deep, None);
}

/// Lines that open quotes and lists, often more than the cap, at random indents, with words.
fn nested_markdown() -> impl Strategy<Value = String> {
    let marker = prop::sample::select(vec![
        "> ", ">", "- ", "* ", "1. ", "  ", "\t", "+ ", "1) ", "-\n", " >",
    ]);
    let line = (
        prop::collection::vec(marker, 0..80),
        prop::sample::select(vec!["字", "a b", "", "字\n"]),
    )
        .prop_map(|(markers, words)| format!("{}{words}\n", markers.concat()));
    prop::collection::vec(line, 0..8).prop_map(|lines| lines.concat())
}

proptest! {
    #[test]
    fn depth_never_exceeds_the_cap(source in nested_markdown()) {
        let (body, notes) = parse_body_with_notes(&source);
        let deepest = depth(&body.blocks);
        prop_assert!(deepest <= MAX_NESTING, "{} levels", deepest);
        prop_assert!(notes.too_deep.is_none() || deepest == MAX_NESTING);
        let options = LayoutOptions::new(40, AmbiguousWidth::Narrow);
        let laid_out: String = layout_body(&body, &options).iter().map(Line::text).collect();
        prop_assert_eq!(laid_out.matches('字').count(), source.matches('字').count());
    }

    /// Loading parses only the bodies this lets through, to find where they nest too deep.
    #[test]
    fn the_quick_check_never_misses_a_body_nested_too_deep(source in nested_markdown()) {
        let (_, notes) = parse_body_with_notes(&source);
        if notes.too_deep.is_some() {
            prop_assert!(may_nest_too_deep(&source));
        }
    }
}

#[test]
fn the_quick_check_passes_ordinary_bodies() {
    for source in [
        "近日，上海邮政快递业先进典型\n\n> 引用\n> - 一\n>   - 二\n",
        "1. 一\n   1. 二\n",
    ] {
        assert!(!may_nest_too_deep(source), "{source}");
    }
    assert!(may_nest_too_deep(&">".repeat(33)));
    assert!(may_nest_too_deep(&format!("{}- 字", "  ".repeat(16))));
}
