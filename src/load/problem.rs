//! Problems found in files: an error or a warning at a line and column, said in words an
//! editor of a newsletter can act on.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::sanitize::sanitize;

/// How serious a problem is: errors keep a file from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, printed as `path:line:column: error: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters as editors count them.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// How many problems this one stands for: 1, or for the line that says how many warnings
    /// a file had past the ones listed, that many, so that summaries count them all.
    pub count: usize,
}

impl Problem {
    /// A problem about the file as a whole (it cannot be read, it is empty…): line 1, column 1.
    #[must_use]
    pub fn whole_file(path: &Path, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            severity,
            message: message.into(),
            count: 1,
        }
    }

    /// A problem at a byte offset of `text`.
    #[must_use]
    pub fn at_offset(
        path: &Path,
        text: &str,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Self {
            path: path.to_path_buf(),
            line,
            column,
            severity,
            message: message.into(),
            count: 1,
        }
    }

    /// A problem at the start of a span of `text`.
    #[must_use]
    pub fn at_span(
        path: &Path,
        text: &str,
        span: &Range<usize>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Self::at_offset(path, text, span.start, severity, message)
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // File names and messages quote file content; neither may reach the terminal raw.
        let path = self.path.to_string_lossy();
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            sanitize(&path),
            self.line,
            self.column,
            sanitize(&self.message)
        )
    }
}

/// The 1-based line and character column of a byte offset (clamped to the text and to a
/// character boundary).
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (index, ch) in text.char_indices() {
        if index >= offset {
            break;
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let text = "title = \"看报\"\nnumber = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let x = text.find('x').unwrap_or_default();
        assert_eq!(line_column(text, x), (2, 10));
        // "看" is three bytes but one column.
        let quote = text.rfind('"').unwrap_or_default();
        assert_eq!(line_column(text, quote), (1, 12));
    }

    #[test]
    fn offsets_past_the_end_point_after_the_last_character() {
        assert_eq!(line_column("ab\nc", 99), (2, 2));
    }

    #[test]
    fn display_is_path_line_column_severity_message() {
        let problem = Problem::whole_file(Path::new("issues/a.toml"), Severity::Error, "empty");
        assert_eq!(problem.to_string(), "issues/a.toml:1:1: error: empty");
    }

    #[test]
    fn display_never_passes_escape_sequences_through() {
        let problem = Problem::whole_file(
            Path::new("issues/\u{1b}]0;pwned\u{7}.toml"),
            Severity::Warning,
            "unknown key `\u{1b}[2Jx`",
        );
        assert!(!problem.to_string().contains('\u{1b}'));
    }
}
