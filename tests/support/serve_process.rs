//! Starting `kanbao serve` and reading its memory: shared by the server tests
//! (`support/serve.rs`) and the server benchmark (which includes this file by path).

use std::fs::{self, File};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Starts `command` (the binary, or a wrapper that runs it) as `kanbao serve` on `listen`
/// with `config`: its state in `state`, no user config, its messages to `log`.
pub fn spawn(mut command: Command, config: &Path, listen: &str, state: &Path, log: File) -> Child {
    command
        .arg("--config")
        .arg(config)
        .args(["serve", "--listen", listen])
        .env("XDG_STATE_HOME", state)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("KANBAO_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("kanbao serve starts")
}

/// How many times the server's `log` file says it is listening.
pub fn times_listening(log: &Path) -> usize {
    fs::read_to_string(log)
        .unwrap_or_default()
        .matches("listening on")
        .count()
}

/// Waits until `log` says `listening on` more than `before` times; fails the run if `child`
/// ends or `patience` passes first.
pub fn wait_until_listening(child: &mut Child, log: &Path, before: usize, patience: Duration) {
    let start = Instant::now();
    while times_listening(log) == before {
        let exited = child.try_wait().ok().flatten();
        assert!(
            exited.is_none() && start.elapsed() < patience,
            "kanbao serve is not listening ({exited:?}); its log:\n{}",
            fs::read_to_string(log).unwrap_or_default()
        );
        sleep(Duration::from_millis(20));
    }
}

/// A `kB` line of `/proc/PID/status` (`VmRSS:`, `VmHWM:`), in bytes.
pub fn status_bytes(pid: u32, field: &str) -> u64 {
    let status =
        fs::read_to_string(format!("/proc/{pid}/status")).expect("the server's /proc/PID/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or_else(
            || panic!("no {field} in the server's /proc/PID/status"),
            |kib| kib * 1024,
        )
}
