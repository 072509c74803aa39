//! The quick path for plain issue files gives the TOML library's own table, spans and all,
//! or declines; it never accepts a file the library would refuse.

use std::path::Path;

use kanbao::load::parse_plain;
use proptest::prelude::*;
use toml::de::DeTable;

/// Plain-path result against the library's, as text (spans included).
fn check(text: &str) -> Result<bool, TestCaseError> {
    let Some(plain) = parse_plain(text) else {
        return Ok(false);
    };
    let library = DeTable::parse(text);
    prop_assert!(
        library.is_ok(),
        "took {text:?} as plain, the library refuses it: {library:?}"
    );
    let library = library.map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        format!("{plain:?}"),
        format!("{library:?}"),
        "for {:?}",
        text
    );
    Ok(true)
}

fn string_content() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "邮政",
        "快递，",
        "a",
        " ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "'",
        "''",
        "\"",
        "\\",
        "\\n",
        "\\q",
        "\\u00e9",
        "\u{7}",
        "\u{1b}[31m",
        "\u{7f}",
        "\u{85}",
        "\u{200b}",
        "#",
        "]",
        "=",
    ]);
    prop::collection::vec(atoms, 0..12).prop_map(|parts| parts.concat())
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        string_content().prop_map(|s| format!("'''{s}'''")),
        string_content().prop_map(|s| format!("'''\n{s}'''")),
        string_content().prop_map(|s| format!("\"{s}\"")),
        string_content().prop_map(|s| format!("'{s}'")),
        string_content().prop_map(|s| format!("\"\"\"{s}\"\"\"")),
        prop::sample::select(vec![
            "12",
            "-0",
            "0x1f",
            "1_000",
            "01",
            "3.5",
            "true",
            "2024-05-01",
            "2024-13-01",
            "1979-05-27T07:32:00Z",
            "[1, 2]",
            "{ a = 1 }",
            "",
            "nope",
        ])
        .prop_map(str::to_owned),
    ]
}

fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "body",
        "number",
        "date",
        "article",
        "x-y",
        "a.b",
        "a . b",
        "'q'",
        "\"title\"",
        "",
        "标题",
    ]);
    prop_oneof![
        4 => (key, value(), prop::sample::select(vec!["", " # note", "\t"]))
            .prop_map(|(k, v, tail)| format!("{k} = {v}{tail}")),
        2 => prop::sample::select(vec![
            "[[article]]",
            "[[ article ]]",
            "[article]",
            "[[other]]",
            "[[article.part]]",
            "[[\"article\"]]",
            "[[article]",
            "# a comment",
            "# \u{7}",
            "",
            "   ",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plain_files_read_as_the_library_reads_them(
        lines in prop::collection::vec(line(), 0..12),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        check(&text)?;
    }
}

#[test]
fn the_shipped_issues_and_every_fixture_agree_with_the_library() {
    let mut files = Vec::new();
    let mut dirs = vec![
        Path::new(env!("CARGO_MANIFEST_DIR")).join("issues"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a fixture folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "found only {files:?}");
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        check(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn the_shipped_issues_take_the_plain_path() {
    for name in [
        "2022-11-shanghai-postal.toml",
        "2024-05-hon-no-mushi.toml",
        "2024-06-dispatches.toml",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("issues")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("a shipped issue");
        assert!(
            check(&text).expect("the library's table"),
            "{name} took the library's path"
        );
    }
}
