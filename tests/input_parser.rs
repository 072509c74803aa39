//! Terminal input bytes to the reader's messages, sequence kind by sequence kind, with the
//! exact messages crossterm gives the local reader (through `key_of` and `message_of`).
//! Every case is read twice: in one packet, and one byte per packet.

use kanbao::input::{CursorReport, ESC_TIMEOUT, HOLD_LIMIT, InputParser, PASTE_TIMEOUT, Parsed};
use kanbao::reader::{Key, KeyCode, Message};

/// What `bytes` mean, read in one packet and then flushed; the same one byte per packet.
fn parse(bytes: &[u8]) -> Vec<Parsed> {
    let mut parser = InputParser::new();
    let mut whole = Vec::new();
    parser.feed(bytes, &mut whole);
    parser.flush(&mut whole);
    assert!(!parser.waiting() && parser.held() == 0, "{bytes:?}");

    let mut parser = InputParser::new();
    let mut split = Vec::new();
    for byte in bytes {
        parser.feed(std::slice::from_ref(byte), &mut split);
        assert!(parser.held() <= HOLD_LIMIT);
    }
    parser.flush(&mut split);
    assert_eq!(
        whole, split,
        "one packet and byte by byte differ for {bytes:?}"
    );
    whole
}

/// What `bytes` mean in one packet, without a flush (no time has passed).
fn feed(parser: &mut InputParser, bytes: &[u8]) -> Vec<Parsed> {
    let mut out = Vec::new();
    parser.feed(bytes, &mut out);
    out
}

fn flush(parser: &mut InputParser) -> Vec<Parsed> {
    let mut out = Vec::new();
    parser.flush(&mut out);
    out
}

fn key(code: KeyCode, ctrl: bool, alt: bool) -> Parsed {
    Parsed::Message(Message::Key(Key { code, ctrl, alt }))
}

fn plain(code: KeyCode) -> Parsed {
    key(code, false, false)
}

fn ch(c: char) -> Parsed {
    plain(KeyCode::Char(c))
}

fn ctrl(c: char) -> Parsed {
    key(KeyCode::Char(c), true, false)
}

fn alt(code: KeyCode) -> Parsed {
    key(code, false, true)
}

fn click(x: u16, y: u16) -> Parsed {
    Parsed::Message(Message::Click { x, y })
}

fn wheel(x: u16, y: u16, lines: i16) -> Parsed {
    Parsed::Message(Message::Wheel { x, y, lines })
}

fn cursor(row: u16, col: u16) -> Parsed {
    Parsed::CursorReport(CursorReport { row, col })
}

#[test]
fn characters_of_any_script() {
    assert_eq!(
        parse("aJ?看한ｶ😀 ".as_bytes()),
        ['a', 'J', '?', '看', '한', 'ｶ', '😀', ' '].map(ch)
    );
}

#[test]
fn control_bytes() {
    assert_eq!(parse(b"\r"), [plain(KeyCode::Enter)]);
    assert_eq!(parse(b"\t"), [plain(KeyCode::Tab)]);
    assert_eq!(parse(b"\x7f"), [plain(KeyCode::Backspace)]);
    // Raw mode: 0x0a is Ctrl-j and 0x08 Ctrl-h, not Enter and Backspace (as crossterm).
    assert_eq!(parse(b"\n"), [ctrl('j')]);
    assert_eq!(parse(b"\x08"), [ctrl('h')]);
    assert_eq!(parse(b"\x01\x03\x1a"), [ctrl('a'), ctrl('c'), ctrl('z')]);
    assert_eq!(parse(b"\x00"), [ctrl(' ')]);
    assert_eq!(parse(b"\x1c\x1d\x1e\x1f"), ['4', '5', '6', '7'].map(ctrl));
}

#[test]
fn a_lone_escape_is_esc_only_after_the_timeout() {
    let mut parser = InputParser::new();
    assert_eq!(feed(&mut parser, b"\x1b"), []);
    assert!(parser.waiting());
    assert_eq!(parser.timeout(), Some(ESC_TIMEOUT));
    assert_eq!(flush(&mut parser), [plain(KeyCode::Esc)]);
    assert!(!parser.waiting());
    assert_eq!(parser.timeout(), None);
    assert_eq!(flush(&mut parser), []);
    // Within the timeout, the next packet completes a sequence.
    assert_eq!(feed(&mut parser, b"\x1b"), []);
    assert_eq!(feed(&mut parser, b"[A"), [plain(KeyCode::Up)]);
    assert!(!parser.waiting());
}

#[test]
fn escape_before_a_key_is_alt() {
    assert_eq!(parse(b"\x1bj"), [alt(KeyCode::Char('j'))]);
    assert_eq!(parse(b"\x1bJ"), [alt(KeyCode::Char('J'))]);
    assert_eq!(parse("\x1b看".as_bytes()), [alt(KeyCode::Char('看'))]);
    assert_eq!(parse(b"\x1b\r"), [alt(KeyCode::Enter)]);
    assert_eq!(parse(b"\x1b\x7f"), [alt(KeyCode::Backspace)]);
    assert_eq!(parse(b"\x1b\x03"), [key(KeyCode::Char('c'), true, true)]);
}

#[test]
fn escape_escape_is_esc_and_a_new_start() {
    assert_eq!(
        parse(b"\x1b\x1b"),
        [plain(KeyCode::Esc), plain(KeyCode::Esc)]
    );
    assert_eq!(
        parse(b"\x1b\x1b[A"),
        [plain(KeyCode::Esc), plain(KeyCode::Up)]
    );
    // Esc just before a wheel turn or a probe reply does not turn them into keys.
    assert_eq!(
        parse(b"\x1b\x1b[<65;3;4M"),
        [plain(KeyCode::Esc), wheel(2, 3, 3)]
    );
    assert_eq!(parse(b"\x1b\x1b[2;3R"), [plain(KeyCode::Esc), cursor(2, 3)]);
}

#[test]
fn cursor_keys() {
    let csi = [
        (&b"\x1b[A"[..], KeyCode::Up),
        (b"\x1b[B", KeyCode::Down),
        (b"\x1b[C", KeyCode::Right),
        (b"\x1b[D", KeyCode::Left),
        (b"\x1b[H", KeyCode::Home),
        (b"\x1b[F", KeyCode::End),
        (b"\x1b[Z", KeyCode::BackTab),
        (b"\x1bOA", KeyCode::Up),
        (b"\x1bOB", KeyCode::Down),
        (b"\x1bOC", KeyCode::Right),
        (b"\x1bOD", KeyCode::Left),
        (b"\x1bOH", KeyCode::Home),
        (b"\x1bOF", KeyCode::End),
    ];
    for (bytes, code) in csi {
        assert_eq!(parse(bytes), [plain(code)], "{bytes:?}");
    }
}

#[test]
fn tilde_keys() {
    let tilde = [
        (&b"\x1b[1~"[..], KeyCode::Home),
        (b"\x1b[7~", KeyCode::Home),
        (b"\x1b[4~", KeyCode::End),
        (b"\x1b[8~", KeyCode::End),
        (b"\x1b[5~", KeyCode::PageUp),
        (b"\x1b[6~", KeyCode::PageDown),
    ];
    for (bytes, code) in tilde {
        assert_eq!(parse(bytes), [plain(code)], "{bytes:?}");
    }
    assert_eq!(parse(b"\x1b[5;5~"), [key(KeyCode::PageUp, true, false)]);
    assert_eq!(parse(b"\x1b[6;3~"), [alt(KeyCode::PageDown)]);
}

#[test]
fn modifiers() {
    assert_eq!(parse(b"\x1b[1;5A"), [key(KeyCode::Up, true, false)]);
    assert_eq!(parse(b"\x1b[1;3B"), [alt(KeyCode::Down)]);
    // Shift is not one of the reader's modifiers.
    assert_eq!(parse(b"\x1b[1;2C"), [plain(KeyCode::Right)]);
    assert_eq!(parse(b"\x1b[1;7D"), [key(KeyCode::Left, true, true)]);
    assert_eq!(parse(b"\x1b[1;6H"), [key(KeyCode::Home, true, false)]);
    // Old xterm: the modifier is the digit before the final byte.
    assert_eq!(parse(b"\x1b[5A"), [key(KeyCode::Up, true, false)]);
    // Repeats and releases (kitty's event types) are not presses: the reader ignores them.
    assert_eq!(parse(b"\x1b[1;5:1A"), [key(KeyCode::Up, true, false)]);
    assert_eq!(parse(b"\x1b[1;5:2A"), []);
    assert_eq!(parse(b"\x1b[1;5:3A"), []);
    assert_eq!(parse(b"\x1b[5;1:3~"), []);
}

#[test]
fn keys_the_reader_does_not_have_are_nothing() {
    for bytes in [
        &b"\x1bOP"[..],
        b"\x1bOQ",
        b"\x1bOR",
        b"\x1bOS",
        b"\x1b[P",
        b"\x1b[1;5P",
        b"\x1b[11~",
        b"\x1b[15~",
        b"\x1b[24;5~",
        b"\x1b[2~",
        b"\x1b[3~",
        b"\x1b[3;5~",
        b"\x1b[[A",
        b"\x1b[[E",
        b"\x1b[57376u",
        // Focus in and out.
        b"\x1b[I",
        b"\x1b[O",
        // Unknown sequences, and replies nobody asked for.
        b"\x1b[99x",
        b"\x1b[>1;2c",
        b"\x1b[?62;22c",
        b"\x1b[?1u",
        b"\x1bOx",
        b"\x1b[?69;9$y",
    ] {
        assert_eq!(parse(bytes), [], "{bytes:?}");
    }
}

#[test]
fn csi_u_keys() {
    assert_eq!(parse(b"\x1b[97u"), [ch('a')]);
    assert_eq!(parse(b"\x1b[106;5u"), [ctrl('j')]);
    // With Ctrl, the letter is lowercase, as `key_of` makes it.
    assert_eq!(parse(b"\x1b[74;5u"), [ctrl('j')]);
    assert_eq!(parse(b"\x1b[97:65;2u"), [ch('A')]);
    assert_eq!(parse(b"\x1b[13u"), [plain(KeyCode::Enter)]);
    assert_eq!(parse(b"\x1b[27u"), [plain(KeyCode::Esc)]);
    assert_eq!(parse(b"\x1b[9u"), [plain(KeyCode::Tab)]);
    assert_eq!(parse(b"\x1b[9;2u"), [plain(KeyCode::BackTab)]);
    assert_eq!(parse(b"\x1b[127;3u"), [alt(KeyCode::Backspace)]);
    assert_eq!(parse(b"\x1b[57399u"), [ch('0')]);
    assert_eq!(parse(b"\x1b[57413u"), [ch('+')]);
    assert_eq!(parse(b"\x1b[57414u"), [plain(KeyCode::Enter)]);
    assert_eq!(parse(b"\x1b[57419;5u"), [key(KeyCode::Up, true, false)]);
    assert_eq!(parse(b"\x1b[97;1:3u"), []);
    assert_eq!(parse(b"\x1b[57441u"), []);
}

#[test]
fn sgr_mouse() {
    assert_eq!(parse(b"\x1b[<0;10;5M"), [click(9, 4)]);
    assert_eq!(parse(b"\x1b[<2;1;1M"), [click(0, 0)]);
    // Ctrl-click is a click.
    assert_eq!(parse(b"\x1b[<16;300;200M"), [click(299, 199)]);
    assert_eq!(parse(b"\x1b[<64;3;4M"), [wheel(2, 3, -3)]);
    assert_eq!(parse(b"\x1b[<65;3;4M"), [wheel(2, 3, 3)]);
    // Releases, drags, motion, horizontal wheel, and a column 0 no terminal sends.
    for bytes in [
        &b"\x1b[<0;10;5m"[..],
        b"\x1b[<32;3;4M",
        b"\x1b[<35;3;4M",
        b"\x1b[<66;3;4M",
        b"\x1b[<0;0;5M",
        b"\x1b[<0;5M",
    ] {
        assert_eq!(parse(bytes), [], "{bytes:?}");
    }
}

#[test]
fn legacy_mouse() {
    // rxvt: the button plus 32.
    assert_eq!(parse(b"\x1b[32;10;5M"), [click(9, 4)]);
    assert_eq!(parse(b"\x1b[96;10;5M"), [wheel(9, 4, -3)]);
    assert_eq!(parse(b"\x1b[35;10;5M"), []);
    // X10: three bytes, each a value plus 32.
    assert_eq!(parse(b"\x1b[M *%"), [click(9, 4)]);
    assert_eq!(parse(b"\x1b[Ma*%"), [wheel(9, 4, 3)]);
    assert_eq!(parse(b"\x1b[M#*%"), []);
    // Bytes that look like keys are the report's, not keys.
    assert_eq!(parse(b"\x1b[Mqjk"), [wheel(73, 74, 3)]);
    assert_eq!(parse(b"\x1b[M\xe0\xff\xffj"), [ch('j')]);
}

#[test]
fn probe_replies() {
    assert_eq!(parse(b"\x1b[12;3R"), [cursor(12, 3)]);
    // Also Shift-F3 and Ctrl-F3 in xterm's encoding: cursor reports, as in crossterm.
    assert_eq!(parse(b"\x1b[1;2R"), [cursor(1, 2)]);
    assert_eq!(parse(b"\x1b[1;5R"), [cursor(1, 5)]);
    assert_eq!(
        parse(b"\x1b[?69;2$y"),
        [Parsed::ModeReport { mode: 69, state: 2 }]
    );
    assert_eq!(
        parse(b"\x1b[?2026;0$y"),
        [Parsed::ModeReport {
            mode: 2026,
            state: 0
        }]
    );
    // What the probe gets back, among keys.
    assert_eq!(
        parse(b"j\x1b[?69;1$y\x1b[24;3Rk"),
        [
            ch('j'),
            Parsed::ModeReport { mode: 69, state: 1 },
            cursor(24, 3),
            ch('k')
        ]
    );
    for bytes in [&b"\x1b[5R"[..], b"\x1b[;3R", b"\x1b[99999;3R"] {
        assert_eq!(parse(bytes), [], "{bytes:?}");
    }
}

#[test]
fn bracketed_paste_is_nothing() {
    assert_eq!(parse(b"\x1b[200~hello q\r\x1b[A\x1b[201~j"), [ch('j')]);
    // A paste's text is not read, even a paste start in it; an end outside one is nothing.
    assert_eq!(
        parse("\x1b[200~看\x1b[200~\x1b[201~\x1b[201~".as_bytes()),
        []
    );
}

#[test]
fn a_long_paste_is_not_held() {
    let mut parser = InputParser::new();
    assert_eq!(feed(&mut parser, b"\x1b[200~"), []);
    assert_eq!(parser.timeout(), Some(PASTE_TIMEOUT));
    for _ in 0..1000 {
        assert_eq!(feed(&mut parser, "q看\x1b[20".as_bytes()), []);
        assert!(parser.held() <= 5, "{} held", parser.held());
    }
    assert_eq!(feed(&mut parser, b"1~"), []);
    assert_eq!(feed(&mut parser, b"j"), [ch('j')]);
    assert!(!parser.waiting());
}

#[test]
fn an_unfinished_paste_ends_at_the_flush() {
    let mut parser = InputParser::new();
    assert_eq!(feed(&mut parser, b"\x1b[200~text\x1b[2"), []);
    assert!(parser.waiting());
    assert_eq!(flush(&mut parser), []);
    assert!(!parser.waiting());
    assert_eq!(feed(&mut parser, b"j"), [ch('j')]);
}

#[test]
fn characters_split_across_packets_are_joined() {
    let mut parser = InputParser::new();
    let bytes = "看😀".as_bytes();
    assert_eq!(feed(&mut parser, &bytes[..1]), []);
    assert!(parser.waiting());
    assert_eq!(feed(&mut parser, &bytes[1..5]), [ch('看')]);
    assert_eq!(parser.held(), 2);
    assert_eq!(feed(&mut parser, &bytes[5..]), [ch('😀')]);
    assert!(!parser.waiting());
}

#[test]
fn invalid_utf8_is_dropped() {
    assert_eq!(
        parse(b"\xffa\x80b\xe7\x9cc\xc0\xafd"),
        ['a', 'b', 'c', 'd'].map(ch)
    );
    // A partial character at the flush, alone or after ESC.
    assert_eq!(parse(b"\xe7\x9c"), []);
    assert_eq!(parse(b"\x1b\xe7\x9c"), []);
    assert_eq!(parse(b"\x1b\xff"), []);
}

#[test]
fn unfinished_sequences_are_given_up_as_their_keys() {
    assert_eq!(parse(b"\x1b["), [alt(KeyCode::Char('['))]);
    assert_eq!(parse(b"\x1bO"), [alt(KeyCode::Char('O'))]);
    assert_eq!(
        parse(b"\x1b[1;"),
        [alt(KeyCode::Char('[')), ch('1'), ch(';')]
    );
    assert_eq!(
        parse(b"\x1b[M!"),
        [alt(KeyCode::Char('[')), ch('M'), ch('!')]
    );
    // A byte that cannot continue a sequence ends it, and is read as itself.
    assert_eq!(
        parse(b"\x1b[1\r"),
        [alt(KeyCode::Char('[')), ch('1'), plain(KeyCode::Enter)]
    );
    assert_eq!(
        parse(b"\x1b[\x1b[A"),
        [alt(KeyCode::Char('[')), plain(KeyCode::Up)]
    );
    assert_eq!(
        parse(b"\x1bO\x1b[B"),
        [alt(KeyCode::Char('O')), plain(KeyCode::Down)]
    );
    assert_eq!(
        parse("\x1b[2看".as_bytes()),
        [alt(KeyCode::Char('[')), ch('2'), ch('看')]
    );
}

#[test]
fn an_endless_sequence_is_skipped_without_holding_it() {
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'1', 10_000));
    long.extend(b"Aj");
    assert_eq!(parse(&long), [ch('j')]);

    let mut parser = InputParser::new();
    assert_eq!(feed(&mut parser, b"\x1b[<"), []);
    for _ in 0..1000 {
        assert_eq!(feed(&mut parser, b"0;1;"), []);
        assert!(parser.held() <= HOLD_LIMIT);
    }
    assert!(parser.waiting());
    // Ended by a byte that cannot be in a sequence: it is a key.
    assert_eq!(feed(&mut parser, b"\rj"), [plain(KeyCode::Enter), ch('j')]);

    // Or by the timeout.
    assert_eq!(feed(&mut parser, &long[..1000]), []);
    assert_eq!(flush(&mut parser), []);
    assert_eq!(feed(&mut parser, b"j"), [ch('j')]);
}

#[test]
fn the_longest_sequence_held_is_within_the_limit() {
    // Parameters up to the limit are a sequence; one more byte and it is skipped.
    let mut fits = b"\x1b[1;5".to_vec();
    fits.splice(2..2, std::iter::repeat_n(b'0', HOLD_LIMIT - 6));
    fits.push(b'A');
    assert_eq!(fits.len(), HOLD_LIMIT);
    assert_eq!(parse(&fits), [key(KeyCode::Up, true, false)]);
    let mut too_long = fits.clone();
    too_long.insert(2, b'0');
    too_long.push(b'j');
    assert_eq!(parse(&too_long), [ch('j')]);
}
