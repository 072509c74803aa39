//! Estimating the bytes an update costs, to choose between a plain diff and a scroll.

use super::{
    Backend, Buffer, Cell, CellDiffOption, Color, MAX_GAP, Range, counting_backend,
    terminals_agree_wide, width_of,
};

/// How a frame turns what the terminal shows into the next frame, after any scroll: rows
/// erased to their end first (EL), then the cells that still differ.
pub(super) struct Plan {
    /// What the terminal shows once the rows are erased.
    pub(super) base: Buffer,
    /// Erase row `y` from column `x` to its end, for each `(x, y)`.
    pub(super) erase: Vec<(u16, u16)>,
    /// About the bytes the crossterm backend writes for the erasing and the cells.
    pub(super) bytes: usize,
}

/// Plans turning `base` into `next`, row by row: either the row's changed cells, or, when
/// that takes more bytes, erasing the row from its first change (`ESC[K`, which blanks
/// cells for free) and writing what is not blank. When most of a row changes (another
/// article in the pane, a page down) rewriting text over text costs a cursor move at every
/// cell that happens to stay the same, and blanking old text costs a space per cell.
pub(super) fn plan(mut base: Buffer, next: &Buffer) -> Plan {
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
pub(super) const ERASE_BYTES: usize = 3;
/// What ratatui's crossterm backend sends after the cells of every draw: colours, underline
/// colour and attributes reset.
pub(super) const RESET_BYTES: usize = 19;

/// `ESC[row;colH`.
pub(super) fn move_bytes(x: usize, y: u16) -> usize {
    let digits = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    4 + digits(usize::from(y) + 1) + digits(x + 1)
}

/// About the bytes ratatui's crossterm backend sends, with [`draw_diff`]'s joins, to turn a
/// row whose cells are `old(x)` into `new` (row `y`): the changed cells' text, a cursor move
/// before each that does not follow the last, and the colour and attribute changes. A model
/// of the encoding, not the encoding itself, so that planning a frame costs far less than
/// drawing it; close enough to choose between two plans.
pub(super) fn row_bytes<'a>(old: impl Fn(usize) -> &'a Cell, new: &[Cell], y: u16) -> usize {
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
pub(super) fn color_bytes(color: Option<Color>) -> usize {
    match color {
        None | Some(Color::Reset) => 5,
        Some(Color::Rgb(..)) => 19,
        Some(_) => 11,
    }
}

/// Moves `rows` of `buf` up (or down) by `lines`, filling the rows that come in with blank
/// cells: what the terminal does to its screen for SU (SD) in a scroll region.
pub(super) fn shift(buf: &mut Buffer, rows: &Range<u16>, lines: u16, up: bool) {
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
pub(super) fn scroll_bytes(rows: &Range<u16>, lines: u16, up: bool) -> usize {
    let (mut backend, count) = counting_backend();
    // Writing to a sink does not fail.
    let _ = if up {
        backend.scroll_region_up(rows.clone(), lines)
    } else {
        backend.scroll_region_down(rows.clone(), lines)
    };
    count.get()
}
