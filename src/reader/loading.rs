//! Issues arriving while the reader runs: the folder loads in batches after the first frame,
//! and each batch joins the library without taking the reader's place from them.

use std::path::PathBuf;

use super::Reader;
use crate::load::Library;

impl Reader {
    /// Adds a batch of issues to `library` (`loaded` of `total` files have loaded, this
    /// batch included), and keeps the reader where they are: the same article selected, at
    /// the same place, on the same row of the list. Until the reader acts, the selection
    /// follows the start rule instead: the article to resume once it has loaded, else the
    /// newest issue's first article.
    pub fn add_issues(
        &mut self,
        library: &mut Library,
        batch: Library,
        loaded: usize,
        total: usize,
    ) {
        let kept = self.selected_key(library);
        let row_on_screen = self.selected_row_on_screen();
        let matched_in = self.results.as_ref().map(|r| r.issue_paths(library));
        let on_first_look = self
            .rows
            .articles
            .get(self.selected)
            .and_then(|at| library.issues.get(at.issue))
            .is_some_and(|issue| issue.first_look);
        // First looks come before the first batch, which holds their files whole.
        let looked = if batch.issues.iter().any(|issue| issue.first_look) {
            None
        } else {
            library.drop_first_looks()
        };
        let unmoved = library.merge(batch);
        let unmoved = looked.map_or(unmoved, |first| first.min(unmoved));
        std::sync::Arc::make_mut(&mut self.rows).redo_from(library, unmoved);
        if on_first_look && looked.is_some() {
            // The article on screen was cut short: laid out again from the whole text, at the
            // place the reader is (scrolling keeps it in the reading memory).
            self.document = None;
        }
        self.loading = (loaded < total).then_some((loaded, total));
        if let (Some(results), Some(paths)) = (self.results.as_mut(), matched_in) {
            // Open results still point at the issues they found; they are searched again
            // once the new issues are indexed (see `issues_indexed`).
            results.follow_issues(library, &paths);
        }
        if !self.keep_selection {
            if !self.take_up_resume(library) {
                self.selected = 0;
                self.list_top = 0;
                self.relayout(library);
            }
            if self.loading.is_none() {
                // Not in the folder any more: the start rule stands.
                self.resume_to = None;
            }
            return;
        }
        let index = match kept {
            // Its issue kept its place, and so did every row up to it.
            Some((issue, _)) if issue < unmoved => Some(self.selected),
            Some((_, key)) => self.position_of(library, &key),
            None => None,
        };
        let Some(index) = index else {
            self.selected = 0;
            self.relayout(library);
            return;
        };
        self.selected = index;
        if let (Some(document), Some(&at)) = (self.document.as_mut(), self.rows.articles.get(index))
        {
            // The same article under its new position: no new layout, no new place.
            document.article = at;
        }
        if let (Some(offset), Some(&row)) = (row_on_screen, self.rows.article_rows.get(index)) {
            self.list_top = row.saturating_sub(offset);
        }
        self.relayout(library);
    }

    /// Issues were indexed for searching (in the background): open results that wait for
    /// new issues are searched again, the selected match kept.
    pub fn issues_indexed(&mut self, library: &Library) {
        if let Some(results) = self.results.as_mut()
            && results.rerun
            && !results.stale
        {
            results.rerun(&mut self.searcher, library, self.settings.ambiguous);
        }
    }

    /// Whether open results wait for issues to be indexed.
    #[must_use]
    pub fn results_wait_for_issues(&self) -> bool {
        self.results.as_ref().is_some_and(|r| r.rerun)
    }

    /// Which row of the list, counted from its top on screen, the selected article is on:
    /// kept there when rows come and go above it.
    pub(super) fn selected_row_on_screen(&self) -> Option<usize> {
        self.rows
            .article_rows
            .get(self.selected)
            .map(|row| row.saturating_sub(self.list_top))
    }

    /// The selected article's issue index, and the article as something that survives issues
    /// being added: its issue's file and its position in it.
    fn selected_key(&self, library: &Library) -> Option<(usize, (PathBuf, usize))> {
        let at = self.rows.articles.get(self.selected)?;
        let path = library.issues.get(at.issue)?.path.clone();
        Some((at.issue, (path, at.article)))
    }

    fn position_of(&self, library: &Library, (path, article): &(PathBuf, usize)) -> Option<usize> {
        let issue = library.issues.iter().position(|i| i.path == *path)?;
        self.rows
            .articles
            .iter()
            .position(|at| at.issue == issue && at.article == *article)
    }
}
