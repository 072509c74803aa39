//! Searching articles and whole libraries.
//!
//! Each issue keeps a small index, made once (see [`IssueIndex`]): its titles, subtitles and
//! footer folded for matching, and for each article a [`CharFilter`] of the characters and
//! character pairs its title, subtitle, searchable body text (and footer) hold. A search asks
//! each article's filter first; only for an article that may hold the query does it look in
//! the titles, and parse the body and run the substring matcher on it. Bodies stay as their
//! source alone (filters of three eighths of their size are all a search adds), and a query
//! no article holds is answered from the filters, one memory access per article or two.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::Query;
use super::body::BodyText;
use super::filter::CharFilter;
use super::find::Searchable;
use super::snippet::Snippet;
use crate::load::Library;
use crate::model::{Article, Issue};
use crate::parallel::map_on_every_core;
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

/// A text, the range of a hit in it (for the snippet), and the hit as reported.
type Found<'a> = (&'a str, Range<usize>, Hit);

/// A body's searchable text, made when the body is searched and dropped after.
struct BodySearch {
    text: Searchable,
    /// The way from the searchable text back to the body's source.
    map: BodyText,
}

impl BodySearch {
    fn new(article: &Article) -> Self {
        let mut map = BodyText::new(&article.body.parse_text());
        Self {
            text: Searchable::new(std::mem::take(&mut map.text)),
            map,
        }
    }

    fn hits<'a>(&'a self, query: &Query) -> impl Iterator<Item = Found<'a>> + 'a {
        let found = self.text.find(query);
        let reported: Vec<Range<usize>> = self.map.source_ranges(found.iter().cloned()).collect();
        found.into_iter().zip(reported).map(move |(range, source)| {
            let hit = Hit {
                field: Field::Body,
                range: source,
            };
            (self.text.text(), range, hit)
        })
    }
}

/// What is kept of an article to search it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ArticleIndex {
    title: Searchable,
    subtitle: Option<Searchable>,
    /// The title, subtitle and searchable body text (and for an issue's last article its
    /// footer): a query that cannot be in it is not looked for in any of them.
    filter: CharFilter,
}

impl ArticleIndex {
    /// The titles alone, for a search that matches every body anyway.
    fn unfiltered(article: &Article) -> Self {
        Self {
            title: Searchable::new(article.title.clone()),
            subtitle: article.subtitle.clone().map(Searchable::new),
            filter: CharFilter::default(),
        }
    }

    fn new(article: &Article, footer: Option<&str>) -> Self {
        let body = BodyText::new(&article.body.parse_text());
        let texts: Vec<&str> = [Some(body.text.as_str()), Some(article.title.as_str())]
            .into_iter()
            .chain([article.subtitle.as_deref(), footer])
            .flatten()
            .collect();
        Self {
            filter: CharFilter::of(&texts),
            ..Self::unfiltered(article)
        }
    }
}

/// Hits in the title, then the subtitle, then the body of `article`; the body is parsed and
/// matched only when its filter lets the query through.
fn article_hits(
    index: &ArticleIndex,
    article: &Article,
    query: &Query,
    exhaustive: bool,
    mut each: impl FnMut(Found<'_>) -> bool,
) -> bool {
    if !exhaustive && !index.filter.may_contain(query.needle()) {
        return true;
    }
    let fields = [
        Some((Field::Title, &index.title)),
        index.subtitle.as_ref().map(|s| (Field::Subtitle, s)),
    ];
    for (field, text) in fields.into_iter().flatten() {
        for range in text.find(query) {
            let hit = Hit {
                field,
                range: range.clone(),
            };
            if !each((text.text(), range, hit)) {
                return false;
            }
        }
    }
    let body = BodySearch::new(article);
    body.hits(query).all(each)
}

/// What is kept of an issue to search it: made the first time the issue is searched (or
/// ahead of that, see [`prepare`]) and kept with the issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueIndex {
    articles: Vec<ArticleIndex>,
    footer: Option<Searchable>,
}

impl IssueIndex {
    fn new(issue: &Issue) -> Self {
        let footer = issue.footer.clone().map(Searchable::new);
        let last = issue.articles.len().saturating_sub(1);
        let articles = issue.articles.iter().enumerate();
        Self {
            articles: articles
                .map(|(at, article)| {
                    let footer = issue.footer.as_deref().filter(|_| at == last);
                    ArticleIndex::new(article, footer)
                })
                .collect(),
            footer,
        }
    }

    /// The titles and footer alone, for a search that matches every body anyway.
    fn unfiltered(issue: &Issue) -> Self {
        Self {
            articles: issue
                .articles
                .iter()
                .map(ArticleIndex::unfiltered)
                .collect(),
            footer: issue.footer.clone().map(Searchable::new),
        }
    }
}

/// An issue's search index, made once, whichever thread asks first. A cache: it never makes
/// two issues differ, so it compares equal always.
#[derive(Debug, Clone, Default)]
pub struct IndexSlot(OnceLock<IssueIndex>);

impl PartialEq for IndexSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for IndexSlot {}

impl IndexSlot {
    /// The index of `issue` (whose slot this is), made now if no thread has made it.
    pub fn get(&self, issue: &Issue) -> &IssueIndex {
        self.0.get_or_init(|| IssueIndex::new(issue))
    }

    #[must_use]
    pub fn is_ready(&self) -> bool {
        self.0.get().is_some()
    }
}

/// Makes the search index of every issue that has none, on every core.
pub fn prepare(issues: &[Arc<Issue>]) {
    let missing: Vec<&Arc<Issue>> = issues.iter().filter(|i| !i.search.is_ready()).collect();
    map_on_every_core(&missing, |issue| {
        issue.search.get(issue);
    });
}

/// How many issues a search indexes before it looks at them, when they are not indexed yet;
/// each run after is twice as long.
const FIRST_RUN: usize = 32;

/// Searches a library with the indexes its issues keep.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    ambiguous: AmbiguousWidth,
    /// Match every body, whatever its filter says: the reference the filters are tested
    /// against.
    exhaustive: bool,
}

impl Searcher {
    /// Snippets are measured with ambiguous characters one cell wide until
    /// [`with_ambiguous`](Self::with_ambiguous) says otherwise.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A searcher that runs the substring matcher on every body, as if no filter ruled any
    /// out: slower, with the same results; what tests hold the filters to.
    #[must_use]
    pub fn exhaustive() -> Self {
        Self {
            exhaustive: true,
            ..Self::default()
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
    /// Issues not yet indexed are indexed as the search reaches them, a growing run at a
    /// time on every core: a query with many hits fills its `limit` from the first issues
    /// without waiting for the rest (an exhaustive searcher makes no index).
    #[must_use]
    pub fn search(&self, library: &Library, query: &Query, limit: usize) -> Vec<Match> {
        let mut matches = Vec::new();
        let mut prepared = 0;
        let mut run = FIRST_RUN;
        for (issue_index, issue) in library.issues.iter().enumerate() {
            if issue_index == prepared && !self.exhaustive {
                let end = (prepared + run).min(library.issues.len());
                prepare(library.issues.get(prepared..end).unwrap_or_default());
                prepared = end;
                run *= 2;
            }
            let unfiltered;
            let index = if self.exhaustive {
                unfiltered = IssueIndex::unfiltered(issue);
                &unfiltered
            } else {
                issue.search.get(issue)
            };
            let mut push = |article: usize, (text, range, hit): Found<'_>| {
                if matches.len() >= limit {
                    return false;
                }
                matches.push(Match {
                    issue: issue_index,
                    article,
                    hit,
                    snippet: Snippet::new(text, range, self.ambiguous),
                });
                true
            };
            for (article_index, (article, kept)) in
                issue.articles.iter().zip(&index.articles).enumerate()
            {
                let each = |found: Found<'_>| push(article_index, found);
                if !article_hits(kept, article, query, self.exhaustive, each) {
                    return matches;
                }
            }
            let (Some(footer), Some(last)) = (&index.footer, issue.articles.len().checked_sub(1))
            else {
                continue;
            };
            let filtered_out = index
                .articles
                .get(last)
                .is_some_and(|kept| !kept.filter.may_contain(query.needle()));
            if filtered_out && !self.exhaustive {
                continue;
            }
            for range in footer.find(query) {
                let hit = Hit {
                    field: Field::Footer,
                    range: range.clone(),
                };
                if !push(last, (footer.text(), range, hit)) {
                    return matches;
                }
            }
        }
        matches
    }
}

/// Every hit of `query` in an article's title, subtitle and body. The body is matched
/// whatever the case: a filter made for one search would parse it a second time.
#[must_use]
pub fn search_article(query: &Query, article: &Article) -> Vec<Hit> {
    let mut hits = Vec::new();
    let index = ArticleIndex::unfiltered(article);
    article_hits(&index, article, query, true, |(_, _, hit)| {
        hits.push(hit);
        true
    });
    hits
}

/// Every match of `query` in `library` (see [`Searcher::search`]).
#[must_use]
pub fn search_library(query: &Query, library: &Library) -> Vec<Match> {
    Searcher::new().search(library, query, usize::MAX)
}
