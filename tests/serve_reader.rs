//! `kanbao serve` end to end with the real OpenSSH client in tmux: the seed bulletin read to
//! its end at 80×24 over `ssh -tt` (TERM xterm-256color, screen and vt100), a resize that
//! keeps the place, quitting with exit status 0, the state of a key's reader kept across
//! sessions, and a session without a terminal told to use `ssh -t`.

mod support {
    pub mod serve;
    pub mod tmux;
}

use std::time::{Duration, Instant};

use support::serve::{Options, Server};
use support::tmux::{Tmux, status_line};

/// Opens the reader over ssh in tmux, waits for its first screen.
fn open(server: &Server, name: &str, term: &str, key: Option<&str>) -> Tmux {
    let command = format!(
        "TERM={term} {}; echo \"ssh exited $?\"; sleep 60",
        server.ssh(key, true, None)
    );
    let tmux = Tmux::start(name, 80, 24, &command);
    let screen = tmux.wait_for(15, "the reader over ssh", |s| {
        s.contains("? help") || s.contains("ssh exited")
    });
    assert!(
        screen.contains("? help"),
        "no reader over ssh with TERM={term}:\n{screen}\nthe server's log:\n{}",
        server.log()
    );
    tmux
}

/// `]` twice to the seed, then Space to the end of its ninth article.
fn read_the_seed_to_its_end(tmux: &Tmux) -> String {
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    let mut screen = tmux.wait_for(5, "the seed", |s| {
        s.contains("上海邮政快递业简报") && status_line(s).contains("1/9")
    });
    let mut pages = 0;
    while !(status_line(&screen).contains("9/9") && status_line(&screen).contains("100%")) {
        assert!(pages < 200, "Space never reached 9/9 · 100%:\n{screen}");
        pages += 1;
        let before = screen.clone();
        tmux.send(&["Space"]);
        screen = tmux.wait_for(5, "the next page", |s| s != before);
    }
    assert!(pages > 9, "the seed took only {pages} pages");
    screen
}

fn quit_with_status_0(tmux: &Tmux, server: &Server) {
    tmux.send(&["q"]);
    let screen = tmux.wait_for(10, "ssh to end", |s| s.contains("ssh exited"));
    assert!(
        screen.contains("ssh exited 0"),
        "quitting did not end ssh with 0:\n{screen}\nthe server's log:\n{}",
        server.log()
    );
}

fn read_the_seed(term: &str, name: &str) {
    let server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let tmux = open(&server, name, term, None);
    let screen = read_the_seed_to_its_end(&tmux);
    assert!(
        !screen.contains('\u{fffd}'),
        "a character came out broken with TERM={term}:\n{screen}"
    );
    quit_with_status_0(&tmux, &server);
}

#[test]
fn the_seed_reads_to_its_end_with_xterm_256color() {
    read_the_seed("xterm-256color", "serve-xterm");
}

#[test]
fn the_seed_reads_to_its_end_with_screen() {
    read_the_seed("screen", "serve-screen");
}

#[test]
fn the_seed_reads_to_its_end_with_vt100() {
    read_the_seed("vt100", "serve-vt100");
}

#[test]
fn a_resize_keeps_the_place() {
    let server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let tmux = open(&server, "serve-resize", "xterm-256color", None);
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    tmux.wait_for(5, "the seed", |s| status_line(s).contains("1/9"));
    tmux.send(&["Tab"]);
    for _ in 0..3 {
        tmux.send(&["Space"]);
    }
    let before = tmux.wait_for(5, "a page down", |s| !status_line(s).contains(" 0%"));
    let article = status_line(&before);
    let resized = tmux.run(&["resize-window", "-t", "0", "-x", "71", "-y", "21"]);
    assert!(resized.status.success(), "tmux resize-window 71×21");
    let after = tmux.wait_for(5, "the new size", |s| s.lines().count() == 21);
    let kept = |line: &str| line.split('·').take(2).collect::<String>();
    assert_eq!(
        kept(&status_line(&after)),
        kept(&article),
        "the resize moved the reader:\nbefore:\n{before}\nafter:\n{after}"
    );
    assert!(
        after
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 71),
        "a line wider than the window:\n{after}"
    );
    quit_with_status_0(&tmux, &server);
}

#[test]
fn a_key_s_reader_keeps_its_state_between_sessions() {
    let server = Server::start(Options::default());
    let tmux = open(&server, "serve-key-1", "xterm-256color", Some("client_key"));
    read_the_seed_to_its_end(&tmux);
    quit_with_status_0(&tmux, &server);
    let states = server.reader_states();
    assert_eq!(states.len(), 1, "one state file per key: {states:?}");
    let saved = std::fs::read_to_string(&states[0]).expect("the state file");
    assert!(saved.contains("2022-11-shanghai-postal"), "{saved}");
    drop(tmux);

    // Back again: the reader opens where it was left, and some of the seed is read.
    let tmux = open(&server, "serve-key-2", "xterm-256color", Some("client_key"));
    let screen = tmux.wait_for(5, "the place kept", |s| {
        status_line(s).contains("上海邮政快递业简报 · 9/9 · 100%")
    });
    // The row in the list ends with its number of unread articles, none when all
    // are read.
    let row = screen
        .lines()
        .find_map(|l| l.strip_prefix("上海邮政快递业简报"))
        .expect("the seed's row in the list");
    let unread: usize = row
        .split('│')
        .next()
        .and_then(|cell| cell.split_whitespace().last()?.parse().ok())
        .unwrap_or(0);
    assert!(unread < 9, "no read marks were kept:\n{screen}");
    quit_with_status_0(&tmux, &server);
}

#[test]
fn without_a_terminal_the_reader_says_to_use_ssh_t() {
    let server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let start = Instant::now();
    let output = server.run_ssh(None, None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("ssh -t"), "{said}");
    assert!(start.elapsed() < Duration::from_secs(10));
}
