//! Scrolls the terminal can do: whole rows in a scroll region (DECSTBM), or only some columns
//! of them between left and right margins (DECLRMM and DECSLRM), and what each costs.
//!
//! Terminal scroll regions span the whole width, so scrolling the reading pane beside the
//! list moves the list too, and the list has to be written back (about 1 KB at 80×24). A
//! VT420 and the terminals that followed it there (xterm, `WezTerm`, `iTerm2`, Windows Terminal,
//! mlterm, contour; not tmux, screen, VTE, kitty, alacritty or the Linux console) also have
//! left and right margins: then only the pane's columns move. The margins only exist while
//! mode 69 (DECLRMM) is set, and while it is, `ESC [ s` sets margins instead of saving the
//! cursor, so the mode is set just for the scroll and reset right after it, with the margins
//! back at the screen's edges.

use std::io::{self, Write};
use std::ops::Range;

use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};

use super::cost::digits;
use super::emit::width_of;
use super::model::{Move, OldRow};

/// Rows whose content moved up or down since the previous frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    /// The rows that moved.
    pub rows: Range<u16>,
    /// The columns that moved (the pane's, or the list's). A terminal with left and right
    /// margins can scroll just these; others scroll the rows' whole width.
    pub cols: Range<u16>,
    /// How many lines the content moved up: positive when the reader scrolled down the text
    /// (the text moves up the screen), negative when it scrolled back.
    pub lines: i32,
}

impl Scroll {
    /// The scrolls the terminal can do for this one in a `width` × `height` screen (inside
    /// the screen, by at least one line and by fewer lines than the region has): with
    /// `margins`, moving only `cols` first (when they are not the whole width), then moving
    /// whole rows.
    pub(super) fn moves(&self, width: u16, height: u16, margins: bool) -> Vec<Move> {
        let rows = self.rows.start..self.rows.end.min(height);
        let Ok(lines) = u16::try_from(self.lines.unsigned_abs()) else {
            return Vec::new();
        };
        if lines == 0 || rows.start >= rows.end || lines >= rows.end - rows.start {
            return Vec::new();
        }
        let up = self.lines > 0;
        let whole = Move {
            rows: rows.clone(),
            cols: 0..width,
            lines,
            up,
        };
        let cols = self.cols.start.min(width)..self.cols.end.min(width);
        // DECSLRM ignores margins less than two columns apart: the scroll would then move the
        // whole rows, not what was planned.
        let part = (margins && cols.end.saturating_sub(cols.start) >= 2 && cols != (0..width))
            .then_some(Move {
                rows,
                cols,
                lines,
                up,
            });
        part.into_iter().chain([whole]).collect()
    }
}

/// A backend that can scroll some columns of some rows: left and right margins.
///
/// Only called when the terminal said it has them ([`super::FrameWriter::set_margins`]).
pub trait ScrollMargins: Backend {
    /// Moves the cells of `rows` × `cols` up (or down) by `lines`, blanking the lines that
    /// come in, and leaves the terminal's margins and modes as they were. The cursor ends up
    /// anywhere.
    fn scroll_margins(
        &mut self,
        rows: Range<u16>,
        cols: Range<u16>,
        lines: u16,
        up: bool,
    ) -> Result<(), Self::Error>;
}

impl<W: Write> ScrollMargins for CrosstermBackend<W> {
    fn scroll_margins(
        &mut self,
        rows: Range<u16>,
        cols: Range<u16>,
        lines: u16,
        up: bool,
    ) -> io::Result<()> {
        self.write_all(margins_sequence(&rows, &cols, lines, up).as_bytes())
    }
}

/// What a terminal with margins is sent: DECLRMM on, DECSTBM and DECSLRM (both move the
/// cursor home), SU or SD, DECSLRM back to the whole width (`ESC [ s` while DECLRMM is on),
/// DECLRMM off, DECSTBM back to the whole height.
pub(super) fn margins_sequence(
    rows: &Range<u16>,
    cols: &Range<u16>,
    lines: u16,
    up: bool,
) -> String {
    format!(
        "\x1b[?69h\x1b[{};{}r\x1b[{};{}s\x1b[{lines}{}\x1b[s\x1b[?69l\x1b[r",
        rows.start + 1,
        rows.end,
        cols.start + 1,
        cols.end,
        if up { 'S' } else { 'T' },
    )
}

/// `TestBackend` keeps cells, not a screen: it moves them by writing them where they go.
impl ScrollMargins for TestBackend {
    fn scroll_margins(
        &mut self,
        rows: Range<u16>,
        cols: Range<u16>,
        lines: u16,
        up: bool,
    ) -> Result<(), Self::Error> {
        let moved = Move {
            rows: rows.clone(),
            cols: cols.clone(),
            lines,
            up,
        };
        let buf = self.buffer();
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for y in rows {
            if let Some(row) = OldRow::of(buf, Some(&moved), y) {
                for x in cols.clone() {
                    cells.push((x, y, row.get(usize::from(x)).clone()));
                }
            }
        }
        self.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }
}

/// The bytes of doing `m` on a `width`-column screen: for whole rows
/// `ESC[top;bottomr ESC[nS ESC[r` (ratatui's crossterm backend), else
/// [`margins_sequence`].
pub(super) fn move_bytes(m: &Move, width: u16) -> usize {
    let region = 4 + digits(usize::from(m.rows.start) + 1) + digits(usize::from(m.rows.end));
    let scroll = 3 + digits(usize::from(m.lines));
    if m.cols == (0..width) {
        return region + scroll + 3;
    }
    let margins = 4 + digits(usize::from(m.cols.start) + 1) + digits(usize::from(m.cols.end));
    // DECLRMM on and off, DECSLRM and DECSTBM back.
    region + margins + scroll + 6 + 6 + 3 + 3
}

/// Whether scrolling `m`'s columns would cut a wide character of `previous` in two (one that
/// starts just left of the left margin, or just left of the right one): terminals do not
/// agree on what becomes of the halves, so such a scroll is not modelled. Never for whole
/// rows, nor in the reader's layout (a rule and a blank column between list and pane).
pub(super) fn cuts_wide(previous: &Buffer, m: &Move) -> bool {
    let width = previous.area.width;
    if m.cols == (0..width) {
        return false;
    }
    let edges = [m.cols.start.checked_sub(1), m.cols.end.checked_sub(1)];
    m.rows.clone().any(|y| {
        edges.iter().flatten().any(|&x| {
            x + 1 < width
                && previous
                    .cell((previous.area.x + x, previous.area.y + y))
                    .is_some_and(|cell| width_of(cell) > 1)
        })
    })
}

/// Does `m` on `backend`.
pub(super) fn scroll<B: ScrollMargins>(
    backend: &mut B,
    m: &Move,
    width: u16,
) -> Result<(), B::Error> {
    if m.cols != (0..width) {
        backend.scroll_margins(m.rows.clone(), m.cols.clone(), m.lines, m.up)
    } else if m.up {
        backend.scroll_region_up(m.rows.clone(), m.lines)
    } else {
        backend.scroll_region_down(m.rows.clone(), m.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::super::counting_backend;
    use super::*;

    #[test]
    fn a_moves_bytes_are_what_the_backend_writes() {
        let cases = [
            (0..23, 0..80, 1),
            (3..120, 0..80, 12),
            (0..2, 0..80, 1),
            (9..10, 0..80, 100),
            (0..23, 25..80, 1),
            (0..59, 70..200, 3),
            (0..9, 0..9, 1),
        ];
        for (rows, cols, lines) in cases {
            for up in [true, false] {
                let (mut backend, count) = counting_backend();
                let m = Move {
                    rows: rows.clone(),
                    cols: cols.clone(),
                    lines,
                    up,
                };
                scroll(&mut backend, &m, 80).expect("a sink");
                assert_eq!(
                    move_bytes(&m, 80),
                    count.get(),
                    "{rows:?} × {cols:?} by {lines}"
                );
            }
        }
    }

    #[test]
    fn the_margins_are_set_only_around_the_scroll() {
        assert_eq!(
            margins_sequence(&(0..23), &(25..80), 1, true),
            "\x1b[?69h\x1b[1;23r\x1b[26;80s\x1b[1S\x1b[s\x1b[?69l\x1b[r"
        );
        assert_eq!(
            margins_sequence(&(2..5), &(0..24), 2, false),
            "\x1b[?69h\x1b[3;5r\x1b[1;24s\x1b[2T\x1b[s\x1b[?69l\x1b[r"
        );
    }

    #[test]
    fn margins_only_when_they_help() {
        let scroll = Scroll {
            rows: 0..23,
            cols: 25..80,
            lines: 1,
        };
        let moves = scroll.moves(80, 24, true);
        assert_eq!(moves.len(), 2);
        assert_eq!(moves[0].cols, 25..80);
        assert_eq!(moves[1].cols, 0..80);
        assert_eq!(scroll.moves(80, 24, false).len(), 1);
        let whole = Scroll {
            cols: 0..80,
            ..scroll.clone()
        };
        assert_eq!(whole.moves(80, 24, true).len(), 1);
        let one_column = Scroll {
            cols: 5..6,
            ..scroll.clone()
        };
        assert_eq!(one_column.moves(80, 24, true).len(), 1);
        let page = Scroll {
            lines: -23,
            ..scroll
        };
        assert!(page.moves(80, 24, true).is_empty());
    }

    #[test]
    fn no_margins_through_a_wide_character() {
        let previous = Buffer::with_lines(["a看bc", "abcde"]);
        let at = |cols| Move {
            rows: 0..2,
            cols,
            lines: 1,
            up: true,
        };
        // 看 covers columns 1 and 2: a margin between them cuts it.
        assert!(cuts_wide(&previous, &at(2..5)));
        assert!(cuts_wide(&previous, &at(0..2)));
        assert!(!cuts_wide(&previous, &at(3..5)));
        assert!(!cuts_wide(&previous, &at(0..1)));
        assert!(!cuts_wide(&previous, &at(1..3)));
        assert!(!cuts_wide(&previous, &at(0..5)));
    }

    #[test]
    fn test_backend_moves_the_columns() {
        let mut backend = TestBackend::with_lines(["1ab", "2cd", "3ef"]);
        backend
            .scroll_margins(0..3, 1..3, 1, true)
            .expect("infallible");
        backend.assert_buffer_lines(["1cd", "2ef", "3  "]);
        backend
            .scroll_margins(0..3, 1..2, 1, false)
            .expect("infallible");
        backend.assert_buffer_lines(["1 d", "2cf", "3e "]);
    }
}
