//! Estimating the bytes an update costs, to choose between a plain diff and scrolls.

use super::model::{Move, OldRow, same};
use super::scroll::move_bytes;
use super::{
    Buffer, Cell, CellDiffOption, CellWidth, Color, MAX_GAP, terminals_agree_wide, width_of,
};

/// How a frame turns what the terminal shows into the next frame: an optional scroll, then
/// rows erased to their end (EL), then the cells that still differ.
#[derive(Debug)]
pub(super) struct Plan {
    /// The scroll done first, if any.
    pub(super) moved: Option<Move>,
    /// The rows that differ after the scroll: the only ones the diff has to look at.
    pub(super) rows: Vec<RowPlan>,
    /// About the bytes the crossterm backend writes for all of it.
    pub(super) bytes: usize,
}

/// What changes in one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowPlan {
    pub(super) y: u16,
    /// The changes are in the columns `from..to` (a narrow character replacing a wide one may
    /// also rewrite the column after `to`); `from` is never the second column of a wide
    /// character.
    pub(super) from: u16,
    pub(super) to: u16,
    /// The row is blank from `from` on before the cells are written: erased (EL), or the
    /// whole screen cleared.
    pub(super) erase: bool,
}

/// Plans turning `previous`, moved by `moved`, into `next`, row by row: either the row's
/// changed cells, or, when that takes more bytes, erasing the row from its first change
/// (`ESC[K`, which blanks cells for free) and writing what is not blank. When most of a row
/// changes (another article in the pane, a page down) rewriting text over text costs a cursor
/// move at every cell that happens to stay the same, and blanking old text costs a space per
/// cell.
///
/// Gives up, returning `None`, as soon as the plan is sure to cost more than `budget` bytes:
/// the caller only wants it if it beats a plan it already has. Rows that did not change cost
/// one quick comparison each; only the rows that did are modelled byte by byte. Whether
/// erasing a row pays is worked out last, for the rows where it might, once the plan is
/// known to be worth it: a plan that loses (the plain update beside a line scroll, which
/// would erase every row of the pane) is given up on the cheaper estimate that erasing costs
/// at least its escape and the row's text.
pub(super) fn plan(
    previous: &Buffer,
    moved: Option<Move>,
    next: &Buffer,
    budget: usize,
) -> Option<Plan> {
    let width = usize::from(next.area.width);
    let mut rows = Vec::new();
    // Rows where erasing might pay: their index in `rows`, the bytes of keeping them and the
    // least bytes of erasing them.
    let mut maybe_erase = Vec::new();
    // The bytes of the rows, counting erasing at its least where it might pay.
    let mut least = 0;
    let scroll = moved.as_ref().map_or(0, |m| move_bytes(m, next.area.width));
    let total = |cells: usize| scroll + cells + if cells > 0 { RESET_BYTES } else { 0 };
    for y in 0..next.area.height {
        let start = usize::from(y) * width;
        let (Some(old), Some(new)) = (
            OldRow::of(previous, moved.as_ref(), y),
            next.content.get(start..start + width),
        ) else {
            break;
        };
        let Some(mut x) = old.first_change(new) else {
            continue;
        };
        // Never erase from the second column of a wide character: terminals erase all of it.
        while x > 0 && (width_of(old.get(x - 1)) > 1 || width_of(&new[x - 1]) > 1) {
            x -= 1;
        }
        let keep = row_bytes(|i| old.get(i), new, y, x);
        // Erasing costs its escape and at least the text after it: often more than keeping.
        let erasing = cursor_bytes(x, y) + ERASE_BYTES + keep.text;
        if erasing < keep.bytes {
            maybe_erase.push((rows.len(), keep.bytes, erasing));
        }
        least += keep.bytes.min(erasing);
        rows.push(RowPlan {
            y,
            from: x as u16,
            to: keep.to as u16,
            erase: false,
        });
        if total(least) > budget {
            return None;
        }
    }
    let mut bytes = least;
    for (i, keep, erasing) in maybe_erase {
        let row = &mut rows[i];
        let (x, y) = (usize::from(row.from), row.y);
        let start = usize::from(y) * width;
        let (Some(old), Some(new)) = (
            OldRow::of(previous, moved.as_ref(), y),
            next.content.get(start..start + width),
        ) else {
            continue;
        };
        let escape = cursor_bytes(x, y) + ERASE_BYTES;
        let fresh = row_bytes(|i| if i < x { old.get(i) } else { &BLANK }, new, y, x);
        // Counted at `erasing` so far; now at what it costs.
        bytes -= erasing;
        if escape + fresh.bytes < keep {
            bytes += escape + fresh.bytes;
            row.erase = true;
            row.to = fresh.to as u16;
        } else {
            bytes += keep;
        }
    }
    (total(bytes) <= budget).then(|| Plan {
        moved,
        rows,
        bytes: total(bytes),
    })
}

/// A cell's text, or nothing if it is blank (decided by its symbol but for spaces).
fn text_of(cell: &Cell) -> usize {
    match cell.symbol() {
        " " if same(cell, &BLANK) => 0,
        symbol => symbol.len(),
    }
}

/// The blank cell: what erasing leaves.
static BLANK: Cell = Cell::EMPTY;

/// `ESC[K`.
pub(super) const ERASE_BYTES: usize = 3;
/// What ratatui's crossterm backend sends after the cells of every draw: colours, underline
/// colour and attributes reset.
pub(super) const RESET_BYTES: usize = 19;

/// Decimal digits of `n`.
pub(super) fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `ESC[row;colH`.
pub(super) fn cursor_bytes(x: usize, y: u16) -> usize {
    4 + digits(usize::from(y) + 1) + digits(x + 1)
}

/// What turning a row into the next frame's costs, as [`row_bytes`] finds.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowCost {
    /// About the bytes written.
    pub(super) bytes: usize,
    /// The bytes of the row's text that is not blank, changed or not: what writing it on an
    /// erased row costs at least.
    pub(super) text: usize,
    /// One past the last column that changes.
    pub(super) to: usize,
}

/// About the bytes ratatui's crossterm backend sends, with [`super::emit`]'s joins, to turn a
/// row whose cells are `old(x)` into `new` (row `y`), where the cells before column `from`
/// are the same: the changed cells' text, a cursor move before each that does not follow
/// the last, and the colour and attribute changes. A model of the encoding, not the encoding
/// itself, so that planning a frame costs far less than drawing it; close enough to choose
/// between two plans.
pub(super) fn row_bytes<'a>(
    old: impl Fn(usize) -> &'a Cell,
    new: &[Cell],
    y: u16,
    from: usize,
) -> RowCost {
    let (mut bytes, mut text, mut to) = (0, 0, from);
    // Where the terminal's cursor is after the last cell written, if known.
    let mut cursor: Option<usize> = None;
    let mut pen = Cell::EMPTY.style();
    let mut x = from;
    while x < new.len() {
        let cell = &new[x];
        if same(old(x), cell) || cell.diff_option == CellDiffOption::Skip {
            // The columns a same wide character covers are the same too.
            text += text_of(cell);
            x += 1;
            continue;
        }
        let symbol = cell.symbol();
        // Whether the terminal's cursor is sure to end up after the cell (see `join`).
        let (span, follows) = match cell.diff_option {
            CellDiffOption::ForcedWidth(w) => (usize::from(w.get()), false),
            _ if symbol.len() == 1 => (1, true),
            _ if terminals_agree_wide(symbol) => (2, true),
            _ => {
                let width = usize::from(cell.cell_width()).max(1);
                (width, width == 1)
            }
        };
        text += new[x..(x + span).min(new.len())]
            .iter()
            .map(text_of)
            .sum::<usize>();
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
            _ => cursor_bytes(x, y),
        };
        let style = cell.style();
        if style.add_modifier != pen.add_modifier {
            bytes += 5 * (style.add_modifier ^ pen.add_modifier).bits().count_ones() as usize;
        }
        if style.fg != pen.fg || style.bg != pen.bg {
            bytes += color_bytes(style.fg) + color_bytes(style.bg);
        }
        pen = style;
        bytes += symbol.len();
        cursor = (follows && cell.diff_option == CellDiffOption::None).then_some(x + span);
        x += span;
        to = x.min(new.len());
    }
    RowCost { bytes, text, to }
}

/// About the bytes of setting a colour: `ESC[39m`, `ESC[38;5;123m`, `ESC[38;2;1;2;3m`.
pub(super) fn color_bytes(color: Option<Color>) -> usize {
    match color {
        None | Some(Color::Reset) => 5,
        Some(Color::Rgb(..)) => 19,
        Some(_) => 11,
    }
}
