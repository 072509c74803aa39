//! Ctrl-L draws the whole screen again: the key is bound to `redraw`, and the next frame
//! clears the screen and writes every cell, from the list, the pane, an overlay or a search
//! prompt alike.

mod support {
    pub mod screen;
}

use kanbao::reader::{Action, Key, KeyContext, Keymap};
use kanbao::terminal::ReaderFrames;
use kanbao::text::AmbiguousWidth;
use kanbao::ui::Theme;
use ratatui::backend::TestBackend;
use support::screen::{keys, library, reader, screen};

#[test]
fn ctrl_l_is_bound_to_redraw_everywhere() {
    let keymap = Keymap::defaults();
    let ctrl_l = Key::parse("ctrl-l").expect("a key");
    for context in [KeyContext::List, KeyContext::Pane] {
        assert_eq!(keymap.action(context, ctrl_l), Some(Action::Redraw));
    }
    assert_eq!(Action::from_name("redraw"), Some(Action::Redraw));
}

#[test]
fn the_help_says_what_ctrl_l_does() {
    let library = library();
    let mut reader = reader(&library, 80, 24, AmbiguousWidth::Narrow);
    keys(&mut reader, &library, "?");
    let help = screen(&reader, &library);
    assert!(
        help.lines()
            .any(|l| l.trim() == "Ctrl-l    draw the whole screen again"),
        "{help}"
    );
}

#[test]
fn ctrl_l_makes_the_next_frame_clear_and_draw_every_cell() {
    let library = library();
    let theme = Theme::colored();
    let mut reader = reader(&library, 80, 24, AmbiguousWidth::Narrow);
    let mut backend = TestBackend::new(80, 24);
    let mut frames = ReaderFrames::default();
    let first = frames
        .draw(&mut backend, &reader, &library, &theme)
        .expect("draw");
    assert!(first.full);
    // Where nothing changed, nothing is drawn; after Ctrl-L, everything is.
    for before in ["", "l", "?", "/ 邮"] {
        keys(&mut reader, &library, before);
        frames
            .draw(&mut backend, &reader, &library, &theme)
            .expect("draw");
        let idle = frames
            .draw(&mut backend, &reader, &library, &theme)
            .expect("draw");
        assert_eq!(idle.cells, 0, "after {before:?}");
        assert!(!idle.full, "after {before:?}");
        let shown = screen(&reader, &library);
        keys(&mut reader, &library, "ctrl-l");
        let redrawn = frames
            .draw(&mut backend, &reader, &library, &theme)
            .expect("draw");
        assert!(redrawn.full, "Ctrl-L after {before:?}");
        assert_eq!(
            screen(&reader, &library),
            shown,
            "nothing but the drawing changes, after {before:?}"
        );
        let again = frames
            .draw(&mut backend, &reader, &library, &theme)
            .expect("draw");
        assert!(!again.full, "one full frame per Ctrl-L, after {before:?}");
    }
}
