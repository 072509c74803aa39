//! Reading state as data: changes, the file's text, and merging two processes' states.

use kanbao::reader::Anchor;
use kanbao::state::time::{civil_from_days, utc_compact};
use kanbao::state::{FormatError, Place, ReadingState};
use proptest::prelude::*;
use std::time::{Duration, UNIX_EPOCH};

fn parse(text: &str) -> ReadingState {
    ReadingState::from_toml(text).expect("valid state text")
}

#[test]
fn changes_are_remembered_and_no_op_changes_do_not_dirty() {
    let mut state = ReadingState::new();
    assert!(!state.is_dirty());
    assert!(!state.is_read("a"));
    assert!(state.mark_read("a"));
    assert!(state.is_dirty());
    assert!(state.is_read("a"));

    let mut clean = parse(&state.to_toml());
    assert!(!clean.is_dirty());
    assert!(!clean.mark_read("a"), "already read: nothing changes");
    assert!(!clean.set_position("b", Place::at(0)) || clean.is_dirty());
    let mut clean = parse(&state.to_toml());
    assert!(!clean.set_last("x") || clean.is_dirty());
    assert!(!clean.set_last("x"));

    assert!(!state.toggle_read("a"));
    assert!(!state.is_read("a"));
    assert!(state.toggle_read("a"));
    assert_eq!(state.mark_all_read(["a", "b", "c"]), 2);
}

#[test]
fn positions_bookmarks_and_last_article() {
    let mut state = ReadingState::new();
    assert_eq!(state.last(), None);
    state.set_position(
        "a",
        Place::Offset {
            offset: 120,
            below: 1,
        },
    );
    state.set_last("a");
    assert_eq!(
        state.last(),
        Some((
            "a",
            Some(Place::Offset {
                offset: 120,
                below: 1
            })
        ))
    );
    state.set_last("b");
    assert_eq!(state.last(), Some(("b", None)));

    assert!(state.toggle_bookmark("a", Place::at(100)));
    assert!(state.toggle_bookmark("b", Place::Header(0)));
    assert!(state.toggle_bookmark("c", Place::FromEnd(2)));
    assert_eq!(
        state.bookmarks(),
        [
            ("c", Place::FromEnd(2)),
            ("b", Place::Header(0)),
            ("a", Place::at(100))
        ]
    );
    assert!(!state.toggle_bookmark("b", Place::Header(0)), "toggles off");
    assert_eq!(state.bookmark("b"), None);
    assert!(
        state.toggle_bookmark("b", Place::at(5)),
        "and on elsewhere, now newest"
    );
    assert_eq!(state.bookmarks().first(), Some(&("b", Place::at(5))));
    assert!(state.toggle_bookmark("a", Place::at(900)), "a second place");
    assert_eq!(state.bookmarks_of("a"), [Place::at(900), Place::at(100)]);
    assert!(!state.toggle_bookmark("a", Place::at(100)));
    assert_eq!(
        state.bookmarks_of("a"),
        [Place::at(900)],
        "only that one goes"
    );
}

#[test]
fn round_trip_keeps_everything_and_the_text_is_stable() {
    let mut state = ReadingState::new();
    let odd = "2022-11-上海/\"quoted\"\\back\nline\ttab";
    state.mark_read("2022-11-shanghai-postal/3fa2b9c1");
    state.mark_read("unread-again");
    state.toggle_read("unread-again");
    state.set_position(
        odd,
        Place::Offset {
            offset: 1234,
            below: 2,
        },
    );
    state.set_position("h", Place::Header(1));
    state.set_position("e", Place::FromEnd(3));
    state.toggle_bookmark(odd, Place::at(1200));
    state.toggle_bookmark("gone", Place::at(1));
    state.toggle_bookmark("gone", Place::at(1));
    state.set_last(odd);

    let text = state.to_toml();
    let back = parse(&text);
    assert_eq!(back, state);
    assert_eq!(
        back.to_toml(),
        text,
        "writing what was read gives the same text"
    );
    assert!(!back.is_read("unread-again"));
    assert!(
        back.entry("unread-again")
            .and_then(kanbao::state::Entry::read_changed)
            .is_some()
    );
    assert_eq!(back.bookmarks(), state.bookmarks());
    assert_eq!(back.last(), state.last());
}

#[test]
fn the_file_is_human_readable_with_plain_integer_positions() {
    let text = r#"# kanbao reading state: written by kanbao, safe to delete.
# Positions are byte offsets into an article's text; `changed` stamps are Unix
# milliseconds, and two kanbao sessions merge this file field by field, newest first.

last = "2022-11-shanghai-postal/3fa2b9c1"
last_changed = 1764392000125

[article."2022-11-shanghai-postal/3fa2b9c1"]
read = true
position = 1234
bookmark = 1200
changed = { read = 1764392000123, position = 1764392000124, bookmark = 1764392000122 }

[article.other]
read = false
position = { offset = 10, below = 2 }
bookmark = { header = 1 }
changed = { read = 1764392000200, position = 1764392000201, bookmark = 1764392000202 }

[article.third]
position = { from_end = 3 }
changed = { bookmark = 1764392000300, position = 1764392000301 }
"#;
    let state = parse(text);
    assert!(state.is_read("2022-11-shanghai-postal/3fa2b9c1"));
    assert_eq!(
        state.last(),
        Some(("2022-11-shanghai-postal/3fa2b9c1", Some(Place::at(1234))))
    );
    assert_eq!(state.position("third"), Some(Place::FromEnd(3)));
    assert_eq!(state.bookmark("third"), None, "a removed bookmark");
    assert_eq!(
        state.bookmarks(),
        [
            ("other", Place::Header(1)),
            ("2022-11-shanghai-postal/3fa2b9c1", Place::at(1200))
        ]
    );
    // Written back in the one canonical layout: keys of `changed` in a fixed order, and the
    // single `bookmark` of older files as a list of places, each with its own stamp.
    let expected = text
        .replace(
            "bookmark = 1200\nchanged = { read = 1764392000123, position = 1764392000124, bookmark = 1764392000122 }",
            "bookmarks = [{ at = 1200, changed = 1764392000122 }]\nchanged = { read = 1764392000123, position = 1764392000124 }",
        )
        .replace(
            "bookmark = { header = 1 }\nchanged = { read = 1764392000200, position = 1764392000201, bookmark = 1764392000202 }",
            "bookmarks = [{ at = { header = 1 }, changed = 1764392000202 }]\nchanged = { read = 1764392000200, position = 1764392000201 }",
        )
        .replace(
            "changed = { bookmark = 1764392000300, position = 1764392000301 }",
            "changed = { position = 1764392000301 }",
        );
    assert_eq!(state.to_toml(), expected);
    assert_eq!(parse(&expected), state);
}

#[test]
fn an_article_keeps_several_bookmarks_and_their_removals() {
    let text = "[article.a]\n\
                bookmarks = [{ at = 12, changed = 100 }, { at = { header = 1 }, changed = 300 }, \
                { at = 40, changed = 200, removed = true }]\n";
    let state = parse(text);
    assert_eq!(state.bookmarks_of("a"), [Place::Header(1), Place::at(12)]);
    // Their removal of 12 is newer than our bookmark there; their bookmark at 40 is newer
    // than our removal.
    let theirs = parse(
        "[article.a]\nbookmarks = [{ at = 12, changed = 150, removed = true }, \
         { at = 40, changed = 250 }]\n",
    );
    let mut merged = state.clone();
    merged.merge(&theirs);
    assert_eq!(merged.bookmarks_of("a"), [Place::Header(1), Place::at(40)]);
    assert_eq!(parse(&merged.to_toml()), merged);
}

#[test]
fn places_convert_to_and_from_reader_anchors() {
    for anchor in [
        Anchor::Header(2),
        Anchor::Offset {
            offset: 7,
            below: 0,
        },
        Anchor::Offset {
            offset: 9,
            below: 3,
        },
        Anchor::FromEnd(4),
    ] {
        assert_eq!(Anchor::from(Place::from(anchor)), anchor);
    }
}

fn err(text: &str) -> String {
    ReadingState::from_toml(text)
        .expect_err("invalid state text")
        .to_string()
}

#[test]
fn invalid_text_is_reported_with_line_and_column() {
    assert_eq!(
        err("last = \"a\"\n\n[article.a]\nread = \"yes\"\n"),
        "line 4, column 8: invalid type: string \"yes\", expected a boolean"
    );
    assert_eq!(
        err("[article.a]\nposition = -3\n"),
        "line 2, column 12: invalid value: integer `-3`, expected a non-negative offset"
    );
    assert_eq!(
        err("[article.a]\nposition = { offset = 1, header = 2 }\n"),
        "line 2, column 12: a place has exactly one of `offset` (with an optional `below`), \
         `header` or `from_end`"
    );
    assert!(err("this is = = not toml").starts_with("line 1, column "));
    assert_eq!(
        ReadingState::from_bytes(b"read = \xff\xfe"),
        Err(FormatError::NotUtf8 { at: 7 })
    );
}

#[test]
fn a_toml_file_with_other_keys_is_foreign() {
    assert_eq!(
        ReadingState::from_toml("title = \"Issue\"\n[[articles]]\ntitle = \"x\"\n"),
        Err(FormatError::Foreign {
            key: "articles".to_owned()
        })
    );
    // Unknown keys inside an article are a newer kanbao's, and ignored.
    assert!(parse("[article.a]\nread = true\nfolded = true\n").is_read("a"));
}

/// A state from `(article, field, value, stamp)` quadruples, each as a file would hold it.
fn from_changes(changes: &[(u8, u8, u8, u64)]) -> ReadingState {
    let mut state = ReadingState::new();
    for &(article, field, value, stamp) in changes {
        let text = match field {
            0 => format!(
                "[article.a{article}]\nread = {}\nchanged = {{ read = {stamp} }}\n",
                value % 2 == 0
            ),
            1 => format!(
                "[article.a{article}]\nposition = {value}\nchanged = {{ position = {stamp} }}\n"
            ),
            2 if value % 3 == 0 => {
                format!("[article.a{article}]\nchanged = {{ bookmark = {stamp} }}\n")
            }
            2 => format!(
                "[article.a{article}]\nbookmark = {value}\nchanged = {{ bookmark = {stamp} }}\n"
            ),
            _ => format!("last = \"a{article}\"\nlast_changed = {stamp}\n"),
        };
        state.merge(&parse(&text));
    }
    state
}

#[test]
fn merge_keeps_the_newest_of_each_field() {
    let ours = parse(
        "[article.a]\nread = true\nposition = 10\nchanged = { read = 100, position = 300 }\n",
    );
    let theirs = parse(
        "[article.a]\nread = false\nposition = 20\nbookmark = 5\n\
         changed = { read = 200, position = 250, bookmark = 260 }\n",
    );
    let mut merged = ours.clone();
    merged.merge(&theirs);
    assert!(
        !merged.is_read("a"),
        "unread at 200 is newer than read at 100"
    );
    assert_eq!(
        merged.position("a"),
        Some(Place::at(10)),
        "ours at 300 is newer"
    );
    assert_eq!(
        merged.bookmark("a"),
        Some(Place::at(5)),
        "a field only they have"
    );
    let mut other_way = theirs.clone();
    other_way.merge(&ours);
    assert_eq!(other_way, merged);
    assert!(
        !merged.is_dirty(),
        "merging adopts, it does not change anything to save"
    );
}

#[test]
fn unread_and_removed_bookmarks_survive_a_merge() {
    let mut a = ReadingState::new();
    a.mark_read("x");
    a.toggle_bookmark("x", Place::at(3));
    let mut b = a.clone();
    b.toggle_read("x");
    b.toggle_bookmark("x", Place::at(3));
    a.merge(&b);
    assert!(!a.is_read("x"));
    assert_eq!(a.bookmarks(), []);
}

#[test]
fn a_change_after_adopting_a_future_stamp_still_wins() {
    // Another machine's clock is an hour ahead.
    let future = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis()
        + 3_600_000;
    let theirs = parse(&format!(
        "[article.x]\nread = true\nchanged = {{ read = {future} }}\n"
    ));
    let mut ours = ReadingState::new();
    ours.merge(&theirs);
    assert!(!ours.toggle_read("x"));
    let mut back = theirs.clone();
    back.merge(&ours);
    assert!(!back.is_read("x"));
}

proptest! {
    #[test]
    fn merge_is_commutative_associative_and_idempotent(
        a in proptest::collection::vec((0u8..3, 0u8..4, 0u8..6, 1u64..6), 0..8),
        b in proptest::collection::vec((0u8..3, 0u8..4, 0u8..6, 1u64..6), 0..8),
        c in proptest::collection::vec((0u8..3, 0u8..4, 0u8..6, 1u64..6), 0..8),
    ) {
        let (a, b, c) = (from_changes(&a), from_changes(&b), from_changes(&c));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        prop_assert_eq!(&ab, &ba);
        let mut ab_c = ab.clone();
        ab_c.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut a_bc = a.clone();
        a_bc.merge(&bc);
        prop_assert_eq!(&ab_c, &a_bc);
        let mut aa = a.clone();
        aa.merge(&a);
        prop_assert_eq!(&aa, &a);
        prop_assert_eq!(parse(&ab_c.to_toml()), ab_c);
    }
}

#[test]
fn civil_dates_from_days() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    assert_eq!(civil_from_days(11_017), (2000, 3, 1));
    assert_eq!(civil_from_days(47_540), (2100, 2, 28));
    assert_eq!(civil_from_days(47_541), (2100, 3, 1));
}

#[test]
fn compact_utc_times() {
    let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
    assert_eq!(utc_compact(at(0)), "19700101-000000");
    assert_eq!(utc_compact(at(951_825_600)), "20000229-120000");
    assert_eq!(utc_compact(at(1_764_392_000)), "20251129-045320");
    assert_eq!(utc_compact(at(4_102_444_799)), "20991231-235959");
    assert_eq!(
        utc_compact(UNIX_EPOCH - Duration::from_secs(5)),
        "19700101-000000"
    );
}

proptest! {
    #[test]
    fn any_article_id_round_trips(id in any::<String>(), offset in 0usize..1_000_000) {
        let mut state = ReadingState::new();
        state.mark_read(&id);
        state.set_position(&id, Place::at(offset));
        state.set_last(&id);
        let back = parse(&state.to_toml());
        prop_assert_eq!(back.last(), Some((id.as_str(), Some(Place::at(offset)))));
        prop_assert_eq!(back, state);
    }
}
