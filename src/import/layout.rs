//! From lines of text to paragraphs: recognizing how the text was laid out and undoing it.
//!
//! A PDF text extraction of a printed bulletin puts an empty line after every printed line,
//! ends a paragraph's last line with a space, starts the first line after a page break with a
//! space, and writes a line holding only a space where the print leaves vertical room. Plain
//! text separates paragraphs with blank lines. Both become the same blocks.

use super::language::is_cjk_unspaced;

/// How the lines of the input were laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A PDF text extraction: every printed line followed by an empty line.
    PrintedLines,
    /// Ordinary text: paragraphs separated by blank lines (or one paragraph per line).
    Plain,
}

/// A paragraph, or the vertical room between blocks that the print shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Break,
    Para(Paragraph),
}

/// One paragraph: its lines as printed (layout spaces removed) and their rejoined text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub lines: Vec<String>,
    pub text: String,
}

/// How to rejoin two printed lines of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joiner {
    /// Chinese and Japanese: a line break is never a space. The print's spaces (`11 月`,
    /// `ISO 质量`) sit inside lines, so joining with nothing keeps exactly those.
    Unspaced,
    /// Chinese or Japanese print that sets Latin words and digits apart with spaces
    /// (`11 月 22 日`, `通过 ISO9001 质量`): where a line break falls between such a word and a
    /// CJK character, the space the typesetter dropped at the line end is put back
    /// (`2022 年` / `11 月` → `2022 年 11 月`); between two CJK characters, still nothing.
    UnspacedCjkSpacedLatin,
    /// English and Korean break lines at spaces, so a break between two words is a space.
    Spaced,
}

impl Joiner {
    pub(crate) fn for_language(language: &str) -> Self {
        match language {
            "zh" | "ja" => Self::Unspaced,
            _ => Self::Spaced,
        }
    }

    /// Like [`Joiner::for_language`], but for Chinese and Japanese looks at how the text
    /// itself sets Latin words and digits among CJK characters within its lines.
    pub(crate) fn for_text(language: &str, text: &str) -> Self {
        let joiner = Self::for_language(language);
        if joiner == Self::Unspaced && spaces_latin_from_cjk(text) {
            Self::UnspacedCjkSpacedLatin
        } else {
            joiner
        }
    }

    /// Appends the next line of a paragraph to `text`.
    pub(crate) fn join(self, text: &mut String, next: &str) {
        if self == Self::UnspacedCjkSpacedLatin {
            let last = text.chars().next_back();
            let first = next.chars().next();
            if let (Some(l), Some(f)) = (last, first)
                && latin_meets_cjk_letter(l, f)
            {
                text.push(' ');
            }
        }
        if self == Self::Spaced {
            let mut tail = text.chars().rev();
            let last = tail.next();
            let before_last = tail.next();
            let first = next.chars().next();
            // A hyphen at a break after a letter is the word's own (`well-` `known`).
            let hyphenated = last == Some('-') && before_last.is_some_and(char::is_alphabetic);
            let needs_space = match (last, first) {
                (Some(l), Some(f)) => {
                    !(l.is_whitespace()
                        || f.is_whitespace()
                        || is_cjk_unspaced(l)
                        || is_cjk_unspaced(f)
                        || hyphenated)
                }
                _ => false,
            };
            if needs_space {
                text.push(' ');
            }
        }
        text.push_str(next);
    }

    fn paragraph(self, lines: Vec<String>) -> Paragraph {
        let mut text = String::new();
        for line in &lines {
            self.join(&mut text, line);
        }
        Paragraph { lines, text }
    }
}

/// Whether the text, within its lines, more often puts a space between a CJK character and
/// a Latin letter or digit than not.
fn spaces_latin_from_cjk(text: &str) -> bool {
    let (mut spaced, mut tight) = (0_usize, 0_usize);
    let mixed = latin_meets_cjk_letter;
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for pair in chars.windows(2) {
            if mixed(pair[0], pair[1]) {
                tight += 1;
            }
        }
        for triple in chars.windows(3) {
            if triple[1] == ' ' && mixed(triple[0], triple[2]) {
                spaced += 1;
            }
        }
    }
    spaced > tight
}

/// A Latin letter or digit beside a CJK ideograph or kana (not CJK punctuation: print never
/// spaces `，1` apart).
fn latin_meets_cjk_letter(a: char, b: char) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let cjk_letter = |c: char| is_cjk_unspaced(c) && c.is_alphabetic();
    (cjk_letter(a) && latin(b)) || (latin(a) && cjk_letter(b))
}

/// Spaces that are layout, not content, at either end of a line; ideographic spaces indent
/// paragraphs in Chinese plain text, form feeds mark page breaks.
fn is_layout_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{c}' | '\u{a0}')
}

/// Decides the layout: printed lines when nearly every line is followed by an empty one
/// (page breaks skip that empty line, hence "nearly") and some line ends a paragraph with a
/// trailing space.
pub(crate) fn detect(text: &str) -> Layout {
    let lines: Vec<&str> = text.split('\n').collect();
    let (mut printed, mut spaced_after, mut trailing) = (0_usize, 0_usize, 0_usize);
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        printed += 1;
        if lines.get(i + 1).is_none_or(|next| next.is_empty()) {
            spaced_after += 1;
        }
        if line.ends_with([' ', '\t']) {
            trailing += 1;
        }
    }
    if printed >= 2 && spaced_after * 4 >= printed * 3 && trailing > 0 {
        Layout::PrintedLines
    } else {
        Layout::Plain
    }
}

/// Splits `text` (newlines already `\n`) into blocks.
pub(crate) fn blocks(text: &str, layout: Layout, joiner: Joiner) -> Vec<Block> {
    match layout {
        Layout::PrintedLines => printed_blocks(text, joiner),
        Layout::Plain => plain_blocks(text, joiner),
    }
}

fn close(blocks: &mut Vec<Block>, open: &mut Vec<String>, joiner: Joiner) {
    if !open.is_empty() {
        blocks.push(Block::Para(joiner.paragraph(std::mem::take(open))));
    }
}

fn printed_blocks(text: &str, joiner: Joiner) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open = Vec::new();
    for raw in text.split('\n').filter(|line| !line.is_empty()) {
        let content = raw.trim_matches(is_layout_space);
        if content.is_empty() {
            close(&mut blocks, &mut open, joiner);
            blocks.push(Block::Break);
            continue;
        }
        if is_page_number(content) {
            // Page furniture can fall in the middle of a paragraph; it is not part of it.
            continue;
        }
        open.push(content.to_owned());
        if raw
            .trim_end_matches('\u{c}')
            .ends_with([' ', '\t', '\u{3000}'])
        {
            close(&mut blocks, &mut open, joiner);
        }
    }
    close(&mut blocks, &mut open, joiner);
    blocks
}

/// `3`, `- 3 -`, `— 3 —`: a page number standing alone on its line.
fn is_page_number(content: &str) -> bool {
    content.chars().any(|c| c.is_ascii_digit())
        && content
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '–' | '—' | '·'))
}

fn plain_blocks(text: &str, joiner: Joiner) -> Vec<Block> {
    let lines: Vec<&str> = text.split('\n').collect();
    let filled: Vec<usize> = (0..lines.len())
        .filter(|i| {
            lines
                .get(*i)
                .is_some_and(|line| !line.trim_matches(is_layout_space).is_empty())
        })
        .collect();
    // Text with no blank line between its first and last lines writes one paragraph per line.
    let line_per_paragraph = match (filled.first(), filled.last()) {
        (Some(first), Some(last)) => filled.len() > 1 && last - first + 1 == filled.len(),
        _ => false,
    };
    let mut blocks = Vec::new();
    let mut open = Vec::new();
    let mut blank_run = 0_usize;
    for raw in lines {
        let content = raw.trim_matches(is_layout_space);
        if content.is_empty() {
            blank_run += 1;
            close(&mut blocks, &mut open, joiner);
            continue;
        }
        // An indented line starts a paragraph even without a blank line before it.
        let indented = raw.starts_with(['\u{3000}', '\t']) || raw.starts_with("  ");
        if line_per_paragraph || indented {
            close(&mut blocks, &mut open, joiner);
        }
        if blank_run >= 2 && !blocks.is_empty() {
            blocks.push(Block::Break);
        }
        blank_run = 0;
        open.push(content.to_owned());
    }
    close(&mut blocks, &mut open, joiner);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Break => "|",
                Block::Para(p) => p.text.as_str(),
            })
            .collect()
    }

    #[test]
    fn printed_lines_rejoin_into_paragraphs() {
        let text = " 标题 \n\n \n\n第一行\n\n第二行 \n 第三行。 \n\n";
        assert_eq!(detect(text), Layout::PrintedLines);
        let blocks = blocks(text, Layout::PrintedLines, Joiner::Unspaced);
        assert_eq!(texts(&blocks), ["标题", "|", "第一行第二行", "第三行。"]);
    }

    #[test]
    fn plain_text_paragraphs() {
        let text = "Title\n\nFirst line\nsecond line.\n\n\n\nNext.\n";
        assert_eq!(detect(text), Layout::Plain);
        let blocks = blocks(text, Layout::Plain, Joiner::Spaced);
        assert_eq!(
            texts(&blocks),
            ["Title", "First line second line.", "|", "Next."]
        );
    }

    #[test]
    fn plain_text_without_blank_lines_has_one_paragraph_per_line() {
        let text = "标题\n　　第一段。\n　　第二段。";
        let blocks = blocks(text, Layout::Plain, Joiner::Unspaced);
        assert_eq!(texts(&blocks), ["标题", "第一段。", "第二段。"]);
    }

    #[test]
    fn spaced_joins_words_but_not_cjk() {
        let mut text = String::from("hello");
        Joiner::Spaced.join(&mut text, "world");
        Joiner::Spaced.join(&mut text, "中文");
        assert_eq!(text, "hello world中文");
        let mut text = String::from("2022 年");
        Joiner::Unspaced.join(&mut text, "11 月");
        assert_eq!(text, "2022 年11 月");
    }

    #[test]
    fn print_that_spaces_digits_gets_the_space_back_at_a_break() {
        let joiner = Joiner::for_text("zh", "共有 11 家企业，获评 2 个奖项，\n3.8 万组");
        assert_eq!(joiner, Joiner::UnspacedCjkSpacedLatin);
        let mut text = String::from("2022 年");
        joiner.join(&mut text, "11 月 4 日，");
        joiner.join(&mut text, "对");
        joiner.join(&mut text, "ISO 质量");
        assert_eq!(text, "2022 年 11 月 4 日，对 ISO 质量");
        assert_eq!(
            Joiner::for_text("zh", "共有11家企业，获评2个奖项"),
            Joiner::Unspaced
        );
    }
}
