//! Drawing frames to the terminal with as few bytes as it takes.
//!
//! [`FrameWriter`] keeps the frame the terminal shows and writes only the cells of the next
//! frame that differ from it, flushing once per frame and writing nothing at all when nothing
//! changed (ratatui's `Terminal::draw` writes a cursor-hide and attribute resets even then).
//! On top of ratatui's diff it saves bytes three ways:
//!
//! - **Scroll regions.** When the caller knows that some rows scrolled (the reading pane, or
//!   the list, moved by a few lines), it passes a [`Scroll`]: the writer can have the terminal
//!   move those rows itself (DECSTBM + SU/SD, as `less` does) and write only the rows that
//!   really changed. Terminal scroll regions are full-width, so in the two-pane layout the
//!   list column moves along with the pane and has to be written back; whether the scroll
//!   still pays off depends on the layout and the text. The writer does not guess: with
//!   [`Strategy::Cheaper`] (the default) it plans both updates, the plain one and the scroll
//!   plus the one after it, estimates the bytes the crossterm backend would send for each
//!   (a model of its encoding: text, cursor moves, colour and attribute changes), and writes
//!   the smaller. When the pane spans the whole width (narrow mode) a scroll by less
//!   than a page always wins; in two panes a one-line scroll wins too (the list column costs
//!   less than the pane), a page down usually does not.
//! - **Erasing.** A row that mostly changes (another article, a page down) is erased from its
//!   first change with `ESC[K` and only its non-blank cells written, when that is shorter
//!   than writing over the old text cell by cell.
//! - **No needless cursor moves.** Consecutive changed CJK characters, and short runs of
//!   unchanged cells between changes, are written without a cursor move between them:
//!   ratatui's crossterm backend would otherwise move the cursor before every wide
//!   character, tripling the bytes of CJK text.
//!
//! The hint only ever saves bytes: the update after the scroll is planned against the previous
//! frame moved the same way, so a hint that does not match what happened still draws the
//! right screen, and with [`Strategy::Cheaper`] it is only used when it is estimated to save
//! bytes.
//!
//! [`ViewState`] is how the reader's loop finds the hint: the state of the pane and the list
//! at the last frame and now, and [`ViewState::scroll_to`] says whether the change was a
//! scroll of either. [`ReaderFrames`] puts it together: render the reader, find the hint, draw.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;

use crate::load::Library;
use crate::reader::{Area, ArticleRef, Focus, Overlay, Reader};
use crate::text::AmbiguousWidth;
use crate::ui::{self, Theme};

/// Rows whose content moved up or down since the previous frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    /// The rows that moved, full width: the terminal can only scroll whole rows.
    pub rows: Range<u16>,
    /// How many lines the content moved up: positive when the reader scrolled down the text
    /// (the text moves up the screen), negative when it scrolled back.
    pub lines: i32,
}

impl Scroll {
    /// The scroll if it is one the terminal can do in `height` rows: inside the screen, by at
    /// least one line and by fewer lines than the region has.
    fn valid(&self, height: u16) -> Option<(Range<u16>, u16, bool)> {
        let rows = self.rows.start..self.rows.end.min(height);
        let lines = u16::try_from(self.lines.unsigned_abs()).ok()?;
        (lines > 0 && rows.start < rows.end && lines < rows.end - rows.start).then_some((
            rows,
            lines,
            self.lines > 0,
        ))
    }
}

/// How [`FrameWriter`] uses a [`Scroll`] hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Scrolls when the scroll and the update after it are estimated to take fewer bytes than
    /// the plain update.
    #[default]
    Cheaper,
    /// Never scrolls: the plain diff (what ratatui's `Terminal::draw` writes, less its
    /// per-frame cursor and attribute bytes).
    Diff,
    /// Always scrolls when there is a usable hint.
    ScrollRegion,
}

/// What a [`FrameWriter::draw`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FrameReport {
    /// Cells written.
    pub cells: usize,
    /// The terminal scrolled a region before the cells were written.
    pub scrolled: bool,
    /// Rows erased from a column to their end before the cells were written.
    pub erased: usize,
    /// The screen was cleared and everything drawn (first frame, resize, after a resume).
    pub full: bool,
}

/// Draws frames by diffing each against the one before it. See the module documentation.
#[derive(Debug, Default)]
pub struct FrameWriter {
    /// What the terminal shows; `None` until the first frame and after [`invalidate`].
    ///
    /// [`invalidate`]: Self::invalidate
    previous: Option<Buffer>,
    strategy: Strategy,
}

impl FrameWriter {
    /// A writer that has drawn nothing yet: its first frame clears the screen.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn with_strategy(strategy: Strategy) -> Self {
        Self {
            previous: None,
            strategy,
        }
    }

    /// Forgets what the terminal shows: the next frame clears the screen and draws every
    /// cell. For when something else wrote to the terminal (a shell after Ctrl-Z).
    pub fn invalidate(&mut self) {
        self.previous = None;
    }

    /// The frame the terminal shows, as far as this writer knows.
    #[must_use]
    pub fn previous(&self) -> Option<&Buffer> {
        self.previous.as_ref()
    }

    /// Draws `next` (a buffer of the whole screen, at the origin) to `backend`, writing only
    /// what changed since the previous frame, and flushes. A frame of another size than the
    /// previous one (a resize) clears the screen and draws everything. `scroll` says which
    /// rows moved since the previous frame, if the caller knows.
    ///
    /// On an error the writer forgets the previous frame, so the next one repaints the screen.
    pub fn draw<B: Backend>(
        &mut self,
        backend: &mut B,
        next: Buffer,
        scroll: Option<&Scroll>,
    ) -> Result<FrameReport, B::Error> {
        let previous = self.previous.take();
        let result = self.write(backend, previous, &next, scroll);
        if result.is_ok() {
            self.previous = Some(next);
        }
        result
    }

    fn write<B: Backend>(
        &self,
        backend: &mut B,
        previous: Option<Buffer>,
        next: &Buffer,
        scroll: Option<&Scroll>,
    ) -> Result<FrameReport, B::Error> {
        let Some(previous) = previous.filter(|p| p.area == next.area) else {
            backend.clear()?;
            let cells = draw_diff(backend, &Buffer::empty(next.area), next)?;
            backend.flush()?;
            return Ok(FrameReport {
                cells,
                full: true,
                ..FrameReport::default()
            });
        };
        let scroll = scroll.and_then(|s| s.valid(next.area.height));
        let (scroll, plan) = match (self.strategy, scroll) {
            (Strategy::Diff, _) | (_, None) => (None, plan(previous, next)),
            (Strategy::ScrollRegion, Some((rows, lines, up))) => {
                let mut shifted = previous;
                shift(&mut shifted, &rows, lines, up);
                (Some((rows, lines, up)), plan(shifted, next))
            }
            (Strategy::Cheaper, Some((rows, lines, up))) => {
                let mut shifted = previous.clone();
                shift(&mut shifted, &rows, lines, up);
                let scrolled = plan(shifted, next);
                let plain = plan(previous, next);
                if scroll_bytes(&rows, lines, up) + scrolled.bytes < plain.bytes {
                    (Some((rows, lines, up)), scrolled)
                } else {
                    (None, plain)
                }
            }
        };
        let scrolled = scroll.is_some();
        if let Some((rows, lines, up)) = scroll {
            if up {
                backend.scroll_region_up(rows, lines)?;
            } else {
                backend.scroll_region_down(rows, lines)?;
            }
        }
        for &(x, y) in &plan.erase {
            backend.set_cursor_position(Position { x, y })?;
            backend.clear_region(ClearType::UntilNewLine)?;
        }
        let cells = draw_diff(backend, &plan.base, next)?;
        if cells > 0 || scrolled || !plan.erase.is_empty() {
            backend.flush()?;
        }
        Ok(FrameReport {
            cells,
            scrolled,
            erased: plan.erase.len(),
            full: false,
        })
    }
}

mod cost;
mod count;
mod emit;
mod view;

use cost::{plan, scroll_bytes, shift};
use count::counting_backend;
pub use count::{ByteCount, CountingWriter};
use emit::{MAX_GAP, draw_diff, terminals_agree_wide, width_of};
pub use view::{ReaderFrames, ViewState};

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;

    use super::*;

    fn lines(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    #[test]
    fn nothing_changed_writes_nothing() {
        let (mut out, count) = counting_backend();
        let mut writer = FrameWriter::new();
        writer
            .draw(&mut out, lines(&["ab", "cd"]), None)
            .expect("draw");
        let first = count.take();
        assert!(first > 0);
        let report = writer
            .draw(&mut out, lines(&["ab", "cd"]), None)
            .expect("draw");
        assert_eq!(report, FrameReport::default());
        assert_eq!(count.get(), 0);
    }

    #[test]
    fn a_scroll_writes_only_the_new_row() {
        let mut backend = TestBackend::new(3, 4);
        let mut writer = FrameWriter::with_strategy(Strategy::ScrollRegion);
        writer
            .draw(&mut backend, lines(&["aaa", "bbb", "ccc", "---"]), None)
            .expect("draw");
        let scroll = Scroll {
            rows: 0..3,
            lines: 1,
        };
        let report = writer
            .draw(
                &mut backend,
                lines(&["bbb", "ccc", "ddd", "---"]),
                Some(&scroll),
            )
            .expect("draw");
        assert!(report.scrolled);
        assert_eq!(report.cells, 3);
        backend.assert_buffer_lines(["bbb", "ccc", "ddd", "---"]);
    }

    #[test]
    fn a_resize_clears_and_draws_everything() {
        let mut backend = TestBackend::new(2, 2);
        let mut writer = FrameWriter::new();
        writer
            .draw(&mut backend, lines(&["ab", "cd"]), None)
            .expect("draw");
        let report = writer
            .draw(&mut backend, Buffer::empty(Rect::new(0, 0, 3, 1)), None)
            .expect("draw");
        assert!(report.full);
    }

    #[test]
    fn shifting_down_blanks_the_top() {
        let mut buf = lines(&["a", "b", "c"]);
        shift(&mut buf, &(0..3), 1, false);
        assert_eq!(buf, lines(&[" ", "a", "b"]));
    }
}
