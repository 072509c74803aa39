//! Signal forwarding: signals raised on this process arrive on a channel as `Signal`s; and,
//! in child processes (this binary's ignored `signal_child` test), the safety nets that keep
//! the process killable.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use kanbao::terminal::{Signal, forward_signals, forward_signals_to};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::low_level::raise;

const WAIT: Duration = Duration::from_secs(10);
const MODE_VAR: &str = "KANBAO_SIGNAL_CHILD";

/// Everything that raises signals on this process is in this one test: signals are
/// process-wide, and the other tests only start children.
#[test]
fn signals_arrive_on_the_channel_in_order() {
    let (sender, receiver) = mpsc::channel();
    let forwarder = forward_signals_to(sender, |signal| ("event", signal)).expect("forward");
    for (raw, expected) in [
        (SIGTSTP, Signal::Suspend),
        (SIGCONT, Signal::Continue),
        (SIGTSTP, Signal::Suspend),
        (SIGHUP, Signal::Hangup),
    ] {
        raise(raw).expect("raise");
        assert_eq!(receiver.recv_timeout(WAIT), Ok(("event", expected)));
    }
    forwarder.stop();

    // A new forwarder starts counting terminating signals afresh, and works with a closure.
    for raw in [SIGINT, SIGTERM] {
        let (sender, receiver) = mpsc::channel();
        let forwarder = forward_signals(move |signal| {
            let _ = sender.send(signal);
        })
        .expect("forward");
        raise(raw).expect("raise");
        assert_eq!(receiver.recv_timeout(WAIT), Ok(Signal::Terminate(raw)));
        drop(forwarder);
    }
}

/// Runs `signal_child` in `mode` and returns the signal that ended it, if any.
fn child_killed_by(mode: &str) -> Option<i32> {
    let exe = std::env::current_exe().expect("the test binary's path");
    let output = Command::new(exe)
        .args(["--exact", "signal_child", "--ignored", "--nocapture"])
        .env(MODE_VAR, mode)
        .output()
        .expect("run the child");
    let status = output.status;
    assert!(
        status.signal().is_some() || status.success(),
        "{mode}: {status}\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    status.signal()
}

#[test]
fn a_second_terminating_signal_kills_without_waiting_for_the_reader() {
    assert_eq!(child_killed_by("twice"), Some(SIGTERM));
}

#[test]
fn a_signal_nobody_receives_does_its_default_action() {
    assert_eq!(child_killed_by("receiver-gone"), Some(SIGHUP));
}

#[test]
fn after_the_forwarder_stops_signals_do_their_default_action_again() {
    assert_eq!(child_killed_by("stopped"), Some(SIGTERM));
}

#[test]
fn the_child_survives_when_told_to_do_nothing() {
    assert_eq!(child_killed_by("nothing"), None);
}

/// Run by the tests above in a child process; is killed by a signal or returns normally.
#[test]
#[ignore = "run in a child process by the tests above"]
fn signal_child() {
    let Ok(mode) = std::env::var(MODE_VAR) else {
        return;
    };
    let (sender, receiver) = mpsc::channel();
    let forwarder = forward_signals_to(sender, |signal| signal).expect("forward");
    match mode.as_str() {
        "twice" => {
            raise(SIGTERM).expect("raise");
            assert_eq!(receiver.recv_timeout(WAIT), Ok(Signal::Terminate(SIGTERM)));
            raise(SIGTERM).expect("raise");
        }
        "receiver-gone" => {
            drop(receiver);
            raise(SIGHUP).expect("raise");
        }
        "stopped" => {
            forwarder.stop();
            raise(SIGTERM).expect("raise");
        }
        "nothing" => return,
        other => panic!("unknown mode {other}"),
    }
    // The forwarding thread kills the process meanwhile; if it does not, this returns.
    std::thread::sleep(WAIT);
}
