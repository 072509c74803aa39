//! The signals whose default action ends the process, and ending it as that action would.
//!
//! The reader catches every one of them that a process can catch, so that it can save the
//! reading state and restore the terminal first, then exit with 128 + the signal's number,
//! as a shell reports a process killed by it. Signals that report a fault in the process
//! itself (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGABRT) keep their default: a
//! handler that returns would run the faulting instruction again, and a process in that
//! state should not write files. SIGKILL and SIGSTOP cannot be caught.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use signal_hook::consts::signal::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPIPE, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::low_level::{emulate_default_handler, signal_name};

use super::guard::restore_terminal;

/// The signals that end the process unless it catches them (and that it can catch).
#[must_use]
pub fn terminating_signals() -> Vec<i32> {
    let mut signals = vec![
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF,
        SIGXCPU, SIGXFSZ,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // Linux terminates on these too; elsewhere SIGIO is ignored and the others do not exist.
        // The real-time range is only known at run time (the C library keeps a few for itself).
        signals.extend([SIGIO, libc::SIGPWR]);
        signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    signals
}

/// The exit status that reports the end by `signal`: 128 + its number, as shells do.
#[must_use]
pub fn exit_status_for(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// Restores the terminal and ends the process as `signal`'s default action would: killed by
/// the signal where signal-hook can emulate that, else exiting with [`exit_status_for`] it.
pub(super) fn end_as_by_default(signal: i32) -> ! {
    // Nothing to report to: the process ends either way.
    let _ = restore_terminal();
    if knows_default(signal) {
        let _ = emulate_default_handler(signal);
    }
    std::process::exit(i32::from(exit_status_for(signal)));
}

/// Once per process: makes `signal` end the process by default whenever `idle` is true
/// (no reader is there to act on it). Without this, signal-hook would ignore a signal once
/// its last action is unregistered.
pub(super) fn register_default_when_idle(signal: i32, idle: &Arc<AtomicBool>) -> io::Result<()> {
    if knows_default(signal) {
        signal_hook::flag::register_conditional_default(signal, Arc::clone(idle))?;
    } else {
        signal_hook::flag::register_conditional_shutdown(
            signal,
            i32::from(exit_status_for(signal)),
            Arc::clone(idle),
        )?;
    }
    Ok(())
}

/// Whether signal-hook can emulate `signal`'s default action (it knows the portable ones, and
/// takes SIGIO's default to be "ignore", which is not Linux's).
fn knows_default(signal: i32) -> bool {
    signal != SIGIO && signal_name(signal).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_terminating_signals_are_all_caught() {
        let caught = terminating_signals();
        for signal in [
            SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
            SIGXCPU, SIGXFSZ, SIGPIPE,
        ] {
            assert!(caught.contains(&signal), "{signal} is not caught");
        }
    }

    #[test]
    fn faults_and_uncatchable_signals_are_left_alone() {
        use signal_hook::consts::signal::{
            SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGKILL, SIGSEGV, SIGSTOP, SIGSYS, SIGTRAP,
        };
        let caught = terminating_signals();
        for signal in [
            SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGKILL, SIGSEGV, SIGSTOP, SIGSYS, SIGTRAP,
        ] {
            assert!(!caught.contains(&signal), "{signal} is caught");
        }
    }

    #[test]
    fn the_exit_status_is_128_plus_the_signal() {
        assert_eq!(exit_status_for(SIGHUP), 129);
        assert_eq!(exit_status_for(SIGQUIT), 131);
        assert_eq!(exit_status_for(SIGUSR1), 138);
        assert_eq!(exit_status_for(SIGTERM), 143);
    }
}
