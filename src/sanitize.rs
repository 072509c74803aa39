//! Removing everything from file text that could drive the terminal.
//!
//! Newsletter files come from other people. Every string loaded from one passes through
//! [`sanitize`] before it can reach the terminal, so that nothing in a file can move the
//! cursor, clear the screen, set the window title, write the clipboard (OSC 52), or
//! otherwise talk to the terminal instead of being read by the user.
//!
//! What is removed:
//!
//! - Whole escape sequences, not just the ESC: dropping only the ESC of `ESC [ 2 J` would
//!   leave `[2J` litter in the text, and dropping only the introducer of an OSC would show
//!   its payload (a title, or base64 clipboard data) as if it were article text.
//!   - CSI: `ESC [` or 8-bit U+009B, parameter and intermediate bytes (0x20–0x3F), then one
//!     final byte (0x40–0x7E).
//!   - Control strings: OSC (`ESC ]`, U+009D), DCS (`ESC P`, U+0090), SOS (`ESC X`,
//!     U+0098), PM (`ESC ^`, U+009E) and APC (`ESC _`, U+009F) run to BEL or ST
//!     (`ESC \` or U+009C). One left open runs to the end of the text.
//!   - Other escapes: `ESC`, any intermediates (0x20–0x2F), one final byte (0x30–0x7E).
//! - Every other C0 control except `\n` and `\t`, DEL, and every other C1 control.
//! - Bidi controls that reorder what is displayed: embeddings and overrides
//!   (U+202A–U+202E), isolates (U+2066–U+2069) and the marks LRM, RLM and ALM (U+200E,
//!   U+200F, U+061C). A file could otherwise make text show in a different order from the
//!   order it is stored and searched in.
//!
//! `\r\n` and a lone `\r` become `\n`: a bare carriage return moves the cursor back over
//! what is already on the line, so text after it would overwrite text before it.
//!
//! Kept on purpose: ZWJ, ZWNJ, ZWSP, word joiner and variation selectors. They are format
//! characters that emoji sequences, Indic and Persian text and CJK line breaking rely on;
//! none of them moves the cursor or reorders text.
//!
//! A sequence broken off by a character that cannot belong to it (a control, non-ASCII
//! text, or a new ESC) ends there: what was read of it is dropped and that character is
//! handled as if the sequence had not been there. This is roughly what terminals do, and
//! it keeps the text after a malformed sequence rather than swallowing it.
//!
//! The output never contains a character [`is_removed`] reports, so sanitizing twice
//! gives the same text as sanitizing once.

use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit CSI.
const C1_CSI: char = '\u{9b}';
/// 8-bit ST (string terminator).
const C1_ST: char = '\u{9c}';

/// Returns `text` with terminal controls removed and line endings made `\n`.
///
/// Borrows when there is nothing to remove, which is the common case: a single scan over
/// the bytes and no allocation.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let Some(first) = find_removed(text) else {
        return Cow::Borrowed(text);
    };
    // Output is never longer than the input: every rewrite removes or shortens.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at = Some(first);
    while let Some(i) = at {
        // `i` is the start of a char (see `find_removed`); `split_at_checked` keeps that
        // from ever being a panic, and falling back to "no clean prefix" is still correct.
        let (clean, tail) = rest.split_at_checked(i).unwrap_or(("", rest));
        // Copy clean runs in bulk rather than char by char: CRLF files take this path
        // with a `\r` on every line.
        out.push_str(clean);
        rest = skip_control(tail, &mut out);
        at = find_removed(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `c` never appears in [`sanitize`]'s output.
///
/// `\r` is included: it is rewritten to `\n`, never kept.
#[must_use]
pub fn is_removed(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0 controls, DEL and C1 controls; then the bidi marks, embeddings, overrides and
        // isolates.
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Byte index of the first char in `text` that [`is_removed`] reports.
///
/// Works on bytes because this is the fast path over whole files, and almost all of the
/// text is plain: decoding every char to compare it would cost several times more. In
/// UTF-8 every removed char is found by its first byte (ASCII, or a lead byte 0xC2, 0xD8
/// or 0xE2 that is then confirmed by its continuation bytes). Lead bytes are never
/// continuation bytes, so the index returned is always a char boundary.
fn find_removed(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Blocks are checked for a removed char with a test of each byte and the two after it
    // that has no branch, which the compiler runs on many bytes at once; only the block
    // that has one is searched byte by byte. (Most CJK text has “ ” — … every few dozen
    // bytes, whose first byte E2 the bidi controls share.)
    let mut start = 0;
    while let (Some(first), Some(second), Some(third)) = (
        bytes.get(start..start + BLOCK),
        bytes.get(start + 1..start + 1 + BLOCK),
        bytes.get(start + 2..start + 2 + BLOCK),
    ) {
        let found = first
            .iter()
            .zip(second)
            .zip(third)
            .fold(false, |found, ((&a, &b), &c)| {
                found | is_removed_at(a, b, c)
            });
        if found {
            return find_removed_in(bytes, start..start + BLOCK);
        }
        start += BLOCK;
    }
    find_removed_in(bytes, start..bytes.len())
}

/// Bytes looked at together by [`find_removed`].
const BLOCK: usize = 64;

/// Whether a removed char starts with byte `a` followed by `b` and `c`: the cases of
/// [`find_removed_in`], as one expression without branches.
#[allow(
    clippy::needless_bitwise_bool,
    reason = "bitwise on purpose: no branch per byte"
)]
fn is_removed_at(a: u8, b: u8, c: u8) -> bool {
    let control = (a < 0x20) & (a != b'\n') & (a != b'\t') | (a == 0x7f);
    let c1 = (a == 0xc2) & (0x80..=0x9f).contains(&b);
    let alm = (a == 0xd8) & (b == 0x9c);
    let marks = (b == 0x80) & ((c == 0x8e) | (c == 0x8f) | (0xaa..=0xae).contains(&c));
    let isolates = (b == 0x81) & (0xa6..=0xa9).contains(&c);
    control | c1 | alm | (a == 0xe2) & (marks | isolates)
}

/// The first removed char starting at a byte in `range` of `bytes` (it may end after it).
fn find_removed_in(bytes: &[u8], range: std::ops::Range<usize>) -> Option<usize> {
    let start = range.start;
    let within = bytes.get(range).unwrap_or_default();
    within.iter().enumerate().find_map(|(offset, &byte)| {
        let i = start + offset;
        let next = |n: usize| bytes.get(i + n).copied();
        let hit = match byte {
            b'\n' | b'\t' => false,
            0x00..=0x1f | 0x7f => true,
            // U+0080..=U+009F (C1 controls) are C2 80..=C2 9F.
            0xc2 => matches!(next(1), Some(0x80..=0x9f)),
            // U+061C (ALM) is D8 9C.
            0xd8 => next(1) == Some(0x9c),
            // U+200E, U+200F, U+202A..=U+202E are E2 80 xx; U+2066..=U+2069 are E2 81 xx.
            0xe2 => matches!(
                (next(1), next(2)),
                (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => false,
        };
        hit.then_some(i)
    })
}

/// Handles the removed char at the start of `text` (and the rest of its sequence, if it
/// starts one), writing any replacement to `out`. Returns the text after it.
///
/// Always consumes at least one char, so the loop in [`sanitize`] makes progress.
fn skip_control<'a>(text: &'a str, out: &mut String) -> &'a str {
    let mut chars = text.chars();
    let Some(c) = chars.next() else {
        return text;
    };
    let rest = chars.as_str();
    match c {
        '\r' => {
            out.push('\n');
            // `\r\n` is one line ending, not two.
            rest.strip_prefix('\n').unwrap_or(rest)
        }
        ESC => skip_escape(rest),
        C1_CSI => skip_csi(rest),
        // 8-bit DCS, SOS, OSC, PM, APC.
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_control_string(rest),
        // Any other control or bidi char is dropped on its own.
        _ => rest,
    }
}

/// Skips what follows an ESC that has already been consumed.
fn skip_escape(text: &str) -> &str {
    let mut chars = text.chars();
    match chars.next() {
        Some('[') => return skip_csi(chars.as_str()),
        Some(']' | 'P' | 'X' | '^' | '_') => return skip_control_string(chars.as_str()),
        _ => {}
    }
    // nF/Fp/Fe/Fs escapes: any intermediates, then one final byte. A lone ESC at the end,
    // or one followed by something that cannot continue it, is dropped by itself.
    let mut chars = text.chars();
    loop {
        let before = chars.as_str();
        match chars.next() {
            Some('\u{20}'..='\u{2f}') => {}
            Some('\u{30}'..='\u{7e}') => return chars.as_str(),
            _ => return before,
        }
    }
}

/// Skips a CSI body (after `ESC [` or U+009B): parameters and intermediates, then a final.
fn skip_csi(text: &str) -> &str {
    let mut chars = text.chars();
    loop {
        let before = chars.as_str();
        match chars.next() {
            Some('\u{20}'..='\u{3f}') => {}
            Some('\u{40}'..='\u{7e}') => return chars.as_str(),
            // Broken off (or unterminated at the end): drop what was read, and let the
            // caller handle the interrupting char on its own.
            _ => return before,
        }
    }
}

/// Skips a control string body (OSC, DCS, SOS, PM, APC) up to and including its
/// terminator: BEL, `ESC \` or U+009C. Unterminated, it runs to the end of the text.
fn skip_control_string(text: &str) -> &str {
    let mut chars = text.chars();
    loop {
        let before = chars.as_str();
        match chars.next() {
            None => return "",
            Some(BEL | C1_ST) => return chars.as_str(),
            Some(ESC) => {
                let after = chars.as_str();
                // `ESC \` is ST. Any other ESC ends the string the way terminals end it,
                // and starts a sequence of its own, which the caller then removes.
                return after.strip_prefix('\\').unwrap_or(before);
            }
            // Everything else, controls included, is payload.
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `find_removed` as the definition says: the first char [`is_removed`] reports.
    fn first_removed(text: &str) -> Option<usize> {
        text.char_indices()
            .find(|&(_, c)| is_removed(c))
            .map(|(at, _)| at)
    }

    #[test]
    fn removed_chars_are_found_at_every_place_in_long_text() {
        // Lookalikes of what is removed on every side (E2 80 9C, C2 A0, D8 A7), so that the
        // search looks closely everywhere, and each removed char at every offset in and
        // across the blocks it checks together.
        let lookalikes = "“文”\u{a0}ا\t\n";
        for removed in [
            '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200e}', '\u{202e}', '\u{2069}',
        ] {
            for before in 0..=3 * BLOCK {
                let mut text: String = lookalikes.chars().cycle().take(before).collect();
                let at = text.len();
                text.push(removed);
                text.push_str("。“后”");
                assert_eq!(
                    find_removed(&text),
                    Some(at),
                    "{removed:?} after {before} chars"
                );
                assert_eq!(first_removed(&text), Some(at));
                text.truncate(at);
                assert_eq!(find_removed(&text), None, "{before} chars of lookalikes");
            }
        }
    }

    proptest! {
        #[test]
        fn finds_the_first_removed_char(text in any::<String>(), repeat in 1usize..40) {
            let text = text.repeat(repeat);
            prop_assert_eq!(find_removed(&text), first_removed(&text));
        }
    }

    fn owned(input: &str, expected: &str) {
        let got = sanitize(input);
        assert_eq!(got, expected, "input {input:?}");
        assert!(
            matches!(got, Cow::Owned(_)),
            "input {input:?} should be rewritten"
        );
    }

    #[test]
    fn csi_removed_whole() {
        owned("a\x1b[2J\x1b[Hb", "ab");
        owned("a\x1b[38;5;196mred\x1b[0m", "ared");
        owned("a\x1b[?1049hb", "ab");
        owned("a\x1b[ qb", "ab"); // intermediate byte before the final
    }

    #[test]
    fn csi_broken_off_keeps_following_text() {
        owned("a\x1b[12中文", "a中文");
        owned("a\x1b[1\nb", "a\nb");
        owned("a\x1b[1\x1b[2Jb", "ab");
        owned("a\x1b[12", "a");
    }

    #[test]
    fn osc_removed_with_bel_or_st() {
        owned("x\x1b]0;title\x07y", "xy");
        owned("x\x1b]52;c;ZXZpbA==\x1b\\y", "xy");
        owned(
            "x\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\y",
            "xlinky",
        );
        owned("x\x1b]0;title\u{9c}y", "xy");
    }

    #[test]
    fn control_strings_removed() {
        owned("x\x1bPq#0;2;0;0;0#0~~@@\x1b\\y", "xy"); // DCS (sixel)
        owned("x\x1bXsos\x1b\\y", "xy");
        owned("x\x1b^pm\x1b\\y", "xy");
        owned("x\x1b_Gf=100;AAAA\x1b\\y", "xy"); // APC (kitty graphics)
    }

    #[test]
    fn unterminated_control_string_runs_to_end() {
        owned("x\x1b]0;title and the rest", "x");
        owned("x\u{9d}0;title\nmore", "x");
    }

    #[test]
    fn escape_inside_control_string_ends_it() {
        owned("x\x1b]0;t\x1b[2Jy", "xy");
    }

    #[test]
    fn two_byte_escapes_removed() {
        owned("a\x1bcb", "ab"); // RIS
        owned("a\x1b7b\x1b8c", "abc"); // DECSC / DECRC
        owned("a\x1b(0b", "ab"); // designate charset, with an intermediate
        owned("a\x1b#8b", "ab"); // DECALN
        owned("a\x1b", "a");
        owned("a\x1b\x1b[2Jb", "ab"); // the second ESC starts its own sequence
        owned("a\x1b\u{4e2d}", "a\u{4e2d}");
    }

    #[test]
    fn eight_bit_forms_removed() {
        owned("\u{9b}31mred", "red");
        owned("x\u{9d}0;title\x07y", "xy");
        owned("x\u{90}data\u{9c}y", "xy");
        owned("x\u{98}s\u{9c}y\u{9e}p\u{9c}z\u{9f}a\u{9c}", "xyz");
        owned("a\u{85}b\u{9c}c", "abc");
    }

    #[test]
    fn line_endings() {
        owned("a\r\nb\r\n", "a\nb\n");
        owned("a\rb", "a\nb");
        owned("a\r\r\nb", "a\n\nb");
        owned("\r", "\n");
    }

    #[test]
    fn lone_controls_removed() {
        owned("a\0b\x7fc\x08d\x07e", "abcde");
        assert_eq!(sanitize("a\tb\nc"), "a\tb\nc");
    }

    #[test]
    fn bidi_controls_removed() {
        owned("abc\u{202e}fed\u{202c}", "abcfed");
        owned("\u{2066}a\u{2069}\u{2067}b\u{2069}\u{2068}c\u{2069}", "abc");
        owned("\u{200e}a\u{200f}b\u{61c}c\u{202a}\u{202b}\u{202d}", "abc");
    }

    #[test]
    fn legitimate_text_borrowed() {
        for text in [
            "",
            "平安夜，圣善夜！\n\t日本語のテキスト 한국어",
            "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 葛\u{e0100}",
            "\u{200b}\u{200c}\u{200d}\u{2060}",
            "¡Olé! «»",
        ] {
            assert!(
                matches!(sanitize(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn find_removed_returns_char_boundary() {
        assert_eq!(find_removed("中\u{202e}"), Some(3));
        assert_eq!(find_removed("中\u{9b}"), Some(3));
        assert_eq!(find_removed("\u{2060}\u{200d}"), None);
    }

    /// Chars near every byte pattern `find_removed` looks for, plus anything at all.
    fn tricky_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            any::<char>(),
            prop::char::range('\u{0}', '\u{bf}'),
            prop::char::range('\u{600}', '\u{63f}'),
            prop::char::range('\u{2000}', '\u{207f}'),
            Just('\u{4e2d}'),
        ];
        prop::collection::vec(c, 0..32).prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        /// The byte scan must agree with the char predicate, or the fast path lies.
        #[test]
        fn find_removed_matches_is_removed(text in tricky_text()) {
            let expected = text.char_indices().find(|&(_, c)| is_removed(c)).map(|(i, _)| i);
            prop_assert_eq!(find_removed(&text), expected);
        }
    }
}
