//! Whatever text comes in, importing never panics and the issue file is always valid TOML
//! whose fields read back as what was imported.

mod import_support;

use import_support::assert_toml_round_trip;
use kanbao::import::{ImportOptions, decode, import_text};
use proptest::prelude::*;

/// Lines built from the pieces bulletins are made of, so the layout and structure rules
/// (titles, briefs, footer, page breaks, dates, markup characters) are all reached.
fn bulletin_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "上海市",
        "开展",
        "活动",
        "。",
        "，",
        "简讯：",
        "报：",
        "送：",
        "1.",
        "2.",
        "11 月",
        "2023 年",
        "3 月 15 日",
        "第 3 期",
        " ",
        "\n",
        "\n\n",
        " \n\n",
        "\n\n ",
        "“",
        "”",
        "（",
        "）",
        "#",
        "*",
        "`",
        "<",
        "\\",
        "\"",
        "\"\"\"",
        "'",
        "-",
        "ISO9001",
        "abc",
        "—— ",
        "\t",
        "\r\n",
        "\u{3000}",
        "\u{c}",
        "\u{0}",
        "\u{1b}",
        "한국어",
        "日本語です",
    ]);
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_imports_into_valid_toml(text in any::<String>()) {
        let issue = import_text(&text, &ImportOptions::default());
        assert_toml_round_trip(&issue);
    }

    #[test]
    fn bulletin_like_text_imports_into_valid_toml(text in bulletin_like()) {
        let issue = import_text(&text, &ImportOptions::default());
        assert_toml_round_trip(&issue);
        for article in &issue.articles {
            prop_assert!(article.title.as_ref().is_none_or(|t| !t.is_empty()));
            prop_assert!(article.paragraphs.iter().all(|p| !p.trim().is_empty()));
        }
    }

    #[test]
    fn arbitrary_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match decode(&bytes) {
            Ok((text, _)) => {
                assert_toml_round_trip(&import_text(&text, &ImportOptions::default()));
            }
            Err(error) => prop_assert!(error.to_string().starts_with("not UTF-8 or GB18030 text")),
        }
    }
}
