//! The state writer: the reader hands it what changed and goes on, whatever the writer is
//! doing; requests made during a save are saved together; quitting waits for the last save.

mod support {
    pub mod full_disk;
}

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use kanbao::state::{
    NotSaved, Place, ReadingState, SaveReport, Saved, StateFile, StateWriter, Store,
};
use support::full_disk::disk_full;

/// A store that says when a save starts, then waits to be told how it ends; it keeps a copy
/// of every state it was asked to save.
struct Gate {
    started: Sender<()>,
    outcome: Receiver<Result<(), NotSaved>>,
    saved: Arc<Mutex<Vec<ReadingState>>>,
}

impl Store for Gate {
    fn store(&mut self, state: &mut ReadingState) -> Result<Saved, NotSaved> {
        let _ = self.started.send(());
        let outcome = self
            .outcome
            .recv()
            .expect("the test says how the save ends");
        self.saved.lock().expect("lock").push(state.clone());
        outcome.map(|()| Saved::default())
    }
}

struct Harness {
    writer: StateWriter,
    started: Receiver<()>,
    finish_save: Sender<Result<(), NotSaved>>,
    saved: Arc<Mutex<Vec<ReadingState>>>,
    reports: Receiver<SaveReport>,
}

fn harness(state: &ReadingState) -> Harness {
    let (started_tx, started) = mpsc::channel();
    let (finish_save, outcome) = mpsc::channel();
    let (report_tx, reports) = mpsc::channel();
    let saved = Arc::new(Mutex::new(Vec::new()));
    let gate = Gate {
        started: started_tx,
        outcome,
        saved: Arc::clone(&saved),
    };
    let writer = StateWriter::spawn(gate, state, move |report| {
        let _ = report_tx.send(report);
    });
    Harness {
        writer,
        started,
        finish_save,
        saved,
        reports,
    }
}

#[test]
fn a_save_request_returns_while_the_writer_is_blocked_and_requests_meanwhile_are_saved_together() {
    let mut state = ReadingState::new();
    let mut h = harness(&state);

    state.mark_read("2022-11-shanghai-postal/党建");
    h.writer.request(&mut state);
    h.started.recv().expect("the first save started");
    // The writer is now inside a save that cannot end until this thread says so: each of
    // these calls returns only because none of them waits for it.
    state.mark_read("2024-05-hon-no-mushi/巻頭言");
    h.writer.request(&mut state);
    state.toggle_bookmark("2024-05-hon-no-mushi/巻頭言", Place::at(42));
    h.writer.request(&mut state);
    state.set_last("2024-05-hon-no-mushi/巻頭言");
    h.writer.request(&mut state);
    assert!(!state.is_dirty(), "everything was handed over");

    h.finish_save.send(Ok(())).expect("writer waits");
    assert_eq!(h.reports.recv().expect("report"), Ok(Saved::default()));
    h.started
        .recv()
        .expect("one more save, for the three requests");
    h.finish_save.send(Ok(())).expect("writer waits");
    assert_eq!(h.reports.recv().expect("report"), Ok(Saved::default()));
    assert_eq!(h.writer.finish(&mut state), Ok(()));

    let saved = h.saved.lock().expect("lock");
    assert_eq!(
        saved.len(),
        2,
        "the three requests made during a save were saved together"
    );
    assert!(saved[0].is_read("2022-11-shanghai-postal/党建"));
    assert_eq!(saved[1], state, "the last save has everything");
}

#[test]
fn quitting_waits_for_the_last_save_and_says_if_it_failed() {
    let mut state = ReadingState::new();
    let mut h = harness(&state);
    state.mark_read("a");
    h.writer.request(&mut state);
    h.started.recv().expect("save started");
    h.finish_save.send(Err(disk_full())).expect("writer waits");
    assert_eq!(h.reports.recv().expect("report"), Err(disk_full()));
    let due = h.writer.deadline(&state);
    assert!(
        due.is_some(),
        "a failed save is tried again, though nothing changed since"
    );

    // Quitting: the change still in hand goes with the last save, which fails too.
    state.mark_read("b");
    h.finish_save.send(Err(disk_full())).expect("queued");
    assert_eq!(h.writer.finish(&mut state), Err(disk_full()));
    let saved = h.saved.lock().expect("lock");
    assert!(saved[1].is_read("a") && saved[1].is_read("b"));
}

#[test]
fn a_failed_save_that_later_succeeds_is_saved() {
    let mut state = ReadingState::new();
    let mut h = harness(&state);
    state.mark_read("a");
    h.writer.request(&mut state);
    h.finish_save.send(Err(disk_full())).expect("writer waits");
    assert_eq!(h.reports.recv().expect("report"), Err(disk_full()));
    // Nothing changed, but the retry is due: the next request saves what failed.
    h.writer.request(&mut state);
    h.finish_save.send(Ok(())).expect("writer waits");
    assert_eq!(h.reports.recv().expect("report"), Ok(Saved::default()));
    assert_eq!(h.writer.deadline(&state), None, "nothing left to save");
    assert_eq!(
        h.writer.finish(&mut state),
        Ok(()),
        "nothing more to save at the end"
    );
    assert_eq!(h.saved.lock().expect("lock").len(), 2);
}

#[test]
fn the_state_file_on_disk_has_everything_after_quitting_and_other_sessions_marks_come_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.toml");
    let (file, mut state, _) = StateFile::open(Some(path.clone())).expect("a state file");
    let (reports_tx, reports) = mpsc::channel();
    let mut writer = StateWriter::spawn(file, &state, move |report| {
        let _ = reports_tx.send(report);
    });

    // Another session saves a bookmark.
    let (mut other_file, mut other, _) = StateFile::open(Some(path.clone())).expect("a state file");
    other.toggle_bookmark("2024-06-dispatches/two-columns", Place::at(7));
    assert_eq!(other_file.save(&mut other), None);

    for i in 0..50 {
        state.mark_read(&format!("2022-11-shanghai-postal/简讯{i}"));
        writer.request(&mut state);
    }
    let first = reports.recv().expect("a report").expect("saved");
    assert_eq!(
        first.adopted.bookmark("2024-06-dispatches/two-columns"),
        Some(Place::at(7)),
        "the other session's bookmark comes back to the reader"
    );
    state.merge(&first.adopted);
    assert_eq!(state.bookmarks().len(), 1);

    state.set_position("2022-11-shanghai-postal/简讯49", Place::at(300));
    assert_eq!(writer.finish(&mut state), Ok(()));
    let (_, on_disk, _) = StateFile::open(Some(path)).expect("a state file");
    assert_eq!(on_disk, state, "everything, the last change included");
    assert_eq!(on_disk.entries().count(), 51);
}
