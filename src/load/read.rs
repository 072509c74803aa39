//! Reading one issue file from disk into text, with a clear problem for every way that fails:
//! directories, dangling or looping links, FIFOs, sockets and devices, oversized files, binary
//! data, invalid UTF-8.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::problem::{Problem, Severity};
use crate::file_kind;

/// Issue files past this size are refused: no newsletter is that long, and a reader should
/// not swallow a stray disk image because its name ends in `.toml`.
pub const MAX_ISSUE_BYTES: u64 = 16 * 1024 * 1024;

/// The errno for "too many levels of symbolic links", which differs between systems
/// (`io::ErrorKind::FilesystemLoop` is not stable yet).
#[cfg(any(target_os = "linux", target_os = "android"))]
const ELOOP: i32 = 40;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const ELOOP: i32 = 62;

/// The text of an issue file: bytes checked to be UTF-8 (kept as bytes because turning them
/// into a `String` would check all of them again, at a tenth of the speed, and a 5 MB issue
/// is read while its reader waits).
pub struct IssueText {
    bytes: Vec<u8>,
}

impl IssueText {
    /// The text. (The bytes were checked when read; checking again is the fast check.)
    #[must_use]
    pub fn as_str(&self) -> &str {
        simdutf8::basic::from_utf8(&self.bytes).unwrap_or_default()
    }
}

/// Reads `path` as UTF-8 text, or says in one problem why it cannot be an issue file.
pub fn read_issue_text(path: &Path) -> Result<IssueText, Problem> {
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
    let read = open_regular(path, "the file", ISSUE_ADVICE).and_then(|file| {
        // Read at most one byte past the cap, in case the file grew since `metadata`.
        file.take(MAX_ISSUE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| format!("the file cannot be read: {error}"))
    });
    if let Err(message) = read {
        return Err(refuse(message));
    }
    if bytes.len() as u64 > MAX_ISSUE_BYTES {
        return Err(refuse(
            "the file is larger than the 16 MiB an issue file may be".into(),
        ));
    }
    let bytes = check_utf8_file(
        path,
        bytes,
        "save it as UTF-8 (or import it with `kanbao import`, which reads GB18030)",
    )?;
    let text = IssueText { bytes };
    if text.as_str().trim().is_empty() {
        return Err(refuse(
            "the file is empty; an issue needs a `title` and at least one [[article]]".into(),
        ));
    }
    Ok(text)
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
        .read_to_end(&mut bytes)
        .map_err(|error| format!("{what} cannot be read: {error}"))?;
    Ok(bytes)
}

/// Opens `path` for reading without ever waiting: a FIFO or a terminal put in its place since
/// it was checked would otherwise block the open or the read for good. The opened file is
/// checked again.
fn open_regular(path: &Path, what: &str, advice: &str) -> Result<fs::File, String> {
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
        None => Ok(file),
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
pub fn decode_utf8_file(path: &Path, bytes: Vec<u8>, advice: &str) -> Result<String, Problem> {
    let bytes = check_utf8_file(path, bytes, advice)?;
    // Checked already; this cannot fail, and the config files this is for are small.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// [`decode_utf8_file`] without making a `String`: the bytes, checked (without a byte order
/// mark).
fn check_utf8_file(path: &Path, mut bytes: Vec<u8>, advice: &str) -> Result<Vec<u8>, Problem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // NUL never occurs in text: its presence says "binary" more surely than bad UTF-8.
    if let Some(offset) = memchr::memchr(0, &bytes) {
        let before = String::from_utf8_lossy(bytes.get(..offset).unwrap_or_default());
        return Err(Problem::at_offset(
            path,
            &before,
            offset,
            Severity::Error,
            format!("this looks like binary data, not text (a NUL byte at byte offset {offset})"),
        ));
    }
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        return Ok(bytes);
    }
    // Invalid: the standard check says where.
    let offset = std::str::from_utf8(&bytes).map_or_else(|error| error.valid_up_to(), |_| 0);
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
