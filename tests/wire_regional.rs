//! A lone regional indicator (🇵, half a flag) is one column wide to ratatui and to wcwidth,
//! but many terminals draw it two columns wide, like the flag it is half of. The frame writer
//! must leave such a terminal showing the right screen all the same: played on the test
//! emulator (which draws it two wide), nothing after it moves right, and nothing of it is
//! left when the next article replaces it.

mod support {
    pub mod emulator;
    pub mod screen;
}

use std::path::Path;

use kanbao::load::{self, Library};
use kanbao::reader::{Action, Message, Reader, settle, update};
use kanbao::terminal::{FrameWriter, Strategy as Choice};
use kanbao::text::AmbiguousWidth;
use kanbao::ui::{Theme, render};
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use support::emulator::{Emulator, Shared};
use unicode_segmentation::UnicodeSegmentation;

/// A frame writer drawing through the crossterm backend onto the emulator.
struct Terminal {
    writer: FrameWriter,
    backend: CrosstermBackend<Shared>,
    bytes: Shared,
    emulator: Emulator,
}

impl Terminal {
    fn new(strategy: Choice, width: u16, height: u16) -> Self {
        let bytes = Shared::default();
        Self {
            writer: FrameWriter::with_strategy(strategy),
            backend: CrosstermBackend::new(bytes.clone()),
            bytes,
            emulator: Emulator::new(width, height),
        }
    }

    /// Draws `buf` and returns what the emulator shows.
    fn draw(&mut self, buf: &Buffer) -> String {
        self.writer
            .draw(&mut self.backend, buf.clone(), None)
            .expect("draw");
        self.emulator.feed(&self.bytes.take());
        self.emulator.text()
    }
}

/// What a terminal that draws a lone regional indicator two columns wide shows of `buf`: the
/// rendered text, with each lone indicator blank (the cell after it, written over its second
/// column, erases it) and nothing else moved.
fn shown_where_indicators_are_wide(buf: &Buffer) -> String {
    support::screen::text(buf)
        .graphemes(true)
        .map(|g| if is_lone_indicator(g) { " " } else { g })
        .collect()
}

fn is_lone_indicator(grapheme: &str) -> bool {
    let mut chars = grapheme.chars();
    chars
        .next()
        .is_some_and(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c))
        && chars.next().is_none()
}

/// An issue whose first article has lone regional indicators and whose second has none.
const FLAGS: &str = include_str!("fixtures/regional/flags.toml");

fn flags_library() -> Library {
    let outcome = load::parse_issue(Path::new("flags.toml"), FLAGS);
    let mut library = Library::default();
    library.issues.push(std::sync::Arc::new(
        outcome.issue.expect("the issue parses"),
    ));
    library.files = 1;
    library
}

fn frame(reader: &Reader, library: &Library) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, reader.size.0, reader.size.1));
    render(reader, library, &Theme::colored(), &mut buf);
    buf
}

#[test]
fn the_next_article_leaves_nothing_of_a_lone_regional_indicator() {
    let library = flags_library();
    for strategy in [Choice::Cheaper, Choice::Diff] {
        for size in [(80, 24), (64, 12)] {
            let mut reader =
                support::screen::reader(&library, size.0, size.1, AmbiguousWidth::Narrow);
            settle(&mut reader, &library);
            let mut terminal = Terminal::new(strategy, size.0, size.1);
            let first = frame(&reader, &library);
            assert!(
                support::screen::text(&first).contains('🇵'),
                "the flag half is on screen"
            );
            assert_eq!(
                terminal.draw(&first),
                shown_where_indicators_are_wide(&first),
                "the first article, {size:?}, {strategy:?}"
            );
            update(&mut reader, &library, Message::Action(Action::NextArticle));
            settle(&mut reader, &library);
            let second = frame(&reader, &library);
            assert_eq!(
                terminal.draw(&second),
                support::screen::text(&second),
                "after the next article, {size:?}, {strategy:?}"
            );
        }
    }
}

/// A row of text in a few widths and scripts, with lone and paired regional indicators.
fn row(width: usize) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec!["a", " ", "看", "報", "🇵", "🇯🇵", "，", "x"]);
    prop::collection::vec(piece, 0..width).prop_map(move |pieces| {
        let mut line = String::new();
        let mut used = 0;
        for piece in pieces {
            let w = kanbao::text::str_width(piece, AmbiguousWidth::Narrow);
            if used + w > width {
                break;
            }
            line.push_str(piece);
            used += w;
        }
        line
    })
}

proptest! {
    /// Whatever the frames, every cell but a lone indicator shows what was rendered, in its
    /// column, on a terminal that draws lone indicators two wide.
    #[test]
    fn frames_with_lone_indicators_keep_every_other_cell_in_place(
        frames in prop::collection::vec(prop::collection::vec(row(12), 4), 1..6),
        strategy in prop::sample::select(vec![Choice::Cheaper, Choice::Diff]),
    ) {
        let mut terminal = Terminal::new(strategy, 12, 4);
        for lines in frames {
            let mut buf = Buffer::empty(Rect::new(0, 0, 12, 4));
            for (y, line) in lines.iter().enumerate() {
                buf.set_string(0, y as u16, line, ratatui::style::Style::default());
            }
            prop_assert_eq!(terminal.draw(&buf), shown_where_indicators_are_wide(&buf));
        }
    }
}
