//! What a path is, in words, for refusing it, and opening a file without ever waiting:
//! issue files, the config and import read regular files only, since a named pipe with no
//! writer would block for good and a device such as `/dev/zero` never ends.

use std::fs::{File, FileType};
use std::io;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;

use rustix::fs::{Mode, OFlags};

/// Opens `path` for reading without waiting: a named pipe with no writer, or a terminal, put
/// where a file was expected opens at once, so that the caller can check what it opened
/// (`File::metadata`) and refuse it. A regular file reads the same either way.
pub fn open_without_waiting(path: &Path) -> io::Result<File> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    rustix::fs::open(path, flags, Mode::empty())
        .map(File::from)
        .map_err(io::Error::from)
}

/// `a character device`…, for a file that is neither a regular file nor a directory.
#[must_use]
pub fn special(file_type: FileType) -> Option<&'static str> {
    (!file_type.is_file() && !file_type.is_dir()).then(|| describe(file_type))
}

/// `a directory`, `a named pipe (FIFO)`…, to follow "this is".
#[must_use]
pub fn describe(file_type: FileType) -> &'static str {
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}
