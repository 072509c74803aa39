//! An end-to-end test whose tool is missing fails and says what to install.

mod support {
    pub mod tools;
}

use support::tools;

#[test]
#[should_panic(
    expected = "kanbao-no-such-tool is missing: this end-to-end test needs it; install it with `apt-get install kanbao-tools` (.ci/run does)"
)]
fn a_missing_program_fails_the_test_naming_its_package() {
    tools::require("kanbao-no-such-tool", "kanbao-tools");
}

#[test]
fn the_tools_the_end_to_end_tests_drive_are_found() {
    for (program, package) in [
        ("tmux", "tmux"),
        ("sshd", "openssh-server"),
        ("ssh", "openssh-client"),
    ] {
        assert!(tools::require(program, package).is_file());
    }
    assert!(tools::wide_ambiguous_tmux().is_file());
    assert!(tools::wide_regional_tmux().is_file());
}
