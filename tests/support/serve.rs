//! `kanbao serve` of a test's own: on 127.0.0.1 (or `::1`) and a free port, its config, host
//! key, state folder and client keys in a temporary folder; stopped when dropped. Clients are
//! the real OpenSSH `ssh`.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

#[path = "serve_process.rs"]
mod serve_process;

/// What the server is started with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `anonymous = true`.
    pub anonymous: bool,
    /// Only `client_key` may log in with a key (an `authorized_keys` file); otherwise any key.
    pub authorized_only: bool,
    /// More `[serve]` lines.
    pub extra: String,
    /// Listen on this address instead of 127.0.0.1 (`::1` for IPv6).
    pub host: Option<String>,
    /// Run the server with at most this many open files (`prlimit --nofile`).
    pub open_files: Option<u32>,
    /// Serve a copy of the shipped issues (`issues/` in the test's folder), to change it.
    pub own_issues: bool,
    /// Serve this folder of issues instead of the shipped `issues`.
    pub issues: Option<PathBuf>,
}

pub struct Server {
    dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
    options: Options,
}

/// Quotes `text` as one word for `sh`.
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-t", "ed25519", "-N", "", "-q", "-f"])
        .arg(path)
        .status()
        .unwrap_or_else(|e| panic!("ssh-keygen must be installed (openssh-client): {e}"));
    assert!(status.success(), "ssh-keygen failed");
}

impl Server {
    pub fn start(options: Options) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        keygen(&dir.path().join("client_key"));
        keygen(&dir.path().join("stranger_key"));
        fs::copy(
            dir.path().join("client_key.pub"),
            dir.path().join("authorized_keys"),
        )
        .expect("authorized_keys");
        let mut server = Self {
            dir,
            port: free_port(),
            child: None,
            options,
        };
        server.launch();
        server
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn host(&self) -> String {
        self.options
            .host
            .clone()
            .unwrap_or_else(|| "127.0.0.1".into())
    }

    fn listen(&self) -> String {
        let host = self.host();
        if host.contains(':') {
            format!("[{host}]:{}", self.port)
        } else {
            format!("{host}:{}", self.port)
        }
    }

    /// The issues folder served.
    pub fn issues(&self) -> PathBuf {
        if self.options.own_issues {
            self.path("issues")
        } else {
            self.options
                .issues
                .clone()
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("issues"))
        }
    }

    fn launch(&mut self) {
        let quote = |path: PathBuf| format!("{:?}", path.display().to_string());
        if self.options.own_issues && !self.path("issues").exists() {
            fs::create_dir(self.path("issues")).expect("issues");
            let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
            for entry in fs::read_dir(shipped).expect("the shipped issues") {
                let from = entry.expect("an entry").path();
                let name = from.file_name().expect("a name").to_owned();
                fs::copy(&from, self.path("issues").join(name)).expect("copy");
            }
        }
        let config = format!(
            "issues = {}\n\n[serve]\nhost_key = {}\nanonymous = {}\n{}{}\n",
            quote(self.issues()),
            quote(self.path("host_key")),
            self.options.anonymous,
            if self.options.authorized_only {
                format!(
                    "authorized_keys = {}\n",
                    quote(self.path("authorized_keys"))
                )
            } else {
                String::new()
            },
            self.options.extra,
        );
        fs::write(self.path("config.toml"), config).expect("config.toml");
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.path("serve.log"))
            .expect("serve.log");
        let before = serve_process::times_listening(&self.path("serve.log"));
        let command = match self.options.open_files {
            Some(limit) => {
                let mut command = Command::new("prlimit");
                command
                    .arg(format!("--nofile={limit}:{limit}"))
                    .arg(env!("CARGO_BIN_EXE_kanbao"));
                command
            }
            None => Command::new(env!("CARGO_BIN_EXE_kanbao")),
        };
        let mut child = serve_process::spawn(
            command,
            &self.path("config.toml"),
            &self.listen(),
            &self.path("state"),
            log,
        );
        serve_process::wait_until_listening(
            &mut child,
            &self.path("serve.log"),
            before,
            Duration::from_secs(10),
        );
        self.child = Some(child);
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.path("serve.log")).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Whether the server process still runs.
    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|child| child.try_wait().ok().flatten().is_none())
    }

    /// The server's resident memory now (`VmRSS`), in bytes.
    pub fn rss(&self) -> u64 {
        self.memory("VmRSS:")
    }

    /// The most resident memory the server has had (`VmHWM`), in bytes.
    pub fn peak_rss(&self) -> u64 {
        self.memory("VmHWM:")
    }

    /// A `kB` line of `/proc/PID/status`, in bytes.
    fn memory(&self, field: &str) -> u64 {
        serve_process::status_bytes(self.pid(), field)
    }

    /// SIGTERM, then waits for the server to end; returns how, and how long it took.
    pub fn stop(&mut self) -> (ExitStatus, Duration) {
        let mut child = self.child.take().expect("a running server");
        let start = Instant::now();
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        loop {
            if let Some(status) = child.try_wait().expect("the server's status") {
                return (status, start.elapsed());
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "kanbao serve did not stop on SIGTERM; its log:\n{}",
                self.log()
            );
            sleep(Duration::from_millis(20));
        }
    }

    /// Starts the server again on the same port, config and folders.
    pub fn restart(&mut self) {
        if self.child.is_some() {
            self.stop();
        }
        self.launch();
    }

    /// The `ssh` command line (for a shell) that logs in with `key` (a file in the test's
    /// folder; `None` for no key, keyboard-interactive only), `tty` forcing a terminal, and
    /// runs `remote` if given.
    pub fn ssh(&self, key: Option<&str>, tty: bool, remote: Option<&str>) -> String {
        let auth = match key {
            Some(key) => format!(
                "-i {} -o IdentitiesOnly=yes -o PreferredAuthentications=publickey,keyboard-interactive",
                sh_quote(&self.path(key).display().to_string())
            ),
            None => {
                "-o PubkeyAuthentication=no -o PreferredAuthentications=keyboard-interactive".into()
            }
        };
        format!(
            "ssh {} -F /dev/null -p {} {auth} -o StrictHostKeyChecking=accept-new \
             -o UserKnownHostsFile={} -o LogLevel=ERROR reader@{} {}",
            if tty { "-tt" } else { "-T" },
            self.port,
            sh_quote(&self.path("known_hosts").display().to_string()),
            self.host(),
            remote.map(sh_quote).unwrap_or_default(),
        )
    }

    /// Runs `ssh` (see [`ssh`](Self::ssh)) without a terminal and returns its output.
    pub fn run_ssh(&self, key: Option<&str>, remote: Option<&str>) -> std::process::Output {
        Command::new("sh")
            .args(["-c", &self.ssh(key, false, remote)])
            .stdin(Stdio::null())
            .output()
            .expect("ssh runs")
    }

    /// The state files of key readers.
    pub fn reader_states(&self) -> Vec<PathBuf> {
        fs::read_dir(self.path("state/kanbao/serve/readers"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
