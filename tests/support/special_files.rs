//! Files that are not regular files, which a repository cannot hold as fixtures: each test
//! makes its own in a temporary folder.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::Path;

use rustix::fs::{CWD, FileType, Mode, mknodat};

/// Makes a named pipe (FIFO) at `path`.
pub fn make_fifo(path: &Path) {
    mknodat(CWD, path, FileType::Fifo, Mode::from_raw_mode(0o644), 0).expect("make a FIFO");
}
