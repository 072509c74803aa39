//! Whole screens of French and pinyin at ambiguous width 2: accented letters are drawn two
//! columns wide, and every row of the reader still takes exactly the window's width.

mod support {
    pub mod ambiguous;
    pub mod screen;
}

use std::path::Path;

use kanbao::load;
use kanbao::text::AmbiguousWidth::Wide;
use support::ambiguous::terminal_width;
use support::screen::{keys, reader, screen};

#[test]
fn pinyin_and_french_rows_are_as_wide_as_the_window() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ambiguous-letters");
    let library = load::load_folder(&folder).expect("the fixture loads");
    for (width, height, name) in [(80, 24, "80x24"), (41, 20, "41x20")] {
        let mut reader = reader(&library, width, height, Wide);
        let mut shown = Vec::new();
        for key in ["enter", "J"] {
            keys(&mut reader, &library, key);
            let screen = screen(&reader, &library);
            for row in screen.lines() {
                assert_eq!(
                    terminal_width(row),
                    usize::from(width),
                    "row not {width} columns wide: {row}\n{screen}"
                );
            }
            shown.push(screen);
        }
        insta::assert_snapshot!(format!("pinyin_french_wide_{name}"), shown.join("\n"));
    }
}
