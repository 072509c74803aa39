//! The measured process seen through `/proc`: finding it, its CPU time, whether it is gone.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The pid of the process named `comm` whose command line holds `arg` (each run has a state
/// file of its own, so its path picks out that run's kanbao, not `/usr/bin/time` above it).
pub fn find(comm: &str, arg: &Path) -> Option<u32> {
    let arg = arg.as_os_str().as_encoded_bytes();
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let name = std::fs::read_to_string(entry.path().join("comm")).ok()?;
            if name.trim_end() != comm {
                return None;
            }
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            cmdline
                .split(|&b| b == 0)
                .any(|word| word == arg)
                .then_some(pid)
        })
}

/// Waits up to `timeout` for the process named `comm` with `arg` on its command line.
pub fn wait_for(comm: &str, arg: &Path, timeout: Duration) -> u32 {
    let start = Instant::now();
    loop {
        if let Some(pid) = find(comm, arg) {
            return pid;
        }
        assert!(
            start.elapsed() < timeout,
            "no {comm} process with {} on its command line after {timeout:?}",
            arg.display()
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[path = "../../tests/support/proc.rs"]
mod proc;
pub use proc::alive;

/// User plus system CPU time `pid` has used so far (to the clock tick, 10 ms).
pub fn cpu_time(pid: u32) -> Duration {
    Duration::from_nanos(proc::cpu_ticks(pid) * 1_000_000_000 / clock_ticks())
}

/// Clock ticks per second (`getconf CLK_TCK`, asked once), 100 if that cannot be asked.
fn clock_ticks() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(ask_clock_ticks)
}

fn ask_clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok())
        .filter(|&ticks| ticks > 0)
        .unwrap_or(100)
}
