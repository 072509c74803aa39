//! Issues and articles as the rest of kanbao sees them: validated, sanitized, typed.

use std::fmt;
use std::path::PathBuf;

use super::BodySource;
use crate::search::IndexSlot;

/// One newsletter issue, loaded from one TOML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The file it came from.
    pub path: PathBuf,
    /// The file name without `.toml`: how commands name the issue (`kanbao cat STEM/3`).
    pub stem: String,
    pub title: String,
    pub number: Option<IssueNumber>,
    pub date: Option<Date>,
    pub publisher: Option<String>,
    /// BCP 47 tag as written (`zh-CN`, `ja`, `en`).
    pub language: Option<String>,
    /// Colophon or distribution list, shown after the last article; lines kept as written.
    pub footer: Option<String>,
    pub articles: Vec<Article>,
    /// What searches keep of the issue, made the first time it is searched.
    pub search: IndexSlot,
    /// A first look at a large file: its opening articles, the last of them cut at a
    /// paragraph, shown while the whole file is read, then replaced by the whole issue.
    pub first_look: bool,
}

/// An issue number: a plain integer or a label such as `2022 年第 41 期`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueNumber {
    Integer(i64),
    Label(String),
}

impl fmt::Display for IssueNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(n) => write!(f, "{n}"),
            Self::Label(label) => f.write_str(label),
        }
    }
}

/// A calendar date (a TOML local date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date, if it is a real day of the proleptic Gregorian calendar.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One article of an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identity: the file's `id`, else `STEM/HASH` of the title, so that read state and
    /// reading positions survive adding an article or re-sorting.
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// Consecutive articles with the same section are grouped under it (e.g. `简讯`).
    pub section: Option<String>,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub body: BodySource,
}

impl Issue {
    /// The primary language subtag, lower-cased (`zh` for `zh-CN`), if the issue names one.
    #[must_use]
    pub fn primary_language(&self) -> Option<String> {
        let tag = self.language.as_deref()?;
        let primary = tag.split(['-', '_']).next()?.trim();
        (!primary.is_empty()).then(|| primary.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn only_real_days_are_dates() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2022, 4, 31).is_none());
        assert!(Date::new(2022, 13, 1).is_none());
        assert!(Date::new(2022, 1, 0).is_none());
    }
}
