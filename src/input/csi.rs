//! What a complete control sequence `ESC [ inner last` means, by crossterm's rules: cursor
//! keys, `~` keys, `CSI u` keys, mouse reports, and the replies the terminal probe asks for.

use super::keys::{Mods, key};
use super::{Parsed, csi_u, mouse};
use crate::reader::{Key, KeyCode, Message};
use crate::terminal::probe::CursorReport;

/// What a control sequence means.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Meaning {
    /// A key, a mouse event, a reply, or nothing the reader knows.
    Parsed(Option<Parsed>),
    /// `ESC [ 200 ~`: a bracketed paste starts.
    Paste,
}

/// The meaning of `ESC [ inner last`: `inner` is the parameter and intermediate bytes
/// (0x20-0x3f), `last` the final byte.
pub(super) fn meaning(inner: &[u8], last: u8) -> Meaning {
    // Intermediate bytes (0x20-0x2f) come after the parameters.
    let split = inner
        .iter()
        .rposition(|b| !(0x20..=0x2f).contains(b))
        .map_or(0, |at| at + 1);
    let (params, intermediates) = inner.split_at(split);
    let parsed = match (params.first(), intermediates, last) {
        (Some(b'?'), b"$", b'y') => mode_report(params.get(1..).unwrap_or_default()),
        (None, [], last) => unnumbered(last),
        (Some(b'<'), [], b'M' | b'm') => {
            mouse::sgr(params.get(1..).unwrap_or_default(), last == b'm').map(Parsed::Message)
        }
        (Some(b'0'..=b'9' | b';'), [], last) => {
            if params == b"200" && last == b'~' {
                return Meaning::Paste;
            }
            numbered(params, last)
        }
        // Other private sequences (`ESC [ ? … u`, `ESC [ > … c`), replies nobody asked for,
        // and intermediate bytes anywhere but in a mode report.
        _ => None,
    };
    Meaning::Parsed(parsed)
}

/// The `;`-separated fields of the parameters.
pub(super) fn fields(params: &[u8]) -> impl Iterator<Item = &[u8]> {
    params.split(|&b| b == b';')
}

/// A field as a number of type `T` (crossterm's `str::parse`: an empty field is no number).
pub(super) fn number<T: std::str::FromStr>(field: &[u8]) -> Option<T> {
    std::str::from_utf8(field).ok()?.parse().ok()
}

/// A `modifiers[:kind]` field: the modifiers, and whether the key was pressed (kind 1 or
/// absent) rather than repeated (2) or released (3), which the local reader ignores.
pub(super) fn modifiers(field: &[u8]) -> Option<(Mods, bool)> {
    let mut parts = field.split(|&b| b == b':');
    let mods = Mods::from_param(number(parts.next()?)?);
    let kind = parts.next().and_then(number::<u8>).unwrap_or(1);
    Some((mods, !matches!(kind, 2 | 3)))
}

/// A pressed key as the reader's message.
fn pressed(code: KeyCode, (mods, press): (Mods, bool)) -> Option<Parsed> {
    press.then(|| Parsed::Message(Message::Key(key(code, mods))))
}

/// The key a cursor sequence's final byte names, after `ESC [` or `ESC O` alike: the arrows,
/// Home and End. F1-F4 (`P`..`S`) and the rest are not the reader's keys.
pub(super) fn cursor_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        _ => return None,
    })
}

/// `ESC [` and a final byte alone. Focus in and out (`I`, `O`) and F-keys mean nothing.
fn unnumbered(last: u8) -> Option<Parsed> {
    let code = match last {
        b'Z' => KeyCode::BackTab,
        _ => cursor_key(last)?,
    };
    Some(Parsed::Message(Message::Key(Key::plain(code))))
}

/// A sequence with numeric parameters.
fn numbered(params: &[u8], last: u8) -> Option<Parsed> {
    match last {
        b'M' => mouse::rxvt(params).map(Parsed::Message),
        b'~' => tilde_key(params),
        b'u' => csi_u::key(params).map(|key| Parsed::Message(Message::Key(key))),
        // A cursor report, even where xterm means a modified F3 (`ESC [ 1 ; 2 R`).
        b'R' => cursor_report(params),
        _ => modified_key(params, last),
    }
}

/// `ESC [ 1 ; 5 A`: a cursor key whose second field says its modifiers. Without one,
/// crossterm takes them from the digit just before the final byte (`ESC [ 5 A` is Ctrl-Up).
fn modified_key(params: &[u8], last: u8) -> Option<Parsed> {
    let state = fields(params).nth(1).and_then(modifiers).or_else(|| {
        let digit = params.last().filter(|b| b.is_ascii_digit())?;
        Some((Mods::from_param(digit - b'0'), true))
    })?;
    pressed(cursor_key(last)?, state)
}

/// `ESC [ n ; m ~`: Home, End, Page Up and Down; Insert, Delete and F-keys are not the
/// reader's keys.
fn tilde_key(params: &[u8]) -> Option<Parsed> {
    let mut fields = fields(params);
    let code = match number::<u8>(fields.next()?)? {
        1 | 7 => KeyCode::Home,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        _ => return None,
    };
    let state = fields
        .next()
        .and_then(modifiers)
        .unwrap_or((Mods::default(), true));
    pressed(code, state)
}

/// `ESC [ row ; col R`.
fn cursor_report(params: &[u8]) -> Option<Parsed> {
    let mut fields = fields(params);
    let row = number(fields.next()?)?;
    let col = number(fields.next()?)?;
    Some(Parsed::CursorReport(CursorReport { row, col }))
}

/// `ESC [ ? mode ; state $ y` (`params` after the `?`); states past 4 are not DECRPM's.
fn mode_report(params: &[u8]) -> Option<Parsed> {
    let mut fields = fields(params);
    let mode = number(fields.next()?)?;
    let state = number(fields.next()?).filter(|&s: &u8| s <= 4)?;
    fields
        .next()
        .is_none()
        .then_some(Parsed::ModeReport { mode, state })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_intermediates_part() {
        let report = Meaning::Parsed(Some(Parsed::ModeReport { mode: 69, state: 2 }));
        assert_eq!(meaning(b"?69;2$", b'y'), report);
        assert_eq!(meaning(b"?69;2", b'y'), Meaning::Parsed(None));
        assert_eq!(meaning(b"1$", b'A'), Meaning::Parsed(None));
    }

    #[test]
    fn modifier_fields() {
        assert_eq!(modifiers(b"5"), Some((Mods::from_param(5), true)));
        assert_eq!(modifiers(b"5:1"), Some((Mods::from_param(5), true)));
        assert_eq!(modifiers(b"5:2"), Some((Mods::from_param(5), false)));
        assert_eq!(modifiers(b"5:3"), Some((Mods::from_param(5), false)));
        assert_eq!(modifiers(b"5:x"), Some((Mods::from_param(5), true)));
        assert_eq!(modifiers(b""), None);
        assert_eq!(modifiers(b"300"), None);
    }
}
