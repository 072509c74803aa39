//! Any terminal size and any sequence of keys, resizes, clicks and wheel turns: the reader
//! never panics, draws nothing outside the screen, and keeps its state consistent.

mod support {
    pub mod screen;
}

use kanbao::load::Library;
use kanbao::reader::{ALL_ACTIONS, Message, update};
use kanbao::text::AmbiguousWidth;
use proptest::prelude::*;
use support::screen::{library, reader, screen};

fn message() -> impl Strategy<Value = Message> {
    prop_oneof![
        (0..ALL_ACTIONS.len()).prop_map(|i| Message::Action(ALL_ACTIONS[i])),
        (1u16..200, 1u16..70).prop_map(|(w, h)| Message::Resize(w, h)),
        (0u16..200, 0u16..70).prop_map(|(x, y)| Message::Click { x, y }),
        (0u16..200, 0u16..70, -10i16..10).prop_map(|(x, y, lines)| Message::Wheel { x, y, lines }),
    ]
}

fn check(library: &Library, width: u16, height: u16, wide: bool, messages: &[Message]) {
    let ambiguous = if wide {
        AmbiguousWidth::Wide
    } else {
        AmbiguousWidth::Narrow
    };
    let mut reader = reader(library, width, height, ambiguous);
    for message in messages {
        // Suspending and quitting are the loop's business; the state just records them.
        update(&mut reader, library, *message);
        let shown = screen(&reader, library);
        let (w, h) = reader.size;
        assert_eq!(shown.lines().count(), usize::from(h));
        for line in shown.lines() {
            assert!(
                kanbao::text::str_width(line, ambiguous) <= usize::from(w),
                "{line}"
            );
        }
        assert!(reader.pane_top <= reader.max_pane_top());
        assert!(reader.rows.articles.is_empty() || reader.selected < reader.rows.articles.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_shipped_issues_survive_anything(
        width in 1u16..200,
        height in 1u16..70,
        wide in any::<bool>(),
        messages in prop::collection::vec(message(), 0..30),
    ) {
        check(&library(), width, height, wide, &messages);
    }

    #[test]
    fn an_empty_library_survives_anything(
        width in 1u16..200,
        height in 1u16..70,
        messages in prop::collection::vec(message(), 0..10),
    ) {
        check(&Library::default(), width, height, false, &messages);
    }
}
