//! The issues folder changed while reading: new issues go in, changed ones are read again,
//! removed ones go. The reader stays on the article it shows, at the same place in its text
//! and on the same row of the list.

use std::path::PathBuf;
use std::sync::Arc;

use super::document::Anchor;
use super::rows::Rows;
use super::state::Reader;
use crate::load::{Applied, Library, Reloaded};
use crate::state::Place;

impl Reader {
    /// Takes in `reloaded`, files read again, and the files at `removed`, which are gone.
    /// Returns whether anything visible may have changed.
    pub fn take_changes(
        &mut self,
        library: &mut Library,
        reloaded: &[Reloaded],
        removed: &[PathBuf],
    ) -> bool {
        let shown = self.rows.articles.get(self.selected).and_then(|at| {
            let issue = library.issues.get(at.issue)?;
            let id = issue.articles.get(at.article)?.id.clone();
            Some((Arc::clone(issue), id))
        });
        let row_on_screen = self.selected_row_on_screen();
        let matched_in = self.results.as_ref().map(|r| r.issue_paths(library));
        let reading = shown.as_ref().map(|(issue, _)| issue.path.clone());
        let applied = library.apply_changes(reloaded, removed, reading.as_deref());
        // A file's problems may have been replaced by as many others: the problems view is
        // laid out again rather than trusted by their number.
        self.problem_layout = super::ProblemLayout::default();
        self.leaving.extend(applied.kept_being_read.iter().cloned());
        self.rows = Arc::new(Rows::new(library));
        let found = shown.as_ref().and_then(|(issue, id)| {
            let at = library.issues.iter().position(|i| i.path == issue.path)?;
            let article = library
                .issues
                .get(at)?
                .articles
                .iter()
                .position(|a| a.id == *id)?;
            let index = self
                .rows
                .articles
                .iter()
                .position(|row| row.issue == at && row.article == article)?;
            Some((index, at))
        });
        if let (Some((index, at)), Some((old, id))) = (found, &shown) {
            self.selected = index;
            let new = library.issues.get(at).map(Arc::clone);
            if let Some(new) = new.filter(|new| !Arc::ptr_eq(new, old)) {
                // The article was read again: lay it out anew, at the same place in its
                // text, found by its paragraph's words if the text before it changed.
                // The text shown is the old one even when its file has changed since. A
                // document that could not read its body showed a note, not the text: the
                // article opens at the place it was left, which scrolling the note kept.
                let document = self.document.as_ref().filter(|d| d.id == *id);
                if document.is_some_and(|d| d.unreadable().is_some()) {
                    self.anchor = self
                        .memory
                        .position(id)
                        .map_or(Anchor::Header(0), Anchor::from);
                } else {
                    let shown_text = document.and_then(|d| d.text().map(Arc::clone));
                    self.anchor = reanchor_between(self.anchor, shown_text, old, &new, id);
                    self.memory.set_position(id, Place::from(self.anchor));
                }
                self.document = None;
            } else if let (Some(document), Some(&row)) =
                (self.document.as_mut(), self.rows.articles.get(index))
            {
                document.article = row;
            }
        } else {
            // Its issue is gone (or the article is): the nearest row stays selected.
            self.selected = self
                .selected
                .min(self.rows.articles.len().saturating_sub(1));
            self.document = None;
        }
        if let (Some(offset), Some(&row)) =
            (row_on_screen, self.rows.article_rows.get(self.selected))
        {
            self.list_top = row.saturating_sub(offset);
        }
        self.relayout(library);
        if let (Some(results), Some(paths)) = (self.results.as_mut(), matched_in) {
            results.follow_issues(library, &paths);
            results.rerun(&mut self.searcher, library, self.settings.ambiguous);
        }
        if let Some(note) = note(&applied, library) {
            self.notice = Some(note);
        }
        true
    }

    /// Issues whose files were removed while they were read, now that the reader has left
    /// them, go. Returns whether any went.
    pub fn let_go_of_left_issues(&mut self, library: &mut Library) -> bool {
        if self.leaving.is_empty() {
            return false;
        }
        let reading = self
            .rows
            .articles
            .get(self.selected)
            .and_then(|at| library.issues.get(at.issue))
            .map(|issue| issue.path.clone());
        if self
            .leaving
            .iter()
            .all(|path| Some(path) == reading.as_ref())
        {
            return false;
        }
        let gone = std::mem::take(&mut self.leaving);
        self.take_changes(library, &[], &gone)
    }
}

/// The anchor in `new`'s article `id` for `anchor` in `old`'s, whose text was `shown` (if
/// the reader has it).
fn reanchor_between(
    anchor: Anchor,
    shown: Option<Arc<str>>,
    old: &crate::model::Issue,
    new: &crate::model::Issue,
    id: &str,
) -> Anchor {
    let body = |issue: &crate::model::Issue| {
        let article = issue.articles.iter().find(|a| a.id == id)?;
        article
            .body
            .text()
            .ok()
            .map(|text| Arc::<str>::from(text.as_ref()))
    };
    let before = shown.or_else(|| body(old));
    match (anchor, before, body(new)) {
        (Anchor::Offset { offset, below }, Some(before), Some(after)) if before != after => {
            Anchor::Offset {
                offset: reanchor(&before, &after, offset),
                below,
            }
        }
        _ => anchor,
    }
}

/// Where byte `offset` of `old` is in `new`: the same place in its paragraph, found by the
/// paragraph's text (where it was, else its nearest occurrence), else the start of the
/// paragraph with the same number, else the end.
#[must_use]
pub fn reanchor(old: &str, new: &str, offset: usize) -> usize {
    let offset = floor_boundary(old, offset);
    let start = old
        .get(..offset)
        .and_then(|before| before.rfind("\n\n"))
        .map_or(0, |at| at + 2);
    let end = old
        .get(offset..)
        .and_then(|after| after.find("\n\n"))
        .map_or(old.len(), |at| offset + at);
    let paragraph = old.get(start..end).unwrap_or_default();
    if new.get(start..end) == Some(paragraph) {
        return offset;
    }
    if !paragraph.trim().is_empty()
        && let Some(found) = nearest(new, paragraph, start)
    {
        return found + (offset - start);
    }
    let number = old
        .get(..start)
        .map_or(0, |before| before.matches("\n\n").count());
    new.match_indices("\n\n")
        .nth(number.saturating_sub(1))
        .map_or(if number == 0 { 0 } else { new.len() }, |(at, _)| at + 2)
}

/// The occurrence of `needle` in `haystack` nearest to `near`.
fn nearest(haystack: &str, needle: &str, near: usize) -> Option<usize> {
    haystack
        .match_indices(needle)
        .map(|(at, _)| at)
        .min_by_key(|at| at.abs_diff(near))
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What the status line says about the change, if anything is worth saying.
fn note(applied: &Applied, library: &Library) -> Option<String> {
    let mut parts = Vec::new();
    match applied.added.as_slice() {
        [] => {}
        [one] => parts.push(format!("1 new issue: {one}")),
        [first, second] => parts.push(format!("2 new issues: {first}, {second}")),
        [first, second, rest @ ..] => parts.push(format!(
            "{} new issues: {first}, {second} and {} more",
            rest.len() + 2,
            rest.len()
        )),
    }
    if !applied.kept_last_good.is_empty() {
        let names: Vec<String> = applied
            .kept_last_good
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            })
            .collect();
        parts.push(format!(
            "{} changed and does not load (! says why); the last good version is shown",
            names.join(", ")
        ));
    }
    if !applied.kept_being_read.is_empty() {
        parts.push("this issue's file was removed; it goes when you leave it".to_owned());
    }
    let _ = library;
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::reanchor;

    #[test]
    fn a_place_follows_its_paragraph() {
        let old = "一段。\n\n二段，这里。\n\n三段。";
        let at = old.find("这里").expect("in the text");
        // Text after it changed: the same offset.
        assert_eq!(reanchor(old, &format!("{old}\n\n四段。"), at), at);
        // A paragraph went in before it: found by its words.
        let new = format!("新的一段。\n\n{old}");
        assert_eq!(reanchor(old, &new, at), new.find("这里").expect("moved"));
        // The place was the start of a paragraph that moved: it moves with it.
        let first = old.find("二段").expect("in the text");
        assert_eq!(reanchor(old, &new, first), new.find("二段").expect("moved"));
        assert_eq!(reanchor(old, &new, 0), new.find("一段").expect("moved"));
        // Its paragraph is gone: the paragraph with its number.
        let gone = "一段。\n\n别的。\n\n三段。";
        assert_eq!(reanchor(old, gone, at), gone.find("别的").expect("there"));
    }
}
