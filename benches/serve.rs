//! `kanbao serve` (issue 13) under a hundred readers, measured on the release binary: the
//! time from connecting to the first whole screen of each, the server's CPU while they all
//! sit idle, and its resident memory per idle reader. Prints each figure as it is measured,
//! then a Markdown table.
//!
//! ```text
//! cargo bench --bench serve                          # 100 readers on 1,000 issues, 10 s idle
//! cargo bench --bench serve -- sessions=200          # another number of readers
//! cargo bench --bench serve -- issues=10000 idle=60  # a larger library, a longer idle spell
//! ```
//!
//! The readers are real pty sessions from one client process (russh's client, in
//! `tests/support/ssh_client.rs`): each connects on its own TCP connection, logs in
//! anonymously, asks for an 80×24 `xterm-256color` pty and a shell, answers the reader's
//! terminal probe as a terminal does, and reads until its first screen has come whole (the
//! status line's `? help`, drawn last). All connect at once, so the first-screen times are
//! those of a burst of a hundred logins on the machine's cores, shared by the client's and
//! the server's key exchanges. A hundred OpenSSH clients would be a hundred processes and as
//! many terminals to run beside the server, on two cores; one client process keeps the
//! machine's work on the server's side.
//!
//! Idle CPU is utime+stime of `/proc/PID/stat` over the idle spell, which starts three seconds
//! after the last first screen: a reader marks the article on its screen read after two
//! seconds there (one small frame), and does nothing on its own after that. The clients keep
//! reading during the spell, and what they receive is counted (it should be nothing). The server asks each
//! client whether it is still there every 30 s without traffic, so an idle spell over 30 s
//! includes those keepalives. Memory is `VmRSS` of `/proc/PID/status` with the library loaded
//! and no reader, then with every reader idle.

use std::path::Path;
use std::time::{Duration, Instant};

mod support;
#[allow(
    dead_code,
    unused_imports,
    reason = "the serve bench uses part of the scale bench's support"
)]
mod scale_support {
    pub mod corpus;
    pub mod process;
    pub mod table;
}
mod serve_support {
    pub mod server;
}
#[path = "../tests/support/ssh_client.rs"]
mod ssh_client;

use kanbao::reader::READ_AFTER;
use scale_support::corpus::{Corpus, label, mib};
use scale_support::process::cpu_time;
use scale_support::table::{Row, Table, median, ms};
use serve_support::server::Server;
use ssh_client::{Open, Session, first_screen};

/// How long a reader may take to its first screen before the bench gives up on it.
const PATIENCE: Duration = Duration::from_secs(60);
/// How long after a reader's own timer its last bytes may still be on their way.
const SETTLED: Duration = Duration::from_secs(1);

/// What the arguments ask for.
struct Plan {
    sessions: usize,
    issues: usize,
    idle: Duration,
}

fn plan(args: &[String]) -> Plan {
    let mut plan = Plan {
        sessions: 100,
        issues: 1_000,
        idle: Duration::from_secs(10),
    };
    let number = |arg: &str, value: &str| -> usize {
        value
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or_else(|| panic!("{arg}: give a number, at least 1"))
    };
    // cargo passes `--bench`; other flags are not this bench's business.
    for arg in args.iter().filter(|arg| !arg.starts_with('-')) {
        if let Some(n) = arg.strip_prefix("sessions=") {
            plan.sessions = number(arg, n);
        } else if let Some(n) = arg.strip_prefix("issues=") {
            plan.issues = number(arg, n);
        } else if let Some(n) = arg.strip_prefix("idle=") {
            plan.idle = Duration::from_secs(number(arg, n) as u64);
        } else {
            panic!("unknown argument {arg:?}: give sessions=N, issues=N or idle=SECONDS");
        }
    }
    plan
}

fn main() {
    let plan = plan(&std::env::args().skip(1).collect::<Vec<_>>());
    let kanbao = Path::new(env!("CARGO_BIN_EXE_kanbao"));
    let corpus = Corpus::generate(plan.issues);
    let server = Server::start(kanbao, corpus.dir.path(), plan.sessions);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime for the clients");
    let mut table = Table::default();
    runtime.block_on(measure(&server, &plan, &corpus, &mut table));
    table.print();
}

/// The table's setting column: `100 readers, 1k`.
fn setting(plan: &Plan) -> String {
    format!("{} readers, {}", plan.sessions, label(plan.issues))
}

async fn measure(server: &Server, plan: &Plan, corpus: &Corpus, table: &mut Table) {
    // The library is loaded and nothing else is: the server's memory before any reader.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let empty = server.rss();
    let sessions = first_screens(server, plan, table).await;
    // Whatever is still on its way: the rest of a screen, and the one thing a reader does on
    // its own, marking the article on screen read once it has been there for two seconds.
    let settled = tokio::time::Instant::now() + READ_AFTER + SETTLED;
    let (sessions, _) = read_all(sessions, settled).await;
    memory(server, plan, corpus, empty, table);
    let sessions = idle_cpu(server, plan, sessions, table).await;
    for session in sessions {
        session.disconnect().await;
    }
}

/// Opens every reader at once; each one's time from connecting to its first whole screen.
async fn first_screens(server: &Server, plan: &Plan, table: &mut Table) -> Vec<Session> {
    let mut burst = tokio::task::JoinSet::new();
    for _ in 0..plan.sessions {
        let port = server.port;
        burst.spawn(async move {
            let started = Instant::now();
            let mut session = ssh_client::open(Open::new(port, 80, 24)).await?;
            session.read_until(PATIENCE, first_screen).await?;
            Ok::<(Session, Duration), String>((session, started.elapsed()))
        });
    }
    let mut sessions = Vec::new();
    let mut firsts = Vec::new();
    while let Some(joined) = burst.join_next().await {
        let (session, first) = joined
            .expect("a client task")
            .unwrap_or_else(|e| panic!("a reader: {e}\nthe server's log:\n{}", server.log()));
        sessions.push(session);
        firsts.push(first);
    }
    let max = firsts.iter().max().copied().unwrap_or_default();
    table.add(Row {
        name: "connect to first screen".into(),
        corpus: setting(plan),
        value: format!("{} median, {} max", ms(median(&firsts)), ms(max)),
        versus: "goal < 1 s each".into(),
        how: "all connecting at once: TCP connect to the status line of the first frame \
              (key exchange, anonymous login, pty, shell, terminal probe answered, first frame)"
            .into(),
    });
    sessions
}

/// The server's memory with every reader idle, against `empty`, its memory with none.
fn memory(server: &Server, plan: &Plan, corpus: &Corpus, empty: u64, table: &mut Table) {
    let with_readers = server.rss();
    let per_reader = with_readers.saturating_sub(empty) / plan.sessions as u64;
    table.add(Row {
        name: "server memory, no reader".into(),
        corpus: label(plan.issues),
        value: format!("{:.1} MiB", mib(empty)),
        versus: format!("{:.1} MiB of issues", mib(corpus.bytes)),
        how: "VmRSS once listening, the library loaded".into(),
    });
    table.add(Row {
        name: "server memory, readers idle".into(),
        corpus: setting(plan),
        value: format!("{:.1} MiB", mib(with_readers)),
        versus: format!("{:.2} MiB per reader; goal ≤ 2", mib(per_reader)),
        how: "VmRSS with every reader at its first screen; per reader: the growth over no \
              reader, divided by the readers"
            .into(),
    });
}

/// The server's CPU time while every reader sits idle, the clients reading all the while.
async fn idle_cpu(
    server: &Server,
    plan: &Plan,
    sessions: Vec<Session>,
    table: &mut Table,
) -> Vec<Session> {
    let before = cpu_time(server.pid());
    let (sessions, bytes) = read_all(sessions, tokio::time::Instant::now() + plan.idle).await;
    let cpu = cpu_time(server.pid()).saturating_sub(before);
    let open = sessions.iter().filter(|s| !s.closed).count();
    table.add(Row {
        name: "server CPU, readers idle".into(),
        corpus: setting(plan),
        value: format!("{} in {} s", ms(cpu), plan.idle.as_secs()),
        versus: format!("{bytes} bytes sent meanwhile; {open} readers still open"),
        how: "utime+stime of /proc/PID/stat (10 ms ticks) while every reader sits idle".into(),
    });
    sessions
}

/// Every session reads what comes until `deadline`, all at once; returns them and how many
/// bytes came in all.
async fn read_all(sessions: Vec<Session>, deadline: tokio::time::Instant) -> (Vec<Session>, usize) {
    let mut reading = tokio::task::JoinSet::new();
    for mut session in sessions {
        reading.spawn(async move {
            let bytes = session.read_until_time(deadline).await;
            (session, bytes)
        });
    }
    let mut sessions = Vec::new();
    let mut bytes = 0;
    while let Some(joined) = reading.join_next().await {
        let (session, read) = joined.expect("a client task");
        bytes += read.unwrap_or_else(|e| panic!("a reader: {e}"));
        sessions.push(session);
    }
    (sessions, bytes)
}
