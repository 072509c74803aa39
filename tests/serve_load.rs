//! `kanbao serve` against clients that misbehave without being fast: one that stops reading
//! its screen while it keeps typing (the server's memory stays bounded, the client is
//! disconnected, another reader is served meanwhile), and terminals that claim 0×0 and
//! 65535×65535 (the reader is drawn at the clamped size, 20×5 and 500×250). How fast the
//! server is under a hundred readers is measured by `cargo bench --bench serve`.

mod support {
    pub mod emulator;
    pub mod relay;
    pub mod serve;
    pub mod ssh_client;
    pub mod tmux;
}

use std::fmt::Write as _;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::emulator::Emulator;
use support::relay::Relay;
use support::serve::{Options, Server};
use support::ssh_client::{self, Open, first_screen};
use support::tmux::{Tmux, status_line};
use unicode_width::UnicodeWidthStr as _;

const MIB: u64 = 1024 * 1024;

/// One issue with one article long enough to fill a 500×250 screen many times over, so that
/// every redraw of it is a big frame (about 120 KB: 330 columns × 245 rows of Chinese).
fn write_long_issue(dir: &Path) {
    const SENTENCE: &str =
        "上海市邮政管理局推动快递行业高质量发展，进一步加强从业人员培训，服务群众。";
    let mut body = String::new();
    for paragraph in 0..400 {
        for _ in 0..12 {
            body.push_str(SENTENCE);
        }
        let _ = write!(body, "第 {paragraph} 段。\n\n");
    }
    let issue = format!(
        "title = \"长简报\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"很长的文章\"\nbody = '''\n{body}'''\n"
    );
    std::fs::write(dir.join("long.toml"), issue).expect("the long issue");
}

/// The reader over OpenSSH in an 80×24 tmux window, at its first screen.
fn open_normal(server: &Server, name: &str) -> Tmux {
    let command = format!(
        "TERM=xterm-256color {}; echo \"ssh exited $?\"; sleep 60",
        server.ssh(None, true, None)
    );
    let tmux = Tmux::start(name, 80, 24, &command);
    let screen = tmux.wait_for(30, "the reader over ssh", |s| {
        s.contains("? help") || s.contains("ssh exited")
    });
    assert!(
        screen.contains("? help"),
        "a normal client got no reader:\n{screen}\nthe server's log:\n{}",
        server.log()
    );
    tmux
}

/// A page down in the reading pane brings other text on screen.
fn pages(tmux: &Tmux, server: &Server) {
    let before = tmux.capture();
    tmux.send(&["Space"]);
    let after = tmux.wait_for(30, "a page down", |s| s != before);
    assert!(
        status_line(&after).contains("很长的文章") || status_line(&after).contains("长简报"),
        "a page down left the article:\n{after}\nthe server's log:\n{}",
        server.log()
    );
}

/// What the server logs when it gives up on a client whose screen is not being read.
const GAVE_UP: &str = "sends faster than its screen is read; disconnected";

/// A client that stops reading: OpenSSH in a 500×250 tmux window whose output goes to a pipe
/// nobody reads (`| sleep`), its keyboard still typing Ctrl-L (redraw: a whole 120 KB frame
/// each). ssh stops taking what the server sends once the pipe and its channel window (2 MiB)
/// are full; from then on the server's frames wait in a queue of russh's (100 messages) and
/// the reader task waits on that queue, while the keys pile up in the reader's inbox (256
/// packets), which, full, ends the channel.
///
/// The memory bound: the server with one 500×250 reader open is about 15 MiB over its idle
/// size (the reader's layout and two screens of cells); the queue holds at most a hundred
/// 120 KB frames, 12 MiB. 50 MiB over the idle server leaves room for the allocator, and is
/// well under what keeping every frame would take: the 1,500 redraws the test may send are
/// 180 MB.
#[test]
fn a_client_that_stops_reading_keeps_the_server_bounded_and_the_others_served() {
    let issues = tempfile::tempdir().expect("an issues folder");
    write_long_issue(issues.path());
    let server = Server::start(Options {
        anonymous: true,
        issues: Some(issues.path().to_path_buf()),
        ..Options::default()
    });
    let idle = server.rss();

    let stalled = Tmux::start(
        "serve-stalled",
        500,
        250,
        &format!(
            "TERM=xterm-256color {} | sleep 600",
            server.ssh(None, true, None)
        ),
    );
    let start = Instant::now();
    while !server.log().contains(" auth ") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the stalled client never logged in; the server's log:\n{}",
            server.log()
        );
        sleep(Duration::from_millis(50));
    }
    // The first screen, then the article in the reading pane: every redraw is a full screen
    // of text from then on.
    sleep(Duration::from_secs(1));
    stalled.send(&["Enter"]);
    sleep(Duration::from_millis(500));

    let mut redraws = 0;
    let mut redraw = |times: usize| {
        for _ in 0..times {
            if server.log().contains(GAVE_UP) {
                return;
            }
            stalled.send(&["C-l"]);
            redraws += 1;
            sleep(Duration::from_millis(10));
        }
    };
    // Enough to fill ssh's window and the server's queue: the stalled session is stuck.
    redraw(200);

    // Meanwhile another reader opens and pages.
    let normal = open_normal(&server, "serve-normal");
    normal.send(&["Enter"]);
    pages(&normal, &server);

    redraw(1_300);
    assert!(
        server.log().contains(GAVE_UP),
        "the server still kept a client that stopped reading after {redraws} redraws; its log:\n{}",
        server.log()
    );
    // Bounded afterwards too: nothing keeps growing once the channel is closed.
    sleep(Duration::from_secs(2));
    let peak = server.peak_rss();
    assert!(
        peak < idle + 50 * MIB,
        "the server grew from {} MiB to {} MiB with a client that stopped reading",
        idle / MIB,
        peak / MIB
    );

    // The other reader is still served, and quits as usual.
    pages(&normal, &server);
    normal.send(&["q"]);
    let screen = normal.wait_for(30, "ssh to end", |s| s.contains("ssh exited"));
    assert!(
        screen.contains("ssh exited 0"),
        "the normal client did not quit with 0:\n{screen}\nthe server's log:\n{}",
        server.log()
    );
}

/// The size of the screen a frame was drawn for, `(columns, rows)`: where its status line,
/// the last row, ends (it ends with `? help` and one space). `None` if the bytes hold no
/// status line.
fn drawn_size(frame: &[u8]) -> Option<(usize, usize)> {
    // Larger than any screen the server may draw, so that a wrong size shows as one.
    let mut terminal = Emulator::new(600, 300);
    terminal.feed(frame);
    terminal
        .text()
        .lines()
        .enumerate()
        .filter_map(|(row, line)| {
            let (left, _) = line.split_once("? help")?;
            Some((left.width() + "? help ".len(), row + 1))
        })
        .last()
}

/// The bytes of the first screen: what follows the probe.
fn after_probe(received: &[u8]) -> &[u8] {
    let at = ssh_client::find(received, b"\r\x1b[K").expect("the probe's erase");
    &received[at..]
}

/// A terminal of 0×0 gets the reader at 20×5, one of 65535×65535 at 500×250, by pty request
/// and by window change, and the server neither dies nor makes a screen of four billion
/// cells (its memory stays within 64 MiB of the idle server's: a 500×250 reader is about
/// 15 MiB); another client is served afterwards.
/// How long a clamped session may take to draw, and how long it must stay quiet after.
const PATIENCE: Duration = Duration::from_secs(30);
const QUIET: Duration = Duration::from_millis(500);

/// The server's log, for a failure's message.
fn log(server: &Server) -> String {
    format!("the server's log:\n{}", server.log())
}

/// A session opened by a terminal that claims `columns`×`rows`, once its first screen (and
/// all that follows it at once) is in: that screen must be drawn at `drawn`.
async fn opened_drawn_at(
    server: &Server,
    columns: u32,
    rows: u32,
    drawn: (usize, usize),
) -> ssh_client::Session {
    let what = format!("{columns}×{rows}");
    let mut session = ssh_client::open(Open::new(server.port, columns, rows))
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}\n{}", log(server)));
    session
        .read_until(PATIENCE, first_screen)
        .await
        .unwrap_or_else(|e| panic!("{what}, first screen: {e}\n{}", log(server)));
    session.read_while_sent(QUIET).await.expect(&what);
    assert_eq!(
        drawn_size(after_probe(&session.received)),
        Some(drawn),
        "{what} is drawn at {drawn:?}"
    );
    session
}

/// Waits until `session` has received a whole frame (one with the status line) after its
/// first `before` bytes.
async fn redrawn(session: &mut ssh_client::Session, server: &Server, before: usize, what: &str) {
    session
        .read_until(PATIENCE, |r| ssh_client::contains(&r[before..], b"? help"))
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}\n{}", log(server)));
}

/// A terminal of 0×0 gets the reader at 20×5, one of 65535×65535 at 500×250, by pty request
/// and by window change, and the server neither dies nor makes a screen of four billion
/// cells (its memory stays within 64 MiB of the idle server's: a 500×250 reader is about
/// 15 MiB); another client is served afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_sizes_0x0_and_65535x65535_are_clamped_and_served() {
    let mut server = Server::start(Options {
        anonymous: true,
        ..Options::default()
    });
    let idle = server.rss();

    let mut tiny = opened_drawn_at(&server, 0, 0, (20, 5)).await;
    // Keys work: a move down in the list is a frame.
    let before = tiny.received.len();
    tiny.send(b"j").await.expect("0×0: j");
    tiny.read_until(PATIENCE, |r| r.len() > before)
        .await
        .unwrap_or_else(|e| panic!("0×0, after j: {e}\n{}", log(&server)));

    // The same session told its window is now 65535×65535, then 0×0 again.
    tiny.read_while_sent(QUIET).await.expect("0×0");
    for (asked, drawn) in [((65_535, 65_535), (500, 250)), ((0, 0), (20, 5))] {
        let before = tiny.received.len();
        tiny.resize(asked.0, asked.1).await.expect("window-change");
        redrawn(&mut tiny, &server, before, &format!("to {asked:?}")).await;
        tiny.read_while_sent(QUIET)
            .await
            .expect("after the window change");
        assert_eq!(
            drawn_size(&tiny.received[before..]),
            Some(drawn),
            "a window changed to {asked:?} is drawn at {drawn:?}"
        );
    }

    // A session that asks for 65535×65535 from the start.
    let mut huge = opened_drawn_at(&server, 65_535, 65_535, (500, 250)).await;
    let before = huge.received.len();
    huge.send(b"\x0c").await.expect("65535×65535: Ctrl-L");
    redrawn(&mut huge, &server, before, "65535×65535, redraw").await;

    let peak = server.peak_rss();
    assert!(
        peak < idle + 64 * MIB,
        "the server grew from {} MiB to {} MiB for two clamped windows",
        idle / MIB,
        peak / MIB
    );
    assert!(server.running(), "the server died; {}", log(&server));

    // And a plain 80×24 reader is served after them.
    let plain = opened_drawn_at(&server, 80, 24, (80, 24)).await;
    tiny.disconnect().await;
    huge.disconnect().await;
    plain.disconnect().await;
}

/// A client that offers the largest channel window SSH allows (2³²−1 bytes; OpenSSH offers
/// 2 MiB), then stops reading its socket while it keeps typing Ctrl-L, through a relay that
/// stops reading what the server sends. The window never runs out, so the frames go to the
/// socket until its send buffer is full; russh then waits on the write, and while it waits it
/// neither sends keepalives nor reads the client's keys. The server's socket fails a write
/// that has made no progress for 30 s, which ends the connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_its_socket_is_dropped() {
    let issues = tempfile::tempdir().expect("an issues folder");
    write_long_issue(issues.path());
    let server = Server::start(Options {
        anonymous: true,
        issues: Some(issues.path().to_path_buf()),
        ..Options::default()
    });
    let relay = Relay::start(server.port);
    let mut open = Open::new(relay.port, 500, 250);
    open.window = u32::MAX;
    let mut client = ssh_client::open(open)
        .await
        .unwrap_or_else(|e| panic!("500×250: {e}\nthe server's log:\n{}", server.log()));
    client
        .read_until(Duration::from_secs(30), first_screen)
        .await
        .unwrap_or_else(|e| panic!("first screen: {e}\nthe server's log:\n{}", server.log()));
    // The article in the reading pane: each redraw is a screen of text, about 120 KB.
    client.send(b"\r").await.expect("Enter");
    client
        .read_while_sent(Duration::from_secs(1))
        .await
        .expect("the article");
    relay.freeze();

    // The server gives a client that reads nothing 30 s; a minute to spare.
    let patience = Duration::from_secs(90);
    let start = Instant::now();
    while start.elapsed() < patience && !server.log().contains("disconnect ") {
        // The client's own session loop may be busy; a key that cannot be sent is skipped.
        let _ = tokio::time::timeout(Duration::from_secs(1), client.send(b"\x0c")).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        server.log().contains("disconnect "),
        "a client that stopped reading its socket is still connected after {patience:?}; the \
         server's log:\n{}",
        server.log()
    );
}
