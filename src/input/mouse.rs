//! Mouse reports as the reader's clicks and wheel turns, as `message_of` makes them from
//! crossterm's mouse events: any button pressed is a click, the wheel turns three lines, and
//! releases, drags and motion mean nothing.

use super::csi::{fields, number};
use crate::reader::Message;

/// Lines one wheel notch scrolls, as in the local reader.
const WHEEL_LINES: i16 = 3;

/// SGR (mode 1006): the parameters of `ESC [ < button ; x ; y M` after the `<`; `release`
/// for the final `m`.
pub(super) fn sgr(params: &[u8], release: bool) -> Option<Message> {
    let mut fields = fields(params);
    let button = number(fields.next()?)?;
    let x = number(fields.next()?)?;
    let y = number(fields.next()?)?;
    message(button, release, x, y)
}

/// rxvt (mode 1015): the parameters of `ESC [ button ; x ; y M`, the button plus 32.
pub(super) fn rxvt(params: &[u8]) -> Option<Message> {
    let mut fields = fields(params);
    let button = number::<u8>(fields.next()?)?.checked_sub(32)?;
    let x = number(fields.next()?)?;
    let y = number(fields.next()?)?;
    message(button, false, x, y)
}

/// X10 (mode 1000 without 1006): `ESC [ M` and three bytes, each a value plus 32.
pub(super) fn x10(button: u8, x: u8, y: u8) -> Option<Message> {
    let value = |b: u8| b.checked_sub(32);
    message(
        value(button)?,
        false,
        u16::from(value(x)?),
        u16::from(value(y)?),
    )
}

/// The message for a report of `button` (xterm's code: the button in bits 0, 1, 6, 7,
/// Shift, Alt, Ctrl in bits 2-4, motion in bit 5) at 1-based column `x`, row `y`.
fn message(button: u8, release: bool, x: u16, y: u16) -> Option<Message> {
    let (x, y) = (x.checked_sub(1)?, y.checked_sub(1)?);
    let number = (button & 0b11) | ((button & 0b1100_0000) >> 4);
    let motion = button & 0b10_0000 != 0;
    match (number, motion) {
        // Left, middle, right pressed (an SGR release of them is `m`).
        (0..=2, false) if !release => Some(Message::Click { x, y }),
        // The wheel: crossterm reports it whether the SGR report ends in `M` or `m`.
        (4, false) => Some(Message::Wheel {
            x,
            y,
            lines: -WHEEL_LINES,
        }),
        (5, false) => Some(Message::Wheel {
            x,
            y,
            lines: WHEEL_LINES,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons() {
        assert_eq!(message(0, false, 1, 1), Some(Message::Click { x: 0, y: 0 }));
        assert_eq!(message(2, false, 3, 4), Some(Message::Click { x: 2, y: 3 }));
        // Ctrl-click is a click; release, motion and drag are nothing.
        assert_eq!(
            message(16, false, 1, 1),
            Some(Message::Click { x: 0, y: 0 })
        );
        assert_eq!(message(0, true, 1, 1), None);
        assert_eq!(message(3, false, 1, 1), None);
        assert_eq!(message(32, false, 1, 1), None);
        assert_eq!(message(35, false, 1, 1), None);
        // Wheel left and right, and extra buttons.
        assert_eq!(message(66, false, 1, 1), None);
        assert_eq!(message(128, false, 1, 1), None);
        let up = Message::Wheel {
            x: 4,
            y: 5,
            lines: -3,
        };
        assert_eq!(message(64, false, 5, 6), Some(up));
        assert_eq!(message(64, true, 5, 6), Some(up));
        assert_eq!(message(0, false, 0, 1), None);
    }
}
