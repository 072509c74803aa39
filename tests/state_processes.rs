//! Two kanbao processes saving the same state file at once keep each other's marks.
//!
//! The test runs this test binary twice more, each running the ignored `writer` helper with
//! its own article ids; both save after every mark, so their saves interleave.

use std::path::Path;
use std::process::{Command, Stdio};

use kanbao::state::{Place, StateFile};

const MARKS: usize = 150;

#[test]
#[ignore = "a helper the two-process test runs in child processes"]
fn writer() {
    let (Ok(path), Ok(prefix)) = (
        std::env::var("KANBAO_STATE_TEST_PATH"),
        std::env::var("KANBAO_STATE_TEST_PREFIX"),
    ) else {
        return;
    };
    let (mut file, mut state, notices) = StateFile::open(Some(path.into())).expect("a state file");
    assert!(notices.is_empty(), "{notices:?}");
    for i in 0..MARKS {
        let id = format!("{prefix}/{i}");
        state.mark_read(&id);
        state.set_position("shared", Place::at(i));
        if i % 10 == 0 {
            state.toggle_bookmark(&id, Place::at(i));
        }
        assert_eq!(file.save(&mut state), None);
    }
}

fn spawn_writer(path: &Path, prefix: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "writer", "--quiet"])
        .env("KANBAO_STATE_TEST_PATH", path)
        .env("KANBAO_STATE_TEST_PREFIX", prefix)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the test binary")
}

#[test]
fn two_processes_saving_at_once_keep_both_marks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.toml");
    let one = spawn_writer(&path, "one");
    let two = spawn_writer(&path, "two");
    for child in [one, two] {
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "writer failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let (_, state, notices) = StateFile::open(Some(path)).expect("a state file");
    assert!(notices.is_empty(), "{notices:?}");
    for prefix in ["one", "two"] {
        for i in 0..MARKS {
            assert!(state.is_read(&format!("{prefix}/{i}")), "{prefix}/{i} lost");
        }
    }
    assert_eq!(state.bookmarks().len(), 2 * MARKS / 10);
    assert_eq!(state.entries().count(), 2 * MARKS + 1);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["state.toml", "state.toml.lock"]);
}
