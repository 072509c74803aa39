//! A `kanbao serve` session's end and its bytes, with the real OpenSSH client in tmux: a
//! client killed while frames flow ends its session within a second with its state saved;
//! SIGTERM saves every reader's state; a line scroll costs the same bytes over ssh as in the
//! local reader.

mod support {
    pub mod serve;
    pub mod tmux;
}

use std::fs;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::serve::{Options, Server, sh_quote};
use support::tmux::{Tmux, status_line};

fn open_with_key(server: &Server, name: &str) -> Tmux {
    let command = format!(
        "TERM=xterm-256color {}; echo \"ssh exited $?\"; sleep 60",
        server.ssh(Some("client_key"), true, None)
    );
    let tmux = Tmux::start(name, 80, 24, &command);
    let screen = tmux.wait_for(15, "the reader over ssh", |s| {
        s.contains("? help") || s.contains("ssh exited")
    });
    assert!(screen.contains("? help"), "{screen}\n{}", server.log());
    tmux
}

/// The pid of the `ssh` client in the pane.
fn ssh_pid(tmux: &Tmux) -> u32 {
    let shell = tmux.pane_var("pane_pid");
    let output = Command::new("pgrep")
        .args(["-P", &shell, "-x", "ssh"])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .and_then(|pid| pid.trim().parse().ok())
        .unwrap_or_else(|| panic!("no ssh under the pane's shell {shell}"))
}

fn saved_place(server: &Server) -> String {
    server
        .reader_states()
        .first()
        .and_then(|path| fs::read_to_string(path).ok())
        .unwrap_or_default()
}

#[test]
fn a_client_killed_mid_frame_ends_its_session_within_a_second_with_its_state_saved() {
    let server = Server::start(Options::default());
    let tmux = open_with_key(&server, "serve-killed");
    tmux.to_the_seeds_second_article();
    let ssh = ssh_pid(&tmux);
    // Frames on their way: pages asked for, and the client killed among them.
    for _ in 0..5 {
        tmux.send(&["Space"]);
    }
    let killed = Instant::now();
    let status = Command::new("kill")
        .args(["-KILL", &ssh.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    while !server.log().contains("disconnect") {
        assert!(
            killed.elapsed() < Duration::from_secs(1),
            "the session outlived its client by a second:\n{}",
            server.log()
        );
        sleep(Duration::from_millis(10));
    }
    while !saved_place(&server).contains("2022-11-shanghai-postal") {
        assert!(
            killed.elapsed() < Duration::from_secs(2),
            "the state was not saved: {:?}\n{}",
            server.reader_states(),
            server.log()
        );
        sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigterm_saves_every_reader_and_tells_the_client() {
    let mut server = Server::start(Options::default());
    let tmux = open_with_key(&server, "serve-sigterm");
    tmux.to_the_seeds_second_article();
    let (status, took) = server.stop();
    assert!(status.success(), "{status:?}");
    assert!(took < Duration::from_secs(6), "took {took:?}");
    let place = saved_place(&server);
    assert!(place.contains("2022-11-shanghai-postal"), "{place}");
    let screen = tmux.wait_for(5, "ssh to end", |s| s.contains("ssh exited"));
    assert!(screen.contains("ssh exited 1"), "{screen}");
}

/// Bytes written to the pane while `keys` are handled: tmux pipes the pane's output to a
/// file from just before the keys to the screen's change.
fn bytes_for(tmux: &Tmux, dir: &std::path::Path, name: &str, keys: &[&str]) -> usize {
    let file = dir.join(name);
    let before = tmux.capture();
    let pipe = format!("cat >> {}", sh_quote(&file.display().to_string()));
    tmux.run(&["pipe-pane", "-o", "-t", "0", &pipe]);
    tmux.send(keys);
    tmux.wait_for(5, "the screen to change", |s| s != before);
    // The frame is one write; a moment for the pipe to take all of it.
    sleep(Duration::from_millis(300));
    tmux.run(&["pipe-pane", "-t", "0"]);
    sleep(Duration::from_millis(100));
    fs::metadata(&file).map_or(0, |m| m.len() as usize)
}

#[test]
fn a_line_scroll_costs_the_same_bytes_as_in_the_local_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let over_ssh = Tmux::start(
        "serve-bytes-ssh",
        80,
        24,
        &format!(
            "TERM=xterm-256color {}; sleep 60",
            server.ssh(None, true, None)
        ),
    );
    let local = Tmux::start(
        "serve-bytes-local",
        80,
        24,
        &format!(
            "TERM=xterm-256color XDG_CONFIG_HOME=/nonexistent KANBAO_CONFIG= {} --config {} \
             --state {}; sleep 60",
            sh_quote(env!("CARGO_BIN_EXE_kanbao")),
            sh_quote(&server.path("config.toml").display().to_string()),
            sh_quote(&dir.path().join("state.toml").display().to_string()),
        ),
    );
    let mut costs = Vec::new();
    for (tmux, name) in [(&over_ssh, "ssh"), (&local, "local")] {
        tmux.wait_for(15, "the reader", |s| s.contains("? help"));
        tmux.to_the_seeds_second_article();
        tmux.send(&["Tab"]);
        sleep(Duration::from_millis(300));
        let one = bytes_for(tmux, dir.path(), &format!("{name}-1"), &["j"]);
        let again = bytes_for(tmux, dir.path(), &format!("{name}-2"), &["j"]);
        costs.push((name, one, again));
    }
    eprintln!("bytes per line scroll: {costs:?}");
    assert!(costs[0].1 > 0, "nothing written: {costs:?}");
    assert_eq!(
        (costs[0].1, costs[0].2),
        (costs[1].1, costs[1].2),
        "bytes per line scroll (ssh, local): {costs:?}"
    );
}

#[test]
fn a_new_issue_reaches_a_reader_over_ssh_without_moving_it() {
    let server = Server::start(Options {
        anonymous: true,
        own_issues: true,
        ..Options::default()
    });
    let command = format!(
        "TERM=xterm-256color {}; sleep 60",
        server.ssh(None, true, None)
    );
    let tmux = Tmux::start("serve-live", 80, 24, &command);
    tmux.wait_for(15, "the reader", |s| s.contains("? help"));
    tmux.to_the_seeds_second_article();
    let before = tmux.capture();
    let issue = "title = \"未来简报\"\ndate = 2030-01-01\n\n[[article]]\ntitle = \"一\"\nbody = '''\n正文。\n'''\n";
    fs::write(server.issues().join("2030-01.toml"), issue).expect("write");
    let after = tmux.wait_for(10, "the note", |s| {
        status_line(s).contains("1 new issue: 未来简报")
    });
    let pane = |s: &str| -> Vec<String> {
        s.lines()
            .take(23)
            .map(|l| l.split_once('│').map_or("", |(_, p)| p).to_owned())
            .collect()
    };
    assert_eq!(pane(&after), pane(&before), "the pane moved:\n{after}");
    assert!(
        server.log().contains("issues folder: 1 new"),
        "{}",
        server.log()
    );
}
