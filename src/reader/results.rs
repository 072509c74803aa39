//! Searching every issue (`s`): the matches shown in place of the list, incremental as the
//! query is typed.

use crate::load::Library;
use crate::search::{Match, Query, Searcher};
use crate::text::AmbiguousWidth;

/// How many matches a search shows at most: enough to scroll through, bounded so a
/// one-character query over a year of bulletins stays instant.
pub const RESULT_LIMIT: usize = 500;

/// Rows each match takes in the list: `issue / article`, then the snippet.
pub const ROWS_PER_MATCH: usize = 2;

/// A search of every issue and its matches.
#[derive(Debug, Clone)]
pub struct Results {
    pub text: String,
    pub query: Option<Query>,
    pub matches: Vec<Match>,
    /// The selected match.
    pub selected: usize,
    /// First visible row.
    pub top: usize,
    /// The query changed since the matches were found.
    pub stale: bool,
    /// The article the reader was on when the search began, to go back to when it is
    /// cancelled; `None` once a match was opened (the reader chose to go there).
    pub returns_to: Option<String>,
}

impl Results {
    #[must_use]
    pub fn new() -> Self {
        Self {
            text: String::new(),
            query: None,
            matches: Vec::new(),
            selected: 0,
            top: 0,
            stale: false,
            returns_to: None,
        }
    }

    /// Runs the query against the library (folded once, on the first search).
    pub fn refresh(
        &mut self,
        searcher: &mut Option<Searcher>,
        library: &Library,
        ambiguous: AmbiguousWidth,
    ) {
        self.stale = false;
        self.query = Query::parse(&self.text);
        self.selected = 0;
        self.top = 0;
        let Some(query) = &self.query else {
            self.matches.clear();
            return;
        };
        let searcher = searcher.get_or_insert_with(|| Searcher::new().with_ambiguous(ambiguous));
        self.matches = searcher.search(library, query, RESULT_LIMIT);
    }
}

impl Default for Results {
    fn default() -> Self {
        Self::new()
    }
}
