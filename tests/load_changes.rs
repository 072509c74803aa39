//! A library takes in its folder's changes: a new issue in date order, a changed issue
//! replaced, a changed file that now fails kept as it was with its problem listed (its bodies
//! saying that its file changed), a removed file gone unless it is being read, and the file
//! count right throughout.

use std::fs;
use std::path::Path;

use kanbao::load::{FolderStamps, Library, Reloaded, load_file, load_folder};
use kanbao::model::Unreadable;

fn issue(title: &str, date: &str) -> String {
    format!(
        "title = \"{title}\"\ndate = {date}\n\n[[article]]\ntitle = \"{title} 一\"\nbody = '''\n正文。\n'''\n"
    )
}

fn titles(library: &Library) -> Vec<String> {
    library.issues.iter().map(|i| i.title.clone()).collect()
}

/// Reads what changed between `before` and now, and applies it.
fn take_in(
    library: &mut Library,
    dir: &Path,
    before: &FolderStamps,
    reading: Option<&Path>,
) -> (kanbao::load::Applied, FolderStamps) {
    let now = FolderStamps::scan(dir).expect("scan");
    let changes = before.changes_to(&now);
    let reloaded: Vec<Reloaded> = changes
        .to_read()
        .into_iter()
        .map(|path| {
            let outcome = load_file(&path);
            Reloaded::new(path, outcome)
        })
        .collect();
    let applied = library.apply_changes(&reloaded, &changes.removed, reading);
    (applied, now)
}

#[test]
fn new_changed_failing_and_removed_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name);
    fs::write(path("a.toml"), issue("一月", "2024-01-01")).expect("write");
    fs::write(path("c.toml"), issue("三月", "2024-03-01")).expect("write");
    let mut library = load_folder(dir.path()).expect("load");
    let stamps = FolderStamps::scan(dir.path()).expect("scan");
    assert_eq!(titles(&library), ["三月", "一月"]);

    // A new issue between the two, by date; the file name says nothing.
    fs::write(path("zz.toml"), issue("二月", "2024-02-01")).expect("write");
    let (applied, stamps) = take_in(&mut library, dir.path(), &stamps, None);
    assert_eq!(applied.added, ["二月"]);
    assert_eq!(titles(&library), ["三月", "二月", "一月"]);
    assert_eq!(library.files, 3);

    // Changed: replaced in place, re-sorted by its new date.
    fs::write(path("a.toml"), issue("一月改", "2024-04-01")).expect("write");
    let (applied, stamps) = take_in(&mut library, dir.path(), &stamps, None);
    assert_eq!(applied.replaced, 1);
    assert_eq!(titles(&library), ["一月改", "三月", "二月"]);

    // Changed and broken: the last good version stays, the problem is listed.
    fs::write(path("c.toml"), "title = \"三月\"\n[[article]\n").expect("write");
    let (applied, stamps) = take_in(&mut library, dir.path(), &stamps, None);
    assert_eq!(applied.kept_last_good, [path("c.toml")]);
    assert_eq!(titles(&library), ["一月改", "三月", "二月"]);
    assert_eq!(library.error_count(), 1);
    assert_eq!(library.problems[0].path, path("c.toml"));
    // Its bodies were left in the old version of the file, which is gone: they say so rather
    // than read the broken one (the reader keeps the text of the article it shows).
    let body = |library: &Library| {
        let issue = library.issues.iter().find(|i| i.title == "三月");
        issue.expect("三月 is listed").articles[0]
            .body
            .text()
            .map(std::borrow::Cow::into_owned)
    };
    assert_eq!(
        body(&library),
        Err(Unreadable::Changed {
            path: path("c.toml").display().to_string()
        })
    );

    // Mended: the problem goes.
    fs::write(path("c.toml"), issue("三月", "2024-03-01")).expect("write");
    let (_, stamps) = take_in(&mut library, dir.path(), &stamps, None);
    assert_eq!(library.error_count(), 0);
    assert_eq!(body(&library).as_deref(), Ok("正文。\n"));

    // Removed while being read: it stays. Removed otherwise: it goes.
    fs::remove_file(path("zz.toml")).expect("remove");
    fs::remove_file(path("a.toml")).expect("remove");
    let (applied, _) = take_in(&mut library, dir.path(), &stamps, Some(&path("zz.toml")));
    assert_eq!(applied.removed, 1);
    assert_eq!(applied.kept_being_read, [path("zz.toml")]);
    assert_eq!(titles(&library), ["三月", "二月"]);
}

#[test]
fn a_new_file_that_fails_counts_once_and_loads_when_mended() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name);
    fs::write(path("a.toml"), issue("一月", "2024-01-01")).expect("write");
    let mut library = load_folder(dir.path()).expect("load");
    let stamps = FolderStamps::scan(dir.path()).expect("scan");
    fs::write(path("b.toml"), "not toml at all [").expect("write");
    let (applied, stamps) = take_in(&mut library, dir.path(), &stamps, None);
    assert!(applied.added.is_empty());
    assert_eq!((library.files, library.failed_files()), (2, 1));
    fs::write(path("b.toml"), issue("二月", "2024-02-01")).expect("write");
    let (applied, _) = take_in(&mut library, dir.path(), &stamps, None);
    assert_eq!(applied.added, ["二月"]);
    assert_eq!((library.files, library.failed_files()), (2, 0));
    assert_eq!(library.error_count(), 0);
}

#[test]
fn loading_in_batches_stamps_every_file_as_the_folder_is_stamped() {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..20 {
        fs::write(
            dir.path().join(format!("{n:02}.toml")),
            issue(&format!("第{n}期"), &format!("2024-01-{:02}", n + 1)),
        )
        .expect("write");
    }
    let mut batches = 0;
    let (files, stamps) = kanbao::load::load_folder_in_batches_stamped(
        dir.path(),
        |_, _| batches += 1,
        kanbao::load::Bodies::InFiles,
        || {},
    )
    .expect("load");
    assert_eq!((files, stamps.len()), (20, 20));
    assert!(batches > 1, "the first batch and the rest");
    let now = FolderStamps::scan(dir.path()).expect("scan");
    assert!(stamps.changes_to(&now).is_empty());
}
