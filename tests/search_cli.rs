//! `kanbao search`: output lines, exit statuses, plain output into a pipe.

mod support {
    pub mod binary;
}

use std::fmt::Write as _;

use support::binary::{kanbao, stdout};

#[test]
fn finds_a_phrase_in_the_seed_bulletin() {
    let output = kanbao(&["search", "绿色包装"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.lines().count() >= 3, "{text}");
    for line in text.lines() {
        assert!(line.starts_with("2022-11-shanghai-postal/"), "{line}");
        assert!(line.contains("绿色包装"), "{line}");
    }
    assert!(text.contains(
        "2022-11-shanghai-postal/4: 青浦邮政管理局开展辖区行业生态环保工作线上专题培训: …"
    ));
    assert!(
        text.contains("2022-11-shanghai-postal/5: 松江邮政管理局组织开展快递业生态环保专题培训: ")
    );
}

#[test]
fn output_into_a_pipe_is_plain() {
    let text = stdout(&kanbao(&["search", "快递"]));
    assert!(!text.is_empty());
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn lines_have_issue_article_title_and_one_line_snippet() {
    let text = stdout(&kanbao(&["search", "先进典型"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "2022-11-shanghai-postal/1: 上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动: 近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪…"
        ]
    );
}

#[test]
fn nothing_found_exits_one_with_no_output() {
    let output = kanbao(&["search", "不存在的词语xyz"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(output.stderr.is_empty());
}

#[test]
fn folds_fullwidth_digits_and_case() {
    // The title is written with a fullwidth ６.
    let text = stdout(&kanbao(&["search", "6月の読書会"]));
    assert!(
        text.starts_with("2024-05-hon-no-mushi/3: ６月の読書会のご案内: ６月の読書会"),
        "{text}"
    );
    // The footer, reported against the last article.
    let output = kanbao(&["search", "MUSHI@EXAMPLE"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(text.starts_with("2024-05-hon-no-mushi/"), "{text}");
    assert!(text.contains("mushi@example.jp"), "{text}");
}

#[test]
fn quoted_queries_match_exactly() {
    assert_eq!(
        kanbao(&["search", "\"MUSHI@EXAMPLE\""]).status.code(),
        Some(1)
    );
    assert_eq!(
        kanbao(&["search", "\"mushi@example\""]).status.code(),
        Some(0)
    );
}

#[test]
fn errors_exit_two() {
    let empty = kanbao(&["search", "  "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the query is empty"));
    let missing = kanbao(&["search", "快递", "--issues", "/nonexistent/issues"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
}

#[test]
fn issues_option_chooses_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("one.toml"),
        "title = \"一\"\n\n[[article]]\ntitle = \"ｶﾀｶﾅ\"\nbody = \"文字\"\n",
    )
    .expect("write issue");
    let issues = dir.path().to_string_lossy().into_owned();
    let output = kanbao(&["search", "カタカナ", "--issues", &issues]);
    assert_eq!(stdout(&output), "one/1: ｶﾀｶﾅ: ｶﾀｶﾅ\n");
    assert_eq!(
        kanbao(&["search", "绿色包装", "--issues", &issues])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_snippet_starts_at_the_clause_of_a_mid_sentence_hit() {
    // The hit is in the middle of a sentence; thirty cells back is the `，` before 推动.
    let text = stdout(&kanbao(&["search", "党建工作的指导意见"]));
    assert_eq!(
        text,
        "2022-11-shanghai-postal/2: 上海市邮政管理局深化党建引领快递行业“六共”行动: 推动《关于进一步加强快递行业党建工作的指导意见》落实落地，取得了一些标志性成…\n"
    );
    // Thirty cells back is the `、` after 获得者: the clause after it starts the snippet.
    let text = stdout(&kanbao(&["search", "海市党的二十大"]));
    assert_eq!(
        text,
        "2022-11-shanghai-postal/1: 上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动: 申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪…\n"
    );
}

/// The first `count` lines `kanbao search QUERY` prints.
fn first_lines(query: &str, count: usize) -> Vec<String> {
    let output = kanbao(&["search", query]);
    assert_eq!(output.status.code(), Some(0), "{query}");
    stdout(&output)
        .lines()
        .take(count)
        .map(str::to_owned)
        .collect()
}

#[test]
fn snippets_never_split_the_word_before_a_cjk_hit() {
    // The third hit's clause starts after the `、`, at the hit itself: not `…政快递业`.
    let title =
        "2022-11-shanghai-postal/1: 上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动";
    assert_eq!(
        first_lines("邮政", 5),
        [
            format!("{title}: 上海市邮政管理局开展党的二十大精神进快递…"),
            format!("{title}: 近日，上海邮政快递业先进典型全国人大代表、邮…"),
            format!("{title}: 邮政分拣员柴闪闪，全国五一劳动奖章…"),
            format!("{title}: 上海市邮政管理局将以此为契机，联系地方组…"),
            format!("{title}: …邮政强国、努力当好中国现代化开路先…"),
        ]
    );
    // No clause start in reach of the third: it starts at the hit, not at `…通党员` (申通).
    assert_eq!(
        first_lines("党", 4),
        [
            format!("{title}: 上海市邮政管理局开展党的二十大精神进快递员群体（系列…"),
            format!("{title}: 全国五一劳动奖章获得者、申通党员驾驶员关立平参加了上海市党的…"),
            format!("{title}: …党的二十大精神进新就业群体系列活…"),
            format!("{title}: 该系列活动将依托“党群服务中心”，通过线上导学、线…"),
        ]
    );
}

#[test]
fn snippets_of_a_latin_hit_start_at_a_clause_or_a_word() {
    let title = "2024-06-dispatches/1: Two columns, one character";
    assert_eq!(
        first_lines("the", 3),
        [
            // At the opening quote in reach, not at `…ne of 汉字`.
            format!("{title}: “wider” than the same number of letters. The r…"),
            format!("{title}: The rule lives in UAX #11, and mo…"),
            // At a word start, not at `…ion such as`.
            format!("{title}: …such as wcwidth() in C or the unicode-width crate in Rust. …"),
        ]
    );
}

/// Twenty issues whose dates, numbers and names disagree about their order, and two files
/// that do not load.
fn write_unordered_folder(dir: &std::path::Path) {
    for index in 0..20_usize {
        // Dates run against names and repeat; some issues have none, some share a date and
        // differ by number (an integer or a label).
        let date = match index % 5 {
            0 => String::new(),
            _ => format!("date = 2022-{:02}-01\n", (index * 7) % 4 + 1),
        };
        let number = match index % 3 {
            0 => format!("number = {}\n", (index * 11) % 17),
            1 => format!("number = \"2022 年第 {} 期\"\n", (index * 5) % 13),
            _ => String::new(),
        };
        let text = format!(
            "title = \"简报 {index}\"\n{date}{number}footer = \"快递报送 {index}\"\n\n\
             [[article]]\ntitle = \"快递 {index}\"\nbody = \"上海快递业，第 {index} 期。\"\n\n\
             [[article]]\ntitle = \"其他\"\nbody = \"快递，快递，快递。\"\n"
        );
        std::fs::write(dir.join(format!("issue-{index:02}.toml")), text).expect("write issue");
    }
    std::fs::write(dir.join("broken-1.toml"), "title = \n").expect("write issue");
    std::fs::write(dir.join("broken-2.toml"), "[[article]]\n").expect("write issue");
}

#[test]
fn a_folder_is_searched_in_library_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_unordered_folder(dir.path());
    // What the library itself says: every match in library order, newest first.
    let library = kanbao::load::load_folder(dir.path()).expect("loads");
    let query = kanbao::search::Query::parse("快递").expect("a query");
    let mut expected = String::new();
    for found in kanbao::search::search_library(&query, &library) {
        let issue = &library.issues[found.issue];
        let _ = writeln!(
            expected,
            "{}/{}: {}: {}",
            issue.stem,
            found.article + 1,
            issue.articles[found.article].title,
            found.snippet.text
        );
    }
    assert_eq!(expected.lines().count(), 20 * 6);
    let issues = dir.path().to_string_lossy().into_owned();
    let output = kanbao(&["search", "快递", "--issues", &issues]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), expected);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "kanbao: 2 files could not be loaded and was not searched; `kanbao check` shows why.\n"
    );
    // Not simply name order: the test would not see a sort left out.
    let first = stdout(&output).lines().next().map(str::to_owned);
    assert_ne!(first.as_deref(), Some("issue-19/1: 快递 19: 快递 19"));
}
