//! End to end: a large issues folder shows its first issues while the rest load, in a real
//! terminal (tmux), and the list is whole once loading ends.

mod support {
    pub mod tmux;
}

use std::fmt::Write as _;
use std::fs;

use support::tmux::{Tmux, fresh_state, kanbao_command};

#[test]
fn a_large_folder_shows_the_newest_issues_while_the_rest_load() {
    let issues = tempfile::tempdir().expect("temp dir");
    let body = "邮政快递业务量持续增长，服务质量稳步提升。".repeat(120);
    // 600 issues of about 25 KB: long enough to load that the reader is seen at work.
    for n in 0..600 {
        let (year, month) = (2026 - n / 12, 12 - n % 12);
        let mut text = format!(
            "title = \"月报 {year}-{month:02}\"\nnumber = {n}\ndate = {year}-{month:02}-01\n"
        );
        for a in 1..=3 {
            let _ = write!(
                text,
                "\n[[article]]\nid = \"{year}-{month:02}/{a}\"\ntitle = \"第 {a} 篇\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
            );
        }
        fs::write(issues.path().join(format!("{year}-{month:02}.toml")), text)
            .expect("write issue");
    }
    let (_state_dir, state) = fresh_state();
    let extra = format!("--issues '{}'", issues.path().display());
    let tmux = Tmux::start("loading", 80, 24, &kanbao_command(&state, &extra));

    let partly = tmux.wait_for(20, "the newest issue while loading", |screen| {
        screen.contains("月报 2026-12") && screen.contains("loading ")
    });
    let status = partly.lines().last().unwrap_or_default();
    assert!(status.contains("/600"), "the status line counts: {status}");
    assert!(
        partly.contains("邮政快递业务量持续增长"),
        "the newest issue's first article is open while the rest load:\n{partly}"
    );

    let whole = tmux.wait_for(120, "every issue", |screen| {
        !screen.contains("loading") && screen.contains("月报 2026-12")
    });
    assert!(whole.contains("月报 2026-12 · 1/3"), "{whole}");
    // The list has every issue: the oldest is at its end.
    tmux.send(&["G"]);
    tmux.wait_for(10, "the oldest issue", |screen| {
        screen.contains("月报 1977-01")
    });
    tmux.send(&["q"]);
    tmux.wait_for(10, "kanbao to exit", |screen| {
        screen.contains("kanbao exited 0")
    });
}

#[test]
fn a_large_issue_file_opens_at_once_and_reads_to_its_real_end() {
    let issues = tempfile::tempdir().expect("temp dir");
    let paragraph = "邮政快递业务量持续增长，服务质量稳步提升，行业党建引领基层治理。\n\n";
    // About 2 MB: the reader shows its opening before reading it whole.
    let body = paragraph.repeat(2 * 1024 * 1024 / paragraph.len());
    let text = format!(
        "title = \"合订本\"\ndate = 2024-01-01\n\n[[article]]\ntitle = \"合订\"\nbody = '''\n开头一段。\n\n{body}最后一段到此为止。\n'''\n"
    );
    fs::write(issues.path().join("big.toml"), text).expect("write issue");
    let (_state_dir, state) = fresh_state();
    let extra = format!("--issues '{}'", issues.path().display());
    let tmux = Tmux::start("first-look", 81, 23, &kanbao_command(&state, &extra));
    tmux.wait_for(20, "the article's opening", |screen| {
        screen.contains("开头一段。")
    });
    let whole = tmux.wait_for(20, "the whole issue", |screen| {
        !screen.contains("loading") && screen.contains("合订本")
    });
    assert!(whole.contains("开头一段。"), "{whole}");
    tmux.send(&["Enter", "G"]);
    tmux.wait_for(10, "the article's real end", |screen| {
        screen.contains("最后一段到此为止。")
    });
    tmux.send(&["q"]);
    tmux.wait_for(10, "kanbao to exit", |screen| {
        screen.contains("kanbao exited 0")
    });
}
