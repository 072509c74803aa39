//! A `kanbao` command (`list`, `search`) on a corpus under `/usr/bin/time -v`, its output
//! thrown away: its peak memory, CPU and wall time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::time_report::TimeReport;
use super::tools::TIME;

/// What one run of a command measured.
#[derive(Debug, Clone, Copy)]
pub struct CliRun {
    /// From spawning `/usr/bin/time` to its exit.
    pub wall: Duration,
    pub time: TimeReport,
}

/// Runs `kanbao --issues ISSUES ARGS…` with a fresh state file and no user config.
pub fn run(kanbao: &Path, issues: &Path, args: &[&str]) -> CliRun {
    let work = tempfile::tempdir().expect("a temporary folder for the run");
    let report = work.path().join("time.txt");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    let start = Instant::now();
    let status = Command::new(TIME)
        .arg("-v")
        .arg("-o")
        .arg(&report)
        .arg(kanbao)
        .arg("--config")
        .arg(&config)
        .arg("--issues")
        .arg(issues)
        .arg("--state")
        .arg(work.path().join("state.toml"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env("XDG_STATE_HOME", "/nonexistent")
        .env("KANBAO_CONFIG", "")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("/usr/bin/time runs");
    let wall = start.elapsed();
    assert!(status.success(), "kanbao {args:?} failed: {status}");
    CliRun {
        wall,
        time: TimeReport::read(&report),
    }
}
