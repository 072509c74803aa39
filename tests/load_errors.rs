//! Every kind of bad issue file, one fixture each: the exact message and position, and the
//! good files in the same folder still load.

use std::fs;
use std::path::{Path, PathBuf};

use kanbao::load::{self, Library, Problem};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-issues")
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// A folder holding every bad fixture, the cases git cannot hold (a directory, links, a huge
/// file), and the shipped good issues.
fn mixed_folder() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    for source in [fixtures(), shipped()] {
        for entry in fs::read_dir(source).expect("fixtures folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let name = path.file_name().expect("name");
                fs::copy(&path, dir.path().join(name)).expect("copy fixture");
            }
        }
    }
    fs::create_dir(dir.path().join("a-folder.toml")).expect("dir");
    std::os::unix::fs::symlink("gone.toml", dir.path().join("dangling-link.toml")).expect("link");
    std::os::unix::fs::symlink("loop-b.toml", dir.path().join("loop-a.toml")).expect("link");
    std::os::unix::fs::symlink("loop-a.toml", dir.path().join("loop-b.toml")).expect("link");
    let huge = fs::File::create(dir.path().join("huge.toml")).expect("huge");
    huge.set_len(17 * 1024 * 1024).expect("sparse file");
    fs::write(dir.path().join("notes.txt"), "not an issue").expect("txt");
    fs::write(dir.path().join(".draft.toml"), "title = ").expect("hidden");
    let library = load::load_folder(dir.path()).expect("folder loads");
    (dir, library)
}

fn messages_for(library: &Library, dir: &Path, file: &str) -> Vec<String> {
    library
        .problems
        .iter()
        .filter(|p| p.path == dir.join(file))
        .map(|p: &Problem| {
            let shown = p.to_string();
            shown
                .strip_prefix(&format!("{}/", dir.display()))
                .unwrap_or(&shown)
                .to_owned()
        })
        .collect()
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one row per fixture reads best as one table"
)]
fn each_bad_file_gets_its_exact_message_and_position() {
    let (dir, library) = mixed_folder();
    let expected: &[(&str, &[&str])] = &[
        (
            "unclosed-string.toml",
            &[
                "unclosed-string.toml:1:17: error: this text has no closing quote; end it with the same quote it starts with",
            ],
        ),
        (
            "duplicate-key.toml",
            &[
                "duplicate-key.toml:2:1: error: `title` is given twice in the same table; keep only one",
            ],
        ),
        (
            "title-not-text.toml",
            &[
                "title-not-text.toml:1:9: error: `title` must be text in quotes, but this is a number",
            ],
        ),
        (
            "impossible-date.toml",
            &[
                "impossible-date.toml:2:8: error: the date 2022-02-30 is not a real date (expected day between 01 and 28)",
            ],
        ),
        (
            "bad-month.toml",
            &[
                "bad-month.toml:2:8: error: the date 2022-13-01 is not a real date (expected month between 01 and 12)",
            ],
        ),
        (
            "quoted-date.toml",
            &[
                "quoted-date.toml:2:8: error: `date` must be a date, but this is the text \"2022-11-28\" (write a date such as 2022-11-28, without quotes)",
            ],
        ),
        (
            "missing-title.toml",
            &[
                "missing-title.toml:1:1: error: the issue has no `title`; add a line such as title = \"…\" before the first [[article]]",
            ],
        ),
        (
            "blank-title.toml",
            &[
                "blank-title.toml:1:9: error: `title` is empty; the issue needs a title to show in the list (spaces, tabs and line breaks alone are not one)",
            ],
        ),
        (
            "blank-article-title.toml",
            &[
                "blank-article-title.toml:8:9: error: `title` is empty; article 2 needs a title to show in the list (spaces, tabs and line breaks alone are not one)",
            ],
        ),
        (
            "article-without-body.toml",
            &[
                "article-without-body.toml:3:1: error: article 1 has no `body`; every [[article]] needs a `title` and a `body`",
            ],
        ),
        (
            "no-articles.toml",
            &[
                "no-articles.toml:1:1: error: the issue has no articles; add at least one [[article]] with a `title` and a `body`",
            ],
        ),
        (
            "single-bracket-article.toml",
            &[
                "single-bracket-article.toml:3:1: error: `article` must be a list of tables, one [[article]] (double brackets) per article, but this is a table",
            ],
        ),
        (
            "unknown-keys.toml",
            &[
                "unknown-keys.toml:2:1: warning: unknown key `tittle` in the issue is ignored (did you mean `title`?)",
                "unknown-keys.toml:6:1: warning: unknown key `bdy` in article 1 is ignored (did you mean `body`?)",
            ],
        ),
        (
            "not-utf8.toml",
            &[
                "not-utf8.toml:4:10: error: the file is not UTF-8 text: byte 0xD6 at byte offset 39 is invalid; save it as UTF-8 (or import it with `kanbao import`, which reads GB18030)",
            ],
        ),
        (
            "empty.toml",
            &[
                "empty.toml:1:1: error: the file is empty; an issue needs a `title` and at least one [[article]]",
            ],
        ),
        (
            "binary-garbage.toml",
            &[
                "binary-garbage.toml:1:8: error: this looks like binary data, not text (a NUL byte at byte offset 7)",
            ],
        ),
        (
            "a-folder.toml",
            &[
                "a-folder.toml:1:1: error: this is a directory, not an issue file; issue files sit directly in the issues folder",
            ],
        ),
        (
            "dangling-link.toml",
            &[
                "dangling-link.toml:1:1: error: this symbolic link points to `gone.toml`, which does not exist",
            ],
        ),
        (
            "loop-a.toml",
            &[
                "loop-a.toml:1:1: error: this symbolic link loops back on itself and leads to no file",
            ],
        ),
        (
            "huge.toml",
            &[
                "huge.toml:1:1: error: the file is 17.0 MiB, larger than the 16 MiB an issue file may be",
            ],
        ),
    ];
    for (file, messages) in expected {
        assert_eq!(
            &messages_for(&library, dir.path(), file),
            messages,
            "{file}"
        );
    }
}

#[test]
fn good_files_beside_bad_ones_still_load() {
    let (_dir, library) = mixed_folder();
    let mut stems: Vec<&str> = library.issues.iter().map(|i| i.stem.as_str()).collect();
    stems.sort_unstable();
    let mut expected: Vec<String> = fs::read_dir(shipped())
        .expect("issues")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    // Warnings alone do not stop a file from loading.
    expected.push("unknown-keys".into());
    expected.sort_unstable();
    assert_eq!(stems, expected);
}

#[test]
fn other_files_and_hidden_files_are_not_issues() {
    let (dir, library) = mixed_folder();
    assert!(
        library
            .problems
            .iter()
            .all(|p| p.path != dir.path().join("notes.txt"))
    );
    assert!(
        library
            .problems
            .iter()
            .all(|p| p.path != dir.path().join(".draft.toml"))
    );
}

#[test]
fn a_missing_folder_is_one_clear_error() {
    let error = load::load_folder(Path::new("/nonexistent/issues")).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some(
            "/nonexistent/issues: the issues folder does not exist; create it or point --issues at another"
        )
    );
}
