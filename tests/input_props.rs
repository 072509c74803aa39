//! The input parser over any split of the bytes into packets: what a terminal sends for a
//! list of keys, clicks and probe replies reads back as exactly that list; any bytes at all
//! never panic nor grow what is held; and probe replies are never keys, whatever came before.

use kanbao::input::{CursorReport, HOLD_LIMIT, InputParser, PASTE_TIMEOUT, Parsed};
use kanbao::reader::{Key, KeyCode, Message};
use proptest::prelude::*;
use proptest::sample::{Index, select};

const ESC: u8 = 0x1b;

/// Some input and what it must read as.
#[derive(Debug, Clone)]
struct Event {
    bytes: Vec<u8>,
    expected: Vec<Parsed>,
}

impl Event {
    fn new(bytes: impl Into<Vec<u8>>, expected: impl IntoIterator<Item = Parsed>) -> Self {
        Self {
            bytes: bytes.into(),
            expected: expected.into_iter().collect(),
        }
    }

    fn key(bytes: impl Into<Vec<u8>>, code: KeyCode, ctrl: bool, alt: bool) -> Self {
        Self::new(bytes, [message(Message::Key(Key { code, ctrl, alt }))])
    }

    /// The same key with ESC before it: Alt.
    fn with_alt(mut self, alt: bool) -> Self {
        if alt {
            self.bytes.insert(0, ESC);
            for parsed in &mut self.expected {
                if let Parsed::Message(Message::Key(key)) = parsed {
                    key.alt = true;
                }
            }
        }
        self
    }
}

fn message(message: Message) -> Parsed {
    Parsed::Message(message)
}

/// Any character a terminal sends as itself, weighted towards CJK, Hangul, kana and emoji.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range(' ', '~'),
        proptest::char::range('\u{4e00}', '\u{9fff}'),
        proptest::char::range('\u{ac00}', '\u{d7a3}'),
        proptest::char::range('\u{3040}', '\u{30ff}'),
        proptest::char::range('\u{1f300}', '\u{1faff}'),
        any::<char>().prop_filter("not a control byte", |c| !c.is_ascii_control()),
    ]
}

fn char_key() -> impl Strategy<Value = Event> {
    // `ESC [` and `ESC O` start sequences: Alt-[ and Alt-O are ambiguous by nature.
    (text_char(), any::<bool>())
        .prop_filter("Alt-[ and Alt-O", |(c, alt)| {
            !(*alt && matches!(c, '[' | 'O'))
        })
        .prop_map(|(c, alt)| {
            Event::key(c.to_string().into_bytes(), KeyCode::Char(c), false, false).with_alt(alt)
        })
}

/// Control bytes: Ctrl with a letter (not i and m: those bytes are Tab and Enter), with
/// Space, with 4-7; Enter, Tab, Backspace. Each with or without Alt.
fn control_key() -> impl Strategy<Value = Event> {
    let letters: Vec<u8> = (b'a'..=b'z')
        .filter(|c| !matches!(c, b'i' | b'm'))
        .collect();
    let ctrl = select(letters).prop_map(|c| (c - b'a' + 1, char::from(c)));
    let others = select(vec![
        (0x00, ' '),
        (0x1c, '4'),
        (0x1d, '5'),
        (0x1e, '6'),
        (0x1f, '7'),
    ]);
    let named = select(vec![
        (b'\r', KeyCode::Enter),
        (b'\t', KeyCode::Tab),
        (0x7f, KeyCode::Backspace),
    ]);
    (
        prop_oneof![
            prop_oneof![ctrl, others].prop_map(|(byte, c)| Event::key(
                [byte],
                KeyCode::Char(c),
                true,
                false
            )),
            named.prop_map(|(byte, code)| Event::key([byte], code, false, false)),
        ],
        any::<bool>(),
    )
        .prop_map(|(event, alt)| event.with_alt(alt))
}

/// xterm's modifier parameter for Shift, Alt, Ctrl.
fn modifier(shift: bool, alt: bool, ctrl: bool) -> u8 {
    1 + u8::from(shift) + 2 * u8::from(alt) + 4 * u8::from(ctrl)
}

/// Arrows, Home, End, Page Up and Down, Shift-Tab, in the forms terminals send them.
fn cursor_key() -> impl Strategy<Value = Event> {
    let letters = select(vec![
        (b'A', KeyCode::Up),
        (b'B', KeyCode::Down),
        (b'C', KeyCode::Right),
        (b'D', KeyCode::Left),
        (b'H', KeyCode::Home),
        (b'F', KeyCode::End),
    ]);
    let tildes = select(vec![
        (1, KeyCode::Home),
        (7, KeyCode::Home),
        (4, KeyCode::End),
        (8, KeyCode::End),
        (5, KeyCode::PageUp),
        (6, KeyCode::PageDown),
    ]);
    let mods = (any::<bool>(), any::<bool>(), any::<bool>());
    prop_oneof![
        (letters.clone(), any::<bool>()).prop_map(|((letter, code), ss3)| {
            let intro = if ss3 { b'O' } else { b'[' };
            Event::key([ESC, intro, letter], code, false, false)
        }),
        (letters, mods).prop_map(|((letter, code), (shift, alt, ctrl))| {
            let m = modifier(shift, alt, ctrl);
            Event::key(format!("\x1b[1;{m}{}", char::from(letter)), code, ctrl, alt)
        }),
        (tildes, proptest::option::of(mods)).prop_map(|((n, code), mods)| match mods {
            None => Event::key(format!("\x1b[{n}~"), code, false, false),
            Some((shift, alt, ctrl)) => {
                let m = modifier(shift, alt, ctrl);
                Event::key(format!("\x1b[{n};{m}~"), code, ctrl, alt)
            }
        }),
        Just(Event::key(
            b"\x1b[Z".to_vec(),
            KeyCode::BackTab,
            false,
            false
        )),
    ]
}

/// Clicks and wheel turns in SGR, rxvt and X10 reports, with any modifiers held.
fn mouse() -> impl Strategy<Value = Event> {
    let button = prop_oneof![
        (0_u8..=2).prop_map(|b| (b, None)),
        Just((64, Some(-3))),
        Just((65, Some(3))),
    ];
    let held = select(vec![0_u8, 4, 8, 16, 28]);
    (button, held, 0_u16..2000, 0_u16..1000, 0_u8..3).prop_map(
        |((button, wheel), held, x, y, form)| {
            let (x, y) = if form == 2 {
                (x % 223, y % 223)
            } else {
                (x, y)
            };
            let expected = match wheel {
                None => Message::Click { x, y },
                Some(lines) => Message::Wheel { x, y, lines },
            };
            let code = button | held;
            let bytes = match form {
                0 => format!("\x1b[<{code};{};{}M", x + 1, y + 1).into_bytes(),
                1 => format!("\x1b[{};{};{}M", code + 32, x + 1, y + 1).into_bytes(),
                _ => vec![ESC, b'[', b'M', code + 32, x as u8 + 33, y as u8 + 33],
            };
            Event::new(bytes, [message(expected)])
        },
    )
}

/// A probe reply: a cursor position or a mode's state.
fn reply() -> impl Strategy<Value = Event> {
    prop_oneof![
        (any::<u16>(), any::<u16>()).prop_map(|(row, col)| Event::new(
            format!("\x1b[{row};{col}R"),
            [Parsed::CursorReport(CursorReport { row, col })]
        )),
        (any::<u16>(), 0_u8..=4).prop_map(|(mode, state)| Event::new(
            format!("\x1b[?{mode};{state}$y"),
            [Parsed::ModeReport { mode, state }]
        )),
    ]
}

/// Input that means nothing to the reader: F-keys, Insert, Delete, focus changes, mouse
/// releases and motion, key releases, other replies, and bracketed pastes of anything.
fn noise() -> impl Strategy<Value = Event> {
    let fixed = select(vec![
        &b"\x1bOP"[..],
        b"\x1bOS",
        b"\x1b[15~",
        b"\x1b[24;5~",
        b"\x1b[2~",
        b"\x1b[3;3~",
        b"\x1b[[B",
        b"\x1b[I",
        b"\x1b[O",
        b"\x1b[<0;5;5m",
        b"\x1b[<35;5;5M",
        b"\x1b[M#!!",
        b"\x1b[1;5:3A",
        b"\x1b[>1;10;0c",
        b"\x1b[?62;22c",
        b"\x1b[?1u",
    ]);
    prop_oneof![
        fixed.prop_map(|bytes| Event::new(bytes, [])),
        proptest::collection::vec(any::<u8>(), 0..300).prop_map(|text| {
            let mut bytes = b"\x1b[200~".to_vec();
            bytes.extend(without_paste_end(text));
            bytes.extend(b"\x1b[201~");
            Event::new(bytes, [])
        }),
    ]
}

/// `text` with every `ESC [ 201 ~` broken up, so that it is all pasted.
fn without_paste_end(mut text: Vec<u8>) -> Vec<u8> {
    while let Some(at) = text.windows(6).position(|w| w == b"\x1b[201~") {
        text.remove(at);
    }
    text
}

/// One event; Esc pressed just before another key's sequence is the Esc key.
fn event() -> impl Strategy<Value = Event> {
    let single = prop_oneof![
        4 => char_key(),
        2 => control_key(),
        2 => cursor_key(),
        2 => mouse(),
        1 => reply(),
        1 => noise(),
    ];
    (single, any::<bool>()).prop_map(|(event, esc_before)| {
        if esc_before && event.bytes.first() == Some(&ESC) {
            let mut with_esc = Event::key([ESC], KeyCode::Esc, false, false);
            with_esc.bytes.extend(event.bytes);
            with_esc.expected.extend(event.expected);
            with_esc
        } else {
            event
        }
    })
}

/// `bytes` cut at `cuts` into packets.
fn packets<'a>(bytes: &'a [u8], cuts: &[Index]) -> Vec<&'a [u8]> {
    let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
    at.push(0);
    at.push(bytes.len());
    at.sort_unstable();
    at.dedup();
    at.windows(2).map(|w| &bytes[w[0]..w[1]]).collect()
}

/// Feeds every packet, checking the limit on held bytes, then flushes.
fn read(packets: &[&[u8]]) -> Vec<Parsed> {
    let mut parser = InputParser::new();
    let mut out = Vec::new();
    for packet in packets {
        parser.feed(packet, &mut out);
        assert!(parser.held() <= HOLD_LIMIT, "{} bytes held", parser.held());
    }
    parser.flush(&mut out);
    assert!(!parser.waiting() && parser.held() == 0);
    out
}

/// Bytes like a terminal's, and like garbage: sequence bytes are frequent, and so are long
/// runs of parameter bytes (sequences past the limit on held bytes).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        3 => any::<u8>(),
        2 => Just(ESC),
        4 => select(b"[O<;:?$~MmRyu0123456789ABZ\r".to_vec()),
    ];
    let parameters = proptest::collection::vec(select(b"0123456789;:<=>? $".to_vec()), 0..600);
    let chunk = prop_oneof![
        20 => byte.prop_map(|b| vec![b]),
        1 => parameters.prop_map(|run| [&b"\x1b["[..], &run].concat()),
    ];
    proptest::collection::vec(chunk, 0..100).prop_map(|chunks| chunks.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// What a terminal sends for a list of events reads as exactly that list, however the
    /// bytes are cut into packets.
    #[test]
    fn events_read_back_in_any_packets(
        events in proptest::collection::vec(event(), 0..40),
        esc_last in any::<bool>(),
        cuts in proptest::collection::vec(any::<Index>(), 0..30),
    ) {
        let mut bytes: Vec<u8> = events.iter().flat_map(|e| e.bytes.clone()).collect();
        let mut expected: Vec<Parsed> = events.iter().flat_map(|e| e.expected.clone()).collect();
        if esc_last {
            // A lone Esc last: the flush makes it the key.
            bytes.push(ESC);
            expected.push(message(Message::Key(Key::plain(KeyCode::Esc))));
        }
        prop_assert_eq!(read(&packets(&bytes, &cuts)), expected);
    }

    /// Any bytes, in any packets, with flushes anywhere: no panic, never more than the limit
    /// held, nothing held after a flush; and without flushes, the packets do not matter.
    #[test]
    fn any_bytes_in_any_packets(
        bytes in bytes(),
        cuts in proptest::collection::vec(any::<Index>(), 0..30),
        flushes in proptest::collection::vec(any::<bool>(), 30),
    ) {
        let packets = packets(&bytes, &cuts);
        let mut parser = InputParser::new();
        let mut out = Vec::new();
        for (packet, flush) in packets.iter().zip(flushes.iter().cycle()) {
            parser.feed(packet, &mut out);
            prop_assert!(parser.held() <= HOLD_LIMIT);
            if *flush {
                parser.flush(&mut out);
                prop_assert!(!parser.waiting() && parser.held() == 0);
            }
        }
        prop_assert_eq!(read(&packets), read(&[&bytes]));
    }

    /// A probe reply after any bytes is a reply, never keys, and leaves what came before and
    /// after it as they would be without it (unless a paste before it is still open): what was
    /// unfinished before it is given up as at a timeout.
    #[test]
    fn replies_are_never_keys(
        before in bytes(),
        reply in reply(),
        after in bytes(),
        cuts in proptest::collection::vec(any::<Index>(), 0..30),
    ) {
        let mut paste = InputParser::new();
        paste.feed(&before, &mut Vec::new());
        let paste_open = paste.timeout() == Some(PASTE_TIMEOUT);

        // An open paste swallows the reply as text (nothing, see the parser's unit tests).
        prop_assume!(!paste_open);
        let all = [before.as_slice(), &reply.bytes, &after].concat();
        let mut expected = read(&[&before]);
        expected.extend(reply.expected.iter().copied());
        expected.extend(read(&[&after]));
        prop_assert_eq!(read(&packets(&all, &cuts)), expected);
    }
}
