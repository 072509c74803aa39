//! The frame writer draws the right screen, whatever it chooses: the bytes it sends through
//! ratatui's crossterm backend are played on a small terminal emulator (cursor moves, scroll
//! regions, SU/SD, erasing, wide characters), and what it shows must be what the reader
//! rendered, after every action of random sequences of scrolls, selections, focus changes,
//! overlays and resizes.
//!
//! ratatui's `TestBackend` works too, checked on frames without wide characters: it keeps
//! cells, not what a terminal shows, so a narrow character written over half of a wide one
//! leaves the other half as it was (a terminal blanks it), which a cell-by-cell comparison
//! would count against any diff.

mod support {
    pub mod screen;
}

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

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
use unicode_width::UnicodeWidthChar;

fn library() -> Library {
    support::screen::library_with_long_seed(2)
}

/// A writer whose bytes stay readable while a backend owns it.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Shared {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().expect("lock"))
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Just enough of a VT100 to play what ratatui's crossterm backend sends: CUP, SGR (ignored),
/// DECSTBM, SU, SD, ED 2, EL 0, DECTCEM and OSC (ignored), and text with wide characters.
struct Emulator {
    width: usize,
    height: usize,
    /// One string per cell; a wide character's second cell is empty.
    cells: Vec<String>,
    x: usize,
    y: usize,
    top: usize,
    bottom: usize,
}

impl Emulator {
    fn new(width: u16, height: u16) -> Self {
        let (width, height) = (usize::from(width), usize::from(height));
        Self {
            width,
            height,
            cells: vec![" ".to_owned(); width * height],
            x: 0,
            y: 0,
            top: 0,
            bottom: height - 1,
        }
    }

    fn scroll(&mut self, lines: usize, up: bool) {
        let (top, bottom, w) = (self.top, self.bottom, self.width);
        let region = &mut self.cells[top * w..(bottom + 1) * w];
        let moved = (lines * w).min(region.len());
        let len = region.len();
        if up {
            region.rotate_left(moved);
            region[len - moved..].fill(" ".to_owned());
        } else {
            region.rotate_right(moved);
            region[..moved].fill(" ".to_owned());
        }
    }

    /// Writes a character at the cursor; a wide one takes two cells, and a character written
    /// over half of a wide one blanks the other half, as terminals do.
    fn put(&mut self, c: char) {
        // The grapheme before the cursor: a character after a zero-width joiner belongs to
        // it (👩‍💻), and so does a second regional indicator (🇯🇵, two cells as a pair).
        let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
        let row = self.y * self.width;
        let before = match self.x {
            0 => "",
            x if x > 1 && self.cells[row + x - 1].is_empty() => &self.cells[row + x - 2],
            x => &self.cells[row + x - 1],
        };
        let joined = before.ends_with('\u{200d}')
            || (regional(c) && before.chars().filter(|&b| regional(b)).count() == 1);
        let width = match c {
            _ if joined => 0,
            c if regional(c) => 2,
            c => c.width().unwrap_or(0),
        };
        if width == 0 {
            if self.x > 0 {
                let mut at = self.y * self.width + self.x - 1;
                if self.cells[at].is_empty() {
                    at -= 1;
                }
                self.cells[at].push(c);
            }
            return;
        }
        assert!(
            self.x + width <= self.width,
            "text past the right edge at ({}, {})",
            self.x,
            self.y
        );
        let row = self.y * self.width;
        for x in self.x..self.x + width {
            if self.cells[row + x].is_empty() && x > 0 {
                " ".clone_into(&mut self.cells[row + x - 1]);
            }
            if x + 1 < self.width && self.cells[row + x + 1].is_empty() {
                " ".clone_into(&mut self.cells[row + x + 1]);
            }
        }
        self.cells[row + self.x] = c.to_string();
        if width == 2 {
            self.cells[row + self.x + 1] = String::new();
        }
        self.x += width;
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                self.put(c);
                continue;
            }
            match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let command = loop {
                        let c = chars.next().expect("a complete CSI");
                        if c.is_ascii_digit() || c == ';' || c == '?' {
                            params.push(c);
                        } else {
                            break c;
                        }
                    };
                    let numbers: Vec<usize> = params
                        .trim_start_matches('?')
                        .split(';')
                        .map(|n| n.parse().unwrap_or(0))
                        .collect();
                    let first = numbers.first().copied().unwrap_or(0);
                    match command {
                        'H' => {
                            self.y = first.max(1) - 1;
                            self.x = numbers.get(1).copied().unwrap_or(1).max(1) - 1;
                        }
                        'r' if params.is_empty() => (self.top, self.bottom) = (0, self.height - 1),
                        'r' => (self.top, self.bottom) = (first - 1, numbers[1] - 1),
                        'S' => self.scroll(first.max(1), true),
                        'T' => self.scroll(first.max(1), false),
                        'J' if first == 2 => self.cells.fill(" ".to_owned()),
                        'K' if first == 0 => {
                            let row = self.y * self.width;
                            // From the second column of a wide character, the whole of it.
                            let from = if self.cells[row + self.x].is_empty() {
                                self.x - 1
                            } else {
                                self.x
                            };
                            self.cells[row + from..row + self.width].fill(" ".to_owned());
                        }
                        'm' | 'h' | 'l' => {}
                        other => panic!("unexpected CSI {params}{other}"),
                    }
                }
                Some(']') => {
                    // OSC: skip to ST (ESC \) or BEL.
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                other => panic!("unexpected escape {other:?}"),
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for row in self.cells.chunks(self.width) {
            for cell in row {
                out.push_str(cell);
            }
            out.push('\n');
        }
        out
    }
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
    fn new(strategy: Choice, size: (u16, u16)) -> Self {
        let shared = Shared::default();
        Self {
            crossterm: (
                FrameWriter::with_strategy(strategy),
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
        writer
            .draw(backend, buf.clone(), scroll.as_ref())
            .expect("draw");
        emulator.feed(&shared.take());
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

fn play(strategy: Choice, narrow_below: u16, steps: &[Step]) {
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
    let mut screens = Screens::new(strategy, reader.size);
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
    ) {
        let (width, height) = (30, 12);
        let mut backend = TestBackend::new(width, height);
        let mut writer = FrameWriter::with_strategy(strategy);
        let mut first = 100;
        writer.draw(&mut backend, ascii_frame(width, height, first, 0, &[]), None).expect("draw");
        for (step, (lines, changed)) in moves.iter().enumerate() {
            first += lines;
            let next = ascii_frame(width, height, first, step as u8, changed);
            let scroll = kanbao::terminal::Scroll { rows: 0..height - 1, lines: *lines };
            writer.draw(&mut backend, next.clone(), Some(&scroll)).expect("draw");
            prop_assert_eq!(backend.buffer(), &next);
        }
    }

    #[test]
    fn every_strategy_draws_what_was_rendered(
        steps in steps(),
        strategy in prop::sample::select(vec![Choice::Cheaper, Choice::Diff, Choice::ScrollRegion]),
        narrow_below in prop::sample::select(vec![60u16, 81]),
    ) {
        play(strategy, narrow_below, &steps);
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
        for narrow_below in [60, 81] {
            play(strategy, narrow_below, &steps);
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
