//! Plain paragraphs as CommonMark that reads back as exactly the same text.
//!
//! Article bodies are CommonMark, but a bulletin's text is not: a paragraph that starts with
//! `1.` or `#`, or holds `*` or `<`, would turn into a list, a heading, emphasis or HTML.
//! Backslash-escaping ASCII punctuation is always allowed in CommonMark, so escaping more than
//! strictly needed is harmless; Chinese text rarely has any of these characters at all.

use super::ImportedArticle;

/// Characters that can start inline markup anywhere in a line.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '&', '~'];

/// Characters that start a block (heading, quote, list, thematic break) at a line's start.
const BLOCK_START: &[char] = &['#', '>', '-', '+', '='];

/// Escapes one paragraph (or list item text) so CommonMark reads it as plain text.
pub(crate) fn escape_paragraph(text: &str) -> String {
    text.split('\n')
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape_line(line: &str) -> String {
    // Leading spaces would indent (four make code); they are layout, not content.
    let line = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 4);
    if line.starts_with(BLOCK_START) {
        out.push('\\');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut after_digits = line.chars().skip(digits);
    let marker = after_digits.next();
    let then = after_digits.next();
    // `2022. ` or `3) ` would open an ordered list; `3.8 万` would not.
    let list_marker = (1..=9).contains(&digits)
        && matches!(marker, Some('.' | ')'))
        && then.is_none_or(|c| c == ' ' || c == '\t');
    for (i, c) in line.chars().enumerate() {
        if INLINE_SPECIAL.contains(&c) || (list_marker && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    // Two trailing spaces would be a hard line break.
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
    out
}

impl ImportedArticle {
    /// The body as written into the issue file: paragraphs separated by blank lines, or a
    /// numbered list whose items are separated by blank lines, ending with a newline.
    #[must_use]
    pub fn body_markdown(&self) -> String {
        let mut blocks = Vec::with_capacity(self.paragraphs.len());
        for (index, text) in self.paragraphs.iter().enumerate() {
            let Some(start) = self.list_start else {
                blocks.push(escape_paragraph(text));
                continue;
            };
            let number = u64::from(start) + index as u64;
            let marker = format!("{number}. ");
            // Later paragraphs of an item are indented to the item's text to stay in it.
            let indent = " ".repeat(marker.len());
            let parts: Vec<String> = text
                .split("\n\n")
                .filter(|part| !part.trim().is_empty())
                .map(escape_paragraph)
                .collect();
            let mut item = marker;
            item.push_str(&parts.join(&format!("\n\n{indent}")));
            blocks.push(item);
        }
        let mut body = blocks.join("\n\n");
        body.push('\n');
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// The text CommonMark reads from `source` (with the reader's strikethrough extension),
    /// and whether it saw only one paragraph.
    fn rendered(source: &str) -> (String, bool) {
        let mut text = String::new();
        let mut only_paragraph = true;
        for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak => text.push('\n'),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                _ => only_paragraph = false,
            }
        }
        (text, only_paragraph)
    }

    #[test]
    fn markup_characters_read_back_as_text() {
        for text in [
            "1. 11 月 24 日",
            "2022. 年度总结",
            "3) 第三",
            "# 不是标题",
            "> 不是引用",
            "- 不是列表",
            "+ 也不是",
            "---",
            "*强调* 和 _下划线_ 和 `代码`",
            "<b>标签</b> &amp; [链接](x)",
            "结尾反斜杠\\",
            "~~删除~~",
        ] {
            let escaped = escape_paragraph(text);
            assert_eq!(rendered(&escaped), (text.to_owned(), true), "{escaped}");
        }
    }

    #[test]
    fn harmless_starts_stay_readable() {
        assert_eq!(escape_paragraph("3.8 万组快件箱"), "3.8 万组快件箱");
        assert_eq!(escape_paragraph("2022.11.28 印发"), "2022.11.28 印发");
        assert_eq!(escape_paragraph("1. 一"), "1\\. 一");
    }

    #[test]
    fn numbered_bodies_are_lists() {
        let article = ImportedArticle {
            paragraphs: vec!["11 月 24 日，甲。".into(), "乙。\n\n乙续。".into()],
            list_start: Some(1),
            ..ImportedArticle::default()
        };
        assert_eq!(
            article.body_markdown(),
            "1. 11 月 24 日，甲。\n\n2. 乙。\n\n   乙续。\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_line_reads_back_as_itself(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "中", "1", "12", ".", ")", " ", "  ", "#", ">", "-", "+", "=", "*", "_", "`",
                "~", "<", ">", "[", "]", "(", ")", "!", "&", "amp;", "\\", "|", ":", "http://x",
                "1. ", "- ", "***", "---", "```", "<div>", "&#42;", "\u{3000}",
            ]), 1..20)
        ) {
            let text = pieces.concat();
            let text = text.trim_matches([' ', '\t']);
            proptest::prop_assume!(!text.is_empty());
            let escaped = escape_paragraph(text);
            proptest::prop_assert_eq!(rendered(&escaped), (text.to_owned(), true), "{}", escaped);
        }
    }
}
