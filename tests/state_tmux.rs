//! The built reader in tmux with a state file that cannot be written: it says so in the
//! status line and the problems, warns before quitting, and exits with status 1, saying why
//! once the terminal is restored.

mod support {
    pub mod tmux;
}

use support::tmux::{Tmux, kanbao_command};

#[test]
fn an_unwritable_state_is_shown_warned_about_and_reported_on_exit() {
    // A folder that is a regular file: no one can write under it, root included.
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "笔记").expect("write");
    let state = blocker.join("kanbao/state.toml");
    let reason = format!(
        "{}: {} is a file, not a folder",
        state.display(),
        blocker.display()
    );

    // Wide enough for the whole warning in the status line.
    let tmux = Tmux::start("unwritable", 160, 24, &kanbao_command(&state, ""));
    // First the start-up notice says why, then the marker stays in the status line.
    let screen = tmux.wait_for(10, "the notice", |s| {
        s.contains("state is kept for this session only")
    });
    assert!(screen.contains(&format!("{} is a file, not a folder", blocker.display())));
    tmux.send(&["j"]);
    let screen = tmux.wait_for(5, "the reader", |s| s.contains("? help"));
    let status = screen.lines().nth(23).unwrap_or_default().to_owned();
    assert!(status.contains("state not saved: !"), "{screen}");

    tmux.send(&["!"]);
    let screen = tmux.wait_for(5, "the problems", |s| s.contains("Esc back"));
    assert!(
        screen.contains(&format!("reading state not saved: {reason}")),
        "{screen}"
    );
    tmux.send(&["Escape"]);
    tmux.wait_for(5, "the reader", |s| s.contains("? help"));
    // Still there after the start-up notice is gone.
    let screen = tmux.wait_for(5, "the marker", |s| s.contains("state not saved: !"));
    assert!(!screen.contains("kanbao exited"));

    tmux.send(&["q"]);
    let screen = tmux.wait_for(5, "the warning", |s| s.contains("again to quit"));
    assert!(
        screen.contains(&format!(
            "reading state not saved: {reason}; q again to quit"
        )),
        "{screen}"
    );
    assert!(!screen.contains("kanbao exited"), "the first q only warns");

    tmux.send(&["q"]);
    let screen = tmux.wait_for(10, "the shell", |s| s.contains("kanbao exited"));
    // The message may wrap: compare without the spaces.
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    assert!(
        squeeze(&screen).contains(&squeeze(&format!(
            "kanbao: the reading state could not be saved ({reason}): what was read in this \
             session is not remembered"
        ))),
        "{screen}"
    );
    assert!(screen.contains("kanbao exited 1"), "{screen}");
    assert_eq!(tmux.pane_var("alternate_on"), "0");
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("untouched"),
        "笔记"
    );
}
