//! The real terminal: entering and leaving it, signals, and measuring how it draws text.
//!
//! - [`guard`]: [`TerminalGuard`] puts the terminal into the reader's state (raw mode,
//!   alternate screen, hidden cursor, optional mouse reporting) and always puts it back, on
//!   return, on drop and on panic; [`restore_terminal`] does the same from anywhere.
//! - [`signals`]: every terminating signal (SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1…),
//!   SIGTSTP and SIGCONT forwarded to the reader's event channel by a background thread, and
//!   [`suspend_self`] for Ctrl-Z; [`terminating`] says which signals those are.
//! - [`frame`]: [`FrameWriter`] draws frames by diffing against the previous one, with the
//!   terminal's scroll region for a scrolled pane when that writes fewer bytes.
//! - [`probe`]: asks the terminal how wide it draws East Asian Ambiguous characters, and
//!   whether it can scroll between left and right margins.
//!
//! The terminal's modes are process-wide, so the state that [`restore_terminal`] undoes is
//! process-wide too: whoever restores first restores everything, and later calls do nothing.

pub mod frame;
pub mod guard;
pub mod probe;
pub mod signals;
pub mod terminating;

pub use frame::{
    ByteCount, CountingWriter, FrameReport, FrameWriter, ReaderFrames, Scroll, ScrollMargins,
    Strategy, ViewState,
};
pub use guard::{TerminalGuard, restore_terminal, restore_terminal_within};
pub use probe::{Asked, Probe, ask_terminal, probe_ambiguous_width, probe_terminal};
pub use signals::{Signal, SignalForwarder, forward_signals, forward_signals_to, suspend_self};
pub use terminating::{exit_status_for, terminating_signals};
