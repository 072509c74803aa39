//! Searching 1,000 issues of 10 articles of about 2 KB of Chinese each (20 MB of body text).
//! Target: a two-character query's results in under 100 ms.
//!
//! The corpus is one long generated text cut into 2 KB bodies, so that articles differ; soft
//! line breaks every 80 bytes or so make the searchable text differ from the source, as it
//! does in imported bulletins.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kanbao::load::{Library, parse_issue};
use kanbao::search::{Query, Searcher, prepare};

mod support;
use support::chinese_article;

const ISSUES: usize = 1_000;
const ARTICLES: usize = 10;
const BODY_BYTES: usize = 2_048;

/// Cuts `text` into pieces of about `bytes` bytes on character boundaries, with a line break
/// after every 80 bytes or so.
fn bodies(text: &str, bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut body = String::new();
    let mut line = 0;
    for c in text.chars() {
        body.push(c);
        line += c.len_utf8();
        if line >= 80 && c != '\n' {
            body.push('\n');
            line = 0;
        }
        if body.len() >= bytes {
            out.push(std::mem::take(&mut body));
        }
    }
    out
}

fn corpus() -> Library {
    let text = chinese_article(ISSUES * ARTICLES * BODY_BYTES);
    let mut bodies = bodies(&text, BODY_BYTES).into_iter();
    let mut issues = Vec::with_capacity(ISSUES);
    for issue in 0..ISSUES {
        let mut file = format!(
            "title = \"上海邮政快递简报 第 {issue} 期\"\nlanguage = \"zh-CN\"\nfooter = \"报：国家邮政局\\n送：各快递企业\"\n"
        );
        for article in 0..ARTICLES {
            let body = bodies.next().unwrap_or_default();
            let _ = write!(
                file,
                "\n[[article]]\ntitle = \"第 {article} 篇：行业动态\"\nbody = '''\n{body}\n'''\n"
            );
        }
        let path = format!("issues/{issue:04}.toml");
        let outcome = parse_issue(Path::new(&path), &file);
        issues.push(std::sync::Arc::new(
            outcome.issue.expect("generated issues load"),
        ));
    }
    Library {
        issues,
        problems: Vec::new(),
        files: ISSUES,
    }
}

fn search(c: &mut Criterion) {
    let library = corpus();
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("index_1000_issues", |b| {
        b.iter_batched(
            corpus,
            |fresh| {
                prepare(&fresh.issues);
                fresh
            },
            BatchSize::PerIteration,
        );
    });
    prepare(&library.issues);
    let searcher = Searcher::new();
    let two = Query::parse("快递").expect("a query");
    let hits = searcher.search(&library, &two, usize::MAX).len();
    eprintln!("search: 快递 has {hits} hits in {ISSUES} issues");
    group.sample_size(20);
    group.bench_function("two_characters_all_hits", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&two), usize::MAX)));
    });
    group.bench_function("two_characters_first_500", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&two), 500)));
    });
    let rare = Query::parse("绿色包装治理").expect("a query");
    group.bench_function("six_characters_all_hits", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&rare), usize::MAX)));
    });
    let latin = Query::parse("ｉｓｏ9001").expect("a query");
    group.bench_function("folded_latin_all_hits", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&latin), usize::MAX)));
    });
    let absent = Query::parse("不存在的词").expect("a query");
    group.bench_function("no_hits", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&absent), usize::MAX)));
    });
    let one = Query::parse("疆").expect("a query");
    group.bench_function("one_character_no_hits", |b| {
        b.iter(|| black_box(searcher.search(&library, black_box(&one), usize::MAX)));
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
