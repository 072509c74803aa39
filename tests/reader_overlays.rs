//! The overlays (help `?`, problems `!`, bookmarks `'`, links `u`): each keeps its own
//! position, keys act on the open overlay whichever pane had focus, a selection never leaves
//! its list, and Enter does what the README says: a link is sent to the clipboard (OSC 52)
//! and named in the status line, a bookmark opens its article at its place.

mod support {
    pub mod screen;
}

use std::path::Path;
use std::sync::OnceLock;

use kanbao::load::{Library, load_folder};
use kanbao::reader::{
    Anchor, Focus, Key, Message, Overlay, Reader, bookmarks, help_lines, links, problem_lines,
    settle, update,
};
use kanbao::state::Place;
use kanbao::text::AmbiguousWidth::Narrow;
use proptest::prelude::*;
use support::screen::{first_article_of, keys, reader, screen};

/// The shipped issues with the links fixture (an article with seven links of every kind).
fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut library = support::screen::library();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fixture = load_folder(&root.join("tests/fixtures/links")).expect("links fixture");
        library.issues.extend(fixture.issues);
        library.files += fixture.files;
        library
    })
}

/// A reader with four bookmarks in two issues.
fn bookmarked_reader(library: &Library, width: u16, height: u16) -> Reader {
    let mut reader = reader(library, width, height, Narrow);
    let article_id = |reader: &Reader, stem: &str, n: usize| {
        let at = reader.rows.articles[first_article_of(reader, library, stem) + n];
        library.issues[at.issue].articles[at.article].id.clone()
    };
    let marks = [
        (
            article_id(&reader, "2022-11-shanghai-postal", 1),
            Place::at(120),
        ),
        (
            article_id(&reader, "2022-11-shanghai-postal", 5),
            Place::at(600),
        ),
        (article_id(&reader, "2024-03-links", 0), Place::Header(0)),
        (
            article_id(&reader, "2022-11-shanghai-postal", 3),
            Place::FromEnd(2),
        ),
    ];
    for (id, place) in marks {
        reader.memory.toggle_bookmark(&id, place);
    }
    reader
}

fn press(reader: &mut Reader, library: &Library, key: &str) {
    keys(reader, library, key);
}

/// How far the open overlay may go: the last useful top line of the help and the problems,
/// the last item of the bookmarks and the links.
fn overlay_limit(reader: &Reader, library: &Library) -> usize {
    let height = usize::from(reader.screen().body.height);
    match reader.overlay {
        Overlay::None => 0,
        Overlay::Help => help_lines(reader).len().saturating_sub(height),
        Overlay::Problems => problem_lines(reader, library).len().saturating_sub(height),
        Overlay::Bookmarks => bookmarks(reader, library).len().saturating_sub(1),
        Overlay::Links => links(reader).len().saturating_sub(1),
    }
}

fn overlay_position(reader: &Reader) -> usize {
    let at = reader.overlays;
    match reader.overlay {
        Overlay::None => 0,
        Overlay::Help => at.help_top,
        Overlay::Problems => at.problems_top,
        Overlay::Bookmarks => at.bookmark,
        Overlay::Links => at.link,
    }
}

#[test]
fn enter_copies_a_link_with_the_pane_focused() {
    let library = library();
    let mut reader = bookmarked_reader(library, 80, 24);
    reader.selected = first_article_of(&reader, library, "2024-03-links");
    reader.relayout(library);
    press(&mut reader, library, "enter");
    assert_eq!(reader.focus, Focus::Pane);
    press(&mut reader, library, "u j enter");
    assert_eq!(reader.overlay, Overlay::Links, "the list stays up");
    assert_eq!(
        reader.notice.as_deref(),
        Some("[2] sent to terminal (OSC 52): mailto:info@example.com")
    );
    assert_eq!(reader.clipboard.as_deref(), Some("mailto:info@example.com"));
}

#[test]
fn enter_opens_a_bookmark_with_the_pane_focused() {
    let library = library();
    let mut reader = bookmarked_reader(library, 80, 24);
    press(&mut reader, library, "enter ' j j j enter");
    assert_eq!(reader.overlay, Overlay::None);
    assert_eq!(reader.focus, Focus::Pane);
    let seed = first_article_of(&reader, library, "2022-11-shanghai-postal");
    assert_eq!(reader.selected, seed + 1, "the oldest bookmark");
    let document = reader.document.as_ref().expect("the article");
    let line = document.line_of(Anchor::Offset {
        offset: 120,
        below: 0,
    });
    assert_eq!(reader.pane_top, line.min(reader.max_pane_top()));
}

#[test]
fn space_and_end_keep_the_selection_on_the_last_item() {
    let library = library();
    let mut reader = bookmarked_reader(library, 80, 24);
    press(&mut reader, library, "' space space space");
    assert_eq!(reader.overlays.bookmark, 3, "the last of four bookmarks");
    press(&mut reader, library, "j j G end");
    assert_eq!(reader.overlays.bookmark, 3);
    let shown = screen(&reader, library);
    assert!(shown.contains("上海邮政快递业简报"), "{shown}");
}

#[test]
fn each_overlay_keeps_its_own_position() {
    let library = library();
    let mut reader = bookmarked_reader(library, 80, 24);
    press(&mut reader, library, "? j j j");
    assert_eq!(reader.overlays.help_top, 3);
    press(&mut reader, library, "' j");
    assert_eq!(
        reader.overlay,
        Overlay::Bookmarks,
        "' switches from the help"
    );
    assert_eq!(reader.overlays.bookmark, 1);
    assert_eq!(reader.overlays.help_top, 3, "the help's place is its own");
    press(&mut reader, library, "'");
    assert_eq!(reader.overlay, Overlay::None, "its own key closes it");
}

/// Keys that open the list overlays, move in them and choose: drawn most often, so that
/// most sequences choose something.
const LIST_KEYS: &[&str] = &["u", "'", "enter", "j", "k", "space"];

/// Every other key that moves, chooses, switches or closes, in the list and in the pane.
const OTHER_KEYS: &[&str] = &[
    "down", "up", "pagedown", "pageup", "f", "b", "g", "G", "home", "end", "l", "right", "h",
    "left", "tab", "esc", "q", "?", "!", "B", "J", "K", "[", "]", "m",
];

fn key_message(keys: &'static [&'static str]) -> impl Strategy<Value = Message> {
    (0..keys.len()).prop_map(move |i| Message::Key(Key::parse(keys[i]).expect("a key")))
}

fn message() -> impl Strategy<Value = Message> {
    prop_oneof![
        6 => key_message(LIST_KEYS),
        4 => key_message(OTHER_KEYS),
        1 => (20u16..160, 5u16..50).prop_map(|(w, h)| Message::Resize(w, h)),
        1 => (0u16..160, 0u16..50, -8i16..8).prop_map(|(x, y, lines)| Message::Wheel { x, y, lines }),
    ]
}

/// What Enter must do in the open list overlay, checked after it.
enum Expected {
    Copied { notice: String, url: String },
    Opened { position: usize, place: Place },
    Nothing,
}

fn expected_on_enter(reader: &Reader, library: &Library) -> Expected {
    match reader.overlay {
        Overlay::Links => {
            links(reader)
                .get(reader.overlays.link)
                .map_or(Expected::Nothing, |url| Expected::Copied {
                    notice: format!(
                        "[{}] sent to terminal (OSC 52): {url}",
                        reader.overlays.link + 1
                    ),
                    url: url.clone(),
                })
        }
        Overlay::Bookmarks => bookmarks(reader, library)
            .get(reader.overlays.bookmark)
            .map_or(Expected::Nothing, |&(position, place)| Expected::Opened {
                position,
                place,
            }),
        Overlay::None | Overlay::Help | Overlay::Problems => Expected::Nothing,
    }
}

fn check_enter(reader: &Reader, expected: Expected) {
    match expected {
        Expected::Copied { notice, url } => {
            assert_eq!(reader.overlay, Overlay::Links);
            assert_eq!(reader.notice.as_deref(), Some(notice.as_str()));
            assert_eq!(reader.clipboard.as_deref(), Some(url.as_str()));
        }
        Expected::Opened { position, place } => {
            assert_eq!(reader.overlay, Overlay::None);
            assert_eq!(reader.selected, position);
            assert_eq!(reader.focus, Focus::Pane);
            let document = reader.document.as_ref().expect("the article");
            let line = document.line_of(Anchor::from(place));
            assert_eq!(reader.pane_top, line.min(reader.max_pane_top()));
        }
        Expected::Nothing => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn overlay_selections_stay_in_range_and_enter_chooses(
        width in 20u16..160,
        height in 5u16..50,
        messages in prop::collection::vec(message(), 0..40),
    ) {
        let library = library();
        let mut reader = bookmarked_reader(library, width, height);
        for message in messages {
            let enter = message == Message::Key(Key::parse("enter").expect("enter"));
            let expected = if enter && reader.prompt.is_none() {
                expected_on_enter(&reader, library)
            } else {
                Expected::Nothing
            };
            reader.clipboard = None;
            update(&mut reader, library, message);
            settle(&mut reader, library);
            check_enter(&reader, expected);
            prop_assert!(
                overlay_position(&reader) <= overlay_limit(&reader, library),
                "{:?} at {} of {}",
                reader.overlay,
                overlay_position(&reader),
                overlay_limit(&reader, library)
            );
        }
    }
}
