//! Reading one issue file from disk into text, with a clear problem for every way that fails:
//! directories, dangling or looping links, FIFOs, sockets and devices, oversized files, binary
//! data, invalid UTF-8.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::problem::{Problem, Severity};
use crate::file_kind;
use crate::model::{IssueFile, Stamp};

/// Issue files past this size are refused: no newsletter is that long, and a reader should
/// not swallow a stray disk image because its name ends in `.toml`.
pub const MAX_ISSUE_BYTES: u64 = 16 * 1024 * 1024;

/// The errno for "too many levels of symbolic links", which differs between systems
/// (`io::ErrorKind::FilesystemLoop` is not stable yet).
#[cfg(any(target_os = "linux", target_os = "android"))]
const ELOOP: i32 = 40;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const ELOOP: i32 = 62;

/// Reads `path` as UTF-8 text and hands it to `parse` with the version of the file it is, or
/// says in one problem why it cannot be an issue file. The text is lent rather than returned as a `String`: making one
/// checks every byte again, at a tenth of the speed of the check here, and a 5 MB issue is
/// read while its reader waits.
pub fn read_issue_text<T>(
    path: &Path,
    parse: impl FnOnce(&str, IssueFile) -> T,
) -> Result<T, Problem> {
    let refuse = |message: String| Problem::whole_file(path, Severity::Error, message);
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return Err(refuse(describe_unreachable(path, &error))),
    };
    if metadata.is_dir() {
        return Err(refuse(
            "this is a directory, not an issue file; issue files sit directly in the issues folder"
                .into(),
        ));
    }
    if let Some(kind) = special_kind(&metadata) {
        return Err(refuse(not_regular(path, kind, ISSUE_ADVICE)));
    }
    if metadata.len() > MAX_ISSUE_BYTES {
        return Err(refuse(format!(
            "the file is {}, larger than the 16 MiB an issue file may be",
            human_size(metadata.len())
        )));
    }
    // Room for all of it (and the byte past the cap) at once: growing as it comes would copy
    // a big file several times over.
    let room = usize::try_from(metadata.len()).map_or(0, |len| len + 1);
    let mut bytes = Vec::with_capacity(room);
    // The version is taken before reading: a write while the file is read then makes it
    // differ from the version on disk afterwards, and bodies left in it are not read back.
    let read = open_regular(path, "the file", ISSUE_ADVICE).and_then(|(file, opened)| {
        // Read at most one byte past the cap, in case the file grew since `metadata`.
        file.take(MAX_ISSUE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| format!("the file cannot be read: {error}"))?;
        Ok(Stamp::of(&opened))
    });
    let stamp = match read {
        Ok(stamp) => stamp,
        Err(message) => return Err(refuse(message)),
    };
    if bytes.len() as u64 > MAX_ISSUE_BYTES {
        return Err(refuse(
            "the file is larger than the 16 MiB an issue file may be".into(),
        ));
    }
    let text = utf8_text(
        path,
        &bytes,
        "save it as UTF-8 (or import it with `kanbao import`, which reads GB18030)",
    )?;
    if text.trim().is_empty() {
        return Err(refuse(
            "the file is empty; an issue needs a `title` and at least one [[article]]".into(),
        ));
    }
    let file = IssueFile {
        path: path.to_path_buf(),
        stamp,
        skipped: (bytes.len() - text.len()) as u64,
    };
    Ok(parse(text, file))
}

/// What issue files must be, said after the kind of file one is not.
const ISSUE_ADVICE: &str = "only regular *.toml files are read";

/// Reads the whole of a file that must be a regular file (the config), or says why not;
/// `what` names it in the message ("the config file cannot be read: …").
pub fn read_regular_file(path: &Path, what: &str, advice: &str) -> Result<Vec<u8>, String> {
    let metadata = fs::metadata(path).map_err(|error| {
        broken_link(path, &error).unwrap_or_else(|| format!("{what} cannot be read: {error}"))
    })?;
    if let Some(kind) = special_kind(&metadata) {
        return Err(not_regular(path, kind, advice));
    }
    let mut bytes = Vec::new();
    open_regular(path, what, advice)?
        .0
        .read_to_end(&mut bytes)
        .map_err(|error| format!("{what} cannot be read: {error}"))?;
    Ok(bytes)
}

/// Opens `path` for reading without ever waiting: a FIFO or a terminal put in its place since
/// it was checked would otherwise block the open or the read for good. The opened file is
/// checked again, and its metadata returned with it.
fn open_regular(path: &Path, what: &str, advice: &str) -> Result<(fs::File, fs::Metadata), String> {
    let file = file_kind::open_without_waiting(path)
        .map_err(|error| format!("{what} cannot be read: {error}"))?;
    let metadata = file
        .metadata()
        .map_err(|error| format!("{what} cannot be read: {error}"))?;
    match special_kind(&metadata) {
        Some(kind) => Err(not_regular(path, kind, advice)),
        None if metadata.is_dir() => {
            Err(format!("this is a directory, not a regular file; {advice}"))
        }
        None => Ok((file, metadata)),
    }
}

/// What a file that is neither a regular file nor a directory is, in words.
fn special_kind(metadata: &fs::Metadata) -> Option<&'static str> {
    file_kind::special(metadata.file_type())
}

/// "this is a FIFO (named pipe), not a regular file; …", naming a link's target.
fn not_regular(path: &Path, kind: &str, advice: &str) -> String {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match fs::read_link(path) {
        Ok(target) if is_link => format!(
            "this symbolic link points to `{}`, {kind}, not a regular file; {advice}",
            target.to_string_lossy()
        ),
        _ => format!("this is {kind}, not a regular file; {advice}"),
    }
}

/// Turns the bytes of a file that must be UTF-8 (issues, config) into text: refuses binary
/// data and invalid UTF-8 with the position of the first bad byte, followed by `advice`;
/// drops a UTF-8 byte order mark.
pub fn decode_utf8_file(path: &Path, bytes: &[u8], advice: &str) -> Result<String, Problem> {
    utf8_text(path, bytes, advice).map(str::to_owned)
}

/// [`decode_utf8_file`] without making a `String`: the text of `bytes` after any byte order
/// mark.
fn utf8_text<'b>(path: &Path, bytes: &'b [u8], advice: &str) -> Result<&'b str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // NUL never occurs in text: its presence says "binary" more surely than bad UTF-8.
    if let Some(offset) = memchr::memchr(0, bytes) {
        let before = String::from_utf8_lossy(bytes.get(..offset).unwrap_or_default());
        return Err(Problem::at_offset(
            path,
            &before,
            offset,
            Severity::Error,
            format!("this looks like binary data, not text (a NUL byte at byte offset {offset})"),
        ));
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    // Invalid: the standard check says where.
    let offset = std::str::from_utf8(bytes).map_or_else(|error| error.valid_up_to(), |_| 0);
    let valid = String::from_utf8_lossy(bytes.get(..offset).unwrap_or_default());
    let bad = bytes.get(offset).copied().unwrap_or_default();
    Err(Problem::at_offset(
        path,
        &valid,
        offset,
        Severity::Error,
        format!(
            "the file is not UTF-8 text: byte 0x{bad:02X} at byte offset {offset} is invalid; {advice}"
        ),
    ))
}

/// Why `fs::metadata` failed, in words: links get their own explanations.
fn describe_unreachable(path: &Path, error: &io::Error) -> String {
    broken_link(path, error).unwrap_or_else(|| format!("the file cannot be read: {error}"))
}

/// Why `fs::metadata` failed on a symbolic link that leads nowhere (dangling or looping), in
/// words; `None` when `path` is not such a link.
fn broken_link(path: &Path, error: &io::Error) -> Option<String> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && error.raw_os_error() == Some(ELOOP) {
        return Some("this symbolic link loops back on itself and leads to no file".into());
    }
    if is_link && error.kind() == io::ErrorKind::NotFound {
        let target = fs::read_link(path)
            .map(|t| t.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Some(format!(
            "this symbolic link points to `{target}`, which does not exist"
        ));
    }
    None
}

pub(crate) fn human_size(bytes: u64) -> String {
    #[allow(
        clippy::cast_precision_loss,
        reason = "a size shown to one decimal place"
    )]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("{mib:.1} MiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> Result<&str, String> {
        utf8_text(Path::new("a.toml"), bytes, "advice").map_err(|p| p.to_string())
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_offsets_count_after_it() {
        assert_eq!(text_of(b"\xEF\xBB\xBFtitle"), Ok("title"));
        assert_eq!(text_of("上海".as_bytes()), Ok("上海"));
        let nul = text_of(b"\xEF\xBB\xBFab\0").expect_err("binary");
        assert!(nul.contains("a NUL byte at byte offset 2"), "{nul}");
        let bad = text_of(b"\xEF\xBB\xBFab\nc\xD6d").expect_err("not UTF-8");
        assert!(
            bad.contains("2:2: error: the file is not UTF-8 text: byte 0xD6 at byte offset 4 is invalid; advice"),
            "{bad}"
        );
    }

    #[test]
    fn invalid_utf8_is_found_where_the_standard_check_finds_it() {
        let mut long = "快递".repeat(5000).into_bytes();
        for (at, bad) in [(0, 0xFF), (17, 0x80), (29_999, 0xC0), (12_001, 0xE4)] {
            let mut bytes = long.clone();
            bytes[at] = bad;
            let expected = std::str::from_utf8(&bytes).map_err(|e| e.valid_up_to());
            let found = text_of(&bytes).map_err(|message| {
                let offset = message.split("byte offset ").nth(1).unwrap_or_default();
                offset
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .parse::<usize>()
                    .unwrap_or(usize::MAX)
            });
            assert_eq!(
                found.map(str::len),
                expected.map(str::len),
                "byte {bad:#x} at {at}"
            );
        }
        long.truncate(0);
        assert_eq!(text_of(&long), Ok(""));
    }
}
