//! The built `kanbao` binary, end to end: exit statuses, output, global options, config.

mod support {
    pub mod binary;
}

use std::path::{Path, PathBuf};
use std::process::Command;

use support::binary::{kanbao, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn every_shipped_issue_passes_check() {
    let output = kanbao(&["check"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    let last = text.lines().last().unwrap_or_default();
    assert!(last.ends_with("0 errors, 0 warnings"), "{text}");
    assert_eq!(text.lines().count(), 1, "no problem lines expected: {text}");
}

#[test]
fn check_fails_on_errors_and_names_each_file() {
    let output = kanbao(&["check", "tests/fixtures/bad-issues"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains(
        "tests/fixtures/bad-issues/title-not-text.toml:1:9: error: `title` must be text in quotes, but this is a number"
    ));
    assert_eq!(
        text.lines().last(),
        Some("16 files checked: 1 loaded, 15 with errors; 15 errors, 2 warnings")
    );
}

#[test]
fn warnings_alone_pass_check() {
    let output = kanbao(&["check", "tests/fixtures/bad-issues/unknown-keys.toml"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output).lines().last(),
        Some("1 file checked: 1 loaded, 0 with errors; 0 errors, 2 warnings")
    );
}

#[test]
fn list_aligns_cjk_and_latin_by_display_width() {
    // Global options are accepted after the subcommand too.
    let output = kanbao(&["list", "--issues", "tests/fixtures/list"]);
    assert!(output.status.success());
    insta::assert_snapshot!(stdout(&output), @r"
    2022-11-28  2022 年第 41 期  上海邮政快递业简报  2022-41.toml
        1          上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动
        2  简讯    简讯
    2022-11-21  7                Terminal Notes      weekly-7.toml
        1  Essays  Ambiguous width, explained
        2          “Curly quotes” and you
    ");
}

#[test]
fn global_options_go_before_the_subcommand_too() {
    let before = kanbao(&["--issues", "tests/fixtures/list", "list"]);
    let after = kanbao(&["list", "--issues", "tests/fixtures/list"]);
    assert_eq!(stdout(&before), stdout(&after));
}

#[test]
fn a_bad_config_is_reported_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "issues = 7\n").expect("write config");
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("list")
        .env("KANBAO_CONFIG", &config)
        .output()
        .expect("kanbao runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{}:1:10: error: `issues` must be text in quotes, but this is a number\n",
            config.display()
        )
    );
}

#[test]
fn config_names_the_issues_folder_relative_to_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.toml"), "issues = \"news\"\n").expect("config");
    std::fs::create_dir(dir.path().join("news")).expect("news");
    std::fs::copy(
        fixture("list/weekly-7.toml"),
        dir.path().join("news/w.toml"),
    )
    .expect("copy");
    let output = kanbao(&[
        "list",
        "--config",
        &dir.path().join("config.toml").to_string_lossy(),
    ]);
    assert!(
        stdout(&output).contains("Terminal Notes"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_missing_issues_folder_is_a_clear_error() {
    let output = kanbao(&["list", "--issues", "/nonexistent/news"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "kanbao: /nonexistent/news: the issues folder does not exist; create it or point --issues at another\n"
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = kanbao(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        assert!(stdout(&output).contains("check"), "{shell}");
    }
}

#[test]
fn every_command_has_help() {
    for command in ["check", "list", "completions"] {
        let output = kanbao(&[command, "--help"]);
        assert!(output.status.success(), "{command}");
        assert!(stdout(&output).contains("Usage: kanbao"), "{command}");
    }
}

#[test]
fn the_documented_config_is_the_default_and_its_keys_are_the_default_keymap() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml"))
        .expect("config.toml");
    // Every setting is commented out: the file as shipped is the defaults.
    let config = kanbao::config::parse(Path::new("config.toml"), &text).expect("parses");
    assert_eq!(config.key_bindings, Vec::new());
    assert!(config.warnings.is_empty());
    // Uncommented, its key tables are exactly the built-in keymap.
    let keys_start = text.find("# [keys.global]\n").expect("keys documented");
    let mut uncommented = String::new();
    for line in text.get(keys_start..).unwrap_or_default().lines() {
        let line = line
            .strip_prefix("# ")
            .or_else(|| line.strip_prefix('#'))
            .unwrap_or(line);
        uncommented.push_str(line);
        uncommented.push('\n');
    }
    assert_eq!(uncommented, kanbao::reader::DEFAULT_KEYS);
}

#[test]
fn user_key_tables_merge_over_the_defaults() {
    let text = "[keys.list]\nx = \"quit\"\nq = \"none\"\n[keys.pane]\nspace = \"bogus\"\n";
    let error = kanbao::config::parse(Path::new("c.toml"), text)
        .err()
        .map(|e| e.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.starts_with("c.toml:5:9: error: `bogus` is not an action")),
        "{error:?}"
    );
    let config = kanbao::config::parse(
        Path::new("c.toml"),
        "[keys.list]\nx = \"quit\"\nq = \"none\"\n",
    )
    .expect("parses");
    assert_eq!(config.key_bindings.len(), 2);
}

#[test]
fn the_shipped_config_copied_to_the_config_folder_still_finds_the_issues() {
    // As config.toml's header says: copy it to ~/.config/kanbao/ and run kanbao.
    let home = tempfile::tempdir().expect("temp dir");
    let folder = home.path().join("kanbao");
    std::fs::create_dir(&folder).expect("config folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("config.toml"), folder.join("config.toml")).expect("copy config");
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("list")
        .current_dir(root)
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("kanbao runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout(&output).contains("上海邮政快递业简报"),
        "{}",
        stdout(&output)
    );
}
