//! Bytes to text. Text extracted from Chinese PDFs is UTF-8, or GB18030 (GBK) when it went
//! through older Windows tools; anything else is refused with the position of the problem.

use encoding_rs::{DecoderResult, Encoding, GB18030};

use super::ImportError;

/// Decodes `bytes` and names the encoding it was in (`UTF-8`, `GB18030`, `UTF-16LE`…).
///
/// UTF-8 is taken as is (a byte order mark is dropped). Otherwise the bytes must decode as
/// GB18030 without a single error *and* read like text: GB18030 maps so many byte sequences
/// that some binary data decodes, but into private-use and rare characters, not prose.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_length..).unwrap_or_default();
        let text = strict(encoding, rest).map_err(|offset| ImportError::NotText {
            offset: bom_length + offset,
        })?;
        return refuse_nul(text, bom_length).map(|text| (text, encoding.name()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => refuse_nul(text.to_owned(), 0).map(|text| (text, "UTF-8")),
        Err(error) => {
            let offset = error.valid_up_to();
            match strict(GB18030, bytes) {
                Ok(text) if looks_like_text(&text) => Ok((text, "GB18030")),
                _ => Err(ImportError::NotText { offset }),
            }
        }
    }
}

/// Decodes without replacement characters: `Err` holds the offset of the first bad byte.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0_usize)?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        // The buffer was sized for the worst case, so this cannot happen; refuse rather
        // than return half a text.
        DecoderResult::OutputFull => Err(read),
    }
}

/// A NUL never appears in text: it is a binary file, or UTF-16 without a byte order mark.
fn refuse_nul(text: String, base: usize) -> Result<String, ImportError> {
    match text.find('\0') {
        // The offset is into the decoded text; for UTF-8 input it is the byte offset too.
        Some(offset) => Err(ImportError::NotText {
            offset: base + offset,
        }),
        None => Ok(text),
    }
}

/// Whether decoded text reads like text: no control characters besides line layout, and
/// almost every non-ASCII character from a script or symbol block that prose uses.
fn looks_like_text(text: &str) -> bool {
    let mut unusual = 0_usize;
    let mut non_ascii = 0_usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            return false;
        }
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        let common = matches!(c,
            '\u{80}'..='\u{52f}'            // Latin, Greek, Cyrillic
            | '\u{1100}'..='\u{11ff}'       // Hangul jamo
            | '\u{2000}'..='\u{2bff}'       // punctuation, symbols, arrows, box drawing
            | '\u{2e80}'..='\u{9fff}'       // CJK radicals, punctuation, kana, Han
            | '\u{ac00}'..='\u{d7af}'       // Hangul syllables
            | '\u{f900}'..='\u{faff}'       // CJK compatibility ideographs
            | '\u{fe30}'..='\u{fe4f}'       // CJK compatibility forms
            | '\u{ff00}'..='\u{ffef}'); // full-width forms
        if !common {
            unusual += 1;
        }
    }
    unusual * 20 <= non_ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (text, name) = decode("简讯：".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((text.as_str(), name), ("简讯：", "UTF-8"));
        let (text, _) = decode(b"\xEF\xBB\xBFabc").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "abc");
    }

    #[test]
    fn gb18030_is_recognized() {
        let (bytes, _, _) = GB18030.encode("上海市邮政管理局 ISO9001");
        let (text, name) = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (text.as_str(), name),
            ("上海市邮政管理局 ISO9001", "GB18030")
        );
    }

    #[test]
    fn binary_is_refused_at_the_first_bad_byte() {
        let error = decode(b"PDF-1.7 \xff\xfe\x00\x01").err();
        assert_eq!(
            error
                .map(|e| e.to_string())
                .as_deref()
                .and_then(|m| m.split(';').next()),
            Some("not UTF-8 or GB18030 text: invalid byte at offset 8")
        );
        assert!(matches!(
            decode(b"a\0b"),
            Err(ImportError::NotText { offset: 1 })
        ));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("简讯".encode_utf16().flat_map(u16::to_le_bytes));
        let (text, name) = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((text.as_str(), name), ("简讯", "UTF-16LE"));
    }
}
