//! Writing text into the buffer grapheme by grapheme, measured with kanbao's one width
//! function. Where the terminal's idea of a grapheme's width (ambiguous width 2) differs from
//! ratatui's, the cell carries a forced width, so every later cell of the row is placed at the
//! column kanbao computed, whatever the terminal does.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{AmbiguousWidth, grapheme_width};

/// Writes `text` at (`x`, `y`) in at most `max_width` cells; a grapheme that does not fit
/// whole is not drawn. Returns the cells used.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_width: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
) -> u16 {
    put(buf, (x, y), max_width, text, style, ambiguous, None)
}

/// Like [`put_str`], each cell a hyperlink to `url` (OSC 8). The escape sequences ride in the
/// cell's symbol with a forced width, so they take no columns; `url` comes from a sanitized
/// file and holds no control characters.
pub fn put_linked_str(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    max_width: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
    url: &str,
) -> u16 {
    put(buf, (x, y), max_width, text, style, ambiguous, Some(url))
}

fn put(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    max_width: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
    url: Option<&str>,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() {
        return 0;
    }
    let end = x.saturating_add(max_width).min(area.right());
    let mut column = x;
    for grapheme in text.graphemes(true) {
        let width = u16::try_from(grapheme_width(grapheme, ambiguous)).unwrap_or(u16::MAX);
        if width == 0 || grapheme.chars().any(char::is_control) {
            continue;
        }
        if column.saturating_add(width) > end {
            break;
        }
        // Compared with ratatui's own measure: where they agree, no forcing is needed.
        let forced = (width != grapheme.cell_width())
            .then(|| NonZeroU16::new(width))
            .flatten();
        if let Some(cell) = buf.cell_mut((column, y)) {
            if let Some(url) = url {
                cell.set_symbol(&format!(
                    "\u{1b}]8;;{url}\u{1b}\\{grapheme}\u{1b}]8;;\u{1b}\\"
                ));
                cell.diff_option = NonZeroU16::new(width)
                    .map_or(CellDiffOption::None, CellDiffOption::ForcedWidth);
            } else {
                cell.set_symbol(grapheme);
                cell.diff_option = forced.map_or(CellDiffOption::None, CellDiffOption::ForcedWidth);
            }
            cell.set_style(style);
        }
        // The cells a wide grapheme covers are blank, as ratatui's own `set_stringn` leaves them.
        for covered in column + 1..column + width {
            if let Some(cell) = buf.cell_mut((covered, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        column += width;
    }
    column - x
}

/// Fills `width` cells from (`x`, `y`) with spaces in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    for column in x..x.saturating_add(width).min(buf.area.right()) {
        if let Some(cell) = buf.cell_mut((column, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
}
