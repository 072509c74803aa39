//! A file with tens of thousands of problems: only the first hundred warnings are listed, one
//! more says how many were left out, and the file still loads.

use std::fmt::Write as _;
use std::path::Path;

use kanbao::load::{self, Severity};

/// An issue with `count` stray top-level keys, one a line, then one good article.
fn many_unknown_keys(count: usize) -> String {
    let mut text = String::from("title = \"邮政简报\"\n");
    for index in 0..count {
        let _ = writeln!(text, "unknown_key_{index} = {index}");
    }
    text.push_str("\n[[article]]\ntitle = \"快递\"\nbody = \"近日，快递业开展活动。\"\n");
    text
}

#[test]
fn eighty_thousand_unknown_keys_give_a_hundred_warnings_and_a_count() {
    let text = many_unknown_keys(80_000);
    let outcome = load::parse_issue(Path::new("keys.toml"), &text);
    assert!(outcome.issue.is_some(), "warnings alone never stop a file");
    let shown: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 101);
    assert!(
        outcome
            .problems
            .iter()
            .all(|p| p.severity == Severity::Warning)
    );
    assert_eq!(
        shown[0],
        "keys.toml:2:1: warning: unknown key `unknown_key_0` in the issue is ignored (known keys: title, number, date, publisher, language, footer, article)"
    );
    assert_eq!(
        shown[99],
        "keys.toml:101:1: warning: unknown key `unknown_key_99` in the issue is ignored (known keys: title, number, date, publisher, language, footer, article)"
    );
    assert_eq!(
        shown[100],
        "keys.toml:102:1: warning: … and 79,900 more warnings not shown (only the first 100 are listed)"
    );
}

#[test]
fn one_warning_past_the_cap_is_counted_in_the_singular() {
    let text = many_unknown_keys(101);
    let outcome = load::parse_issue(Path::new("keys.toml"), &text);
    let last = outcome.problems.last().map(ToString::to_string);
    assert_eq!(
        last.as_deref(),
        Some(
            "keys.toml:102:1: warning: … and 1 more warning not shown (only the first 100 are listed)"
        )
    );
    assert_eq!(outcome.problems.len(), 101);
}

#[test]
fn a_hundred_warnings_are_all_shown_without_a_count() {
    let text = many_unknown_keys(100);
    let outcome = load::parse_issue(Path::new("keys.toml"), &text);
    assert_eq!(outcome.problems.len(), 100);
    assert!(outcome.problems.iter().all(|p| !p.message.contains("more")));
}

#[test]
fn errors_are_never_left_out_and_keep_their_place_after_the_cap() {
    let mut text = many_unknown_keys(300);
    text.push_str("\n[[article]]\ntitle = 42\nbody = \"第二篇\"\n");
    let outcome = load::parse_issue(Path::new("keys.toml"), &text);
    assert!(outcome.issue.is_none());
    let errors: Vec<String> = outcome
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        ["keys.toml:308:9: error: `title` must be text in quotes, but this is a number"]
    );
    assert_eq!(outcome.problems.len(), 102);
}

#[test]
fn a_config_with_thousands_of_unknown_keys_lists_a_hundred() {
    let mut text = String::from("[reader]\n");
    for index in 0..5_000 {
        let _ = writeln!(text, "stray_{index} = true");
    }
    let config = kanbao::config::parse(Path::new("config.toml"), &text).expect("warnings only");
    let shown: Vec<String> = config.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 101);
    assert_eq!(
        shown[100],
        "config.toml:102:1: warning: … and 4,900 more warnings not shown (only the first 100 are listed)"
    );
}

#[test]
fn check_counts_every_warning_in_its_summary_not_only_those_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keys.toml"), many_unknown_keys(1_000)).expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["check", "--config", "/dev/null"])
        .arg(dir.path())
        .output()
        .expect("kanbao runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 102, "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("1 file checked: 1 loaded, 0 with errors; 0 errors, 1000 warnings")
    );
}
