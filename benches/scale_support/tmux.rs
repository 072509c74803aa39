//! A real terminal for the scale bench: a tmux server of its own (socket in a temporary
//! folder, as the end-to-end tests do), keys sent with send-keys, the screen read with
//! capture-pane. Each poll of the screen runs a tmux client (a millisecond or two), so times
//! measured by polling are good to a few milliseconds; a control-mode client
//! ([`Tmux::control`]) hears the pane's output as it comes.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::tools;

/// A tmux server on its own socket, killed when dropped.
pub struct Tmux {
    socket: String,
    /// `TMUX_TMPDIR` for every tmux command.
    dir: TempDir,
}

impl Tmux {
    /// Starts `command` (run by `sh -c`) in a `width` × `height` window.
    pub fn start(width: u16, height: u16, command: &str) -> Self {
        tools::require("tmux", "tmux");
        let tmux = Self {
            socket: format!("kanbao-scale-{}", std::process::id()),
            dir: tempfile::tempdir().expect("a temporary folder for the tmux socket"),
        };
        let output = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            command,
        ]);
        assert!(
            output.status.success(),
            "tmux did not start: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env("TMUX_TMPDIR", self.dir.path())
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// A control-mode client (`tmux -C attach`): commands on its stdin, the pane's output as
    /// `%output` lines on its stdout, each as tmux read it from the program.
    pub fn control(&self) -> Child {
        Command::new("tmux")
            .env("TMUX_TMPDIR", self.dir.path())
            .args(["-L", &self.socket, "-C", "attach", "-t", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tmux -C attach runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        let output = self.run(&args);
        assert!(output.status.success(), "tmux send-keys {keys:?} failed");
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// Polls the screen every `every` until `done` holds; returns it and when it was first
    /// seen. Panics after `timeout`, showing the screen.
    pub fn wait_for(
        &self,
        timeout: Duration,
        every: Duration,
        what: &str,
        done: impl Fn(&str) -> bool,
    ) -> (String, Instant) {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            let seen = Instant::now();
            if done(&screen) {
                return (screen, seen);
            }
            assert!(
                start.elapsed() < timeout,
                "timed out after {timeout:?} waiting for {what}; the screen:\n{screen}"
            );
            sleep(every);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The last non-blank line of a screen: the reader's status line.
pub fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default()
}

/// `text` quoted for `sh`.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `path` quoted for `sh`.
pub fn quote_path(path: &Path) -> String {
    quote(&path.to_string_lossy())
}
