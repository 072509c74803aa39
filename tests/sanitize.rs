//! `kanbao::sanitize::sanitize` from the outside: table cases, a fixture of raw escape
//! sequences mixed with Chinese text, and properties over arbitrary strings.

use std::borrow::Cow;

use kanbao::sanitize::sanitize;
use proptest::prelude::*;

/// The rule the output must meet, written out independently of the implementation.
fn forbidden(c: char) -> bool {
    let cp = u32::from(c);
    let c0 = cp < 0x20 && c != '\n' && c != '\t';
    let del_or_c1 = (0x7f..=0x9f).contains(&cp);
    let bidi = matches!(cp, 0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069);
    c0 || del_or_c1 || bidi
}

fn assert_clean(text: &str) {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        panic!("forbidden char {c:?} at byte {i} in {text:?}");
    }
}

#[test]
fn table() {
    let cases: &[(&str, &str, &str)] = &[
        ("csi", "a\x1b[2J\x1b[Hb", "ab"),
        ("csi sgr", "\x1b[1;38;2;255;0;0m红色\x1b[m", "红色"),
        ("csi private", "a\x1b[?25lb", "ab"),
        ("osc bel", "x\x1b]0;title\x07y", "xy"),
        ("osc 52 st", "x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"),
        (
            "osc 8 hyperlink",
            "\x1b]8;;http://a/\x1b\\链接\x1b]8;;\x1b\\",
            "链接",
        ),
        ("dcs", "x\x1bP+q544e\x1b\\y", "xy"),
        ("sos", "x\x1bXstring\x1b\\y", "xy"),
        ("pm", "x\x1b^message\x1b\\y", "xy"),
        ("apc", "x\x1b_Gi=1;AAAA\x1b\\y", "xy"),
        ("unterminated osc", "x\x1b]2;title\nnext line", "x"),
        ("two-byte", "a\x1bMb\x1b=c", "abc"),
        ("two-byte intermediate", "a\x1b(Bb\x1b#8c", "abc"),
        ("lone esc at end", "abc\x1b", "abc"),
        ("esc before cjk", "\x1b中文", "中文"),
        ("8-bit csi", "\u{9b}31mred", "red"),
        ("8-bit osc", "x\u{9d}0;title\u{9c}y", "xy"),
        ("8-bit osc bel", "x\u{9d}0;title\x07y", "xy"),
        ("8-bit dcs", "x\u{90}q\u{9c}y", "xy"),
        (
            "8-bit sos pm apc",
            "\u{98}a\u{9c}x\u{9e}b\u{9c}y\u{9f}c\u{9c}z",
            "xyz",
        ),
        ("other c1", "a\u{80}b\u{85}c\u{9c}d", "abcd"),
        ("bidi override", "user\u{202e}gpj.exe", "usergpj.exe"),
        (
            "bidi embedding",
            "\u{202a}a\u{202b}b\u{202c}\u{202d}c",
            "abc",
        ),
        (
            "bidi isolates",
            "\u{2066}a\u{2069}\u{2067}b\u{2068}c\u{2069}",
            "abc",
        ),
        ("bidi marks", "a\u{200e}b\u{200f}c\u{61c}d", "abcd"),
        ("crlf", "一\r\n二\r\n", "一\n二\n"),
        ("lone cr", "一\r二", "一\n二"),
        ("del", "a\x7fb", "ab"),
        ("nul", "a\0b", "ab"),
        ("other c0", "a\x01\x08\x0b\x0c\x07\x1fb", "ab"),
    ];
    for &(name, input, expected) in cases {
        let got = sanitize(input);
        assert_eq!(got, expected, "{name}: {input:?}");
        assert!(matches!(got, Cow::Owned(_)), "{name}: should be rewritten");
    }
}

#[test]
fn legitimate_text_is_borrowed_untouched() {
    let texts = [
        "",
        "plain ASCII\twith tabs\nand newlines\n",
        "北京时间今天上午，《看报》第一期发布。",
        "日本語のテキスト、한국어 텍스트",
        "👩\u{200d}💻 ❤\u{fe0f} 👍🏽 🏳\u{fe0f}\u{200d}🌈",
        "zero width\u{200b}space, non\u{200c}joiner, word\u{2060}joiner",
        "ideographic variation 葛\u{e0100}",
        "العربية עברית",
    ];
    for text in texts {
        match sanitize(text) {
            Cow::Borrowed(out) => assert_eq!(out, text),
            Cow::Owned(out) => panic!("{text:?} was copied to {out:?}"),
        }
    }
}

#[test]
fn fixture_with_escapes_and_chinese() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sanitize/escapes.txt"
    ))
    .expect("fixture is readable UTF-8");
    // Guard against the fixture losing its raw bytes (e.g. rewritten by an editor).
    for needle in [
        "\x1b[", "\x1b]", "\x1bP", "\u{9b}", "\u{9d}", "\u{202e}", "\r\n", "\0",
    ] {
        assert!(raw.contains(needle), "fixture lacks {needle:?}");
    }

    let out = sanitize(&raw);
    assert_clean(&out);
    let expected = "\
# 第一期：终端转义序列测试
重要通知：明天放假。
标题已设置。
剪贴板未被写入。
点击这里阅读全文。
设备控制字符串。
应用程序命令。
八位控制序列。
八位字符串。
空字符删除符退格响铃下一行。
双向文本：甲乙丙与丁、戊、己。
回车
覆盖
两字节转义。
断开的序列与孤立的。
\t缩进的段落：中文、日本語、한국어。
最后一行";
    assert_eq!(out, expected);
    // The payloads of removed sequences (window titles, clipboard data) are gone too.
    for payload in [
        "被篡改的窗口标题",
        "ZXZpbA==",
        "https://",
        "未终止的标题",
        "不会显示",
    ] {
        assert!(!out.contains(payload), "payload {payload:?} leaked");
    }
}

/// Strings built from pieces that form, break and nest escape sequences, plus any char.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        prop::sample::select(vec![
            "\x1b", "[", "]", "P", "X", "^", "_", "\\", "\x07", "\r", "\n", "\t", "\0", "\x7f",
            "\u{9b}", "\u{9c}", "\u{9d}", "\u{90}", "\u{85}", "\u{202e}", "\u{2066}", "\u{200f}",
            "\u{61c}", "\u{200d}", "\u{fe0f}", "2J", "0;", "31m", "(", "#", "中文", "한",
        ])
        .prop_map(String::from),
        (0u32..0xa0).prop_map(|cp| char::from_u32(cp).map(String::from).unwrap_or_default()),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn output_has_no_forbidden_char(text in hostile_text()) {
        let out = sanitize(&text);
        prop_assert!(!out.chars().any(forbidden), "{:?} -> {:?}", text, out);
    }

    #[test]
    fn arbitrary_output_has_no_forbidden_char(text in any::<String>()) {
        let out = sanitize(&text);
        prop_assert!(!out.chars().any(forbidden), "{:?} -> {:?}", text, out);
    }

    #[test]
    fn idempotent(text in hostile_text()) {
        let once = sanitize(&text).into_owned();
        let twice = sanitize(&once);
        prop_assert!(matches!(twice, Cow::Borrowed(_)));
        prop_assert_eq!(twice, once.as_str());
    }

    #[test]
    fn idempotent_arbitrary(text in any::<String>()) {
        let once = sanitize(&text).into_owned();
        prop_assert_eq!(sanitize(&once), once.as_str());
    }

    #[test]
    fn clean_text_is_borrowed_and_equal(
        text in "([^\\p{Cc}\\x{61C}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]|\n|\t)*"
    ) {
        match sanitize(&text) {
            Cow::Borrowed(out) => prop_assert_eq!(out, text.as_str()),
            Cow::Owned(out) => prop_assert!(false, "{:?} was copied to {:?}", text, out),
        }
    }

    /// Only removal and line-ending rewriting happen: the output never gains text.
    #[test]
    fn never_longer(text in hostile_text()) {
        prop_assert!(sanitize(&text).len() <= text.len());
    }
}
