//! The screen as the terminal shows it after a scroll, read straight from the previous frame.
//!
//! Planning compares every row of the next frame with what the terminal would show once it
//! has scrolled, and the diff that is written compares the rows that changed once more.
//! Building that screen (a copy of the previous frame, shifted) cost more than the comparing;
//! [`OldRow`] reads the shifted screen out of the previous frame by index instead.

use super::{Buffer, Cell, Range};

/// A scroll the terminal can do: the cells of `rows` × `cols` move up (or down) by `lines`,
/// and the lines that come in are blank. `cols` is the whole width for a scroll region
/// (DECSTBM), part of it with left and right margins (DECSLRM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Move {
    pub(super) rows: Range<u16>,
    pub(super) cols: Range<u16>,
    pub(super) lines: u16,
    /// The content moves up the screen (SU), as when reading on.
    pub(super) up: bool,
}

impl Move {
    /// The row of the previous frame that row `y` shows in `cols` after the move: `y` itself
    /// outside `rows`, `None` for a line that came in blank.
    fn source(&self, y: u16) -> Option<u16> {
        if !self.rows.contains(&y) {
            return Some(y);
        }
        let from = if self.up {
            y.checked_add(self.lines)?
        } else {
            y.checked_sub(self.lines)?
        };
        self.rows.contains(&from).then_some(from)
    }
}

/// The blank a scroll brings in (what SU/SD fill with: default colours, no text).
static BLANK: Cell = Cell::EMPTY;

/// Row `y` of the screen after a [`Move`] of the previous frame, without copying it: the
/// row's own cells outside the moved columns, its source row's (or blanks) inside them.
pub(super) struct OldRow<'a> {
    own: &'a [Cell],
    /// The row the moved columns come from; `None` when they came in blank.
    moved: Option<&'a [Cell]>,
    /// The moved columns; empty when the row did not move.
    cols: Range<usize>,
}

impl<'a> OldRow<'a> {
    /// Row `y` of `previous` after `moved`, or `None` if `previous` has no such row.
    pub(super) fn of(previous: &'a Buffer, moved: Option<&Move>, y: u16) -> Option<Self> {
        let own = row(previous, y)?;
        let Some(m) = moved.filter(|m| m.rows.contains(&y)) else {
            return Some(Self {
                own,
                moved: None,
                cols: 0..0,
            });
        };
        let cols = usize::from(m.cols.start).min(own.len())..usize::from(m.cols.end).min(own.len());
        let moved = match m.source(y) {
            Some(from) => Some(row(previous, from)?),
            None => None,
        };
        Some(Self { own, moved, cols })
    }

    /// The cell at column `x`.
    #[inline]
    pub(super) fn get(&self, x: usize) -> &'a Cell {
        if self.cols.contains(&x) {
            self.moved.map_or(&BLANK, |row| &row[x])
        } else {
            &self.own[x]
        }
    }

    /// The first column where `new` differs from this row, if any.
    pub(super) fn first_change(&self, new: &[Cell]) -> Option<usize> {
        let len = self.own.len().min(new.len());
        let (left, right) = (self.cols.start.min(len), self.cols.end.min(len));
        if let Some(x) = first_difference(&self.own[..left], &new[..left]) {
            return Some(x);
        }
        let inside = match self.moved {
            Some(row) => first_difference(&row[left..right], &new[left..right]),
            None => new[left..right].iter().position(|c| !same(c, &BLANK)),
        };
        if let Some(x) = inside {
            return Some(left + x);
        }
        first_difference(&self.own[right..len], &new[right..len]).map(|x| right + x)
    }
}

/// Row `y` of `buf`.
fn row(buf: &Buffer, y: u16) -> Option<&[Cell]> {
    let width = usize::from(buf.area.width);
    let start = usize::from(y.checked_sub(buf.area.y)?) * width;
    buf.content.get(start..start + width)
}

fn first_difference(old: &[Cell], new: &[Cell]) -> Option<usize> {
    old.iter().zip(new).position(|(a, b)| !same(a, b))
}

/// `a == b`, faster: the comparison of symbols that almost always decides it (one ASCII byte,
/// or the three bytes of a CJK character) is done inline instead of through `memcmp`, and
/// the symbol comes first because it is what differs between two lines of text. Planning
/// compares every cell of the screen two or three times per frame.
#[inline]
#[allow(deprecated, reason = "Cell's `==` compares `skip` too; so must this")]
pub(super) fn same(one: &Cell, other: &Cell) -> bool {
    let symbols = match (one.symbol().as_bytes(), other.symbol().as_bytes()) {
        ([x], [y]) => x == y,
        ([x0, x1, x2], [y0, y1, y2]) => x0 == y0 && x1 == y1 && x2 == y2,
        (mine, theirs) => mine == theirs,
    };
    symbols
        && one.fg == other.fg
        && one.bg == other.bg
        && one.modifier == other.modifier
        && one.underline_color == other.underline_color
        && one.diff_option == other.diff_option
        && one.skip == other.skip
}

/// Does `m` to `buf` in place: what the terminal does to its screen for SU (SD) with those
/// margins. Rows are swapped pairwise down (up) the region, which leaves the rows that leave
/// it where the new lines come in; those are then blanked. The straightforward model that
/// [`OldRow`] is tested against.
#[cfg(test)]
pub(super) fn apply(buf: &mut Buffer, m: &Move) {
    let width = usize::from(buf.area.width);
    let top = usize::from(m.rows.start.saturating_sub(buf.area.y));
    let bottom =
        usize::from(m.rows.end.saturating_sub(buf.area.y)).min(buf.content.len() / width.max(1));
    let cols = usize::from(m.cols.start).min(width)..usize::from(m.cols.end).min(width);
    let lines = usize::from(m.lines);
    if top >= bottom || lines == 0 {
        return;
    }
    let lines = lines.min(bottom - top);
    let span = |y: usize| y * width + cols.start..y * width + cols.end;
    if m.up {
        for y in top..bottom - lines {
            let (upper, lower) = buf.content.split_at_mut((y + lines) * width);
            upper[span(y)].swap_with_slice(&mut lower[span(0)]);
        }
        for y in bottom - lines..bottom {
            buf.content[span(y)].fill(Cell::EMPTY);
        }
    } else {
        for y in (top + lines..bottom).rev() {
            let (upper, lower) = buf.content.split_at_mut(y * width);
            lower[span(0)].swap_with_slice(&mut upper[span(y - lines)]);
        }
        for y in top..top + lines {
            buf.content[span(y)].fill(Cell::EMPTY);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn lines(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    fn moved(rows: Range<u16>, cols: Range<u16>, lines: u16, up: bool) -> Move {
        Move {
            rows,
            cols,
            lines,
            up,
        }
    }

    #[test]
    fn full_width_moves() {
        let mut buf = lines(&["a", "b", "c"]);
        apply(&mut buf, &moved(0..3, 0..1, 1, false));
        assert_eq!(buf, lines(&[" ", "a", "b"]));
        let mut buf = lines(&["a", "b", "c", "d"]);
        apply(&mut buf, &moved(0..3, 0..1, 2, true));
        assert_eq!(buf, lines(&["c", " ", " ", "d"]));
    }

    #[test]
    fn only_the_columns_move() {
        let mut buf = lines(&["1a", "2b", "3c", "4d"]);
        apply(&mut buf, &moved(0..3, 1..2, 1, true));
        assert_eq!(buf, lines(&["1b", "2c", "3 ", "4d"]));
        let mut buf = lines(&["1a", "2b", "3c", "4d"]);
        apply(&mut buf, &moved(1..4, 1..2, 2, false));
        assert_eq!(buf, lines(&["1a", "2 ", "3 ", "4b"]));
    }

    fn cell() -> impl Strategy<Value = Cell> {
        let symbol = prop::sample::select(vec!["a", "b", " ", "", "看", "報", "👩‍💻", "ab"]);
        let color = prop::sample::select(vec![Color::Reset, Color::Red, Color::Rgb(1, 2, 3)]);
        let modifier = prop::sample::select(vec![Modifier::empty(), Modifier::BOLD]);
        (symbol, color.clone(), color, modifier, any::<bool>()).prop_map(
            |(symbol, fg, bg, modifier, blank)| {
                if blank {
                    return Cell::EMPTY;
                }
                let mut cell = Cell::new(symbol);
                cell.fg = fg;
                cell.bg = bg;
                cell.modifier = modifier;
                cell
            },
        )
    }

    proptest! {
        #[test]
        fn same_is_equality(a in cell(), b in cell()) {
            prop_assert_eq!(same(&a, &b), a == b);
        }

        /// Reading rows through `OldRow` sees what `apply` makes of a copy.
        #[test]
        fn old_rows_read_what_apply_makes(
            cells in prop::collection::vec(cell(), 24),
            top in 0u16..4,
            height in 1u16..4,
            left in 0u16..4,
            right in 1u16..=4,
            lines in 1u16..4,
            up in any::<bool>(),
        ) {
            let area = ratatui::layout::Rect::new(0, 0, 4, 6);
            let mut previous = Buffer::empty(area);
            previous.content = cells;
            let m = moved(top..(top + height).min(6), left.min(right - 1)..right, lines, up);
            let mut shifted = previous.clone();
            apply(&mut shifted, &m);
            for y in 0..6 {
                let old = OldRow::of(&previous, Some(&m), y).expect("a row");
                let start = usize::from(y) * 4;
                for x in 0..4 {
                    prop_assert_eq!(old.get(x), &shifted.content[start + x], "({}, {})", x, y);
                }
                let new = &shifted.content[start..start + 4];
                prop_assert_eq!(old.first_change(new), None);
                let unmoved = &previous.content[start..start + 4];
                prop_assert_eq!(
                    old.first_change(unmoved),
                    (0..4).find(|&x| *old.get(x) != unmoved[x])
                );
            }
        }
    }
}
