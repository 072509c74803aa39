//! `update`: the one place the reader's state changes. Keys, mouse and resizes come in as
//! messages; actions do what the help overlay says they do.

use super::screen::Area;
use super::{Action, Focus, Key, KeyContext, Overlay, PromptKind, Reader};
use super::{copy, memory, overlay, problems, search};
use crate::load::Library;

/// What happened at the terminal, in the reader's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    Key(Key),
    Action(Action),
    Resize(u16, u16),
    /// A click at a cell.
    Click {
        x: u16,
        y: u16,
    },
    /// Time passed (the loop's timeout): an article on screen long enough becomes read.
    Tick(std::time::Instant),
    /// The wheel turned over a cell: positive is down.
    Wheel {
        x: u16,
        y: u16,
        lines: i16,
    },
}

/// Applies a message. Returns whether anything visible may have changed.
pub fn update(reader: &mut Reader, library: &Library, message: Message) -> bool {
    if matches!(
        message,
        Message::Key(_) | Message::Action(_) | Message::Click { .. } | Message::Wheel { .. }
    ) {
        reader.keep_selection = true;
        reader.resume_to = None;
    }
    if matches!(message, Message::Key(_)) && reader.notice.take().is_some() {
        // The notice has been seen; the key still does what it does.
        let _ = update(reader, library, message);
        return true;
    }
    let changed = match message {
        Message::Key(key)
            if reader.keymap.action(KeyContext::Global, key) == Some(Action::Redraw) =>
        {
            // Also while typing a search: the screen is not the prompt's to edit.
            act(reader, library, Action::Redraw)
        }
        Message::Key(key) if reader.prompt.is_some() => search::edit_prompt(reader, library, key),
        Message::Key(key) => {
            let action = if reader.overlay == Overlay::None {
                let context = match reader.focus {
                    Focus::List => KeyContext::List,
                    Focus::Pane => KeyContext::Pane,
                };
                reader.keymap.action(context, key)
            } else {
                // An overlay is a list of its own: the pane that had focus has no say.
                reader.keymap.overlay_action(key)
            };
            match action {
                Some(action) => act(reader, library, action),
                None => false,
            }
        }
        Message::Action(action) => act(reader, library, action),
        Message::Resize(width, height) => {
            reader.size = (width, height);
            reader.relayout(library);
            true
        }
        Message::Click { x, y } => click(reader, library, x, y),
        Message::Tick(now) => memory::tick(reader, now),
        Message::Wheel { x, y, lines } => wheel(reader, library, x, y, lines),
    };
    overlay::clamp(reader, library);
    changed
}

fn act(reader: &mut Reader, library: &Library, action: Action) -> bool {
    if action == Action::Redraw {
        // Whatever is open, only the screen is drawn again.
        reader.repaints = reader.repaints.wrapping_add(1);
        return true;
    }
    if reader.overlay != Overlay::None {
        return overlay::act(reader, library, action);
    }
    if reader.results.is_some()
        && reader.focus == Focus::List
        && let Some(changed) = search::act_on_results(reader, library, action)
    {
        return changed;
    }
    if action == Action::FocusList && reader.results.is_none() && reader.find.take().is_some() {
        // Back (Esc) first clears the highlights a find kept, as it closes search results.
        return true;
    }
    let page = reader.pane_size().1.saturating_sub(1).max(1);
    let list_page = reader.list_height().saturating_sub(1).max(1);
    match (action, reader.focus) {
        (Action::Down, Focus::List) | (Action::NextArticle, _) => {
            select(reader, library, reader.selected + 1);
        }
        (Action::Up, Focus::List) | (Action::PreviousArticle, _) => {
            select(reader, library, reader.selected.saturating_sub(1));
        }
        (Action::PageDown, Focus::List) => {
            select(reader, library, reader.selected + list_page);
        }
        (Action::PageUp, Focus::List) => {
            select(reader, library, reader.selected.saturating_sub(list_page));
        }
        (Action::Top, Focus::List) => select(reader, library, 0),
        (Action::Bottom, Focus::List) => select(reader, library, usize::MAX),
        (Action::Down, Focus::Pane) => read_scrolling(reader, 1),
        (Action::Up, Focus::Pane) => read_scrolling(reader, -1),
        (Action::PageDown, Focus::Pane) => read_scrolling(reader, page_delta(page)),
        (Action::PageUp, Focus::Pane) => read_scrolling(reader, -page_delta(page)),
        (Action::Top, Focus::Pane) => {
            reader.scroll_to(0);
            memory::mark_read(reader);
        }
        (Action::Bottom, Focus::Pane) => {
            reader.scroll_to(usize::MAX);
            memory::mark_read(reader);
        }
        (Action::ReadOn, _) => {
            if reader.pane_top >= reader.max_pane_top() {
                if reader.selected + 1 < reader.rows.articles.len() {
                    select(reader, library, reader.selected + 1);
                }
            } else {
                read_scrolling(reader, page_delta(page));
            }
        }
        (Action::NextIssue | Action::PreviousIssue, _) => {
            let forward = action == Action::NextIssue;
            if let Some(first) = reader
                .rows
                .first_of_adjacent_issue(reader.selected, forward)
            {
                select(reader, library, first);
            }
        }
        (Action::FocusPane, _) => {
            set_focus(reader, library, Focus::Pane);
            memory::mark_read(reader);
        }
        (Action::FocusList, _) => set_focus(reader, library, Focus::List),
        (Action::ToggleFocus, focus) => {
            let other = match focus {
                Focus::List => Focus::Pane,
                Focus::Pane => Focus::List,
            };
            set_focus(reader, library, other);
        }
        (Action::Find, _) => search::open_prompt(reader, library, PromptKind::Find),
        (Action::Search, _) => search::open_prompt(reader, library, PromptKind::Search),
        (Action::NextMatch, _) => search::step(reader, true),
        (Action::PreviousMatch, _) => search::step(reader, false),
        (Action::ToggleRead, _) => memory::toggle_read(reader, library),
        (Action::MarkIssueRead, _) => memory::mark_issue_read(reader, library),
        (Action::ToggleBookmark, _) => memory::toggle_bookmark(reader),
        (Action::Bookmarks, _) => overlay::open(reader, Overlay::Bookmarks),
        (Action::Links, _) => overlay::open(reader, Overlay::Links),
        (Action::CopyArticle, _) => copy::copy_article(reader, library),
        (Action::Help, _) => overlay::open(reader, Overlay::Help),
        (Action::Problems, _) => overlay::open(reader, Overlay::Problems),
        (Action::Suspend, _) => reader.suspend = true,
        (Action::Redraw, _) => {}
        (Action::Quit, _) => memory::quit(reader),
    }
    true
}

fn page_delta(page: usize) -> isize {
    isize::try_from(page).unwrap_or(isize::MAX)
}

/// Scrolling the pane reads the article.
fn read_scrolling(reader: &mut Reader, lines: isize) {
    scroll(reader, lines);
    memory::mark_read(reader);
}

fn scroll(reader: &mut Reader, lines: isize) {
    reader.scroll_to(reader.pane_top.saturating_add_signed(lines));
}

/// Selects article `index` (clamped) and shows it from its top.
pub(super) fn select(reader: &mut Reader, library: &Library, index: usize) {
    let last = reader.rows.articles.len().saturating_sub(1);
    let index = index.min(last);
    reader.selected = index;
    reader.relayout(library);
}

pub(super) fn set_focus(reader: &mut Reader, library: &Library, focus: Focus) {
    reader.focus = focus;
    // Narrow mode swaps panes, and the list's height can differ from before.
    reader.relayout(library);
}

fn click(reader: &mut Reader, library: &Library, x: u16, y: u16) -> bool {
    let screen = reader.screen();
    if reader.overlay != Overlay::None || screen.too_small {
        return false;
    }
    if let Some(list) = screen
        .list
        .filter(|a| a.contains(x, y) && reader.results.is_none())
    {
        let row = reader.list_top + usize::from(y - list.y);
        if let Some(index) = reader.rows.article_at_row(row) {
            select(reader, library, index);
            return true;
        }
        return false;
    }
    if screen.pane.is_some_and(|a: Area| a.contains(x, y)) && reader.focus != Focus::Pane {
        set_focus(reader, library, Focus::Pane);
        return true;
    }
    false
}

fn wheel(reader: &mut Reader, library: &Library, x: u16, y: u16, lines: i16) -> bool {
    let screen = reader.screen();
    let lines = isize::from(lines);
    if reader.overlay != Overlay::None {
        overlay::move_by(reader, library, lines);
        return true;
    }
    if screen.list.is_some_and(|a| a.contains(x, y)) {
        let max = reader.rows.rows.len().saturating_sub(reader.list_height());
        reader.list_top = reader.list_top.saturating_add_signed(lines).min(max);
        return true;
    }
    if screen.pane.is_some_and(|a| a.contains(x, y)) {
        scroll(reader, lines);
        return true;
    }
    false
}

/// Work deferred until a burst of messages has been applied: a search of every issue runs
/// once for the last keystroke of a burst, not once per key; the problems view is laid out
/// again for problems that arrived with a batch of files; the open article takes in what was
/// laid out of it in the background. The loop calls it before drawing.
pub fn settle(reader: &mut Reader, library: &Library) {
    if let Some(document) = reader.document.as_mut() {
        // Lines laid out in the background meanwhile: the position shown becomes exact.
        document.take_in_background();
    }
    if reader.overlay == Overlay::Problems {
        problems::refresh(reader, library);
    }
    if let Some(results) = reader.results.as_mut()
        && results.stale
    {
        results.refresh(&mut reader.searcher, library, reader.settings.ambiguous);
        search::show_match(reader, library, 0);
    }
}
