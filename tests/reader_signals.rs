//! Every signal that would end kanbao ends it cleanly: the reading marks are saved, the
//! terminal is as the shell left it (main screen, cursor shown, mouse reporting off) and the
//! exit status is 128 + the signal's number, as a shell reports a process killed by it; a
//! signal that comes while kanbao saves on its way out waits for the save.

mod support {
    pub mod tmux;
}

use std::fs::File;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, flock};
use signal_hook::consts::signal::SIGTERM;
use support::tmux::{Tmux, alive, fresh_state, with_the_seed_marked_read};

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

/// Whether `signal` waits, sent to process `pid` and not yet taken by it (or by the kernel's
/// default action).
fn pending(pid: u32, signal: i32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .filter_map(|line| line.strip_prefix("ShdPnd:"))
        .filter_map(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .any(|mask| mask & (1 << (signal - 1)) != 0)
}

/// Sends `signal` (a name for kill(1)) to process `pid`.
fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal}");
}

/// Ends the reader with `quit` while another kanbao holds the state file's lock, sends
/// SIGTERM while the last save waits for it, then releases the lock: the mark is saved all
/// the same, and kanbao exits with `status`.
fn sigterm_during_the_last_save(name: &str, quit: impl FnOnce(&Tmux, u32), status: u8) {
    let (dir, state) = fresh_state();
    // Every save waits for the lock, five seconds at most.
    let lock = File::create(dir.path().join("state.toml.lock")).expect("the lock file");
    flock(&lock, FlockOperation::LockExclusive).expect("the lock");
    let tmux = with_the_seed_marked_read(name, &state);
    let pid = tmux.kanbao_pid();
    quit(&tmux, pid);
    // The terminal is given back first; then the last save waits for the lock.
    tmux.wait_for(10, "the restored screen", |s| !s.contains('│'));
    kill("TERM", pid);
    let start = Instant::now();
    while alive(pid) && pending(pid, SIGTERM) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "SIGTERM never taken"
        );
        sleep(Duration::from_millis(10));
    }
    flock(&lock, FlockOperation::Unlock).expect("unlock");
    let screen = tmux.wait_for(10, "the exit", |s| s.contains("kanbao exited"));
    assert!(
        screen.contains(&format!("kanbao exited {status}")),
        "{screen}"
    );
    let saved = std::fs::read_to_string(&state)
        .unwrap_or_else(|err| panic!("no state saved: {err}\n{screen}"));
    assert!(
        saved.contains("2022-11-shanghai-postal/") && saved.contains("read = true"),
        "the mark is not saved:\n{saved}"
    );
}

#[test]
fn a_signal_during_the_last_save_waits_for_it() {
    sigterm_during_the_last_save("sigterm-saving", |tmux, _| tmux.send(&["q"]), 143);
}

#[test]
fn a_second_signal_during_the_last_save_waits_for_it_and_the_first_is_reported() {
    sigterm_during_the_last_save("sigint-saving", |_, pid| kill("INT", pid), 130);
}
