//! What every printing command does when its output goes nowhere: a pipe whose reader went
//! away (`kanbao cat … | head`) ends the command quietly with status 0; any other write error
//! is said on stderr and the status is 1.

mod support {
    pub mod binary;
}

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::process::{Output, Stdio};

use support::binary::{command, kanbao_writing_to, spawn_captured};

const SEED: &str = "tests/fixtures/seed/000_68922d18ffb115e6.txt";

/// Every command that writes to standard output, with arguments that make it write.
const PRINTING: &[&[&str]] = &[
    &["list"],
    &["cat", "2022-11-shanghai-postal"],
    &["cat", "2022-11-shanghai-postal/2", "--width", "30"],
    &["search", "邮政"],
    &["check"],
    &["completions", "bash"],
    &["completions", "zsh"],
    &["import", SEED, "-o", "-"],
    &["--help"],
    &["cat", "--help"],
    &["--version"],
];

/// The write end of a pipe whose read end is already closed: the first write gets EPIPE.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer
}

/// A file whose every write fails as on a full disk (ENOSPC).
fn dev_full() -> File {
    OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (Linux) is needed for this test")
}

/// Status 0 and nothing on stderr: how `kanbao ARGS` ends when its reader has gone.
fn assert_ended_quietly(output: &Output, args: &[&str]) {
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        ),
        (Some(0), "".into()),
        "kanbao {args:?}"
    );
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for args in PRINTING {
        let output = kanbao_writing_to(args, closed_pipe());
        assert_ended_quietly(&output, args);
    }
}

#[test]
fn a_reader_that_stops_after_a_few_bytes_ends_the_command_quietly() {
    // More text than a pipe holds, so kanbao is still writing when the reader goes away.
    let dir = tempfile::tempdir().expect("temp dir");
    let paragraph =
        "上海市邮政管理局将以此为契机，联系地方组织部门、工会部门，将微党课置入服务阵地。";
    let body = vec![paragraph; 4000].join("\n\n");
    std::fs::write(
        dir.path().join("long.toml"),
        format!("title = \"简报\"\n[[article]]\ntitle = \"长文\"\nbody = \"\"\"\n{body}\n\"\"\"\n"),
    )
    .expect("write the issue");
    let issues = dir.path().to_string_lossy().into_owned();
    for args in [
        ["cat", "long", "--issues", &issues],
        ["search", "邮政", "--issues", &issues],
    ] {
        let mut child = spawn_captured(&mut command(&args), Stdio::null());
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut first = [0_u8; 12];
        stdout.read_exact(&mut first).expect("kanbao writes");
        drop(stdout);
        let output = child.wait_with_output().expect("kanbao ends");
        assert_ended_quietly(&output, &args);
    }
}

#[test]
fn a_full_disk_is_an_error_that_says_so() {
    for args in PRINTING {
        let output = kanbao_writing_to(args, dev_full());
        assert_eq!(
            (
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ),
            (
                Some(1),
                "kanbao: cannot write the output: No space left on device (os error 28)\n".into()
            ),
            "kanbao {args:?}"
        );
    }
}

#[test]
fn an_error_message_that_cannot_be_written_does_not_panic() {
    let output = command(&["cat", "no-such-issue"])
        .stderr(dev_full())
        .output()
        .expect("kanbao runs");
    // The status of the error it could not report, not a panic's 101.
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}
