//! The ambiguous-width probe against real terminals: tmux panes whose wcwidth draws
//! East Asian Ambiguous characters one column wide (an ordinary tmux) or two
//! (`tests/fixtures/tools/wide-ambiguous-tmux`). The probe runs in this test binary's own ignored
//! `probe_child` test, started inside the pane, which writes what it found to a file.

mod terminal_tmux;

use std::time::Duration;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use kanbao::terminal::{ask_terminal, probe_ambiguous_width};
use kanbao::text::AmbiguousWidth;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use terminal_tmux::{Ambiguous, Tmux, child_dir, child_write, tell, wait_for};

/// Runs the probe in a pane and returns (result, the pane's screen afterwards).
fn probe_in_tmux(label: &str, ambiguous: Ambiguous, redirect: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let tmux = Tmux::start(label, ambiguous, "probe_child", dir.path(), redirect);
    let result = wait_for(dir.path(), "result");
    let screen = tmux.capture();
    tell(dir.path(), "quit");
    (result, screen)
}

#[test]
fn an_ordinary_tmux_draws_ambiguous_characters_narrow() {
    let (result, screen) = probe_in_tmux("probe-narrow", Ambiguous::Narrow, "");
    assert_eq!(result, "narrow left=0");
    assert!(
        !screen.contains('\u{201C}'),
        "the probe character stayed:\n{screen}"
    );
}

#[test]
fn a_wide_ambiguous_tmux_draws_them_wide() {
    let (result, screen) = probe_in_tmux("probe-wide", Ambiguous::Wide, "");
    assert_eq!(result, "wide left=0");
    assert!(
        !screen.contains('\u{201C}'),
        "the probe character stayed:\n{screen}"
    );
}

#[test]
fn no_answer_without_a_terminal_on_stdin_or_stdout() {
    let (result, _) = probe_in_tmux("probe-stdin", Ambiguous::Narrow, "< /dev/null");
    assert_eq!(result, "none left=0");
    let (result, _) = probe_in_tmux("probe-stdout", Ambiguous::Narrow, "> /dev/null");
    assert_eq!(result, "none left=0");
}

#[test]
fn keys_typed_after_the_answer_are_left_for_the_reader() {
    // The reader asks, draws its first frame, and only then reads the answer: a key pressed
    // on seeing that frame is already waiting behind it, and must not be taken with it. And
    // the answer is read, however long the first frame took.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let tmux = Tmux::start("probe-keys", Ambiguous::Wide, "ask_child", dir.path(), "");
    wait_for(dir.path(), "asked");
    tmux.type_text("jk");
    tell(dir.path(), "typed");
    let result = wait_for(dir.path(), "result");
    tell(dir.path(), "quit");
    assert_eq!(result, "wide left=2");
}

/// Run inside a pane by the test above: raw mode, ask, wait for keys to be typed, then read
/// the answer and count what is left on stdin.
#[test]
#[ignore = "run inside tmux by the tests above"]
fn ask_child() {
    let Some(dir) = child_dir() else { return };
    enable_raw_mode().expect("raw mode");
    // Shorter than the sleeps below: the wait counts from when the answer is read, and an
    // answer already there is read however long the caller took.
    let asked = ask_terminal(Duration::from_millis(300)).expect("asked");
    // The answer is on its way; keys come after it.
    std::thread::sleep(Duration::from_millis(200));
    child_write(&dir, "asked", "");
    wait_for(&dir, "typed");
    // The keys reach the pane's input after tmux has processed them.
    std::thread::sleep(Duration::from_millis(200));
    let width = asked.answer().ambiguous;
    let left = bytes_waiting();
    disable_raw_mode().expect("leave raw mode");
    report(&dir, width, left);
}

/// Run inside a pane by the tests above: raw mode, probe, count what is left on stdin.
#[test]
#[ignore = "run inside tmux by the tests above"]
fn probe_child() {
    let Some(dir) = child_dir() else { return };
    // Raw mode needs a terminal; without one the probe must say None by itself.
    let raw = enable_raw_mode().is_ok();
    let width = probe_ambiguous_width(Duration::from_secs(2));
    // Nothing of the reply may be left for crossterm's reader.
    let left = if raw { bytes_waiting() } else { 0 };
    if raw {
        disable_raw_mode().expect("leave raw mode");
    }
    report(&dir, width, left);
}

/// Writes what a child found for its test to read, and waits to be told to quit.
fn report(dir: &std::path::Path, width: Option<AmbiguousWidth>, left: usize) {
    let width = match width {
        Some(AmbiguousWidth::Narrow) => "narrow",
        Some(AmbiguousWidth::Wide) => "wide",
        None => "none",
    };
    child_write(dir, "result", &format!("{width} left={left}"));
    wait_for(dir, "quit");
}

/// Bytes that arrive on stdin within 200 ms.
fn bytes_waiting() -> usize {
    let input = std::io::stdin();
    let mut total = 0;
    let mut buf = [0_u8; 64];
    loop {
        let timeout = Timespec::try_from(Duration::from_millis(200)).expect("a timespec");
        let mut fds = [PollFd::new(&input, PollFlags::IN)];
        if poll(&mut fds, Some(&timeout)).unwrap_or(0) == 0 {
            return total;
        }
        match rustix::io::read(&input, &mut buf) {
            Ok(0) | Err(_) => return total,
            Ok(read) => total += read,
        }
    }
}
