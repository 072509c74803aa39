//! Saving the reading state on a thread of its own. A save reads the file on disk, merges,
//! serialises, writes and syncs: with a large state that takes long enough to freeze the
//! screen, so the reader only hands over what changed and goes on.
//!
//! The writer keeps its own copy of the state, brought up to date with each request's
//! changes ([`ReadingState::take_changes`]), so a request costs what changed, not what is
//! remembered. Requests that arrive while a save runs are saved together by the next one.
//! What other processes saved comes back in each report, for the reader to take up.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Instant;

use super::file::{NotSaved, SAVE_INTERVAL, Saved, StateFile};
use super::reading::ReadingState;

/// Where the writer saves: the state file, or a stand-in in tests.
pub trait Store: Send + 'static {
    /// Saves `state`, merging into it what is on disk; see [`StateFile::store`].
    fn store(&mut self, state: &mut ReadingState) -> Result<Saved, NotSaved>;
}

impl Store for StateFile {
    fn store(&mut self, state: &mut ReadingState) -> Result<Saved, NotSaved> {
        Self::store(self, state)
    }
}

/// What became of a save, as the writer reports it.
pub type SaveReport = Result<Saved, NotSaved>;

enum Request {
    /// Save, with these changes.
    Save(ReadingState),
    /// Save what is not saved yet (with these changes, if any), then stop.
    Finish(Option<ReadingState>),
}

/// The reader's side of the writer thread.
pub struct StateWriter {
    requests: Sender<Request>,
    thread: Option<JoinHandle<Result<(), NotSaved>>>,
    started: Instant,
    last_request: Option<Instant>,
    /// Set by the writer: the last save failed in a way that trying again may mend.
    retry: Arc<AtomicBool>,
}

impl StateWriter {
    /// Starts the writer on a copy of `state` (the one time all of it is copied). `report`
    /// is called on the writer's thread after each save, with what became of it.
    pub fn spawn<S: Store>(
        store: S,
        state: &ReadingState,
        report: impl FnMut(SaveReport) + Send + 'static,
    ) -> Self {
        let (requests, received) = mpsc::channel();
        let retry = Arc::new(AtomicBool::new(false));
        let copy = state.clone();
        let thread = {
            let retry = Arc::clone(&retry);
            thread::spawn(move || write(store, copy, &received, &retry, report))
        };
        Self {
            requests,
            thread: Some(thread),
            started: Instant::now(),
            last_request: None,
            retry,
        }
    }

    /// When the next save is due, for an event loop's timeout: at most every
    /// [`SAVE_INTERVAL`], while something changed or a failed save may succeed if tried
    /// again. `None` if none is pending.
    #[must_use]
    pub fn deadline(&self, state: &ReadingState) -> Option<Instant> {
        if !state.is_dirty() && !self.retry.load(Ordering::Relaxed) {
            return None;
        }
        Some(
            self.last_request
                .map_or(self.started, |at| at + SAVE_INTERVAL),
        )
    }

    /// Whether a save is due at `now` (see [`deadline`](Self::deadline)).
    #[must_use]
    pub fn due(&self, state: &ReadingState, now: Instant) -> bool {
        self.deadline(state).is_some_and(|at| now >= at)
    }

    /// Hands what changed in `state` to the writer and returns at once; `state` is clean
    /// afterwards. The outcome comes later, through the report.
    pub fn request(&mut self, state: &mut ReadingState) {
        self.last_request = Some(Instant::now());
        // A writer that is gone has reported why, or panicked: `finish` says so.
        let _ = self.requests.send(Request::Save(state.take_changes()));
    }

    /// Hands over what changed in `state`, waits until everything the writer holds is
    /// saved (or the save failed) and stops it. Returns why the state is not saved, if it
    /// is not. Later calls have nothing to wait for.
    pub fn finish(&mut self, state: &mut ReadingState) -> Result<(), NotSaved> {
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        let changes = state.is_dirty().then(|| state.take_changes());
        let _ = self.requests.send(Request::Finish(changes));
        thread.join().unwrap_or_else(|_| {
            Err(NotSaved {
                reason: "the thread that saves it stopped with an error".to_owned(),
                transient: false,
            })
        })
    }
}

/// The writer thread: waits for a request, takes every request that is waiting too (they
/// are saved together), saves, reports. Returns on [`Request::Finish`] (after a last save)
/// or when the reader is gone.
fn write<S: Store>(
    mut store: S,
    mut copy: ReadingState,
    requests: &Receiver<Request>,
    retry: &AtomicBool,
    mut report: impl FnMut(SaveReport),
) -> Result<(), NotSaved> {
    let mut unsaved = false;
    let mut failure: Option<NotSaved> = None;
    while let Ok(first) = requests.recv() {
        let mut finish = false;
        for request in std::iter::once(first).chain(requests.try_iter()) {
            let changes = match request {
                Request::Save(changes) => Some(changes),
                Request::Finish(changes) => {
                    finish = true;
                    changes
                }
            };
            if let Some(changes) = changes {
                copy.merge(&changes);
                unsaved = true;
            }
        }
        if unsaved || failure.is_some() {
            let outcome = store.store(&mut copy);
            match &outcome {
                Ok(_) => {
                    unsaved = false;
                    failure = None;
                }
                Err(not_saved) => failure = Some(not_saved.clone()),
            }
            retry.store(
                failure.as_ref().is_some_and(|f| f.transient),
                Ordering::Relaxed,
            );
            if !finish {
                report(outcome);
            }
        }
        if finish {
            break;
        }
    }
    failure.map_or(Ok(()), Err)
}
