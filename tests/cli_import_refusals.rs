//! `kanbao import` refuses what it must not read or replace, with a message that names the
//! path and what it is, and leaves every target exactly as it was: named pipes, devices,
//! directories and symbolic links, text over the 16 MiB an issue file may hold, and text that
//! would grow past it as an issue file.
//!
//! Pipes, devices and 17 MiB files cannot be fixtures in the repository: each test makes its
//! own in a temporary folder.

mod support {
    pub mod binary;
    pub mod special_files;
}

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::binary::{command_in, kanbao_in, output_within, spawn_captured, without_user_config};
use support::special_files::make_fifo;

const SEED: &str = "tests/fixtures/seed/000_68922d18ffb115e6.txt";
/// A paragraph as bulletins print them, repeated to make large inputs.
const PARAGRAPH: &str = "上海市邮政管理局将以此为契机，联系地方组织部门、工会部门，将微党课、小材料置入“党群服务中心”等服务阵地。\n\n";

fn seed() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(SEED)
        .to_string_lossy()
        .into_owned()
}

/// Status 2, nothing on stdout, and exactly `message` on stderr.
fn assert_refused(output: &Output, message: &str) {
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            String::from_utf8_lossy(&output.stdout).into_owned()
        ),
        (Some(2), format!("kanbao: {message}\n"), String::new())
    );
}

/// Runs `kanbao ARGS` in `dir` with at most 2 GB of memory, killing it if it has not ended
/// after `seconds`: a refusal is immediate, and the bug it guards against is a read that
/// never ends and would take the machine's memory with it.
fn kanbao_or_kill(args: &[&str], dir: &Path, seconds: u64) -> Output {
    let mut limited = Command::new("sh");
    limited
        .args(["-c", "ulimit -v 2000000 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .current_dir(dir);
    output_within(without_user_config(&mut limited), seconds)
}

#[test]
fn a_named_pipe_is_not_replaced_even_with_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_fifo(&dir.path().join("out.toml"));
    let output = kanbao_in(
        &["import", &seed(), "-o", "out.toml", "--force"],
        dir.path(),
    );
    assert_refused(
        &output,
        "out.toml: this is a FIFO (named pipe), not a regular file, and import will not \
         replace it; choose another file with -o",
    );
    let kept = fs::symlink_metadata(dir.path().join("out.toml")).expect("still there");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kept.file_type()),
        "still a FIFO"
    );
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn a_symbolic_link_is_neither_followed_nor_replaced_even_with_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("notes.txt"), "読書会のメモ\n").expect("write");
    std::os::unix::fs::symlink("notes.txt", dir.path().join("out.toml")).expect("symlink");
    let output = kanbao_in(
        &["import", &seed(), "-o", "out.toml", "--force"],
        dir.path(),
    );
    assert_refused(
        &output,
        "out.toml: this is a symbolic link, not a regular file, and import will not replace \
         it; choose another file with -o",
    );
    assert_eq!(
        fs::read_link(dir.path().join("out.toml")).expect("still a link"),
        Path::new("notes.txt")
    );
    assert_eq!(
        fs::read(dir.path().join("notes.txt")).expect("kept"),
        "読書会のメモ\n".as_bytes()
    );
}

#[test]
fn a_device_is_not_a_target() {
    // Without --force: a regression must never be able to replace /dev/null when the tests
    // run as root. The refusal comes before --force is considered, so this is the same path.
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kanbao_in(&["import", &seed(), "-o", "/dev/null"], dir.path());
    assert_refused(
        &output,
        "/dev/null: this is a character device, not a regular file, and import will not \
         replace it; choose another file with -o",
    );
    let null = fs::symlink_metadata("/dev/null").expect("/dev/null");
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &null.file_type()
    ));
}

#[test]
fn a_named_pipe_with_no_writer_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_fifo(&dir.path().join("bulletin.txt"));
    let output = kanbao_or_kill(&["import", "bulletin.txt"], dir.path(), 20);
    assert_refused(
        &output,
        "bulletin.txt: cannot import a FIFO (named pipe); give a text file, or - to read \
         standard input",
    );
    assert!(!dir.path().join("issues/bulletin.toml").exists());
}

#[test]
fn a_device_is_not_read_until_memory_runs_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kanbao_or_kill(&["import", "/dev/zero", "-o", "out.toml"], dir.path(), 20);
    assert_refused(
        &output,
        "/dev/zero: cannot import a character device; give a text file, or - to read \
         standard input",
    );
    assert!(!dir.path().join("out.toml").exists());
}

#[test]
fn a_directory_is_not_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("scans")).expect("mkdir");
    let output = kanbao_in(&["import", "scans", "-o", "out.toml"], dir.path());
    assert_refused(
        &output,
        "scans: cannot import a directory; give a text file, or - to read standard input",
    );
    assert!(!dir.path().join("out.toml").exists());
}

#[test]
fn text_over_16_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = PARAGRAPH.repeat(17 * 1024 * 1024 / PARAGRAPH.len() + 1);
    fs::write(dir.path().join("big.txt"), &big).expect("write");
    let output = kanbao_in(&["import", "big.txt", "-o", "out.toml"], dir.path());
    assert_refused(
        &output,
        "big.txt: the text is 17.0 MiB, over the 16 MiB an issue file may be",
    );
    assert!(!dir.path().join("out.toml").exists());
}

#[test]
fn standard_input_over_16_mib_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = PARAGRAPH.repeat(17 * 1024 * 1024 / PARAGRAPH.len() + 1);
    let mut child = spawn_captured(
        &mut command_in(&["import", "-", "-o", "out.toml"], dir.path()),
        Stdio::piped(),
    );
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // kanbao stops reading past the limit, so the end of this write may find the pipe closed.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(big.as_bytes());
    });
    let output = child.wait_with_output().expect("kanbao ends");
    writer.join().expect("the writer ends");
    assert_refused(
        &output,
        "standard input: the text is over the 16 MiB an issue file may be",
    );
    assert!(!dir.path().join("out.toml").exists());
}

#[test]
fn text_that_grows_past_16_mib_as_an_issue_is_not_written() {
    // 11.5 MiB of GB18030, two bytes a character, is 17 MiB of UTF-8: under the limit as
    // input, over it as an issue file, which `kanbao check` would refuse to load.
    let dir = tempfile::tempdir().expect("temp dir");
    let (paragraph, _, unmappable) = encoding_rs::GB18030.encode(PARAGRAPH);
    assert!(!unmappable);
    let gb = paragraph.repeat(23 * 512 * 1024 / paragraph.len());
    assert!(gb.len() < 12 * 1024 * 1024, "{} bytes", gb.len());
    fs::write(dir.path().join("bulletin-gb.txt"), &gb).expect("write");
    fs::write(dir.path().join("out.toml"), "title = \"旧\"\n").expect("write");
    let output = kanbao_in(
        &["import", "bulletin-gb.txt", "-o", "out.toml", "--force"],
        dir.path(),
    );
    assert_refused(
        &output,
        "bulletin-gb.txt: the issue would be 17.1 MiB, over the 16 MiB an issue file may be",
    );
    assert_eq!(
        fs::read(dir.path().join("out.toml")).expect("kept"),
        "title = \"旧\"\n".as_bytes()
    );
}
