//! Layout throughput: the seed bulletin and the sample issues at 80 columns, and one generated
//! 5 MB Chinese article. Target: at least 50 MB/s of CJK text on one core.
//!
//! The seed bulletin is the shipped `issues/2022-11-shanghai-postal.toml`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kanbao::model::{Body, parse_body};
use kanbao::text::{AmbiguousWidth, LayoutOptions, layout_article, layout_body};

mod support;
use support::chinese_article;

fn bench_body(c: &mut Criterion, name: &str, body: &Body, options: &LayoutOptions) {
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(body.source.len() as u64));
    group.sample_size(20);
    group.bench_function(name, |b| b.iter(|| layout_body(black_box(body), options)));
    group.finish();
}

fn layout(c: &mut Criterion) {
    let zh = LayoutOptions::for_language(Some("zh"), 80, AmbiguousWidth::Narrow);
    for (name, path) in [
        ("seed_80", "issues/2022-11-shanghai-postal.toml"),
        ("issue_ja_80", "issues/2024-05-hon-no-mushi.toml"),
        ("issue_en_80", "issues/2024-06-dispatches.toml"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let issue = kanbao::load::load_file(&path)
            .issue
            .expect("the shipped issues load");
        let options = LayoutOptions::for_issue(&issue, 80, AmbiguousWidth::Narrow);
        let bytes: usize = issue.articles.iter().map(|a| a.body.source.len()).sum();
        let mut group = c.benchmark_group("layout");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for article in &issue.articles {
                    black_box(layout_article(article, &options));
                }
            });
        });
        group.finish();
    }

    let body = parse_body(&chinese_article(5 * 1024 * 1024));
    bench_body(c, "chinese_5mb_80", &body, &zh);
    let wide = LayoutOptions::for_language(Some("zh"), 80, AmbiguousWidth::Wide);
    bench_body(c, "chinese_5mb_80_wide", &body, &wide);
}

criterion_group!(benches, layout);
criterion_main!(benches);
