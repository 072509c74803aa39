//! The reader in a real terminal on hostile issue files: it shows them, lists their problems,
//! and quits leaving the terminal as it found it.

mod support {
    pub mod special_files;
    pub mod tmux;
}

use std::path::Path;

use support::special_files::make_fifo;
use support::tmux::{Tmux, fresh_state, kanbao_command};

/// Whether `screen` shows `text`, wherever the problems view wrapped it: the paths in it are
/// as long as the checkout's folder.
fn shows(screen: &str, text: &str) -> bool {
    let unwrapped: String = screen.split_whitespace().collect();
    unwrapped.contains(&text.split_whitespace().collect::<String>())
}

/// Quits with `q` (twice: the first closes an overlay, if one is open) and checks that the
/// shell is back with the terminal restored.
fn quit_and_check_restored(tmux: &Tmux) {
    tmux.send(&["q"]);
    tmux.send(&["q"]);
    let after = tmux.wait_for(10, "the shell", |s| s.contains("kanbao exited"));
    assert!(after.contains("kanbao exited 0"), "{after}");
    assert_eq!(
        tmux.pane_var("alternate_on"),
        "0",
        "the alternate screen is left"
    );
    assert_eq!(
        tmux.pane_var("mouse_any_flag"),
        "0",
        "mouse reporting is off"
    );
    assert_eq!(tmux.pane_var("cursor_flag"), "1", "the cursor is shown");
}

#[test]
fn ten_thousand_nested_quotes_show_and_quit_cleanly() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/deep-nesting");
    let (_dir, state) = fresh_state();
    let extra = format!("--issues '{}'", folder.display());
    let tmux = Tmux::start("deep", 80, 24, &kanbao_command(&state, &extra));
    let screen = tmux.wait_for(20, "the deepest quote", |s| {
        s.contains("引用的最深处仍然是一句完整的话。") && s.contains("? help")
    });
    assert!(screen.contains("深层列表"), "{screen}");
    tmux.send(&["!"]);
    tmux.wait_for(5, "the problems", |s| {
        shows(s, "deep-quotes.toml:9:33:")
            && shows(s, "levels deep; the deeper levels are shown at level 32")
    });
    quit_and_check_restored(&tmux);
}

#[test]
fn a_fifo_and_a_link_to_the_terminal_in_the_folder_do_not_stop_the_reader() {
    let issues = tempfile::tempdir().expect("temp dir");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/list/2022-41.toml");
    std::fs::copy(good, issues.path().join("2022-41.toml")).expect("copy the good issue");
    make_fifo(&issues.path().join("fifo.toml"));
    std::os::unix::fs::symlink("/dev/tty", issues.path().join("tty.toml")).expect("link");
    let (_dir, state) = fresh_state();
    let extra = format!("--issues '{}'", issues.path().display());
    let tmux = Tmux::start("special", 80, 24, &kanbao_command(&state, &extra));
    let screen = tmux.wait_for(20, "the good issue", |s| {
        s.contains("上海邮政快递业简报") && s.contains("? help") && !s.contains("loading")
    });
    assert!(
        screen.contains("2 files"),
        "the status line counts them:\n{screen}"
    );
    tmux.send(&["!"]);
    tmux.wait_for(5, "the problems", |s| {
        shows(s, "fifo.toml:1:1: error: this is a FIFO (named pipe)") && shows(s, "tty.toml:1:1:")
    });
    quit_and_check_restored(&tmux);
}
