//! Shared by the import tests: reading fixtures, checking articles, reading the TOML back.

#![allow(dead_code, reason = "each test file uses part of this module")]

use std::path::Path;

use kanbao::import::{ImportedIssue, decode};

/// One expected article: title, subtitle, paragraph count, first and last paragraph.
pub type Expected = (
    &'static str,
    Option<&'static str>,
    usize,
    &'static str,
    &'static str,
);

/// The bytes of a file named relative to the crate root.
pub fn read_bytes(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The decoded text of a file named relative to the crate root.
pub fn read_text(relative: &str) -> String {
    let (text, encoding) = decode(&read_bytes(relative)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(encoding, "UTF-8");
    text
}

/// Checks the leading ordinary articles against `expected`, character for character.
pub fn assert_articles(issue: &ImportedIssue, expected: &[Expected]) {
    for (index, (title, subtitle, count, first, last)) in expected.iter().enumerate() {
        let article = &issue.articles[index];
        let place = format!("article {}", index + 1);
        assert_eq!(article.title.as_deref(), Some(*title), "{place}: title");
        assert_eq!(article.subtitle.as_deref(), *subtitle, "{place}: subtitle");
        assert_eq!(article.section, None, "{place}: section");
        assert_eq!(article.list_start, None, "{place}: list");
        assert_eq!(article.paragraphs.len(), *count, "{place}: paragraph count");
        assert_eq!(
            article.paragraphs.first().map(String::as_str),
            Some(*first),
            "{place}: first"
        );
        assert_eq!(
            article.paragraphs.last().map(String::as_str),
            Some(*last),
            "{place}: last"
        );
    }
}

/// Parses `issue.to_toml()` and checks every field reads back as the imported value.
pub fn assert_toml_round_trip(issue: &ImportedIssue) -> toml::Table {
    let text = issue.to_toml();
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"));
    let string =
        |table: &toml::Table, key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    if let Some(title) = &issue.title {
        assert_eq!(string(&table, "title").as_ref(), Some(title));
    } else {
        assert!(
            text.contains("# TODO"),
            "a missing title is flagged:\n{text}"
        );
        assert!(string(&table, "title").is_some_and(|t| !t.is_empty()));
    }
    assert_eq!(string(&table, "number"), issue.number);
    assert_eq!(
        table.get("date").map(ToString::to_string),
        issue.date.map(|d| d.to_string())
    );
    assert_eq!(string(&table, "footer"), issue.footer);
    let articles = table
        .get("article")
        .and_then(|a| a.as_array())
        .map_or(&[][..], |a| a.as_slice());
    assert_eq!(articles.len(), issue.articles.len());
    for (read, article) in articles.iter().zip(&issue.articles) {
        let read = read
            .as_table()
            .unwrap_or_else(|| panic!("article is not a table"));
        if article.title.is_some() {
            assert_eq!(string(read, "title"), article.title);
        }
        assert_eq!(string(read, "subtitle"), article.subtitle);
        assert_eq!(string(read, "section"), article.section);
        assert_eq!(string(read, "body"), Some(article.body_markdown()));
    }
    table
}
