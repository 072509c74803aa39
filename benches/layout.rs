//! Layout throughput: the seed bulletin and the sample issues at 80 columns, and one generated
//! 5 MB Chinese article. Target: at least 50 MB/s of CJK text on one core.
//!
//! The 5 MB article is also laid out piece by piece as the reader does (`ArticleSteps`): its
//! first piece alone (what the reader lays out before the first screen, target under 1 ms
//! whatever the article's length) and all the pieces (the whole layout in steps, which should
//! cost no more than laying it out at once).
//!
//! The seed bulletin is the shipped `issues/2022-11-shanghai-postal.toml`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kanbao::model::{Article, Body, BodySource, parse_body};
use kanbao::text::{AmbiguousWidth, ArticleSteps, LayoutOptions, layout_article, layout_body};

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
        // Parsed from text, so the bodies are in memory: this measures the layout, not
        // reading them back from the file.
        let text = std::fs::read_to_string(&path).expect("the shipped issues read");
        let issue = kanbao::load::parse_issue(&path, &text)
            .issue
            .expect("the shipped issues load");
        let options = LayoutOptions::for_issue(&issue, 80, AmbiguousWidth::Narrow);
        let bytes: usize = issue.articles.iter().map(|a| a.body.len()).sum();
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
    steps(c, &body.source, &zh);
}

/// The 5 MB article laid out as the reader lays it out: the first piece, and every piece.
fn steps(c: &mut Criterion, source: &str, options: &LayoutOptions) {
    let article = Article {
        id: "big/1".into(),
        title: "五兆字节".into(),
        subtitle: None,
        section: None,
        author: None,
        date: None,
        body: BodySource::new(source.to_owned()),
    };
    let mut group = c.benchmark_group("layout");
    group.sample_size(20);
    group.bench_function("chinese_5mb_80_first_piece", |b| {
        b.iter(|| {
            let mut steps = ArticleSteps::new(black_box(&article), options);
            let mut lines = Vec::new();
            steps.step(&article, &mut lines);
            lines
        });
    });
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.bench_function("chinese_5mb_80_all_pieces", |b| {
        b.iter(|| {
            let mut steps = ArticleSteps::new(black_box(&article), options);
            let mut lines = Vec::new();
            while steps.step(&article, &mut lines) {}
            lines
        });
    });
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
