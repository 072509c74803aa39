//! Bytes on the wire (issue 7): what the reader writes to the terminal per action, through
//! ratatui's crossterm backend over a writer that counts bytes.
//!
//! Run `cargo bench --bench wire`: it prints a table of bytes per action (the figures in
//! BENCHMARKS.md), then times a one-line-scroll frame with each strategy (criterion).
//! `WIRE_BYTES_ONLY=1` prints the table and skips the timing.
//!
//! Texts:
//! - the shipped issues, with the seed bulletin (`2022-11-shanghai-postal`) selected, for
//!   moving the selection and opening the next article;
//! - for scrolling, the seed bulletin's nine articles joined into one article (titles as
//!   headings), three times over, as an issue `seed-long` beside the shipped ones (so the list
//!   column is as full as usual): the seed's own articles are shorter than a 200×60 pane.
//!   The bench writes the folder to `target/wire/issues/`, where `benches/wire-less.sh`
//!   picks it up to run `less` and kanbao over the same text in tmux.
//!
//! Ways of drawing:
//! - `Terminal::draw`: ratatui's terminal, as the loop drew before issue 7;
//! - `diff`: the frame writer with [`Strategy::Diff`] (never scrolls);
//! - `scroll`: [`Strategy::ScrollRegion`] (always scrolls when the pane scrolled);
//! - `kanbao`: [`Strategy::Cheaper`], what the loop does: the cheaper of the two;
//! - `margins`, `kanbao with margins`: the same two in a terminal with left and right margins
//!   (xterm and others; not tmux), where only the pane's columns scroll.
//!
//! The timing is in `wire_support/timing.rs`.

#[path = "wire_support/timing.rs"]
mod timing;

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use criterion::Criterion;
use kanbao::load::{self, Library};
use kanbao::reader::{
    Action, Focus, Keymap, Message, Reader, ReaderSettings, ScreenSettings, update,
};
use kanbao::terminal::{ByteCount, CountingWriter, ReaderFrames, Strategy};
use kanbao::ui::{Theme, render};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[path = "../tests/support/screen.rs"]
mod screen;

const SEED: &str = "2022-11-shanghai-postal";
const LONG: &str = "seed-long";

type Wire = CrosstermBackend<CountingWriter<io::Sink>>;

/// How frames reach the (counting) terminal.
#[derive(Debug, Clone, Copy)]
enum How {
    Terminal,
    /// The frame writer, in a terminal with left and right margins if the flag is set.
    Frames(Strategy, bool),
}

const HOWS: [(&str, How); 6] = [
    ("`Terminal::draw` (before)", How::Terminal),
    ("diff", How::Frames(Strategy::Diff, false)),
    ("scroll region", How::Frames(Strategy::ScrollRegion, false)),
    ("kanbao (the loop)", How::Frames(Strategy::Cheaper, false)),
    ("margins", How::Frames(Strategy::ScrollRegion, true)),
    ("kanbao with margins", How::Frames(Strategy::Cheaper, true)),
];

enum Drawer {
    Terminal(Box<Terminal<Wire>>),
    Frames(ReaderFrames, Wire),
}

/// A counting terminal and what draws on it.
struct Screen {
    drawer: Drawer,
    count: ByteCount,
    theme: Theme,
}

impl Screen {
    fn new(how: How, width: u16, height: u16) -> Self {
        let writer = CountingWriter::new(io::sink());
        let count = writer.count();
        let backend = CrosstermBackend::new(writer);
        let drawer = match how {
            How::Terminal => {
                let options = TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
                };
                Drawer::Terminal(Box::new(
                    Terminal::with_options(backend, options).expect("terminal"),
                ))
            }
            How::Frames(strategy, margins) => {
                let mut frames = ReaderFrames::new(strategy);
                frames.set_margins(margins);
                Drawer::Frames(frames, backend)
            }
        };
        Self {
            drawer,
            count,
            theme: Theme::colored(),
        }
    }

    /// Draws a frame as the loop does; returns the bytes written.
    fn frame(&mut self, reader: &Reader, library: &Library) -> usize {
        match &mut self.drawer {
            Drawer::Terminal(terminal) => {
                terminal
                    .draw(|frame| render(reader, library, &self.theme, frame.buffer_mut()))
                    .expect("draw");
            }
            Drawer::Frames(frames, backend) => {
                frames
                    .draw(backend, reader, library, &self.theme)
                    .expect("draw");
            }
        }
        self.count.take()
    }
}

/// A screen size and layout.
#[derive(Debug, Clone, Copy)]
struct Layout {
    name: &'static str,
    width: u16,
    height: u16,
    narrow_below: u16,
}

const LAYOUTS: [Layout; 3] = [
    Layout {
        name: "80×24, list and pane",
        width: 80,
        height: 24,
        narrow_below: 60,
    },
    Layout {
        name: "80×24, one pane (narrow_below = 81)",
        width: 80,
        height: 24,
        narrow_below: 81,
    },
    Layout {
        name: "200×60, list and pane",
        width: 200,
        height: 60,
        narrow_below: 60,
    },
];

fn reader(library: &Library, layout: Layout) -> Reader {
    let settings = ReaderSettings {
        screen: ScreenSettings {
            list_width: None,
            narrow_below: layout.narrow_below,
        },
        ..ReaderSettings::default()
    };
    Reader::new(
        library,
        settings,
        Keymap::defaults(),
        (layout.width, layout.height),
    )
}

fn act(reader: &mut Reader, library: &Library, action: Action) {
    update(reader, library, Message::Action(action));
    kanbao::reader::settle(reader, library);
}

/// Selects the first article of the issue with file stem `stem`, as a click in the list would.
fn open(reader: &mut Reader, library: &Library, stem: &str) {
    reader.selected = screen::first_article_of(reader, library, stem);
    reader.relayout(library);
}

/// The measured actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    LineScroll,
    PageDown,
    SelectionDown,
    NextArticle,
    Idle,
    FullRepaint,
}

const MEASURES: [(&str, Measure); 6] = [
    ("one-line scroll (`j` in the pane)", Measure::LineScroll),
    ("page down (`space` in the pane)", Measure::PageDown),
    ("selection down (`j` in the list)", Measure::SelectionDown),
    ("next article (`]`)", Measure::NextArticle),
    ("same state again (idle)", Measure::Idle),
    ("first frame (full repaint)", Measure::FullRepaint),
];

/// Mean bytes per action of `measure`, drawn `how`, in `layout`.
fn bytes(measure: Measure, how: How, layout: Layout, library: &Library) -> usize {
    let mut reader = reader(library, layout);
    let stem = match measure {
        Measure::LineScroll | Measure::PageDown => LONG,
        _ => SEED,
    };
    open(&mut reader, library, stem);
    let mut screen = Screen::new(how, layout.width, layout.height);
    let (action, times) = match measure {
        Measure::FullRepaint => return screen.frame(&reader, library),
        Measure::Idle => (None, 1),
        Measure::LineScroll => (Some(Action::Down), 10),
        Measure::PageDown => (Some(Action::PageDown), 3),
        Measure::SelectionDown => (Some(Action::Down), 4),
        Measure::NextArticle => (Some(Action::NextArticle), 4),
    };
    let focus = match measure {
        Measure::SelectionDown => Focus::List,
        _ => Focus::Pane,
    };
    if focus == Focus::Pane {
        act(&mut reader, library, Action::FocusPane);
    }
    screen.frame(&reader, library);
    let mut total = 0;
    for _ in 0..times {
        if let Some(action) = action {
            let before = (reader.pane_top, reader.selected);
            act(&mut reader, library, action);
            assert_ne!(
                before,
                (reader.pane_top, reader.selected),
                "{measure:?} in {layout:?}: the text is too short"
            );
        }
        total += screen.frame(&reader, library);
    }
    total / times
}

/// The shipped issues and the seed bulletin's articles joined into one, three times over, as
/// `seed-long.toml`, in `target/wire/issues/`; returns the folder.
fn write_issues(shipped: &Library) -> PathBuf {
    let seed = shipped
        .issues
        .iter()
        .find(|i| i.stem == SEED)
        .expect("the seed bulletin is shipped");
    let body = screen::long_seed_body(seed, 3);
    let file = format!(
        "title = \"{}（合订）\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"{}\"\nbody = '''\n{}'''\n",
        seed.title,
        seed.title,
        body.trim_end()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/wire/issues");
    std::fs::create_dir_all(&dir).expect("target/wire/issues");
    std::fs::write(dir.join(format!("{LONG}.toml")), file).expect("seed-long.toml");
    for issue in &shipped.issues {
        let name = issue.path.file_name().expect("a file name");
        std::fs::copy(&issue.path, dir.join(name)).expect("copy an issue");
    }
    dir
}

fn table(library: &Library) -> String {
    let mut out = String::new();
    for layout in LAYOUTS {
        let _ = writeln!(out, "\n{} (bytes per action)\n", layout.name);
        let _ = write!(out, "| action |");
        for (name, _) in HOWS {
            let _ = write!(out, " {name} |");
        }
        let _ = writeln!(out, "\n|---|{}", "---:|".repeat(HOWS.len()));
        for (name, measure) in MEASURES {
            let _ = write!(out, "| {name} |");
            for (_, how) in HOWS {
                let _ = write!(out, " {} |", bytes(measure, how, layout, library));
            }
            let _ = writeln!(out);
        }
    }
    out
}

fn main() {
    let shipped =
        load::load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")).expect("issues");
    let library = load::load_folder(&write_issues(&shipped)).expect("target/wire/issues loads");
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    println!("Bytes on the wire (issue 7){}", table(&library));
    if std::env::var_os("WIRE_BYTES_ONLY").is_some() {
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    timing::frames(&mut criterion, &library);
    timing::writer_only(&mut criterion, &library);
    criterion.final_summary();
}
