//! The bookmarks overlay on a generated corpus of 1,000, 10,000 or 30,000 issues (issue 12):
//! `bookmarks_N` is what the overlay asks for each frame and each key, the bookmarked
//! articles' places in the list, with 30 bookmarks spread over the library.
//!
//! `cargo bench --bench scale_bookmarks -- 10k` generates only the 10,000-issue corpus.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::reader::{Keymap, Reader, ReaderSettings, ScreenSettings, bookmarks};
use kanbao::state::Place;
use kanbao::text::AmbiguousWidth;

mod support;
mod scale_support {
    pub mod corpus;
}

use scale_support::corpus::{self, Corpus, label, sizes_in};

/// How many articles are bookmarked.
const BOOKMARKS: usize = 30;

fn scale_bookmarks(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale_bookmarks");
    for issues in sizes_in(&corpus::args()) {
        let corpus = Corpus::generate(issues);
        let library = kanbao::load::load_folder(corpus.dir.path()).expect("the corpus loads");
        let settings = ReaderSettings {
            ambiguous: AmbiguousWidth::Narrow,
            hyperlinks: false,
            cjk_indent: false,
            screen: ScreenSettings {
                list_width: None,
                narrow_below: 60,
            },
        };
        let mut reader = Reader::new(&library, settings, Keymap::defaults(), (80, 24));
        // Spread over the library, the last near its end: every bookmark is looked for.
        let step = issues / BOOKMARKS;
        for k in 0..BOOKMARKS {
            let issue = &library.issues[k * step + step - 1];
            let article = &issue.articles[k % issue.articles.len()];
            reader
                .memory
                .set_bookmark(&article.id, Place::Header(0), true);
        }
        assert_eq!(bookmarks(&reader, &library).len(), BOOKMARKS);
        group.bench_function(format!("bookmarks_{}", label(issues)), |b| {
            b.iter(|| black_box(bookmarks(&reader, &library)));
        });
    }
    group.finish();
}

criterion_group!(benches, scale_bookmarks);
criterion_main!(benches);
