//! The issues load in batches after the first frame: the reader shows what has loaded and
//! fills in the rest, without taking the reader's place from them.

mod support {
    pub mod screen;
}

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use kanbao::load::{self, Library};
use kanbao::reader::{Reader, Rows};
use kanbao::state::ReadingState;
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{keys, reader, screen};

/// Writes `count` issues, one a month back from December of `year`, named by date, each
/// with three articles whose ids say where they are.
fn write_issues(dir: &Path, year: usize, count: usize) {
    for n in 0..count {
        let (year, month) = (year - n / 12, 12 - n % 12);
        let mut text = format!(
            "title = \"月报 {year}-{month:02}\"\nnumber = {n}\ndate = {year}-{month:02}-01\n"
        );
        for a in 1..=3 {
            let _ = write!(
                text,
                "\n[[article]]\nid = \"{year}-{month:02}/{a}\"\ntitle = \"第 {a} 篇\"\nbody = \"\"\"\n{}\n\"\"\"\n",
                "邮政快递业务量持续增长，服务质量稳步提升。".repeat(30)
            );
        }
        let name = format!("{year}-{month:02}.toml");
        fs::write(dir.join(name), text).expect("write issue");
    }
}

/// The folder's batches, as the reader's loop receives them.
fn batches(dir: &Path) -> Vec<(Library, usize, usize)> {
    let mut out = Vec::new();
    let mut loaded = 0;
    let total = load::load_folder_in_batches(dir, |batch, total| {
        loaded += batch.files;
        out.push((batch, loaded, total));
    })
    .expect("folder loads");
    assert_eq!(out.last().map(|b| b.1), Some(total));
    out
}

/// A reader at 80×24 that has taken in the folder's first batch, and the batches to come.
fn first_batch_in(dir: &Path) -> (std::vec::IntoIter<(Library, usize, usize)>, Library, Reader) {
    let mut batches = batches(dir).into_iter();
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    let (batch, loaded, total) = batches.next().expect("a batch");
    reader.add_issues(&mut library, batch, loaded, total);
    (batches, library, reader)
}

fn selected_id(reader: &Reader, library: &Library) -> String {
    reader.selected_id(library).expect("an article").to_owned()
}

#[test]
fn the_newest_issues_come_first_and_the_batches_add_up_to_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 40);
    fs::write(dir.path().join("broken.toml"), "title = \n").expect("write");
    let batches = batches(dir.path());
    assert!(batches.len() > 2, "40 files come in several batches");
    let first: Vec<&str> = batches[0]
        .0
        .issues
        .iter()
        .map(|i| i.stem.as_str())
        .collect();
    assert_eq!(
        first[0], "2024-12",
        "the first batch holds the newest issue"
    );

    let mut merged = Library::default();
    for (batch, _, _) in batches {
        merged.merge(batch);
    }
    let whole = load::load_folder(dir.path()).expect("folder loads");
    let stems = |l: &Library| l.issues.iter().map(|i| i.stem.clone()).collect::<Vec<_>>();
    assert_eq!(stems(&merged), stems(&whole));
    assert_eq!(merged.files, whole.files);
    assert_eq!(
        merged
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        whole
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_first_frame_says_loading_and_each_batch_shows_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 40);
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    reader.loading = Some((0, 0));
    let first = screen(&reader, &library);
    assert!(first.contains("loading issues..."), "{first}");

    let mut batches = batches(dir.path()).into_iter();
    let (batch, loaded, total) = batches.next().expect("a batch");
    reader.add_issues(&mut library, batch, loaded, total);
    let shown = screen(&reader, &library);
    assert!(shown.contains("月报 2024-12"), "{shown}");
    assert!(shown.contains("loading 8/40"), "{shown}");
    assert_eq!(selected_id(&reader, &library), "2024-12/1");

    for (batch, loaded, total) in batches {
        reader.add_issues(&mut library, batch, loaded, total);
    }
    let shown = screen(&reader, &library);
    assert!(!shown.contains("loading"), "{shown}");
    assert_eq!(library.issues.len(), 40);
    assert_eq!(selected_id(&reader, &library), "2024-12/1");
}

#[test]
fn the_last_article_is_resumed_when_its_batch_arrives() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 40);
    let mut memory = ReadingState::new();
    // An issue three years back: in a late batch.
    memory.set_last("2021-10/2");
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    reader.resume(&library, memory);
    let mut seen = Vec::new();
    for (batch, loaded, total) in batches(dir.path()) {
        reader.add_issues(&mut library, batch, loaded, total);
        seen.push(selected_id(&reader, &library));
    }
    assert_eq!(seen.first().map(String::as_str), Some("2024-12/1"));
    assert_eq!(seen.last().map(String::as_str), Some("2021-10/2"));
    let resumed = seen
        .iter()
        .position(|id| id == "2021-10/2")
        .expect("resumed");
    assert!(
        seen[resumed..].iter().all(|id| id == "2021-10/2"),
        "once resumed, later batches keep it: {seen:?}"
    );
}

#[test]
fn issues_loading_later_keep_the_readers_article_place_and_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 40);
    let (batches, mut library, mut reader) = first_batch_in(dir.path());
    // The reader moves down the list, opens an article and scrolls it.
    keys(&mut reader, &library, "j j j j enter j j");
    let id = selected_id(&reader, &library);
    let pane_top = reader.pane_top;
    assert!(pane_top > 0);
    let row_on_screen = reader.rows.article_rows[reader.selected] - reader.list_top;
    let pane_before: Vec<String> = screen(&reader, &library)
        .lines()
        .map(|l| l.chars().skip(30).collect())
        .collect();

    // The rest, then issues newer than any so far: they go in above the reader's article
    // (files named otherwise than by date load in no useful order).
    for (batch, loaded, total) in batches {
        reader.add_issues(&mut library, batch, loaded, total);
    }
    let later = tempfile::tempdir().expect("temp dir");
    write_issues(later.path(), 2026, 24);
    let newer = load::load_folder(later.path()).expect("loads");
    reader.add_issues(&mut library, newer, 64, 64);
    assert_eq!(library.issues[0].stem, "2026-12");
    assert_eq!(selected_id(&reader, &library), id);
    assert_eq!(reader.pane_top, pane_top);
    assert_eq!(
        reader.rows.article_rows[reader.selected] - reader.list_top,
        row_on_screen
    );
    let pane_after: Vec<String> = screen(&reader, &library)
        .lines()
        .map(|l| l.chars().skip(30).collect())
        .collect();
    assert_eq!(pane_before[..22], pane_after[..22], "the pane did not move");
}

/// The selected match as something that survives issues being added.
fn selected_match(reader: &Reader, library: &Library) -> (String, usize, usize) {
    let results = reader.results.as_ref().expect("results open");
    let found = &results.matches[results.selected];
    (
        library.issues[found.issue].stem.clone(),
        found.article,
        found.hit.range.start,
    )
}

#[test]
fn open_results_keep_their_selected_match_while_issues_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 40);
    let (_, mut library, mut reader) = first_batch_in(dir.path());
    // "第 2 篇" is in the titles of the second articles: three matches per issue at most.
    keys(&mut reader, &library, "s");
    support::screen::type_text(&mut reader, &library, "第 2 篇");
    keys(&mut reader, &library, "enter j j j");
    let before = reader.results.as_ref().expect("results").matches.len();
    let chosen = selected_match(&reader, &library);
    let row = {
        let results = reader.results.as_ref().expect("results");
        results.selected - results.top
    };

    // Issues newer than any so far arrive: they go in above the selected match.
    let later = tempfile::tempdir().expect("temp dir");
    write_issues(later.path(), 2026, 24);
    let newer = load::load_folder(later.path()).expect("loads");
    reader.add_issues(&mut library, newer, 64, 64);
    // Until they are indexed, the results are the ones shown, pointing at the same issues.
    assert!(reader.results_wait_for_issues());
    assert_eq!(selected_match(&reader, &library), chosen);
    kanbao::search::prepare(&library.issues);
    reader.issues_indexed(&library);
    let results = reader.results.as_ref().expect("results");
    assert!(
        results.matches.len() > before,
        "the new issues' matches are in"
    );
    assert_eq!(library.issues[results.matches[0].issue].stem, "2026-12");
    assert_eq!(selected_match(&reader, &library), chosen, "selection kept");
    assert_eq!(results.selected - results.top, row, "on the same row");
    assert!(!reader.results_wait_for_issues());
}

#[test]
fn batches_in_no_useful_order_make_the_list_of_the_whole_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_issues(dir.path(), 2024, 100);
    // Named otherwise than by date: each batch lands all over the list.
    for entry in fs::read_dir(dir.path()).expect("read dir") {
        let path = entry.expect("entry").path();
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let scrambled = stem
            .bytes()
            .fold(7_u32, |h, b| h.wrapping_mul(31) ^ u32::from(b));
        fs::rename(
            &path,
            dir.path().join(format!("{scrambled:010}-{stem}.toml")),
        )
        .expect("rename");
    }
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    let mut batches = batches(dir.path()).into_iter();
    let (batch, loaded, total) = batches.next().expect("a batch");
    reader.add_issues(&mut library, batch, loaded, total);
    keys(&mut reader, &library, "j j j j");
    let id = selected_id(&reader, &library);
    for (batch, loaded, total) in batches {
        reader.add_issues(&mut library, batch, loaded, total);
        assert_eq!(*reader.rows, Rows::new(&library));
        assert_eq!(selected_id(&reader, &library), id);
        // Lists made for a big library hold no spare room (doubling left up to half unused).
        let rows = &reader.rows;
        assert_eq!(rows.rows.capacity(), rows.rows.len());
        assert_eq!(rows.articles.capacity(), rows.articles.len());
        assert_eq!(rows.article_rows.capacity(), rows.article_rows.len());
        for issue in &library.issues {
            assert_eq!(issue.articles.capacity(), issue.articles.len());
        }
    }
    let whole = load::load_folder(dir.path()).expect("folder loads");
    let paths = |l: &Library| l.issues.iter().map(|i| i.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&library), paths(&whole));
    assert_eq!(
        library.issues[0].stem.split_once('-').map(|s| s.1),
        Some("2024-12")
    );
}
