//! `kanbao cat` end to end on the seed bulletin at 80 and 41 columns, both ambiguous widths:
//! every line fits, no line starts or ends with a forbidden mark, nothing is lost.

use std::process::Command;

use kanbao::text::{AmbiguousWidth, str_width};

const SEED: &str = "2022-11-shanghai-postal";
const NO_START: &str = "、。，．：；？！）］｝〕〉》」』】〙〗”’～〜‐–゠";
const NO_END: &str = "（［｛〔〈《「『【〘〖“‘￥＄￡";

fn cat(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .arg("cat")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KANBAO_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("kanbao runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The faults `check-wrap` looks for, in the same width function the layout uses.
fn faults(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut faults = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let core = line.trim_matches([' ', '\u{3000}']);
        if str_width(line, ambiguous) > width {
            faults.push(format!("line {}: too wide: {line}", i + 1));
        }
        let previous_text = i > 0 && !lines[i - 1].trim().is_empty();
        let next_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if previous_text && core.chars().next().is_some_and(|c| NO_START.contains(c)) {
            faults.push(format!(
                "line {}: starts with a closing mark: {line}",
                i + 1
            ));
        }
        if next_text && core.chars().last().is_some_and(|c| NO_END.contains(c)) {
            faults.push(format!(
                "line {}: ends with an opening mark or a currency sign: {line}",
                i + 1
            ));
        }
    }
    faults
}

/// `kanbao cat ARGS` at `width` in each ambiguous width, checked to have no `faults`.
fn cat_without_faults(args: &[&str], width: usize) -> Vec<String> {
    let columns = width.to_string();
    [(AmbiguousWidth::Narrow, "1"), (AmbiguousWidth::Wide, "2")]
        .into_iter()
        .map(|(ambiguous, flag)| {
            let text = cat(&[args, &["--width", &columns, "--ambiguous-width", flag]].concat());
            assert_eq!(
                faults(&text, width, ambiguous),
                Vec::<String>::new(),
                "{width} {flag}"
            );
            text
        })
        .collect()
}

#[test]
fn the_seed_reads_cleanly_at_even_and_odd_widths() {
    for width in [80, 41] {
        for text in cat_without_faults(&[SEED], width) {
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
            assert!(text.lines().all(|l| l == l.trim_end()), "trailing spaces");
        }
    }
}

/// Opening hours with `～`, years with `‐`, prices with `￥ ＄ ￡`, at every width from 8 to 40.
#[test]
fn dashes_and_currency_signs_keep_their_place_at_every_width() {
    for width in 8..=40 {
        cat_without_faults(
            &[
                "--issues",
                "tests/fixtures/line-breaks",
                "2022-12-prices-and-hours",
            ],
            width,
        );
    }
}

#[test]
fn the_whole_seed_is_there_in_order() {
    let text = cat(&[SEED, "--width", "41"]);
    let joined: String = text
        .lines()
        .map(|l| l.trim_start_matches([' ', '\u{3000}']))
        .collect();
    let mut from = 0;
    for expected in [
        "上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动",
        "近日，上海邮政快递业先进典型全国人大代表",
        "中通快递股份有限公司荣获第一届“上海慈善奖”",
        "简讯",
        "标志着圆通标准化体系建设的再升级。",
        "报：国家邮政局精神文明建设指导委员会",
        "企业",
    ] {
        let found = joined.get(from..).and_then(|rest| rest.find(expected));
        assert!(found.is_some(), "missing or out of order: {expected}");
        from += found.unwrap_or_default() + expected.len();
    }
}

#[test]
fn one_article_by_number() {
    let text = cat(&[&format!("{SEED}/1"), "--width", "80"]);
    assert!(text.starts_with("上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动\n"));
    assert!(!text.contains("简讯"));
    insta::assert_snapshot!(
        "seed_article_1_at_41",
        cat(&[&format!("{SEED}/1"), "--width", "41"])
    );
}

#[test]
fn unknown_issue_and_article_are_clear_errors() {
    let output = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["cat", &format!("{SEED}/99")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("kanbao runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("choose one from 1 to"), "{stderr}");
}
