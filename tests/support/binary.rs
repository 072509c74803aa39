//! Running the built binary as a user would, with no user config in the way.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Runs `kanbao ARGS` in the crate root (where `issues/` and `config.toml` are).
pub fn kanbao(args: &[&str]) -> Output {
    kanbao_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// Runs `kanbao ARGS` in `dir`.
pub fn kanbao_in(args: &[&str], dir: &Path) -> Output {
    command_in(args, dir).output().expect("kanbao runs")
}

/// `kanbao ARGS` in the crate root, to be given its input and output and run.
pub fn command(args: &[&str]) -> Command {
    command_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// `kanbao ARGS` in `dir`, to be given its input and output and run.
pub fn command_in(args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kanbao"));
    command.args(args).current_dir(dir);
    without_user_config(&mut command);
    command
}

/// Keeps the user's config away from `command`: kanbao itself, or a shell that starts it.
pub fn without_user_config(command: &mut Command) -> &mut Command {
    command
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `kanbao ARGS` in the crate root with its standard output sent to `out` (a closed
/// pipe, `/dev/full`), capturing only stderr.
pub fn kanbao_writing_to(args: &[&str], out: impl Into<Stdio>) -> Output {
    command(args).stdout(out).output().expect("kanbao runs")
}

/// Starts `command` reading `stdin`, with its standard output and error captured.
pub fn spawn_captured(command: &mut Command, stdin: Stdio) -> Child {
    command
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kanbao runs")
}

/// Runs `command` with no input and its output captured. One still running after `seconds`
/// is killed and fails the test, rather than hanging the suite: what it guards against is a
/// read that never ends.
pub fn output_within(command: &mut Command, seconds: u64) -> Output {
    let mut child = spawn_captured(command, Stdio::null());
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} was still running after {seconds} s");
        }
        sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("kanbao ends")
}
