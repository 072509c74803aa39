//! Every signal that would end kanbao ends it cleanly: the reading marks are saved, the
//! terminal is as the shell left it (main screen, cursor shown, mouse reporting off) and the
//! exit status is 128 + the signal's number, as a shell reports a process killed by it.

mod support {
    pub mod tmux;
}

use std::process::Command;

use support::tmux::{fresh_state, with_the_seed_marked_read};

/// Reads the seed's first article, marks it read, sends `signal` (a name for kill(1)) and
/// checks what is left behind.
fn ends_cleanly_on(signal: &str, number: u8) {
    let (_dir, state) = fresh_state();
    let tmux = with_the_seed_marked_read(&format!("sig{}", signal.to_lowercase()), &state);
    let pid = tmux.kanbao_pid();
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal}");
    let exited = format!("kanbao exited {}", 128 + u16::from(number));
    let screen = tmux.wait_for(10, &exited, |s| s.contains("kanbao exited"));
    assert!(screen.contains(&exited), "SIG{signal}:\n{screen}");
    assert!(
        !screen.contains('│'),
        "SIG{signal}: the reader's screen is still shown:\n{screen}"
    );
    assert_eq!(tmux.pane_var("alternate_on"), "0", "SIG{signal}");
    assert_eq!(tmux.pane_var("cursor_flag"), "1", "SIG{signal}");
    assert_eq!(tmux.pane_var("mouse_any_flag"), "0", "SIG{signal}");
    let saved = std::fs::read_to_string(&state)
        .unwrap_or_else(|err| panic!("SIG{signal}: no state saved: {err}"));
    assert!(
        saved.contains("2022-11-shanghai-postal/") && saved.contains("read = true"),
        "SIG{signal}: the mark is not saved:\n{saved}"
    );
}

macro_rules! signal_tests {
    ($($test:ident: $signal:literal = $number:literal,)*) => {
        $(
            #[test]
            fn $test() {
                ends_cleanly_on($signal, $number);
            }
        )*
    };
}

signal_tests! {
    sighup_ends_cleanly: "HUP" = 1,
    sigint_ends_cleanly: "INT" = 2,
    sigquit_ends_cleanly: "QUIT" = 3,
    sigusr1_ends_cleanly: "USR1" = 10,
    sigusr2_ends_cleanly: "USR2" = 12,
    sigpipe_ends_cleanly: "PIPE" = 13,
    sigalrm_ends_cleanly: "ALRM" = 14,
    sigterm_ends_cleanly: "TERM" = 15,
    sigxcpu_ends_cleanly: "XCPU" = 24,
    sigxfsz_ends_cleanly: "XFSZ" = 25,
    sigvtalrm_ends_cleanly: "VTALRM" = 26,
    sigprof_ends_cleanly: "PROF" = 27,
    sigpwr_ends_cleanly: "PWR" = 30,
    sigrtmin_ends_cleanly: "RTMIN" = 34,
}
