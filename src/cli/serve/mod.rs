//! `kanbao serve`: the reader as its own SSH server. `ssh -p PORT HOST` opens the reader on
//! the served issues and nothing else; `ssh HOST list|cat|search` runs those printers.
//! Each reader is a task with its own reading state and its own list of the shared issues;
//! the folder is watched, and each change, read once, goes to every reader.

mod auth;
mod channel;
mod exec;
mod handler;
mod host_key;
mod limits;
mod log;
mod session;
mod stall;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use kanbao::config::Config;
use kanbao::load::FolderStamps;
use kanbao::load::{self, Library};
use kanbao::reader::{Keymap, Rows};
use kanbao::state::StateFile;
use tokio::net::TcpListener;
use tokio::sync::{Notify, broadcast, watch};

use super::watch::{self as folder_watch, FolderChange, Watched};

use self::auth::AllowedKeys;
use self::handler::{Connection, methods};
use self::limits::{Admit, Gate, Limits};
use self::stall::Stalling;
use super::CommandError;
pub use super::read::settings as reader_settings;

/// How long the readers have to save and say goodbye when the server is told to stop.
const STOP_PATIENCE: Duration = Duration::from_secs(5);
/// A client that has read nothing for this long, with frames waiting for it, is gone.
const WRITE_PATIENCE: Duration = Duration::from_secs(30);
/// Folder changes a reader may fall behind by before it is told to start over.
const CHANGES_KEPT: usize = 256;
/// How often an idle client is asked whether it is still there; three unanswered and it is
/// gone. Readers sit idle for hours, so nothing else ends a quiet session.
const KEEPALIVE: Duration = Duration::from_secs(30);

/// What every connection and reader shares.
pub struct Shared {
    /// The library as the folder is now, and its list's rows; a new reader starts from a
    /// copy of the library (of its list: the issues themselves are shared) and shares the
    /// rows until its library changes.
    pub library: RwLock<(Library, Arc<Rows>)>,
    /// Each change of the folder, read once, for every reader.
    pub changes: broadcast::Sender<Arc<FolderChange>>,
    pub config: Config,
    pub keymap: Keymap,
    pub allowed: AllowedKeys,
    /// Where key readers' state files go.
    pub state_folder: PathBuf,
    pub issues_dir: PathBuf,
    pub gate: Mutex<Gate>,
    /// Connections logging in that may be told to go (the oldest, when too many wait).
    pub evictions: Mutex<HashMap<u64, Arc<Notify>>>,
    /// Becomes `true` when the server stops.
    pub shutdown: watch::Receiver<bool>,
    pub live: Live,
}

/// How many readers are running, so stopping can wait for their last saves.
#[derive(Default)]
pub struct Live {
    count: AtomicUsize,
    none_left: Notify,
}

/// One running reader; dropped when it ends.
pub struct LiveReader<'a>(&'a Live);

impl Live {
    pub fn enter(&self) -> LiveReader<'_> {
        self.count.fetch_add(1, Ordering::SeqCst);
        LiveReader(self)
    }

    async fn all_gone(&self) {
        while self.count.load(Ordering::SeqCst) > 0 {
            let notified = self.none_left.notified();
            if self.count.load(Ordering::SeqCst) == 0 {
                break;
            }
            notified.await;
        }
    }
}

impl Drop for LiveReader<'_> {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.none_left.notify_waiters();
        }
    }
}

/// Runs the server until SIGTERM or SIGINT.
pub fn run(
    issues_dir: &Path,
    config: &Config,
    listen: Vec<String>,
) -> Result<ExitCode, CommandError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CommandError::Message(format!("cannot start the server: {e}")))?;
    runtime
        .block_on(serve(issues_dir, config, listen))
        .map_err(CommandError::Message)
}

async fn serve(
    issues_dir: &Path,
    config: &Config,
    listen: Vec<String>,
) -> Result<ExitCode, String> {
    let addresses = if listen.is_empty() {
        config.serve.listen.clone()
    } else {
        listen
    };
    let state_root = StateFile::default_path()
        .ok()
        .and_then(|path| path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("serve");
    let key_path = config
        .serve
        .host_key
        .clone()
        .unwrap_or_else(|| state_root.join("host_ed25519_key"));
    let (key, made) = host_key::load_or_create(&key_path).map_err(|e| e.to_string())?;
    log::line(&format!(
        "host key {} ({}): {}",
        key_path.display(),
        if made { "made now" } else { "kept" },
        host_key::fingerprint(&key)
    ));
    let allowed = AllowedKeys::read(config.serve.authorized_keys.as_deref())?;
    let loaded = Instant::now();
    let stamps = FolderStamps::scan(issues_dir).unwrap_or_default();
    let library = load::load_folder_keeping(issues_dir, config.library.bodies())
        .map_err(|e| e.to_string())?;
    log::line(&format!(
        "{} issues from {} in {} ms",
        library.issues.len(),
        issues_dir.display(),
        loaded.elapsed().as_millis()
    ));
    let listeners = bind(&addresses).await?;
    let mut keymap = Keymap::defaults();
    for (context, key, action) in &config.key_bindings {
        keymap.bind(*context, *key, *action);
    }
    let (stop, shutdown) = watch::channel(false);
    let shared = Arc::new(Shared {
        library: RwLock::new({
            let rows = Arc::new(Rows::new(&library));
            (library, rows)
        }),
        changes: broadcast::channel(CHANGES_KEPT).0,
        config: config.clone(),
        keymap,
        allowed,
        state_folder: state_root.join("readers"),
        issues_dir: issues_dir.to_path_buf(),
        gate: Mutex::new(Gate::new(Limits {
            max_sessions: config.serve.max_sessions,
            max_startups: config.serve.max_startups,
            per_ip_rate: config.serve.per_ip_rate,
        })),
        evictions: Mutex::new(HashMap::new()),
        shutdown,
        live: Live::default(),
    });
    let ssh = Arc::new(ssh_config(config, key));
    watch_the_folder(issues_dir, config, stamps, Arc::clone(&shared));
    let next_id = Arc::new(AtomicUsize::new(0));
    for listener in listeners {
        tokio::spawn(accept_loop(
            listener,
            Arc::clone(&shared),
            Arc::clone(&ssh),
            Arc::clone(&next_id),
        ));
    }
    wait_for_stop().await;
    log::line("stopping: saving every reader's state");
    let _ = stop.send(true);
    if tokio::time::timeout(STOP_PATIENCE, shared.live.all_gone())
        .await
        .is_err()
    {
        log::line("stopped with readers still saving");
    } else {
        log::line("stopped");
    }
    Ok(ExitCode::SUCCESS)
}

/// Watches the issues folder: each change is taken into the library new readers start from,
/// and sent to every reader.
fn watch_the_folder(dir: &Path, config: &Config, stamps: FolderStamps, shared: Arc<Shared>) {
    folder_watch::spawn(dir.to_path_buf(), config.library, stamps, move |watched| {
        match watched {
            Watched::Changed(change) => {
                if let Ok(mut listing) = shared.library.write() {
                    let (library, rows) = &mut *listing;
                    let applied = library.apply_changes(&change.reloaded, &change.removed, None);
                    *rows = Arc::new(Rows::new(library));
                    log::line(&format!(
                        "issues folder: {} new, {} changed, {} removed, {} not loading",
                        applied.added.len(),
                        applied.replaced,
                        applied.removed,
                        applied.kept_last_good.len()
                    ));
                }
                // No reader listening is fine: new readers start from the library.
                let _ = shared.changes.send(Arc::new(change));
            }
            Watched::Notice(text) => log::line(&text),
        }
        true
    });
}

/// Listens on every address, or says which one cannot be.
async fn bind(addresses: &[String]) -> Result<Vec<TcpListener>, String> {
    let mut listeners = Vec::new();
    for address in addresses {
        let parsed: SocketAddr = address.parse().map_err(|_| {
            format!("`{address}` is not an address to listen on, such as 0.0.0.0:2222 or [::]:2222")
        })?;
        let listener = TcpListener::bind(parsed)
            .await
            .map_err(|e| format!("cannot listen on {address}: {e}"))?;
        log::line(&format!(
            "listening on {}",
            listener
                .local_addr()
                .map_or_else(|_| address.clone(), |a| a.to_string())
        ));
        listeners.push(listener);
    }
    Ok(listeners)
}

/// russh's settings, with the defaults that hurt a reader overridden: no inactivity drop
/// (reading is idle; keepalives find dead clients), no delay after a refused login (the
/// refusal is the same whatever was tried), and only the login methods kanbao takes.
fn ssh_config(config: &Config, key: russh::keys::PrivateKey) -> russh::server::Config {
    russh::server::Config {
        server_id: russh::SshId::Standard(
            format!("SSH-2.0-kanbao_{}", env!("CARGO_PKG_VERSION")).into(),
        ),
        methods: methods(config.serve.anonymous),
        auth_rejection_time: Duration::ZERO,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        inactivity_timeout: config.serve.idle_timeout,
        keepalive_interval: Some(KEEPALIVE),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

async fn wait_for_stop() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut interrupt)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = interrupt.recv() => {}
    }
}

/// Accepts connections for good: a failed accept (out of file descriptors, a connection reset
/// before it was taken) is logged and tried again after a pause, never the end of the server.
async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    ssh: Arc<russh::server::Config>,
    next_id: Arc<AtomicUsize>,
) {
    let mut last_error: Option<String> = None;
    loop {
        match listener.accept().await {
            Ok((socket, peer)) => {
                last_error = None;
                let id = next_id.fetch_add(1, Ordering::SeqCst) as u64;
                let admitted = shared.gate.lock().map_or(Admit::Full, |mut gate| {
                    gate.arrive(id, peer.ip(), Instant::now())
                });
                match admitted {
                    Admit::Yes { evict } => {
                        if let Some(oldest) = evict
                            && let Some(notify) = shared
                                .evictions
                                .lock()
                                .ok()
                                .and_then(|mut e| e.remove(&oldest))
                        {
                            notify.notify_one();
                        }
                        tokio::spawn(connection(
                            id,
                            socket,
                            peer,
                            Arc::clone(&shared),
                            Arc::clone(&ssh),
                        ));
                    }
                    Admit::TooFast => {
                        log::line(&format!("refused {peer}: too many connections a minute"));
                    }
                    Admit::Full => {
                        log::line(&format!("refused {peer}: the server is full"));
                    }
                }
            }
            Err(error) => {
                let text = error.to_string();
                if last_error.as_deref() != Some(text.as_str()) {
                    log::line(&format!(
                        "cannot accept a connection ({text}); trying again"
                    ));
                }
                last_error = Some(text);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn connection(
    id: u64,
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    ssh: Arc<russh::server::Config>,
) {
    let started = Instant::now();
    log::line(&format!("connect {peer} (connection {id})"));
    let evicted = Arc::new(Notify::new());
    if let Ok(mut evictions) = shared.evictions.lock() {
        evictions.insert(id, Arc::clone(&evicted));
    }
    let logged_in = Arc::new(AtomicBool::new(false));
    let handler = Connection::new(id, peer, Arc::clone(&shared), Arc::clone(&logged_in));
    // russh sets this only in its own accept loop: without it, a small write (a key's echo,
    // the probe) waits for the client's delayed acknowledgement, 40 ms and more.
    if let Err(error) = socket.set_nodelay(true) {
        log::line(&format!(
            "{peer}: cannot turn off Nagle's algorithm: {error}"
        ));
    }
    let socket = Stalling::new(socket, WRITE_PATIENCE);
    let session = async {
        match russh::server::run_stream(ssh, socket, handler).await {
            Ok(running) => running.await.err().map(|e| e.to_string()),
            Err(error) => Some(error.to_string()),
        }
    };
    let patience = shared.config.serve.login_deadline;
    let deadline = {
        let logged_in = Arc::clone(&logged_in);
        async move {
            tokio::time::sleep(patience).await;
            if logged_in.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
        }
    };
    let how = tokio::select! {
        error = session => error.map_or_else(String::new, |e| format!(" ({e})")),
        () = evicted.notified() => " (dropped: too many connections logging in)".to_owned(),
        () = deadline => format!(" (dropped: no login within {} s)", patience.as_secs()),
    };
    if let Ok(mut evictions) = shared.evictions.lock() {
        evictions.remove(&id);
    }
    let was_session = logged_in.load(Ordering::SeqCst);
    if let Ok(mut gate) = shared.gate.lock() {
        gate.left(id, was_session);
    }
    log::line(&format!(
        "disconnect {peer} (connection {id}) after {:.1} s{how}",
        started.elapsed().as_secs_f64()
    ));
}
