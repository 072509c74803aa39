//! Key sequences and what they do to the reader's state: selection, scroll, focus, overlays,
//! and the place in the text across a resize.

mod support {
    pub mod screen;
}

use kanbao::reader::{Focus, Message, Overlay, update};
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{first_article_of, keys, library, open_seed, reader};

#[test]
fn starts_on_the_newest_issues_first_article_with_the_list_focused() {
    let library = library();
    let reader = reader(&library, 80, 24, Narrow);
    assert_eq!(reader.selected, 0);
    assert_eq!(reader.rows.articles[0].issue, 0);
    assert_eq!(library.issues[0].stem, "2024-06-dispatches");
    assert_eq!(reader.focus, Focus::List);
    assert_eq!(reader.pane_top, 0);
}

#[test]
fn list_keys_move_the_selection_and_the_pane_follows() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "j j");
    assert_eq!(reader.selected, 2);
    assert_eq!(reader.document.as_ref().map(|d| d.article.article), Some(2));
    keys(&mut reader, &library, "k");
    assert_eq!(reader.selected, 1);
    keys(&mut reader, &library, "G");
    assert_eq!(reader.selected, reader.rows.articles.len() - 1);
    keys(&mut reader, &library, "g");
    assert_eq!(reader.selected, 0);
    keys(&mut reader, &library, "]");
    assert_eq!(
        reader.selected,
        first_article_of(&reader, &library, "2024-05-hon-no-mushi")
    );
    keys(&mut reader, &library, "[");
    assert_eq!(reader.selected, 0);
    keys(&mut reader, &library, "k");
    assert_eq!(reader.selected, 0, "up at the top stays");
}

#[test]
fn enter_focuses_the_pane_where_keys_scroll_and_esc_returns() {
    let library = library();
    // 60 columns: a pane of 34, where the seed's second article is several pages long.
    let mut reader = reader(&library, 60, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter");
    assert_eq!(reader.focus, Focus::Pane);
    let selected = reader.selected;
    keys(&mut reader, &library, "j j j");
    assert_eq!(reader.pane_top, 3);
    assert_eq!(
        reader.selected, selected,
        "j scrolls, it does not change article"
    );
    keys(&mut reader, &library, "k");
    assert_eq!(reader.pane_top, 2);
    keys(&mut reader, &library, "G");
    assert_eq!(reader.pane_top, reader.max_pane_top());
    keys(&mut reader, &library, "g");
    assert_eq!(reader.pane_top, 0);
    keys(&mut reader, &library, "f");
    assert_eq!(
        reader.pane_top, 22,
        "a page is the pane's height less one line"
    );
    keys(&mut reader, &library, "b");
    assert_eq!(reader.pane_top, 0);
    keys(&mut reader, &library, "esc");
    assert_eq!(reader.focus, Focus::List);
    keys(&mut reader, &library, "tab");
    assert_eq!(reader.focus, Focus::Pane);
    keys(&mut reader, &library, "tab");
    assert_eq!(reader.focus, Focus::List);
}

#[test]
fn space_alone_reads_the_whole_seed_issue_to_its_footer() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    let last = reader.selected
        + library.issues[reader.rows.articles[reader.selected].issue]
            .articles
            .len()
        - 1;
    let mut presses = 0;
    while !(reader.selected == last && reader.pane_top == reader.max_pane_top()) {
        keys(&mut reader, &library, "space");
        presses += 1;
        assert!(presses < 100, "Space must reach the end");
    }
    assert_eq!(
        reader.focus,
        Focus::List,
        "Space reads on from the list too"
    );
    let document = reader.document.as_ref().expect("document");
    let text: String = document
        .lines()
        .iter()
        .map(kanbao::text::Line::text)
        .collect();
    assert!(
        text.contains("各快递企业") || text.contains("各快递"),
        "footer shown"
    );
    // One more Space past the issue goes on to the next issue's first article, if any.
    keys(&mut reader, &library, "space");
}

#[test]
fn capital_j_and_k_move_between_articles_from_the_pane() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "enter j j J");
    assert_eq!(reader.selected, 1);
    assert_eq!(reader.pane_top, 0, "a new article starts at its top");
    keys(&mut reader, &library, "K K");
    assert_eq!(reader.selected, 0);
}

#[test]
fn overlays_open_scroll_and_close() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "?");
    assert_eq!(reader.overlay, Overlay::Help);
    keys(&mut reader, &library, "j j");
    assert_eq!(reader.overlays.help_top, 2);
    assert_eq!(reader.selected, 0, "keys go to the overlay");
    keys(&mut reader, &library, "!");
    assert_eq!(reader.overlay, Overlay::Problems);
    keys(&mut reader, &library, "esc");
    assert_eq!(reader.overlay, Overlay::None);
    keys(&mut reader, &library, "? q");
    assert_eq!(reader.overlay, Overlay::None);
    assert!(!reader.quit, "q closes an overlay first");
    keys(&mut reader, &library, "q");
    assert!(reader.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "enter ctrl-c");
    assert!(reader.quit);
}

#[test]
fn narrow_screens_open_and_return_with_enter_and_esc() {
    let library = library();
    let mut reader = reader(&library, 41, 20, Narrow);
    let screen = reader.screen();
    assert!(screen.list.is_some() && screen.pane.is_none());
    keys(&mut reader, &library, "enter");
    let screen = reader.screen();
    assert!(screen.list.is_none() && screen.pane.is_some());
    keys(&mut reader, &library, "esc");
    assert!(reader.screen().pane.is_none());
}

#[test]
fn a_resize_rewraps_and_keeps_the_same_text_on_top() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter f");
    while reader.document.as_ref().expect("document").lines()[reader.pane_top]
        .source()
        .is_none()
    {
        keys(&mut reader, &library, "j");
    }
    let top_text = |r: &kanbao::reader::Reader| {
        let document = r.document.as_ref().expect("document");
        let line = &document.lines()[r.pane_top];
        (line.source().expect("a body line").start, line.text())
    };
    let (offset, _) = top_text(&reader);
    for (width, height) in [(120, 40), (61, 30), (41, 20), (100, 24), (80, 24)] {
        update(&mut reader, &library, Message::Resize(width, height));
        let document = reader.document.as_ref().expect("document");
        let holder = document
            .layout
            .line_at(offset)
            .expect("a line holds the offset");
        let source = document.lines()[holder].source().expect("body line");
        assert!(source.start <= offset && offset < source.end.max(source.start + 1));
        if holder <= reader.max_pane_top() {
            assert_eq!(
                reader.pane_top, holder,
                "at {width}x{height} the place is on top"
            );
        } else {
            // The article's end is reached: the place is on screen, below the top.
            let height = reader.pane_size().1;
            assert!(
                holder < reader.pane_top + height,
                "at {width}x{height} on screen"
            );
        }
    }
    let _ = top_text;
}

#[test]
fn clicks_select_articles_and_the_wheel_scrolls_the_pane_under_it() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    update(&mut reader, &library, Message::Click { x: 5, y: 3 });
    assert_eq!(reader.selected, 2, "row 3 is the third article");
    update(
        &mut reader,
        &library,
        Message::Wheel {
            x: 40,
            y: 5,
            lines: 3,
        },
    );
    assert_eq!(reader.pane_top, 3.min(reader.max_pane_top()));
    update(
        &mut reader,
        &library,
        Message::Wheel {
            x: 5,
            y: 5,
            lines: 3,
        },
    );
    assert_eq!(
        reader.list_top, 3,
        "the wheel over the list scrolls the list"
    );
}
