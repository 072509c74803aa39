//! The reader's view between frames, and the scroll hint it gives the writer.

use super::{
    AmbiguousWidth, Area, ArticleRef, Focus, FrameReport, FrameWriter, Library, Overlay, Reader,
    Rect, Scroll, ScrollMargins, Strategy, Theme, ui,
};

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
    /// [`Reader::repaints`]: a change asks for the whole screen to be drawn again.
    repaints: u32,
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
            repaints: reader.repaints,
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

/// `area` moved by `to - from` lines, if that is less than its height.
pub(super) fn scroll_of(area: Area, from: usize, to: usize) -> Option<Scroll> {
    let lines = i64::try_from(to).ok()? - i64::try_from(from).ok()?;
    if lines == 0 || lines.unsigned_abs() >= u64::from(area.height) {
        return None;
    }
    Some(Scroll {
        rows: area.y..area.y + area.height,
        cols: area.x..area.x + area.width,
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

    /// Says whether the terminal has left and right margins (see [`FrameWriter::set_margins`]).
    pub fn set_margins(&mut self, margins: bool) {
        self.writer.set_margins(margins);
    }

    /// Renders `reader` and draws it to `backend`, writing only what changed.
    pub fn draw<B: ScrollMargins>(
        &mut self,
        backend: &mut B,
        reader: &Reader,
        library: &Library,
        theme: &Theme,
    ) -> Result<FrameReport, B::Error> {
        let now = ViewState::of(reader);
        if self
            .shown
            .as_ref()
            .is_some_and(|before| before.repaints != now.repaints)
        {
            self.writer.invalidate();
        }
        let scroll = self
            .shown
            .as_ref()
            .and_then(|before| before.scroll_to(&now));
        let mut frame = self
            .writer
            .blank(Rect::new(0, 0, reader.size.0, reader.size.1));
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
