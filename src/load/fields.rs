//! Typed access to the keys of a parsed TOML table, each failure reported at the value's
//! position in words an editor understands.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::one_line::one_line;
use super::position::Positions;
use super::problem::{Problem, Severity};
use crate::model::{Date, IssueNumber};
use crate::sanitize::sanitize;

/// How many warnings one file reports; the rest are counted in one last warning. A file
/// with tens of thousands of stray keys is one mistake repeated, and listing them all would
/// bury its errors.
pub const MAX_WARNINGS: usize = 100;

/// How many errors one file reports; the rest are counted in one last error. Tens of
/// thousands of `title = 42` are one mistake repeated: the first hundred show what to fix.
pub const MAX_ERRORS: usize = 100;

/// Collects the problems of one file while its tables are read.
pub struct Reporter<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    problems: Vec<Problem>,
    /// Made at the first problem: most files have none, and indexing every line of every
    /// file cost a twentieth of loading a large folder.
    positions: Option<Positions<'a>>,
    errors: Listed,
    warnings: Listed,
}

/// How many problems of one severity a file has listed, and those past the cap: how many,
/// and where the first of them is.
#[derive(Default)]
struct Listed {
    shown: usize,
    hidden: Option<(usize, Range<usize>)>,
}

impl Listed {
    /// Whether one more problem at `span` is listed; if not, it is counted among the hidden.
    fn admit(&mut self, span: &Range<usize>, cap: usize) -> bool {
        if self.shown < cap {
            self.shown += 1;
            return true;
        }
        let (count, _) = self.hidden.get_or_insert_with(|| (0, span.clone()));
        *count += 1;
        false
    }

    /// Whether the cap is reached; if so, counts one more hidden problem at `span`.
    fn full(&mut self, span: &Range<usize>, cap: usize) -> bool {
        if self.shown < cap {
            return false;
        }
        self.admit(span, cap);
        true
    }
}

impl<'a> Reporter<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self {
            path,
            text,
            problems: Vec::new(),
            positions: None,
            errors: Listed::default(),
            warnings: Listed::default(),
        }
    }

    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        if self.errors.admit(span, MAX_ERRORS) {
            self.push(span, Severity::Error, message.into());
        }
    }

    pub fn warn(&mut self, span: &Range<usize>, message: impl Into<String>) {
        if self.warnings.admit(span, MAX_WARNINGS) {
            self.push(span, Severity::Warning, message.into());
        }
    }

    fn push(&mut self, span: &Range<usize>, severity: Severity, message: String) {
        self.push_counted(span, severity, message, 1);
    }

    fn push_counted(
        &mut self,
        span: &Range<usize>,
        severity: Severity,
        message: String,
        count: usize,
    ) {
        let text = self.text;
        let positions = self.positions.get_or_insert_with(|| Positions::new(text));
        let (line, column) = positions.line_column(span.start);
        self.problems.push(Problem {
            path: self.path.to_path_buf(),
            line,
            column,
            severity,
            message,
            count,
        });
    }

    /// Every problem found, in the order found, with the counts of the errors and the
    /// warnings left out last.
    pub fn into_problems(mut self) -> Vec<Problem> {
        let hidden = [
            (
                Severity::Error,
                MAX_ERRORS,
                "error",
                self.errors.hidden.take(),
            ),
            (
                Severity::Warning,
                MAX_WARNINGS,
                "warning",
                self.warnings.hidden.take(),
            ),
        ];
        for (severity, cap, word, hidden) in hidden {
            if let Some((count, span)) = hidden {
                let plural = if count == 1 { "" } else { "s" };
                let message = format!(
                    "… and {} more {word}{plural} not shown (only the first {cap} are listed)",
                    thousands(count)
                );
                self.push_counted(&span, severity, message, count);
            }
        }
        self.problems
    }

    /// Reports a value of the wrong type: "`key` must be EXPECTED, but this is a number".
    pub fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        let found = describe(value.get_ref());
        self.error(
            &value.span(),
            format!("`{key}` must be {expected}, but this is {found}"),
        );
    }

    /// Whether any error was found, listed or past the cap.
    pub fn has_errors(&self) -> bool {
        self.errors.shown > 0
    }

    /// Warns about every key of `table` that is not in `known`, suggesting the closest known key.
    pub fn warn_unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], place: &str) {
        let mut unknown: Vec<_> = table
            .keys()
            .filter(|key| !known.contains(&key.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|key| key.span().start);
        for key in unknown {
            if self.warnings.full(&key.span(), MAX_WARNINGS) {
                continue;
            }
            let name = sanitize(key.get_ref());
            let message = match closest(&name, known) {
                Some(near) => {
                    format!("unknown key `{name}` in {place} is ignored (did you mean `{near}`?)")
                }
                None => format!(
                    "unknown key `{name}` in {place} is ignored (known keys: {})",
                    known.join(", ")
                ),
            };
            self.warn(&key.span(), message);
        }
    }
}

/// `79900` as `79,900`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The value of `key` in `table`, with its span.
pub fn value<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table.get(key)
}

/// Reads a text value, sanitized. Reports a wrong type; `None` when absent or wrong.
pub fn text(report: &mut Reporter<'_>, table: &DeTable<'_>, key: &str) -> Option<String> {
    spanned_text(report, table, key).map(|(text, _)| text)
}

/// Reads a one-line text value (a title, a name), sanitized and kept to one line: see
/// [`one_line`].
pub fn line(report: &mut Reporter<'_>, table: &DeTable<'_>, key: &str) -> Option<String> {
    text(report, table, key).map(|text| one_line(&text))
}

/// Like [`text`], with the span of the value for later problems about its content.
pub fn spanned_text(
    report: &mut Reporter<'_>,
    table: &DeTable<'_>,
    key: &str,
) -> Option<(String, Range<usize>)> {
    spanned_str(report, table, key).map(|(text, span)| (text.into_owned(), span))
}

/// [`spanned_text`] without a copy when the value needs no sanitizing.
pub fn spanned_str<'t>(
    report: &mut Reporter<'_>,
    table: &'t DeTable<'_>,
    key: &str,
) -> Option<(Cow<'t, str>, Range<usize>)> {
    let value = value(table, key)?;
    if let DeValue::String(s) = value.get_ref() {
        Some((sanitize(s), value.span()))
    } else {
        report.wrong_type(key, value, "text in quotes");
        None
    }
}

/// Reads a TOML local date such as `2022-11-28`.
pub fn date(report: &mut Reporter<'_>, table: &DeTable<'_>, key: &str) -> Option<Date> {
    let value = value(table, key)?;
    let span = value.span();
    let advice = "write a date such as 2022-11-28, without quotes";
    match value.get_ref() {
        DeValue::Datetime(datetime) => {
            if let (Some(d), None, None) = (datetime.date, datetime.time, datetime.offset) {
                let date = Date::new(d.year, d.month, d.day);
                if date.is_none() {
                    report.error(&span, format!("`{key}` is not a real day: {d} ({advice})"));
                }
                date
            } else {
                report.error(
                    &span,
                    format!("`{key}` must be a date alone, without a time ({advice})"),
                );
                None
            }
        }
        DeValue::String(s) => {
            let s = sanitize(s);
            report.error(
                &span,
                format!("`{key}` must be a date, but this is the text \"{s}\" ({advice})"),
            );
            None
        }
        other => {
            let found = describe(other);
            report.error(
                &span,
                format!("`{key}` must be a date, but this is {found} ({advice})"),
            );
            None
        }
    }
}

/// Reads an issue number: an integer, or a label in quotes.
pub fn number(report: &mut Reporter<'_>, table: &DeTable<'_>, key: &str) -> Option<IssueNumber> {
    let value = value(table, key)?;
    match value.get_ref() {
        DeValue::Integer(integer) => {
            if let Ok(n) = i64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix())
            {
                Some(IssueNumber::Integer(n))
            } else {
                report.error(&value.span(), format!("`{key}` is too large a number"));
                None
            }
        }
        DeValue::String(s) => Some(IssueNumber::Label(one_line(&sanitize(s)))),
        _ => {
            report.wrong_type(
                key,
                value,
                "a whole number (41) or text in quotes (\"2022 年第 41 期\")",
            );
            None
        }
    }
}

/// How a value's type reads in a sentence.
pub fn describe(value: &DeValue<'_>) -> Cow<'static, str> {
    match value {
        DeValue::String(_) => "text".into(),
        DeValue::Integer(_) => "a number".into(),
        DeValue::Float(_) => "a decimal number".into(),
        DeValue::Boolean(b) => format!("`{b}`").into(),
        DeValue::Datetime(_) => "a date".into(),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// The known key nearest to `name` by edit distance, when it is near enough to be a typo.
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            let insert = current[j] + 1;
            let delete = previous[j + 1] + 1;
            current.push(substitute.min(insert).min(delete));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        let known = ["title", "subtitle", "body", "author"];
        assert_eq!(closest("tittle", &known), Some("title"));
        assert_eq!(closest("bdy", &known), Some("body"));
        assert_eq!(closest("colour", &known), None);
    }

    #[test]
    fn counts_read_in_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(79_900), "79,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
