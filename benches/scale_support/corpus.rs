//! The corpora the scale benches measure: N generated issues of about 16 KB each in a
//! temporary folder, removed when dropped (30,000 issues are about 500 MB).
//!
//! Which sizes a run generates comes from its arguments: every `<digits>k` in them, so that
//! `cargo bench --bench scale -- 10k` and a criterion filter such as `no_hit_query_30k` both
//! generate only what they measure.

#![allow(dead_code, reason = "each scale bench uses part of this module")]

use std::time::Instant;

use tempfile::TempDir;

use crate::support::write_corpus;

/// The sizes measured when the arguments name none: 30k takes minutes and half a gigabyte,
/// so it is measured only when asked for.
pub const DEFAULT_SIZES: [usize; 2] = [1_000, 10_000];

/// A generated issues folder.
pub struct Corpus {
    pub dir: TempDir,
    pub issues: usize,
    /// The files' total size on disk, in bytes.
    pub bytes: u64,
}

impl Corpus {
    /// Writes `issues` issue files into a fresh temporary folder.
    pub fn generate(issues: usize) -> Self {
        let started = Instant::now();
        let dir = tempfile::Builder::new()
            .prefix("kanbao-scale-")
            .tempdir()
            .expect("a temporary folder for the corpus");
        let bytes = write_corpus(dir.path(), issues);
        // Written back before anything is measured: the kernel writing back half a gigabyte
        // of fresh files while the reader loads them made the first runs slower than the rest.
        let _ = std::process::Command::new("sync").status();
        eprintln!(
            "corpus {}: {issues} issues, {:.1} MiB, written in {:.1} s to {}",
            label(issues),
            mib(bytes),
            started.elapsed().as_secs_f64(),
            dir.path().display()
        );
        Self { dir, issues, bytes }
    }

    pub fn label(&self) -> String {
        label(self.issues)
    }
}

/// `10k` for 10,000 issues.
pub fn label(issues: usize) -> String {
    if issues.is_multiple_of(1_000) {
        format!("{}k", issues / 1_000)
    } else {
        issues.to_string()
    }
}

/// Bytes as MiB.
#[allow(
    clippy::cast_precision_loss,
    reason = "sizes up to a few GiB, shown to a tenth of a MiB"
)]
pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The sizes named in `args`: each word of the form `<digits>k` (`10k` → 10,000, also
/// inside a filter such as `quit_30k`), in order and without repeats; [`DEFAULT_SIZES`] when
/// there are none.
pub fn sizes_in(args: &[String]) -> Vec<usize> {
    let mut sizes = Vec::new();
    let words = args
        .iter()
        .flat_map(|arg| arg.split(|c: char| !c.is_ascii_alphanumeric()));
    for issues in words.filter_map(size_of) {
        if !sizes.contains(&issues) {
            sizes.push(issues);
        }
    }
    if sizes.is_empty() {
        sizes.extend(DEFAULT_SIZES);
    }
    sizes
}

/// The number of issues `word` names: `10k` is 10,000.
pub fn size_of(word: &str) -> Option<usize> {
    word.strip_suffix('k')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<usize>().ok())
        .filter(|&thousands| thousands > 0)
        .map(|thousands| thousands * 1_000)
}

/// The command-line arguments after the program's name.
pub fn args() -> Vec<String> {
    std::env::args().skip(1).collect()
}
