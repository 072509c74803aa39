//! `--state` naming something other than a kanbao state file: kanbao says what it is, exits
//! with status 1 before it touches the terminal, and leaves the file exactly as it was.

mod support {
    pub mod binary;
    pub mod folder;
    pub mod special_files;
}

use std::fs;
use std::path::{Path, PathBuf};

use support::binary::kanbao_in;
use support::folder::names;
use support::special_files::make_fifo;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/state")
        .join(name)
}

/// Each name in `dir`, with a regular file's bytes (a FIFO is not read: that would wait for a
/// writer).
fn contents(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    names(dir)
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let bytes = fs::symlink_metadata(&path)
                .is_ok_and(|m| m.is_file())
                .then(|| fs::read(&path).expect("readable"));
            (name, bytes)
        })
        .collect()
}

/// Runs the reader with `--state path` (stdin is not a terminal: it must not get that far)
/// and checks the message, the exit status, and that nothing was drawn.
fn assert_says_refused(path: &Path, why: &str) {
    let output = kanbao_in(
        &["--state", &path.display().to_string(), "--issues", "issues"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "kanbao: cannot keep the reading state in {}: {why}; it is left alone (name a \
             kanbao state file or a new file with --state)\n",
            path.display()
        )
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing was drawn");
}

/// `assert_says_refused`, and that nothing in `dir` changed.
fn assert_refused(dir: &Path, path: &Path, why: &str) {
    let before = contents(dir);
    assert_says_refused(path, why);
    assert_eq!(
        contents(dir),
        before,
        "byte for byte as it was, nothing beside it"
    );
}

/// `state.toml` in `dir`, made a symbolic link to `target`.
fn link_in(dir: &Path, target: impl AsRef<Path>) -> PathBuf {
    let link = dir.join("state.toml");
    std::os::unix::fs::symlink(target, &link).expect("symlink");
    link
}

/// `fixture` copied into a fresh folder, as `name`.
fn copied(fixture_name: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    fs::copy(fixture(fixture_name), &path).expect("copy the fixture");
    (dir, path)
}

#[test]
fn a_readme_is_refused() {
    let (dir, path) = copied("not-a-state-file.md", "README.md");
    assert_refused(
        dir.path(),
        &path,
        "it is not a kanbao state file (it has neither kanbao's header nor a state file's keys)",
    );
}

#[test]
fn an_issue_file_is_refused() {
    let (dir, path) = copied("issue.toml", "2022-11-shanghai-postal.toml");
    assert_refused(
        dir.path(),
        &path,
        "it is not a kanbao state file (it has a key `date`, which a kanbao state file does not \
         have)",
    );
}

/// `fixture` copied into a fresh folder as `name`, and `state.toml` beside it a symbolic link
/// to it: refused, saying where the link leads and then `why`.
fn assert_link_to_copy_refused(fixture_name: &str, name: &str, why: &str) {
    let (dir, target) = copied(fixture_name, name);
    let link = link_in(dir.path(), &target);
    let target = fs::canonicalize(&target).expect("target");
    assert_refused(
        dir.path(),
        &link,
        &format!("it is a symbolic link to {}: {why}", target.display()),
    );
}

#[test]
fn a_symbolic_link_to_a_file_that_is_not_a_state_file_is_refused() {
    assert_link_to_copy_refused(
        "not-a-state-file.md",
        "README.md",
        "it is not a kanbao state file (it has neither kanbao's header nor a state file's keys)",
    );
}

#[test]
fn a_symbolic_link_to_a_damaged_state_file_is_refused_not_set_aside() {
    assert_link_to_copy_refused(
        "truncated-state.toml",
        "dotfiles-state.toml",
        "it is a damaged kanbao state file (line 15, column 25: unclosed inline table, expected \
         `}`), which kanbao sets aside only where it is not reached through a symbolic link",
    );
}

#[test]
fn a_dangling_symbolic_link_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let link = link_in(dir.path(), "gone/state.toml");
    assert_refused(
        dir.path(),
        &link,
        "it is a symbolic link to gone/state.toml, which does not exist",
    );
}

#[test]
fn a_symbolic_link_to_a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("folder")).expect("mkdir");
    let link = link_in(dir.path(), "folder");
    assert_refused(
        dir.path(),
        &link,
        "it is a symbolic link to folder, which is a directory",
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("state.toml");
    fs::create_dir(&folder).expect("mkdir");
    fs::write(folder.join("notes.txt"), "笔记").expect("write");
    assert_refused(dir.path(), &folder, "it is a directory");
    assert_eq!(names(&folder), ["notes.txt"]);
}

#[test]
fn a_fifo_is_refused_without_being_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("state.toml");
    make_fifo(&fifo);
    assert_refused(dir.path(), &fifo, "it is a named pipe (FIFO)");
}

#[test]
fn a_device_is_refused() {
    assert_says_refused(Path::new("/dev/null"), "it is a character device");
}
