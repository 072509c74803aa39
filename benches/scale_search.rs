//! Searching a generated corpus of 1,000, 10,000 or 30,000 issues (issue 12), on the library
//! API the reader uses:
//!
//! - `index_N`: indexing every issue on both cores, as the reader does in the background
//!   once the list has loaded.
//! - `first_search_N`: the reader's first `s` search once that is done: the first 500
//!   matches of `快递` (the reader shows 500 at most).
//! - `first_search_unindexed_N`: the same search right after loading, before the background
//!   indexing has run: the search indexes what it needs first.
//! - `no_hit_query_N`: a query no issue holds (`邮票`) on an indexed library: every article
//!   is asked and nothing found. `one_character_no_hit_N`: the same for `疆`.
//!
//! The corpora are generated for the sizes named in the arguments (default 1k and 10k), so
//! `cargo bench --bench scale_search -- 30k` and `-- no_hit_query_10k` generate only what
//! they measure.

use std::hint::black_box;

use std::sync::Arc;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use kanbao::load::Library;
use kanbao::model::Issue;
use kanbao::reader::RESULT_LIMIT;
use kanbao::search::{IndexSlot, Query, Searcher, prepare};

mod support;
mod scale_support {
    pub mod corpus;
}

use scale_support::corpus::{self, Corpus, label, sizes_in};

/// Two characters with hits in every issue.
const HITS: &str = "快递";
/// Two characters no generated issue holds.
const NO_HITS: &str = "邮票";

fn scale_search(c: &mut Criterion) {
    let hits = Query::parse(HITS).expect("a query");
    let none = Query::parse(NO_HITS).expect("a query");
    let one = Query::parse("疆").expect("a query");
    let mut group = c.benchmark_group("scale_search");
    // A first search at 30k takes seconds: ten of them, not criterion's growing batches.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for issues in sizes_in(&corpus::args()) {
        // Kept while the library is searched: the bodies are read back from their files.
        let corpus = Corpus::generate(issues);
        let library = kanbao::load::load_folder(corpus.dir.path()).expect("the corpus loads");
        assert_eq!(library.issues.len(), issues, "every generated issue loads");
        let label = label(issues);
        let searcher = Searcher::new();
        // A copy of the library without indexes for each run (outside the timing), freed
        // outside it too: the reader keeps its library.
        let unindexed = || {
            let issues = library
                .issues
                .iter()
                .map(|issue| {
                    let mut copy = Issue::clone(issue);
                    copy.search = IndexSlot::default();
                    Arc::new(copy)
                })
                .collect();
            Library {
                issues,
                ..Library::default()
            }
        };
        group.bench_function(format!("index_{label}"), |b| {
            b.iter_batched(
                unindexed,
                |fresh| {
                    prepare(&fresh.issues);
                    fresh
                },
                BatchSize::PerIteration,
            );
        });
        group.bench_function(format!("first_search_unindexed_{label}"), |b| {
            b.iter_batched(
                unindexed,
                |fresh| {
                    let matches = searcher.search(&fresh, &hits, RESULT_LIMIT);
                    assert_eq!(matches.len(), RESULT_LIMIT);
                    (fresh, matches)
                },
                BatchSize::PerIteration,
            );
        });
        prepare(&library.issues);
        group.bench_function(format!("first_search_{label}"), |b| {
            b.iter(|| {
                let matches = searcher.search(&library, black_box(&hits), RESULT_LIMIT);
                assert_eq!(matches.len(), RESULT_LIMIT);
                matches
            });
        });
        for (name, query) in [("no_hit_query", &none), ("one_character_no_hit", &one)] {
            assert!(
                searcher.search(&library, query, usize::MAX).is_empty(),
                "{} is not in the corpus",
                query.needle()
            );
            group.bench_function(format!("{name}_{label}"), |b| {
                b.iter(|| black_box(searcher.search(&library, black_box(query), RESULT_LIMIT)));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scale_search);
criterion_main!(benches);
