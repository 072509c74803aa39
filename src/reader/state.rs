//! The reader's state: everything the screen shows is drawn from this and the library.

use super::document::{Anchor, Document};
use super::overlay::OverlayPositions;
use super::problems::ProblemLayout;
use super::screen::{Screen, ScreenSettings, screen};
use super::{Find, Keymap, Prompt, Results, Rows};
use crate::load::Library;
use crate::search::Searcher;
use crate::state::{NotSaved, Place, ReadingState};
use crate::text::AmbiguousWidth;
use std::time::Instant;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Pane,
}

/// A view drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Problems,
    Bookmarks,
    Links,
}

/// Settings the reader runs with (from the config and the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderSettings {
    pub ambiguous: AmbiguousWidth,
    /// Draw links as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    pub cjk_indent: bool,
    pub screen: ScreenSettings,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        Self {
            ambiguous: AmbiguousWidth::Narrow,
            hyperlinks: false,
            cjk_indent: true,
            screen: ScreenSettings::default(),
        }
    }
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags, each set by one action and read by the loop or the status line"
)]
pub struct Reader {
    pub settings: ReaderSettings,
    pub keymap: Keymap,
    /// Shared, until it changes, between readers of the same library (`kanbao serve`).
    pub rows: std::sync::Arc<Rows>,
    /// The selected article: an index into `rows.articles`.
    pub selected: usize,
    pub focus: Focus,
    pub overlay: Overlay,
    /// Where each overlay is scrolled to or what it has selected.
    pub overlays: OverlayPositions,
    /// The problems view laid out for the window, while it is open.
    pub problem_layout: ProblemLayout,
    /// First visible row of the list.
    pub list_top: usize,
    /// First visible line of the reading pane.
    pub pane_top: usize,
    /// Where the reader scrolled to, in terms that survive a re-wrap. It changes only when
    /// the reader scrolls, not when a resize clamps `pane_top`, so growing the window and
    /// shrinking it again comes back to the same place.
    pub anchor: Anchor,
    /// The selected article laid out for the pane's width.
    pub document: Option<Document>,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// The open prompt, if any: keys type into it.
    pub prompt: Option<Prompt>,
    /// Finding in the open article: the query, its hits and the current one.
    pub find: Option<Find>,
    /// Searching every issue: shown in place of the list while it is open.
    pub results: Option<Results>,
    /// The library folded for searching, made on the first search.
    pub searcher: Option<Searcher>,
    /// What is remembered across sessions: read marks, places, bookmarks, the last article.
    pub memory: ReadingState,
    /// Since when the selected article has been on screen, until it counts as read.
    pub shown_since: Option<Instant>,
    /// Text to send to the terminal's clipboard (OSC 52); the loop sends it and clears it.
    pub clipboard: Option<String>,
    /// A message for the status line, shown until the next key.
    pub notice: Option<String>,
    /// While the issues load: how many files have loaded, of how many.
    pub loading: Option<(usize, usize)>,
    /// The article to come back to, until it has loaded or the reader acts.
    pub resume_to: Option<String>,
    /// The selection is the reader's (they pressed a key, clicked or scrolled) or the one
    /// resumed from last time: issues loading later keep it.
    pub keep_selection: bool,
    /// Files removed while their issue was read: it goes once the reader leaves it.
    pub leaving: Vec<std::path::PathBuf>,
    /// Why the reading state is not saved, while it is not: shown until a save succeeds.
    pub not_saved: Option<NotSaved>,
    /// Quitting while the state is not saved has been warned about: the next quit quits.
    pub quit_warned: bool,
    /// Set by the suspend action; the loop stops the process and clears it.
    pub suspend: bool,
    /// How many times the redraw action (Ctrl-L) was asked for: when it changes, the next
    /// frame clears the screen and draws every cell, whatever the terminal shows now (another
    /// program's output, a glyph drawn wider than it should be).
    pub repaints: u32,
    pub quit: bool,
}

impl Reader {
    /// The reader at start: the first article of the newest issue selected, list focused.
    #[must_use]
    pub fn new(
        library: &Library,
        settings: ReaderSettings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> Self {
        Self::with_rows(
            library,
            std::sync::Arc::new(Rows::new(library)),
            settings,
            keymap,
            size,
        )
    }

    /// The reader at start, on `rows` made for `library` already: readers of one library
    /// share its list, which at 10,000 issues is most of what a reader holds.
    #[must_use]
    pub fn with_rows(
        library: &Library,
        rows: std::sync::Arc<Rows>,
        settings: ReaderSettings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> Self {
        let mut reader = Self {
            settings,
            keymap,
            rows,
            selected: 0,
            focus: Focus::List,
            overlay: Overlay::None,
            overlays: OverlayPositions::default(),
            problem_layout: ProblemLayout::default(),
            list_top: 0,
            pane_top: 0,
            anchor: Anchor::Header(0),
            document: None,
            size,
            memory: ReadingState::new(),
            shown_since: None,
            notice: None,
            clipboard: None,
            prompt: None,
            find: None,
            results: None,
            searcher: None,
            loading: None,
            resume_to: None,
            keep_selection: false,
            leaving: Vec::new(),
            not_saved: None,
            quit_warned: false,
            suspend: false,
            repaints: 0,
            quit: false,
        };
        reader.relayout(library);
        reader
    }

    /// Where things are on the screen now.
    #[must_use]
    pub fn screen(&self) -> Screen {
        screen(self.size.0, self.size.1, self.settings.screen, self.focus)
    }

    /// The reading pane's size in cells, also when narrow mode hides it (so that the article
    /// is laid out before it is opened).
    #[must_use]
    pub fn pane_size(&self) -> (usize, usize) {
        let shown = self.screen();
        let pane = shown
            .pane
            .or_else(|| screen(self.size.0, self.size.1, self.settings.screen, Focus::Pane).pane)
            .unwrap_or_default();
        (usize::from(pane.width), usize::from(pane.height))
    }

    /// The list's height in rows (0 when narrow mode hides it).
    #[must_use]
    pub fn list_height(&self) -> usize {
        self.screen().list.map_or(0, |a| usize::from(a.height))
    }

    /// The largest useful `pane_top`: the last page shows the last line at the bottom. While
    /// the article is still being laid out, one more than the last top whose page is laid out
    /// (the article goes on past it, so every top shown is below this).
    #[must_use]
    pub fn max_pane_top(&self) -> usize {
        let Some(document) = &self.document else {
            return 0;
        };
        let lines = document.lines().len() + usize::from(!document.is_complete());
        lines.saturating_sub(self.pane_size().1)
    }

    /// How far through the article the bottom of the pane is, in percent (of the lines the
    /// article is estimated to have, while it is still being laid out).
    #[must_use]
    pub fn percent(&self) -> usize {
        let lines = self
            .document
            .as_ref()
            .map_or(0, Document::line_count_estimate);
        if lines == 0 {
            return 100;
        }
        ((self.pane_top + self.pane_size().1).min(lines) * 100) / lines
    }

    /// Lays the selected article out again if the width or selection changed, keeping the
    /// reader on the same place in the text.
    pub fn relayout(&mut self, library: &Library) {
        let (width, _) = self.pane_size();
        let Some(&at) = self.rows.articles.get(self.selected) else {
            self.document = None;
            return;
        };
        let current = self.document.as_ref();
        let same_article = current.is_some_and(|d| d.article == at);
        let up_to_date = current.is_some_and(|d| {
            same_article && d.width == width && d.ambiguous == self.settings.ambiguous
        });
        if !same_article {
            // Each article opens where the reader left it.
            let id = library
                .issues
                .get(at.issue)
                .and_then(|i| i.articles.get(at.article))
                .map(|a| a.id.as_str())
                .unwrap_or_default();
            self.anchor = self
                .memory
                .position(id)
                .map_or(Anchor::Header(0), Anchor::from);
            self.memory.set_last(id);
            self.shown_since = Some(Instant::now());
        }
        if !up_to_date {
            self.document = Document::new(
                library,
                at,
                width,
                self.settings.ambiguous,
                self.settings.cjk_indent,
                self.document.as_ref(),
            );
        }
        if !same_article && let (Some(find), Some(document)) = (&self.find, &self.document) {
            // The query stays (as in less); its hits are the new article's.
            self.find = Find::new(&find.text.clone(), document);
        }
        let height = self.pane_size().1;
        let needs_links = self.overlay == Overlay::Links;
        let top = self.document.as_mut().map_or(0, |document| {
            document.reach(self.anchor);
            let top = document.line_of(self.anchor);
            document.reach_line(top.saturating_add(height));
            if needs_links {
                // The links overlay lists every link of the article.
                document.complete();
            }
            // The page is there: the rest can wait, or be done meanwhile.
            document.lay_out_rest_in_background();
            top
        });
        self.pane_top = top.min(self.max_pane_top());
        self.reveal_selected();
    }

    /// Puts line `top` (clamped) at the top of the pane and remembers the place.
    pub fn scroll_to(&mut self, top: usize) {
        let height = self.pane_size().1;
        if let Some(document) = self.document.as_mut() {
            document.reach_line(top.saturating_add(height));
        }
        self.pane_top = top.min(self.max_pane_top());
        if let Some(document) = &self.document {
            self.anchor = document.anchor(self.pane_top);
            // A place in the note that says why the body cannot be read is no place in it.
            if document.unreadable().is_none() {
                self.memory
                    .set_position(&document.id, Place::from(self.anchor));
            }
        }
    }

    /// Scrolls the list so the selected article is visible (with its issue heading when it is
    /// the issue's first article).
    pub fn reveal_selected(&mut self) {
        let height = self.list_height();
        let Some(&row) = self.rows.article_rows.get(self.selected) else {
            return;
        };
        if height == 0 {
            // Narrow mode shows the article: the list keeps its place for when it returns.
            return;
        }
        let heading = self.rows.rows[..row]
            .iter()
            .rposition(|r| matches!(r, super::Row::Issue(_)))
            .unwrap_or(0);
        if row < self.list_top {
            self.list_top = if row - heading < height { heading } else { row };
        } else if row >= self.list_top + height {
            self.list_top = row + 1 - height;
        }
        // Show the issue's heading with its articles when they fit together.
        if self.list_top > heading && row - heading < height {
            self.list_top = heading;
        }
    }
}
