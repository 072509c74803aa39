//! Single keys: control bytes, UTF-8 characters, and modifiers, made into the reader's
//! [`Key`] the way `key_of` makes it from crossterm's key event.

use crate::reader::{Key, KeyCode};

/// Modifiers held with a key. Shift is only needed for `CSI u` keys; the reader's keys do
/// not carry it (`J`, not Shift-j).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Mods {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Mods {
    /// xterm's modifier parameter: one more than a mask of 1 Shift, 2 Alt, 4 Ctrl (8 and up
    /// are Super, Hyper, Meta, which the reader does not know).
    pub fn from_param(param: u8) -> Self {
        let mask = param.saturating_sub(1);
        Self {
            shift: mask & 1 != 0,
            alt: mask & 2 != 0,
            ctrl: mask & 4 != 0,
        }
    }

    const CTRL: Self = Self {
        ctrl: true,
        alt: false,
        shift: false,
    };
}

/// The reader's key for `code` with `mods`. With Ctrl a letter is lowercase, as `key_of`
/// makes it, so `ctrl-c` in a keymap matches whatever case the terminal sent.
pub(super) fn key(code: KeyCode, mods: Mods) -> Key {
    let code = match code {
        KeyCode::Char(c) if mods.ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Key {
        code,
        ctrl: mods.ctrl,
        alt: mods.alt,
    }
}

/// The same key with Alt: what ESC before it means.
pub(super) fn with_alt(key: Key) -> Key {
    Key { alt: true, ..key }
}

/// The key at the start of `bytes`, which does not start with ESC: how many bytes it takes
/// and the key, `None` for bytes that are not UTF-8 (dropped). `None` overall when the bytes
/// may still become a character; with `end` (no more bytes will come) a partial character is
/// dropped instead.
pub(super) fn plain(bytes: &[u8], end: bool) -> Option<(usize, Option<Key>)> {
    let &first = bytes.first()?;
    let control = |code| Some((1, Some(key(code, Mods::CTRL))));
    match first {
        b'\r' => Some((1, Some(Key::plain(KeyCode::Enter)))),
        b'\t' => Some((1, Some(Key::plain(KeyCode::Tab)))),
        0x7f => Some((1, Some(Key::plain(KeyCode::Backspace)))),
        0x00 => control(KeyCode::Char(' ')),
        // 0x08 is Ctrl-h and 0x0a Ctrl-j: crossterm reads them so in raw mode.
        0x01..=0x1a => control(KeyCode::Char(char::from(b'a' + first - 1))),
        0x1c..=0x1f => control(KeyCode::Char(char::from(b'4' + first - 0x1c))),
        _ => utf8(bytes, end),
    }
}

/// The UTF-8 character at the start of `bytes` (see [`plain`]).
fn utf8(bytes: &[u8], end: bool) -> Option<(usize, Option<Key>)> {
    let window = bytes.get(..bytes.len().min(4)).unwrap_or(bytes);
    let valid = match std::str::from_utf8(window) {
        Ok(text) => text,
        Err(error) if error.valid_up_to() > 0 => window
            .get(..error.valid_up_to())
            .and_then(|valid| std::str::from_utf8(valid).ok())
            .unwrap_or_default(),
        // The first bytes can never start a character: drop just them.
        Err(error) => match error.error_len() {
            Some(invalid) => return Some((invalid, None)),
            None if end => return Some((window.len(), None)),
            None => return None,
        },
    };
    let c = valid.chars().next()?;
    Some((c.len_utf8(), Some(Key::plain(KeyCode::Char(c)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn char_key(c: char) -> (usize, Option<Key>) {
        (1, Some(Key::plain(KeyCode::Char(c))))
    }

    #[test]
    fn a_character_waits_for_its_last_byte() {
        let bytes = "看".as_bytes();
        assert_eq!(plain(&bytes[..1], false), None);
        assert_eq!(plain(&bytes[..2], false), None);
        assert_eq!(plain(&bytes[..2], true), Some((2, None)));
        let whole = Some((3, Some(Key::plain(KeyCode::Char('看')))));
        assert_eq!(plain(bytes, false), whole);
        assert_eq!(plain("看x".as_bytes(), false), whole);
    }

    #[test]
    fn invalid_bytes_are_dropped_alone() {
        assert_eq!(plain(b"\x80a", false), Some((1, None)));
        assert_eq!(plain(b"\xe7\x9ca", false), Some((2, None)));
        assert_eq!(plain(b"\xff", false), Some((1, None)));
        assert_eq!(plain(b"a\x80", false), Some(char_key('a')));
    }

    #[test]
    fn modifier_parameters() {
        assert_eq!(Mods::from_param(5), Mods::CTRL);
        let alt = Mods::from_param(3);
        assert!(alt.alt && !alt.ctrl && !alt.shift);
        assert_eq!(Mods::from_param(1), Mods::default());
        assert_eq!(Mods::from_param(0), Mods::default());
        let all = Mods::from_param(8);
        assert!(all.alt && all.ctrl && all.shift);
    }
}
