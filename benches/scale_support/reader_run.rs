//! The reader (the release binary) on a corpus in tmux at 80×24, under `/usr/bin/time -v`:
//! how long until the whole list has loaded, the CPU it took, optionally a first search, how
//! long `q` takes to end the process, and the peak memory of the whole run.
//!
//! The pane's shell waits on a line before it starts kanbao, so that the clock starts when
//! the bench sends Enter rather than when tmux starts. kanbao's reading state goes to a fresh
//! file, so every run starts on the newest issue as a first run does.

use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::process;
use super::time_report::TimeReport;
use super::tmux::{Tmux, quote_path, status_line};
use super::tools::TIME;

/// How often the screen is read while waiting for the list: the loading takes seconds.
const POLL: Duration = Duration::from_millis(5);

/// What one run of the reader measured.
#[derive(Debug, Clone, Copy)]
pub struct ReaderRun {
    /// From Enter to the look at the screen that first shows a status line that no longer
    /// says `loading` (the clock read as that look begins).
    pub loaded: Duration,
    /// kanbao's user plus system time as that look begins (`/proc/PID/stat`).
    pub cpu_loaded: Duration,
    /// From `s` to the status line's `N matches`, if the run searched.
    pub searched: Option<Duration>,
    /// From sending `q` to the process having exited (polled every millisecond).
    pub quit: Duration,
    pub time: TimeReport,
}

/// Runs the reader on `issues` once; with `query`, searches for it once the list has loaded
/// (`s`, the query, Enter) before quitting.
pub fn run(kanbao: &Path, issues: &Path, query: Option<&str>) -> ReaderRun {
    let work = tempfile::tempdir().expect("a temporary folder for the run");
    let state = work.path().join("state.toml");
    let report = work.path().join("time.txt");
    let exit = work.path().join("exit");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    let command = format!(
        "cd {work} && echo ready && read go && \
         XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent KANBAO_CONFIG= \
         {TIME} -v -o time.txt {kanbao} --config {config} --issues {issues} --state {state}; \
         echo $? > exit.new && mv exit.new exit; sleep 600",
        work = quote_path(work.path()),
        kanbao = quote_path(kanbao),
        config = quote_path(&config),
        issues = quote_path(issues),
        state = quote_path(&state),
    );
    let tmux = Tmux::start(80, 24, &command);
    tmux.wait_for(Duration::from_secs(10), POLL, "the shell", |s| {
        s.contains("ready")
    });

    let start = Instant::now();
    tmux.send(&["Enter"]);
    let pid = process::wait_for("kanbao", &state, Duration::from_secs(10));
    // The clock and the CPU time are read just before each look at the screen, and those of
    // the look that first shows the whole list are kept: the list became whole between the
    // look before and that one. Read after the look, they would count the time a look takes
    // (a tmux client, slow while both cores are busy) and the search indexer's work, which
    // starts on both cores the moment the list is whole.
    let (loaded, cpu_loaded) = loop {
        let (at, cpu) = (Instant::now(), process::cpu_time(pid));
        let status_line_now = tmux.capture();
        let status = status_line(&status_line_now);
        if status.contains("? help") && !status.contains("loading") {
            break (at - start, cpu);
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "timed out waiting for the whole list; the screen:\n{status_line_now}"
        );
        sleep(POLL);
    };

    let searched = query.map(|query| {
        let start = Instant::now();
        tmux.send(&["s"]);
        tmux.send(&["-l", query]);
        tmux.send(&["Enter"]);
        let (_, seen) = tmux.wait_for(
            Duration::from_secs(600),
            Duration::from_millis(2),
            "the search's matches",
            |s| status_line(s).contains("matches"),
        );
        seen - start
    });

    let start = Instant::now();
    tmux.send(&["q"]);
    while process::alive(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "kanbao did not exit within 2 minutes of q; the screen:\n{}",
            tmux.capture()
        );
        sleep(Duration::from_millis(1));
    }
    let quit = start.elapsed();

    let waited = Instant::now();
    while !exit.exists() {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "no exit status from the pane; the screen:\n{}",
            tmux.capture()
        );
        sleep(Duration::from_millis(5));
    }
    let status = std::fs::read_to_string(&exit).unwrap_or_default();
    assert_eq!(
        status.trim(),
        "0",
        "kanbao exited with status {status}; the screen:\n{}",
        tmux.capture()
    );
    ReaderRun {
        loaded,
        cpu_loaded,
        searched,
        quit,
        time: TimeReport::read(&report),
    }
}
