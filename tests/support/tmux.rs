//! Driving the built binary in a real terminal: a tmux server of the test's own, keys sent
//! with send-keys, screens read with capture-pane. tmux must be installed (`.ci/run` installs
//! it); a missing tmux fails the test rather than skipping it.
//!
//! Each server keeps its socket in a temporary folder of its own (`TMUX_TMPDIR`), removed when
//! the [`Tmux`] is dropped: tmux 3.3 leaves the socket file behind when its server exits,
//! killed or not, and `/tmp/tmux-UID` would fill with them.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

#[path = "proc.rs"]
mod proc;
#[allow(
    unused_imports,
    reason = "not every test that uses tmux looks at processes"
)]
pub use proc::{alive, cpu_ticks};

#[path = "tools.rs"]
pub mod tools;

/// A tmux server on its own socket, killed when dropped.
pub struct Tmux {
    socket: String,
    /// `TMUX_TMPDIR` for every tmux command: the socket is `tmux-UID/<socket>` in it.
    dir: TempDir,
}

impl Tmux {
    /// Starts `command` (run by `sh -c` in the crate root) in a `width` × `height` window.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Self {
        Self::start_with(name, width, height, command, None)
    }

    /// Like `start`, through the wrapper that makes tmux draw ambiguous characters wide.
    pub fn start_wide_ambiguous(name: &str, width: u16, height: u16, command: &str) -> Self {
        let wrapper = tools::wide_ambiguous_tmux();
        Self::start_with(name, width, height, command, Some(&wrapper))
    }

    /// Like `start`, through the wrapper that makes tmux draw a lone regional indicator (🇵)
    /// two columns wide.
    pub fn start_wide_regional(name: &str, width: u16, height: u16, command: &str) -> Self {
        let wrapper = tools::wide_regional_tmux();
        Self::start_with(name, width, height, command, Some(&wrapper))
    }

    fn start_with(
        name: &str,
        width: u16,
        height: u16,
        command: &str,
        wrapper: Option<&Path>,
    ) -> Self {
        tools::require("tmux", "tmux");
        let tmux = Self {
            socket: format!("kanbao-test-{}-{name}", std::process::id()),
            dir: tempfile::tempdir().expect("a temporary folder for the tmux socket"),
        };
        let root = env!("CARGO_MANIFEST_DIR");
        let full = format!("cd '{root}' && {command}");
        let status = match wrapper {
            Some(wrapper) => tmux
                .command(wrapper)
                .args([
                    &tmux.socket,
                    &width.to_string(),
                    &height.to_string(),
                    "sh",
                    "-c",
                ])
                .arg(format!("'{}'", full.replace('\'', "'\\''")))
                .status(),
            None => tmux
                .command(Path::new("tmux"))
                .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d"])
                .args(["-x", &width.to_string(), "-y", &height.to_string()])
                .args(["sh", "-c", &full])
                .status(),
        }
        .expect("tmux must be installed to run the end-to-end tests");
        assert!(status.success(), "tmux did not start");
        // No waiting for a lone Esc to become Alt-something.
        tmux.run(&["set-option", "-g", "escape-time", "0"]);
        tmux
    }

    /// `program` (tmux, or a script that runs it) with this server's socket folder.
    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command.env("TMUX_TMPDIR", self.dir.path());
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(Path::new("tmux"))
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// A tmux format variable of the pane (`alternate_on`, `cursor_flag`…).
    pub fn pane_var(&self, name: &str) -> String {
        let format = format!("#{{{name}}}");
        let output = self.run(&["display-message", "-p", "-t", "0", &format]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Waits until the screen satisfies `done`, returning it; panics after `seconds`.
    pub fn wait_for(&self, seconds: u64, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if done(&screen) {
                // A screen caught in the middle of a redraw is not what a reader sees:
                // wait until it holds still.
                sleep(Duration::from_millis(40));
                let again = self.capture();
                if again == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                start.elapsed() < Duration::from_secs(seconds),
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // The hang-up ends what runs in the pane, but not at once: kanbao saves its state on
        // the way out, and would make the test's state folder again if the test removed it
        // first. So wait (a while at most) until they are gone.
        let running = self.pane_processes();
        let _ = self.run(&["kill-server"]);
        let start = Instant::now();
        while running.iter().any(|&pid| alive(pid)) && start.elapsed() < Duration::from_secs(5) {
            sleep(Duration::from_millis(20));
        }
        // Then the socket's folder goes with `dir`.
    }
}

/// The command that runs the built binary on the shipped issues with no user config and the
/// reading state in `state` (so tests never touch the user's state, nor each other's).
pub fn kanbao_command(state: &Path, extra: &str) -> String {
    format!(
        "XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent KANBAO_CONFIG= {} --config config.toml --state '{}' {extra}; echo \"kanbao exited $?\"; sleep 60",
        env!("CARGO_BIN_EXE_kanbao"),
        state.display()
    )
}

/// A fresh state file path in a temporary folder that lives as long as the returned guard.
pub fn fresh_state() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.toml");
    (dir, path)
}

/// kanbao in an 80×24 session `name` with its reading state in `state`, once the seed
/// bulletin's first article is marked read (two `]`, then `m`); the mark is not saved yet.
pub fn with_the_seed_marked_read(name: &str, state: &Path) -> Tmux {
    let tmux = Tmux::start(name, 80, 24, &kanbao_command(state, ""));
    // The first frame comes before the issues: keys sent then would find an empty list.
    tmux.wait_for(10, "the issues loaded", |s| {
        s.contains("? help") && !s.contains("loading")
    });
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    tmux.send(&["m"]);
    tmux.wait_for(5, "the mark", |s| s.contains("marked read"));
    tmux
}

impl Tmux {
    /// The pid of the kanbao process running in the pane (a child of the pane's shell).
    pub fn kanbao_pid(&self) -> u32 {
        let shell = self.pane_var("pane_pid");
        let output = Command::new("ps")
            .args(["-o", "pid=,comm=", "--ppid", &shell])
            .output()
            .expect("ps runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .find(|l| l.contains("kanbao"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|pid| pid.parse().ok())
            .expect("kanbao runs in the pane")
    }

    /// Kills the server, which hangs up on every program in it.
    pub fn hang_up(&self) {
        let _ = self.run(&["kill-server"]);
    }

    /// The pane's process and all below it; none once the server is gone.
    fn pane_processes(&self) -> Vec<u32> {
        let Ok(pane) = self.pane_var("pane_pid").parse::<u32>() else {
            return Vec::new();
        };
        let Ok(output) = Command::new("ps").args(["-e", "-o", "pid=,ppid="]).output() else {
            return vec![pane];
        };
        let parents: Vec<(u32, u32)> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace().map(str::parse::<u32>);
                Some((fields.next()?.ok()?, fields.next()?.ok()?))
            })
            .collect();
        let mut found = vec![pane];
        let mut next = 0;
        while let Some(&parent) = found.get(next) {
            found.extend(
                parents
                    .iter()
                    .filter(|(_, p)| *p == parent)
                    .map(|(pid, _)| *pid),
            );
            next += 1;
        }
        found
    }
}

/// The last line of a screen: the reader's status line.
pub fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_owned()
}

impl Tmux {
    /// From the reader's first screen on the shipped issues to the seed bulletin's second
    /// article (`]` twice to the seed, `J` once), waiting for each.
    pub fn to_the_seeds_second_article(&self) {
        self.send(&["]"]);
        self.send(&["]"]);
        self.wait_for(5, "the seed", |s| {
            status_line(s).contains("上海邮政快递业简报 · 1/9")
        });
        self.send(&["J"]);
        self.wait_for(5, "its second article", |s| status_line(s).contains("2/9"));
    }
}
