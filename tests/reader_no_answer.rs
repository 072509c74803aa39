//! A terminal that never answers the cursor-position probe: kanbao asks once, gives up (after
//! at most 200 ms), falls back to ambiguous width 1 and works. Run under `script`, whose pty
//! nobody answers: everything kanbao writes is captured in order.

mod support {
    pub mod silent_terminal;
}

use std::io::Write;
use std::thread::sleep;
use std::time::Duration;

use support::silent_terminal;

#[test]
fn a_silent_terminal_is_asked_once_and_the_first_frame_comes_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state.toml");
    let mut child = silent_terminal::start(&format!(
        "XDG_CONFIG_HOME=/nonexistent '{}' --config config.toml --state '{}'; echo EXIT=$?",
        env!("CARGO_BIN_EXE_kanbao"),
        state.display()
    ));
    // Give the reader time to start, then quit with q.
    sleep(Duration::from_secs(3));
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"q").expect("send q");
    drop(stdin);
    let output = child.wait_with_output().expect("script ends");
    let bytes = output.stdout;
    let find = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle);
    let probe = b"\x1b[6n";
    let queries = bytes.windows(probe.len()).filter(|w| w == probe).count();
    assert_eq!(queries, 1, "the terminal is asked once");
    let loading = find(b"loading issues").expect("the first frame");
    assert!(
        loading < find(probe).unwrap_or(0),
        "the first frame goes out before the probe"
    );
    assert!(
        find(b"Two columns").is_some(),
        "the reader shows the newest issue"
    );
    assert!(find(b"EXIT=0").is_some(), "q quits cleanly");
}
