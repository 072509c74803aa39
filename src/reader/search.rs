//! What `/`, `s`, `n` and `N` do: the prompt, finding in the article, and the list of
//! matches across issues.

use super::update::{select, set_focus};
use super::{Anchor, Edit, Find, Focus, Key, Prompt, PromptKind, ROWS_PER_MATCH, Reader, Results};
use crate::load::Library;
use crate::reader::Action;
use crate::search::Field;

/// Lines of context kept above a hit that scrolling brings into view.
const CONTEXT_ABOVE: usize = 2;

pub fn open_prompt(reader: &mut Reader, library: &Library, kind: PromptKind) {
    reader.prompt = Some(Prompt::new(kind));
    if kind == PromptKind::Search {
        // A search begun from open results still goes back where the first one began.
        let returns_to = match &reader.results {
            Some(results) => results.returns_to.clone(),
            None => reader.selected_id(library).map(str::to_owned),
        };
        reader.results = Some(Results {
            returns_to,
            ..Results::new()
        });
        reader.focus = Focus::List;
    }
}

/// Closes the search results and the hits they showed in the pane. Unless a match was
/// opened, the reader is back at the article it was on when the search began (the pane
/// followed the selected match meanwhile).
fn close_results(reader: &mut Reader, library: &Library) {
    let returns_to = reader.results.take().and_then(|results| results.returns_to);
    reader.find = None;
    let index = returns_to.and_then(|id| {
        reader.rows.articles.iter().position(|at| {
            library
                .issues
                .get(at.issue)
                .and_then(|issue| issue.articles.get(at.article))
                .is_some_and(|article| article.id == id)
        })
    });
    if let Some(index) = index {
        select(reader, library, index);
    }
}

/// A key typed into the open prompt.
pub fn edit_prompt(reader: &mut Reader, library: &Library, key: Key) -> bool {
    let Some(prompt) = reader.prompt.as_mut() else {
        return false;
    };
    let kind = prompt.kind;
    match prompt.edit(key) {
        Edit::Changed => {
            let text = prompt.text.clone();
            match kind {
                PromptKind::Find => find(reader, &text),
                PromptKind::Search => {
                    if let Some(results) = reader.results.as_mut() {
                        results.text = text;
                        results.stale = true;
                    }
                }
            }
        }
        Edit::Confirmed => reader.prompt = None,
        Edit::Cancelled => {
            reader.prompt = None;
            match kind {
                PromptKind::Find => reader.find = None,
                PromptKind::Search => close_results(reader, library),
            }
        }
        Edit::Ignored => return false,
    }
    true
}

/// Finds `text` in the open article and shows the first hit from the top of the pane.
fn find(reader: &mut Reader, text: &str) {
    let Some(document) = reader.document.as_mut() else {
        return;
    };
    reader.find = Find::new(text, document);
    let current = reader
        .find
        .as_ref()
        .and_then(|f| f.first_from(reader.pane_top, document));
    show_hit(reader, current);
}

/// `n` / `N`: the next or previous hit, wrapping around.
pub fn step(reader: &mut Reader, forward: bool) {
    let next = reader.find.as_ref().and_then(|f| f.step(forward));
    show_hit(reader, next);
}

/// Makes hit `index` current and scrolls it into view (with a little context above).
fn show_hit(reader: &mut Reader, index: Option<usize>) {
    let Some(find) = reader.find.as_mut() else {
        return;
    };
    find.current = index;
    let (Some(index), Some(document)) = (index, reader.document.as_mut()) else {
        return;
    };
    let Some(hit) = find.hits.get(index) else {
        return;
    };
    Find::reach(hit, document);
    let line = Find::line_of(hit, document);
    let height = reader.pane_size().1.max(1);
    if line < reader.pane_top || line >= reader.pane_top + height {
        reader.scroll_to(line.saturating_sub(CONTEXT_ABOVE));
    }
}

/// The list's keys while it shows search results. `None`: not a results key.
pub fn act_on_results(reader: &mut Reader, library: &Library, action: Action) -> Option<bool> {
    let visible = (reader.list_height() / ROWS_PER_MATCH).max(1);
    let page = visible.saturating_sub(1).max(1);
    let results = reader.results.as_mut()?;
    let last = results.matches.len().saturating_sub(1);
    let selected = results.selected;
    results.selected = match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        Action::FocusPane => {
            results.returns_to = None;
            show_match(reader, library, selected);
            set_focus(reader, library, Focus::Pane);
            return Some(true);
        }
        Action::FocusList => {
            close_results(reader, library);
            return Some(true);
        }
        _ => return None,
    };
    let mut selected = 0;
    if let Some(results) = reader.results.as_mut() {
        if results.selected < results.top {
            results.top = results.selected;
        } else if results.selected >= results.top + visible {
            results.top = results.selected + 1 - visible;
        }
        selected = results.selected;
    }
    // The pane follows the selected match, as it follows the list.
    show_match(reader, library, selected);
    Some(true)
}

/// Shows the article of match `index` in the pane at its hit, with the query found in it.
pub fn show_match(reader: &mut Reader, library: &Library, index: usize) {
    let Some(results) = &reader.results else {
        return;
    };
    let Some(found) = results.matches.get(index).cloned() else {
        return;
    };
    let text = results.text.clone();
    let Some(position) = reader
        .rows
        .articles
        .iter()
        .position(|a| a.issue == found.issue && a.article == found.article)
    else {
        return;
    };
    select(reader, library, position);
    let Some(document) = reader.document.as_mut() else {
        return;
    };
    reader.find = Find::new(&text, document);
    let current = reader
        .find
        .as_ref()
        .and_then(|f| f.hits.iter().position(|h| *h == found.hit));
    match found.hit.field {
        Field::Body => {
            let at = Anchor::Offset {
                offset: found.hit.range.start,
                below: 0,
            };
            document.reach(at);
            let top = document.line_of(at).saturating_sub(CONTEXT_ABOVE);
            reader.scroll_to(top);
        }
        Field::Footer => reader.scroll_to(usize::MAX),
        Field::Title | Field::Subtitle => reader.scroll_to(0),
    }
    if let Some(find) = reader.find.as_mut() {
        find.current = current;
    }
}
