//! Loading a folder of 1,000 issues, 10 articles of about 2 KB each (20 MB in all).
//! Target: under 0.5 s on a 2-core machine.
//!
//! Also one issue of one 5 MB article (`one_5mb_article`): reading it, checking it is UTF-8,
//! parsing the TOML and sanitizing the body is what the reader does before the first screen
//! of that article.

use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use kanbao::load::Library;
use kanbao::reader::{Keymap, Reader, ReaderSettings};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

mod support;
use support::chinese_article;

const ISSUES: usize = 1_000;
const ARTICLES: usize = 10;

/// A paragraph from the seed bulletin, repeated to make ~2 KB bodies with some Markdown.
const PARAGRAPH: &str = "近两年，上海市邮政管理局紧紧围绕“六共”行动，推动《关于进一步加强快递行业党建工作的指导意见》落实落地，取得了一些标志性成果。一是共建机制，组建上海市快递行业党建联盟，推动快递总部企业全部建立党组织、工会组织；";

fn write_corpus(dir: &Path) {
    let mut body = String::new();
    while body.len() < 2_000 {
        let _ = write!(
            body,
            "{PARAGRAPH}**重点** [链接](https://example.org/{})\n\n",
            body.len()
        );
    }
    for issue in 0..ISSUES {
        let mut file = format!(
            "title = \"上海邮政快递简报 第 {issue} 期\"\nnumber = {issue}\ndate = 2022-{:02}-{:02}\nlanguage = \"zh-CN\"\nfooter = \"报：国家邮政局\"\n",
            issue % 12 + 1,
            issue % 28 + 1
        );
        for article in 0..ARTICLES {
            let _ = write!(
                file,
                "\n[[article]]\ntitle = \"第 {article} 篇：快递行业动态\"\nsection = \"简讯\"\nbody = \"\"\"\n{body}\"\"\"\n"
            );
        }
        fs::write(dir.join(format!("{issue:04}.toml")), file).expect("write corpus");
    }
}

fn load_thousand_issues(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("folder_1000_issues_10_articles_2kb", |b| {
        b.iter(|| {
            let library = kanbao::load::load_folder(black_box(dir.path())).expect("loads");
            assert_eq!(library.issues.len(), ISSUES);
            library
        });
    });
    // What the reader does: the first batch is on screen after the first time, the whole
    // library (batches merged as they come) after the second.
    group.bench_function("first_batch_of_1000_issues", |b| {
        b.iter_custom(|iterations| {
            let mut first = Duration::ZERO;
            for _ in 0..iterations {
                let start = Instant::now();
                let mut seen = None;
                kanbao::load::load_folder_in_batches(dir.path(), |batch, _| {
                    seen.get_or_insert_with(|| start.elapsed());
                    black_box(batch);
                })
                .expect("loads");
                first += seen.unwrap_or_default();
            }
            first
        });
    });
    group.bench_function("batches_of_1000_issues_merged", |b| {
        b.iter(|| {
            let mut library = Library::default();
            kanbao::load::load_folder_in_batches(dir.path(), |batch, _| {
                library.merge(batch);
            })
            .expect("loads");
            assert_eq!(library.issues.len(), ISSUES);
            library
        });
    });
    group.finish();
}

/// One 2 MB issue file with 80,000 unknown keys: problems cost the same each, however many.
fn load_eighty_thousand_unknown_keys(c: &mut Criterion) {
    let mut text = String::from("title = \"邮政简报\"\n");
    for index in 0..80_000 {
        let _ = writeln!(text, "unknown_key_{index} = {index}");
    }
    text.push_str("[[article]]\ntitle = \"快递\"\nbody = \"近日，快递业开展活动。\"\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keys.toml");
    fs::write(&path, text).expect("write the file");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("file_with_80000_unknown_keys", |b| {
        b.iter(|| {
            let outcome = kanbao::load::load_file(black_box(&path));
            assert_eq!(outcome.problems.len(), 101);
            outcome
        });
    });
    group.finish();
}

/// What the reader does with each batch of 10,000 issues (158 MB) as it arrives: merges it
/// into the library and lays out the list again. The loading itself is not measured: the
/// batches are loaded once, and each run takes in copies of them.
fn batches_into_the_list(c: &mut Criterion) {
    const TEN_THOUSAND: usize = 10_000;
    let dir = tempfile::tempdir().expect("temp dir");
    support::write_corpus(dir.path(), TEN_THOUSAND);
    let mut batches = Vec::new();
    let mut loaded = 0;
    kanbao::load::load_folder_in_batches(dir.path(), |batch, total| {
        loaded += batch.files;
        batches.push((batch, loaded, total));
    })
    .expect("loads");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("batches_of_10000_issues_into_the_list", |b| {
        b.iter_batched(
            || batches.clone(),
            |batches| {
                let mut library = Library::default();
                let mut reader = Reader::new(
                    &library,
                    ReaderSettings::default(),
                    Keymap::defaults(),
                    (120, 40),
                );
                reader.loading = Some((0, 0));
                for (batch, loaded, total) in batches {
                    reader.add_issues(&mut library, batch, loaded, total);
                }
                assert_eq!(reader.rows.articles.len(), TEN_THOUSAND * 10);
                (reader, library)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// One issue file holding one article of about 5 MiB of Chinese, as a literal string.
fn load_one_big_article(c: &mut Criterion) {
    let text = format!(
        "title = \"大文章\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"五兆字节\"\nbody = '''\n{}\n'''\n",
        chinese_article(5 * 1024 * 1024)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.toml");
    fs::write(&path, &text).expect("write the file");
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("one_5mb_article", |b| {
        b.iter(|| {
            let outcome = kanbao::load::load_file(black_box(&path));
            assert!(outcome.issue.is_some());
            outcome
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    load_thousand_issues,
    load_eighty_thousand_unknown_keys,
    batches_into_the_list,
    load_one_big_article
);
criterion_main!(benches);
