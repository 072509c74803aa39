//! A terminal that never answers the cursor-position probe: kanbao asks once, gives up (after
//! at most 200 ms), falls back to ambiguous width 1 and works; keys typed while it waits are
//! not lost. And one that answers only once the first frame is there: the first frame does
//! not wait for the answer. Run under `script`, whose pty nobody answers: everything kanbao
//! writes is captured in order, and what the test writes is what the terminal answers.

mod support {
    pub mod silent_terminal;
}

use std::io::{Read, Write};
use std::process::{Child, ChildStdin};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

use support::silent_terminal;

/// How a full frame starts: the screen cleared.
const CLEAR: &[u8] = b"\x1b[2J";
/// The probe's question.
const QUESTION: &[u8] = b"\x1b[6n";

#[test]
fn a_silent_terminal_is_asked_once_and_the_reader_works() {
    let mut terminal = Terminal::start();
    // The first frame with the newest issue in it (the list's first heading).
    terminal.wait_for("the first frame", |s| {
        first_frame(s) && contains(s, "Grid Dispatches ·".as_bytes())
    });
    // At once: the reader is still waiting for an answer, and reads this with it. The status
    // line then names the next issue, at its first article (the list's heading does not say
    // `1/`).
    terminal.type_in(b"]");
    terminal.wait_for("the next issue", |s| {
        contains(s, "本の虫だより · 1/".as_bytes())
    });
    let screen = terminal.quit();
    let queries = screen
        .windows(QUESTION.len())
        .filter(|w| *w == QUESTION)
        .count();
    assert_eq!(queries, 1, "the terminal is asked once");
    assert!(
        contains(&screen, b"Two columns"),
        "the newest issue is shown"
    );
}

#[test]
fn the_first_frame_does_not_wait_for_the_answer() {
    let mut terminal = Terminal::start();
    // The first frame, after the question: answered only now, two columns wide.
    terminal.wait_for("the first frame", first_frame);
    terminal.type_in(b"\x1b[1;3R");
    // The reader took the answer, though it came after the first frame: the screen is
    // drawn again, whole, for a terminal that draws ambiguous characters wide.
    terminal.wait_for("a second frame", |s| {
        s.windows(CLEAR.len()).filter(|w| *w == CLEAR).count() >= 2
    });
    terminal.quit();
}

/// The question, then a full frame after it.
fn first_frame(screen: &[u8]) -> bool {
    position(screen, QUESTION)
        .and_then(|asked| screen.get(asked..))
        .is_some_and(|after| contains(after, CLEAR))
}

/// kanbao in a terminal that answers nothing by itself, the bytes it writes collected as they
/// come.
struct Terminal {
    child: Child,
    stdin: ChildStdin,
    written: Receiver<Vec<u8>>,
    reading: JoinHandle<()>,
    screen: Vec<u8>,
    _dir: tempfile::TempDir,
}

impl Terminal {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = dir.path().join("state.toml");
        let mut child = silent_terminal::start(&format!(
            "XDG_CONFIG_HOME=/nonexistent '{}' --config config.toml --state '{}'; echo EXIT=$?",
            env!("CARGO_BIN_EXE_kanbao"),
            state.display()
        ));
        let mut stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        let (chunks, written) = mpsc::channel();
        let reading = std::thread::spawn(move || {
            let mut chunk = [0_u8; 4096];
            while let Ok(read @ 1..) = stdout.read(&mut chunk) {
                if chunks.send(chunk[..read].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            written,
            reading,
            screen: Vec::new(),
            _dir: dir,
        }
    }

    /// Waits until what was written so far satisfies `done`.
    fn wait_for(&mut self, what: &str, done: impl Fn(&[u8]) -> bool) {
        while !done(&self.screen) {
            let chunk = self
                .written
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| {
                    panic!("no {what}:\n{}", String::from_utf8_lossy(&self.screen))
                });
            self.screen.extend(chunk);
        }
    }

    fn type_in(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("type");
        self.stdin.flush().expect("type");
    }

    /// Quits with `q`; everything written, once the shell says kanbao exited with 0.
    fn quit(mut self) -> Vec<u8> {
        self.type_in(b"q");
        self.wait_for("exit status 0", |s| contains(s, b"EXIT=0"));
        drop(self.stdin);
        let status = self.child.wait().expect("script ends");
        assert!(status.success(), "script: {status}");
        let _ = self.reading.join();
        self.screen.extend(self.written.try_iter().flatten());
        self.screen
    }
}

fn position(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    position(bytes, needle).is_some()
}
