//! Writing a diff to the backend with as few cursor moves as the terminal needs.

use super::cost::RowPlan;
use super::model::{Move, OldRow, same};
use super::{Backend, Buffer, Cell, CellDiffOption, CellWidth, Color, Modifier, Range};
use crate::text::width_is_disputed;

/// Draws the cells of `next` that differ in `rows` from `previous` moved by `moved` (blank
/// where a row is erased, and everywhere without a `previous`: a cleared screen); nothing at
/// all if none do. Returns how many cells changed.
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
/// After a grapheme whose width terminals disagree on ([`width_is_disputed`]: a lone regional
/// indicator, one column to ratatui, two in many terminals) the cursor is moved for the next
/// cell, and the column after it is always written again: where the terminal drew the
/// grapheme two wide, that column held its second half, and the text after it must neither
/// move right nor leave a stale cell behind. In the last column, where a terminal that draws
/// it two wide would wrap it onto the next row, a space in its style is written instead.
///
/// A backend that keeps cells (`TestBackend`) ends up with empty symbols in some cells that a
/// wide character covers, which nothing shows.
pub(super) fn draw_diff<B: Backend>(
    backend: &mut B,
    previous: Option<&Buffer>,
    moved: Option<&Move>,
    next: &Buffer,
    rows: &[RowPlan],
) -> Result<usize, B::Error> {
    let width = usize::from(next.area.width);
    let mut diff = Vec::new();
    for row in rows {
        let start = usize::from(row.y) * width;
        let Some(new) = next.content.get(start..start + width) else {
            continue;
        };
        let old = previous.and_then(|p| OldRow::of(p, moved, row.y));
        let blank_from = if row.erase || old.is_none() {
            usize::from(row.from)
        } else {
            width
        };
        let old = |x: usize| match &old {
            Some(old) if x < blank_from => old.get(x),
            _ => &BLANK,
        };
        let (from, to) = (usize::from(row.from), usize::from(row.to));
        diff_row(old, new, from..to.min(width), row.y, &mut diff);
    }
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
    draw_around_disputed(backend, next, &updates)?;
    Ok(diff.len())
}

/// Sends `updates` to the backend, as described in [`draw_diff`] for the graphemes whose width
/// terminals disagree on: a new draw call after each (the backend moves the cursor before the
/// first cell of a call), with the column after it.
fn draw_around_disputed<B: Backend>(
    backend: &mut B,
    next: &Buffer,
    updates: &[(u16, u16, &Cell)],
) -> Result<(), B::Error> {
    let last_column = next.area.width.saturating_sub(1);
    let disputed = |cell: &Cell| width_is_disputed(cell.symbol());
    if !updates.iter().any(|(_, _, cell)| disputed(cell)) {
        return backend.draw(updates.iter().copied());
    }
    let spaces: Vec<Cell> = updates
        .iter()
        .filter(|&&(x, _, cell)| x == last_column && disputed(cell))
        .map(|(_, _, cell)| {
            let mut space = Cell::EMPTY;
            space.set_style(cell.style());
            space
        })
        .collect();
    let mut space = spaces.iter();
    let mut segment = Vec::with_capacity(updates.len());
    for (i, &(x, y, cell)) in updates.iter().enumerate() {
        if !disputed(cell) {
            segment.push((x, y, cell));
            continue;
        }
        if x == last_column {
            segment.push((x, y, space.next().unwrap_or(&BLANK)));
            continue;
        }
        segment.push((x, y, cell));
        backend.draw(segment.drain(..))?;
        let after = (x + 1, y);
        let written_next = updates
            .get(i + 1)
            .is_some_and(|&(nx, ny, _)| (nx, ny) == after);
        let cell_after = &next[after];
        if !written_next && !skipped(cell_after) {
            segment.push((after.0, after.1, cell_after));
        }
    }
    backend.draw(segment.into_iter())
}

/// The blank cell: what erasing leaves.
static BLANK: Cell = Cell::EMPTY;

/// Modifiers that show on a blank cell (ratatui's diff refreshes the columns a wide character
/// in such a style covered when a narrow one replaces it).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The cells of row `y` of `new` that differ from `old(x)` in the columns `cols` (the cells
/// outside them are the same, and `cols` does not start on the second column of a wide
/// character): what ratatui's `Buffer::diff` yields for the row, with its handling of wide
/// characters (the columns they cover are skipped, and written again when a narrow character
/// in a visible style replaces a wide one, or after an emoji with VS16, which may go past
/// `cols`). Looking only at the columns the plan found changed saves comparing the whole
/// screen once more.
fn diff_row<'a, 'b>(
    old: impl Fn(usize) -> &'b Cell,
    new: &'a [Cell],
    cols: Range<usize>,
    y: u16,
    out: &mut Vec<(u16, u16, &'a Cell)>,
) {
    let len = new.len();
    let mut push = |x: usize, cell| out.push((x as u16, y, cell));
    let mut i = cols.start;
    while i < cols.end {
        let (current, previous) = (&new[i], old(i));
        let at = i;
        i += 1;
        match current.diff_option {
            CellDiffOption::Skip => {}
            _ if skipped(current) => {}
            CellDiffOption::ForcedWidth(width) => {
                i = i.saturating_add(usize::from(width.get()) - 1);
                if !same(current, previous) {
                    push(at, current);
                }
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                let width = usize::from(width_of(current));
                if current.diff_option == CellDiffOption::None && same(current, previous) {
                    i += width.saturating_sub(1);
                    continue;
                }
                push(at, current);
                let previous_width = usize::from(width_of(previous));
                // VS16 (3 bytes) after a character: more than 3 bytes in all.
                let symbol = current.symbol();
                let (end, force) = if width > 1 && symbol.len() > 3 && symbol.contains('\u{FE0F}') {
                    ((at + width).min(len), false)
                } else if width > 1 {
                    i += width - 1;
                    continue;
                } else if previous_width > width
                    && (previous.bg != Color::Reset
                        || previous.modifier.intersects(VISIBLE_ON_BLANK))
                {
                    ((at + previous_width).min(len), true)
                } else {
                    continue;
                };
                // The columns after it, as ratatui's trailing cells.
                let mut end = end;
                let mut j = at + 1;
                while j < end {
                    let cell = &new[j];
                    let step = usize::from(width_of(cell)).max(1);
                    let here = j;
                    j += step;
                    end = end.max(j).min(len);
                    if !skipped(cell) && (force || old(here).symbol() != cell.symbol()) {
                        push(here, cell);
                    }
                }
                i = end;
            }
        }
    }
}

/// Whether ratatui's diff never writes `cell`.
#[allow(
    deprecated,
    reason = "ratatui's diff still honours the old `skip` flag"
)]
fn skipped(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
        || (cell.skip && cell.diff_option == CellDiffOption::None)
}

/// The most unchanged cells written again to save a cursor move (which takes at least 6).
pub(super) const MAX_GAP: u16 = 4;

/// How update `i` of `diff` joins the next one on its row without a cursor move.
pub(super) struct Join {
    /// Send the column the (wide) cell covers as an empty cell.
    bridge: bool,
    /// Unchanged cells to write again.
    gap: Range<u16>,
}

pub(super) fn join(diff: &[(u16, u16, &Cell)], i: usize, next: &Buffer) -> Option<Join> {
    let (x, y, cell) = diff[i];
    let &(next_x, next_y, _) = diff.get(i + 1)?;
    if next_y != y || cell.diff_option != CellDiffOption::None {
        return None;
    }
    let symbol = cell.symbol();
    if width_is_disputed(symbol) {
        return None;
    }
    let advance = if symbol.len() == 1 {
        1
    } else if terminals_agree_wide(symbol) {
        2
    } else if cell.cell_width() == 1 {
        1
    } else {
        return None;
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
pub(super) fn width_of(cell: &Cell) -> u16 {
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
/// since Unicode 1 (unlike emoji, which terminals still disagree on). Left out: the circled
/// numbers on black squares (U+3248..U+324F), which are ambiguous-width, and in these blocks
/// the combining marks (U+302A..U+302F, U+3099, U+309A), the Hangul filler and the code
/// points not assigned yet, which are not two columns wide to ratatui either: so this is
/// exactly `cell_width() == 2` for the characters it accepts (a test checks each).
pub(super) fn terminals_agree_wide(symbol: &str) -> bool {
    // Called for every changed cell, several times: the code point is taken from the bytes.
    match *symbol.as_bytes() {
        [b0 @ 0xE0..=0xEF, b1, b2] => wide_code_point(
            (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
        ),
        [b0 @ 0xF0..=0xF7, b1, b2, b3] => wide_code_point(
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(b1 & 0x3F) << 12)
                | (u32::from(b2 & 0x3F) << 6)
                | u32::from(b3 & 0x3F),
        ),
        _ => false,
    }
}

/// The code points [`terminals_agree_wide`] accepts.
fn wide_code_point(c: u32) -> bool {
    matches!(
        c,
        0x4E00..=0x9FFF
            | 0x1100..=0x115F
            | 0x2E80..=0x2E99
            | 0x2E9B..=0x2EF3
            | 0x2F00..=0x2FD5
            | 0x2FF0..=0x3029
            | 0x3030..=0x303E
            | 0x3041..=0x3096
            | 0x309B..=0x30FF
            | 0x3105..=0x312F
            | 0x3131..=0x3163
            | 0x3165..=0x318E
            | 0x3190..=0x31E5
            | 0x31EF..=0x321E
            | 0x3220..=0x3247
            | 0x3250..=0x33FF
            | 0x3400..=0x4DBF
            | 0xA000..=0xA48C
            | 0xA490..=0xA4C6
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF01..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x2FFFD
            | 0x30000..=0x3FFFD
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::layout::Rect;

    use super::*;

    /// Cells as the reader's renderer leaves them: a wide character's second column blank.
    fn row() -> impl Strategy<Value = Vec<Cell>> {
        let symbol = prop::sample::select(vec!["a", " ", "看", "報", "❤\u{FE0F}", "👩‍💻", "ｶ"]);
        let style = prop::sample::select(vec![
            (Color::Reset, Modifier::empty()),
            (Color::Blue, Modifier::empty()),
            (Color::Reset, Modifier::REVERSED),
        ]);
        prop::collection::vec((symbol, style), 12).prop_map(|cells| {
            let mut row = Vec::new();
            for (symbol, (bg, modifier)) in cells {
                let mut cell = Cell::new(symbol);
                cell.bg = bg;
                cell.modifier = modifier;
                let width = cell.cell_width();
                row.push(cell);
                for _ in 1..width {
                    row.push(Cell::EMPTY);
                }
            }
            // A wide character never starts in the last column (ratatui's diff would skip
            // the next row's first cell for it).
            row.truncate(12);
            if row[11].cell_width() > 1 {
                row[11] = Cell::EMPTY;
            }
            row
        })
    }

    #[test]
    fn the_wide_characters_are_two_columns_to_ratatui() {
        let mut cell = Cell::EMPTY;
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            cell.set_symbol(c.encode_utf8(&mut buf));
            let wide = terminals_agree_wide(cell.symbol());
            assert_eq!(
                wide,
                wide_code_point(u32::from(c)),
                "U+{:04X}",
                u32::from(c)
            );
            if wide {
                assert_eq!(cell.cell_width(), 2, "U+{:04X}", u32::from(c));
            }
        }
        // Two or more characters are never one wide character.
        assert!(!terminals_agree_wide("看a") && !terminals_agree_wide("abc"));
        assert!(terminals_agree_wide("看"));
        assert!(!terminals_agree_wide("ｶ"));
    }

    proptest! {
        /// The rows' diff is ratatui's diff of the whole buffers.
        #[test]
        fn rows_diff_as_ratatui_does(old in prop::collection::vec(row(), 3), new in prop::collection::vec(row(), 3)) {
            let area = Rect::new(0, 0, 12, 3);
            let (mut previous, mut next) = (Buffer::empty(area), Buffer::empty(area));
            previous.content = old.concat();
            next.content = new.concat();
            let mut rows = Vec::new();
            for y in 0..3 {
                let start = usize::from(y) * 12;
                let old = &previous.content[start..start + 12];
                diff_row(|x| &old[x], &next.content[start..start + 12], 0..12, y, &mut rows);
            }
            prop_assert_eq!(rows, previous.diff(&next));
        }
    }
}
