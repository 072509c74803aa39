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

/// How a frame turns what the terminal shows into the next frame, after any scroll: rows
/// erased to their end first (EL), then the cells that still differ.
struct Plan {
    /// What the terminal shows once the rows are erased.
    base: Buffer,
    /// Erase row `y` from column `x` to its end, for each `(x, y)`.
    erase: Vec<(u16, u16)>,
    /// About the bytes the crossterm backend writes for the erasing and the cells.
    bytes: usize,
}

/// Plans turning `base` into `next`, row by row: either the row's changed cells, or, when
/// that takes more bytes, erasing the row from its first change (`ESC[K`, which blanks
/// cells for free) and writing what is not blank. When most of a row changes (another
/// article in the pane, a page down) rewriting text over text costs a cursor move at every
/// cell that happens to stay the same, and blanking old text costs a space per cell.
fn plan(mut base: Buffer, next: &Buffer) -> Plan {
    let width = usize::from(next.area.width);
    let empty = Cell::EMPTY;
    let mut erase = Vec::new();
    let mut bytes = 0;
    for y in 0..next.area.height {
        let start = usize::from(y) * width;
        let (Some(old), Some(new)) = (
            base.content.get(start..start + width),
            next.content.get(start..start + width),
        ) else {
            break;
        };
        let Some(mut x) = old.iter().zip(new).position(|(a, b)| a != b) else {
            continue;
        };
        // Never erase from the second column of a wide character: terminals erase all of it.
        while x > 0 && (width_of(&old[x - 1]) > 1 || width_of(&new[x - 1]) > 1) {
            x -= 1;
        }
        let keep = row_bytes(|i| &old[i], new, y);
        // Erasing costs its escape and at least the text after it: often more than keeping.
        let escape = move_bytes(x, y) + ERASE_BYTES;
        let text: usize = new[x..]
            .iter()
            .filter(|c| **c != empty)
            .map(|c| c.symbol().len())
            .sum();
        let fresh = (escape + text < keep)
            .then(|| escape + row_bytes(|i| if i < x { &old[i] } else { &empty }, new, y))
            .filter(|&fresh| fresh < keep);
        if let Some(fresh) = fresh {
            base.content[start + x..start + width].fill(Cell::EMPTY);
            erase.push((x as u16, y));
            bytes += fresh;
        } else {
            bytes += keep;
        }
    }
    if bytes > 0 {
        bytes += RESET_BYTES;
    }
    Plan { base, erase, bytes }
}

/// `ESC[K`.
const ERASE_BYTES: usize = 3;
/// What ratatui's crossterm backend sends after the cells of every draw: colours, underline
/// colour and attributes reset.
const RESET_BYTES: usize = 19;

/// `ESC[row;colH`.
fn move_bytes(x: usize, y: u16) -> usize {
    let digits = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    4 + digits(usize::from(y) + 1) + digits(x + 1)
}

/// About the bytes ratatui's crossterm backend sends, with [`draw_diff`]'s joins, to turn a
/// row whose cells are `old(x)` into `new` (row `y`): the changed cells' text, a cursor move
/// before each that does not follow the last, and the colour and attribute changes. A model
/// of the encoding, not the encoding itself, so that planning a frame costs far less than
/// drawing it; close enough to choose between two plans.
fn row_bytes<'a>(old: impl Fn(usize) -> &'a Cell, new: &[Cell], y: u16) -> usize {
    let mut bytes = 0;
    // Where the terminal's cursor is after the last cell written, if known.
    let mut cursor: Option<usize> = None;
    let mut pen = Cell::EMPTY.style();
    let mut x = 0;
    while x < new.len() {
        let cell = &new[x];
        if *old(x) == *cell || cell.diff_option == CellDiffOption::Skip {
            // The columns a same wide character covers are the same too.
            x += 1;
            continue;
        }
        let span = match cell.diff_option {
            CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
            _ => usize::from(width_of(cell)).max(1),
        };
        bytes += match cursor {
            Some(at) if at == x => 0,
            Some(at)
                if at < x
                    && x - at <= usize::from(MAX_GAP)
                    && new[at..x]
                        .iter()
                        .all(|c| c.symbol().len() == 1 && c.style() == pen) =>
            {
                x - at
            }
            _ => move_bytes(x, y),
        };
        let style = cell.style();
        if style.add_modifier != pen.add_modifier {
            bytes += 5 * (style.add_modifier ^ pen.add_modifier).bits().count_ones() as usize;
        }
        if style.fg != pen.fg || style.bg != pen.bg {
            bytes += color_bytes(style.fg) + color_bytes(style.bg);
        }
        pen = style;
        bytes += cell.symbol().len();
        cursor = match (cell.diff_option, span) {
            (CellDiffOption::None, 1) => Some(x + 1),
            (CellDiffOption::None, 2) if terminals_agree_wide(cell.symbol()) => Some(x + 2),
            _ => None,
        };
        x += span;
    }
    bytes
}

/// About the bytes of setting a colour: `ESC[39m`, `ESC[38;5;123m`, `ESC[38;2;1;2;3m`.
fn color_bytes(color: Option<Color>) -> usize {
    match color {
        None | Some(Color::Reset) => 5,
        Some(Color::Rgb(..)) => 19,
        Some(_) => 11,
    }
}

/// Moves `rows` of `buf` up (or down) by `lines`, filling the rows that come in with blank
/// cells: what the terminal does to its screen for SU (SD) in a scroll region.
fn shift(buf: &mut Buffer, rows: &Range<u16>, lines: u16, up: bool) {
    let width = usize::from(buf.area.width);
    let top = usize::from(rows.start.saturating_sub(buf.area.y));
    let bottom = usize::from(rows.end.saturating_sub(buf.area.y));
    let Some(region) = buf.content.get_mut(top * width..bottom * width) else {
        return;
    };
    let moved = (usize::from(lines) * width).min(region.len());
    let len = region.len();
    if up {
        region.rotate_left(moved);
        region[len - moved..].fill(Cell::EMPTY);
    } else {
        region.rotate_right(moved);
        region[..moved].fill(Cell::EMPTY);
    }
}

/// The bytes the crossterm backend writes to scroll `rows` by `lines`.
fn scroll_bytes(rows: &Range<u16>, lines: u16, up: bool) -> usize {
    let (mut backend, count) = counting_backend();
    // Writing to a sink does not fail.
    let _ = if up {
        backend.scroll_region_up(rows.clone(), lines)
    } else {
        backend.scroll_region_down(rows.clone(), lines)
    };
    count.get()
}

/// Draws the cells of `next` that differ from `previous` (nothing at all if none do);
/// returns how many cells changed.
///
/// A backend that tracks the cursor (crossterm's, termion's) moves it (`ESC[row;colH`, 6 to
/// 9 bytes) before any cell that does not follow the one it wrote last. Two cheap ways
/// around that are taken where they are safe:
///
/// - between two changed CJK characters side by side, the diff skips the column the first
///   covers, so the backend would move the cursor before every character (3 bytes of text,
///   up to 9 of escapes). The covered column goes to the backend too, as a cell with an empty
///   symbol and the character's style: it prints nothing, and the backend knows the cursor
///   is already where the next character goes. Only after characters every terminal draws
///   two columns wide (see [`terminals_agree_wide`]); after any other wide grapheme the
///   backend still moves the cursor, in case the terminal measures it otherwise.
/// - a gap of up to [`MAX_GAP`] unchanged one-byte cells in the same style (the space
///   between two changed words) is written again rather than jumped over.
///
/// A backend that keeps cells (`TestBackend`) ends up with empty symbols in some cells that a
/// wide character covers, which nothing shows.
fn draw_diff<B: Backend>(
    backend: &mut B,
    previous: &Buffer,
    next: &Buffer,
) -> Result<usize, B::Error> {
    let diff = previous.diff(next);
    if diff.is_empty() {
        return Ok(0);
    }
    let joins: Vec<Option<Join>> = (0..diff.len()).map(|i| join(&diff, i, next)).collect();
    let bridges: Vec<Cell> = joins
        .iter()
        .zip(&diff)
        .filter(|(j, _)| j.as_ref().is_some_and(|j| j.bridge))
        .map(|(_, (_, _, cell))| {
            let mut bridge = Cell::EMPTY;
            bridge.set_symbol("").set_style(cell.style());
            bridge
        })
        .collect();
    let mut bridge = bridges.iter();
    let mut updates = Vec::with_capacity(diff.len() + bridges.len());
    for (&(x, y, cell), join) in diff.iter().zip(&joins) {
        updates.push((x, y, cell));
        let Some(join) = join else {
            continue;
        };
        if join.bridge
            && let Some(empty) = bridge.next()
        {
            updates.push((x + 1, y, empty));
        }
        for gap in join.gap.clone() {
            updates.push((gap, y, &next[(gap, y)]));
        }
    }
    backend.draw(updates.into_iter())?;
    Ok(diff.len())
}

/// The most unchanged cells written again to save a cursor move (which takes at least 6).
const MAX_GAP: u16 = 4;

/// How update `i` of `diff` joins the next one on its row without a cursor move.
struct Join {
    /// Send the column the (wide) cell covers as an empty cell.
    bridge: bool,
    /// Unchanged cells to write again.
    gap: Range<u16>,
}

fn join(diff: &[(u16, u16, &Cell)], i: usize, next: &Buffer) -> Option<Join> {
    let (x, y, cell) = diff[i];
    let &(next_x, next_y, _) = diff.get(i + 1)?;
    if next_y != y || cell.diff_option != CellDiffOption::None {
        return None;
    }
    let advance = match width_of(cell) {
        1 => 1,
        2 if terminals_agree_wide(cell.symbol()) => 2,
        _ => return None,
    };
    let after = x.checked_add(advance)?;
    if next_x < after || next_x - after > MAX_GAP {
        return None;
    }
    let style = cell.style();
    let plain = |gap: u16| {
        let c = &next[(gap, y)];
        c.diff_option == CellDiffOption::None
            && width_of(c) == 1
            && c.symbol().len() == 1
            && c.style() == style
            && width_of(&next[(gap - 1, y)]) <= 1
    };
    if !(after..next_x).all(plain) {
        return None;
    }
    Some(Join {
        bridge: advance == 2,
        gap: after..next_x,
    })
    .filter(|j| j.bridge || !j.gap.is_empty())
}

/// `cell.cell_width()`, without measuring the common cases: ASCII, and CJK characters.
fn width_of(cell: &Cell) -> u16 {
    let symbol = cell.symbol();
    if symbol.len() == 1 {
        1
    } else if terminals_agree_wide(symbol) {
        2
    } else {
        cell.cell_width()
    }
}

/// Whether `symbol` is one character that every terminal draws two columns wide: Hangul
/// jamo and syllables, CJK ideographs, kana, CJK punctuation and fullwidth forms, all wide
/// since Unicode 1 (unlike emoji, which terminals still disagree on). The circled numbers on
/// black squares (U+3248..U+324F) are ambiguous-width, so they are left out.
fn terminals_agree_wide(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    matches!(
        c,
        '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{303E}'
            | '\u{3041}'..='\u{3247}'
            | '\u{3250}'..='\u{33FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{A000}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
            | '\u{20000}'..='\u{2FFFD}'
            | '\u{30000}'..='\u{3FFFD}'
    )
}

/// A writer that counts the bytes written through it, readable through a [`ByteCount`]
/// while a backend owns the writer.
#[derive(Debug, Default)]
pub struct CountingWriter<W> {
    inner: W,
    count: ByteCount,
}

impl<W> CountingWriter<W> {
    #[must_use]
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            count: ByteCount::default(),
        }
    }

    /// A handle on the count that stays readable after the writer is moved into a backend.
    #[must_use]
    pub fn count(&self) -> ByteCount {
        self.count.clone()
    }

    #[must_use]
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.count.0.fetch_add(written, Ordering::Relaxed);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The number of bytes a [`CountingWriter`] has written; clones share it.
#[derive(Debug, Clone, Default)]
pub struct ByteCount(Arc<AtomicUsize>);

impl ByteCount {
    /// Bytes written so far.
    #[must_use]
    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// Bytes written since the last `take` (or the start); counting starts again from 0.
    #[must_use]
    pub fn take(&self) -> usize {
        self.0.swap(0, Ordering::Relaxed)
    }
}

/// A crossterm backend that writes nowhere and counts what it would have written.
fn counting_backend() -> (CrosstermBackend<CountingWriter<io::Sink>>, ByteCount) {
    let writer = CountingWriter::new(io::sink());
    let count = writer.count();
    (CrosstermBackend::new(writer), count)
}

/// What decides whether the reading pane or the list scrolled between two frames: if
/// everything about the pane but `pane_top` is the same, the pane's rows moved by the
/// difference; if the list's place and size are the same, its rows moved by the change of
/// `list_top` (the selection may have moved too: the diff draws that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    size: (u16, u16),
    focus: Focus,
    overlay: Overlay,
    searching: bool,
    pane: Option<Area>,
    /// The article shown and the width and ambiguous width it is laid out for.
    document: Option<(ArticleRef, usize, AmbiguousWidth)>,
    pane_top: usize,
    list: Option<Area>,
    list_top: usize,
}

impl ViewState {
    /// The pane and the list as `reader` shows them now.
    #[must_use]
    pub fn of(reader: &Reader) -> Self {
        let screen = reader.screen();
        let shown = |area: Option<Area>| area.filter(|_| !screen.too_small);
        Self {
            size: reader.size,
            focus: reader.focus,
            overlay: reader.overlay,
            searching: reader.results.is_some(),
            pane: shown(screen.pane),
            document: reader
                .document
                .as_ref()
                .map(|d| (d.article, d.width, d.ambiguous)),
            pane_top: reader.pane_top,
            list: shown(screen.list),
            list_top: reader.list_top,
        }
    }

    /// The scroll from this state to `now`: the pane's rows, if the pane scrolled by less
    /// than its height and nothing else about it changed; else the list's rows, if the list
    /// (not search results) scrolled by less than its height. `None` when an overlay is up.
    #[must_use]
    pub fn scroll_to(&self, now: &Self) -> Option<Scroll> {
        let same_screen = self.size == now.size
            && self.focus == now.focus
            && self.overlay == Overlay::None
            && now.overlay == Overlay::None
            && self.searching == now.searching;
        if !same_screen {
            return None;
        }
        let same_pane = self.pane == now.pane && self.document == now.document;
        if same_pane && self.pane_top != now.pane_top {
            return scroll_of(now.pane?, self.pane_top, now.pane_top);
        }
        if self.list == now.list && !now.searching && self.list_top != now.list_top {
            return scroll_of(now.list?, self.list_top, now.list_top);
        }
        None
    }
}

/// `area`'s rows moved by `to - from` lines, if that is less than its height.
fn scroll_of(area: Area, from: usize, to: usize) -> Option<Scroll> {
    let lines = i64::try_from(to).ok()? - i64::try_from(from).ok()?;
    if lines == 0 || lines.unsigned_abs() >= u64::from(area.height) {
        return None;
    }
    Some(Scroll {
        rows: area.y..area.y + area.height,
        lines: i32::try_from(lines).ok()?,
    })
}

/// The reader's frames as its loop draws them: the reader rendered into a fresh buffer and
/// drawn by a [`FrameWriter`], with the pane's (or the list's) scroll since the last frame
/// as the hint.
#[derive(Debug, Default)]
pub struct ReaderFrames {
    writer: FrameWriter,
    /// The pane and the list at the last frame drawn.
    shown: Option<ViewState>,
}

impl ReaderFrames {
    #[must_use]
    pub fn new(strategy: Strategy) -> Self {
        Self {
            writer: FrameWriter::with_strategy(strategy),
            shown: None,
        }
    }

    /// Renders `reader` and draws it to `backend`, writing only what changed.
    pub fn draw<B: Backend>(
        &mut self,
        backend: &mut B,
        reader: &Reader,
        library: &Library,
        theme: &Theme,
    ) -> Result<FrameReport, B::Error> {
        let now = ViewState::of(reader);
        let scroll = self
            .shown
            .as_ref()
            .and_then(|before| before.scroll_to(&now));
        let mut frame = Buffer::empty(Rect::new(0, 0, reader.size.0, reader.size.1));
        ui::render(reader, library, theme, &mut frame);
        let report = self.writer.draw(backend, frame, scroll.as_ref());
        self.shown = report.is_ok().then_some(now);
        report
    }

    /// The next frame clears the screen and draws everything (see [`FrameWriter::invalidate`]).
    pub fn invalidate(&mut self) {
        self.writer.invalidate();
    }
}

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
