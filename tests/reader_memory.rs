//! What the reader remembers: read marks, bookmarks, places per article, and the last article
//! on the next start.

mod support {
    pub mod screen;
}

use std::time::Instant;

use kanbao::reader::{Focus, Message, Overlay, READ_AFTER, update};
use kanbao::state::{Place, ReadingState};
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{keys, library, open_seed, reader, screen};

#[test]
fn an_article_on_screen_for_a_moment_is_read_and_stands_out_until_then() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    let id = reader.selected_id(&library).expect("an article").to_owned();
    assert!(!reader.memory.is_read(&id));
    let shown = screen(&reader, &library);
    let second_row = shown.lines().nth(1).unwrap_or_default();
    assert!(
        second_row.starts_with('*'),
        "unread is marked: {second_row}"
    );
    // Not yet: the clock has not moved far enough.
    update(&mut reader, &library, Message::Tick(Instant::now()));
    assert!(!reader.memory.is_read(&id));
    update(
        &mut reader,
        &library,
        Message::Tick(Instant::now() + READ_AFTER),
    );
    assert!(reader.memory.is_read(&id));
    let shown = screen(&reader, &library);
    assert!(!shown.lines().nth(1).unwrap_or_default().starts_with('*'));
}

#[test]
fn scrolling_or_opening_the_pane_reads_the_article() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "j enter");
    let id = reader.selected_id(&library).expect("an article").to_owned();
    assert!(reader.memory.is_read(&id));
    keys(&mut reader, &library, "esc j space");
    let id = reader.selected_id(&library).expect("an article").to_owned();
    assert!(reader.memory.is_read(&id), "Space from the list reads too");
}

#[test]
fn m_toggles_and_capital_m_marks_the_whole_issue() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    let id = reader.selected_id(&library).expect("an article").to_owned();
    keys(&mut reader, &library, "m");
    assert!(reader.memory.is_read(&id));
    assert_eq!(reader.notice.as_deref(), Some("marked read"));
    keys(&mut reader, &library, "m");
    assert!(!reader.memory.is_read(&id));
    assert_eq!(reader.notice.as_deref(), Some("marked unread"));
    keys(&mut reader, &library, "M");
    let issue = &library.issues[reader.rows.articles[reader.selected].issue];
    assert!(issue.articles.iter().all(|a| reader.memory.is_read(&a.id)));
    let heading = screen(&reader, &library);
    let heading = heading.lines().next().unwrap_or_default();
    assert!(
        !heading.trim_end().ends_with(" 6"),
        "no unread count left: {heading}"
    );
}

#[test]
fn issue_headings_show_their_unread_count() {
    let library = library();
    let reader = reader(&library, 80, 24, Narrow);
    let shown = screen(&reader, &library);
    let heading = shown.lines().next().unwrap_or_default();
    let count = library.issues[0].articles.len();
    assert!(heading.contains(&format!(" {count} ")), "{heading}");
}

#[test]
fn each_article_reopens_where_it_was_left() {
    let library = library();
    let mut reader = reader(&library, 60, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter f f");
    let place = reader.anchor;
    let top = reader.pane_top;
    assert!(top > 0);
    keys(&mut reader, &library, "J");
    assert_eq!(reader.pane_top, 0, "another article starts at its top");
    keys(&mut reader, &library, "K");
    assert_eq!(reader.anchor, place, "and back here is where it was left");
    assert_eq!(reader.pane_top, top);
}

#[test]
fn bookmarks_list_across_issues_and_open_at_their_place() {
    let library = library();
    let mut reader = reader(&library, 60, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter f B");
    assert_eq!(reader.notice.as_deref(), Some("bookmarked"));
    let marked = (reader.selected, reader.pane_top);
    keys(&mut reader, &library, "esc g");
    assert_eq!(reader.selected, 0);
    keys(&mut reader, &library, "B '");
    assert_eq!(reader.overlay, Overlay::Bookmarks);
    let shown = screen(&reader, &library);
    assert!(shown.contains("深化党建引领"), "{shown}");
    // Most recent first: the first article, then the seed's second.
    keys(&mut reader, &library, "j enter");
    assert_eq!(reader.overlay, Overlay::None);
    assert_eq!(reader.focus, Focus::Pane);
    assert_eq!((reader.selected, reader.pane_top), marked);
    // B again removes it.
    keys(&mut reader, &library, "B");
    assert_eq!(reader.notice.as_deref(), Some("bookmark removed"));
}

#[test]
fn resuming_opens_the_last_article_at_its_place() {
    let library = library();
    let mut first = reader(&library, 60, 24, Narrow);
    open_seed(&mut first, &library);
    keys(&mut first, &library, "J enter f");
    let (selected, top) = (first.selected, first.pane_top);
    // Through the state file's own format, as a restart would.
    let saved = first.memory.to_toml();
    let memory = ReadingState::from_toml(&saved).expect("state parses");
    let mut second = reader(&library, 60, 24, Narrow);
    second.resume(&library, memory);
    assert_eq!((second.selected, second.pane_top), (selected, top));
    // At another width the same place is found again.
    let memory = ReadingState::from_toml(&saved).expect("state parses");
    let mut wider = reader(&library, 120, 40, Narrow);
    wider.resume(&library, memory);
    assert_eq!(wider.selected, selected);
    let Some(Place::Offset { offset, .. }) = wider
        .memory
        .position(wider.selected_id(&library).unwrap_or_default())
    else {
        panic!("a body position was saved");
    };
    let document = wider.document.as_ref().expect("document");
    let line = document.line_at(offset);
    assert!(line >= wider.pane_top && line < wider.pane_top + wider.pane_size().1);
}

#[test]
fn b_elsewhere_in_a_bookmarked_article_adds_a_second_bookmark() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter B");
    let id = reader.selected_id(&library).expect("an article").to_owned();
    let first_top = reader.pane_top;
    keys(&mut reader, &library, "j j j B");
    assert_eq!(reader.notice.as_deref(), Some("bookmarked"));
    assert_eq!(reader.memory.bookmarks_of(&id).len(), 2, "both places kept");
    keys(&mut reader, &library, "'");
    insta::assert_snapshot!(
        "two_bookmarks_in_one_article_80x24",
        screen(&reader, &library)
    );
    keys(&mut reader, &library, "esc");
    // Back at the first place: B there removes that bookmark only.
    keys(&mut reader, &library, "g");
    assert_eq!(reader.pane_top, first_top);
    keys(&mut reader, &library, "B");
    assert_eq!(reader.notice.as_deref(), Some("bookmark removed"));
    let left = reader.memory.bookmarks_of(&id);
    assert_eq!(left.len(), 1, "{left:?}");
    let document = reader.document.as_ref().expect("the article");
    assert_eq!(
        document.line_of(kanbao::reader::Anchor::from(left[0])),
        first_top + 3,
        "the one three lines down stays"
    );
}

#[test]
fn the_same_place_is_the_same_top_line_at_this_width() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter j j B");
    let id = reader.selected_id(&library).expect("an article").to_owned();
    // Wider, the bookmark's line moves; the article's top line is still its place.
    update(
        &mut reader,
        &library,
        kanbao::reader::Message::Resize(120, 24),
    );
    keys(&mut reader, &library, "B");
    assert_eq!(reader.notice.as_deref(), Some("bookmark removed"));
    assert!(reader.memory.bookmarks_of(&id).is_empty());
}

#[test]
fn bookmarks_of_articles_not_in_the_list_are_left_out_and_the_rest_keep_their_order() {
    let library = library();
    let mut reader = reader(&library, 80, 24, Narrow);
    open_seed(&mut reader, &library);
    keys(&mut reader, &library, "J enter B");
    let first = reader.selected;
    // An article that left the folder (its issue file removed) keeps its bookmark in the
    // state file, but the overlay has nowhere to open it.
    reader.memory.set_bookmark("gone/1", Place::Header(0), true);
    keys(&mut reader, &library, "esc J enter B");
    let second = reader.selected;
    assert_ne!(first, second);
    let listed: Vec<usize> = kanbao::reader::bookmarks(&reader, &library)
        .into_iter()
        .map(|(position, _)| position)
        .collect();
    assert_eq!(
        listed,
        [second, first],
        "most recent first, the missing one left out"
    );
}
