//! The reader in a real terminal on hostile issue files: it shows them, lists their problems,
//! and quits leaving the terminal as it found it.

mod support {
    pub mod tmux;
}

use std::path::Path;

use support::tmux::{Tmux, fresh_state, kanbao_command};

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
        s.contains("deep-quotes.toml:9:33:")
            && s.contains("levels deep; the deeper levels are shown at level 32")
    });
    quit_and_check_restored(&tmux);
}
