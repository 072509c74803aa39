//! The first screen of a 5 MB article: the reader against `less`, each started in tmux at
//! 80×24 and timed from the Enter that starts it to the article's opening words. The issue
//! holds that one article; `less` pages the same article as `kanbao cat --width 80` prints it.
//! The pane's shell waits on a line and then `exec`s the program, so neither tmux's start nor
//! a shell's is in the time. Timed two ways, in runs of their own:
//! - on screen: the screen polled every 2 ms, a tmux client each (as a script would see it;
//!   each poll takes one to two milliseconds, so the times come in steps of about 3.5 ms);
//! - written: Enter sent by a control-mode client, which hears the pane's output as tmux reads
//!   it, to the output that completes the opening words (to a fraction of a millisecond).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::process;
use super::tmux::{Tmux, quote_path};
use crate::support::chinese_article;

/// The article's first paragraph, looked for on the screen.
const OPENING: &str = "开头一段五兆字节";

/// How often the screen is read while waiting for the article.
const POLL: Duration = Duration::from_millis(2);

/// The folder with the 5 MB issue, and the article as text for `less`.
pub struct BigArticle {
    dir: tempfile::TempDir,
}

impl BigArticle {
    /// Writes `big.toml` (one article of about 5 MiB of Chinese, starting with
    /// [`OPENING`]) and `big.txt` (`kanbao cat big/1 --width 80` of it).
    pub fn new(kanbao: &Path) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder for the article");
        let issues = dir.path().join("issues");
        std::fs::create_dir(&issues).expect("the issues folder");
        let mut file = String::from(
            "title = \"大文章\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"五兆字节\"\nbody = '''\n",
        );
        let _ = write!(
            file,
            "{OPENING}。\n\n{}\n'''\n",
            chinese_article(5 * 1024 * 1024)
        );
        std::fs::write(issues.join("big.toml"), file).expect("write the issue");
        let text = std::fs::File::create(dir.path().join("big.txt")).expect("create big.txt");
        let status = Command::new(kanbao)
            .args(["cat", "big/1", "--width", "80", "--issues"])
            .arg(&issues)
            .arg("--config")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"))
            .stdout(Stdio::from(text))
            .status()
            .expect("kanbao cat runs");
        assert!(status.success(), "kanbao cat big/1 failed: {status}");
        Self { dir }
    }

    /// One start of the reader on the article: Enter to the opening on screen (`written`:
    /// in the pane's output).
    pub fn reader(&self, kanbao: &Path, how: Timed) -> Duration {
        let work = tempfile::tempdir().expect("a temporary folder for the state");
        let state = work.path().join("state.toml");
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
        let program = format!(
            "XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent KANBAO_CONFIG= \
             exec {} --config {} --issues {} --state {}",
            quote_path(kanbao),
            quote_path(&config),
            quote_path(&self.dir.path().join("issues")),
            quote_path(&state)
        );
        how.time(&program, "kanbao", &state)
    }

    /// One start of `less` on the article as text, timed as [`reader`](Self::reader) is.
    pub fn less(&self, how: Timed) -> Duration {
        let text = self.dir.path().join("big.txt");
        let program = format!(
            "LESS= LESSOPEN= LESSHISTFILE=- exec less {}",
            quote_path(&text)
        );
        how.time(&program, "less", &text)
    }
}

/// How a first screen is timed (see the module docs).
#[derive(Debug, Clone, Copy)]
pub enum Timed {
    OnScreen,
    Written,
}

impl Timed {
    fn time(self, program: &str, comm: &str, arg: &Path) -> Duration {
        match self {
            Self::OnScreen => first_screen(program, comm, arg),
            Self::Written => first_output(program, comm, arg),
        }
    }
}

/// Starts `program` in a fresh tmux, times Enter to [`OPENING`] on screen, then quits it
/// with `q` and waits until the process (`comm` with `arg` on its command line) is gone.
fn first_screen(program: &str, comm: &str, arg: &Path) -> Duration {
    let tmux = Tmux::start(80, 24, &format!("echo ready && read go && {program}"));
    tmux.wait_for(Duration::from_secs(10), POLL, "the shell", |s| {
        s.contains("ready")
    });
    let start = Instant::now();
    tmux.send(&["Enter"]);
    let (_, seen) = tmux.wait_for(Duration::from_secs(60), POLL, "the article", |s| {
        s.contains(OPENING)
    });
    let took = seen - start;
    tmux.send(&["q"]);
    wait_until_gone(comm, arg);
    took
}

/// Starts `program` in a fresh tmux with a control-mode client attached, times Enter (sent
/// through that client) to the pane output that completes [`OPENING`], then quits it with `q`.
fn first_output(program: &str, comm: &str, arg: &Path) -> Duration {
    let tmux = Tmux::start(80, 24, &format!("echo ready && read go && {program}"));
    tmux.wait_for(Duration::from_secs(10), POLL, "the shell", |s| {
        s.contains("ready")
    });
    let mut client = tmux.control();
    let mut commands = client.stdin.take().expect("the client's stdin");
    let lines = client.stdout.take().expect("the client's stdout");
    let (seen_tx, seen) = mpsc::channel();
    // Reads to the end: a client whose output is not read stops, and would not pass on `q`.
    let listener = std::thread::spawn(move || {
        let mut output = Vec::new();
        let mut seen = false;
        for line in BufReader::new(lines).split(b'\n').map_while(Result::ok) {
            if seen {
                continue;
            }
            if let Some(data) = line.strip_prefix(b"%output %0 ") {
                output.extend(unescape(data));
                seen = output
                    .windows(OPENING.len())
                    .any(|w| w == OPENING.as_bytes());
                if seen {
                    let _ = seen_tx.send(Instant::now());
                }
            }
        }
    });
    let start = Instant::now();
    writeln!(commands, "send-keys -t 0 Enter")
        .and_then(|()| commands.flush())
        .expect("Enter sent");
    let seen = seen
        .recv_timeout(Duration::from_secs(60))
        .expect("the article in the pane's output");
    writeln!(commands, "send-keys -t 0 q")
        .and_then(|()| commands.flush())
        .expect("q sent");
    wait_until_gone(comm, arg);
    let _ = client.kill();
    let _ = client.wait();
    let _ = listener.join();
    seen - start
}

/// A control-mode `%output` line's data as bytes: tmux writes `\ooo` (octal) for a backslash
/// and for bytes below a space.
fn unescape(data: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some((&first, after)) = rest.split_first() {
        let octal = after
            .get(..3)
            .filter(|digits| first == b'\\' && digits.iter().all(|d| (b'0'..=b'7').contains(d)));
        if let Some(digits) = octal {
            bytes.push(
                digits
                    .iter()
                    .fold(0_u8, |n, d| n.wrapping_mul(8) + (d - b'0')),
            );
            rest = after.get(3..).unwrap_or_default();
        } else {
            bytes.push(first);
            rest = after;
        }
    }
    bytes
}

/// Waits until the process (`comm` with `arg` on its command line) is gone.
fn wait_until_gone(comm: &str, arg: &Path) {
    let waited = Instant::now();
    while process::find(comm, arg).is_some() {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "{comm} did not exit after q"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}
