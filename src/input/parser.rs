//! [`InputParser`]: bytes in, packet by packet; keys, clicks and replies out; and what is
//! not understood yet held for the next packet.

use std::time::Duration;

use super::step::{Step, step};
use super::{ESC_TIMEOUT, HOLD_LIMIT, PASTE_TIMEOUT, Parsed};

/// What ends a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

/// Reads a terminal's input bytes as they arrive. See the [module docs](super).
#[derive(Debug, Default)]
pub struct InputParser {
    /// Bytes not understood yet: never more than [`HOLD_LIMIT`].
    held: Vec<u8>,
    mode: Mode,
}

/// Where in the input the parser is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between keys, or in one held in `held`.
    #[default]
    Keys,
    /// Inside a bracketed paste: its text is skipped; `held` keeps at most the start of
    /// [`PASTE_END`] split off by a packet's end.
    Paste,
    /// Inside a control sequence too long to hold: skipped through its final byte.
    Skip,
}

impl InputParser {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one packet's `bytes`, appending what they complete to `out`. What may still be
    /// the start of something (a lone ESC, an unfinished sequence or character) is held: see
    /// [`Self::waiting`].
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Parsed>) {
        if self.held.is_empty() {
            self.read(bytes, false, out);
        } else {
            let mut joined = std::mem::take(&mut self.held);
            joined.extend_from_slice(bytes);
            self.read(&joined, false, out);
        }
    }

    /// Whether something is held back, waiting for more bytes. If no byte comes within
    /// [`Self::timeout`], the caller calls [`Self::flush`].
    #[must_use]
    pub fn waiting(&self) -> bool {
        self.timeout().is_some()
    }

    /// How long to wait for more bytes before [`Self::flush`]: [`ESC_TIMEOUT`], or
    /// [`PASTE_TIMEOUT`] inside a bracketed paste; `None` when nothing is held back.
    #[must_use]
    pub fn timeout(&self) -> Option<Duration> {
        match self.mode {
            Mode::Keys if self.held.is_empty() => None,
            Mode::Keys | Mode::Skip => Some(ESC_TIMEOUT),
            Mode::Paste => Some(PASTE_TIMEOUT),
        }
    }

    /// No more bytes came in time: what is held is given up as the keys its bytes are (a
    /// lone ESC is Esc, `ESC [` is Alt-[, a partial character is dropped), an unfinished
    /// paste or an over-long sequence ends, and nothing is held afterwards.
    pub fn flush(&mut self, out: &mut Vec<Parsed>) {
        let held = std::mem::take(&mut self.held);
        if self.mode == Mode::Keys {
            self.read(&held, true, out);
        }
        self.mode = Mode::Keys;
        // `read` with `end` holds nothing; this only makes sure of it.
        self.held.clear();
    }

    /// How many bytes are held (at most [`HOLD_LIMIT`]).
    #[must_use]
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// Reads `bytes`; with `end`, nothing more will come after them.
    fn read(&mut self, mut bytes: &[u8], end: bool, out: &mut Vec<Parsed>) {
        while !bytes.is_empty() {
            let mode = self.mode;
            let used = match mode {
                Mode::Keys => match step(bytes, end) {
                    Step::Token { len, parsed } => {
                        out.extend(parsed);
                        len
                    }
                    Step::Paste { len } => {
                        self.mode = Mode::Paste;
                        len
                    }
                    Step::TooLong { len } => {
                        self.mode = Mode::Skip;
                        len
                    }
                    // `step` says `TooLong` before a sequence is this long; never hold more.
                    Step::More if bytes.len() > HOLD_LIMIT => {
                        debug_assert!(false, "{} bytes unfinished", bytes.len());
                        self.mode = Mode::Skip;
                        bytes.len()
                    }
                    Step::More => {
                        self.held.extend_from_slice(bytes);
                        bytes.len()
                    }
                },
                Mode::Paste => self.skip_paste(bytes),
                Mode::Skip => self.skip_sequence(bytes),
            };
            // Nothing used only when the mode changed (a byte that ends a skipped sequence is
            // read again as a key); anything else would loop forever, so it ends the loop.
            if used == 0 && self.mode == mode {
                debug_assert!(false, "no progress in {mode:?}");
                break;
            }
            bytes = bytes.get(used..).unwrap_or_default();
        }
    }

    /// Skips pasted text up to and including [`PASTE_END`]; holds the start of it at the end
    /// of `bytes`, if there is one. How many bytes are used.
    fn skip_paste(&mut self, bytes: &[u8]) -> usize {
        if let Some(at) = memchr::memmem::find(bytes, PASTE_END) {
            self.mode = Mode::Keys;
            return at + PASTE_END.len();
        }
        let tail = (1..PASTE_END.len())
            .rev()
            .find(|&n| bytes.ends_with(PASTE_END.get(..n).unwrap_or_default()))
            .unwrap_or(0);
        self.held
            .extend_from_slice(bytes.get(bytes.len() - tail..).unwrap_or_default());
        bytes.len()
    }

    /// Skips the parameters of an over-long control sequence and its final byte; a byte that
    /// cannot be in a control sequence ends it too, and is read as a key. How many bytes are
    /// used.
    fn skip_sequence(&mut self, bytes: &[u8]) -> usize {
        match bytes.iter().position(|b| !(0x20..=0x3f).contains(b)) {
            None => bytes.len(),
            Some(at) => {
                self.mode = Mode::Keys;
                let last = bytes.get(at).is_some_and(|b| (0x40..=0x7e).contains(b));
                at + usize::from(last)
            }
        }
    }
}
