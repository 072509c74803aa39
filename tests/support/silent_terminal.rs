//! A terminal that never answers anything a program asks: the pty of script(1), which
//! passes on everything written to it, in order.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::process::{Child, Command, Stdio};

/// Starts `command` (a shell command line) in the crate root with `TERM=xterm`, in an 80×24
/// terminal that nothing answers. What is written to the child's stdin is typed; its stdout
/// is everything the terminal was sent.
pub fn start(command: &str) -> Child {
    let inner = format!(
        "stty cols 80 rows 24; cd '{}' && TERM=xterm {command}",
        env!("CARGO_MANIFEST_DIR")
    );
    Command::new("script")
        .args(["-qfec", &inner, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("`script` (util-linux) must be installed to run this test")
}
