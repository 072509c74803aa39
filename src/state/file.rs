//! The state file on disk: found, loaded, set aside when corrupt, and saved atomically under
//! a lock, merged with whatever another kanbao process saved meanwhile.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use etcetera::BaseStrategy as _;

use super::disk::{lock_exclusive, open_lock, write_atomically};
use super::format::{FormatError, looks_like_state};
use super::location::{self, Checked, RefusedPath};
use super::reading::ReadingState;
use super::time::utc_compact;

/// The shortest time between two saves (or attempts) that [`StateFile::due`] allows.
pub const SAVE_INTERVAL: Duration = Duration::from_secs(3);

/// Something the status line should say once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// The state file was corrupt or unreadable: set aside (if it could be), starting fresh.
    SetAside,
    /// The state cannot be written: it is kept in memory for this session.
    MemoryOnly,
    /// A save failed (it is tried again later); said once until a save succeeds.
    NotSaved,
}

impl Notice {
    fn new(kind: NoticeKind, message: String) -> Self {
        Self { kind, message }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why the reading state is not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSaved {
    /// The file and the error: `/home/me/state.toml: No space left on device (os error 28)`.
    pub reason: String,
    /// Trying again may succeed (an error while saving), unlike a state file that could not
    /// be opened for writing at all.
    pub transient: bool,
}

impl fmt::Display for NotSaved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reading state not saved: {}", self.reason)
    }
}

/// A save that succeeded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// What other kanbao processes had saved that the state did not have yet, for whoever
    /// holds another copy of the state to take up (see [`ReadingState::adopt`]).
    pub adopted: ReadingState,
    /// The file on disk was corrupt and was set aside.
    pub notice: Option<Notice>,
}

/// Where the reading state lives, and the bookkeeping for saving it.
#[derive(Debug)]
pub struct StateFile {
    /// `None`: state is kept in memory only.
    path: Option<PathBuf>,
    /// Why state is kept in memory only, unless by choice ([`memory`](Self::memory)).
    unwritable: Option<NotSaved>,
    /// When the first save is due.
    opened: Instant,
    last_attempt: Option<Instant>,
    /// A failure was reported by [`save`](Self::save) and no save succeeded since.
    failing: bool,
}

/// The state file, the state in it, and what the status line should say about them.
pub type Opened = (StateFile, ReadingState, Vec<Notice>);

impl StateFile {
    /// The platform's state file: `$XDG_STATE_HOME/kanbao/state.toml` (the data directory
    /// where the platform has no state directory).
    pub fn default_path() -> Result<PathBuf, String> {
        let dirs = etcetera::choose_base_strategy().map_err(|e| e.to_string())?;
        let base = dirs.state_dir().unwrap_or_else(|| dirs.data_dir());
        Ok(base.join("kanbao").join("state.toml"))
    }

    /// A state file that keeps everything in memory.
    #[must_use]
    pub fn memory() -> Self {
        Self {
            path: None,
            unwritable: None,
            opened: Instant::now(),
            last_attempt: None,
            failing: false,
        }
    }

    /// State kept in memory because it cannot be written: every save fails with `reason`.
    fn memory_because(reason: String) -> Self {
        Self {
            unwritable: Some(NotSaved {
                reason,
                transient: false,
            }),
            // The notice at opening said so.
            failing: true,
            ..Self::memory()
        }
    }

    /// Opens the state file named by `--state`, or the platform's; see [`open_at`](Self::open_at).
    pub fn open(path: Option<PathBuf>) -> Result<Opened, RefusedPath> {
        Self::open_at(path, SystemTime::now())
    }

    /// Opens the state file and loads it.
    ///
    /// A path that names something other than a kanbao state file (someone's file, a
    /// directory, a FIFO or device, a dangling symbolic link, or a damaged state file
    /// reached through a link) is refused, and nothing on disk is touched. A damaged state
    /// file is set aside as `state.toml.corrupt-YYYYMMDD-HHMMSS` (UTC, from `now`) and the
    /// state starts fresh. A directory that cannot be created or written means state is
    /// kept in memory (what could be read is still loaded). Each case but the refusal comes
    /// with a notice for the status line.
    pub fn open_at(path: Option<PathBuf>, now: SystemTime) -> Result<Opened, RefusedPath> {
        let mut notices = Vec::new();
        let given = match path.map_or_else(Self::default_path, Ok) {
            Ok(path) => path,
            Err(error) => {
                let reason = format!("cannot find a state directory ({error})");
                notices.push(Notice::new(
                    NoticeKind::MemoryOnly,
                    format!("{reason}: state is kept for this session only"),
                ));
                return Ok((Self::memory_because(reason), ReadingState::new(), notices));
            }
        };
        let Checked { file: path, link } = location::check(&given)?;
        // Through a link, a damaged state file is refused too: the link may point anywhere.
        let refuse = |unreadable: Unreadable| {
            let why = match unreadable {
                Unreadable::Foreign(why) => why,
                Unreadable::Corrupt(why) => format!(
                    "it is a damaged kanbao state file ({why}), which kanbao sets aside only \
                     where it is not reached through a symbolic link"
                ),
            };
            match &link {
                Some(_) => RefusedPath::new(
                    &given,
                    format!("it is a symbolic link to {}: {why}", path.display()),
                ),
                None => RefusedPath::new(&given, why),
            }
        };
        // Read before creating anything: a foreign file gets no lock file beside it. Reading
        // without the lock is safe, as the file is only ever replaced by a rename.
        let first = match read_state(&path) {
            Err(Unreadable::Corrupt(why)) if link.is_none() => Err(why),
            Err(unreadable) => return Err(refuse(unreadable)),
            Ok(state) => Ok(state),
        };
        // Creating the lock file shows that the directory can be written.
        if let Err(error) = create_parent(&path).and_then(|()| open_lock(&path)) {
            let reason = format!("{}: {error}", path.display());
            return Ok(match first {
                Ok(state) => {
                    notices.push(Notice::new(
                        NoticeKind::MemoryOnly,
                        format!(
                            "cannot write {} ({error}): state is kept for this session only",
                            path.display()
                        ),
                    ));
                    (Self::memory_because(reason), state, notices)
                }
                Err(why) => {
                    notices.push(left_alone(&path, &why, &error));
                    (Self::memory_because(reason), ReadingState::new(), notices)
                }
            });
        }
        // Corrupt: look again under the lock (another process may be replacing it right
        // now) before setting it aside.
        let state = if let Ok(state) = first {
            state
        } else {
            let guard = lock_exclusive(&path);
            match read_state(&path) {
                Ok(state) => state,
                Err(unreadable @ Unreadable::Foreign(_)) => {
                    drop(guard);
                    return Err(refuse(unreadable));
                }
                Err(Unreadable::Corrupt(why)) => match set_aside(&path, &why, now) {
                    Ok(notice) => {
                        notices.push(notice);
                        ReadingState::new()
                    }
                    Err(notice) => {
                        let reason = notice.message.clone();
                        notices.push(notice);
                        return Ok((Self::memory_because(reason), ReadingState::new(), notices));
                    }
                },
            }
        };
        let file = Self {
            path: Some(path),
            ..Self::memory()
        };
        Ok((file, state, notices))
    }

    /// The file, unless state is kept in memory only.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    #[must_use]
    pub fn is_memory_only(&self) -> bool {
        self.path.is_none()
    }

    /// Why state is kept in memory only, when it is not by choice.
    #[must_use]
    pub fn unwritable(&self) -> Option<&NotSaved> {
        self.unwritable.as_ref()
    }

    /// Whether to save now: something changed, there is a file, and the last save (or
    /// attempt) was at least [`SAVE_INTERVAL`] ago. On quit or a signal, save if
    /// [`ReadingState::is_dirty`] regardless.
    #[must_use]
    pub fn due(&self, state: &ReadingState, now: Instant) -> bool {
        self.deadline(state).is_some_and(|at| now >= at)
    }

    /// When the next save is due, for an event loop's timeout; `None` if none is pending.
    #[must_use]
    pub fn deadline(&self, state: &ReadingState) -> Option<Instant> {
        if self.path.is_none() || !state.is_dirty() {
            return None;
        }
        Some(
            self.last_attempt
                .map_or(self.opened, |at| at + SAVE_INTERVAL),
        )
    }

    /// Saves `state` (see [`store`](Self::store)), for a caller that wants to hear of a
    /// problem once: returns a notice for the status line when the file on disk was corrupt
    /// and was set aside, or when saving fails (once until a save succeeds). A failure
    /// leaves `state` dirty, to be tried again when [`due`](Self::due).
    pub fn save(&mut self, state: &mut ReadingState) -> Option<Notice> {
        match self.store(state) {
            Ok(saved) => {
                self.failing = false;
                saved.notice
            }
            Err(_) if self.failing => None,
            Err(not_saved) => {
                self.failing = true;
                let kind = if not_saved.transient {
                    NoticeKind::NotSaved
                } else {
                    NoticeKind::MemoryOnly
                };
                Some(Notice::new(kind, not_saved.reason))
            }
        }
    }

    /// Saves `state`: under an exclusive lock on `state.toml.lock`, reads the file as it is
    /// now, merges it into `state` (field by field, newest wins, so another process's marks
    /// are adopted and kept), writes a temporary file in the same directory, syncs it,
    /// renames it over the state file and syncs the directory. A reader of the file sees
    /// the old or the new version, never part of one.
    ///
    /// On success `state` is clean. A failure leaves it dirty and says why; a file that
    /// turns out not to be a kanbao state file any more (or a damaged one that cannot be
    /// set aside) is left alone and state is kept in memory from then on. In memory-only
    /// mode by choice nothing happens.
    pub fn store(&mut self, state: &mut ReadingState) -> Result<Saved, NotSaved> {
        if let Some(not_saved) = &self.unwritable {
            return Err(not_saved.clone());
        }
        let Some(path) = self.path.clone() else {
            state.set_clean();
            return Ok(Saved::default());
        };
        self.last_attempt = Some(Instant::now());
        match Self::save_to(&path, state) {
            Ok(saved) => {
                state.set_clean();
                Ok(saved)
            }
            Err(SaveError::Foreign(why)) => {
                self.path = None;
                let not_saved = NotSaved {
                    reason: format!(
                        "{}: {why}; it is left alone and state is kept for this session only",
                        path.display()
                    ),
                    transient: false,
                };
                self.unwritable = Some(not_saved.clone());
                Err(not_saved)
            }
            Err(SaveError::LeftAlone(notice)) => {
                self.path = None;
                let not_saved = NotSaved {
                    reason: notice.message,
                    transient: false,
                };
                self.unwritable = Some(not_saved.clone());
                Err(not_saved)
            }
            Err(SaveError::Io(error)) => Err(NotSaved {
                reason: format!("{}: {error}", path.display()),
                transient: true,
            }),
        }
    }

    fn save_to(path: &Path, state: &mut ReadingState) -> Result<Saved, SaveError> {
        let _guard = lock_exclusive(path).map_err(SaveError::Io)?;
        let mut saved = Saved::default();
        match read_state(path) {
            Ok(disk) => saved.adopted = state.adopt(&disk),
            Err(Unreadable::Foreign(why)) => return Err(SaveError::Foreign(why)),
            Err(Unreadable::Corrupt(why)) => {
                saved.notice =
                    Some(set_aside(path, &why, SystemTime::now()).map_err(SaveError::LeftAlone)?);
            }
        }
        write_atomically(path, state.to_toml().as_bytes()).map_err(SaveError::Io)?;
        Ok(saved)
    }
}

enum SaveError {
    Foreign(String),
    /// The file on disk is corrupt and could not be set aside.
    LeftAlone(Notice),
    Io(io::Error),
}

/// Why the file on disk is not a state to merge.
enum Unreadable {
    /// Not ours (or it cannot be read to tell): leave it alone. The text says why, as a
    /// clause: `it is not a kanbao state file (…)`.
    Foreign(String),
    /// Ours but damaged: set it aside. The text says why.
    Corrupt(String),
}

/// The state in the file; a missing file is an empty state.
fn read_state(path: &Path) -> Result<ReadingState, Unreadable> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(ReadingState::new());
        }
        Err(error) => return Err(Unreadable::Foreign(format!("it cannot be read ({error})"))),
    };
    ReadingState::from_bytes(&bytes).map_err(|error| match error {
        FormatError::Foreign { .. } => {
            Unreadable::Foreign(format!("it is not a kanbao state file ({error})"))
        }
        _ if !looks_like_state(&bytes) => Unreadable::Foreign(
            "it is not a kanbao state file (it has neither kanbao's header nor a state file's \
             keys)"
                .to_owned(),
        ),
        other => Unreadable::Corrupt(other.to_string()),
    })
}

/// Renames the corrupt file to `NAME.corrupt-YYYYMMDD-HHMMSS` (`-2`, `-3`… if taken) and
/// says so. Called under the lock, so two processes do not pick the same name.
///
/// If it cannot be moved, the error notice says it is left alone: the caller must then
/// keep state in memory, never write over it.
fn set_aside(path: &Path, why: &str, now: SystemTime) -> Result<Notice, Notice> {
    let name = file_name(path);
    let stamp = utc_compact(now);
    (1..100)
        .map(|n| match n {
            1 => format!("{name}.corrupt-{stamp}"),
            n => format!("{name}.corrupt-{stamp}-{n}"),
        })
        .find(|aside| !path.with_file_name(aside).exists())
        .ok_or_else(|| io::Error::other("too many set-aside files"))
        .and_then(|aside| fs::rename(path, path.with_file_name(&aside)).map(|()| aside))
        .map(|aside| {
            Notice::new(
                NoticeKind::SetAside,
                format!("{name} could not be read ({why}); set aside as {aside}; starting fresh"),
            )
        })
        .map_err(|error| left_alone(path, why, &error))
}

/// The notice for a corrupt file that could not be set aside.
fn left_alone(path: &Path, why: &str, error: &dyn fmt::Display) -> Notice {
    Notice::new(
        NoticeKind::MemoryOnly,
        format!(
            "{} could not be read ({why}) nor set aside ({error}); it is left alone and state \
             is kept for this session only",
            file_name(path)
        ),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::create_dir_all(dir).map_err(|error| {
            // The system says only "File exists" or "Not a directory" when a file stands
            // where a folder must be: name the file.
            dir.ancestors()
                .find(|place| place.exists() && !place.is_dir())
                .map_or(error, |file| {
                    io::Error::other(format!("{} is a file, not a folder", file.display()))
                })
        }),
        _ => Ok(()),
    }
}
