//! The rows of the article list: each issue's heading, section headings where an issue has
//! them, and the articles; and the flat order of articles that `J`/`K` and Space follow.

use crate::load::Library;
use crate::model::Issue;

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
        // Room for exactly what comes (batches double, so this grows each list a few times
        // in all): doubling would leave up to half of the largest lists of a big library
        // unused.
        let new_issues = library.issues.get(first..).unwrap_or_default();
        let new_articles: usize = new_issues.iter().map(|issue| issue.articles.len()).sum();
        let new_sections: usize = new_issues
            .iter()
            .map(|issue| {
                sections(issue)
                    .filter(|(_, begins)| begins.is_some())
                    .count()
            })
            .sum();
        self.rows
            .reserve_exact(new_issues.len() + new_articles + new_sections);
        self.articles.reserve_exact(new_articles);
        self.article_rows.reserve_exact(new_articles);
        for (issue_index, issue) in library.issues.iter().enumerate().skip(first) {
            self.rows.push(Row::Issue(issue_index));
            for (article_index, (in_section, begins)) in sections(issue).enumerate() {
                if let Some(name) = begins {
                    self.rows.push(Row::Section {
                        issue: issue_index,
                        name: name.to_owned(),
                    });
                }
                let at = ArticleRef {
                    issue: issue_index,
                    article: article_index,
                };
                self.article_rows.push(self.rows.len());
                self.articles.push(at);
                self.rows.push(Row::Article { at, in_section });
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

/// For each article of `issue`, whether it is under a section, and the section's name where
/// one begins (its heading row goes before the article).
fn sections(issue: &Issue) -> impl Iterator<Item = (bool, Option<&str>)> {
    let mut section: Option<&str> = None;
    issue.articles.iter().map(move |article| {
        let this = article.section.as_deref().filter(|s| !s.trim().is_empty());
        let begins = this.filter(|_| this != section);
        section = this;
        (this.is_some(), begins)
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::load::parse_issue;

    fn library(texts: &[&str]) -> Library {
        let issues = texts
            .iter()
            .enumerate()
            .filter_map(|(n, text)| parse_issue(Path::new(&format!("{n}.toml")), text).issue)
            .map(Arc::new)
            .collect();
        Library {
            issues,
            ..Library::default()
        }
    }

    const WITH_SECTIONS: &str = "title = \"周报\"\n\
        [[article]]\ntitle = \"头条\"\nbody = \"正文\"\n\
        [[article]]\ntitle = \"一\"\nsection = \"简讯\"\nbody = \"正文\"\n\
        [[article]]\ntitle = \"二\"\nsection = \"简讯\"\nbody = \"正文\"\n\
        [[article]]\ntitle = \"三\"\nsection = \" \"\nbody = \"正文\"\n\
        [[article]]\ntitle = \"四\"\nsection = \"图片\"\nbody = \"正文\"\n";

    #[test]
    fn a_section_heading_goes_where_a_section_begins() {
        let library = library(&[WITH_SECTIONS]);
        let rows = Rows::new(&library);
        let shape: Vec<String> = rows
            .rows
            .iter()
            .map(|row| match row {
                Row::Issue(_) => "issue".to_owned(),
                Row::Section { name, .. } => format!("section {name}"),
                Row::Article { at, in_section } => format!("{} {in_section}", at.article),
            })
            .collect();
        assert_eq!(
            shape,
            [
                "issue",
                "0 false",
                "section 简讯",
                "1 true",
                "2 true",
                "3 false",
                "section 图片",
                "4 true"
            ]
        );
        assert_eq!(rows.article_rows, [1, 3, 4, 5, 7]);
    }

    #[test]
    fn the_lists_take_exactly_their_room_as_issues_are_added() {
        let mut library = library(&[WITH_SECTIONS]);
        let mut rows = Rows::new(&library);
        for _ in 0..3 {
            library
                .issues
                .extend(self::library(&[WITH_SECTIONS; 3]).issues);
            rows.redo_from(&library, library.issues.len() - 3);
            assert_eq!(rows, Rows::new(&library));
            assert_eq!(rows.rows.capacity(), rows.rows.len());
            assert_eq!(rows.articles.capacity(), rows.articles.len());
            assert_eq!(rows.article_rows.capacity(), rows.article_rows.len());
        }
    }
}
