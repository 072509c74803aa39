//! What the reader remembers across sessions, as actions: read marks (`m`, `M`, and reading
//! itself), bookmarks (`B`, `'`), and coming back to the last article at its place.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::update::{select, set_focus};
use super::{Action, Anchor, Focus, KeyContext, Overlay, Reader};
use crate::load::Library;
use crate::model::Article;
use crate::state::{Place, ReadingState, SaveReport};

/// How long an article must be on screen to count as read.
pub const READ_AFTER: Duration = Duration::from_secs(2);

impl Reader {
    /// Takes up the remembered state: the last article read is selected, at its place.
    /// While the issues load, the last article may come in a later batch: until the reader
    /// acts, each batch is searched for it.
    pub fn resume(&mut self, library: &Library, memory: ReadingState) {
        self.resume_to = memory.last().map(|(id, _)| id.to_owned());
        self.memory = memory;
        self.take_up_resume(library);
    }

    /// Selects the article to resume, if it has loaded. Returns whether it did.
    pub(super) fn take_up_resume(&mut self, library: &Library) -> bool {
        let Some(index) = self
            .resume_to
            .as_deref()
            .and_then(|id| find_article(self, library, id))
        else {
            return false;
        };
        // A first look may end before the saved place: the whole issue is waited for.
        let at = self.rows.articles.get(index);
        if at
            .and_then(|at| library.issues.get(at.issue))
            .is_some_and(|issue| issue.first_look)
        {
            return false;
        }
        self.resume_to = None;
        self.keep_selection = true;
        self.selected = index;
        self.document = None;
        self.relayout(library);
        true
    }

    /// The id of the selected article.
    #[must_use]
    pub fn selected_id<'l>(&self, library: &'l Library) -> Option<&'l str> {
        article(self, library, self.selected).map(|a| a.id.as_str())
    }

    /// Takes the writer's report on a save: marks other sessions saved are taken up, a
    /// failure stays in the status line and the problems until a save succeeds, and a
    /// state file set aside is said once. Returns whether anything visible may have changed.
    pub fn saved(&mut self, report: SaveReport) -> bool {
        match report {
            Ok(saved) => {
                self.memory.merge(&saved.adopted);
                self.not_saved = None;
                // A later failure warns again before quitting loses the session's marks.
                self.quit_warned = false;
                if let Some(notice) = saved.notice {
                    self.notice = Some(notice.message);
                }
            }
            Err(not_saved) => self.not_saved = Some(not_saved),
        }
        true
    }

    /// When the article on screen will count as read, if it is not yet.
    #[must_use]
    pub fn read_deadline(&self) -> Option<Instant> {
        let since = self.shown_since?;
        self.screen().pane.is_some().then_some(since + READ_AFTER)
    }
}

/// Marks the article on screen read (scrolling it or opening the pane reads it).
pub fn mark_read(reader: &mut Reader) {
    if let Some(document) = &reader.document {
        reader.memory.mark_read(&document.id);
    }
    reader.shown_since = None;
}

/// The clock ticked: an article on screen long enough is read.
pub fn tick(reader: &mut Reader, now: Instant) -> bool {
    if reader.read_deadline().is_some_and(|at| now >= at) {
        mark_read(reader);
        return true;
    }
    false
}

/// `q`: quits; but while the reading state is not saved, the first one only warns (quitting
/// loses what this session read) and says how to quit anyway.
pub fn quit(reader: &mut Reader) {
    let Some(not_saved) = reader.not_saved.as_ref().filter(|_| !reader.quit_warned) else {
        reader.quit = true;
        return;
    };
    // The plainest key bound to quitting (`q` rather than Ctrl-C).
    let again = reader
        .keymap
        .keys_for(KeyContext::Global, Action::Quit)
        .into_iter()
        .min_by_key(|key| (key.ctrl, key.alt))
        .map_or_else(|| "quit".to_owned(), |key| key.to_string());
    reader.notice = Some(format!("{not_saved}; {again} again to quit"));
    reader.quit_warned = true;
}

/// `m`: read ↔ unread.
pub fn toggle_read(reader: &mut Reader, library: &Library) {
    if let Some(id) = reader.selected_id(library) {
        let read = reader.memory.toggle_read(id);
        reader.shown_since = None;
        reader.notice = Some(if read { "marked read" } else { "marked unread" }.to_owned());
    }
}

/// `M`: every article of the selected issue read.
pub fn mark_issue_read(reader: &mut Reader, library: &Library) {
    let Some(issue) = reader
        .rows
        .articles
        .get(reader.selected)
        .and_then(|at| library.issues.get(at.issue))
    else {
        return;
    };
    let marked = reader
        .memory
        .mark_all_read(issue.articles.iter().map(|a| a.id.as_str()));
    reader.notice = Some(format!("{marked} articles marked read"));
}

/// `B`: a bookmark at the place on screen, or, where a bookmark of the article opens at
/// this very top line (at this width), that bookmark removed. Bookmarks elsewhere in the
/// article stay.
pub fn toggle_bookmark(reader: &mut Reader) {
    let Some(document) = reader.document.as_mut() else {
        return;
    };
    let marks = reader.memory.bookmarks_of(&document.id);
    for place in &marks {
        document.reach(Anchor::from(*place));
    }
    let last_top = reader.max_pane_top();
    let Some(document) = &reader.document else {
        return;
    };
    let top = reader.pane_top;
    let here = marks
        .into_iter()
        .find(|place| document.line_of(Anchor::from(*place)).min(last_top) == top);
    let (place, on) = match here {
        Some(place) => (place, false),
        None => (Place::from(document.anchor(top)), true),
    };
    reader.memory.set_bookmark(&document.id, place, on);
    reader.notice = Some(if on { "bookmarked" } else { "bookmark removed" }.to_owned());
}

/// The bookmarks the overlay lists, most recent first: `(article position, place)`.
#[must_use]
pub fn bookmarks(reader: &Reader, library: &Library) -> Vec<(usize, Place)> {
    let marks = reader.memory.bookmarks();
    // One pass over the list finds every bookmarked article (the first row of each): a pass
    // per bookmark took 19 ms for 30 bookmarks at 10,000 issues (3.4 ms now), and the
    // overlay asks for each frame and key (`cargo bench --bench scale_bookmarks`).
    let mut wanted: HashMap<&str, Option<usize>> =
        marks.iter().map(|(id, _)| (*id, None)).collect();
    let mut left = wanted.len();
    for index in 0..reader.rows.articles.len() {
        if left == 0 {
            break;
        }
        if let Some(found @ None) =
            article(reader, library, index).and_then(|article| wanted.get_mut(article.id.as_str()))
        {
            *found = Some(index);
            left -= 1;
        }
    }
    marks
        .into_iter()
        .filter_map(|(id, place)| Some((wanted.get(id).copied().flatten()?, place)))
        .collect()
}

/// Enter in the bookmarks overlay: the article, at the bookmarked place.
pub fn open_bookmark(reader: &mut Reader, library: &Library, index: usize) {
    let Some(&(position, place)) = bookmarks(reader, library).get(index) else {
        return;
    };
    reader.overlay = Overlay::None;
    select(reader, library, position);
    set_focus(reader, library, Focus::Pane);
    let line = reader.document.as_mut().map_or(0, |d| {
        d.reach(Anchor::from(place));
        d.line_of(Anchor::from(place))
    });
    reader.scroll_to(line);
    mark_read(reader);
}

fn find_article(reader: &Reader, library: &Library, id: &str) -> Option<usize> {
    (0..reader.rows.articles.len())
        .find(|&i| article(reader, library, i).is_some_and(|a| a.id == id))
}

fn article<'l>(reader: &Reader, library: &'l Library, index: usize) -> Option<&'l Article> {
    let at = reader.rows.articles.get(index)?;
    library.issues.get(at.issue)?.articles.get(at.article)
}
