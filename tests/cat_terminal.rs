//! `kanbao cat` without `--width` wraps for the terminal the text will be read in, also when
//! its output goes through a pipe (`kanbao cat ISSUE | less`), and at 80 columns when there is
//! no terminal at all. tmux and setsid must be installed; a missing one fails the test.

mod support {
    pub mod binary;
    pub mod tmux;
}

use std::process::{Command, Stdio};

use support::binary::{kanbao, stdout};
use support::tmux::Tmux;

const SEED: &str = "2022-11-shanghai-postal";

fn cat_at(width: &str) -> String {
    let output = kanbao(&["cat", SEED, "--width", width]);
    assert!(output.status.success());
    stdout(&output)
}

#[test]
fn piped_output_wraps_at_the_controlling_terminals_width() {
    let dir = tempfile::tempdir().expect("temp dir");
    let piped = dir.path().join("piped.txt");
    let narrowed = dir.path().join("narrowed.txt");
    let kanbao = format!(
        "XDG_CONFIG_HOME=/nonexistent KANBAO_CONFIG= {}",
        env!("CARGO_BIN_EXE_kanbao")
    );
    let tmux = Tmux::start(
        "cat-piped",
        67,
        20,
        &format!(
            "{kanbao} cat {SEED} | cat > '{}'; {kanbao} cat {SEED} --width 40 | cat > '{}'; \
             echo \"kanbao exited $?\"; sleep 60",
            piped.display(),
            narrowed.display()
        ),
    );
    tmux.wait_for(20, "kanbao to finish", |screen| {
        screen.contains("kanbao exited")
    });
    let piped = std::fs::read_to_string(&piped).expect("the piped output");
    assert_eq!(piped, cat_at("67"));
    assert_ne!(piped, cat_at("80"));
    // --width still wins over the terminal's.
    let narrowed = std::fs::read_to_string(&narrowed).expect("the narrowed output");
    assert_eq!(narrowed, cat_at("40"));
}

#[test]
fn without_a_terminal_the_width_is_80() {
    // The tests may run in a terminal; setsid takes kanbao away from it.
    let output = Command::new("setsid")
        .arg("--wait")
        .arg(env!("CARGO_BIN_EXE_kanbao"))
        .args(["cat", SEED])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdin(Stdio::null())
        .output()
        .expect("setsid (util-linux) must be installed to run this test");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout(&output), cat_at("80"));
}
