//! The reader's work as a generated corpus of 1,000, 10,000 or 30,000 issues loads (issue
//! 12), on the library API the reader's loop uses. The folder is loaded in the reader's
//! batches first (8 files, then 16, 32… up to 256, newest first); what is timed is the loop's
//! work on them, not the reading and parsing:
//!
//! - `all_batches_added_N`: every batch added to an 80×24 reader as it arrives
//!   (`Reader::add_issues`: merged into the library, the list's rows made again, the place
//!   kept). The sum over the load: what grows faster than the corpus shows here.
//! - `last_batch_with_results_open_N`: the last batch arriving while a search's results are
//!   open (`s`, `快递` typed over the rest of the library), then `settle` as the loop does
//!   before its next frame: how long a key waits behind a batch.
//!
//! The corpora are generated for the sizes named in the arguments (default 1k and 10k):
//! `cargo bench --bench scale_loading -- 30k`.

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use kanbao::load::{Library, load_folder_in_batches};
use kanbao::reader::{Key, Keymap, Message, Reader, ReaderSettings, settle, update};

mod support;
mod scale_support {
    pub mod corpus;
}

use scale_support::corpus::{self, Corpus, label, sizes_in};

/// A batch as the loop receives it: the issues, files loaded so far, files in all.
type Batch = (Library, usize, usize);

/// The corpus loaded in the reader's batches, and the corpus: its files are kept while the
/// batches are searched, since the bodies are read back from them.
fn batches(issues: usize) -> (Vec<Batch>, Corpus) {
    let corpus = Corpus::generate(issues);
    let mut batches = Vec::new();
    let mut loaded = 0;
    load_folder_in_batches(corpus.dir.path(), |batch, total| {
        loaded += batch.files;
        batches.push((batch, loaded, total));
    })
    .expect("the corpus loads");
    assert_eq!(loaded, issues, "every generated issue loads");
    (batches, corpus)
}

/// An 80×24 reader on an empty library, loading, as the loop starts it.
fn reader(library: &Library) -> Reader {
    let mut reader = Reader::new(
        library,
        ReaderSettings::default(),
        Keymap::defaults(),
        (80, 24),
    );
    reader.loading = Some((0, 0));
    reader
}

/// Keys as the terminal sends them, each followed by the loop's `settle`.
fn keys(reader: &mut Reader, library: &Library, keys: &[&str]) {
    for key in keys {
        let key = Key::parse(key).expect("a key");
        update(reader, library, Message::Key(key));
        settle(reader, library);
    }
}

fn scale_loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale_loading");
    // Each run needs a fresh copy of the batches (seconds at 30k, untimed): ten runs.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for issues in sizes_in(&corpus::args()) {
        let (batches, _corpus) = batches(issues);
        let label = label(issues);
        group.bench_function(format!("all_batches_added_{label}"), |b| {
            b.iter_custom(|iterations| {
                let mut took = Duration::ZERO;
                for _ in 0..iterations {
                    let fresh = batches.clone();
                    let mut library = Library::default();
                    let mut reader = reader(&library);
                    let start = Instant::now();
                    for (batch, loaded, total) in fresh {
                        reader.add_issues(&mut library, batch, loaded, total);
                    }
                    took += start.elapsed();
                    assert_eq!(library.issues.len(), issues);
                    assert!(reader.loading.is_none(), "the reader has every issue");
                }
                took
            });
        });
        group.bench_function(format!("last_batch_with_results_open_{label}"), |b| {
            b.iter_custom(|iterations| {
                let mut took = Duration::ZERO;
                for _ in 0..iterations {
                    let mut fresh = batches.clone();
                    let (last, loaded, total) = fresh.pop().expect("at least one batch");
                    let mut library = Library::default();
                    let mut reader = reader(&library);
                    for (batch, loaded, total) in fresh {
                        reader.add_issues(&mut library, batch, loaded, total);
                    }
                    keys(&mut reader, &library, &["s", "快", "递"]);
                    assert!(
                        reader
                            .results
                            .as_ref()
                            .is_some_and(|r| !r.matches.is_empty()),
                        "the search has matches"
                    );
                    let start = Instant::now();
                    reader.add_issues(&mut library, last, loaded, total);
                    settle(&mut reader, &library);
                    took += start.elapsed();
                    assert!(reader.results.as_ref().is_some_and(|r| !r.stale));
                }
                took
            });
        });
    }
    group.finish();
}

criterion_group!(benches, scale_loading);
criterion_main!(benches);
