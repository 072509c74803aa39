//! The reader's start: the first issues taken in for the first frame, and the terminal's
//! answer to the width probe taken up after it, with the keys typed while it was awaited.

use std::sync::mpsc;
use std::time::Duration;

use kanbao::config::Config;
use kanbao::input::{InputParser, Parsed};
use kanbao::load::Library;
use kanbao::reader::{Message, Reader};
use kanbao::terminal;

use super::{Input, Session, take_in_issues};

/// Takes up what the terminal said about itself (see [`terminal::ask_terminal`]), after the
/// first frame.
pub(super) fn take_up_the_answer(
    session: &mut Session,
    reader: &mut Reader,
    library: &Library,
    config: &Config,
    probe: &terminal::Probe,
) {
    session
        .frames
        .set_margins(config.reader.margins && probe.margins);
    let ambiguous = config
        .ambiguous_width
        .or(probe.ambiguous)
        .unwrap_or(reader.settings.ambiguous);
    if ambiguous != reader.settings.ambiguous {
        // The first frame was laid out for the other width, and the terminal drew its
        // ambiguous characters (borders, quotation marks) as it does: all is drawn again.
        reader.settings.ambiguous = ambiguous;
        reader.relayout(library);
        session.frames.invalidate();
    }
}

/// The keys in what was read from the terminal while its answer was awaited, as the reader's
/// messages: read as crossterm would have read them (see [`InputParser`]), the answer left out.
pub(super) fn keys_typed(bytes: &[u8]) -> Vec<Message> {
    let mut parser = InputParser::new();
    let mut parsed = Vec::new();
    parser.feed(bytes, &mut parsed);
    // Nothing more comes before crossterm reads on: a lone ESC is the Esc key.
    parser.flush(&mut parsed);
    parsed
        .into_iter()
        .filter_map(|item| match item {
            Parsed::Message(message) => Some(message),
            Parsed::CursorReport(_) | Parsed::ModeReport { .. } => None,
        })
        .collect()
}

/// How long the first frame waits for the first issues: past this it goes out without them.
const FIRST_ISSUES_WAIT: Duration = Duration::from_millis(20);

/// How long the terminal is given to answer the probe (see [`terminal::ask_terminal`]).
pub(super) const PROBE_TIMEOUT: Duration = Duration::from_millis(200);

/// Takes in the first batch of issues if it comes within [`FIRST_ISSUES_WAIT`]; gives back
/// anything else that came first (a signal, the end of an empty folder), for the loop.
pub(super) fn take_in_first_issues(
    session: &mut Session,
    reader: &mut Reader,
    library: &mut Library,
    rx: &mpsc::Receiver<Input>,
) -> Option<Input> {
    match rx.recv_timeout(FIRST_ISSUES_WAIT) {
        Ok(batch @ Input::Batch { .. }) => {
            take_in_issues(session, reader, library, batch);
            None
        }
        Ok(other) => Some(other),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use kanbao::reader::{Key, KeyCode};

    use super::*;

    fn typed(code: KeyCode) -> Message {
        Message::Key(Key::plain(code))
    }

    #[test]
    fn keys_typed_around_the_answer_are_kept_and_the_answer_is_not_a_key() {
        let read = b"j\x1b[?69;2$y\x1b[24;3Rk\x1b";
        assert_eq!(
            keys_typed(read),
            [
                typed(KeyCode::Char('j')),
                typed(KeyCode::Char('k')),
                typed(KeyCode::Esc)
            ]
        );
        assert_eq!(keys_typed(b"\x1b[1;2R"), []);
        assert_eq!(keys_typed(b""), []);
    }
}
