//! Saving a reading state of 100,000 articles: what the reader's thread pays for a save
//! request (handing what changed to the writer thread) against what it paid when it saved
//! itself (merge with the file on disk, serialise, write, sync), and against copying the
//! whole state, the naive snapshot a request avoids; and opening the file, which the reader
//! does before its first frame.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::state::{Place, ReadingState, StateFile, StateWriter};

const ENTRIES: usize = 100_000;

/// Article ids as kanbao derives them (`stem/hash`), each read with a place.
fn large_state() -> ReadingState {
    let mut state = ReadingState::new();
    for i in 0..ENTRIES {
        let id = format!("2022-{:02}-shanghai-postal/{i:08x}", i % 12 + 1);
        state.mark_read(&id);
        state.set_position(&id, Place::at(i % 5_000));
    }
    state
}

fn save_100000_entries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.toml");
    let (mut file, _, _) = StateFile::open(Some(path.clone())).expect("a state file");
    let mut state = large_state();
    assert_eq!(file.save(&mut state), None);
    let mut offset = 0;
    let mut group = c.benchmark_group("state");

    // The writer keeps its copy in memory here: millions of requests to a writer that
    // takes a second per save would pile up in its queue, where the reader makes one
    // every few seconds. What the reader's thread does is the same either way.
    group.bench_function("save_request_100000_entries", |b| {
        let mut writer = StateWriter::spawn(StateFile::memory(), &state, |_| {});
        b.iter(|| {
            offset += 1;
            state.set_position("2022-01-shanghai-postal/00000000", Place::at(offset));
            writer.request(black_box(&mut state));
        });
        assert_eq!(writer.finish(&mut state), Ok(()));
    });

    group.bench_function("snapshot_clone_100000_entries", |b| {
        b.iter(|| black_box(&state).clone());
    });

    group.sample_size(10);
    group.bench_function("full_save_100000_entries", |b| {
        b.iter(|| {
            offset += 1;
            state.set_position("2022-01-shanghai-postal/00000000", Place::at(offset));
            assert_eq!(file.save(black_box(&mut state)), None);
        });
    });

    // What the reader does before its first frame: open the file and read the state in it.
    group.bench_function("open_100000_entries", |b| {
        b.iter(|| {
            let (_, read, notices) = StateFile::open(Some(path.clone())).expect("a state file");
            assert!(notices.is_empty());
            black_box(read)
        });
    });
    group.finish();
}

criterion_group!(benches, save_100000_entries);
criterion_main!(benches);
