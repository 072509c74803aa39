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
//!   the smaller (giving a plan up as soon as it costs more than the best one so far, and
//!   reading the scrolled screen out of the previous frame instead of copying it, so that
//!   planning stays cheaper than ratatui's own diff). When the pane spans the whole width
//!   (narrow mode) a scroll by less than a page always wins; in two panes a one-line scroll
//!   wins too (the list column costs less than the pane), a page down usually does not.
//!   In a terminal with left and right margins ([`FrameWriter::set_margins`], DECSLRM, see
//!   [`ScrollMargins`]) a third plan scrolls only the hint's columns: the pane moves, the
//!   list stays, and a line scroll beside the list costs about a line.
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

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

use crate::load::Library;
use crate::reader::{Area, ArticleRef, Focus, Overlay, Reader};
use crate::text::AmbiguousWidth;
use crate::ui::{self, Theme};

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
    /// Always scrolls when there is a usable hint (only the hint's columns if the terminal
    /// has margins).
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
    /// The frame before the previous one, kept to render the next frame into: a 200×60
    /// buffer is half a megabyte, and allocating it afresh each frame (the pages faulted in,
    /// then unmapped) cost about a tenth of a frame.
    spare: Option<Buffer>,
    strategy: Strategy,
    /// The terminal has left and right margins (see [`Self::set_margins`]).
    margins: bool,
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
            strategy,
            ..Self::default()
        }
    }

    /// Says whether the terminal can scroll between left and right margins (DECLRMM and
    /// DECSLRM; see [`super::probe_terminal`]): then a [`Scroll`] of part of the width can
    /// move just those columns, and with [`Strategy::Cheaper`] that is planned too.
    pub fn set_margins(&mut self, margins: bool) {
        self.margins = margins;
    }

    #[must_use]
    pub fn with_margins(mut self, margins: bool) -> Self {
        self.margins = margins;
        self
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

    /// An empty buffer of `area` to render the next frame into, reusing an old frame's
    /// memory when there is one of that size.
    #[must_use]
    pub fn blank(&mut self, area: Rect) -> Buffer {
        match self.spare.take() {
            Some(mut buf) if buf.area == area => {
                buf.reset();
                buf
            }
            _ => Buffer::empty(area),
        }
    }

    /// Draws `next` (a buffer of the whole screen, at the origin) to `backend`, writing only
    /// what changed since the previous frame, and flushes. A frame of another size than the
    /// previous one (a resize) clears the screen and draws everything. `scroll` says which
    /// rows moved since the previous frame, if the caller knows.
    ///
    /// On an error the writer forgets the previous frame, so the next one repaints the screen.
    pub fn draw<B: ScrollMargins>(
        &mut self,
        backend: &mut B,
        next: Buffer,
        scroll: Option<&Scroll>,
    ) -> Result<FrameReport, B::Error> {
        let previous = self.previous.take();
        let (result, spare) = self.write(backend, previous, &next, scroll);
        self.spare = spare;
        if result.is_ok() {
            self.previous = Some(next);
        }
        result
    }

    /// Writes the update; gives back the previous frame's buffer for reuse.
    fn write<B: ScrollMargins>(
        &self,
        backend: &mut B,
        previous: Option<Buffer>,
        next: &Buffer,
        scroll: Option<&Scroll>,
    ) -> (Result<FrameReport, B::Error>, Option<Buffer>) {
        let Some(previous) = previous.filter(|p| p.area == next.area) else {
            return (full(backend, next), None);
        };
        let plan = self.choose(&previous, next, scroll);
        (apply(backend, &previous, next, &plan), Some(previous))
    }

    /// The plan to write: with [`Strategy::Cheaper`], the cheapest of the plain update and the
    /// scrolls (of the hint's columns, with margins, and of whole rows) each followed by the
    /// update after it. Each plan is given up as soon as it costs more than the best so far,
    /// so the order (the likely cheapest first) only saves time.
    fn choose(&self, previous: &Buffer, next: &Buffer, scroll: Option<&Scroll>) -> Plan {
        let area = next.area;
        let mut moves =
            scroll.map_or_else(Vec::new, |s| s.moves(area.width, area.height, self.margins));
        moves.retain(|m| !scroll::cuts_wide(previous, m));
        let candidates: Vec<Option<Move>> = match (self.strategy, moves.first()) {
            (Strategy::Diff, _) | (_, None) => vec![None],
            (Strategy::ScrollRegion, Some(m)) => vec![Some(m.clone())],
            (Strategy::Cheaper, Some(m)) => {
                let scrolls = moves.iter().cloned().map(Some);
                // A scroll by less than half its region is likely to pay: plan it first.
                if usize::from(m.lines) * 2 < usize::from(m.rows.end - m.rows.start) {
                    scrolls.chain([None]).collect()
                } else {
                    [None].into_iter().chain(scrolls).collect()
                }
            }
        };
        let mut best: Option<Plan> = None;
        for moved in candidates {
            let plain = moved.is_none();
            let budget = best.as_ref().map_or(usize::MAX, |b| b.bytes);
            let Some(candidate) = plan(previous, moved, next, budget) else {
                continue;
            };
            // On a tie the plain update wins: it moves nothing on the screen.
            let better = best
                .as_ref()
                .is_none_or(|b| candidate.bytes < b.bytes || (plain && candidate.bytes == b.bytes));
            if better {
                best = Some(candidate);
            }
        }
        // The first candidate has no budget, so there always is a plan; this is for the type.
        best.unwrap_or_else(|| Plan {
            moved: None,
            rows: every_row(next, false),
            bytes: 0,
        })
    }
}

/// Every row of `next`, whole.
fn every_row(next: &Buffer, erase: bool) -> Vec<RowPlan> {
    (0..next.area.height)
        .map(|y| RowPlan {
            y,
            from: 0,
            to: next.area.width,
            erase,
        })
        .collect()
}

/// Clears the screen and draws every cell of `next`.
fn full<B: ScrollMargins>(backend: &mut B, next: &Buffer) -> Result<FrameReport, B::Error> {
    backend.clear()?;
    let cells = draw_diff(backend, None, None, next, &every_row(next, true))?;
    backend.flush()?;
    Ok(FrameReport {
        cells,
        full: true,
        ..FrameReport::default()
    })
}

/// Writes `plan` over `previous` (what the terminal showed).
fn apply<B: ScrollMargins>(
    backend: &mut B,
    previous: &Buffer,
    next: &Buffer,
    plan: &Plan,
) -> Result<FrameReport, B::Error> {
    if let Some(m) = &plan.moved {
        scroll::scroll(backend, m, next.area.width)?;
    }
    let mut erased = 0;
    for row in plan.rows.iter().filter(|r| r.erase) {
        backend.set_cursor_position(Position {
            x: row.from,
            y: row.y,
        })?;
        backend.clear_region(ClearType::UntilNewLine)?;
        erased += 1;
    }
    let cells = draw_diff(
        backend,
        Some(previous),
        plan.moved.as_ref(),
        next,
        &plan.rows,
    )?;
    let scrolled = plan.moved.is_some();
    if cells > 0 || scrolled || erased > 0 {
        backend.flush()?;
    }
    Ok(FrameReport {
        cells,
        scrolled,
        erased,
        full: false,
    })
}

mod cost;
mod count;
mod emit;
mod model;
mod scroll;
mod view;

use cost::{Plan, RowPlan, plan};
#[cfg(test)]
use count::counting_backend;
pub use count::{ByteCount, CountingWriter};
use emit::{MAX_GAP, draw_diff, terminals_agree_wide, width_of};
use model::Move;
pub use scroll::{Scroll, ScrollMargins};
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
            cols: 0..3,
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
}
