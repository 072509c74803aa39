//! Ctrl-Z and `fg` from a real job-control shell: kanbao gives the shell its screen back,
//! and comes back (and answers keys) every time, in tmux and in a terminal that never answers
//! anything kanbao asks (script(1)), laid out for the window's size as it is when it comes
//! back; stopped from outside too; and Ctrl-L takes up a resize that kanbao was never told of.

mod support {
    pub mod silent_terminal;
    pub mod tmux;
}

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use kanbao::text::{AmbiguousWidth, str_width};
use support::silent_terminal;
use support::tmux::{Tmux, fresh_state};

/// What the shell in the pane prints as its prompt: easy to find, and not in any issue.
const PROMPT: &str = "shell-ready$";

/// kanbao on the shipped issues, as typed at the shell's prompt. (Its exit status is asked
/// for afterwards: the shell would go on to the rest of a list as soon as kanbao stops.)
fn typed_command(state: &Path) -> String {
    format!(
        "XDG_CONFIG_HOME=/nonexistent KANBAO_CONFIG= '{}' --config config.toml --state '{}'",
        env!("CARGO_BIN_EXE_kanbao"),
        state.display()
    )
}

/// An interactive shell with job control and a known prompt, in the crate root.
fn shell() -> String {
    format!("PS1='{PROMPT} ' exec bash --norc --noprofile -i")
}

#[test]
fn ctrl_z_and_fg_bring_the_reader_back_every_time() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("suspend", 80, 24, &shell());
    tmux.wait_for(10, "the shell", |s| s.contains(PROMPT));
    tmux.send(&["-l", &typed_command(&state)]);
    tmux.send(&["Enter"]);
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    for round in 1..=3 {
        tmux.send(&["C-z"]);
        let stopped = tmux.wait_for(10, "the shell after Ctrl-Z", |s| {
            s.contains("Stopped") && s.trim_end().ends_with(PROMPT)
        });
        assert_eq!(
            tmux.pane_var("alternate_on"),
            "0",
            "round {round}:\n{stopped}"
        );
        assert_eq!(tmux.pane_var("mouse_any_flag"), "0", "round {round}");
        assert_eq!(tmux.pane_var("cursor_flag"), "1", "round {round}");
        tmux.send(&["-l", "fg"]);
        tmux.send(&["Enter"]);
        tmux.wait_for(10, "the reader after fg", |s| s.contains("? help"));
        assert_eq!(tmux.pane_var("alternate_on"), "1", "round {round}");
        // Wait out the 2 s a cursor-position query would have taken to fail.
        sleep(Duration::from_millis(2500));
        // It answers keys: the next issue, then back.
        // The status line names the selected issue (the list shows every issue's heading).
        let status_starts = |screen: &str, title: &str| {
            screen
                .lines()
                .nth(23)
                .is_some_and(|line| line.trim_start().starts_with(title))
        };
        tmux.send(&["]"]);
        tmux.wait_for(10, "the next issue", |s| status_starts(s, "本の虫だより"));
        tmux.send(&["["]);
        tmux.wait_for(10, "the first issue again", |s| {
            status_starts(s, "Grid Dispatches")
        });
    }
    tmux.send(&["q"]);
    tmux.wait_for(10, "the shell", |s| s.trim_end().ends_with(PROMPT));
    tmux.send(&["-l", "echo \"kanbao exited $?\""]);
    tmux.send(&["Enter"]);
    let after = tmux.wait_for(10, "the shell", |s| s.contains("kanbao exited 0"));
    assert!(!after.contains("cannot suspend"), "{after}");
}

/// Everything a child writes, collected by a thread as it comes.
struct Collected(Arc<Mutex<Vec<u8>>>);

impl Collected {
    fn start(mut from: impl Read + Send + 'static) -> Self {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let to = Arc::clone(&bytes);
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = from.read(&mut buffer) {
                to.lock().expect("lock").extend_from_slice(&buffer[..n]);
            }
        });
        Self(bytes)
    }

    fn count(&self, needle: &[u8]) -> usize {
        let bytes = self.0.lock().expect("lock");
        bytes.windows(needle.len()).filter(|w| *w == needle).count()
    }

    /// Waits until `needle` has been written `times` times.
    fn wait_for(&self, needle: &str, times: usize) {
        let start = Instant::now();
        while self.count(needle.as_bytes()) < times {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited for {needle:?} ×{times}; got:\n{}",
                String::from_utf8_lossy(&self.0.lock().expect("lock"))
            );
            sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn ctrl_z_and_fg_work_in_a_terminal_that_never_answers() {
    let (_dir, state) = fresh_state();
    let mut child = silent_terminal::start(&shell());
    let output = Collected::start(child.stdout.take().expect("stdout"));
    let mut input = child.stdin.take().expect("stdin");
    let mut type_in = |text: &str| {
        input.write_all(text.as_bytes()).expect("type");
        input.flush().expect("type");
    };
    output.wait_for(PROMPT, 1);
    type_in(&format!("{}\r", typed_command(&state)));
    // The whole first screen, once the probe (which reads the terminal) has given up.
    output.wait_for("Grid Dispatches · 1/6", 1);
    for round in 1..=3 {
        type_in("\x1a");
        output.wait_for("Stopped", round);
        output.wait_for(PROMPT, round + 1);
        type_in("fg\r");
        // Back on the alternate screen, past the 2 s a cursor-position query would wait.
        output.wait_for("\x1b[?1049h", round + 1);
        sleep(Duration::from_millis(2500));
        type_in("]");
        output.wait_for("本の虫だより ·", round);
    }
    type_in("q");
    output.wait_for(PROMPT, 5);
    type_in("echo \"kanbao exited $?\"\r");
    output.wait_for("kanbao exited 0", 1);
    type_in("exit\r");
    let _ = child.wait();
    assert_eq!(output.count(b"cannot suspend"), 0);
    // Once at start and once per fg: the SIGCONT that follows its own stop does not make it
    // enter the reader's state a second time.
    assert_eq!(output.count(b"\x1b[?1049h"), 4);
}

/// kanbao started at the prompt of a job-control shell in an 80×24 pane, once the first
/// article has been on screen long enough to be read: after that nothing on the screen
/// changes by itself.
fn reader_in_a_shell(name: &str, state: &Path) -> Tmux {
    let tmux = Tmux::start(name, 80, 24, &shell());
    tmux.wait_for(10, "the shell", |s| s.contains(PROMPT));
    tmux.send(&["-l", &typed_command(state)]);
    tmux.send(&["Enter"]);
    tmux.wait_for(10, "the first article read", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|row| row.starts_with(" Two columns"))
    });
    tmux
}

fn resize(tmux: &Tmux, width: u16, height: u16) {
    let output = tmux.run(&[
        "resize-window",
        "-t",
        "0",
        "-x",
        &width.to_string(),
        "-y",
        &height.to_string(),
    ]);
    assert!(
        output.status.success(),
        "tmux resize-window {width}×{height}"
    );
}

/// Whether `screen` is the reader drawn for a window `width` columns wide and `height` rows
/// high: its status line is the last row, from the issue's name on the left to `? help` at
/// the right edge (with the blank column the status line keeps on either side).
fn drawn_for(screen: &str, width: usize, height: usize) -> bool {
    let rows: Vec<&str> = screen.lines().collect();
    rows.len() == height
        && rows.last().is_some_and(|status| {
            status.starts_with(' ')
                && status.ends_with("? help")
                && str_width(status, AmbiguousWidth::Narrow) + 1 == width
        })
}

/// Whether the reading pane shows the next issue's first article, as `]` from the first does.
fn reading_the_next_issue(screen: &str) -> bool {
    screen.contains("│ 巻頭言 · 編集部")
}

fn stopped_at_the_prompt(screen: &str) -> bool {
    screen.contains("Stopped") && screen.contains(PROMPT)
}

fn type_fg(tmux: &Tmux) {
    tmux.send(&["-l", "fg"]);
    tmux.send(&["Enter"]);
}

#[test]
fn a_window_resized_while_suspended_is_drawn_at_its_new_size_on_fg() {
    let (_dir, state) = fresh_state();
    let tmux = reader_in_a_shell("resize-suspended", &state);
    tmux.send(&["C-z"]);
    tmux.wait_for(10, "the shell after Ctrl-Z", |s| {
        s.contains("Stopped") && s.trim_end().ends_with(PROMPT)
    });
    resize(&tmux, 67, 21);
    type_fg(&tmux);
    let after_fg = tmux.wait_for(10, "the reader at 67×21 after fg", |s| {
        drawn_for(s, 67, 21)
    });
    // What the same window shows when it is resized while the reader runs.
    resize(&tmux, 80, 24);
    tmux.wait_for(10, "the reader at 80×24", |s| drawn_for(s, 80, 24));
    resize(&tmux, 67, 21);
    let resized_in_front = tmux.wait_for(10, "the reader at 67×21", |s| drawn_for(s, 67, 21));
    assert_eq!(after_fg, resized_in_front);
}

#[test]
fn a_stop_from_outside_comes_back_whole_and_answering_keys_on_fg() {
    let (_dir, state) = fresh_state();
    let tmux = reader_in_a_shell("stopped-outside", &state);
    let status = Command::new("kill")
        .args(["-STOP", &tmux.kanbao_pid().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -STOP");
    // The shell takes the terminal back in its own modes (line by line, echoing) and writes
    // over the reader's screen; the window changes size meanwhile.
    tmux.wait_for(10, "the shell after the stop", stopped_at_the_prompt);
    resize(&tmux, 67, 21);
    type_fg(&tmux);
    let back = tmux.wait_for(10, "the reader repainted after fg", |s| {
        !s.contains("Stopped") && drawn_for(s, 67, 21)
    });
    assert!(
        !back.contains(PROMPT),
        "the shell's lines are left:\n{back}"
    );
    // Keys reach it one by one again, not only after Enter.
    tmux.send(&["]"]);
    tmux.wait_for(10, "the next issue", reading_the_next_issue);
    tmux.send(&["q"]);
    tmux.wait_for(10, "the shell", |s| s.trim_end().ends_with(PROMPT));
    tmux.send(&["-l", "echo \"kanbao exited $?\""]);
    tmux.send(&["Enter"]);
    tmux.wait_for(10, "the exit status", |s| s.contains("kanbao exited 0"));
}

#[test]
fn ctrl_l_takes_up_a_resize_that_was_never_reported() {
    let (_dir, state) = fresh_state();
    support::tmux::tools::require("python3", "python3");
    // Started with SIGWINCH blocked (as a careless launcher might leave it): no resize ever
    // reaches kanbao as an event.
    let command = format!(
        "exec python3 -c 'import os, signal, sys; \
         signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGWINCH}}); \
         os.execvp(sys.argv[1], sys.argv[1:])' \
         env XDG_CONFIG_HOME=/nonexistent KANBAO_CONFIG= '{}' --config config.toml --state '{}'",
        env!("CARGO_BIN_EXE_kanbao"),
        state.display()
    );
    let tmux = Tmux::start("unreported-resize", 80, 24, &command);
    tmux.wait_for(10, "the reader", |s| drawn_for(s, 80, 24));
    resize(&tmux, 67, 21);
    // A key that is answered shows that the resize did not arrive before it.
    tmux.send(&["]"]);
    let unaware = tmux.wait_for(10, "the next issue", reading_the_next_issue);
    assert!(
        !drawn_for(&unaware, 67, 21),
        "the resize was reported after all:\n{unaware}"
    );
    tmux.send(&["C-l"]);
    tmux.wait_for(10, "the reader at 67×21", |s| {
        drawn_for(s, 67, 21) && reading_the_next_issue(s)
    });
}
