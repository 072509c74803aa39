//! Keys in the `CSI u` form (`ESC [ code[:shifted] ; modifiers[:kind] u`, from "fixterms"
//! and the kitty keyboard protocol), which some terminals send for keys the legacy
//! encoding cannot tell apart. Read as crossterm reads them.

use super::csi::{fields, modifiers, number};
use super::keys::{self, Mods};
use crate::reader::{Key, KeyCode};

/// The first of the kitty protocol's private-use code points for keys with no character.
const FUNCTIONAL_FIRST: u32 = 57_344;
/// The last one crossterm knows.
const FUNCTIONAL_LAST: u32 = 57_454;

/// The reader's key for the parameters of `ESC [ … u`; `None` for keys it has no name for
/// (F-keys, media keys, modifier keys pressed alone), for releases and repeats, and for
/// malformed parameters.
pub(super) fn key(params: &[u8]) -> Option<Key> {
    let mut fields = fields(params);
    let mut codes = fields.next()?.split(|&b| b == b':');
    let code_point: u32 = number(codes.next()?)?;
    let (mods, press) = fields
        .next()
        .and_then(modifiers)
        .unwrap_or((Mods::default(), true));
    let code = if (FUNCTIONAL_FIRST..=FUNCTIONAL_LAST).contains(&code_point) {
        functional(code_point)
    } else {
        let c = char::from_u32(code_point)?;
        Some(match c {
            '\x1b' => KeyCode::Esc,
            '\r' => KeyCode::Enter,
            '\t' if mods.shift => KeyCode::BackTab,
            '\t' => KeyCode::Tab,
            '\x7f' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        })
    };
    // With Shift, the second code point is the shifted character, and it is the key.
    let shifted = codes
        .next()
        .filter(|_| mods.shift)
        .and_then(number::<u32>)
        .and_then(char::from_u32);
    let code = shifted.map(KeyCode::Char).or(code)?;
    press.then(|| keys::key(code, mods))
}

/// The keypad's keys and the other private-use keys the reader has a name for; crossterm
/// gives the others (F13 and up, media keys, modifiers alone, Insert, Delete) names the
/// reader does not bind.
fn functional(code_point: u32) -> Option<KeyCode> {
    const KEYPAD: &str = "0123456789./*-+";
    let offset = code_point.checked_sub(57_399)?;
    if let Some(c) = KEYPAD.chars().nth(offset as usize) {
        return Some(KeyCode::Char(c));
    }
    Some(match code_point {
        57_414 => KeyCode::Enter,
        57_415 => KeyCode::Char('='),
        57_416 => KeyCode::Char(','),
        57_417 => KeyCode::Left,
        57_418 => KeyCode::Right,
        57_419 => KeyCode::Up,
        57_420 => KeyCode::Down,
        57_421 => KeyCode::PageUp,
        57_422 => KeyCode::PageDown,
        57_423 => KeyCode::Home,
        57_424 => KeyCode::End,
        _ => return None,
    })
}
