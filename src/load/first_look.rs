//! A first look at a large issue file: its opening, parsed as an issue of its own, so that the
//! reader shows the first screen of a 5 MB article after reading 64 KB of it, as `less`
//! does, rather than after reading, checking and copying all of it. The whole file is read
//! right after, and its issue replaces the first look.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::parse::parse_issue;
use crate::model::Issue;

/// Files larger than this get a first look: below it, reading the whole file costs less
/// than a frame.
pub const FIRST_LOOK_ABOVE: u64 = 1024 * 1024;

/// How much of the file a first look reads: many screens of any article.
const FIRST_LOOK_BYTES: u64 = 64 * 1024;

/// What closes the multi-line string a body is cut short in: a literal string, or a basic
/// one (what `kanbao import` writes). A cut in one is never closed by the other.
const CLOSE_BODY: [&str; 2] = ["'''\n", "\"\"\"\n"];

/// The issue in the first [`FIRST_LOOK_BYTES`] of the regular file at `path`, if it is larger
/// than [`FIRST_LOOK_ABOVE`] and its opening reads as an issue whose last body is cut at a
/// paragraph: the text up to the last blank line in it, with the body's string closed there.
/// Anything else (a cut in a comment or between keys, an error in the opening, a file that
/// is not UTF-8) gives `None`, and the file is only read whole, which says what is wrong.
#[must_use]
pub fn first_look(path: &Path) -> Option<Issue> {
    let metadata = fs::metadata(path).ok()?;
    // A FIFO or a device would block or never end: only regular files are looked at.
    if !metadata.is_file() || metadata.len() <= FIRST_LOOK_ABOVE {
        return None;
    }
    // Room for all of it: read in one go, not in reads that start at 32 bytes.
    let mut bytes = Vec::with_capacity(usize::try_from(FIRST_LOOK_BYTES).ok()? + 1);
    fs::File::open(path)
        .ok()?
        .take(FIRST_LOOK_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = opening_text(&bytes)?;
    let cut = text.get(..text.rfind("\n\n")? + 1)?;
    let mut issue = CLOSE_BODY.iter().find_map(|close| {
        let outcome = parse_issue(path, &[cut, close].concat());
        let failed = outcome.problems.iter().any(super::Problem::is_error);
        outcome.issue.filter(|_| !failed)
    })?;
    issue.first_look = true;
    Some(issue)
}

/// `bytes` as text, less a character cut short at their end; `None` if they are not UTF-8.
/// Checked with simdutf8, as whole files are: the standard library's check takes a tenth of a
/// millisecond over 64 KiB of Chinese, on the way to the first frame.
fn opening_text(bytes: &[u8]) -> Option<&str> {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => Some(text),
        // A character cut at the end is not an error of the file.
        Err(error) if error.error_len().is_none() => {
            simdutf8::basic::from_utf8(bytes.get(..error.valid_up_to())?).ok()
        }
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_cut_at_the_end_is_left_out_and_bad_bytes_are_refused() {
        let text = "一二三".as_bytes();
        assert_eq!(opening_text(&text[..7]), Some("一二"));
        assert_eq!(opening_text(text), Some("一二三"));
        assert_eq!(opening_text(b"ab\xffcd"), None);
    }
}
