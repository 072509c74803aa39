//! The status line at every width: it gives up the issue title, then `? help`, then long
//! forms, never the article number or the match counter while they fit, and an open prompt
//! keeps its whole label and the end of the query with the cursor in view.

mod support {
    pub mod screen;
}

use kanbao::load::Library;
use kanbao::reader::{Message, Reader, update};
use kanbao::text::AmbiguousWidth::{self, Narrow, Wide};
use kanbao::text::str_width;
use proptest::prelude::*;
use support::screen::{keys, library, open_seed, reader, screen, type_text};

const WIDTHS: [u16; 6] = [20, 30, 37, 44, 45, 80];

fn status_line(reader: &Reader, library: &Library) -> String {
    let shown = screen(reader, library);
    shown.lines().last().unwrap_or_default().to_owned()
}

/// The seed bulletin's third article, open in the pane, after `then`.
fn seed_third(library: &Library, width: u16, then: impl Fn(&mut Reader)) -> Reader {
    let mut reader = reader(library, width, 12, Narrow);
    open_seed(&mut reader, library);
    keys(&mut reader, library, "J J enter");
    then(&mut reader);
    reader
}

/// The status line of each state at each width, one per line, between bars.
fn status_lines(library: &Library, then: impl Fn(&mut Reader)) -> String {
    use std::fmt::Write as _;
    let mut lines = String::new();
    for width in WIDTHS {
        let reader = seed_third(library, width, &then);
        let _ = writeln!(lines, "{width:>2} |{}|", status_line(&reader, library));
    }
    lines
}

#[test]
fn a_kept_find_shows_article_number_and_match_counter_at_every_width() {
    let library = library();
    let shown = status_lines(&library, |reader| {
        keys(reader, &library, "/");
        type_text(reader, &library, "党员");
        keys(reader, &library, "enter n");
    });
    for line in shown.lines() {
        assert!(line.contains("3/9"), "the article number: {line}");
        assert!(line.contains("2/"), "the match counter: {line}");
    }
    insta::assert_snapshot!("status_find_kept", shown);
}

#[test]
fn the_find_prompt_keeps_the_query_end_and_the_cursor() {
    let library = library();
    let shown = status_lines(&library, |reader| {
        keys(reader, &library, "/");
        type_text(reader, &library, "上海邮政快递业简报第三期");
    });
    for line in shown.lines() {
        assert!(line.contains("三期_"), "{line}");
        assert!(line.contains(" /"), "the label is whole: {line}");
    }
    insta::assert_snapshot!("status_find_prompt", shown);
}

#[test]
fn the_search_prompt_shortens_its_label_instead_of_cutting_it() {
    let library = library();
    let shown = status_lines(&library, |reader| {
        keys(reader, &library, "s");
        type_text(reader, &library, "邮政快递业");
    });
    for line in shown.lines() {
        assert!(line.contains("邮政快递业_"), "{line}");
        assert!(
            line.contains(" search: 邮") || line.contains(" s: 邮"),
            "the label is whole: {line}"
        );
    }
    insta::assert_snapshot!("status_search_prompt", shown);
}

#[test]
fn a_narrow_screen_with_a_find_prompt() {
    let library = library();
    let reader = seed_third(&library, 30, |reader| {
        keys(reader, &library, "/");
        type_text(reader, &library, "快递业");
    });
    insta::assert_snapshot!("find_prompt_30x12", screen(&reader, &library));
}

/// A query of CJK, kana, Latin and ambiguous-width characters.
fn query() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        '邮', '政', '快', '递', 'の', 'カ', 'a', 'Z', '1', '“', '…', '①', 'é', '한', '_',
    ]);
    prop::collection::vec(chars, 1..30).prop_map(|c| c.into_iter().collect())
}

fn check_prompt(width: u16, ambiguous: AmbiguousWidth, search: bool, text: &str, article: usize) {
    let library = library();
    let mut reader = reader(&library, width, 8, ambiguous);
    for _ in 0..article {
        keys(&mut reader, &library, "j");
    }
    keys(&mut reader, &library, if search { "s" } else { "/" });
    type_text(&mut reader, &library, text);
    let line = status_line(&reader, &library);
    assert!(
        str_width(&line, ambiguous) <= usize::from(width),
        "wider than {width}: {line}"
    );
    let shown = line.trim_end().trim_end_matches("? help").trim_end();
    assert!(shown.ends_with('_'), "the cursor: {line}");
    let last = text.chars().last().unwrap_or_default();
    let before_cursor = shown.trim_end_matches('_');
    let query_tail = text.trim_end_matches('_');
    if query_tail.is_empty() {
        return;
    }
    assert!(
        before_cursor.ends_with(query_tail.chars().last().unwrap_or(last)),
        "the end of the query {text:?}: {line}"
    );
    let label = if search {
        [" search: ", " s: "]
    } else {
        [" /", " /"]
    };
    assert!(
        label.iter().any(|l| line.starts_with(l)),
        "the whole label: {line}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_prompt_always_shows_its_label_the_query_end_and_the_cursor(
        width in 20u16..100,
        wide in any::<bool>(),
        search in any::<bool>(),
        text in query(),
        article in 0usize..12,
    ) {
        let ambiguous = if wide { Wide } else { Narrow };
        check_prompt(width, ambiguous, search, &text, article);
    }

    #[test]
    fn the_status_line_never_overflows_and_keeps_the_counter(
        width in 20u16..100,
        wide in any::<bool>(),
        text in query(),
        steps in prop::collection::vec(prop::sample::select(vec!["j", "n", "J", "space", "enter"]), 0..8),
    ) {
        let library = library();
        let ambiguous = if wide { Wide } else { Narrow };
        let mut reader = reader(&library, width, 8, ambiguous);
        keys(&mut reader, &library, "enter /");
        type_text(&mut reader, &library, &text);
        keys(&mut reader, &library, "enter");
        for step in steps {
            keys(&mut reader, &library, step);
        }
        update(&mut reader, &library, Message::Resize(width, 8));
        let line = status_line(&reader, &library);
        prop_assert!(str_width(&line, ambiguous) <= usize::from(width), "{}", line);
        let at = reader.rows.articles[reader.selected];
        let number = format!("{}/{}", at.article + 1, library.issues[at.issue].articles.len());
        prop_assert!(line.contains(&number), "the article number {}: {}", number, line);
        if let Some(find) = &reader.find
            && let Some(current) = find.current
        {
            let counter = format!("{}/{}", current + 1, find.hits.len());
            prop_assert!(line.contains(&counter), "the match counter {}: {}", counter, line);
        }
    }
}
