//! The problems view (`!`) over a folder with many bad files: it shows and scrolls exactly as
//! if every problem were wrapped to the window's width, whatever the width, the place in the
//! view, and problems that arrive with a batch of files while it is open.

mod support {
    pub mod screen;
}

use std::path::PathBuf;

use kanbao::load::{Library, Problem, Severity};
use kanbao::reader::{Message, Overlay, OverlayLine, Reader, problem_window, settle, update};
use kanbao::state::NotSaved;
use kanbao::text::AmbiguousWidth::{self, Narrow, Wide};
use kanbao::text::wrap_str;
use proptest::prelude::*;
use support::screen::{keys, reader, screen};

/// Messages of every length: one that fits any view, Chinese ones that wrap, one with a long
/// unbroken run.
const MESSAGES: &[&str] = &[
    "`title` must be text in quotes, but this is a number",
    "`date` must be a date, but this is the text \"二〇二二年十一月二十八日\" (write a date such as 2022-11-28, without quotes)",
    "`title` is empty; article 2 needs a title to show in the list (spaces, tabs and line breaks alone are not one)",
    "this is not valid TOML: expected `=` near `上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动“党群服务中心”`",
    "unknown key `tittle` in article 3 is ignored (did you mean `title`?)",
];

/// The shipped issues and `files` bad files of `per_file` problems each.
fn library_with_problems(files: usize, per_file: usize) -> Library {
    let mut library = support::screen::library();
    library.files += files;
    for file in 0..files {
        let path = PathBuf::from(format!("issues/2022-{file:04}-邮政快递业简报.toml"));
        library.problems.extend((0..per_file).map(|n| Problem {
            path: path.clone(),
            line: n * 4 + 1,
            column: 9,
            severity: Severity::Error,
            message: MESSAGES[(file + n) % MESSAGES.len()].to_owned(),
            count: 1,
        }));
    }
    library
}

/// The whole view as it reads when every problem is wrapped: the heading, then each problem
/// after a blank line (why the state is not saved first, when it is not).
fn whole_view(reader: &Reader, library: &Library) -> Vec<OverlayLine> {
    let width = usize::from(reader.screen().body.width.saturating_sub(2)).max(2);
    let ambiguous = reader.settings.ambiguous;
    let heading = format!(
        "{} of {} files could not be loaded",
        library.failed_files(),
        library.files
    );
    let mut lines = vec![(heading, true)];
    let not_saved = reader.not_saved.as_ref().map(ToString::to_string);
    if library.problems.is_empty() && not_saved.is_none() {
        lines.push(("No problems.".to_owned(), false));
    }
    for entry in not_saved
        .into_iter()
        .chain(library.problems.iter().map(ToString::to_string))
    {
        lines.push((String::new(), false));
        lines.extend(
            wrap_str(&entry, width, ambiguous)
                .into_iter()
                .map(|l| (l, false)),
        );
    }
    lines
}

/// The lines a window of `height` from `top` shows of the whole view: the last full window
/// when `top` is past it.
fn expected_window(whole: &[OverlayLine], top: usize, height: usize) -> Vec<OverlayLine> {
    let top = top.min(whole.len().saturating_sub(height));
    whole.iter().skip(top).take(height).cloned().collect()
}

fn open_view(library: &Library, width: u16, height: u16, ambiguous: AmbiguousWidth) -> Reader {
    let mut reader = reader(library, width, height, ambiguous);
    keys(&mut reader, library, "!");
    assert_eq!(reader.overlay, Overlay::Problems);
    reader
}

#[test]
fn the_middle_of_twenty_thousand_problems() {
    let library = library_with_problems(200, 100);
    let mut reader = open_view(&library, 80, 24, Narrow);
    keys(&mut reader, &library, "G");
    let last = reader.overlays.problems_top;
    reader.overlays.problems_top = last / 2;
    keys(&mut reader, &library, "space j");
    insta::assert_snapshot!("problems_middle_80x24", screen(&reader, &library));
}

#[test]
fn the_end_of_the_view_shows_the_last_problem_on_the_last_row() {
    let library = library_with_problems(50, 100);
    let mut reader = open_view(&library, 80, 24, Wide);
    keys(&mut reader, &library, "G");
    let whole = whole_view(&reader, &library);
    let height = usize::from(reader.screen().body.height);
    assert_eq!(reader.overlays.problems_top, whole.len() - height);
    let shown = screen(&reader, &library);
    let last_row = shown.lines().nth(height - 1).unwrap_or_default();
    let last_line = &whole[whole.len() - 1].0;
    assert!(last_row.contains(last_line.as_str()), "{shown}");
}

#[test]
fn problems_that_arrive_while_the_view_is_open_are_shown_at_once() {
    let mut library = library_with_problems(3, 2);
    let mut reader = open_view(&library, 80, 24, Narrow);
    let arrived = library_with_problems(40, 3);
    library.problems = arrived.problems;
    library.files = arrived.files;
    // Drawn before the loop settles: the view is never stale.
    let whole = whole_view(&reader, &library);
    assert_eq!(problem_window(&reader, &library, 50, 20), whole[50..70]);
    settle(&mut reader, &library);
    keys(&mut reader, &library, "G");
    assert_eq!(reader.overlays.problems_top, whole.len() - 23);
}

#[test]
fn a_state_that_cannot_be_saved_comes_first_and_counts_in_the_view() {
    let library = library_with_problems(2, 2);
    let mut reader = open_view(&library, 60, 12, Narrow);
    reader.not_saved = Some(NotSaved {
        reason: "/home/读者/.local/state/kanbao/state.toml: No space left on device (os error 28)"
            .to_owned(),
        transient: true,
    });
    settle(&mut reader, &library);
    let whole = whole_view(&reader, &library);
    assert_eq!(problem_window(&reader, &library, 0, 100), whole);
    assert!(
        whole[2].0.starts_with("reading state not saved"),
        "{whole:?}"
    );
}

/// Keys that move in the view, close and reopen it, and resizes.
fn message() -> impl Strategy<Value = Message> {
    const KEYS: &[&str] = &[
        "j", "k", "space", "pagedown", "pageup", "g", "G", "down", "up", "!", "!",
    ];
    prop_oneof![
        8 => (0..KEYS.len()).prop_map(|i| Message::Key(
            kanbao::reader::Key::parse(KEYS[i]).expect("a key")
        )),
        2 => (20u16..160, 5u16..50).prop_map(|(w, h)| Message::Resize(w, h)),
        1 => (0u16..160, 0u16..50, -8i16..8).prop_map(|(x, y, lines)| Message::Wheel { x, y, lines }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_window_is_the_whole_view_scrolled(
        files in 0usize..30,
        per_file in 1usize..12,
        width in 20u16..160,
        height in 5u16..50,
        wide in any::<bool>(),
        tops in prop::collection::vec(0usize..2_000, 1..8),
    ) {
        let library = library_with_problems(files, per_file);
        let ambiguous = if wide { Wide } else { Narrow };
        let reader = open_view(&library, width, height, ambiguous);
        let whole = whole_view(&reader, &library);
        for top in tops {
            for rows in [1, usize::from(height), 60] {
                prop_assert_eq!(
                    problem_window(&reader, &library, top, rows),
                    expected_window(&whole, top, rows)
                );
            }
        }
    }

    #[test]
    fn scrolling_stays_in_the_view_and_shows_what_it_says(
        files in 0usize..30,
        width in 20u16..160,
        height in 5u16..50,
        messages in prop::collection::vec(message(), 0..30),
    ) {
        let library = library_with_problems(files, 7);
        let mut reader = open_view(&library, width, height, Narrow);
        for message in messages {
            update(&mut reader, &library, message);
            settle(&mut reader, &library);
            if reader.overlay != Overlay::Problems {
                continue;
            }
            let whole = whole_view(&reader, &library);
            let rows = usize::from(reader.screen().body.height);
            let top = reader.overlays.problems_top;
            prop_assert!(top <= whole.len().saturating_sub(rows), "{} of {}", top, whole.len());
            prop_assert_eq!(
                problem_window(&reader, &library, top, rows),
                expected_window(&whole, top, rows)
            );
        }
    }
}
