//! The views drawn over the panes (help, problems, bookmarks, links) as state: what each
//! shows, where each is scrolled to or what it has selected, and what keys do in them. While
//! one is open, keys act on it whatever pane had focus before it opened.

use super::problems::{self, problem_line_count, problem_window};
use super::{ALL_ACTIONS, Action, KeyContext, Overlay, Reader, copy, memory};
use crate::load::Library;
use crate::text::{pad_to_width, str_width};

/// Each overlay's own place: the help and the problems scroll, the bookmarks and the links
/// have a selected item. Kept apart so that one never moves another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OverlayPositions {
    /// The first line of the help on screen.
    pub help_top: usize,
    /// The first line of the problems on screen.
    pub problems_top: usize,
    /// The selected bookmark, an index into [`memory::bookmarks`].
    pub bookmark: usize,
    /// The selected link, an index into the open article's links.
    pub link: usize,
}

/// A line of a scrolled overlay and whether it is a heading.
pub type OverlayLine = (String, bool);

/// The help: every binding of the live keymap, by where it applies.
#[must_use]
pub fn help_lines(reader: &Reader) -> Vec<OverlayLine> {
    let ambiguous = reader.settings.ambiguous;
    let mut lines: Vec<OverlayLine> = Vec::new();
    for (context, title) in [
        (KeyContext::Global, "Anywhere"),
        (KeyContext::List, "In the list"),
        (KeyContext::Pane, "In the article"),
    ] {
        let entries: Vec<(String, &str)> = ALL_ACTIONS
            .iter()
            .filter_map(|action| {
                let keys = reader.keymap.keys_for(context, *action);
                (!keys.is_empty()).then(|| {
                    let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                    (keys.join(" "), action.help())
                })
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push((String::new(), false));
        }
        lines.push((title.to_owned(), true));
        let key_width = entries
            .iter()
            .map(|(k, _)| str_width(k, ambiguous))
            .max()
            .unwrap_or(0);
        for (keys, help) in entries {
            let keys = pad_to_width(&keys, key_width, ambiguous);
            lines.push((format!("  {keys}  {help}"), false));
        }
    }
    lines
}

/// Every line of the problems view (the screen shows a window of them: see
/// [`problem_window`]).
#[must_use]
pub fn problem_lines(reader: &Reader, library: &Library) -> Vec<OverlayLine> {
    problem_window(reader, library, 0, usize::MAX)
}

/// How many items the open overlay lists (bookmarks, links) or how far it scrolls (help,
/// problems: the last useful top line, plus one); 0 with no overlay.
fn extent(reader: &Reader, library: &Library) -> usize {
    let height = usize::from(reader.screen().body.height);
    let scrolled = |lines: usize| lines.saturating_sub(height) + 1;
    match reader.overlay {
        Overlay::None => 0,
        Overlay::Help => scrolled(help_lines(reader).len()),
        Overlay::Problems => scrolled(problem_line_count(
            reader,
            library,
            reader.overlays.problems_top,
        )),
        Overlay::Bookmarks => memory::bookmarks(reader, library).len(),
        Overlay::Links => copy::links(reader).len(),
    }
}

/// The open overlay's position, to change.
fn position(reader: &mut Reader) -> Option<&mut usize> {
    let positions = &mut reader.overlays;
    match reader.overlay {
        Overlay::None => None,
        Overlay::Help => Some(&mut positions.help_top),
        Overlay::Problems => Some(&mut positions.problems_top),
        Overlay::Bookmarks => Some(&mut positions.bookmark),
        Overlay::Links => Some(&mut positions.link),
    }
}

/// Keeps the open overlay's position in range: a resize, a removed bookmark or a batch of
/// issues can shrink what it shows.
pub fn clamp(reader: &mut Reader, library: &Library) {
    if reader.overlay == Overlay::Problems {
        problems::refresh(reader, library);
    }
    let last = extent(reader, library).saturating_sub(1);
    if let Some(at) = position(reader) {
        *at = (*at).min(last);
    }
}

/// Opens `overlay` from its start.
pub fn open(reader: &mut Reader, overlay: Overlay) {
    reader.overlay = overlay;
    if overlay == Overlay::Links
        && let Some(document) = reader.document.as_mut()
    {
        // The list has every link of the article: all of it laid out.
        document.complete();
    }
    if let Some(at) = position(reader) {
        *at = 0;
    }
}

/// Moves the open overlay's position by `lines` (the wheel), within range.
pub fn move_by(reader: &mut Reader, library: &Library, lines: isize) {
    if let Some(at) = position(reader) {
        *at = at.saturating_add_signed(lines);
    }
    clamp(reader, library);
}

/// An action while an overlay is open. Movement scrolls it or moves its selection; Enter
/// chooses the selected bookmark or link; an overlay's own key, Esc, Tab or `q` closes it,
/// another overlay's key switches to that one. Returns whether the action did anything.
pub fn act(reader: &mut Reader, library: &Library, action: Action) -> bool {
    let page = usize::from(reader.screen().body.height)
        .saturating_sub(1)
        .max(1);
    let page = isize::try_from(page).unwrap_or(isize::MAX);
    let opens = match action {
        Action::Help => Some(Overlay::Help),
        Action::Problems => Some(Overlay::Problems),
        Action::Bookmarks => Some(Overlay::Bookmarks),
        Action::Links => Some(Overlay::Links),
        _ => None,
    };
    if let Some(other) = opens.filter(|o| *o != reader.overlay) {
        open(reader, other);
        return true;
    }
    match action {
        Action::Down => move_by(reader, library, 1),
        Action::Up => move_by(reader, library, -1),
        Action::PageDown | Action::ReadOn => move_by(reader, library, page),
        Action::PageUp => move_by(reader, library, -page),
        Action::Top => move_by(reader, library, isize::MIN),
        Action::Bottom => move_by(reader, library, isize::MAX),
        Action::FocusPane => match reader.overlay {
            Overlay::Bookmarks => {
                memory::open_bookmark(reader, library, reader.overlays.bookmark);
            }
            Overlay::Links => copy::copy_link(reader, reader.overlays.link),
            Overlay::None | Overlay::Help | Overlay::Problems => return false,
        },
        Action::Help
        | Action::Problems
        | Action::Bookmarks
        | Action::Links
        | Action::Quit
        | Action::FocusList
        | Action::ToggleFocus => reader.overlay = Overlay::None,
        _ => return false,
    }
    true
}
