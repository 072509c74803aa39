//! Scrolling between left and right margins in a real xterm: kanbao reads the seed bulletin
//! in an 80×24 xterm with its default settings (on a virtual X server, keys typed with
//! xdotool). The screen xterm shows after each scroll must be what it shows when kanbao is
//! told not to use margins (`margins = false` in `[reader]`: the plain and whole-row
//! updates, which the other tests check against a model of the terminal), and every line in
//! the pane a line of `kanbao cat` of the same article at the pane's width. xterm's log shows
//! that the margins were used; its print-screen (`ESC [ i`, media copy, to a printer command
//! that writes a file) shows the screen.
//!
//! Xvfb, xterm and xdotool must be installed (`.ci/run` installs them); a missing one fails
//! the test rather than skipping it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A virtual X server of the test's own, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Self {
        // `-displayfd 1`: the server picks a free display and says which on stdout.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1024x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed (apt-get install xvfb) to run the xterm test");
        let stdout = child.stdout.take().expect("Xvfb's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("Xvfb says its display");
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb did not start");
        Self {
            child,
            display: format!(":{number}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// kanbao in an 80×24 xterm, with its log, its print-screen file and the pty it runs on in a
/// folder of its own. Closed when dropped.
struct Xterm {
    child: Child,
    dir: TempDir,
    display: String,
}

impl Xterm {
    fn start(display: &str, margins: bool) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = |name: &str| dir.path().join(name).display().to_string();
        let config = if margins {
            ""
        } else {
            "[reader]\nmargins = false\n"
        };
        std::fs::write(path("config.toml"), config).expect("a config");
        let kanbao = env!("CARGO_BIN_EXE_kanbao");
        let issues = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
        let script = format!(
            "tty > '{}'; exec '{kanbao}' --issues '{}' --state '{}' --config '{}'",
            path("tty"),
            issues.display(),
            path("state.toml"),
            path("config.toml"),
        );
        let child = Command::new("xterm")
            .env("DISPLAY", display)
            .args(["-geometry", "80x24", "-l", "-lf", &path("log")])
            .args([
                "-xrm",
                &format!("XTerm*printerCommand: cat > '{}'", path("dump")),
            ])
            .args(["-xrm", "XTerm*printAttributes: 0"])
            .args(["-e", "sh", "-c", &script])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xterm must be installed (apt-get install xterm) to run the xterm test");
        let xterm = Self {
            child,
            dir,
            display: display.to_owned(),
        };
        let window = xterm.xdotool(&["search", "--sync", "--pid", &xterm.child.id().to_string()]);
        let window = window.lines().next().expect("xterm's window").to_owned();
        xterm.xdotool(&["windowfocus", "--sync", &window]);
        // Keys typed while kanbao asks the terminal about itself are dropped: wait until the
        // question has gone out (after the first frame), then until all is quiet.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !xterm.log().contains("\x1b[?69$p") {
            assert!(Instant::now() < deadline, "kanbao never asked the terminal");
            sleep(Duration::from_millis(50));
        }
        xterm.settle();
        xterm
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Everything kanbao wrote to the terminal so far.
    fn log(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(self.file("log")).unwrap_or_default()).into_owned()
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let output = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(args)
            .output()
            .expect("xdotool must be installed (apt-get install xdotool) to run the xterm test");
        assert!(output.status.success(), "xdotool {args:?} failed");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Types `keys` (X key names) into the focused xterm and waits for kanbao to draw.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["key", "--delay", "40"];
        args.extend_from_slice(keys);
        self.xdotool(&args);
        self.settle();
    }

    /// Waits until the log has something and has not grown for a while: kanbao writes nothing
    /// while idle, so it has drawn everything it was asked to.
    fn settle(&self) {
        let size = || std::fs::metadata(self.file("log")).map_or(0, |m| m.len());
        wait_until_stable(size, "kanbao to draw");
    }

    /// The screen, as xterm prints it: one line per row, the second column of a wide
    /// character (which xterm prints as U+FFFF) left out, and the blanks at the end of each
    /// row (xterm prints the spaces written there but not the cells never written or erased,
    /// a difference nobody sees).
    fn screen(&self) -> String {
        let dump = self.file("dump");
        let _ = std::fs::remove_file(&dump);
        let tty = std::fs::read_to_string(self.file("tty")).expect("kanbao's terminal");
        // Written to the pty as if kanbao had: xterm prints its screen to the printer command.
        std::fs::OpenOptions::new()
            .write(true)
            .open(tty.trim())
            .and_then(|mut pty| pty.write_all(b"\x1b[i"))
            .expect("write to the pty");
        let size = || std::fs::metadata(&dump).map_or(0, |m| m.len());
        wait_until_stable(size, "xterm to print its screen");
        let text = std::fs::read_to_string(&dump).expect("the printed screen");
        let mut screen = String::new();
        for line in text.replace('\u{FFFF}', "").lines() {
            screen.push_str(line.trim_end_matches(' '));
            screen.push('\n');
        }
        screen
    }
}

impl Drop for Xterm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `size` is above zero and has stayed the same for 400 ms.
fn wait_until_stable(size: impl Fn() -> u64, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let (mut last, mut since) = (0, Instant::now());
    loop {
        sleep(Duration::from_millis(50));
        let now = size();
        if now != last {
            (last, since) = (now, Instant::now());
        } else if now > 0 && since.elapsed() >= Duration::from_millis(400) {
            return;
        }
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
    }
}

/// Opens the seed bulletin's second article (36 lines at the pane's 51 columns), scrolls it
/// line by line down and up and a page down, and returns the screen after each.
fn read_the_seed(xterm: &Xterm) -> Vec<(&'static str, String)> {
    // The third issue, its second article, read in the pane.
    xterm.keys(&["bracketright", "bracketright", "j", "Return"]);
    let mut screens = Vec::new();
    let steps: [(&str, &[&str]); 5] = [
        ("one line down", &["j"]),
        ("five more", &["j", "j", "j", "j", "j"]),
        ("three up", &["k", "k", "k"]),
        ("one up", &["k"]),
        ("a page down", &["space"]),
    ];
    for (what, keys) in steps {
        xterm.keys(keys);
        screens.push((what, xterm.screen()));
    }
    screens
}

/// The seed's second article as `kanbao cat` prints it at the pane's 51 columns.
fn cat_lines() -> Vec<String> {
    let issues = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("--issues")
        .arg(&issues)
        .args([
            "--config",
            "/dev/null",
            "cat",
            "2022-11-shanghai-postal/2",
            "--width",
            "51",
        ])
        .output()
        .expect("kanbao cat");
    assert!(output.status.success(), "kanbao cat failed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end_matches(' ').to_owned())
        .collect()
}

#[test]
fn xterm_shows_the_same_screens_with_margins_as_without() {
    let server = Xvfb::start();
    let with = Xterm::start(&server.display, true);
    let shown = read_the_seed(&with);
    let log = with.log();
    drop(with);
    let without = Xterm::start(&server.display, false);
    let wanted = read_the_seed(&without);
    let plain_log = without.log();
    drop(without);

    let article = cat_lines();
    for ((what, shown), (_, wanted)) in shown.iter().zip(&wanted) {
        assert!(
            wanted.contains("上海邮政快递业简报 · 2/9"),
            "{what}: not the seed's second article:\n{wanted}"
        );
        assert_eq!(shown, wanted, "{what}: the screen with margins differs");
        // The pane, right of the rule, above the status line.
        let rows: Vec<&str> = shown.lines().collect();
        for row in &rows[..rows.len() - 1] {
            let Some((_, pane)) = row.split_once('│') else {
                panic!("{what}: no rule between list and pane in {row:?}:\n{shown}");
            };
            let pane = pane.strip_prefix(' ').unwrap_or(pane);
            assert!(
                pane.is_empty() || article.iter().any(|line| line == pane),
                "{what}: not a line of the article: {pane:?}\n{shown}"
            );
        }
    }
    // Each step moved the text.
    for pair in wanted.windows(2) {
        assert_ne!(pair[0].1, pair[1].1, "{} did not scroll", pair[1].0);
    }
    // The margins were used (DECLRMM, DECSLRM around the pane's columns), and only where
    // kanbao was allowed to.
    assert!(
        log.contains("\x1b[?69h\x1b[1;23r\x1b[29;79s"),
        "no scroll between margins"
    );
    assert!(
        !plain_log.contains("\x1b[?69h"),
        "margins used with margins = false"
    );
}
