//! A large issue file is first shown from its opening (a first look) and then replaced by the
//! whole issue, without moving the reader: the first screen of a 5 MB article does not wait
//! for all of it to be read.

mod support {
    pub mod screen;
}

use std::fs;
use std::path::{Path, PathBuf};

use kanbao::load::{self, FIRST_LOOK_ABOVE, Library, first_look};
use kanbao::model::Issue;
use kanbao::reader::Reader;
use kanbao::state::{Place, ReadingState};
use kanbao::text::AmbiguousWidth::Narrow;
use support::screen::{keys, library, long_seed_body, reader, screen};

/// The paragraph the big article ends with, to be seen after `G`.
const LAST_WORDS: &str = "合订本到此为止，感谢阅读。";

/// Writes `big.toml` (the seed bulletin's articles as one article, repeated past
/// [`FIRST_LOOK_ABOVE`], then [`LAST_WORDS`]) and two small issues into `dir`.
fn write_folder(dir: &Path) -> PathBuf {
    let seed = library();
    let seed = seed
        .issues
        .iter()
        .find(|i| i.stem == "2022-11-shanghai-postal")
        .expect("seed bulletin");
    let once = long_seed_body(seed, 1).len();
    let times = usize::try_from(FIRST_LOOK_ABOVE).expect("fits") / once + 2;
    let big = dir.join("2023-01-big.toml");
    let text = format!(
        "title = \"合订本\"\ndate = 2023-01-01\nlanguage = \"zh-CN\"\n\n[[article]]\nid = \"big/1\"\ntitle = \"合订\"\nbody = '''\n{}\n\n{LAST_WORDS}\n'''\n\n[[article]]\nid = \"big/2\"\ntitle = \"附录\"\nbody = '''\n附录正文。\n'''\n",
        long_seed_body(seed, times)
    );
    fs::write(&big, text).expect("write the big issue");
    for (name, date) in [
        ("2022-12-a.toml", "2022-12-01"),
        ("2022-11-b.toml", "2022-11-01"),
    ] {
        fs::write(
            dir.join(name),
            format!(
                "title = \"小刊 {date}\"\ndate = {date}\n\n[[article]]\ntitle = \"短文\"\nbody = '''\n短文正文。\n'''\n"
            ),
        )
        .expect("write a small issue");
    }
    big
}

fn body_of(issue: &Issue, article: usize) -> String {
    let body = issue.articles[article].body.text();
    body.expect("the body reads back").into_owned()
}

#[test]
fn a_first_look_is_the_files_opening_cut_at_a_paragraph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = write_folder(dir.path());
    let look = first_look(&big).expect("a first look at the big file");
    let whole = load::load_file(&big).issue.expect("the big file loads");
    assert!(look.first_look && !whole.first_look);
    assert_eq!((&look.title, look.date), (&whole.title, whole.date));
    assert_eq!(
        look.articles.len(),
        1,
        "the second article is past the opening"
    );
    assert_eq!(look.articles[0].id, whole.articles[0].id);
    let (cut, full) = (body_of(&look, 0), body_of(&whole, 0));
    assert!(
        cut.len() > 16 * 1024 && cut.len() < 64 * 1024,
        "{}",
        cut.len()
    );
    assert!(
        full.starts_with(&cut),
        "the look's body is the whole body's start"
    );
    let rest = full.strip_prefix(&cut).unwrap_or_default();
    assert!(
        cut.ends_with('\n') && rest.starts_with('\n'),
        "cut at a blank line: {:?} | {:?}",
        cut.chars().rev().take(10).collect::<String>(),
        rest.chars().take(10).collect::<String>()
    );
}

#[test]
fn a_body_in_a_basic_string_as_the_importer_writes_it_gets_a_first_look_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Quotes escaped, as the importer writes them in a TOML basic string.
    let paragraph = "他说：\\\"邮政快递业务量持续增长。\\\"\n\n";
    let path = dir.path().join("imported.toml");
    fs::write(
        &path,
        format!(
            "title = \"导入\"\n\n[[article]]\ntitle = \"文\"\nbody = \"\"\"\n{}\"\"\"\n",
            paragraph.repeat(2 * 1024 * 1024 / paragraph.len())
        ),
    )
    .expect("write");
    let look = first_look(&path).expect("a first look");
    let whole = load::load_file(&path).issue.expect("loads");
    let (cut, full) = (body_of(&look, 0), body_of(&whole, 0));
    assert!(
        cut.starts_with("他说：\"邮政快递业务量持续增长。\""),
        "{cut:.40}"
    );
    assert!(cut.len() > 16 * 1024 && full.starts_with(&cut));
}

#[test]
fn small_files_and_openings_that_are_not_a_cut_body_get_no_first_look() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    assert!(
        first_look(&dir.path().join("2022-12-a.toml")).is_none(),
        "small"
    );
    let body = "邮政快递业务量持续增长。\n\n".repeat(50_000);
    // A cut in a comment: closing a string there is no issue.
    let comment = dir.path().join("comment.toml");
    fs::write(
        &comment,
        format!(
            "title = \"注\"\n{}\n[[article]]\ntitle = \"文\"\nbody = '''\n{body}'''\n",
            "# 注释。\n\n".repeat(100_000)
        ),
    )
    .expect("write");
    assert!(first_look(&comment).is_none(), "a comment");
    // An error in the opening: the whole file says what it is.
    let broken = dir.path().join("broken.toml");
    fs::write(
        &broken,
        format!("title = \n\n[[article]]\ntitle = \"文\"\nbody = '''\n{body}'''\n"),
    )
    .expect("write");
    assert!(first_look(&broken).is_none(), "an error in the opening");
    let not_utf8 = dir.path().join("latin1.toml");
    let mut bytes = b"title = \"\xe9t\xe9\"\n\n[[article]]\ntitle = \"a\"\nbody = '''\n".to_vec();
    bytes.extend(body.as_bytes());
    fs::write(&not_utf8, bytes).expect("write");
    assert!(first_look(&not_utf8).is_none(), "not UTF-8");
    let fifo = dir.path().join("fifo.toml");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .expect("mkfifo");
    assert!(first_look(&fifo).is_none(), "a FIFO is not opened");
}

/// The batches of the folder as the reader gets them: `(library, loaded, total)`.
fn batches(dir: &Path) -> Vec<(Library, usize, usize)> {
    let mut out = Vec::new();
    let mut loaded = 0;
    let mut waits = 0;
    load::load_folder_in_batches_stamped(
        dir,
        |batch, total| {
            loaded += batch.files;
            out.push((batch, loaded, total));
        },
        load::Bodies::InFiles,
        || waits += 1,
    )
    .expect("the folder loads");
    let looks = usize::from(out.first().is_some_and(|(batch, ..)| batch.files == 0));
    assert_eq!(
        waits, looks,
        "the loader waits once after first looks, else never"
    );
    out
}

#[test]
fn the_first_look_comes_before_the_first_batch_which_holds_the_whole_issue() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let batches = batches(dir.path());
    assert_eq!(batches.len(), 2, "the first look, then all three files");
    let (look, loaded, total) = &batches[0];
    assert_eq!((look.files, *loaded, *total), (0, 0, 3));
    assert_eq!(look.issues.len(), 1);
    assert!(look.issues[0].first_look);
    let (whole, loaded, _) = &batches[1];
    assert_eq!((whole.files, *loaded), (3, 3));
    assert!(whole.issues.iter().all(|issue| !issue.first_look));
    assert_eq!(whole.issues[0].articles.len(), 2);
    // Without a reader, no first look.
    let mut plain = 0;
    load::load_folder_in_batches(dir.path(), |batch, _| {
        assert!(batch.issues.iter().all(|issue| !issue.first_look));
        plain += 1;
    })
    .expect("loads");
    assert_eq!(plain, 1);
}

/// The reading pane's text (right of the list's border) of each screen line.
fn pane(reader: &Reader, library: &Library) -> Vec<String> {
    screen(reader, library)
        .lines()
        .map(|line| line.split_once('│').map_or("", |(_, pane)| pane).to_owned())
        .collect()
}

#[test]
fn the_whole_issue_replaces_the_first_look_without_moving_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let mut batches = batches(dir.path()).into_iter();
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    let (look, loaded, total) = batches.next().expect("the first look");
    reader.add_issues(&mut library, look, loaded, total);
    assert_eq!(reader.selected_id(&library), Some("big/1"));
    let first = screen(&reader, &library);
    assert!(
        first.contains("合订本") && first.contains("loading"),
        "{first}"
    );
    // Reading into it before the rest has come.
    keys(&mut reader, &library, "enter space space j j j");
    let top = reader.pane_top;
    let before = pane(&reader, &library);

    let (whole, loaded, total) = batches.next().expect("the whole folder");
    reader.add_issues(&mut library, whole, loaded, total);
    assert!(library.issues.iter().all(|issue| !issue.first_look));
    assert_eq!(
        library.issues.len(),
        3,
        "the first look is gone, not kept beside"
    );
    assert_eq!(library.issues[0].articles.len(), 2);
    assert_eq!(reader.selected_id(&library), Some("big/1"));
    assert_eq!(reader.pane_top, top);
    assert_eq!(
        before[..22],
        pane(&reader, &library)[..22],
        "the pane did not move"
    );
    // The article is the whole one: its end is the file's.
    keys(&mut reader, &library, "G");
    let end = screen(&reader, &library);
    assert!(end.contains(LAST_WORDS), "{end}");
    keys(&mut reader, &library, "tab j");
    assert_eq!(reader.selected_id(&library), Some("big/2"));
}

#[test]
fn a_saved_place_past_the_first_look_is_taken_up_in_the_whole_issue() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_folder(dir.path());
    let whole = load::load_file(&dir.path().join("2023-01-big.toml"))
        .issue
        .expect("loads");
    let body = body_of(&whole, 0);
    let at = body.find(LAST_WORDS).expect("the last words");
    let mut memory = ReadingState::new();
    memory.set_last("big/1");
    memory.set_position("big/1", Place::at(at));
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    reader.resume(&library, memory);
    for (batch, loaded, total) in batches(dir.path()) {
        reader.add_issues(&mut library, batch, loaded, total);
    }
    assert_eq!(reader.selected_id(&library), Some("big/1"));
    let shown = screen(&reader, &library);
    assert!(shown.contains(LAST_WORDS), "{shown}");
    assert_eq!(
        reader.memory.position("big/1"),
        Some(Place::at(at)),
        "the saved place is not cut to the first look's end"
    );
}

#[test]
fn a_file_broken_past_its_opening_leaves_only_its_problem_once_read_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = write_folder(dir.path());
    let mut text = fs::read_to_string(&big).expect("read");
    text.push_str("\n[[article]]\ntitle = \n");
    fs::write(&big, text).expect("write");
    let mut batches = batches(dir.path()).into_iter();
    let mut library = Library::default();
    let mut reader = reader(&library, 80, 24, Narrow);
    let (look, loaded, total) = batches.next().expect("the first look");
    assert!(look.issues[0].first_look, "the opening reads well");
    reader.add_issues(&mut library, look, loaded, total);
    assert_eq!(reader.selected_id(&library), Some("big/1"));

    let (whole, loaded, total) = batches.next().expect("the whole folder");
    reader.add_issues(&mut library, whole, loaded, total);
    assert!(library.issues.iter().all(|issue| issue.path != big));
    assert_eq!(library.issues.len(), 2);
    assert_eq!(library.failed_files(), 1);
    assert!(
        library
            .problems
            .iter()
            .any(|problem| problem.path == big && problem.is_error()),
        "{:?}",
        library.problems
    );
    let shown = screen(&reader, &library);
    assert!(!shown.contains("合订本"), "{shown}");
    assert!(shown.contains("1 file failed"), "{shown}");
}
