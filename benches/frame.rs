//! One frame of the reader at 200×60 in a 5 MB article, and a page down there, drawn through
//! ratatui's `Terminal` on a `TestBackend` (so the diff is included). Target: under 1 ms
//! each, independent of the article's length (compare the 50 KB article).
//!
//! - `render_only`: drawing the state into a buffer.
//! - `page_down`: the action, then a frame in which the whole reading pane changes.
//! - `full_redraw`: a frame after the screen was cleared (every cell diffed and written), as
//!   after a resize or Ctrl-Z.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::load::{Library, Problem, Severity, parse_issue};
use kanbao::reader::{Action, Focus, Keymap, Message, Reader, ReaderSettings, update};
use kanbao::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;
use support::chinese_article;

fn library_with(bytes: usize) -> Library {
    let mut file = String::from(
        "title = \"大文章\"\nlanguage = \"zh-CN\"\nfooter = \"报：编辑部\"\n\n[[article]]\ntitle = \"五兆字节\"\nbody = '''\n",
    );
    let _ = write!(file, "{}\n'''\n", chinese_article(bytes));
    let outcome = parse_issue(Path::new("big.toml"), &file);
    Library {
        issues: outcome.issue.into_iter().map(std::sync::Arc::new).collect(),
        problems: Vec::new(),
        files: 1,
    }
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (name, bytes) in [("5mb", 5 * 1024 * 1024), ("50kb", 50 * 1024)] {
        let library = library_with(bytes);
        let mut reader = Reader::new(
            &library,
            ReaderSettings::default(),
            Keymap::defaults(),
            (200, 60),
        );
        reader.focus = Focus::Pane;
        // All of the article laid out, as after reading to its end.
        reader.scroll_to(usize::MAX);
        let middle = reader.max_pane_top() / 2;
        reader.scroll_to(middle);
        let theme = Theme::colored();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
        group.bench_function(format!("full_redraw_200x60_{name}"), |b| {
            b.iter(|| {
                // A full redraw: the previous frame is cleared, so every cell is diffed.
                terminal.clear().expect("clear");
                terminal
                    .draw(|frame| render(black_box(&reader), &library, &theme, frame.buffer_mut()))
                    .expect("draw");
            });
        });
        group.bench_function(format!("render_only_200x60_{name}"), |b| {
            let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 200, 60));
            b.iter(|| {
                buf.reset();
                render(black_box(&reader), &library, &theme, &mut buf);
            });
        });
        group.bench_function(format!("page_down_200x60_{name}"), |b| {
            b.iter(|| {
                reader.scroll_to(middle);
                update(&mut reader, &library, Message::Action(Action::PageDown));
                terminal
                    .draw(|frame| render(black_box(&reader), &library, &theme, frame.buffer_mut()))
                    .expect("draw");
            });
        });
    }
    group.finish();
}

/// 100 problems in each of `files` files: short and long messages, Latin and Chinese, so
/// that some wrap at 200 columns.
fn problems(files: usize) -> Vec<Problem> {
    let messages = [
        "`title` must be text in quotes, but this is a number".to_owned(),
        format!(
            "`date` must be a date, but this is the text \"{}\" (write a date such as 2022-11-28, without quotes)",
            "二〇二二年十一月二十八日，上海市邮政管理局开展党的二十大精神进快递员群体活动"
                .repeat(2)
        ),
        "unknown key `tittle` in article 3 is ignored (did you mean `title`?)".to_owned(),
    ];
    (0..files)
        .flat_map(|file| {
            let messages = &messages;
            (0..100).map(move |n| Problem {
                path: format!("issues/2022-{file:04}-邮政快递业简报.toml").into(),
                line: n * 4 + 1,
                column: 9,
                severity: Severity::Error,
                message: messages[n % messages.len()].clone(),
                count: 1,
            })
        })
        .collect()
}

fn problems_view(c: &mut Criterion) {
    let mut group = c.benchmark_group("problems_view");
    let mut library = library_with(50 * 1024);
    library.problems = problems(1_000);
    library.files += 1_000;
    let mut reader = Reader::new(
        &library,
        ReaderSettings::default(),
        Keymap::defaults(),
        (200, 60),
    );
    update(&mut reader, &library, Message::Action(Action::Problems));
    update(&mut reader, &library, Message::Action(Action::Bottom));
    let middle = reader.overlays.problems_top / 2;
    reader.overlays.problems_top = middle;
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    group.bench_function("render_only_200x60_1000_files", |b| {
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 200, 60));
        b.iter(|| {
            buf.reset();
            render(black_box(&reader), &library, &theme, &mut buf);
        });
    });
    group.bench_function("page_down_200x60_1000_files", |b| {
        b.iter(|| {
            reader.overlays.problems_top = middle;
            update(&mut reader, &library, Message::Action(Action::PageDown));
            terminal
                .draw(|frame| render(black_box(&reader), &library, &theme, frame.buffer_mut()))
                .expect("draw");
        });
    });
    group.bench_function("open_200x60_1000_files", |b| {
        let mut width = 200;
        b.iter(|| {
            // Closed, then resized: the view is laid out afresh when it opens.
            update(&mut reader, &library, Message::Action(Action::Problems));
            width = if width == 200 { 199 } else { 200 };
            update(&mut reader, &library, Message::Resize(width, 60));
            update(&mut reader, &library, Message::Action(Action::Problems));
            terminal
                .draw(|frame| render(black_box(&reader), &library, &theme, frame.buffer_mut()))
                .expect("draw");
        });
    });
    group.finish();
}

criterion_group!(benches, frames, problems_view);
criterion_main!(benches);
