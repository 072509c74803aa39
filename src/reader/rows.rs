//! The rows of the article list: each issue's heading, section headings where an issue has
//! them, and the articles; and the flat order of articles that `J`/`K` and Space follow.

use crate::load::Library;

/// One article of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleRef {
    pub issue: usize,
    pub article: usize,
}

/// A row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// An issue's heading: title, number, date.
    Issue(usize),
    /// A run of consecutive articles of one section begins (`简讯`).
    Section { issue: usize, name: String },
    /// An article; `in_section` indents it under its section heading.
    Article { at: ArticleRef, in_section: bool },
}

impl Row {
    /// The issue the row belongs to.
    #[must_use]
    pub fn issue(&self) -> usize {
        match self {
            Self::Issue(issue) | Self::Section { issue, .. } => *issue,
            Self::Article { at, .. } => at.issue,
        }
    }
}

/// The list's rows and, for each article in reading order, its row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub rows: Vec<Row>,
    /// Articles in reading order (issue by issue, newest issue first).
    pub articles: Vec<ArticleRef>,
    /// `article_rows[i]` is the row of `articles[i]`.
    pub article_rows: Vec<usize>,
}

impl Rows {
    #[must_use]
    pub fn new(library: &Library) -> Self {
        let mut rows = Self::default();
        rows.redo_from(library, 0);
        rows
    }

    /// Makes the rows again from issue `first` on, keeping those of the issues before it:
    /// for a library whose first `first` issues are where they were (see `Library::merge`),
    /// so that taking in a batch of issues costs what the batch changed, not the whole list.
    pub fn redo_from(&mut self, library: &Library, first: usize) {
        let row = self.rows.partition_point(|row| row.issue() < first);
        let article = self.articles.partition_point(|at| at.issue < first);
        self.rows.truncate(row);
        self.articles.truncate(article);
        self.article_rows.truncate(article);
        for (issue_index, issue) in library.issues.iter().enumerate().skip(first) {
            self.rows.push(Row::Issue(issue_index));
            let mut section: Option<&str> = None;
            for (article_index, article) in issue.articles.iter().enumerate() {
                let this = article.section.as_deref().filter(|s| !s.trim().is_empty());
                if this.is_some() && this != section {
                    self.rows.push(Row::Section {
                        issue: issue_index,
                        name: this.unwrap_or_default().to_owned(),
                    });
                }
                section = this;
                let at = ArticleRef {
                    issue: issue_index,
                    article: article_index,
                };
                self.article_rows.push(self.rows.len());
                self.articles.push(at);
                self.rows.push(Row::Article {
                    at,
                    in_section: this.is_some(),
                });
            }
        }
    }

    /// The position in reading order of the article shown at `row`, if it is an article.
    #[must_use]
    pub fn article_at_row(&self, row: usize) -> Option<usize> {
        self.article_rows.binary_search(&row).ok()
    }

    /// The position in reading order of the first article of the issue after (or before) the
    /// one of article `current`.
    #[must_use]
    pub fn first_of_adjacent_issue(&self, current: usize, forward: bool) -> Option<usize> {
        let issue = self.articles.get(current)?.issue;
        if forward {
            self.articles.iter().position(|a| a.issue > issue)
        } else {
            let previous = issue.checked_sub(1)?;
            self.articles.iter().position(|a| a.issue == previous)
        }
    }
}
