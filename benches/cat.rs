//! `kanbao cat` of a 5 MB Chinese article, end to end: the release binary started, the issue
//! loaded, laid out at 80 columns and written to a pipe. Target: under 0.3 s.

use std::fmt::Write as _;
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};

mod support;
use support::chinese_article;

fn cat_five_megabytes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut file = String::from(
        "title = \"大文章\"\nlanguage = \"zh-CN\"\n\n[[article]]\ntitle = \"五兆字节\"\nbody = '''\n",
    );
    let _ = write!(file, "{}\n'''\n", chinese_article(5 * 1024 * 1024));
    std::fs::write(dir.path().join("big.toml"), file).expect("write issue");
    let issues = dir.path().to_string_lossy().into_owned();
    let mut group = c.benchmark_group("cat");
    group.sample_size(10);
    group.bench_function("five_mb_article_80_columns", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_kanbao"))
                .args(["cat", "big/1", "--width", "80", "--issues", &issues])
                .stdout(Stdio::null())
                .status()
                .expect("kanbao runs");
            assert!(status.success());
        });
    });
    group.finish();
}

criterion_group!(benches, cat_five_megabytes);
criterion_main!(benches);
