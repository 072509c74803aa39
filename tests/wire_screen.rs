//! The frame writer draws the right screen, whatever it chooses: the bytes it sends through
//! ratatui's crossterm backend are played on a small terminal emulator (cursor moves, scroll
//! regions, left and right margins, SU/SD, erasing, wide characters), and what it shows must
//! be what the reader rendered, after every action of random sequences of scrolls,
//! selections, focus changes, overlays and resizes, in a terminal with margins and without.
//!
//! ratatui's `TestBackend` works too, checked on frames without wide characters: it keeps
//! cells, not what a terminal shows, so a narrow character written over half of a wide one
//! leaves the other half as it was (a terminal blanks it), which a cell-by-cell comparison
//! would count against any diff.

mod support {
    pub mod emulator;
    pub mod screen;
}

use kanbao::load::Library;
use kanbao::reader::{
    Action, Keymap, Message, Reader, ReaderSettings, ScreenSettings, settle, update,
};
use kanbao::terminal::{FrameWriter, Strategy as Choice, ViewState};
use kanbao::ui::{Theme, render};
use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use support::emulator::{Emulator, Shared};

fn library() -> Library {
    support::screen::library_with_long_seed(2)
}

/// What a buffer shows: each visible cell's symbol and style (cells a wide one covers are
/// not visible).
fn visible(buf: &Buffer) -> Vec<(u16, u16, String, ratatui::style::Style)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            out.push((x, y, cell.symbol().to_owned(), cell.style()));
            x += cell.cell_width().max(1);
        }
    }
    out
}

/// The emulator over what the crossterm backend sends, drawn to as the loop draws.
struct Screens {
    crossterm: (FrameWriter, CrosstermBackend<Shared>, Shared, Emulator),
    shown: Option<ViewState>,
}

impl Screens {
    fn new(strategy: Choice, margins: bool, size: (u16, u16)) -> Self {
        let shared = Shared::default();
        Self {
            crossterm: (
                FrameWriter::with_strategy(strategy).with_margins(margins),
                CrosstermBackend::new(shared.clone()),
                shared,
                Emulator::new(size.0, size.1),
            ),
            shown: None,
        }
    }

    /// Draws `reader` and checks that the terminal shows what was rendered.
    fn frame(&mut self, reader: &Reader, library: &Library, what: &str) {
        let now = ViewState::of(reader);
        let scroll = self.shown.as_ref().and_then(|b| b.scroll_to(&now));
        let area = Rect::new(0, 0, reader.size.0, reader.size.1);
        let mut buf = Buffer::empty(area);
        render(reader, library, &Theme::colored(), &mut buf);

        let (writer, backend, shared, emulator) = &mut self.crossterm;
        if emulator.width != usize::from(area.width) || emulator.height != usize::from(area.height)
        {
            *emulator = Emulator::new(area.width, area.height);
        }
        let margins_before = (emulator.margins_mode, emulator.left, emulator.right);
        writer
            .draw(backend, buf.clone(), scroll.as_ref())
            .expect("draw");
        emulator.feed(&shared.take());
        // Every frame leaves the margins as it found them: the whole screen, DECLRMM off.
        assert_eq!(
            (
                emulator.margins_mode,
                emulator.left,
                emulator.right,
                emulator.top,
                emulator.bottom
            ),
            (
                margins_before.0,
                margins_before.1,
                margins_before.2,
                0,
                emulator.height - 1
            ),
            "after {what}"
        );
        let (shown, wanted) = (emulator.text(), support::screen::text(&buf));
        if shown != wanted {
            let rows = shown.lines().zip(wanted.lines()).enumerate();
            let (y, (a, b)) = rows
                .clone()
                .find(|(_, (a, b))| a != b)
                .expect("a row differs");
            panic!("the terminal after {what}, row {y}:\n{a}\nwanted\n{b}\nthe screen:\n{shown}");
        }

        self.shown = Some(now);
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Act(Action),
    Resize(u16, u16),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let action = prop::sample::select(vec![
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Up,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::ReadOn,
        Action::NextArticle,
        Action::PreviousArticle,
        Action::NextIssue,
        Action::FocusPane,
        Action::FocusList,
        Action::ToggleFocus,
        Action::Bottom,
        Action::Top,
        Action::Help,
    ])
    .prop_map(Step::Act);
    let resize = prop::sample::select(vec![(80, 24), (50, 20), (120, 30), (80, 25)])
        .prop_map(|(w, h)| Step::Resize(w, h));
    prop::collection::vec(prop_oneof![8 => action, 1 => resize], 1..40)
}

fn play(strategy: Choice, margins: bool, narrow_below: u16, steps: &[Step]) {
    let library = library();
    let settings = ReaderSettings {
        screen: ScreenSettings {
            list_width: None,
            narrow_below,
        },
        ..ReaderSettings::default()
    };
    let mut reader = Reader::new(&library, settings, Keymap::defaults(), (80, 24));
    reader.selected = reader
        .rows
        .articles
        .iter()
        .position(|a| library.issues[a.issue].stem == "seed-long")
        .expect("seed-long");
    reader.relayout(&library);
    let mut screens = Screens::new(strategy, margins, reader.size);
    screens.frame(&reader, &library, "the first frame");
    for (i, step) in steps.iter().enumerate() {
        let message = match *step {
            Step::Act(action) => Message::Action(action),
            Step::Resize(w, h) => Message::Resize(w, h),
        };
        update(&mut reader, &library, message);
        settle(&mut reader, &library);
        screens.frame(&reader, &library, &format!("step {i}: {step:?}"));
    }
}

/// A frame of `height` rows of ASCII: row `i` is the text numbered `first + i`, so that
/// frames with other `first`s look like the same text scrolled; `status` is the last row.
fn ascii_frame(width: u16, height: u16, first: i32, status: u8, changed: &[u16]) -> Buffer {
    let mut lines = Vec::new();
    for i in 0..height - 1 {
        let n = first + i32::from(i);
        let mut line = format!("{n:>3} {}", "lorem ipsum dolor sit amet ".repeat(4));
        if changed.contains(&i) {
            line = line.replace('o', "0");
        }
        if n % 5 == 0 {
            line.truncate(10);
        }
        line.truncate(usize::from(width));
        lines.push(format!("{line:<w$}", w = usize::from(width)));
    }
    lines.push(format!(
        "{:<w$}",
        format!("status {status}"),
        w = usize::from(width)
    ));
    Buffer::with_lines(lines)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn test_backend_shows_the_frames(
        moves in prop::collection::vec((-6i32..=6, prop::collection::vec(0u16..11, 0..3)), 1..12),
        strategy in prop::sample::select(vec![Choice::Cheaper, Choice::Diff, Choice::ScrollRegion]),
        margins in any::<bool>(),
        left in 0u16..20,
    ) {
        let (width, height) = (30, 12);
        let mut backend = TestBackend::new(width, height);
        let mut writer = FrameWriter::with_strategy(strategy).with_margins(margins);
        let mut first = 100;
        writer.draw(&mut backend, ascii_frame(width, height, first, 0, &[]), None).expect("draw");
        for (step, (lines, changed)) in moves.iter().enumerate() {
            first += lines;
            let next = ascii_frame(width, height, first, step as u8, changed);
            let scroll = kanbao::terminal::Scroll { rows: 0..height - 1, cols: left..width, lines: *lines };
            writer.draw(&mut backend, next.clone(), Some(&scroll)).expect("draw");
            prop_assert_eq!(backend.buffer(), &next);
        }
    }

    #[test]
    fn every_strategy_draws_what_was_rendered(
        steps in steps(),
        strategy in prop::sample::select(vec![Choice::Cheaper, Choice::Diff, Choice::ScrollRegion]),
        margins in any::<bool>(),
        narrow_below in prop::sample::select(vec![60u16, 81]),
    ) {
        play(strategy, margins, narrow_below, &steps);
    }

    /// Scrolling only the pane's (or the list's) columns, between left and right margins.
    #[test]
    fn with_margins_the_right_screen_is_drawn(
        steps in steps(),
        strategy in prop::sample::select(vec![Choice::Cheaper, Choice::ScrollRegion]),
    ) {
        play(strategy, true, 60, &steps);
    }
}

#[test]
fn scrolling_down_and_back_in_both_layouts() {
    let mut steps = vec![Step::Act(Action::FocusPane)];
    steps.extend([Step::Act(Action::Down); 5]);
    steps.extend([Step::Act(Action::PageDown); 2]);
    steps.extend([Step::Act(Action::Up); 3]);
    steps.push(Step::Act(Action::PageUp));
    for strategy in [Choice::Cheaper, Choice::ScrollRegion] {
        for margins in [false, true] {
            for narrow_below in [60, 81] {
                play(strategy, margins, narrow_below, &steps);
            }
        }
    }
}

#[test]
fn after_invalidate_the_screen_is_cleared_and_drawn_whole() {
    let library = library();
    let reader = Reader::new(
        &library,
        ReaderSettings::default(),
        Keymap::defaults(),
        (80, 24),
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    render(&reader, &library, &Theme::colored(), &mut buf);
    let mut backend = TestBackend::new(80, 24);
    let mut writer = FrameWriter::new();
    writer.draw(&mut backend, buf.clone(), None).expect("draw");
    // Something else writes over the screen (a shell while suspended) and clears it.
    backend.clear().expect("clear");
    writer.invalidate();
    let report = writer.draw(&mut backend, buf.clone(), None).expect("draw");
    assert!(report.full);
    assert_eq!(visible(backend.buffer()), visible(&buf));
}
