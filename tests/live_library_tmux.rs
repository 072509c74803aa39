//! The issues folder changes while the reader is open, in tmux at 80×24: a new issue copied
//! in, an issue renamed over (a paragraph put in before the place being read), edited in place
//! until it does not load (its other articles then say that their file changed), deleted
//! while read and after, and a burst of 500 files; the list's rows and the reading pane stay
//! where they were. Once more with the folder polled; and a folder read once (not watched)
//! keeps its articles' text when a file changes.

mod support {
    pub mod tmux;
}

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::Duration;

use support::tmux::{Tmux, status_line};

const SEED: &str = "2022-11-shanghai-postal.toml";

/// The reading pane: each row right of the list's rule.
fn pane(screen: &str) -> Vec<String> {
    screen
        .lines()
        .take(23)
        .map(|line| line.split_once('│').map_or("", |(_, pane)| pane).to_owned())
        .collect()
}

fn issue(title: &str, date: &str) -> String {
    format!(
        "title = \"{title}\"\ndate = {date}\n\n[[article]]\ntitle = \"{title}之一\"\nbody = '''\n正文。\n'''\n"
    )
}

/// A copy of the shipped issues and a config that watches them (`watch` as given).
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new(watch: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("issues")).expect("issues");
        for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("issues"))
            .expect("the shipped issues")
        {
            let path = entry.expect("an entry").path();
            let name = path.file_name().expect("a name");
            fs::copy(&path, dir.path().join("issues").join(name)).expect("copy");
        }
        fs::write(
            dir.path().join("config.toml"),
            format!("[library]\nwatch = \"{watch}\"\npoll_interval = 1\n"),
        )
        .expect("config");
        Self { dir }
    }

    fn issues(&self) -> PathBuf {
        self.dir.path().join("issues")
    }

    fn issue(&self, name: &str) -> PathBuf {
        self.issues().join(name)
    }

    fn open(&self, name: &str) -> Tmux {
        let command = format!(
            "XDG_CONFIG_HOME=/nonexistent KANBAO_CONFIG= {} --config {} --issues {} --state {}",
            env!("CARGO_BIN_EXE_kanbao"),
            self.dir.path().join("config.toml").display(),
            self.issues().display(),
            self.dir.path().join("state.toml").display(),
        );
        let tmux = Tmux::start(name, 80, 24, &command);
        tmux.wait_for(10, "the issues", |s| {
            s.contains("? help") && !status_line(s).contains("loading")
        });
        tmux
    }
}

/// To the seed's second article, a page into it, the pane focused.
fn read_the_seed(tmux: &Tmux) -> String {
    tmux.to_the_seeds_second_article();
    tmux.send(&["Tab"]);
    sleep(Duration::from_millis(200));
    let before = tmux.capture();
    tmux.send(&["j", "j", "j"]);
    tmux.wait_for(5, "three lines down", |s| s != before)
}

/// Renames a new version of `path` over it, as editors and rsync save.
fn rename_over(path: &Path, text: &str) {
    let temporary = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().expect("a name").to_string_lossy()
    ));
    fs::write(&temporary, text).expect("write");
    fs::rename(&temporary, path).expect("rename");
}

/// The seed with a paragraph put in at the start of its second article's body.
fn seed_with_a_new_paragraph(folder: &Folder) -> String {
    let text = fs::read_to_string(folder.issue(SEED)).expect("the seed");
    let opening = "body = \"\"\"\n";
    let mut parts = text.splitn(3, opening);
    let (first, second, rest) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().expect("a second body"),
    );
    format!("{first}{opening}{second}{opening}插入的新段落。\n\n{rest}")
}

fn watch_and_keep_the_place(watch: &str, name: &str) {
    let folder = Folder::new(watch);
    let tmux = folder.open(name);
    let reading = read_the_seed(&tmux);

    // A new issue, dated newest: it goes at the top of the list with a note; the seed's rows
    // and the pane stay where they are.
    fs::write(
        folder.issue("2030-01.toml"),
        issue("未来简报", "2030-01-01"),
    )
    .expect("write");
    let screen = tmux.wait_for(10, "the new issue's note", |s| {
        status_line(s).contains("1 new issue: 未来简报")
    });
    assert_eq!(pane(&screen), pane(&reading), "the pane moved:\n{screen}");
    let seed_row = |s: &str| s.lines().position(|l| l.starts_with("上海邮政快递业简报"));
    assert_eq!(
        seed_row(&screen),
        seed_row(&reading),
        "the list moved:\n{screen}"
    );

    // The seed renamed over with a paragraph before the place: the place stays.
    rename_over(&folder.issue(SEED), &seed_with_a_new_paragraph(&folder));
    sleep(Duration::from_millis(1500));
    let screen = tmux.capture();
    assert_eq!(pane(&screen), pane(&reading), "the pane moved:\n{screen}");
    tmux.send(&["g"]);
    tmux.wait_for(5, "the new paragraph", |s| s.contains("插入的新段落。"));
    tmux.send(&["j", "j", "j", "j"]);
    sleep(Duration::from_millis(300));

    // Edited in place until it does not load: the last good version stays, `!` says why.
    fs::write(
        folder.issue(SEED),
        "title = \"上海邮政快递业简报\"\n[[article]\n",
    )
    .expect("write");
    let screen = tmux.wait_for(10, "the note", |s| status_line(s).contains("does not load"));
    assert!(
        screen.contains("插入的新段落。") || screen.contains("上海市邮政管理局"),
        "{screen}"
    );
    tmux.send(&["!"]);
    tmux.wait_for(5, "the problem", |s| s.contains(SEED));
    tmux.send(&["Escape"]);
    sleep(Duration::from_millis(200));
    // Its other articles' text was in the version that is gone: they say so, and show nothing
    // of the broken one.
    tmux.send(&["J"]);
    let screen = tmux.wait_for(5, "the next article's note", |s| {
        s.contains("This article cannot be shown:")
    });
    // Wherever the line breaks fall (the path's length varies).
    let shown: String = pane(&screen).concat().split_whitespace().collect();
    assert!(shown.contains("haschangedondisk"), "{screen}");
    tmux.send(&["K"]);
    sleep(Duration::from_millis(200));

    // Deleted while read: it stays until the reader leaves it.
    fs::remove_file(folder.issue(SEED)).expect("remove");
    tmux.wait_for(10, "the note", |s| status_line(s).contains("removed"));
    tmux.send(&["Escape"]);
    sleep(Duration::from_millis(200));
    tmux.send(&["["]);
    let screen = tmux.wait_for(5, "the seed gone", |s| {
        !s.lines().any(|l| l.starts_with("上海邮政快递业简报"))
    });
    assert!(!screen.contains("上海邮政快递业简报 ·"), "{screen}");

    // Deleted while not read: gone at once.
    tmux.send(&["G"]);
    tmux.wait_for(5, "the last article", |s| {
        !status_line(s).contains("未来简报")
    });
    fs::remove_file(folder.issue("2030-01.toml")).expect("remove");
    tmux.wait_for(10, "the new issue gone", |s| !s.contains("未来简报"));
}

#[test]
fn a_folder_read_once_keeps_its_text_when_a_file_changes() {
    // With watching off nothing reads a changed file again: the bodies stay in memory.
    let folder = Folder::new("off");
    let tmux = folder.open("live-off");
    tmux.to_the_seeds_second_article();
    fs::write(
        folder.issue(SEED),
        "title = \"上海邮政快递业简报\"\n[[article]\n",
    )
    .expect("write");
    sleep(Duration::from_millis(300));
    tmux.send(&["J"]);
    let screen = tmux.wait_for(5, "the third article", |s| status_line(s).contains("3/9"));
    let shown = pane(&screen).concat();
    assert!(!shown.contains("cannot be shown"), "{screen}");
    assert!(shown.contains("宝山"), "{screen}");
}

#[test]
fn the_place_holds_while_issues_come_change_and_go() {
    watch_and_keep_the_place("auto", "live-auto");
}

#[test]
fn a_polled_folder_is_taken_in_the_same_way() {
    watch_and_keep_the_place("poll", "live-poll");
}

#[test]
fn a_burst_of_500_files_is_one_change() {
    let folder = Folder::new("auto");
    let tmux = folder.open("live-burst");
    let reading = read_the_seed(&tmux);
    let staging = folder.dir.path().join("staging");
    fs::create_dir(&staging).expect("staging");
    for n in 0..500 {
        let date = format!(
            "{}-{:02}-{:02}",
            2031 + n / 336,
            n % 12 + 1,
            n / 12 % 28 + 1
        );
        fs::write(
            staging.join(format!("b{n:03}.toml")),
            issue(&format!("批量{n:03}"), &date),
        )
        .expect("write");
    }
    // As rsync does: each file written under a hidden name, then renamed into place.
    for n in 0..500 {
        let name = format!("b{n:03}.toml");
        let hidden = folder.issue(&format!(".{name}.XXXXXX"));
        fs::copy(staging.join(&name), &hidden).expect("copy");
        fs::rename(&hidden, folder.issue(&name)).expect("rename");
    }
    let screen = tmux.wait_for(20, "the burst's note", |s| {
        status_line(s).contains("new issues")
    });
    assert!(
        status_line(&screen).contains("500 new issues"),
        "the burst was taken in more than once:\n{screen}"
    );
    assert_eq!(pane(&screen), pane(&reading), "the pane moved:\n{screen}");
}

#[test]
fn open_search_results_take_in_a_new_issue() {
    let folder = Folder::new("auto");
    let tmux = folder.open("live-search");
    tmux.send(&["s"]);
    sleep(Duration::from_millis(200));
    tmux.send(&["未来简报", "Enter"]);
    tmux.wait_for(5, "no match yet", |s| status_line(s).contains("0 matches"));
    fs::write(
        folder.issue("2030-01.toml"),
        issue("未来简报", "2030-01-01"),
    )
    .expect("write");
    let screen = tmux.wait_for(10, "the new issue's matches", |s| {
        let status = status_line(s);
        status.contains("未来简报") && !status.contains("0 matches")
    });
    // The results, not the list: a match row is "issue · article".
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|row| row.contains("未来简报 · 未来简报之一")),
        "the results do not show the new issue:\n{screen}"
    );
}
