//! What a path is, in words, for refusing it: import reads and writes regular files only.

use std::fs::FileType;
use std::os::unix::fs::FileTypeExt as _;

/// `a directory`, `a named pipe (FIFO)`…, to follow "this is".
pub fn describe(file_type: FileType) -> &'static str {
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
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
