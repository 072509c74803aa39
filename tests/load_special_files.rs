//! Issue files that are not regular files (a FIFO, a socket, links to devices) named `*.toml`
//! in the issues folder: every command finishes, says what each one is, and still loads the
//! real issue beside them. The same for `kanbao check PATH` and the config file.

mod support {
    pub mod binary;
    pub mod special_files;
}

use std::os::unix::net::UnixListener;
use std::path::Path;
use std::process::Output;

use support::binary::{command_in, output_within, stdout};
use support::special_files::make_fifo;

/// An issues folder with one good issue, a FIFO, a socket and links to /dev/null and /dev/tty.
/// The listener is returned so the socket stays open.
fn hostile_folder() -> (tempfile::TempDir, UnixListener) {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/list/2022-41.toml");
    std::fs::copy(good, dir.path().join("2022-41.toml")).expect("copy the good issue");
    make_fifo(&dir.path().join("fifo.toml"));
    let listener = UnixListener::bind(dir.path().join("socket.toml")).expect("bind a socket");
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null.toml")).expect("link");
    std::os::unix::fs::symlink("/dev/tty", dir.path().join("tty.toml")).expect("link");
    (dir, listener)
}

/// Runs `kanbao ARGS` in `dir` with no terminal; a hang fails the test after a minute (that
/// is what these files did), rather than hanging the suite.
fn kanbao_finishing(args: &[&str], dir: &Path) -> Output {
    output_within(&mut command_in(args, dir), 60)
}

const FIFO: &str = "fifo.toml:1:1: error: this is a FIFO (named pipe), not a regular file; only regular *.toml files are read";
const NULL: &str = "null.toml:1:1: error: this symbolic link points to `/dev/null`, a character device, not a regular file; only regular *.toml files are read";
const SOCKET: &str = "socket.toml:1:1: error: this is a socket, not a regular file; only regular *.toml files are read";
const TTY: &str = "tty.toml:1:1: error: this symbolic link points to `/dev/tty`, a character device, not a regular file; only regular *.toml files are read";

#[test]
fn check_reports_each_special_file_and_loads_the_issue() {
    let (dir, _socket) = hostile_folder();
    let output = kanbao_finishing(&["check", "."], dir.path());
    assert_eq!(
        stdout(&output).replace("./", ""),
        format!(
            "{FIFO}\n{NULL}\n{SOCKET}\n{TTY}\n5 files checked: 1 loaded, 4 with errors; 4 errors, 0 warnings\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn check_of_a_named_fifo_reports_it() {
    let (dir, _socket) = hostile_folder();
    let output = kanbao_finishing(&["check", "fifo.toml", "tty.toml"], dir.path());
    assert_eq!(
        stdout(&output),
        format!("{FIFO}\n{TTY}\n2 files checked: 0 loaded, 2 with errors; 2 errors, 0 warnings\n")
    );
}

#[test]
fn list_shows_the_issue_and_counts_the_rest() {
    let (dir, _socket) = hostile_folder();
    let output = kanbao_finishing(&["list", "--issues", "."], dir.path());
    let text = stdout(&output);
    assert!(
        text.starts_with("2022-11-28  2022 年第 41 期  上海邮政快递业简报"),
        "{text}"
    );
    assert!(
        text.ends_with("\n4 files could not be loaded; `kanbao check` shows why.\n"),
        "{text}"
    );
    assert!(output.status.success());
}

#[test]
fn a_config_that_is_a_fifo_is_refused() {
    let (dir, _socket) = hostile_folder();
    let output = kanbao_finishing(
        &["--config", "fifo.toml", "list", "--issues", "."],
        dir.path(),
    );
    let error = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        error,
        "fifo.toml:1:1: error: this is a FIFO (named pipe), not a regular file; the config must be a regular file\n"
    );
    assert_eq!(output.status.code(), Some(2));
}

/// Runs `kanbao list` on an empty folder with no `--config` and `$XDG_CONFIG_HOME` at a folder
/// whose `kanbao/config.toml` `make` puts in place; returns what it printed on stderr, the
/// config's path and the exit status.
fn list_with_implicit_config(make: impl FnOnce(&Path)) -> (String, String, Option<i32>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("kanbao/config.toml");
    std::fs::create_dir(home.path().join("kanbao")).expect("config folder");
    make(&config);
    let mut command = command_in(&["list", "--issues", "."], dir.path());
    command.env("XDG_CONFIG_HOME", home.path());
    let output = output_within(&mut command, 60);
    let error = String::from_utf8_lossy(&output.stderr).into_owned();
    (error, config.display().to_string(), output.status.code())
}

#[test]
fn an_implicit_config_that_is_a_fifo_is_refused() {
    let (error, config, status) = list_with_implicit_config(make_fifo);
    assert_eq!(
        error,
        format!(
            "{config}:1:1: error: this is a FIFO (named pipe), not a regular file; the config must be a regular file\n"
        )
    );
    assert_eq!(status, Some(2));
}

#[test]
fn an_implicit_config_linked_to_a_terminal_is_refused() {
    let (error, config, status) = list_with_implicit_config(|config| {
        std::os::unix::fs::symlink("/dev/tty", config).expect("link");
    });
    assert_eq!(
        error,
        format!(
            "{config}:1:1: error: this symbolic link points to `/dev/tty`, a character device, not a regular file; the config must be a regular file\n"
        )
    );
    assert_eq!(status, Some(2));
}

#[test]
fn an_implicit_config_that_is_a_dangling_link_is_reported() {
    let (error, config, status) = list_with_implicit_config(|config| {
        std::os::unix::fs::symlink("dotfiles/kanbao.toml", config).expect("link");
    });
    assert_eq!(
        error,
        format!(
            "{config}:1:1: error: this symbolic link points to `dotfiles/kanbao.toml`, which does not exist\n"
        )
    );
    assert_eq!(status, Some(2));
}
