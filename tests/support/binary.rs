//! Running the built binary as a user would, with no user config in the way.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `kanbao ARGS` in the crate root (where `issues/` and `config.toml` are).
pub fn kanbao(args: &[&str]) -> Output {
    kanbao_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// Runs `kanbao ARGS` in `dir`.
pub fn kanbao_in(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .current_dir(dir)
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("kanbao runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `kanbao ARGS` in the crate root with its standard output sent to `out` (a closed
/// pipe, `/dev/full`), capturing only stderr.
pub fn kanbao_writing_to(args: &[&str], out: impl Into<Stdio>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdout(out)
        .output()
        .expect("kanbao runs")
}
