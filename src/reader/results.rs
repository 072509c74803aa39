//! Searching every issue (`s`): the matches shown in place of the list, incremental as the
//! query is typed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

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
    /// Issues were added since the matches were found.
    pub rerun: bool,
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
            rerun: false,
            returns_to: None,
        }
    }

    /// The issue files the matches are in, by match: what survives issues being added.
    #[must_use]
    pub fn issue_paths(&self, library: &Library) -> Vec<Option<PathBuf>> {
        self.matches
            .iter()
            .map(|m| library.issues.get(m.issue).map(|i| i.path.clone()))
            .collect()
    }

    /// Points the matches at their issues' new places after issues were added (`paths` is
    /// [`issue_paths`](Self::issue_paths) from before). The matches stay as they were until
    /// the search runs again over the new issues.
    pub fn follow_issues(&mut self, library: &Library, paths: &[Option<PathBuf>]) {
        let wanted: HashSet<&PathBuf> = paths.iter().flatten().collect();
        let places: HashMap<&PathBuf, usize> = library
            .issues
            .iter()
            .enumerate()
            .filter(|(_, issue)| wanted.contains(&issue.path))
            .map(|(index, issue)| (&issue.path, index))
            .collect();
        for (found, path) in self.matches.iter_mut().zip(paths) {
            if let Some(&index) = path.as_ref().and_then(|p| places.get(p)) {
                found.issue = index;
            }
        }
        self.rerun = true;
    }

    /// Runs the query again over a library that grew, keeping the selected match selected
    /// on the same row when it is still found (a reader scrolling the results is not sent
    /// back to the first match).
    pub fn rerun(
        &mut self,
        searcher: &mut Option<Searcher>,
        library: &Library,
        ambiguous: AmbiguousWidth,
    ) {
        self.rerun = false;
        let Some(query) = &self.query else {
            return;
        };
        let key = |m: &Match| (m.issue, m.article, m.hit.clone());
        let selected = self.matches.get(self.selected).map(key);
        let row = self.selected.saturating_sub(self.top);
        let searcher = searcher.get_or_insert_with(|| Searcher::new().with_ambiguous(ambiguous));
        self.matches = searcher.search(library, query, RESULT_LIMIT);
        let last = self.matches.len().saturating_sub(1);
        self.selected = selected
            .and_then(|selected| self.matches.iter().position(|m| key(m) == selected))
            .unwrap_or(self.selected)
            .min(last);
        self.top = self.selected.saturating_sub(row);
    }

    /// Runs the query against the library (folded once, on the first search).
    pub fn refresh(
        &mut self,
        searcher: &mut Option<Searcher>,
        library: &Library,
        ambiguous: AmbiguousWidth,
    ) {
        self.stale = false;
        self.rerun = false;
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
