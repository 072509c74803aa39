//! One-line fields (titles, names, numbers) kept to one line: a tab or a line break in a title
//! would run it into the next column of `kanbao list` and spill it across the reader's rows.

/// The ideographic space: part of CJK typesetting (an indent, a gap between names), kept as
/// written.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// `text` with every run of whitespace (spaces, tabs, line breaks, other Unicode spaces) made
/// one space and none at either end; ideographic spaces are left as they are.
#[must_use]
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != IDEOGRAPHIC_SPACE {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_keep_to_one_line() {
        assert_eq!(
            one_line("上海邮政\t快递业简报\n（第 41 期）"),
            "上海邮政 快递业简报 （第 41 期）"
        );
        assert_eq!(
            one_line("  Two\r\n  columns,\tone\u{2003}character \n"),
            "Two columns, one character"
        );
        assert_eq!(
            one_line("编辑部\u{3000}\u{3000}张三"),
            "编辑部\u{3000}\u{3000}张三"
        );
        assert_eq!(one_line("\u{3000}巻頭言 "), "\u{3000}巻頭言");
        assert_eq!(one_line(" \t\n"), "");
    }

    proptest! {
        #[test]
        fn one_line_keeps_every_other_character(text in "[a上 \t\n\r\u{3000}\u{2028}\u{a0}]{0,40}") {
            let line = one_line(&text);
            let breaks = ['\t', '\n', '\r', '\u{2028}', '\u{a0}'];
            prop_assert!(!line.contains(breaks), "{:?}", line);
            prop_assert!(!line.contains("  "));
            prop_assert!(!line.starts_with(' ') && !line.ends_with(' '));
            prop_assert_eq!(one_line(&line), line.clone());
            let kept = |s: &str| -> String {
                s.chars().filter(|c| !c.is_whitespace() || *c == IDEOGRAPHIC_SPACE).collect()
            };
            prop_assert_eq!(kept(&line), kept(&text));
        }
    }
}
