//! The reader end to end over real SSH: an sshd of the test's own on 127.0.0.1 (a free port, a
//! throwaway host key and client key, its own config, no password login), kanbao run through
//! `ssh -tt` in tmux at 80×24, the seed bulletin read to its end and an article marked read;
//! then the ssh client is killed (a dropped connection) and kanbao, on the server side, must
//! exit within a second with its reading state saved. Once each with `TERM=xterm-256color`,
//! `TERM=screen` and `TERM=vt100`.
//!
//! sshd and ssh must be installed (`.ci/run` installs openssh-server and openssh-client); a
//! missing one fails the test rather than skipping it.

mod support {
    pub mod tmux;
}

use std::fs;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::tmux::{Tmux, alive};

const SSHD: &str = "/usr/sbin/sshd";

/// Quotes `text` as one word for `sh`.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Runs a command that must succeed, returning its standard output.
fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// The parent pid and the one-letter state of `pid`, from `/proc/PID/stat`.
fn stat(pid: u32) -> Option<(u32, char)> {
    let line = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: split after its last `)`.
    let mut rest = line.rsplit_once(") ")?.1.split(' ');
    let state = rest.next()?.chars().next()?;
    let parent = rest.next()?.parse().ok()?;
    Some((parent, state))
}

fn comm(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn cmdline(pid: u32) -> String {
    fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| String::from_utf8_lossy(&bytes).replace('\0', " "))
        .unwrap_or_default()
}

fn all_pids() -> Vec<u32> {
    fs::read_dir("/proc")
        .expect("/proc is readable")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect()
}

/// Every living descendant of `pid`.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = all_pids()
        .into_iter()
        .filter_map(|p| Some((p, stat(p)?.0)))
        .collect();
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|&&(_, ppid)| ppid == parent)
                .map(|&(p, _)| p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// The process tree under `pid`, one `pid state comm cmdline` line each, for failure messages.
fn tree(pid: u32) -> String {
    std::iter::once(pid)
        .chain(descendants(pid))
        .map(|p| {
            let (parent, state) = stat(p).unwrap_or((0, '?'));
            format!("{p} (parent {parent}) {state} {}: {}", comm(p), cmdline(p))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn kill(signal: &str, pid: u32) {
    let _ = Command::new("kill")
        .args([signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// An sshd of the test's own, listening on 127.0.0.1 only, with its keys and config in a
/// temporary folder; it and everything it started are killed when dropped.
struct Sshd {
    dir: tempfile::TempDir,
    port: u16,
    child: Child,
}

impl Sshd {
    fn start() -> Self {
        assert!(
            Path::new(SSHD).is_file(),
            "{SSHD} is missing: install openssh-server (.ci/run does)"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name).display().to_string();
        for key in ["host_key", "client_key"] {
            run(
                "ssh-keygen",
                &["-t", "ed25519", "-N", "", "-f", &path(key), "-q"],
            );
        }
        fs::copy(path("client_key.pub"), path("authorized_keys")).expect("authorized_keys");
        // sshd refuses to start without its privilege separation folder.
        fs::create_dir_all("/run/sshd").expect("/run/sshd");
        // A free port: bind to port 0, read what the system chose, let it go.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let config = format!(
            "Port {port}\n\
             ListenAddress 127.0.0.1\n\
             HostKey {}\n\
             AuthorizedKeysFile {}\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\n\
             UsePAM no\n\
             PidFile {}\n\
             StrictModes no\n\
             PermitRootLogin yes\n\
             PrintMotd no\n\
             PrintLastLog no\n",
            path("host_key"),
            path("authorized_keys"),
            path("sshd.pid"),
        );
        fs::write(path("sshd_config"), config).expect("sshd_config");
        let log = fs::File::create(path("sshd.log")).expect("sshd.log");
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f", &path("sshd_config")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{SSHD} does not start: {e}"));
        let mut sshd = Self { dir, port, child };
        sshd.wait_until_listening();
        sshd
    }

    fn wait_until_listening(&mut self) {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            let exited = self.child.try_wait().expect("sshd's status");
            assert!(
                exited.is_none() && start.elapsed() < Duration::from_secs(5),
                "sshd is not listening on {address} ({exited:?}); its log:\n{}",
                self.log()
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn log(&self) -> String {
        fs::read_to_string(self.path("sshd.log")).unwrap_or_default()
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The shell command that runs `remote` on this server through `ssh -tt`, then says how ssh
    /// ended and stays, so the pane (and what ssh left on it) can still be read.
    fn ssh_command(&self, remote: &str) -> String {
        assert!(
            Command::new("ssh")
                .arg("-V")
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success()),
            "ssh is missing: install openssh-client (.ci/run does)"
        );
        let user = run("id", &["-un"]);
        let file = |name: &str| sh_quote(&self.path(name).display().to_string());
        format!(
            "ssh -tt -F /dev/null -p {} -i {} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no \
             -o UserKnownHostsFile={} -o BatchMode=yes -o LogLevel=ERROR {}@127.0.0.1 {}; \
             echo \"ssh exited $?\"; sleep 60",
            self.port,
            file("client_key"),
            file("known_hosts"),
            sh_quote(&user),
            sh_quote(remote),
        )
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        // The listener and the sessions it forked (and anything left running in them).
        for pid in descendants(self.pid()) {
            kill("-KILL", pid);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Kills a process that should have ended by itself, so a failing test leaves nothing behind.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if alive(self.0) {
            kill("-KILL", self.0);
        }
    }
}

/// The kanbao process of this test on the server side: named kanbao, with `state` on its
/// command line, and a descendant of the test's sshd (not of tmux).
fn server_kanbao(sshd: &Sshd, state: &Path) -> u32 {
    let state = state.display().to_string();
    let start = Instant::now();
    loop {
        let found: Vec<u32> = descendants(sshd.pid())
            .into_iter()
            .filter(|&p| comm(p) == "kanbao" && cmdline(p).contains(&state))
            .collect();
        if let [pid] = found[..] {
            return pid;
        }
        assert!(
            found.is_empty() && start.elapsed() < Duration::from_secs(5),
            "no single kanbao under sshd ({found:?}); sshd's tree:\n{}",
            tree(sshd.pid())
        );
        sleep(Duration::from_millis(50));
    }
}

/// The ssh client running in the pane: a child of the pane's shell.
fn ssh_client(tmux: &Tmux) -> u32 {
    let shell: u32 = tmux.pane_var("pane_pid").parse().expect("the pane's pid");
    let found: Vec<u32> = descendants(shell)
        .into_iter()
        .filter(|&p| comm(p) == "ssh")
        .collect();
    match found[..] {
        [pid] => pid,
        _ => panic!("no single ssh in the pane: {found:?}\n{}", tree(shell)),
    }
}

fn read_the_seed_over_ssh_and_drop_the_connection(term: &str, name: &str) {
    let sshd = Sshd::start();
    let state = sshd.path("state.toml");
    let remote = format!(
        "cd {} && TERM={term} XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent \
         KANBAO_CONFIG= {} --config config.toml --state {}",
        sh_quote(env!("CARGO_MANIFEST_DIR")),
        sh_quote(env!("CARGO_BIN_EXE_kanbao")),
        sh_quote(&state.display().to_string()),
    );
    let tmux = Tmux::start(name, 80, 24, &sshd.ssh_command(&remote));
    let what = format!("the reader over ssh with TERM={term}");
    tmux.wait_for(15, &what, |s| {
        s.contains("? help") || s.contains("ssh exited")
    });
    let screen = tmux.capture();
    assert!(
        screen.contains("? help"),
        "ssh ended before the reader showed; the screen:\n{screen}\nsshd's log:\n{}",
        sshd.log()
    );
    let kanbao = server_kanbao(&sshd, &state);
    let _guard = KillOnDrop(kanbao);

    // The seed is the third issue: `]` twice, then Space to the end of its ninth article.
    tmux.send(&["]"]);
    tmux.send(&["]"]);
    let status = |s: &str| s.lines().nth(23).unwrap_or_default().to_owned();
    let mut screen = tmux.wait_for(5, "the seed", |s| {
        s.contains("上海邮政快递业简报") && status(s).contains("1/9")
    });
    let mut pages = 0;
    while !(status(&screen).contains("9/9") && status(&screen).contains("100%")) {
        assert!(pages < 200, "Space never reached 9/9 · 100%:\n{screen}");
        pages += 1;
        let before = screen.clone();
        tmux.send(&["Space"]);
        screen = tmux.wait_for(5, "the next page", |s| s != before);
    }
    assert!(
        pages > 9,
        "each of the nine articles took at least a page: {pages}"
    );
    eprintln!("TERM={term}: read the seed over ssh in {pages} pages");

    // A mark the state must keep: `m` toggles, and reading to the end may already have marked
    // the article read, so press until the status line says "marked read".
    tmux.send(&["m"]);
    let marked = tmux.wait_for(5, "the mark", |s| {
        s.contains("marked read") || s.contains("marked unread")
    });
    if !marked.contains("marked read") {
        tmux.send(&["m"]);
        tmux.wait_for(5, "the mark", |s| s.contains("marked read"));
    }

    // The connection drops: the ssh client dies without a word to the server.
    assert!(alive(kanbao), "kanbao runs before the connection drops");
    let ssh = ssh_client(&tmux);
    kill("-KILL", ssh);
    let dropped = Instant::now();
    while alive(kanbao) {
        if dropped.elapsed() > Duration::from_secs(1) {
            let (_, state) = stat(kanbao).unwrap_or((0, '?'));
            let wchan = fs::read_to_string(format!("/proc/{kanbao}/wchan")).unwrap_or_default();
            panic!(
                "TERM={term}: kanbao ({kanbao}, state {state}, waiting in {wchan}) still runs \
                 1 s after the ssh client was killed; sshd's tree:\n{}\nthe pane:\n{}",
                tree(sshd.pid()),
                tmux.capture()
            );
        }
        sleep(Duration::from_millis(10));
    }
    eprintln!(
        "TERM={term}: kanbao exited {} ms after the connection dropped",
        dropped.elapsed().as_millis()
    );
    tmux.wait_for(5, "ssh's end in the pane", |s| s.contains("ssh exited"));

    let saved = fs::read_to_string(&state)
        .unwrap_or_else(|e| panic!("TERM={term}: no state saved at {}: {e}", state.display()));
    assert!(saved.contains("read = true"), "TERM={term}: {saved}");
    assert!(
        saved.contains("2022-11-shanghai-postal/"),
        "TERM={term}: {saved}"
    );
}

#[test]
fn over_ssh_with_xterm_256color() {
    read_the_seed_over_ssh_and_drop_the_connection("xterm-256color", "sshxterm");
}

#[test]
fn over_ssh_with_screen() {
    read_the_seed_over_ssh_and_drop_the_connection("screen", "sshscreen");
}

#[test]
fn over_ssh_with_vt100() {
    read_the_seed_over_ssh_and_drop_the_connection("vt100", "sshvt100");
}
