//! The reader in a real terminal: read the seed bulletin from its first article to its last
//! with Space alone, at 80×24 and at 81×23, and check every screen as a reader sees it.

mod support {
    pub mod tmux;
}

use support::tmux::{Tmux, fresh_state, kanbao_command, with_the_seed_marked_read};

const NO_START: &str = "、。，．：；？！）］｝〕〉》」』】〙〗”’";

use kanbao::text::AmbiguousWidth;

/// Cuts `line` at display column `from`, measured as the terminal draws.
fn from_column(line: &str, from: usize, ambiguous: AmbiguousWidth) -> String {
    let mut column = 0;
    let mut out = String::new();
    for c in line.chars() {
        if column >= from {
            out.push(c);
        }
        column += kanbao::text::str_width(&c.to_string(), ambiguous);
    }
    out
}

fn column_of(line: &str, needle: char, ambiguous: AmbiguousWidth) -> Option<usize> {
    let at = line.find(needle)?;
    Some(kanbao::text::str_width(
        line.get(..at).unwrap_or_default(),
        ambiguous,
    ))
}

fn read_the_seed_with_space(width: u16, height: u16) {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start(
        &format!("seed{width}"),
        width,
        height,
        &kanbao_command(&state, ""),
    );
    read_with_space(&tmux, height, '│', " · ", AmbiguousWidth::Narrow);
}

/// Reads the seed from its first article to its footer with Space, checking every screen.
fn read_with_space(
    tmux: &Tmux,
    height: u16,
    rule_char: char,
    sep: &str,
    ambiguous: AmbiguousWidth,
) {
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    assert_eq!(tmux.pane_var("alternate_on"), "1");
    // The seed is the third issue: `]` twice.
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    let first = format!("上海邮政快递业简报{sep}1/9");
    let last = format!("9/9{sep}100%");
    let mut screen = tmux.wait_for(5, "the seed", |s| s.contains(&first));
    let mut footer_seen = false;
    let mut pages = 0;
    for _ in 0..200 {
        pages += 1;
        let rows: Vec<&str> = screen.lines().collect();
        let body = &rows[..usize::from(height) - 1];
        let rule = column_of(body[0], rule_char, ambiguous).expect("the rule is on the first row");
        for row in body {
            assert_eq!(
                column_of(row, rule_char, ambiguous),
                Some(rule),
                "rule moved:\n{screen}"
            );
            let pane = from_column(row, rule + 1, ambiguous);
            let first = pane.trim_start_matches([' ', '\u{3000}']).chars().next();
            assert!(
                !first.is_some_and(|c| NO_START.contains(c)),
                "a pane row starts with a closing mark: {row}\n{screen}"
            );
        }
        footer_seen |= screen.contains("各快递企") || screen.contains("上海市快递行业协会");
        if screen.contains(&last) && footer_seen {
            break;
        }
        let before = screen.clone();
        tmux.send(&["Space"]);
        screen = tmux.wait_for(5, "the next page", |s| s != before);
    }
    assert!(footer_seen, "Space alone reaches the footer");
    assert!(
        pages > 9,
        "each of the nine articles took at least a page: {pages}"
    );
    eprintln!("read the seed in {pages} screens");
    tmux.send(&["q"]);
    let after = tmux.wait_for(5, "the shell", |s| s.contains("kanbao exited 0"));
    assert_eq!(
        tmux.pane_var("alternate_on"),
        "0",
        "the alternate screen is left"
    );
    assert_eq!(tmux.pane_var("cursor_flag"), "1", "the cursor is shown");
    assert_eq!(
        tmux.pane_var("mouse_any_flag"),
        "0",
        "mouse reporting is off"
    );
    assert!(
        !after.contains(rule_char),
        "nothing of the reader is left:\n{after}"
    );
}

#[test]
fn read_the_seed_at_80x24() {
    read_the_seed_with_space(80, 24);
}

#[test]
fn read_the_seed_at_81x23() {
    read_the_seed_with_space(81, 23);
}

#[test]
fn read_the_seed_where_ambiguous_characters_are_wide() {
    // The probe finds out: the rule becomes `|` and the separators ` / `, and the rule stays
    // in one column on every row although “ ” … take two columns in this terminal.
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start_wide_ambiguous("seedwide", 80, 24, &kanbao_command(&state, ""));
    read_with_space(&tmux, 24, '|', " / ", AmbiguousWidth::Wide);
}

use support::tmux::{alive, cpu_ticks};

#[test]
fn sigterm_restores_the_terminal() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("term", 80, 24, &kanbao_command(&state, ""));
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    let pid = tmux.kanbao_pid();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    tmux.wait_for(5, "the shell", |s| s.contains("kanbao exited"));
    assert_eq!(tmux.pane_var("alternate_on"), "0");
    assert_eq!(tmux.pane_var("cursor_flag"), "1");
    assert_eq!(tmux.pane_var("mouse_any_flag"), "0");
}

#[test]
fn a_dropped_connection_ends_kanbao_within_a_second() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("hup", 80, 24, &kanbao_command(&state, ""));
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    let pid = tmux.kanbao_pid();
    tmux.hang_up();
    let start = std::time::Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1),
            "kanbao still runs after its terminal hung up"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn an_idle_reader_uses_no_cpu() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("idle", 80, 24, &kanbao_command(&state, ""));
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    let pid = tmux.kanbao_pid();
    // Past the moment the first article counts as read (2 s) and the state save after it:
    // from then on nothing is due, and an idle reader must do nothing.
    std::thread::sleep(kanbao::reader::READ_AFTER + std::time::Duration::from_millis(800));
    let before = cpu_ticks(pid);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let after = cpu_ticks(pid);
    assert!(
        after - before <= 1,
        "{} ticks of CPU in 2 s of idling",
        after - before
    );
}

#[test]
fn a_restart_returns_to_the_same_text() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("resume1", 80, 24, &kanbao_command(&state, ""));
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    tmux.send(&["J"]);
    tmux.send(&["Enter"]);
    tmux.send(&["Space"]);
    let before = tmux.wait_for(5, "a page down", |s| {
        s.contains("2/9") && !s.contains("纳入市建设交通系统")
    });
    let pane_text = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .take(23)
            .map(|l| {
                l.split('│')
                    .nth(1)
                    .unwrap_or_default()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    };
    tmux.send(&["Space"]);
    let before = tmux.wait_for(5, "a second page down", |s| s != before);
    tmux.send(&["q"]);
    tmux.wait_for(5, "the shell", |s| s.contains("kanbao exited 0"));
    drop(tmux);
    let again = Tmux::start("resume2", 80, 24, &kanbao_command(&state, ""));
    let after = again.wait_for(10, "the reader", |s| s.contains("? help"));
    assert_eq!(
        pane_text(&after),
        pane_text(&before),
        "the same text is on screen"
    );
}

#[test]
fn a_dropped_connection_keeps_the_reading_state() {
    let (_dir, state) = fresh_state();
    let tmux = with_the_seed_marked_read("hupstate", &state);
    let pid = tmux.kanbao_pid();
    tmux.hang_up();
    while alive(pid) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let saved = std::fs::read_to_string(&state).expect("state saved on hang-up");
    assert!(saved.contains("read = true"), "{saved}");
    assert!(saved.contains("2022-11-shanghai-postal/"), "{saved}");
}

#[test]
fn a_link_reaches_the_terminals_clipboard_through_osc52() {
    let (_dir, state) = fresh_state();
    let tmux = Tmux::start("osc52", 80, 24, &kanbao_command(&state, ""));
    // tmux takes OSC 52 into its paste buffer when set-clipboard is on, as a terminal
    // emulator would into the system clipboard.
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.wait_for(10, "the reader", |s| s.contains("? help"));
    tmux.send(&["j"]);
    tmux.send(&["j"]);
    tmux.send(&["u"]);
    tmux.wait_for(5, "the links", |s| s.contains("Links: Enter copies"));
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for(5, "the notice", |s| s.contains("sent to terminal (OSC 52)"));
    let buffer = tmux.run(&["show-buffer"]);
    let copied = String::from_utf8_lossy(&buffer.stdout).into_owned();
    assert!(
        copied.starts_with("https://"),
        "clipboard: {copied:?}\n{screen}"
    );
    assert!(screen.contains(&copied), "the URL is on screen too");
}

#[test]
fn the_linux_console_is_told_it_lacks_cjk_glyphs_and_the_text_still_shows() {
    let (_dir, state) = fresh_state();
    let command =
        kanbao_command(&state, "").replacen("XDG_CONFIG_HOME", "TERM=linux XDG_CONFIG_HOME", 1);
    let tmux = Tmux::start("linux", 80, 24, &command);
    let screen = tmux.wait_for(10, "the reader", |s| s.contains("Two columns"));
    assert!(screen.contains("cannot show CJK glyphs"), "{screen}");
    tmux.send(&["j"]);
    let screen = tmux.wait_for(5, "the notice to go", |s| {
        !s.contains("cannot show CJK glyphs")
    });
    assert!(screen.contains("标点符号"), "the text is shown anyway");
}

#[test]
fn a_missing_issues_folder_restores_the_terminal_and_says_why() {
    let (_dir, state) = fresh_state();
    let command = kanbao_command(&state, "--issues /nonexistent/news");
    let tmux = Tmux::start("missing", 80, 24, &command);
    let screen = tmux.wait_for(10, "the shell", |s| s.contains("kanbao exited 2"));
    assert!(
        screen.contains("the issues folder does not exist"),
        "{screen}"
    );
    assert_eq!(tmux.pane_var("alternate_on"), "0");
    assert_eq!(tmux.pane_var("cursor_flag"), "1");
}
