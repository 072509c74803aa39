//! Signals the reader must act on, delivered as ordinary values on a background thread.
//!
//! The reader's main loop blocks on one `mpsc` channel fed by an input thread and by the
//! thread started here, so it uses no CPU while idle and sees signals in order with keys.
//! [`forward_signals_to`] sends into such a channel; [`forward_signals`] calls a closure.
//!
//! While a [`SignalForwarder`] is alive, SIGTSTP and every signal whose default action would
//! end the process ([`terminating_signals`]: SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1…) no
//! longer do their default action (terminate, stop): the reader decides. Two safety nets keep
//! the process killable: a second terminating signal restores the terminal and ends the
//! process as the default action would, without waiting for the reader; and a signal that
//! cannot be delivered (the receiver is gone) gets its default action at once. Both are
//! switched off by [`SignalForwarder::defer_terminating`] for the last thing the reader does
//! (saving the reading state), which no signal must cut short. After the forwarder is dropped,
//! the default actions are back.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use ratatui::DefaultTerminal;
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGSTOP, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};
use signal_hook::low_level::{emulate_default_handler, raise};

use super::guard::{TerminalGuard, restore_terminal};
use super::terminating::{
    end_as_by_default, exit_status_for, register_default_when_idle, terminating_signals,
};

/// A signal, as the reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// A signal whose default action ends the process (SIGTERM, SIGINT, SIGQUIT, SIGUSR1…;
    /// the number is the signal's): save state, restore the terminal, exit with
    /// [`exit_status`](Self::exit_status).
    ///
    /// (In raw mode Ctrl-C and Ctrl-\\ are read as keys, so SIGINT and SIGQUIT only come
    /// from `kill`.)
    Terminate(i32),
    /// SIGHUP: the terminal is gone (window closed, ssh dropped), or someone sent it with
    /// `kill`. Save state first, then restore the terminal without waiting on it (writes to a
    /// terminal that is gone fail or block), and exit with [`exit_status`](Self::exit_status).
    Hangup,
    /// SIGTSTP sent by another process (`kill -TSTP`): call [`suspend_self`].
    ///
    /// (In raw mode Ctrl-Z is read as a key; the reader calls [`suspend_self`] for it itself.)
    Suspend,
    /// SIGCONT: the process was continued after a stop it may not have arranged (an external
    /// `kill -STOP`); the terminal may have been changed meanwhile (a job-control shell puts
    /// back its own modes and writes over the screen), so call [`TerminalGuard::reenter`],
    /// which also makes the next draw repaint everything, and take up the window's size.
    /// Also arrives after [`suspend_self`] returns, which has entered the reader's state
    /// again already: that one needs nothing more.
    Continue,
}

impl Signal {
    /// The signal number's meaning for the reader, if it is one the forwarder listens to.
    #[must_use]
    pub fn from_raw(signal: i32) -> Option<Self> {
        match signal {
            SIGHUP => Some(Self::Hangup),
            SIGTSTP => Some(Self::Suspend),
            SIGCONT => Some(Self::Continue),
            _ if terminating_signals().contains(&signal) => Some(Self::Terminate(signal)),
            _ => None,
        }
    }

    /// The exit status that reports the end by this signal (128 + its number), for the
    /// signals that end the reader.
    #[must_use]
    pub fn exit_status(self) -> Option<u8> {
        match self {
            Self::Terminate(signal) => Some(exit_status_for(signal)),
            Self::Hangup => Some(exit_status_for(SIGHUP)),
            Self::Suspend | Self::Continue => None,
        }
    }
}

/// The signals forwarded: the terminating ones, SIGTSTP and SIGCONT.
fn forwarded() -> Vec<i32> {
    let mut signals = terminating_signals();
    signals.extend([SIGTSTP, SIGCONT]);
    signals
}

/// The background thread forwarding signals. Dropping it (or [`stop`](Self::stop)) stops the
/// thread and gives the signals their default actions back.
#[derive(Debug)]
#[must_use = "dropping the forwarder stops forwarding at once"]
pub struct SignalForwarder {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
    /// Set by [`defer_terminating`](Self::defer_terminating).
    deferring: Arc<AtomicBool>,
}

impl SignalForwarder {
    /// From now on no terminating signal ends the process, not even a second one, nor one
    /// nobody receives: each is only delivered (if it can be), and the caller ends the process
    /// itself when it is done. For the reader's last save on its way out, which must not be
    /// cut short (it waits a few seconds at most, for another process's lock).
    pub fn defer_terminating(&self) {
        self.deferring.store(true, Ordering::SeqCst);
    }

    /// Stops forwarding and waits for the thread to finish.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            // The thread only panics if the caller's closure did; that was already reported.
            let _ = thread.join();
        }
        forwarder_stopped();
    }
}

impl Drop for SignalForwarder {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.shut_down();
        }
    }
}

/// Starts a thread that calls `on_signal` for each terminating signal ([`Signal::Terminate`]),
/// SIGHUP ([`Signal::Hangup`]), SIGTSTP ([`Signal::Suspend`]) and SIGCONT
/// ([`Signal::Continue`]) the process receives, until the returned forwarder is dropped.
///
/// `on_signal` runs on that thread, not in a signal handler, so it may do anything; it should
/// return quickly (typically: send on a channel). See the module docs for what happens on a
/// second terminating signal.
pub fn forward_signals(
    mut on_signal: impl FnMut(Signal) + Send + 'static,
) -> io::Result<SignalForwarder> {
    spawn(move |signal| {
        on_signal(signal);
        true
    })
}

/// Like [`forward_signals`], sending `map(signal)` on `sender`: the reader's event channel.
///
/// If the receiver is gone, nobody will act on the signal, so the forwarder restores the
/// terminal and gives the signal its default action (terminate or stop) itself.
pub fn forward_signals_to<T: Send + 'static>(
    sender: Sender<T>,
    map: impl Fn(Signal) -> T + Send + 'static,
) -> io::Result<SignalForwarder> {
    spawn(move |signal| sender.send(map(signal)).is_ok())
}

/// Stops the process the way Ctrl-Z would outside raw mode, and takes it back up on `fg`.
///
/// Restores the terminal (so the shell gets its normal screen back), stops the process with
/// SIGSTOP, and when continued enters the reader's state again through
/// [`TerminalGuard::reenter`], which clears `terminal` so the next draw repaints everything:
/// the caller must draw next. Also what to do on [`Signal::Suspend`].
pub fn suspend_self(guard: &mut TerminalGuard, terminal: &mut DefaultTerminal) -> io::Result<()> {
    guard.restore()?;
    // SIGSTOP cannot be caught, so this stops even while SIGTSTP is being forwarded;
    // raise returns once the process has been continued.
    raise(SIGSTOP)?;
    guard.reenter(terminal)
}

/// The forwarding thread; `deliver` says whether someone will act on the signal.
fn spawn(mut deliver: impl FnMut(Signal) -> bool + Send + 'static) -> io::Result<SignalForwarder> {
    forwarder_started()?;
    let mut signals = match Signals::new(forwarded()) {
        Ok(signals) => signals,
        Err(err) => {
            forwarder_stopped();
            return Err(err);
        }
    };
    let handle = signals.handle();
    let deferring = Arc::new(AtomicBool::new(false));
    let deferring_flag = Arc::clone(&deferring);
    let thread = std::thread::Builder::new()
        .name("kanbao-signals".into())
        .spawn(move || {
            let mut terminating = false;
            for raw in signals.forever() {
                let Some(signal) = Signal::from_raw(raw) else {
                    continue;
                };
                let is_terminating = signal.exit_status().is_some();
                let deferred = is_terminating && deferring_flag.load(Ordering::SeqCst);
                let delivered = !(is_terminating && terminating && !deferred) && deliver(signal);
                terminating |= is_terminating;
                if delivered || deferred {
                    continue;
                }
                // Nobody acts on it (or this is the second one): act as the default would,
                // leaving the terminal usable. Terminating ends the process here; stopping
                // returns after SIGCONT, when the reader (if any) gets Continue.
                if is_terminating {
                    end_as_by_default(raw);
                }
                if signal == Signal::Suspend {
                    let _ = restore_terminal();
                    let _ = emulate_default_handler(raw);
                }
            }
        });
    match thread {
        Ok(thread) => Ok(SignalForwarder {
            handle,
            thread: Some(thread),
            deferring,
        }),
        Err(err) => {
            handle.close();
            forwarder_stopped();
            Err(err)
        }
    }
}

/// How many forwarders are alive, and the flag that arms the default actions when none is.
struct Registry {
    alive: usize,
    /// `true` while no forwarder is alive: the signal handlers then do the default action.
    defaults: Option<Arc<AtomicBool>>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    alive: 0,
    defaults: None,
});

/// Counts a new forwarder and disarms the default actions; the first time, registers them.
///
/// signal-hook never uninstalls its handler: once a signal's last action is unregistered it
/// is ignored, which would make SIGTERM do nothing after the forwarder stops. So each signal
/// also gets, once per process, an action that does the default when no forwarder is alive.
fn forwarder_started() -> io::Result<()> {
    let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    let defaults = if let Some(defaults) = &registry.defaults {
        Arc::clone(defaults)
    } else {
        let defaults = Arc::new(AtomicBool::new(true));
        for signal in terminating_signals() {
            register_default_when_idle(signal, &defaults)?;
        }
        signal_hook::flag::register_conditional_default(SIGTSTP, Arc::clone(&defaults))?;
        registry.defaults = Some(Arc::clone(&defaults));
        defaults
    };
    registry.alive += 1;
    defaults.store(false, Ordering::SeqCst);
    Ok(())
}

/// Uncounts a forwarder; with none left, the signals do their default actions again.
fn forwarder_stopped() {
    let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    registry.alive = registry.alive.saturating_sub(1);
    if registry.alive == 0
        && let Some(defaults) = &registry.defaults
    {
        defaults.store(true, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use signal_hook::consts::signal::{SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGWINCH};

    #[test]
    fn raw_signals_map_to_what_the_reader_does() {
        assert_eq!(Signal::from_raw(SIGTERM), Some(Signal::Terminate(SIGTERM)));
        assert_eq!(Signal::from_raw(SIGINT), Some(Signal::Terminate(SIGINT)));
        assert_eq!(Signal::from_raw(SIGQUIT), Some(Signal::Terminate(SIGQUIT)));
        assert_eq!(Signal::from_raw(SIGUSR1), Some(Signal::Terminate(SIGUSR1)));
        assert_eq!(Signal::from_raw(SIGWINCH), None);
        assert_eq!(Signal::from_raw(SIGHUP), Some(Signal::Hangup));
        assert_eq!(Signal::from_raw(SIGTSTP), Some(Signal::Suspend));
        assert_eq!(Signal::from_raw(SIGCONT), Some(Signal::Continue));
        assert_eq!(Signal::from_raw(SIGSTOP), None);
    }

    #[test]
    fn the_signals_that_end_the_reader_report_128_plus_their_number() {
        assert_eq!(Signal::Terminate(SIGQUIT).exit_status(), Some(131));
        assert_eq!(Signal::Hangup.exit_status(), Some(129));
        assert_eq!(Signal::Suspend.exit_status(), None);
        assert_eq!(Signal::Continue.exit_status(), None);
    }
}
