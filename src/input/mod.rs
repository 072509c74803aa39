//! The bytes a terminal sends, as the reader's messages, without a tty: for `kanbao serve`,
//! where keys arrive in SSH channel packets instead of through crossterm's event reader.
//!
//! [`InputParser`] follows crossterm 0.29's Unix rules (what the local reader gets through
//! `key_of` and `message_of`), so a key does the same over SSH as at a local terminal:
//!
//! - Printable characters are keys, whatever their width or script; a character split across
//!   packets is joined; bytes that are not UTF-8 are dropped.
//! - `\r` is Enter, `\t` Tab, 0x7f Backspace, 0x00 Ctrl-Space, 0x01..=0x1a Ctrl with a
//!   lowercase letter (0x08 is Ctrl-h, and 0x0a Ctrl-j, as crossterm reads them in raw mode,
//!   which the local reader is in), 0x1c..=0x1f Ctrl-4..Ctrl-7.
//! - ESC before a key is Alt with it. A lone ESC is the Esc key once no byte has followed it
//!   for [`ESC_TIMEOUT`] (the caller's timer, then [`InputParser::flush`]).
//! - `ESC [` (CSI) and `ESC O` (SS3) sequences: arrows, Home, End, Page Up and Down,
//!   Shift-Tab, with xterm's modifier parameter (`ESC [ 1 ; 5 A` is Ctrl-Up), and keys in the
//!   `CSI u` form. Keys the reader has no name for (F-keys, Insert, Delete) produce nothing,
//!   as `key_of` gives nothing for them; so do key releases and repeats, focus changes, and
//!   any complete sequence that is not understood.
//! - Mouse reports (SGR `ESC [ < b ; x ; y M`, rxvt `ESC [ b ; x ; y M` and X10
//!   `ESC [ M b x y`): a button press is a click, the wheel turns three lines; releases and
//!   motion produce nothing.
//! - Replies to the terminal probe ([`crate::terminal::probe`]) are [`Parsed::CursorReport`]
//!   and [`Parsed::ModeReport`], never keys. `ESC [ 1 ; 2 R` is both a cursor report and
//!   Shift-F3 in xterm's encoding; it is a cursor report here, as in crossterm (the reader has
//!   no F3).
//! - Bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`) produces nothing: crossterm gives it to
//!   the local reader as one paste event, which the reader ignores. The pasted text is
//!   skipped as it arrives, never held, however long it is.
//!
//! Where this differs from crossterm, on input no terminal sends for a key but that the join
//! of packets over a network makes more likely, it is on purpose:
//!
//! - `ESC ESC` is the Esc key and then a new start at the second ESC (crossterm makes one
//!   Esc of both and reads what follows as plain characters): Esc pressed just before a
//!   mouse report or a probe reply would otherwise turn the rest of that report into keys.
//! - A byte that cannot be part of an unfinished sequence (a control byte, ESC, a byte past
//!   ASCII) ends it: the sequence is given up as the keys its bytes are (`ESC [ 1` then `\r`
//!   is Alt-[, 1, Enter) and the byte is read afresh. Crossterm keeps waiting for a final
//!   byte and then drops everything it held.
//! - Any `ESC [ ?` sequence ends at its final byte (crossterm waits for a `u` or `c`).
//! - Only the bytes that make UTF-8 invalid are dropped, not a key that follows them.
//! - Mouse reports at column or row 0 (impossible: they count from 1) produce nothing.
//!
//! Held bytes: what cannot be understood yet (a partial character, an unfinished sequence, a
//! lone ESC) is kept for the next packet; [`InputParser::waiting`] says so, and the caller
//! calls [`InputParser::flush`] after [`InputParser::timeout`] passes with no more bytes. A
//! flush gives up what is held as the keys its bytes are (`ESC` is Esc, `ESC [` is Alt-[,
//! `ESC O` is Alt-O, a partial character is dropped), ends an unfinished paste, and leaves
//! nothing held. No more than [`HOLD_LIMIT`] bytes are ever held: a control sequence longer
//! than that is garbage, and is skipped through its final byte without holding any of it.

mod csi;
mod csi_u;
mod keys;
mod mouse;
mod parser;
mod step;

use std::time::Duration;

use crate::reader::Message;
pub use crate::terminal::probe::CursorReport;
pub use parser::InputParser;

/// How long a lone ESC or an unfinished sequence waits for the rest before it is given up
/// ([`InputParser::flush`]). A terminal writes a sequence at once, so its bytes arrive within
/// one packet or close behind; a person cannot type Esc and then `[A` this fast.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(50);

/// How long a bracketed paste waits for its end before it is given up (what follows is read
/// as keys again). Longer than [`ESC_TIMEOUT`]: a long paste comes in many packets, and
/// giving it up early would type the rest of it into the reader as commands.
pub const PASTE_TIMEOUT: Duration = Duration::from_secs(1);

/// The most bytes an [`InputParser`] holds between packets.
pub const HOLD_LIMIT: usize = 256;

/// What a terminal's bytes meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// A key, a click or a wheel turn, for the reader.
    Message(Message),
    /// The answer to `ESC [ 6 n`: where the cursor is, 1-based as the terminal said it.
    CursorReport(CursorReport),
    /// The answer to DECRQM `ESC [ ? mode $ p`: `ESC [ ? mode ; state $ y`, state 0 (the
    /// terminal does not know the mode), 1 or 2 (set or reset), 3 or 4 (permanently so).
    ModeReport { mode: u16, state: u8 },
}
