//! Asking the terminal how wide it draws East Asian Ambiguous characters, and whether it can
//! scroll part of the screen's width (left and right margins).
//!
//! Prints `“` (U+201C, ambiguous) at column 1 and asks where the cursor went with a Device
//! Status Report (`ESC [ 6 n`); the terminal answers `ESC [ row ; col R` on stdin. Column 2
//! means it drew the character one column wide, column 3 two columns wide.
//!
//! Before that, in the same write, it asks whether the terminal knows DECLRMM (mode 69, left
//! and right margins) with DECRQM (`ESC [ ? 69 $ p`); a terminal that does answers
//! `ESC [ ? 69 ; Ps $ y` (Ps 1 or 2: set or reset, so it can be used; 0 unknown, 4 permanently
//! reset). Terminals answer in order, so that reply comes before the cursor position and
//! waiting for the latter is enough: no added latency. Terminals that do not know DECRQM
//! ignore it; one that printed its last byte would print it at column 1, where the carriage
//! return before the probe character puts it to be overwritten.
//!
//! This reads stdin directly (unbuffered, with a timeout), so it must run before crossterm's
//! event reader is first used: once `crossterm::event::poll`/`read` has been called, crossterm
//! owns stdin and would swallow the reply. `crossterm::cursor::position` is not used because
//! it waits up to two seconds on a terminal that does not answer.

use std::io::{self, Write, stdin, stdout};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::termios::{LocalModes, QueueSelector, isatty, tcflush, tcgetattr};

use crate::text::AmbiguousWidth;

/// What is printed and then asked: carriage return, the margins question (DECRQM for mode
/// 69), carriage return, the ambiguous character, the DSR query.
const QUERY: &str = "\r\x1b[?69$p\r\u{201C}\x1b[6n";
/// What erases it again: carriage return, erase to end of line.
const ERASE: &str = "\r\x1b[K";
/// Never keep more than this many unanswered bytes (someone pasting while we wait).
const KEEP: usize = 64;
/// DECLRMM, the mode that enables left and right margins (DECSLRM).
const MARGINS_MODE: u16 = 69;

/// Never keep more than this many bytes read while waiting for the answer (a paste).
const TYPED_LIMIT: usize = 4096;

/// What the terminal said about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Probe {
    /// How wide it draws East Asian Ambiguous characters, if it said.
    pub ambiguous: Option<AmbiguousWidth>,
    /// It can scroll between left and right margins (DECLRMM and DECSLRM): it said mode 69 is
    /// set or reset, not unknown. `false` when it did not say.
    pub margins: bool,
    /// The bytes read while the answer was awaited, the answer among them: keys typed
    /// meanwhile, which crossterm will not see. Read them with [`crate::input::InputParser`],
    /// which tells the answer from keys. Empty if there were more than [`TYPED_LIMIT`] (a
    /// paste).
    pub typed: Vec<u8>,
}

/// How wide the terminal on stdin/stdout draws East Asian Ambiguous characters: see
/// [`probe_terminal`].
#[must_use]
pub fn probe_ambiguous_width(timeout: Duration) -> Option<AmbiguousWidth> {
    probe_terminal(timeout).ambiguous
}

/// What the terminal on stdin/stdout says about itself within `timeout` (the reader passes
/// 200 ms): how wide it draws East Asian Ambiguous characters, `None` if it does not say
/// (the caller falls back to [`AmbiguousWidth::Narrow`] or its configuration), and whether it
/// has left and right margins. Nothing is asked, and nothing known, if stdin or stdout is not a
/// terminal or the terminal is not in raw mode (the reply would wait for Enter and be echoed).
///
/// Call it once at start-up, in raw mode, before crossterm's event reader is used (see the
/// module docs). It moves the cursor to column 1 of its row, prints one character there and
/// erases that line from column 1 afterwards. Keys typed just before the probe are discarded;
/// those typed while it waits are in [`Probe::typed`]. A reply that comes after the timeout
/// reaches crossterm later as a cursor-position event, which crossterm keeps to itself.
#[must_use]
pub fn probe_terminal(timeout: Duration) -> Probe {
    let Some(asked) = ask_terminal(timeout) else {
        return Probe::default();
    };
    let probe = asked.answer();
    // Erase the probe character whether or not the terminal answered.
    let mut out = stdout().lock();
    let _ = out.write_all(ERASE.as_bytes()).and_then(|()| out.flush());
    probe
}

/// The probe's question, asked; its answer not yet read. See [`ask_terminal`].
#[derive(Debug)]
#[must_use = "the answer must be read before crossterm reads keys"]
pub struct Asked {
    timeout: Duration,
}

/// Asks what [`probe_terminal`] asks, without waiting for the answer: the reader draws its
/// first frame meanwhile, so that the answer's round trip (long over a slow link) is not
/// spent before anything is on the screen. The probe character stays where it was printed
/// (column 1 of the cursor's row) until the caller clears the screen: the reader's first
/// frame, written after the question, clears it, and the terminal answers before it reads
/// that frame. `None` when nothing was asked (see [`probe_terminal`]).
///
/// Read the answer with [`Asked::answer`] before crossterm's event reader is used.
#[must_use = "the answer must be read before crossterm reads keys"]
pub fn ask_terminal(timeout: Duration) -> Option<Asked> {
    let input = stdin();
    let output = stdout();
    if !isatty(&input) || !isatty(&output) {
        return None;
    }
    let modes = tcgetattr(&input).ok()?;
    if modes.local_modes.contains(LocalModes::ICANON) {
        return None;
    }
    // Keys typed ahead would come before the reply; some (Shift-F3 is `ESC [ 1 ; 2 R`) even
    // look like one. Dropping them is allowed, and the probe runs before anyone reads keys.
    let _ = tcflush(&input, QueueSelector::IFlush);
    let mut out = output.lock();
    out.write_all(QUERY.as_bytes())
        .and_then(|()| out.flush())
        .ok()?;
    Some(Asked { timeout })
}

impl Asked {
    /// What the terminal answered, waiting for it at most the timeout given to
    /// [`ask_terminal`], counted from now: what the caller did meanwhile (the reader's first
    /// frame, which over a slow link may take a while to write) does not shorten the wait, and
    /// an answer already there is always read.
    #[must_use]
    pub fn answer(self) -> Probe {
        let reply = read_reply(&stdin(), Instant::now() + self.timeout);
        Probe {
            ambiguous: reply.cursor.and_then(|c| width_at_column(c.col)),
            margins: reply.mode.is_some_and(mode_usable),
            typed: reply.read,
        }
    }
}

/// What came back: the cursor position report, and the margins mode's state if reported;
/// and every byte read on the way, unless there were more than [`TYPED_LIMIT`].
#[derive(Debug, Default)]
struct Reply {
    cursor: Option<CursorReport>,
    mode: Option<u8>,
    read: Vec<u8>,
    /// More than [`TYPED_LIMIT`] bytes came: `read` is empty and stays so.
    overflowed: bool,
}

/// Reads from `input` until a cursor position report is complete or `deadline` passes,
/// noting a report of the margins mode on the way. One byte at a time, so that nothing after
/// the report is taken: keys pressed once the first frame is on the screen (drawn while the
/// answer was on its way) come after it, and are crossterm's to read.
fn read_reply(input: &io::Stdin, deadline: Instant) -> Reply {
    let mut reply = Reply::default();
    let mut pending: Vec<u8> = Vec::with_capacity(KEEP);
    let mut chunk = [0_u8; 1];
    loop {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return reply;
        };
        let Ok(left) = Timespec::try_from(left) else {
            return reply;
        };
        let mut fds = [PollFd::new(input, PollFlags::IN)];
        match poll(&mut fds, Some(&left)) {
            Ok(0) => return reply,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return reply,
        }
        let revents = fds[0].revents();
        if !revents.contains(PollFlags::IN) {
            // Hang-up or error on stdin: no reply will ever come.
            return reply;
        }
        let read = match rustix::io::read(input, &mut chunk) {
            Ok(0) => return reply,
            Ok(read) => read,
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
            Err(_) => return reply,
        };
        let bytes = chunk.get(..read).unwrap_or_default();
        pending.extend_from_slice(bytes);
        if !reply.overflowed {
            if reply.read.len() < TYPED_LIMIT {
                reply.read.extend_from_slice(bytes);
            } else {
                // More than anyone types in a moment: a paste, which the reader ignores
                // anyway. Cut anywhere, the rest of a sequence could read as keys: none of it
                // is kept.
                reply.read = Vec::new();
                reply.overflowed = true;
            }
        }
        if reply.mode.is_none() {
            reply.mode = find_mode_report(&pending, MARGINS_MODE);
        }
        if let Some(report) = find_cursor_report(&pending) {
            reply.cursor = Some(report);
            return reply;
        }
        if pending.len() > KEEP {
            // Keep the tail: a reply split across reads starts near the end.
            pending.drain(..pending.len() - KEEP / 2);
        }
    }
}

/// The state a terminal reports for private mode `mode` in an answer to DECRQM,
/// `ESC [ ? mode ; state $ y`, the first one in `bytes`; `None` if there is none (yet).
#[must_use]
pub fn find_mode_report(bytes: &[u8], mode: u16) -> Option<u8> {
    let mut rest = bytes;
    while let Some(esc) = rest.iter().position(|&b| b == 0x1b) {
        rest = rest.get(esc + 1..).unwrap_or_default();
        let Some(after) = rest.strip_prefix(b"[?") else {
            continue;
        };
        let Some((reported, after)) = number(after) else {
            continue;
        };
        let Some(after) = after.strip_prefix(b";") else {
            continue;
        };
        let Some((state, after)) = number(after) else {
            continue;
        };
        if reported == mode && after.starts_with(b"$y") {
            return u8::try_from(state).ok().filter(|s| *s <= 4);
        }
    }
    None
}

/// Whether a DECRQM state says the mode can be used: 1 (set) or 2 (reset). 0 is an unknown
/// mode, 3 and 4 permanently set or reset.
#[must_use]
pub fn mode_usable(state: u8) -> bool {
    matches!(state, 1 | 2)
}

/// A terminal's answer to `ESC [ 6 n`: the cursor's 1-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CursorReport {
    pub row: u16,
    pub col: u16,
}

/// The first complete cursor position report `ESC [ row ; col R` in `bytes`, skipping
/// anything else (keys, other escape sequences). `None` if there is none yet: a reply cut off
/// at the end may complete with more bytes.
#[must_use]
pub fn find_cursor_report(bytes: &[u8]) -> Option<CursorReport> {
    let mut rest = bytes;
    while let Some(esc) = rest.iter().position(|&b| b == 0x1b) {
        rest = rest.get(esc + 1..).unwrap_or_default();
        if let Some(report) = parse_after_escape(rest) {
            return Some(report);
        }
    }
    None
}

/// `[ row ; col R` right at the start of `bytes`, numbers of one to five digits.
fn parse_after_escape(bytes: &[u8]) -> Option<CursorReport> {
    let bytes = bytes.strip_prefix(b"[")?;
    let (row, bytes) = number(bytes)?;
    let bytes = bytes.strip_prefix(b";")?;
    let (col, bytes) = number(bytes)?;
    bytes.strip_prefix(b"R")?;
    Some(CursorReport { row, col })
}

/// A decimal number of one to five digits that fits a `u16`, and what follows it.
fn number(bytes: &[u8]) -> Option<(u16, &[u8])> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=5).contains(&digits) {
        return None;
    }
    let (digits, rest) = bytes.split_at(digits);
    let value = digits.iter().try_fold(0_u16, |n, &d| {
        n.checked_mul(10)?.checked_add(u16::from(d - b'0'))
    })?;
    Some((value, rest))
}

/// Where the cursor is after printing one ambiguous character at column 1.
#[must_use]
pub fn width_at_column(col: u16) -> Option<AmbiguousWidth> {
    match col {
        2 => Some(AmbiguousWidth::Narrow),
        3 => Some(AmbiguousWidth::Wide),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(row: u16, col: u16) -> CursorReport {
        CursorReport { row, col }
    }

    #[test]
    fn a_plain_reply() {
        assert_eq!(find_cursor_report(b"\x1b[12;3R"), Some(report(12, 3)));
        assert_eq!(find_cursor_report(b"\x1b[1;2R"), Some(report(1, 2)));
    }

    #[test]
    fn partial_replies_wait_for_more() {
        let full = b"\x1b[24;80R";
        for end in 0..full.len() {
            assert_eq!(find_cursor_report(&full[..end]), None, "{end} bytes");
        }
        assert_eq!(find_cursor_report(full), Some(report(24, 80)));
    }

    #[test]
    fn junk_before_is_skipped() {
        assert_eq!(find_cursor_report(b"abc\x1b[24;2R"), Some(report(24, 2)));
        // An arrow key, a lone escape and a broken reply come first.
        assert_eq!(
            find_cursor_report(b"\x1b[A\x1b\x1b[5;R\x1b[;3R\x1b[7;3R"),
            Some(report(7, 3))
        );
        // Multi-byte UTF-8 typed before.
        assert_eq!(
            find_cursor_report("看\x1b[2;3R".as_bytes()),
            Some(report(2, 3))
        );
    }

    #[test]
    fn junk_after_is_ignored() {
        assert_eq!(find_cursor_report(b"\x1b[3;2Rq"), Some(report(3, 2)));
    }

    #[test]
    fn of_two_replies_the_first_counts() {
        assert_eq!(
            find_cursor_report(b"\x1b[3;2R\x1b[3;3R"),
            Some(report(3, 2))
        );
        // A partial first reply does not hide a complete second one.
        assert_eq!(find_cursor_report(b"\x1b[3;\x1b[4;3R"), Some(report(4, 3)));
    }

    #[test]
    fn not_replies() {
        for bytes in [
            &b""[..],
            b"hello",
            b"\x1b[6n",
            b"\x1b[?3;2R",
            b"\x1b[3:2R",
            b"\x1b[3;2r",
            b"\x1b[123456;2R",
            b"\x1b[99999;2R",
            b"[3;2R",
        ] {
            assert_eq!(find_cursor_report(bytes), None, "{bytes:?}");
        }
        assert_eq!(find_cursor_report(b"\x1b[65535;2R"), Some(report(65535, 2)));
    }

    #[test]
    fn mode_reports() {
        assert_eq!(find_mode_report(b"\x1b[?69;2$y", 69), Some(2));
        assert_eq!(find_mode_report(b"\x1b[?69;1$y\x1b[3;2R", 69), Some(1));
        // After keys and other replies; not split, not for another mode, not malformed.
        assert_eq!(find_mode_report(b"q\x1b[A\x1b[?69;0$y", 69), Some(0));
        assert_eq!(find_mode_report(b"\x1b[?2026;2$y\x1b[?69;4$y", 69), Some(4));
        assert_eq!(find_mode_report(b"\x1b[?69;2$", 69), None);
        assert_eq!(find_mode_report(b"\x1b[?6;2$y", 69), None);
        assert_eq!(find_mode_report(b"\x1b[69;2$y", 69), None);
        assert_eq!(find_mode_report(b"\x1b[?69;2y", 69), None);
        assert_eq!(find_mode_report(b"\x1b[?69;9$y", 69), None);
        // A cursor report is not a mode report, and the other way round.
        assert_eq!(find_mode_report(b"\x1b[3;2R", 69), None);
        assert_eq!(find_cursor_report(b"\x1b[?69;2$y"), None);
    }

    #[test]
    fn usable_states() {
        assert!(mode_usable(1) && mode_usable(2));
        assert!(!mode_usable(0) && !mode_usable(3) && !mode_usable(4));
    }

    #[test]
    fn the_margins_question_comes_first_then_a_carriage_return() {
        // Whatever a terminal makes of DECRQM, the probe character is printed at column 1.
        let question = QUERY.find("\x1b[?69$p").expect("DECRQM");
        let character = QUERY.find('\u{201C}').expect("the probe character");
        let position = QUERY.find("\x1b[6n").expect("DSR");
        assert!(question < character && character < position);
        assert_eq!(QUERY.get(character - 1..character), Some("\r"));
    }

    #[test]
    fn columns_to_widths() {
        assert_eq!(width_at_column(2), Some(AmbiguousWidth::Narrow));
        assert_eq!(width_at_column(3), Some(AmbiguousWidth::Wide));
        assert_eq!(width_at_column(1), None);
        assert_eq!(width_at_column(4), None);
    }
}
