//! `kanbao serve` with the real OpenSSH client, no terminal needed: who may log in (keys,
//! anonymous, refused methods, a refused key falling back to anonymous), the host key kept
//! across restarts, the allow-listed commands giving the local command's bytes, IPv6, a
//! flood of silent connections, and SIGTERM.

mod support {
    pub mod binary;
    pub mod serve;
}

use std::io::Read as _;
use std::net::{Ipv4Addr, TcpStream};
use std::process::Command;
use std::time::Duration;

use support::serve::{Options, Server};

const SEED: &str = "2022-11-shanghai-postal";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `list` over ssh, which needs only a login.
fn logs_in(server: &Server, key: Option<&str>) -> std::process::Output {
    server.run_ssh(key, Some("list"))
}

#[test]
fn an_authorized_key_logs_in_and_a_stranger_does_not() {
    let server = Server::start(Options {
        authorized_only: true,
        ..Options::default()
    });
    let output = logs_in(&server, Some("client_key"));
    assert!(output.status.success(), "{output:?}\n{}", server.log());
    let refused = logs_in(&server, Some("stranger_key"));
    assert_eq!(refused.status.code(), Some(255), "{refused:?}");
    let anonymous = logs_in(&server, None);
    assert_eq!(anonymous.status.code(), Some(255), "{anonymous:?}");
    assert!(
        server.log().contains("publickey SHA256:"),
        "{}",
        server.log()
    );
}

#[test]
fn any_key_is_its_own_reader_when_no_keys_are_listed() {
    let server = Server::start(Options::default());
    for key in ["client_key", "stranger_key"] {
        let output = logs_in(&server, Some(key));
        assert!(
            output.status.success(),
            "{key}: {output:?}\n{}",
            server.log()
        );
    }
    let fingerprints: std::collections::HashSet<String> = server
        .log()
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("SHA256:")))
        .map(str::to_owned)
        .collect();
    // The host key's and the two readers'.
    assert_eq!(fingerprints.len(), 3, "{}", server.log());
}

#[test]
fn a_refused_key_falls_back_to_anonymous_and_keeps_no_identity() {
    let server = Server::start(Options {
        anonymous: true,
        authorized_only: true,
        ..Options::default()
    });
    let output = logs_in(&server, Some("stranger_key"));
    assert!(output.status.success(), "{output:?}\n{}", server.log());
    let log = server.log();
    let auth: Vec<&str> = log.lines().filter(|l| l.contains(" auth ")).collect();
    assert_eq!(auth.len(), 1, "{log}");
    assert!(auth[0].contains("keyboard-interactive anonymous"), "{log}");
    assert!(server.reader_states().is_empty());
}

#[test]
fn passwords_and_none_are_refused() {
    let server = Server::start(Options {
        anonymous: false,
        ..Options::default()
    });
    for methods in ["password", "none", "keyboard-interactive"] {
        let output = Command::new("ssh")
            .args(["-T", "-F", "/dev/null", "-p", &server.port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args(["-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no"])
            .args(["-o", &format!("PreferredAuthentications={methods}")])
            .args(["reader@127.0.0.1", "list"])
            .output()
            .expect("ssh runs");
        assert_eq!(output.status.code(), Some(255), "{methods}: {output:?}");
    }
}

#[test]
fn the_host_key_is_kept_across_restarts() {
    let mut server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let first = logs_in(&server, None);
    assert!(first.status.success(), "{first:?}");
    let permissions = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(server.path("host_key"))
            .expect("the host key")
            .permissions(),
    );
    assert_eq!(permissions & 0o777, 0o600);
    server.restart();
    // known_hosts holds the first key: a new one would fail the strict check.
    let output = Command::new("sh")
        .args([
            "-c",
            &server.ssh(None, false, Some("list")).replace(
                "StrictHostKeyChecking=accept-new",
                "StrictHostKeyChecking=yes",
            ),
        ])
        .output()
        .expect("ssh runs");
    assert!(output.status.success(), "{output:?}\n{}", server.log());
    let made = server.log().matches("made now").count();
    let kept = server.log().matches("(kept)").count();
    assert_eq!((made, kept), (1, 1), "{}", server.log());
}

#[test]
fn an_unreadable_host_key_stops_the_server_with_a_clear_message() {
    let server = Server::start(Options::default());
    std::fs::write(server.path("host_key"), "garbage\n").expect("spoil the key");
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("--config")
        .arg(server.path("config.toml"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .expect("kanbao runs");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("is not an OpenSSH private key"), "{said}");
    assert_eq!(
        std::fs::read_to_string(server.path("host_key")).expect("still there"),
        "garbage\n"
    );
}

#[test]
fn the_printers_give_the_local_commands_bytes() {
    let server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let config = server.path("config.toml");
    let config = config.to_str().expect("a UTF-8 path");
    for (remote, local) in [
        (
            format!("cat {SEED}/1"),
            vec!["cat", "--", &format!("{SEED}/1")],
        ),
        (
            format!("cat {SEED} --width 37"),
            vec!["cat", "--width=37", "--", SEED],
        ),
        ("list".to_owned(), vec!["list"]),
        ("search 快递".to_owned(), vec!["search", "--", "快递"]),
    ] {
        let over_ssh = server.run_ssh(None, Some(&remote));
        let mut args = vec!["--config", config];
        args.extend(local.iter().copied());
        let here = support::binary::kanbao(&args);
        assert_eq!(over_ssh.status.code(), here.status.code(), "{remote}");
        assert!(!here.stdout.is_empty(), "{remote}: nothing locally");
        assert_eq!(stdout(&over_ssh), stdout(&here), "{remote}");
    }
    let refused = server.run_ssh(None, Some("sh -c id"));
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not something this server runs"));
}

#[test]
fn it_serves_on_ipv6() {
    let server = Server::start(Options {
        anonymous: true,
        host: Some("::1".into()),
        ..Options::default()
    });
    let output = logs_in(&server, None);
    assert!(output.status.success(), "{output:?}\n{}", server.log());
    assert!(stdout(&output).contains("上海邮政快递业简报"));
}

#[test]
fn silent_connections_do_not_lock_out_a_reader() {
    let server = Server::start(Options {
        anonymous: true,
        extra: "per_ip_rate = 0\n".into(),
        ..Options::default()
    });
    let silent: Vec<TcpStream> = (0..200)
        .filter_map(|_| TcpStream::connect((Ipv4Addr::LOCALHOST, server.port)).ok())
        .collect();
    assert!(silent.len() >= 190, "only {} connected", silent.len());
    let output = logs_in(&server, None);
    assert!(output.status.success(), "{output:?}\n{}", server.log());
    assert!(server.log().contains("too many connections logging in"));
    drop(silent);
}

#[test]
fn sigterm_ends_the_server_within_six_seconds() {
    let mut server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    // A connection that never logs in does not hold the server up.
    let mut idle = TcpStream::connect((Ipv4Addr::LOCALHOST, server.port)).expect("connect");
    let (status, took) = server.stop();
    assert!(status.success(), "{status:?}\n{}", server.log());
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(server.log().contains("stopped"), "{}", server.log());
    let mut rest = Vec::new();
    let _ = idle.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = idle.read_to_end(&mut rest);
}

#[test]
fn running_out_of_file_descriptors_does_not_end_the_server() {
    let server = Server::start(Options {
        anonymous: true,
        extra: "per_ip_rate = 0\nmax_startups = 1000\n".into(),
        open_files: Some(64),
        ..Options::default()
    });
    let flood: Vec<TcpStream> = (0..120)
        .filter_map(|_| TcpStream::connect((Ipv4Addr::LOCALHOST, server.port)).ok())
        .collect();
    let start = std::time::Instant::now();
    while !server.log().contains("cannot accept a connection") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the server never ran out of descriptors:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(flood);
    // Once the flood is gone, readers are served again.
    let start = std::time::Instant::now();
    loop {
        let output = logs_in(&server, None);
        if output.status.success() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no login after the flood: {output:?}\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_connection_that_never_logs_in_is_dropped_at_the_deadline() {
    let server = Server::start(Options {
        anonymous: true,
        extra: "login_deadline = 1\n".into(),
        ..Options::default()
    });
    let mut silent = TcpStream::connect((Ipv4Addr::LOCALHOST, server.port)).expect("connect");
    silent
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let start = std::time::Instant::now();
    let mut rest = Vec::new();
    // The server's version line, then the end of the connection.
    let _ = silent.read_to_end(&mut rest);
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "dropped after {took:?}"
    );
    while !server.log().contains("no login within 1 s") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "not logged:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // A reader that does log in is not dropped at the deadline.
    let output = server.run_ssh(None, Some("search 快递"));
    assert!(output.status.success(), "{output:?}");
}
