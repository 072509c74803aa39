//! Writing an imported issue as a TOML issue file an editor can read and fix by hand.
//!
//! Written by hand rather than through a serializer so the file has the shape people write:
//! comments that say what to check, issue keys first, bodies as `"""` blocks with one
//! paragraph per line.

use std::fmt::Write as _;

use super::{ImportedIssue, Layout};

/// The placeholder for a title the text does not give, in the issue's language.
fn placeholder_title(language: &str) -> &'static str {
    match language {
        "zh" => "（请填写标题）",
        "ja" => "（タイトルを入力）",
        "ko" => "(제목을 입력하세요)",
        _ => "(add a title)",
    }
}

/// The BCP 47 tag written for a detected language.
fn language_tag(language: &str) -> &str {
    match language {
        // Bulletins from the mainland; a Traditional-script text is rare enough to fix by hand.
        "zh" => "zh-CN",
        other => other,
    }
}

/// Escapes one character for a TOML basic string (single- or multi-line).
fn push_escaped(out: &mut String, c: char, multiline: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        // Escaping every quote also keeps `"""` from closing a multi-line string early.
        '"' => out.push_str("\\\""),
        '\n' if multiline => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push('\t'),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `"…"`: a TOML basic string.
pub(crate) fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        push_escaped(&mut out, c, false);
    }
    out.push('"');
    out
}

/// `"""` + newline + text + `"""`: the newline after the opening quotes is not part of the
/// value, so the text reads from the start of a line.
pub(crate) fn multiline_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    for c in text.chars() {
        push_escaped(&mut out, c, true);
    }
    out.push_str("\"\"\"");
    out
}

/// Text for a `#` comment: one line, no control characters.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

impl ImportedIssue {
    /// The issue file: a header comment, the issue's keys, then one `[[article]]` per article.
    #[must_use]
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let layout = match self.layout {
            Layout::PrintedLines => "a PDF text extraction (one printed line at a time)",
            Layout::Plain => "plain text",
        };
        let _ = writeln!(out, "# Issue file made by `kanbao import` from {layout}.");
        out.push_str(
            "# Titles, subtitles and paragraph breaks were guessed from the layout: check them\n\
             # against the printed bulletin. Bodies are CommonMark; a backslash before a\n\
             # character keeps it from being read as markup.\n\n",
        );
        let placeholder = placeholder_title(self.language);
        if let Some(title) = &self.title {
            let _ = writeln!(out, "title = {}", basic_string(title));
        } else {
            out.push_str(
                "# TODO: the text does not name the bulletin; replace this placeholder.\n",
            );
            let _ = writeln!(out, "title = {}", basic_string(placeholder));
        }
        if let Some(number) = &self.number {
            let _ = writeln!(out, "number = {}", basic_string(number));
        }
        match self.date {
            Some(date) => {
                let _ = writeln!(out, "date = {date}");
            }
            None => {
                out.push_str("# TODO: no issue date found; add one such as date = 2022-11-28\n");
            }
        }
        let _ = writeln!(
            out,
            "language = {}",
            basic_string(language_tag(self.language))
        );
        if let Some(footer) = &self.footer {
            let _ = writeln!(out, "footer = {}", multiline_string(footer));
        }
        if self.articles.is_empty() {
            out.push_str("\n# TODO: no articles were found in the text; add at least one.\n");
        }
        for article in &self.articles {
            out.push_str("\n[[article]]\n");
            if let Some(title) = &article.title {
                let _ = writeln!(out, "title = {}", basic_string(title));
            } else {
                let first = article
                    .paragraphs
                    .first()
                    .map(String::as_str)
                    .unwrap_or_default();
                let hint: String = comment_text(first).chars().take(20).collect();
                let _ = writeln!(
                    out,
                    "# TODO: this article (beginning \"{hint}\") has no title; replace the placeholder."
                );
                let _ = writeln!(out, "title = {}", basic_string(placeholder));
            }
            if let Some(subtitle) = &article.subtitle {
                let _ = writeln!(out, "subtitle = {}", basic_string(subtitle));
            }
            if let Some(section) = &article.section {
                let _ = writeln!(out, "section = {}", basic_string(section));
            }
            let _ = writeln!(out, "body = {}", multiline_string(&article.body_markdown()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_toml_needs() {
        let tricky = "a \"quoted\" \\ back\u{1}slash \"\"\" end\"";
        let doc = format!(
            "one = {}\nmany = {}\n",
            basic_string(tricky),
            multiline_string(&format!("{tricky}\nline\r\n"))
        );
        let table: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
        assert_eq!(table["one"].as_str(), Some(tricky));
        assert_eq!(
            table["many"].as_str(),
            Some(format!("{tricky}\nline\r\n").as_str())
        );
    }
}
