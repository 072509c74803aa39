//! Where the next token in a terminal's bytes ends: one key, one escape sequence, or not
//! enough bytes yet. What a complete control sequence means is [`super::csi`]'s business.

use super::keys::{self, with_alt};
use super::{HOLD_LIMIT, Parsed, csi, mouse};
use crate::reader::{Key, KeyCode, Message};

const ESC: u8 = 0x1b;
/// The most parameter and intermediate bytes a control sequence may have: so that
/// `ESC [` and they are no more than [`HOLD_LIMIT`] bytes.
const LONGEST_BODY: usize = HOLD_LIMIT - 2;

/// One step through the bytes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The first `len` bytes are one token, meaning `parsed` (or nothing).
    Token { len: usize, parsed: Option<Parsed> },
    /// The first `len` bytes start a bracketed paste.
    Paste { len: usize },
    /// The first `len` bytes start a control sequence too long to be one a terminal sends
    /// (see [`HOLD_LIMIT`]): it is skipped through its final byte.
    TooLong { len: usize },
    /// The bytes may still become a token: wait for more. Never returned with `end`.
    More,
}

impl Step {
    fn key(len: usize, key: Option<Key>) -> Self {
        Self::Token {
            len,
            parsed: key.map(|key| Parsed::Message(Message::Key(key))),
        }
    }

    fn nothing(len: usize) -> Self {
        Self::Token { len, parsed: None }
    }
}

/// The next token at the start of `bytes` (not empty). With `end`, no more bytes will come:
/// whatever is unfinished is given up (see [`give_up`]) instead of waiting.
pub(super) fn step(bytes: &[u8], end: bool) -> Step {
    match bytes {
        [ESC, ..] => escape(bytes, end),
        _ => match keys::plain(bytes, end) {
            Some((len, key)) => Step::key(len, key),
            None => Step::More,
        },
    }
}

/// `bytes` starting with ESC.
fn escape(bytes: &[u8], end: bool) -> Step {
    match bytes {
        [ESC] if end => Step::key(1, Some(Key::plain(KeyCode::Esc))),
        [ESC] => Step::More,
        // The first ESC is the key; the second starts afresh (see the module docs).
        [ESC, ESC, ..] => Step::key(1, Some(Key::plain(KeyCode::Esc))),
        [ESC, b'[', ..] => csi(bytes, end),
        [ESC, b'O', ..] => ss3(bytes, end),
        [ESC, rest @ ..] => match keys::plain(rest, end) {
            Some((len, key)) => Step::key(1 + len, key.map(with_alt)),
            None => Step::More,
        },
        _ => Step::More,
    }
}

/// An unfinished `ESC [` or `ESC O` read as the keys its bytes are: ESC and the next byte are
/// Alt with that character; the caller reads on from the third byte.
fn give_up(bytes: &[u8]) -> Step {
    let second = bytes
        .get(1)
        .map_or(KeyCode::Esc, |&b| KeyCode::Char(char::from(b)));
    Step::key(2, Some(with_alt(Key::plain(second))))
}

/// Waits for more, or gives up with `end`.
fn more_or_give_up(bytes: &[u8], end: bool) -> Step {
    if end { give_up(bytes) } else { Step::More }
}

/// `ESC O` and one printable byte: arrows, Home and End in the terminal's application
/// cursor mode, F1-F4. Any other printable byte makes an unknown sequence, which means
/// nothing (as crossterm).
fn ss3(bytes: &[u8], end: bool) -> Step {
    match bytes.get(2) {
        None => more_or_give_up(bytes, end),
        Some(&b) if (0x20..=0x7e).contains(&b) => {
            let Some(code) = csi::cursor_key(b) else {
                return Step::nothing(3);
            };
            Step::key(3, Some(Key::plain(code)))
        }
        Some(_) => give_up(bytes),
    }
}

/// `ESC [`: a control sequence (ECMA-48: parameter bytes 0x30-0x3f, intermediate bytes
/// 0x20-0x2f, one final byte 0x40-0x7e), or two forms that do not follow that shape: the
/// X10 mouse report `ESC [ M` and three raw bytes, and the Linux console's F1-F5
/// `ESC [ [ A`..`E`.
fn csi(bytes: &[u8], end: bool) -> Step {
    let body = bytes.get(2..).unwrap_or_default();
    match body {
        [] => more_or_give_up(bytes, end),
        [b'M', report @ ..] => {
            // X10 bytes are values + 32: never a control byte, so one ends the report.
            let ready = report.iter().take(3).take_while(|&&b| b >= 0x20).count();
            match report.get(..3) {
                Some(&[button, x, y]) if ready == 3 => Step::Token {
                    len: 6,
                    parsed: mouse::x10(button, x, y).map(Parsed::Message),
                },
                _ if ready < report.len() => give_up(bytes),
                _ => more_or_give_up(bytes, end),
            }
        }
        [b'[', rest @ ..] => match rest.first() {
            None => more_or_give_up(bytes, end),
            // F1-F5 or unknown: nothing either way.
            Some(b) if (0x20..=0x7e).contains(b) => Step::nothing(4),
            Some(_) => give_up(bytes),
        },
        _ => match body.iter().position(|b| !(0x20..=0x3f).contains(b)) {
            // Decided by the bytes, not by where packets end: the same garbage is skipped
            // whether it came at once or byte by byte.
            None | Some(LONGEST_BODY..) if body.len() >= LONGEST_BODY => Step::TooLong {
                len: 2 + LONGEST_BODY,
            },
            None => more_or_give_up(bytes, end),
            Some(at) => match body.get(at) {
                Some(&last) if (0x40..=0x7e).contains(&last) => {
                    let len = 2 + at + 1;
                    let inner = body.get(..at).unwrap_or_default();
                    match csi::meaning(inner, last) {
                        csi::Meaning::Paste => Step::Paste { len },
                        csi::Meaning::Parsed(parsed) => Step::Token { len, parsed },
                    }
                }
                _ => give_up(bytes),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(len: usize, code: KeyCode, alt: bool) -> Step {
        Step::key(
            len,
            Some(Key {
                code,
                ctrl: false,
                alt,
            }),
        )
    }

    #[test]
    fn escape_alone_waits_unless_at_the_end() {
        assert_eq!(step(b"\x1b", false), Step::More);
        assert_eq!(step(b"\x1b", true), key(1, KeyCode::Esc, false));
        assert_eq!(step(b"\x1b\x1b[A", false), key(1, KeyCode::Esc, false));
    }

    #[test]
    fn unfinished_sequences_are_given_up_at_the_end() {
        for bytes in [
            &b"\x1b["[..],
            b"\x1b[1;",
            b"\x1b[<0;1",
            b"\x1b[M ",
            b"\x1b[[",
        ] {
            assert_eq!(step(bytes, false), Step::More, "{bytes:?}");
            assert_eq!(
                step(bytes, true),
                key(2, KeyCode::Char('['), true),
                "{bytes:?}"
            );
        }
        assert_eq!(step(b"\x1bO", false), Step::More);
        assert_eq!(step(b"\x1bO", true), key(2, KeyCode::Char('O'), true));
    }

    #[test]
    fn a_control_byte_ends_an_unfinished_sequence() {
        for bytes in [
            &b"\x1b[1\r"[..],
            b"\x1b[\x1b[A",
            b"\x1b[M \x1b",
            b"\x1b[[\x7f",
        ] {
            assert_eq!(
                step(bytes, false),
                key(2, KeyCode::Char('['), true),
                "{bytes:?}"
            );
        }
        assert_eq!(step(b"\x1bO\x1b", false), key(2, KeyCode::Char('O'), true));
    }

    #[test]
    fn sequence_lengths() {
        assert_eq!(step(b"\x1b[Aj", false), key(3, KeyCode::Up, false));
        assert_eq!(step(b"\x1bOAj", false), key(3, KeyCode::Up, false));
        assert_eq!(step(b"\x1bOPj", false), Step::nothing(3));
        assert_eq!(step(b"\x1b[[Aj", false), Step::nothing(4));
        assert_eq!(step(b"\x1b[2~j", false), Step::nothing(4));
        assert_eq!(step(b"\x1b[200~j", false), Step::Paste { len: 6 });
    }
}
