//! Copying over SSH: `u` lists the article's links, Enter sends the chosen URL to the
//! terminal's clipboard with OSC 52 (which reaches the local clipboard through SSH) and shows
//! it in full; `y` sends the whole article as plain text. The reader never claims a copy it
//! cannot confirm: the terminal may refuse OSC 52, so the status line says what was sent.

use super::Reader;
use crate::load::Library;
use crate::text::{AmbiguousWidth, LayoutOptions, render_article_plain};

/// Terminals commonly cap OSC 52 payloads (xterm: 100 000 bytes of base64); longer text is
/// not sent rather than sent cut.
pub const CLIPBOARD_LIMIT: usize = 74_000;

/// The links of the open article, in the order the text numbers them (`[1]`, `[2]`…).
#[must_use]
pub fn links(reader: &Reader) -> &[String] {
    reader
        .document
        .as_ref()
        .map_or(&[], |d| d.layout.links.as_slice())
}

/// Enter in the links overlay: link `index` to the clipboard, and in full in the status line.
pub fn copy_link(reader: &mut Reader, index: usize) {
    let Some(url) = links(reader).get(index).cloned() else {
        return;
    };
    // The overlay stays open: it shows every URL in full, wrapped, for typing or selecting
    // by hand when the terminal does not take OSC 52.
    reader.notice = Some(format!("[{}] sent to terminal (OSC 52): {url}", index + 1));
    reader.clipboard = Some(url);
}

/// `y`: the article as plain text (as `kanbao cat` prints it) to the clipboard.
pub fn copy_article(reader: &mut Reader, library: &Library) {
    let Some(document) = reader.document.as_ref() else {
        return;
    };
    if let Some(why) = document.unreadable() {
        reader.notice = Some(format!("nothing sent: {why}"));
        return;
    }
    let Some(issue) = library.issues.get(document.article.issue) else {
        return;
    };
    // The article as it is on screen, whatever has happened to its file since.
    let options = LayoutOptions::for_issue(issue, 80, AmbiguousWidth::Narrow);
    let text = render_article_plain(document.shown(), &options);
    if text.len() > CLIPBOARD_LIMIT {
        reader.notice = Some(format!(
            "the article is {} KB, too long for the terminal's clipboard: nothing sent",
            text.len() / 1024
        ));
        return;
    }
    reader.notice = Some(format!(
        "article ({} characters) sent to terminal (OSC 52)",
        text.chars().count()
    ));
    reader.clipboard = Some(text);
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

/// Standard base64 with padding: the encoding OSC 52 carries.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("看报".as_bytes()), "55yL5oql");
    }

    #[test]
    fn osc52_targets_the_clipboard() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }
}
