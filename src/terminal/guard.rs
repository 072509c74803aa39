//! Entering the reader's terminal state and always leaving it again.
//!
//! This is `ratatui::try_init`/`ratatui::restore` with what the reader needs on top: the
//! cursor hidden, mouse reporting on request, a restore that undoes exactly what was done and
//! keeps going when one step fails, and a panic hook that is installed once, not per call.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, Once, PoisonError, mpsc};
use std::thread::ThreadId;
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};

/// Raw mode is on.
const RAW: u8 = 1;
/// The alternate screen is shown.
const ALTERNATE: u8 = 1 << 1;
/// The cursor is hidden.
const HIDDEN: u8 = 1 << 2;
/// Mouse reporting is on.
const MOUSE: u8 = 1 << 3;

/// What has been changed and not yet put back. The terminal is one per process, so this is too.
static ENTERED: AtomicU8 = AtomicU8::new(0);

/// Owns the reader's terminal state: raw mode, alternate screen, hidden cursor and, if asked
/// for, mouse reporting. [`restore`](Self::restore) (also run on drop, and by the panic hook)
/// puts the terminal back as it was.
#[derive(Debug)]
#[must_use = "dropping the guard restores the terminal at once"]
pub struct TerminalGuard {
    mouse: bool,
    active: bool,
}

impl TerminalGuard {
    /// Enables raw mode, enters the alternate screen, hides the cursor and, if `mouse`, turns
    /// on mouse reporting; returns the guard and a ratatui terminal drawing to stdout.
    ///
    /// Also installs (once per process) a panic hook that restores the terminal before the
    /// previous hook prints the panic message, so the message lands on the normal screen.
    ///
    /// If a step fails, what was already done is undone before the error is returned. Fails
    /// with [`io::ErrorKind::AlreadyExists`] if the terminal is already entered (by another
    /// guard that is still alive).
    pub fn enter(mouse: bool) -> io::Result<(Self, DefaultTerminal)> {
        install_panic_hook();
        if ENTERED.load(Ordering::SeqCst) != 0 {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the terminal is already in the reader's state",
            ));
        }
        let mut guard = Self {
            mouse,
            active: true,
        };
        set_guard_thread(Some(std::thread::current().id()));
        if let Err(err) = apply(mouse) {
            // Best effort: the original error is the one worth reporting.
            let _ = guard.restore();
            return Err(err);
        }
        match ratatui::Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok((guard, terminal)),
            Err(err) => {
                let _ = guard.restore();
                Err(err)
            }
        }
    }

    /// Whether this guard turned mouse reporting on.
    #[must_use]
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// Puts the terminal back: mouse reporting off, cursor shown, alternate screen left, raw
    /// mode off. Does nothing the second time, or if [`restore_terminal`] already ran.
    /// Every step is tried even if an earlier one fails; the first error is returned.
    pub fn restore(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.active, false) {
            return Ok(());
        }
        restore_terminal()
    }

    /// Restores the terminal if needed, then enters the reader's state again (same mouse
    /// setting) and clears `terminal`'s buffers so that the next `draw` repaints every cell.
    ///
    /// For coming back after a stop ([`suspend_self`](super::suspend_self) uses it) or when
    /// something else (a shell, an external `kill -STOP`/`kill -CONT`) may have changed the
    /// terminal behind the reader's back.
    pub fn reenter(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        self.restore()?;
        self.active = true;
        if let Err(err) = apply(self.mouse) {
            let _ = self.restore();
            return Err(err);
        }
        // The screen is blank after entering the alternate screen, but ratatui's previous
        // buffer still says what was drawn: resizing to the current size resets it (and picks
        // up a new size). Not `clear()`: it asks the terminal where the cursor is, and a
        // terminal that never answers (or an answer that the input thread reads first) made
        // that fail after two seconds, ending the reader on `fg`.
        let size = terminal.size()?;
        terminal.resize(Rect::from((Position::ORIGIN, size)))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Nowhere to report an error from drop; the terminal is as restored as it can be.
        let _ = self.restore();
        set_guard_thread(None);
    }
}

/// Enters the reader's state, recording each change in [`ENTERED`] as it succeeds.
fn apply(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ENTERED.fetch_or(RAW, Ordering::SeqCst);
    let mut out = stdout();
    execute!(out, EnterAlternateScreen)?;
    ENTERED.fetch_or(ALTERNATE, Ordering::SeqCst);
    execute!(out, Hide)?;
    ENTERED.fetch_or(HIDDEN, Ordering::SeqCst);
    if mouse {
        execute!(out, EnableMouseCapture)?;
        ENTERED.fetch_or(MOUSE, Ordering::SeqCst);
    }
    Ok(())
}

/// Undoes whatever [`TerminalGuard::enter`] did and has not been undone yet: mouse reporting
/// off, cursor shown, alternate screen left, raw mode off, in that order. Idempotent: the
/// first caller does the work, later ones (the guard's drop, the panic hook) do nothing.
///
/// For the signal-forwarding thread and other places that have no guard at hand. It is not
/// async-signal-safe (it takes stdout's lock and crossterm's), so never call it inside a raw
/// signal handler; the thread of [`forward_signals`](super::forward_signals) is fine.
/// Every step is tried even if an earlier one fails; the first error is returned.
pub fn restore_terminal() -> io::Result<()> {
    let entered = ENTERED.swap(0, Ordering::SeqCst);
    if entered == 0 {
        return Ok(());
    }
    let mut first_error = write_restore(&mut stdout(), entered).err();
    if entered & RAW != 0
        && let Err(err) = disable_raw_mode()
    {
        first_error.get_or_insert(err);
    }
    first_error.map_or(Ok(()), Err)
}

/// Writes what undoes the screen changes recorded in `entered` (all but raw mode, which is not
/// written but set): mouse reporting off, colours, scroll region and left and right margins
/// reset, cursor shown, alternate screen left. Every step is tried even if an earlier one
/// fails; the first error is returned.
fn write_restore(out: &mut impl Write, entered: u8) -> io::Result<()> {
    let mut first_error = None;
    let mut step = |result: io::Result<()>| {
        if let Err(err) = result {
            first_error.get_or_insert(err);
        }
    };
    if entered & MOUSE != 0 {
        step(execute!(out, DisableMouseCapture));
    }
    if entered & ALTERNATE != 0 {
        // A frame sets colours, a scroll region (DECSTBM) and left and right margins (DECLRMM)
        // only for the length of its write; should that write have been cut short (a panic, a
        // second signal), the shell must not inherit them.
        step(out.write_all(b"\x1b[0m\x1b[r\x1b[?69l"));
    }
    if entered & HIDDEN != 0 {
        step(execute!(out, Show));
    }
    if entered & ALTERNATE != 0 {
        step(execute!(out, LeaveAlternateScreen));
    }
    step(out.flush());
    first_error.map_or(Ok(()), Err)
}

/// [`restore_terminal`] on a thread of its own, waiting for it `patience` at most. For a
/// terminal that may be gone: a write to it can block for good, and a process on its way out
/// should not wait for that; nor can it report a failure to anyone.
pub fn restore_terminal_within(patience: Duration) {
    let (done, finished) = mpsc::channel();
    let started = std::thread::Builder::new()
        .name("kanbao-restore".into())
        .spawn(move || {
            let _ = done.send(restore_terminal());
        });
    if started.is_ok() {
        let _ = finished.recv_timeout(patience);
    }
}

/// Chains a hook in front of the current panic hook, once per process: restore the terminal,
/// then let the previous hook print the message (on the normal screen, in cooked mode).
///
/// A panic on the thread that holds the guard (the reader's loop: input, update, drawing)
/// then unwinds as usual, and the process ends with status 101. A panic on any other thread
/// (loading issues, saving state) would leave the reader running without the terminal it
/// draws on, its work half done: while a guard is alive, the process ends there, with the
/// status 101 a panic on the main thread gives.
fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Err(err) = restore_terminal() {
                eprintln!("kanbao: could not restore the terminal: {err}");
            }
            previous(info);
            if guard_held_by_another_thread() {
                std::process::exit(PANIC_EXIT_STATUS);
            }
        }));
    });
}

/// The status Rust gives a process whose main thread panicked.
const PANIC_EXIT_STATUS: i32 = 101;

/// The thread that holds the live [`TerminalGuard`], if one is alive.
static GUARD_THREAD: Mutex<Option<ThreadId>> = Mutex::new(None);

fn set_guard_thread(thread: Option<ThreadId>) {
    *GUARD_THREAD.lock().unwrap_or_else(PoisonError::into_inner) = thread;
}

/// Whether a guard is alive and the current thread is not the one holding it.
fn guard_held_by_another_thread() -> bool {
    let holder = *GUARD_THREAD.lock().unwrap_or_else(PoisonError::into_inner);
    holder.is_some_and(|holder| holder != std::thread::current().id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restoring_everything_writes_every_reset_once_in_order() {
        let mut written = Vec::new();
        write_restore(&mut written, RAW | ALTERNATE | HIDDEN | MOUSE).expect("write to a Vec");
        assert_eq!(
            String::from_utf8_lossy(&written),
            "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
             \x1b[0m\x1b[r\x1b[?69l\x1b[?25h\x1b[?1049l"
        );
    }

    #[test]
    fn restoring_writes_only_what_was_changed() {
        let mut written = Vec::new();
        write_restore(&mut written, RAW | HIDDEN).expect("write to a Vec");
        assert_eq!(String::from_utf8_lossy(&written), "\x1b[?25h");
        written.clear();
        write_restore(&mut written, RAW).expect("write to a Vec");
        assert!(written.is_empty());
    }
}
