//! Scale (issue 12), measured on the release binary: peak memory, CPU and wall time of the
//! reader and of `kanbao list` / `kanbao search` on generated corpora of 1,000, 10,000 and
//! 30,000 issues (about 16 KB each: 10k is about 158 MiB on disk), the time `q` takes to end
//! the reader, and the first screen of a 5 MB article against `less`. Needs tmux, GNU time
//! (`/usr/bin/time`) and less; prints each figure as it is measured, then a Markdown table.
//!
//! ```text
//! cargo bench --bench scale                  # every figure at 1k and 10k
//! cargo bench --bench scale -- 30k           # every figure at 30k (about 500 MB, minutes)
//! cargo bench --bench scale -- 10k loaded    # one group at one size
//! cargo bench --bench scale -- runs=5 10k    # the median of 5 runs instead of 3
//! ```
//!
//! Groups (default: all):
//! - `loaded`: the reader in tmux at 80×24 under `/usr/bin/time -v`, quit with `q` as soon as
//!   the status line stops saying `loading`: its peak memory, the time from starting it to the
//!   whole list, its CPU time by then (`/proc`), and the time from `q` to its exit.
//! - `searched`: the same, with a search once loaded (`s`, `快递`, Enter) timed to the
//!   status line's `N matches`; peak memory after one search; `q` to exit.
//! - `cli`: `kanbao list` and `kanbao search 快递` under `/usr/bin/time -v`, output to
//!   `/dev/null`: peak memory, CPU, wall time.
//! - `article`: a 5 MB article's first screen in the reader against `less` on the same text
//!   (see `scale_support/first_screen.rs`); needs no corpus.
//!
//! The first search and a query with no hits, on the library API, are in `scale_search`; the
//! reader's work per loading batch in `scale_loading` (both criterion).

use std::path::Path;

mod support;
mod scale_support {
    pub mod cli_run;
    pub mod corpus;
    pub mod first_screen;
    pub mod process;
    pub mod reader_run;
    pub mod table;
    pub mod time_report;
    pub mod tmux;
    pub mod tools;
}

use scale_support::corpus::{self, Corpus, size_of, sizes_in};
use scale_support::first_screen::{BigArticle, Timed};
use scale_support::reader_run::{self, ReaderRun};
use scale_support::table::{Row, Table, median, ms, ms_of_runs, peak, times_corpus};
use scale_support::time_report::TimeReport;
use scale_support::{cli_run, tools};

const GROUPS: [&str; 4] = ["loaded", "searched", "cli", "article"];

/// The query searched for: two characters with hits in every issue, as `s` is first used.
const QUERY: &str = "快递";

/// Starts of the reader and of `less` on the 5 MB article: a few milliseconds apart at most,
/// so the median of many.
const ARTICLE_RUNS: usize = 10;

/// What the arguments ask for.
struct Plan {
    groups: Vec<&'static str>,
    sizes: Vec<usize>,
    runs: usize,
}

fn plan(args: &[String]) -> Plan {
    let mut groups = Vec::new();
    let mut runs = 3;
    // cargo passes `--bench`; other flags are criterion's business, not this bench's.
    for arg in args.iter().filter(|arg| !arg.starts_with('-')) {
        if let Some(n) = arg.strip_prefix("runs=") {
            runs = n
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .unwrap_or_else(|| panic!("runs={n}: give a number of runs, at least 1"));
        } else if let Some(group) = GROUPS.iter().find(|g| **g == arg) {
            groups.push(*group);
        } else if size_of(arg).is_none() {
            panic!(
                "unknown argument {arg:?}: give sizes (1k, 10k, 30k), groups ({}) or runs=N",
                GROUPS.join(", ")
            );
        }
    }
    if groups.is_empty() {
        groups.extend(GROUPS);
    }
    Plan {
        groups,
        sizes: sizes_in(args),
        runs,
    }
}

fn main() {
    let plan = plan(&corpus::args());
    tools::require("tmux", "tmux");
    tools::require_file(Path::new(tools::TIME), "time");
    if plan.groups.contains(&"article") {
        tools::require("less", "less");
    }
    let kanbao = Path::new(env!("CARGO_BIN_EXE_kanbao"));
    let mut table = Table::default();
    if plan.groups.contains(&"article") {
        article(kanbao, &mut table);
    }
    let with_corpus = ["loaded", "searched", "cli"];
    if plan.groups.iter().any(|g| with_corpus.contains(g)) {
        let program = plan
            .groups
            .contains(&"loaded")
            .then(|| program_alone(kanbao, plan.runs, &mut table));
        for &issues in &plan.sizes {
            let corpus = Corpus::generate(issues);
            if plan.groups.contains(&"loaded") {
                loaded(kanbao, &corpus, plan.runs, program, &mut table);
            }
            if plan.groups.contains(&"searched") {
                searched(kanbao, &corpus, plan.runs, &mut table);
            }
            if plan.groups.contains(&"cli") {
                cli(kanbao, &corpus, plan.runs, &mut table);
            }
            // The corpus's folder goes here, before the next (larger) one is written.
        }
    }
    table.print();
}

/// `runs` runs of the reader on `corpus`, searching for `query` if given.
fn reader_runs(kanbao: &Path, corpus: &Corpus, runs: usize, query: Option<&str>) -> Vec<ReaderRun> {
    (0..runs)
        .map(|_| reader_run::run(kanbao, corpus.dir.path(), query))
        .collect()
}

/// The median peak of `reports`.
fn median_peak(reports: impl Iterator<Item = TimeReport>) -> u64 {
    let mut peaks: Vec<u64> = reports.map(|r| r.peak).collect();
    peaks.sort_unstable();
    peaks
        .get(peaks.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

const READER: &str = "tmux 80×24: `/usr/bin/time -v kanbao --issues DIR --state NEW`";

/// The reader's peak on a folder of one generated issue: what the program takes whatever
/// the library (its code and libraries, threads, screen), so that the library's own share of
/// each size's peak can be told apart from it.
fn program_alone(kanbao: &Path, runs: usize, table: &mut Table) -> u64 {
    let corpus = Corpus::generate(1);
    let runs = reader_runs(kanbao, &corpus, runs, None);
    let peak_bytes = median_peak(runs.iter().map(|r| r.time));
    table.add(Row {
        name: "reader peak, one issue (the program alone)".into(),
        corpus: corpus.label(),
        value: peak(peak_bytes),
        versus: String::new(),
        how: format!("{READER}, `q` once loaded: Maximum resident set size (median)"),
    });
    peak_bytes
}

fn loaded(kanbao: &Path, corpus: &Corpus, runs: usize, program: Option<u64>, table: &mut Table) {
    let runs = reader_runs(kanbao, corpus, runs, None);
    let label = corpus.label();
    let peak_bytes = median_peak(runs.iter().map(|r| r.time));
    let mut versus = times_corpus(peak_bytes, corpus.bytes);
    if let Some(program) = program {
        let library = peak_bytes.saturating_sub(program);
        versus = format!(
            "{versus}; {} above the program alone",
            times_corpus(library, corpus.bytes)
        );
    }
    table.add(Row {
        name: "reader peak, list loaded".into(),
        corpus: label.clone(),
        value: peak(peak_bytes),
        versus,
        how: format!("{READER}, `q` once loaded: Maximum resident set size (median)"),
    });
    table.add(Row {
        name: "reader start to whole list".into(),
        corpus: label.clone(),
        value: ms_of_runs(&runs.iter().map(|r| r.loaded).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}: Enter to a status line without `loading`"),
    });
    table.add(Row {
        name: "reader CPU until whole list".into(),
        corpus: label.clone(),
        value: ms_of_runs(&runs.iter().map(|r| r.cpu_loaded).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}: utime+stime in /proc/PID/stat when the list is whole"),
    });
    table.add(Row {
        name: "reader CPU, whole run".into(),
        corpus: label.clone(),
        value: ms_of_runs(&runs.iter().map(|r| r.time.cpu()).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}, `q` once loaded: user+sys of `time -v` (loading and quitting)"),
    });
    table.add(Row {
        name: "quit, list loaded".into(),
        corpus: label,
        value: ms_of_runs(&runs.iter().map(|r| r.quit).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}: `q` sent to the process gone (/proc polled every ms)"),
    });
}

fn searched(kanbao: &Path, corpus: &Corpus, runs: usize, table: &mut Table) {
    let runs = reader_runs(kanbao, corpus, runs, Some(QUERY));
    let label = corpus.label();
    let peak_bytes = median_peak(runs.iter().map(|r| r.time));
    table.add(Row {
        name: format!("reader first search `{QUERY}`"),
        corpus: label.clone(),
        value: ms_of_runs(&runs.iter().filter_map(|r| r.searched).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}, once loaded: `s` to `N matches` on the status line"),
    });
    table.add(Row {
        name: "reader peak, after one search".into(),
        corpus: label.clone(),
        value: peak(peak_bytes),
        versus: times_corpus(peak_bytes, corpus.bytes),
        how: format!(
            "{READER}, once loaded `s {QUERY} Enter`, then `q`: Maximum resident set size (median)"
        ),
    });
    table.add(Row {
        name: "quit, after one search".into(),
        corpus: label,
        value: ms_of_runs(&runs.iter().map(|r| r.quit).collect::<Vec<_>>()),
        versus: String::new(),
        how: format!("{READER}: `q` sent to the process gone (/proc polled every ms)"),
    });
}

fn cli(kanbao: &Path, corpus: &Corpus, runs: usize, table: &mut Table) {
    for args in [&["list"][..], &["search", QUERY][..]] {
        let runs: Vec<_> = (0..runs)
            .map(|_| cli_run::run(kanbao, corpus.dir.path(), args))
            .collect();
        let command = format!(
            "`/usr/bin/time -v kanbao --issues DIR {} > /dev/null`",
            args.join(" ")
        );
        let peak_bytes = median_peak(runs.iter().map(|r| r.time));
        let name = format!("`kanbao {}`", args.join(" "));
        table.add(Row {
            name: format!("{name} peak"),
            corpus: corpus.label(),
            value: peak(peak_bytes),
            versus: times_corpus(peak_bytes, corpus.bytes),
            how: format!("{command}: Maximum resident set size (median)"),
        });
        table.add(Row {
            name: format!("{name} CPU"),
            corpus: corpus.label(),
            value: ms_of_runs(&runs.iter().map(|r| r.time.cpu()).collect::<Vec<_>>()),
            versus: String::new(),
            how: format!("{command}: user+sys"),
        });
        table.add(Row {
            name: format!("{name} wall"),
            corpus: corpus.label(),
            value: ms_of_runs(&runs.iter().map(|r| r.wall).collect::<Vec<_>>()),
            versus: String::new(),
            how: format!("{command}: spawn to exit"),
        });
    }
}

fn article(kanbao: &Path, table: &mut Table) {
    let article = BigArticle::new(kanbao);
    for (how, what, measured) in [
        (
            Timed::OnScreen,
            "first screen",
            "the screen polled every 2 ms, a tmux client each: Enter to the article's first words \
             on screen",
        ),
        (
            Timed::Written,
            "first screen written",
            "a tmux control-mode client sends Enter and hears the pane's output: Enter to the \
             output that completes the article's first words",
        ),
    ] {
        // Alternated, so that a busy moment of the machine falls on both.
        let mut reader = Vec::new();
        let mut less = Vec::new();
        for _ in 0..ARTICLE_RUNS {
            reader.push(article.reader(kanbao, how));
            less.push(article.less(how));
        }
        let corpus = "one 5 MB article".to_owned();
        let how = format!("tmux 80×24, the pane's shell `exec`s the program on Enter; {measured}");
        table.add(Row {
            name: format!("5 MB article, {what}: `less`"),
            corpus: corpus.clone(),
            value: ms_of_runs(&less),
            versus: String::new(),
            how: format!("{how}; `less FILE` of `kanbao cat big/1 --width 80`"),
        });
        let ratio = median(&reader).as_secs_f64() / median(&less).as_secs_f64().max(1e-9);
        table.add(Row {
            name: format!("5 MB article, {what}: reader"),
            corpus,
            value: ms_of_runs(&reader),
            versus: format!("{ratio:.1}× less ({} median)", ms(median(&less))),
            how: format!("{how}; `kanbao --issues DIR --state NEW`, DIR holding only that issue"),
        });
    }
}
