//! Writing a diff to the backend with as few cursor moves as the terminal needs.

use super::{Backend, Buffer, Cell, CellDiffOption, CellWidth, Range};

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
pub(super) fn draw_diff<B: Backend>(
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
/// since Unicode 1 (unlike emoji, which terminals still disagree on). The circled numbers on
/// black squares (U+3248..U+324F) are ambiguous-width, so they are left out.
pub(super) fn terminals_agree_wide(symbol: &str) -> bool {
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
