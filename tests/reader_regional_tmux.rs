//! A lone regional indicator (🇵, half a flag) in a terminal that draws it two columns wide
//! (tmux with a locale that says so): the text after it stays in its columns, and the next
//! article leaves nothing of it or of the text around it on the screen.

mod support {
    pub mod tmux;
}

use support::tmux::{Tmux, fresh_state, kanbao_command};

/// The pane's side of each row: what follows the rule, without trailing blanks.
fn pane(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|row| {
            row.split_once('│')
                .map_or("", |(_, pane)| pane)
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_next_article_leaves_nothing_of_a_lone_regional_indicator() {
    let issues = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/regional/flags.toml"
        ),
        issues.path().join("flags.toml"),
    )
    .expect("copy the issue");
    let (_state_dir, state) = fresh_state();
    let extra = format!("--issues '{}'", issues.path().display());
    let tmux = Tmux::start_wide_regional("regional", 80, 24, &kanbao_command(&state, &extra));
    let first = tmux.wait_for(10, "the first article", |s| s.contains("旗帜 · 1/2"));
    let rows = pane(&first);
    // Half a flag is drawn over by the cell after it; everything else is where it belongs.
    assert_eq!(
        rows[2], " 波兰的旗帜代码是 ，少了一半，终端会怎么画它？后面的",
        "{first}"
    );
    assert_eq!(
        rows[3], " 文字是否对齐，这一行要写到窗口的右边才停下来。",
        "{first}"
    );

    tmux.send(&["J"]);
    let second = tmux.wait_for(5, "the next article", |s| s.contains("旗帜 · 2/2"));
    let mut wanted = vec![String::new(); 23];
    wanted[0] = " 没有旗".to_owned();
    wanted[2] = " 这里只有普通的中文句子，没有任何旗帜。".to_owned();
    wanted[4] = " 第二段。".to_owned();
    assert_eq!(pane(&second)[..23], wanted[..], "{second}");
    tmux.send(&["q"]);
    tmux.wait_for(5, "the shell", |s| s.contains("kanbao exited 0"));
}
