//! Watching the issues folder while the reader is open: new, changed and removed issue files
//! are read on this thread and handed to the reader's loop. The system's file events (inotify)
//! only wake the thread; the folder's stamps say what changed. Where events cannot be had
//! (a network folder, no inotify watches left), the folder is looked at every few seconds,
//! and the reader says so once. Idle, the thread sleeps in a blocking receive: no CPU.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use kanbao::config::{LibraryConfig, WatchMode};
use kanbao::load::{FolderStamps, Reloaded, load_each};
use notify::{EventKind, RecursiveMode, Watcher};

/// A burst of events (rsync writing a thousand files) is over once none came for this long.
const QUIET: Duration = Duration::from_millis(400);
/// A burst that never ends is taken in this often all the same.
const LONGEST_BURST: Duration = Duration::from_secs(10);

/// Files read again and files gone, to be taken into the library (into each reader's, in
/// `kanbao serve`: the issues are shared).
#[derive(Debug)]
pub struct FolderChange {
    pub reloaded: Vec<Reloaded>,
    pub removed: Vec<PathBuf>,
}

/// What the watcher tells the loop.
#[derive(Debug)]
pub enum Watched {
    Changed(FolderChange),
    /// Said once: why the folder is polled.
    Notice(String),
}

/// Starts watching `dir` on a thread of its own; `send` gets each change and returns `false`
/// when nobody listens any more. `stamps` are the folder as loaded (each file's taken before
/// it was read, so a file that changed meanwhile is read again).
pub fn spawn(
    dir: PathBuf,
    config: LibraryConfig,
    stamps: FolderStamps,
    send: impl Fn(Watched) -> bool + Send + 'static,
) {
    if config.watch == WatchMode::Off {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("kanbao-watch".into())
        .spawn(move || watch(&dir, config, stamps, &send));
}

fn watch(
    dir: &Path,
    config: LibraryConfig,
    mut stamps: FolderStamps,
    send: &dyn Fn(Watched) -> bool,
) {
    let (tx, rx) = mpsc::channel();
    let watcher = match config.watch {
        WatchMode::Auto => match network_filesystem(dir) {
            Some(kind) => Err(format!(
                "it is on {kind}, whose changes the system does not report"
            )),
            None => notify::recommended_watcher(tx)
                .and_then(|mut watcher| {
                    watcher.watch(dir, RecursiveMode::NonRecursive)?;
                    Ok(watcher)
                })
                .map_err(|error| error.to_string()),
        },
        WatchMode::Poll | WatchMode::Off => Err(String::new()),
    };
    if let Err(why) = &watcher
        && !why.is_empty()
        && !send(Watched::Notice(format!(
            "the issues folder is looked at every {} s: {why}",
            config.poll_interval.as_secs()
        )))
    {
        return;
    }
    // First what changed while the folder was being loaded, then what changes from now on.
    loop {
        if let Ok(now) = FolderStamps::scan(dir) {
            let changes = stamps.changes_to(&now);
            if !changes.is_empty() {
                let paths = changes.to_read();
                let outcomes = load_each(&paths, config.bodies(), |outcome| outcome);
                stamps = now;
                let change = FolderChange {
                    reloaded: paths
                        .into_iter()
                        .zip(outcomes)
                        .map(|(path, outcome)| Reloaded::new(path, outcome))
                        .collect(),
                    removed: changes.removed,
                };
                if !send(Watched::Changed(change)) {
                    return;
                }
            }
        }
        if watcher.is_ok() {
            if !wait_for_a_burst(&rx) {
                return;
            }
        } else {
            std::thread::sleep(config.poll_interval);
        }
    }
}

/// Sleeps until an event that may concern an issue file, then until the burst it starts is
/// over. `false` when the watcher is gone.
fn wait_for_a_burst(rx: &mpsc::Receiver<notify::Result<notify::Event>>) -> bool {
    loop {
        match rx.recv() {
            Ok(event) if may_concern_issues(&event) => break,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    let started = Instant::now();
    while started.elapsed() < LONGEST_BURST {
        match rx.recv_timeout(QUIET) {
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
    true
}

/// Whether an event may change an issue file: not a mere read (loading the files makes
/// those), and about a `*.toml` file that is not hidden, or about nothing in particular (the
/// system lost track and everything must be looked at).
fn may_concern_issues(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else {
        return true;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.need_rescan()
        || event.paths.is_empty()
        || event.paths.iter().any(|path| is_issue_name(path))
}

/// The rule [`kanbao::load::issue_files`] lists files by: `*.toml`, not hidden.
fn is_issue_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'));
    !hidden
        && path
            .extension()
            .is_some_and(|extension| extension == "toml")
}

/// The kind of network or user-space filesystem `dir` is on, whose changes inotify does not
/// see (made on another machine, or by the filesystem's own process).
fn network_filesystem(dir: &Path) -> Option<&'static str> {
    let kind = rustix::fs::statfs(dir).ok()?.f_type;
    #[allow(
        clippy::cast_sign_loss,
        reason = "f_type is a magic number, compared as one"
    )]
    let kind = kind as u64;
    Some(match kind {
        0x6969 => "NFS",
        0x517b | 0xff53_4d42 | 0xfe53_4d42 => "SMB",
        0x6573_5546 => "a FUSE filesystem (sshfs and the like)",
        0x0102_1997 => "9P",
        0x00c3_6400 => "Ceph",
        0x5346_414f => "AFS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_toml_files_wake_the_reader() {
        assert!(is_issue_name(Path::new("/i/2024-05.toml")));
        assert!(!is_issue_name(Path::new("/i/.2024-05.toml.a1b2c3")));
        assert!(!is_issue_name(Path::new("/i/.2024-05.toml")));
        assert!(!is_issue_name(Path::new("/i/notes.txt")));
    }

    #[test]
    fn a_local_folder_is_watched_not_polled() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(network_filesystem(dir.path()), None);
    }
}
