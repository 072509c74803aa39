//! Bytes on the wire (issue 7): the targets, measured through ratatui's crossterm backend over
//! a counting writer, with the frame writer the reader's loop uses.
//!
//! - a one-line scroll of a full-width pane costs one new line of text and a few escapes;
//! - in two panes the loop writes no more than the cheapest of the plain diff, the scroll of
//!   whole rows and, in a terminal with left and right margins, the scroll of the pane's
//!   columns (within the 5% its estimate of the bytes may miss by);
//! - with margins, a one-line scroll of the pane beside the list costs about a line too;
//! - moving the selection in the list writes less than a full repaint;
//! - drawing the same state again writes nothing.
//!
//! The figures themselves are printed by `cargo bench --bench wire` (BENCHMARKS.md).

mod support {
    pub mod screen;
}

use std::io;

use kanbao::load::Library;
use kanbao::reader::{
    Action, Focus, Keymap, Message, Reader, ReaderSettings, ScreenSettings, settle, update,
};
use kanbao::terminal::{ByteCount, CountingWriter, FrameWriter, Strategy, ViewState};
use kanbao::ui::{Theme, render};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;

const SEED: &str = "2022-11-shanghai-postal";

fn library() -> Library {
    support::screen::library_with_long_seed(3)
}

fn reader(library: &Library, size: (u16, u16), narrow_below: u16, stem: &str) -> Reader {
    let settings = ReaderSettings {
        screen: ScreenSettings {
            list_width: None,
            narrow_below,
        },
        ..ReaderSettings::default()
    };
    let mut reader = Reader::new(library, settings, Keymap::defaults(), size);
    reader.selected = support::screen::first_article_of(&reader, library, stem);
    reader.relayout(library);
    reader
}

fn act(reader: &mut Reader, library: &Library, action: Action) {
    update(reader, library, Message::Action(action));
    settle(reader, library);
}

/// A terminal that counts what it is sent, drawn to as the reader's loop draws.
struct Wire {
    writer: FrameWriter,
    backend: CrosstermBackend<CountingWriter<io::Sink>>,
    count: ByteCount,
    shown: Option<ViewState>,
}

impl Wire {
    fn new(strategy: Strategy) -> Self {
        Self::with_margins(strategy, false)
    }

    /// A terminal with left and right margins (DECSLRM) if `margins`.
    fn with_margins(strategy: Strategy, margins: bool) -> Self {
        let writer = CountingWriter::new(io::sink());
        let count = writer.count();
        Self {
            writer: FrameWriter::with_strategy(strategy).with_margins(margins),
            backend: CrosstermBackend::new(writer),
            count,
            shown: None,
        }
    }

    /// Draws `reader`; returns the bytes written.
    fn frame(&mut self, reader: &Reader, library: &Library) -> usize {
        let now = ViewState::of(reader);
        let scroll = self.shown.as_ref().and_then(|b| b.scroll_to(&now));
        let mut buf = Buffer::empty(Rect::new(0, 0, reader.size.0, reader.size.1));
        render(reader, library, &Theme::colored(), &mut buf);
        self.writer
            .draw(&mut self.backend, buf, scroll.as_ref())
            .expect("draw");
        self.shown = Some(now);
        self.count.take()
    }
}

/// The UTF-8 bytes of the text on row `y` (what a terminal has to be sent, at least, to show
/// the row), trailing blanks left out.
fn row_text_bytes(reader: &Reader, library: &Library, y: u16) -> usize {
    text_bytes_from(reader, library, y, 0)
}

/// The same from column `from` on.
fn text_bytes_from(reader: &Reader, library: &Library, y: u16, from: u16) -> usize {
    let buf = support::screen::buffer(reader, library, &Theme::colored());
    let mut text = String::new();
    let mut x = from;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        text.push_str(cell.symbol());
        x += cell.cell_width().max(1);
    }
    text.trim_end().len()
}

/// Bytes of `action` drawn with `strategy`, after `reader`'s current state was drawn.
fn bytes_of(
    library: &Library,
    reader: Reader,
    strategy: Strategy,
    action: Action,
) -> (usize, Reader) {
    bytes_with(library, reader, strategy, false, action)
}

/// The same, in a terminal with left and right margins if `margins`.
fn bytes_with(
    library: &Library,
    mut reader: Reader,
    strategy: Strategy,
    margins: bool,
    action: Action,
) -> (usize, Reader) {
    let mut wire = Wire::with_margins(strategy, margins);
    wire.frame(&reader, library);
    act(&mut reader, library, action);
    (wire.frame(&reader, library), reader)
}

#[test]
fn a_line_scroll_of_a_full_width_pane_costs_one_line_and_a_few_escapes() {
    let library = library();
    for (size, narrow_below) in [((80, 24), 81), ((40, 20), 60), ((200, 60), 201)] {
        let mut start = reader(&library, size, narrow_below, "seed-long");
        act(&mut start, &library, Action::FocusPane);
        act(&mut start, &library, Action::PageDown);
        let pane = start.screen().pane.expect("the pane shows");
        assert_eq!(pane.width + 2, size.0, "the pane spans the screen");
        for action in [Action::Down, Action::Up] {
            let (bytes, after) = bytes_of(&library, start.clone(), Strategy::Cheaper, action);
            let new_row = match action {
                Action::Down => pane.y + pane.height - 1,
                _ => pane.y,
            };
            let line = row_text_bytes(&after, &library, new_row);
            // Besides the line: the scroll (DECSTBM, SU or SD, DECSTBM again: 14 or 15 bytes),
            // a cursor move (up to 9), the attribute resets the backend sends after every
            // draw (19), and the status line's new percentage (a cursor move, reverse video
            // and one or two digits: up to 14).
            assert!(
                bytes <= line + 40 + 14,
                "{action:?} at {size:?}: {bytes} bytes for a line of {line}"
            );
            assert!(line > 20, "the new line has text");
        }
    }
}

#[test]
fn in_two_panes_the_loop_writes_no_more_than_the_diff_or_the_scroll() {
    let library = library();
    for size in [(80, 24), (200, 60)] {
        let mut start = reader(&library, size, 60, "seed-long");
        act(&mut start, &library, Action::FocusPane);
        act(&mut start, &library, Action::PageDown);
        assert!(start.screen().list.is_some());
        for action in [Action::Down, Action::Up, Action::PageDown, Action::PageUp] {
            let bytes = |strategy, margins| {
                bytes_with(&library, start.clone(), strategy, margins, action).0
            };
            let (diff, scroll, cheaper) = (
                bytes(Strategy::Diff, false),
                bytes(Strategy::ScrollRegion, false),
                bytes(Strategy::Cheaper, false),
            );
            // The choice is made on an estimate of the bytes: it may miss by a little.
            assert!(
                cheaper * 100 <= diff.min(scroll) * 105,
                "{action:?} at {size:?}: {cheaper}, with diff {diff} and scroll {scroll}"
            );
            // With margins there is a third way, the pane's columns alone.
            let (columns, cheaper) = (
                bytes(Strategy::ScrollRegion, true),
                bytes(Strategy::Cheaper, true),
            );
            assert!(
                cheaper * 100 <= diff.min(scroll).min(columns) * 105,
                "{action:?} at {size:?} with margins: {cheaper}, with diff {diff}, scroll \
                 {scroll} and the columns' scroll {columns}"
            );
        }
        // A one-line scroll: moving the rows and rewriting the list column beats rewriting
        // the pane.
        let diff = bytes_of(&library, start.clone(), Strategy::Diff, Action::Down).0;
        let cheaper = bytes_of(&library, start.clone(), Strategy::Cheaper, Action::Down).0;
        assert!(cheaper * 3 / 2 < diff, "{size:?}: {cheaper} vs {diff}");
    }
}

#[test]
fn with_margins_a_line_scroll_beside_the_list_costs_about_a_line() {
    let library = library();
    for size in [(80, 24), (200, 60)] {
        let mut start = reader(&library, size, 60, "seed-long");
        act(&mut start, &library, Action::FocusPane);
        act(&mut start, &library, Action::PageDown);
        let pane = start.screen().pane.expect("the pane shows");
        assert!(start.screen().list.is_some(), "two panes");
        for action in [Action::Down, Action::Up] {
            let (bytes, after) =
                bytes_with(&library, start.clone(), Strategy::Cheaper, true, action);
            let whole = bytes_of(&library, start.clone(), Strategy::Cheaper, action).0;
            let new_row = match action {
                Action::Down => pane.y + pane.height - 1,
                _ => pane.y,
            };
            let line = text_bytes_from(&after, &library, new_row, pane.x);
            // The margins (DECLRMM on and off, DECSTBM and DECSLRM set and reset, SU or SD:
            // 35 to 46 bytes), a cursor move (up to 9), the backend's attribute resets (19) and
            // the status line's percentage (up to 14).
            assert!(
                bytes <= line + 46 + 9 + 19 + 14,
                "{action:?} at {size:?}: {bytes} bytes for a line of {line}"
            );
            assert!(
                bytes * 4 < whole,
                "{action:?} at {size:?}: {bytes}, whole rows {whole}"
            );
            if size == (80, 24) {
                // The target: about what `less` pays (125 bytes at 80 columns).
                assert!(bytes <= 200, "{action:?}: {bytes} bytes");
            }
        }
    }
}

#[test]
fn moving_the_selection_does_not_repaint_the_whole_screen() {
    let library = library();
    for (size, narrow_below) in [((80, 24), 60), ((200, 60), 60), ((80, 24), 81)] {
        let mut start = reader(&library, size, narrow_below, SEED);
        assert_eq!(start.focus, Focus::List);
        for _ in 0..3 {
            let (bytes, after) = bytes_of(&library, start.clone(), Strategy::Cheaper, Action::Down);
            let full = Wire::new(Strategy::Cheaper).frame(&after, &library);
            assert!(
                bytes < full,
                "{size:?}, narrow below {narrow_below}: {bytes} bytes, a full repaint is {full}"
            );
            start = after;
        }
    }
}

#[test]
fn one_pane_selection_moves_write_only_the_rows_that_change() {
    let library = library();
    let start = reader(&library, (80, 24), 81, SEED);
    let (bytes, after) = bytes_of(&library, start, Strategy::Cheaper, Action::Down);
    let full = Wire::new(Strategy::Cheaper).frame(&after, &library);
    // Two list rows (the old selection and the new) and the status line.
    assert!(bytes * 2 < full, "{bytes} of {full}");
}

#[test]
fn the_same_state_again_writes_nothing() {
    let library = library();
    for strategy in [Strategy::Diff, Strategy::ScrollRegion, Strategy::Cheaper] {
        let reader = reader(&library, (80, 24), 60, SEED);
        let mut wire = Wire::new(strategy);
        assert!(wire.frame(&reader, &library) > 0);
        assert_eq!(wire.frame(&reader, &library), 0);
        assert_eq!(wire.frame(&reader, &library), 0);
    }
}

#[test]
fn a_scroll_hint_that_did_not_happen_costs_nothing() {
    // The caller says the pane scrolled, but the screen is the same: nothing is written.
    let library = library();
    let mut reader = reader(&library, (80, 24), 81, "seed-long");
    act(&mut reader, &library, Action::FocusPane);
    let mut wire = Wire::new(Strategy::Cheaper);
    wire.frame(&reader, &library);
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    render(&reader, &library, &Theme::colored(), &mut buf);
    let scroll = kanbao::terminal::Scroll {
        rows: 0..23,
        cols: 0..80,
        lines: 1,
    };
    let report = wire
        .writer
        .draw(&mut wire.backend, buf, Some(&scroll))
        .expect("draw");
    assert!(!report.scrolled);
    assert_eq!(wire.count.take(), 0);
}
