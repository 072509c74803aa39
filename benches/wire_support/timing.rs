//! The wire bench's timing: a line scroll's frame with each way of drawing, and the frame
//! writer alone (see `benches/wire.rs`).

use std::hint::black_box;
use std::io;

use criterion::Criterion;
use kanbao::load::Library;
use kanbao::reader::{Action, Reader};
use kanbao::terminal::{CountingWriter, FrameWriter, Strategy, ViewState};
use kanbao::ui::{Theme, render};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::{How, LAYOUTS, LONG, Screen, act, open, reader};

/// Times a one-line scroll and its frame at 200×60 (both panes) and 80×24 (one pane), drawn
/// by ratatui's `Terminal` and with each strategy: what planning and choosing cost in time.
pub fn frames(c: &mut Criterion, library: &Library) {
    let mut group = c.benchmark_group("wire");
    for layout in [LAYOUTS[2], LAYOUTS[1]] {
        for (label, how) in [
            ("terminal_draw", How::Terminal),
            ("diff", How::Frames(Strategy::Diff, false)),
            ("scroll", How::Frames(Strategy::ScrollRegion, false)),
            ("cheaper", How::Frames(Strategy::Cheaper, false)),
            ("cheaper_margins", How::Frames(Strategy::Cheaper, true)),
        ] {
            let mut reader = reader(library, layout);
            open(&mut reader, library, LONG);
            act(&mut reader, library, Action::FocusPane);
            act(&mut reader, library, Action::PageDown);
            let mut screen = Screen::new(how, layout.width, layout.height);
            screen.frame(&reader, library);
            let name = format!("line_scroll_{}x{}_{label}", layout.width, layout.height);
            let mut down = true;
            group.bench_function(name, |b| {
                b.iter(|| {
                    // Down and up again, so that the text never runs out.
                    let action = if down { Action::Down } else { Action::Up };
                    down = !down;
                    act(&mut reader, library, action);
                    black_box(screen.frame(&reader, library));
                });
            });
        }
    }
    group.finish();
}

/// Times the frame writer alone at 200×60 (both panes) on two frames rendered beforehand, a
/// line apart, drawn in turn with the scroll hint between them: the writer's share of a
/// frame, without updating and rendering (a copy of the frame into the writer's spare buffer
/// is included). `Terminal::draw` is ratatui's diff and its writing of the cells.
pub fn writer_only(c: &mut Criterion, library: &Library) {
    let layout = LAYOUTS[2];
    let mut reader = reader(library, layout);
    open(&mut reader, library, LONG);
    act(&mut reader, library, Action::FocusPane);
    act(&mut reader, library, Action::PageDown);
    let area = Rect::new(0, 0, layout.width, layout.height);
    let theme = Theme::colored();
    let frame = |reader: &Reader| {
        let mut buf = Buffer::empty(area);
        render(reader, library, &theme, &mut buf);
        (buf, ViewState::of(reader))
    };
    let (first, first_view) = frame(&reader);
    act(&mut reader, library, Action::Down);
    let (second, second_view) = frame(&reader);
    let down = first_view
        .scroll_to(&second_view)
        .expect("the pane scrolled");
    let up = second_view
        .scroll_to(&first_view)
        .expect("the pane scrolled");
    let mut group = c.benchmark_group("wire");
    for (label, strategy, margins) in [
        ("terminal_draw", None, false),
        ("diff", Some(Strategy::Diff), false),
        ("scroll", Some(Strategy::ScrollRegion), false),
        ("cheaper", Some(Strategy::Cheaper), false),
        ("cheaper_margins", Some(Strategy::Cheaper), true),
    ] {
        let writer = CountingWriter::new(io::sink());
        let mut backend = CrosstermBackend::new(writer);
        let name = format!("writer_only_200x60_{label}");
        let mut flip = false;
        let Some(strategy) = strategy else {
            let options = TerminalOptions {
                viewport: Viewport::Fixed(area),
            };
            let mut terminal = Terminal::with_options(backend, options).expect("terminal");
            group.bench_function(name, |b| {
                b.iter(|| {
                    flip = !flip;
                    let shown = if flip { &second } else { &first };
                    terminal
                        .draw(|f| f.buffer_mut().content.clone_from_slice(&shown.content))
                        .expect("draw");
                });
            });
            continue;
        };
        let mut writer = FrameWriter::with_strategy(strategy).with_margins(margins);
        writer
            .draw(&mut backend, first.clone(), None)
            .expect("draw");
        group.bench_function(name, |b| {
            b.iter(|| {
                flip = !flip;
                let (shown, hint) = if flip {
                    (&second, &down)
                } else {
                    (&first, &up)
                };
                let mut buf = writer.blank(area);
                buf.content.clone_from_slice(&shown.content);
                black_box(writer.draw(&mut backend, buf, Some(hint)).expect("draw"));
            });
        });
    }
    group.finish();
}
