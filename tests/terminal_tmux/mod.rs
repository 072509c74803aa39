//! Running a test binary's own `#[ignore]`d "child" test inside a tmux pane, and talking to it
//! through files in a temporary directory.
//!
//! Each server has its own socket (`tmux -L`) in a temporary folder of its own (`TMUX_TMPDIR`),
//! and is killed when the [`Tmux`] is dropped, even if the test fails; the folder goes with it
//! (tmux 3.3 leaves its socket file behind when the server exits, killed or not). tmux must be
//! installed: a missing tmux fails the test.

#![allow(dead_code)] // Each test file uses part of this.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

#[path = "../support/tools.rs"]
mod tools;

/// How long a child gets to do each step (debug builds under a loaded CI runner are slow).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Where the child's files go: set in the child's environment.
pub const DIR_VAR: &str = "KANBAO_TERMINAL_TEST_DIR";

pub struct Tmux {
    socket: String,
    /// `TMUX_TMPDIR` for every tmux command: the socket is `tmux-UID/<socket>` in it.
    dir: tempfile::TempDir,
}

/// How the pane's terminal draws East Asian Ambiguous characters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ambiguous {
    Narrow,
    Wide,
}

impl Tmux {
    /// Starts a tmux server on socket `kanbao-<label>-<pid>` with one 80×24 pane running this
    /// test binary's test `child` (an ignored test), with [`DIR_VAR`] set to `dir`.
    /// `redirect` is appended to the shell command (e.g. `< /dev/null`).
    ///
    /// The child must not be the pane's own process: tmux continues that when it stops (no
    /// job-control shell would), and the suspend test needs its child to stay stopped. So it
    /// is not the shell's last command, which the shell would `exec`.
    pub fn start(
        label: &str,
        ambiguous: Ambiguous,
        child: &str,
        dir: &Path,
        redirect: &str,
    ) -> Self {
        tools::require("tmux", "tmux");
        let socket = format!("kanbao-{label}-{}", std::process::id());
        let exe = std::env::current_exe().expect("the test binary's path");
        let command = format!(
            "RUST_BACKTRACE=0 {DIR_VAR}={} {} --exact {} --ignored --nocapture --test-threads=1 {redirect}; exit $?",
            quote(dir.as_os_str()),
            quote(exe.as_os_str()),
            quote(OsStr::new(child)),
        );
        let tmux = Self {
            socket,
            dir: tempfile::tempdir().expect("a temporary folder for the tmux socket"),
        };
        let output = match ambiguous {
            Ambiguous::Narrow => tmux
                .command()
                .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d"])
                .args(["-x", "80", "-y", "24", &command])
                .output(),
            Ambiguous::Wide => {
                let script = tools::wide_ambiguous_tmux();
                let mut bash = Command::new("bash");
                bash.env_remove("TMUX")
                    .env("TMUX_TMPDIR", tmux.dir.path())
                    .arg(&script)
                    .args([&tmux.socket, "80", "24", &command]);
                bash.output()
            }
        };
        check("start tmux", output);
        tmux
    }

    /// tmux with a UTF-8 locale (it measures characters with wcwidth), outside any tmux the
    /// tests may be run from, and with this server's socket folder.
    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .env_remove("TMUX")
            .env("LC_ALL", "C.UTF-8")
            .env("TMUX_TMPDIR", self.dir.path());
        command
    }

    /// `tmux display-message -p FORMAT` for the pane, trimmed.
    pub fn display(&self, format: &str) -> String {
        let output = self
            .command()
            .args(["-L", &self.socket, "display-message", "-p", format])
            .output();
        check("tmux display-message", output).trim().to_owned()
    }

    /// Types `text` into the pane, as keys.
    pub fn type_text(&self, text: &str) {
        let output = self
            .command()
            .args(["-L", &self.socket, "send-keys", "-l", text])
            .output();
        check("tmux send-keys", output);
    }

    /// The pane's screen with up to 200 lines of history.
    pub fn capture(&self) -> String {
        let output = self
            .command()
            .args(["-L", &self.socket, "capture-pane", "-p", "-S", "-200"])
            .output();
        check("tmux capture-pane", output)
    }

    /// The pane's modes: alternate screen, cursor visible, any-motion mouse, SGR mouse.
    pub fn modes(&self) -> String {
        self.display("alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} sgr=#{mouse_sgr_flag}")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Then the socket's folder goes with `dir`.
        let _ = self
            .command()
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn check(what: &str, output: std::io::Result<Output>) -> String {
    let output = output.unwrap_or_else(|err| panic!("{what}: {err} (is tmux installed?)"));
    assert!(
        output.status.success(),
        "{what}: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Single-quotes for sh.
fn quote(text: &OsStr) -> String {
    format!(
        "'{}'",
        text.to_str().expect("UTF-8 path").replace('\'', r"'\''")
    )
}

/// Waits for the file `name` in `dir` to exist and returns its contents.
pub fn wait_for(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&path) {
            return text;
        }
        assert!(start.elapsed() < PATIENCE, "the child never wrote {name}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until `check` is true, failing with `what` after [`PATIENCE`].
pub fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// In the child: the directory to talk through, or `None` when run directly (not in tmux).
pub fn child_dir() -> Option<PathBuf> {
    std::env::var_os(DIR_VAR).map(PathBuf::from)
}

/// In the child: writes `text` to `name` atomically (the parent polls for the file).
pub fn child_write(dir: &Path, name: &str, text: &str) {
    let partial = dir.join(format!("{name}.partial"));
    std::fs::write(&partial, text).expect("write a result");
    std::fs::rename(&partial, dir.join(name)).expect("publish a result");
}

/// Signals the child to go on (it waits with [`wait_for`]).
pub fn tell(dir: &Path, name: &str) {
    child_write(dir, name, "");
}
