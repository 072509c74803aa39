//! The state file's lock and its atomic replacement: what lets two kanbao processes save
//! one file without losing each other's marks, and a reader never see half a file.

use std::fs;
use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use rustix::fs::{FlockOperation, flock};
use rustix::io::Errno;

/// How long a save waits for another process to release the lock before giving up (it
/// holds it only while it reads, merges and writes, but it may have been stopped).
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

fn side_path(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Opens (creating) `state.toml.lock`, a side file that is never deleted (that would race);
/// failing means the directory cannot be written.
pub(super) fn open_lock(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(side_path(path, ".lock"))
}

/// An exclusive `flock` on the lock file, held until dropped (closing the file releases it).
pub(super) struct LockGuard(File);

impl Drop for LockGuard {
    fn drop(&mut self) {
        let _ = flock(&self.0, FlockOperation::Unlock);
    }
}

/// Takes the lock on `state.toml.lock`, waiting at most [`LOCK_PATIENCE`]. The wait is a
/// blocking `flock` (the kernel wakes waiters as the lock is released, where polling could
/// starve) on a thread of its own with its own open file: if the save gave up meanwhile,
/// that thread drops the lock as soon as it gets it. A file system without `flock` gets no
/// lock (the rename still keeps the file whole).
pub(super) fn lock_exclusive(path: &Path) -> io::Result<LockGuard> {
    let file = open_lock(path)?;
    match flock(&file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) | Err(Errno::NOLCK | Errno::OPNOTSUPP) => return Ok(LockGuard(file)),
        Err(Errno::WOULDBLOCK) => {}
        Err(error) => return Err(error.into()),
    }
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let locked = loop {
            match flock(&file, FlockOperation::LockExclusive) {
                Err(Errno::INTR) => {}
                result => break result,
            }
        };
        // If the save gave up, the guard comes back in the error and is dropped: unlocked.
        let _ = sender.send(locked.map(|()| LockGuard(file)));
    });
    match receiver.recv_timeout(LOCK_PATIENCE) {
        Ok(locked) => locked.map_err(io::Error::from),
        Err(_) => Err(io::Error::other(
            "another kanbao process holds the state file's lock",
        )),
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path` and
/// syncs the directory, so that `path` is always either the old or the new file.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = side_path(path, &format!(".tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
        return written;
    }
    // The rename is durable once the directory is synced; some file systems cannot.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}
