//! Drawing the reader: a pure function of its state, the library and the theme into a
//! ratatui buffer. Nothing here wraps or measures text on its own: lines come laid out from
//! `text`, widths from its one width function.

mod cells;
mod list;
mod overlay;
mod pane;
mod results;
mod status;
mod theme;

pub use theme::Theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::load::Library;
use crate::reader::{Area, Overlay, Reader};
use crate::text::AmbiguousWidth;

/// Draws the whole screen into `buf` (sized as `reader.size`).
pub fn render(reader: &Reader, library: &Library, theme: &Theme, buf: &mut Buffer) {
    let screen = reader.screen();
    let ambiguous = reader.settings.ambiguous;
    if screen.too_small {
        cells::put_str(
            buf,
            0,
            0,
            screen.body.width,
            "terminal too small",
            theme.text,
            ambiguous,
        );
        return;
    }
    match reader.overlay {
        Overlay::None => {
            if let Some(area) = screen.list {
                match &reader.results {
                    Some(found) => results::render(reader, found, library, theme, area, buf),
                    None => list::render(reader, library, theme, area, buf),
                }
            }
            if let Some(area) = screen.rule {
                render_rule(area, theme, ambiguous, buf);
            }
            if let Some(area) = screen.pane {
                pane::render(reader, theme, area, buf);
            }
        }
        Overlay::Help => overlay::render_help(reader, theme, screen.body, buf),
        Overlay::Problems => overlay::render_problems(reader, library, theme, screen.body, buf),
        Overlay::Bookmarks => overlay::render_bookmarks(reader, library, theme, screen.body, buf),
        Overlay::Links => overlay::render_links(reader, theme, screen.body, buf),
    }
    status::render(reader, library, theme, screen.status, buf);
}

/// The vertical rule between the panes; `│` is ambiguous-width, so wide terminals get `|`.
fn render_rule(area: Area, theme: &Theme, ambiguous: AmbiguousWidth, buf: &mut Buffer) {
    let symbol = match ambiguous {
        AmbiguousWidth::Narrow => "│",
        AmbiguousWidth::Wide => "|",
    };
    for y in area.y..area.y + area.height {
        cells::put_str(buf, area.x, y, 1, symbol, theme.rule, ambiguous);
    }
}

/// A reader area as a ratatui rectangle.
#[must_use]
pub fn rect(area: Area) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height)
}

/// A one-time status line notice about the terminal kanbao runs in, if it needs one: the
/// Linux console has no CJK glyphs, so the text is shown (as the user may be copying it or
/// piping it on) but will look like boxes or blanks.
#[must_use]
pub fn terminal_notice(term: Option<&str>) -> Option<&'static str> {
    match term? {
        "linux" | "con80x25" | "con132x43" => {
            Some("the Linux console cannot show CJK glyphs: the text is there, the font is not")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_linux_console_gets_a_notice() {
        assert!(super::terminal_notice(Some("linux")).is_some());
        for term in ["xterm-256color", "screen", "tmux-256color", "vt100"] {
            assert_eq!(super::terminal_notice(Some(term)), None);
        }
        assert_eq!(super::terminal_notice(None), None);
    }
}
