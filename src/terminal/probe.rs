//! Asking the terminal how wide it draws East Asian Ambiguous characters.
//!
//! Prints `“` (U+201C, ambiguous) at column 1 and asks where the cursor went with a Device
//! Status Report (`ESC [ 6 n`); the terminal answers `ESC [ row ; col R` on stdin. Column 2
//! means it drew the character one column wide, column 3 two columns wide.
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

/// What is printed and then asked: carriage return, the ambiguous character, the DSR query.
const QUERY: &str = "\r\u{201C}\x1b[6n";
/// What erases it again: carriage return, erase to end of line.
const ERASE: &str = "\r\x1b[K";
/// Never keep more than this many unanswered bytes (someone pasting while we wait).
const KEEP: usize = 64;

/// How wide the terminal on stdin/stdout draws East Asian Ambiguous characters, or `None` if
/// it does not say within `timeout` (the reader passes 200 ms), if stdin or stdout is not a
/// terminal, or if the terminal is not in raw mode (the reply would wait for Enter and be
/// echoed). The caller falls back to [`AmbiguousWidth::Narrow`] (or its configuration).
///
/// Call it once at start-up, in raw mode, before crossterm's event reader is used (see the
/// module docs). It moves the cursor to column 1 of its row, prints one character there and
/// erases that line from column 1 afterwards. Keys typed just before or during the probe are
/// discarded. A reply that comes after the timeout reaches crossterm later as a
/// cursor-position event, which crossterm keeps to itself.
#[must_use]
pub fn probe_ambiguous_width(timeout: Duration) -> Option<AmbiguousWidth> {
    let deadline = Instant::now() + timeout;
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
    out.write_all(QUERY.as_bytes()).ok()?;
    out.flush().ok()?;
    let reply = read_reply(&input, deadline);
    // Erase the probe character whether or not the terminal answered.
    let _ = out.write_all(ERASE.as_bytes()).and_then(|()| out.flush());
    width_at_column(reply?.col)
}

/// Reads from `input` until a cursor position report is complete or `deadline` passes.
fn read_reply(input: &io::Stdin, deadline: Instant) -> Option<CursorReport> {
    let mut pending: Vec<u8> = Vec::with_capacity(KEEP);
    let mut chunk = [0_u8; 64];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let left = Timespec::try_from(left).ok()?;
        let mut fds = [PollFd::new(input, PollFlags::IN)];
        match poll(&mut fds, Some(&left)) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
        let revents = fds[0].revents();
        if !revents.contains(PollFlags::IN) {
            // Hang-up or error on stdin: no reply will ever come.
            return None;
        }
        let read = match rustix::io::read(input, &mut chunk) {
            Ok(0) => return None,
            Ok(read) => read,
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
            Err(_) => return None,
        };
        pending.extend_from_slice(chunk.get(..read).unwrap_or_default());
        if let Some(report) = find_cursor_report(&pending) {
            return Some(report);
        }
        if pending.len() > KEEP {
            // Keep the tail: a reply split across reads starts near the end.
            pending.drain(..pending.len() - KEEP / 2);
        }
    }
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
    fn columns_to_widths() {
        assert_eq!(width_at_column(2), Some(AmbiguousWidth::Narrow));
        assert_eq!(width_at_column(3), Some(AmbiguousWidth::Wide));
        assert_eq!(width_at_column(1), None);
        assert_eq!(width_at_column(4), None);
    }
}
