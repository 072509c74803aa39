//! Searching articles and whole libraries.

use std::ops::Range;

use super::Query;
use super::body::BodyText;
use super::find::Searchable;
use super::snippet::Snippet;
use crate::load::Library;
use crate::model::Article;
use crate::text::AmbiguousWidth;

/// Which text of an article a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Subtitle,
    Body,
    /// The issue's footer (reported against the issue's last article).
    Footer,
}

/// One hit in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub field: Field,
    /// Byte range of the hit in the field's text: the title, the subtitle, the issue's footer,
    /// or for the body `Body::source` (so it may include markup the hit spans, such as `**`
    /// or a line break). Always on character boundaries of that text.
    pub range: Range<usize>,
}

/// One hit in a library, with the context to list it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into `Library::issues`.
    pub issue: usize,
    /// Index into that issue's `articles`.
    pub article: usize,
    pub hit: Hit,
    pub snippet: Snippet,
}

/// An article prepared for searching.
#[derive(Debug, Clone)]
struct ArticleIndex {
    title: Searchable,
    subtitle: Option<Searchable>,
    body: Searchable,
    /// The way from the body's searchable text back to its source.
    body_map: BodyText,
}

impl ArticleIndex {
    fn new(article: &Article) -> Self {
        let mut body_map = BodyText::new(&article.body);
        Self {
            title: Searchable::new(article.title.clone()),
            subtitle: article.subtitle.clone().map(Searchable::new),
            body: Searchable::new(std::mem::take(&mut body_map.text)),
            body_map,
        }
    }

    /// Every hit, field by field (title, subtitle, body), each with the range it has in the
    /// searchable text (for the snippet) and the hit as reported.
    fn hits<'a>(
        &'a self,
        query: &'a Query,
    ) -> impl Iterator<Item = (&'a str, Range<usize>, Hit)> + 'a {
        let fields = [
            Some((Field::Title, &self.title)),
            self.subtitle.as_ref().map(|s| (Field::Subtitle, s)),
            Some((Field::Body, &self.body)),
        ];
        fields.into_iter().flatten().flat_map(move |(field, text)| {
            let found = text.find(query);
            let reported: Vec<Range<usize>> = match field {
                Field::Body => self.body_map.source_ranges(found.iter().cloned()).collect(),
                _ => found.clone(),
            };
            found
                .into_iter()
                .zip(reported)
                .map(move |(range, reported)| {
                    let hit = Hit {
                        field,
                        range: reported,
                    };
                    (text.text(), range, hit)
                })
        })
    }
}

#[derive(Debug, Clone)]
struct IssueIndex {
    articles: Vec<ArticleIndex>,
    footer: Option<Searchable>,
}

/// A library folded once, to be searched many times (once per keystroke).
#[derive(Debug, Clone)]
pub struct Searcher {
    issues: Vec<IssueIndex>,
    ambiguous: AmbiguousWidth,
}

impl Searcher {
    /// Prepares every title, subtitle, body and footer of `library`. Snippets are measured
    /// with ambiguous characters one cell wide until [`with_ambiguous`](Self::with_ambiguous)
    /// says otherwise.
    #[must_use]
    pub fn new(library: &Library) -> Self {
        let issues = library
            .issues
            .iter()
            .map(|issue| IssueIndex {
                articles: issue.articles.iter().map(ArticleIndex::new).collect(),
                footer: issue.footer.clone().map(Searchable::new),
            })
            .collect();
        Self {
            issues,
            ambiguous: AmbiguousWidth::Narrow,
        }
    }

    /// Measures snippets (and picks their ellipsis) for this ambiguous width.
    #[must_use]
    pub fn with_ambiguous(mut self, ambiguous: AmbiguousWidth) -> Self {
        self.ambiguous = ambiguous;
        self
    }

    /// The first `limit` matches in library order: issue by issue, article by article, and in
    /// each article its title, subtitle and body; an issue's footer after its last article.
    #[must_use]
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Match> {
        let mut matches = Vec::new();
        for (issue_index, issue) in self.issues.iter().enumerate() {
            for (article_index, article) in issue.articles.iter().enumerate() {
                for (text, range, hit) in article.hits(query) {
                    if matches.len() >= limit {
                        return matches;
                    }
                    matches.push(Match {
                        issue: issue_index,
                        article: article_index,
                        hit,
                        snippet: Snippet::new(text, range, self.ambiguous),
                    });
                }
            }
            let (Some(footer), Some(last)) = (&issue.footer, issue.articles.len().checked_sub(1))
            else {
                continue;
            };
            for range in footer.find(query) {
                if matches.len() >= limit {
                    return matches;
                }
                matches.push(Match {
                    issue: issue_index,
                    article: last,
                    hit: Hit {
                        field: Field::Footer,
                        range: range.clone(),
                    },
                    snippet: Snippet::new(footer.text(), range, self.ambiguous),
                });
            }
        }
        matches
    }
}

/// Every hit of `query` in an article's title, subtitle and body.
#[must_use]
pub fn search_article(query: &Query, article: &Article) -> Vec<Hit> {
    ArticleIndex::new(article)
        .hits(query)
        .map(|(_, _, hit)| hit)
        .collect()
}

/// Every match of `query` in `library` (see [`Searcher::search`]); folds the whole library,
/// so keep a [`Searcher`] to search it more than once.
#[must_use]
pub fn search_library(query: &Query, library: &Library) -> Vec<Match> {
    Searcher::new(library).search(query, usize::MAX)
}
