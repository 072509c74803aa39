//! The first screen of a 5 MB article: the reader against `less`, each started in tmux at
//! 80×24 and timed from the Enter that starts it to the first screen that shows the article's
//! opening words. The issue holds that one article; `less` pages the same article as
//! `kanbao cat --width 80` prints it. The pane's shell waits on a line and then `exec`s the
//! program, so neither tmux's start nor a shell's is in the time; both pay the same for the
//! Enter reaching the pane and for the screen being polled (every 2 ms, a tmux client each).

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
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

    /// One start of the reader on the article: Enter to the opening on screen.
    pub fn reader(&self, kanbao: &Path) -> Duration {
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
        first_screen(&program, "kanbao", &state)
    }

    /// One start of `less` on the article as text: Enter to the opening on screen.
    pub fn less(&self) -> Duration {
        let text = self.dir.path().join("big.txt");
        let program = format!(
            "LESS= LESSOPEN= LESSHISTFILE=- exec less {}",
            quote_path(&text)
        );
        first_screen(&program, "less", &text)
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
    let waited = Instant::now();
    while process::find(comm, arg).is_some() {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "{comm} did not exit after q"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    took
}
