//! `kanbao serve` as the bench runs it: the release binary on 127.0.0.1 and a free port, its
//! config, host key and state in a temporary folder, killed when dropped; its memory and CPU
//! read from `/proc`.

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

use tempfile::TempDir;

#[path = "../../tests/support/serve_process.rs"]
mod serve_process;

pub struct Server {
    dir: TempDir,
    pub port: u16,
    child: Child,
}

impl Server {
    /// Serves `issues` to anonymous readers, with room for `sessions` of them logging in at
    /// once from one address: no rate limit, `max_startups` and `max_sessions` above it.
    pub fn start(kanbao: &Path, issues: &Path, sessions: usize) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder for the server");
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let quote = |path: &Path| format!("{:?}", path.display().to_string());
        let config = format!(
            "issues = {}\n\n[serve]\nhost_key = {}\nanonymous = true\nper_ip_rate = 0\n\
             max_startups = {}\nmax_sessions = {}\n",
            quote(issues),
            quote(&dir.path().join("host_key")),
            sessions.max(100),
            sessions + 10,
        );
        fs::write(dir.path().join("config.toml"), config).expect("config.toml");
        let log = fs::File::create(dir.path().join("serve.log")).expect("serve.log");
        let mut child = serve_process::spawn(
            Command::new(kanbao),
            &dir.path().join("config.toml"),
            &format!("127.0.0.1:{port}"),
            &dir.path().join("state"),
            log,
        );
        serve_process::wait_until_listening(
            &mut child,
            &dir.path().join("serve.log"),
            0,
            Duration::from_secs(60),
        );
        Self { dir, port, child }
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("serve.log")).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory now (`VmRSS` of `/proc/PID/status`), in bytes.
    pub fn rss(&self) -> u64 {
        serve_process::status_bytes(self.pid(), "VmRSS:")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
