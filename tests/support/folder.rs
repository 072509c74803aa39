//! What a folder holds, for tests that check what was written beside a file, or that
//! nothing was.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::fs;
use std::path::Path;

/// Names in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
