//! A file with tens of thousands of problems: only the first hundred warnings and the first
//! hundred errors are listed, one more of each says how many were left out, warnings alone
//! never stop a file and errors still do.

use std::fmt::Write as _;
use std::path::Path;

use kanbao::load::{self, Severity};

/// Runs the built binary with the defaults for a config unless `args` names one.
fn kanbao(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("kanbao runs")
}

/// An issue of `count` articles, each with a number for its title.
fn numbered_titles(count: usize) -> String {
    let mut text = String::from("title = \"邮政简报\"\n");
    for _ in 0..count {
        text.push_str("\n[[article]]\ntitle = 42\nbody = \"近日，快递业开展活动。\"\n");
    }
    text
}

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
fn errors_are_counted_apart_from_warnings_and_keep_their_place_after_the_cap() {
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
    let output = kanbao(&["check", "--config", "/dev/null", "keys.toml"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 102, "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("1 file checked: 1 loaded, 0 with errors; 0 errors, 1000 warnings")
    );
}

#[test]
fn fifty_thousand_wrong_titles_give_a_hundred_errors_and_a_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("titles.toml"), numbered_titles(50_000)).expect("write");
    let output = kanbao(
        &["check", "--config", "/dev/null", "titles.toml"],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(output.status.code(), Some(1), "the file still fails");
    assert_eq!(lines.len(), 102, "{stdout}");
    let wrong = "error: `title` must be text in quotes, but this is a number";
    assert_eq!(lines[0], format!("titles.toml:4:9: {wrong}"));
    assert_eq!(lines[99], format!("titles.toml:400:9: {wrong}"));
    assert_eq!(
        lines[100],
        "titles.toml:404:9: error: … and 49,900 more errors not shown (only the first 100 are listed)"
    );
    assert_eq!(
        lines[101],
        "1 file checked: 0 loaded, 1 with errors; 50000 errors, 0 warnings"
    );
}

#[test]
fn one_error_past_the_cap_is_counted_in_the_singular_and_the_file_fails() {
    let outcome = load::parse_issue(Path::new("titles.toml"), &numbered_titles(101));
    assert!(outcome.issue.is_none());
    assert_eq!(outcome.problems.len(), 101);
    assert_eq!(
        outcome.problems.last().map(ToString::to_string).as_deref(),
        Some(
            "titles.toml:404:9: error: … and 1 more error not shown (only the first 100 are listed)"
        )
    );
    let counted: usize = outcome.problems.iter().map(|p| p.count).sum();
    assert_eq!(counted, 101);
}

#[test]
fn a_config_with_fifty_thousand_bad_key_bindings_lists_a_hundred() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("[keys.global]\n");
    for index in 0..50_000 {
        let _ = writeln!(text, "bad_key_{index} = \"down\"");
    }
    std::fs::write(dir.path().join("config.toml"), text).expect("write");
    std::fs::create_dir(dir.path().join("issues")).expect("issues folder");
    let output = kanbao(&["list", "--config", "config.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(lines.len(), 101, "{stderr}");
    let not_a_key = |n: usize| {
        format!(
            "config.toml:{}:1: error: `bad_key_{n}` is not a key; write a character (j, ?, G) or a name (enter, esc, tab, backtab, backspace, up, down, left, right, pageup, pagedown, home, end, space), with ctrl- or alt- before it if needed",
            n + 2
        )
    };
    assert_eq!(lines[0], not_a_key(0));
    assert_eq!(lines[99], not_a_key(99));
    assert_eq!(
        lines[100],
        "config.toml:102:1: error: … and 49,900 more errors not shown (only the first 100 are listed)"
    );
}
