//! Searching a generated corpus of 1,000, 10,000 or 30,000 issues (issue 12), on the library
//! API the reader uses:
//!
//! - `first_search_N`: what the reader's first `s` search does: folding the whole library
//!   into a [`Searcher`], then the first 500 matches of `快递` (the reader shows 500 at most).
//! - `no_hit_query_N`: a query no issue holds (`邮票`) on a built searcher: every article is
//!   searched and nothing found.
//!
//! The corpora are generated for the sizes named in the arguments (default 1k and 10k), so
//! `cargo bench --bench scale_search -- 30k` and `-- no_hit_query_10k` generate only what
//! they measure.

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use kanbao::reader::RESULT_LIMIT;
use kanbao::search::{Query, Searcher};

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
    let mut group = c.benchmark_group("scale_search");
    // A first search at 30k takes seconds: ten of them, not criterion's growing batches.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for issues in sizes_in(&corpus::args()) {
        let library = {
            let corpus = Corpus::generate(issues);
            kanbao::load::load_folder(corpus.dir.path()).expect("the corpus loads")
        };
        assert_eq!(library.issues.len(), issues, "every generated issue loads");
        let label = label(issues);
        group.bench_function(format!("first_search_{label}"), |b| {
            // The searcher is freed outside the timing: the reader keeps it.
            b.iter_with_large_drop(|| {
                let searcher = Searcher::new(black_box(&library));
                let matches = searcher.search(&hits, RESULT_LIMIT);
                assert_eq!(matches.len(), RESULT_LIMIT);
                (searcher, matches)
            });
        });
        let searcher = Searcher::new(&library);
        assert!(
            searcher.search(&none, usize::MAX).is_empty(),
            "{NO_HITS} is not in the corpus"
        );
        group.bench_function(format!("no_hit_query_{label}"), |b| {
            b.iter(|| black_box(searcher.search(black_box(&none), RESULT_LIMIT)));
        });
    }
    group.finish();
}

criterion_group!(benches, scale_search);
criterion_main!(benches);
