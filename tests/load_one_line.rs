//! Tabs and line breaks in titles, numbers, names and sections: made single spaces at load,
//! so each field keeps to its row in `kanbao list` and in the reader's list.

mod support {
    pub mod binary;
    pub mod screen;
}

use std::path::Path;

use kanbao::load;
use kanbao::text::AmbiguousWidth;
use support::binary::{kanbao, stdout};
use support::screen::{reader, screen};

const FOLDER: &str = "tests/fixtures/hostile/whitespace";

#[test]
fn every_one_line_field_is_one_line() {
    let library = load::load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(FOLDER))
        .expect("the folder loads");
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let issue = &library.issues[0];
    assert_eq!(issue.title, "上海邮政 快递业简报");
    assert_eq!(
        issue.number.as_ref().map(ToString::to_string).as_deref(),
        Some("2022 年 第 41 期")
    );
    assert_eq!(issue.publisher.as_deref(), Some("上海市邮政管理局"));
    let article = &issue.articles[0];
    assert_eq!(
        article.title,
        "上海市邮政管理局开展 党的二十大精神进快递员群体（系列）活动"
    );
    assert_eq!(article.subtitle.as_deref(), Some("纳入 重点项目"));
    assert_eq!(article.section.as_deref(), Some("要闻"));
    // The ideographic spaces between names are typesetting, kept as written.
    assert_eq!(
        article.author.as_deref(),
        Some("编辑部\u{3000}\u{3000}张三")
    );
    assert_eq!(issue.articles[1].title, "Two columns, one character");
}

#[test]
fn list_keeps_each_issue_and_article_to_one_row() {
    let output = kanbao(&["list", "--issues", FOLDER]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "2022-11-28  2022 年 第 41 期  上海邮政 快递业简报  2022-41-whitespace.toml\n    \
         1  要闻    上海市邮政管理局开展 党的二十大精神进快递员群体（系列）活动\n    \
         2  Essays  Two columns, one character\n"
    );
}

#[test]
fn the_reader_list_keeps_each_title_to_one_row() {
    let library = load::load_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(FOLDER))
        .expect("the folder loads");
    let reader = reader(&library, 80, 8, AmbiguousWidth::Narrow);
    let shown = screen(&reader, &library);
    let rows: Vec<&str> = shown.lines().collect();
    insta::assert_snapshot!("whitespace_titles_80x8", shown);
    assert_eq!(
        rows[2],
        "*  上海市邮政管理局开展…  │ 纳入 重点项目                                       "
    );
    assert_eq!(
        rows[4],
        "*  Two columns, one char… │                                                     "
    );
}
