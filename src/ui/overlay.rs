//! Views over the panes: the help (drawn from the live keymap, so it never lies), the
//! problems (files that failed to load, a reading state not saved), the bookmarks and the article's links.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::model::Article;
use crate::reader::{Area, OverlayLine, Reader, bookmarks, help_lines, links, problem_window};
use crate::state::Place;
use crate::text::{AmbiguousWidth, separator, truncate, wrap_str};

pub fn render_help(reader: &Reader, theme: &Theme, area: Area, buf: &mut Buffer) {
    let lines = help_lines(reader);
    draw(reader, theme, area, &lines, reader.overlays.help_top, buf);
}

pub fn render_problems(
    reader: &Reader,
    library: &Library,
    theme: &Theme,
    area: Area,
    buf: &mut Buffer,
) {
    // Only the lines on screen: the view can hold a whole folder's problems.
    let top = reader.overlays.problems_top;
    let lines = problem_window(reader, library, top, usize::from(area.height));
    draw(reader, theme, area, &lines, 0, buf);
}

/// Draws `lines` from line `top`, each cut to the area's width.
fn draw(
    reader: &Reader,
    theme: &Theme,
    area: Area,
    lines: &[OverlayLine],
    top: usize,
    buf: &mut Buffer,
) {
    let ambiguous: AmbiguousWidth = reader.settings.ambiguous;
    let room = area.width.saturating_sub(2);
    let top = top.min(lines.len().saturating_sub(usize::from(area.height)));
    for (y, (text, heading)) in (area.y..area.y + area.height).zip(lines.iter().skip(top)) {
        let style = if *heading { theme.heading } else { theme.text };
        let shown = truncate(text, usize::from(room), ambiguous);
        put_str(buf, area.x + 1, y, room, &shown, style, ambiguous);
    }
}

/// The bookmarks, most recent first, the selected one highlighted.
pub fn render_bookmarks(
    reader: &Reader,
    library: &Library,
    theme: &Theme,
    area: Area,
    buf: &mut Buffer,
) {
    let ambiguous = reader.settings.ambiguous;
    let marks = bookmarks(reader, library);
    if marks.is_empty() {
        let text = "No bookmarks yet: B in an article bookmarks the place on screen.";
        draw_note(reader, theme, area, text, buf);
        return;
    }
    let room = usize::from(area.width.saturating_sub(2));
    let sep = separator(ambiguous);
    let height = usize::from(area.height);
    let selected = reader.overlays.bookmark;
    let top = selected.saturating_sub(height.saturating_sub(1));
    // Only the rows on screen: a place's words are read back from its issue file.
    let rows: Vec<(String, usize)> = marks
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(index, (position, place))| {
            let at = reader.rows.articles.get(*position);
            let issue = at.and_then(|at| library.issues.get(at.issue));
            let article = at.zip(issue).and_then(|(at, i)| i.articles.get(at.article));
            let title = article.map(|a| a.title.as_str()).unwrap_or_default();
            let hint = article.map(|a| place_hint(a, *place)).unwrap_or_default();
            let hint = truncate(&hint, HINT_WIDTH, ambiguous);
            let issue = issue.map(|i| i.title.as_str()).unwrap_or_default();
            let line = format!("{title}{sep}{hint}{sep}{issue}");
            (truncate(&line, room, ambiguous).into_owned(), index)
        })
        .collect();
    let list = ListRows {
        rows: &rows,
        top: 0,
        selected,
    };
    draw_list(reader, theme, area, &list, theme.text, buf);
}

/// The most of a bookmark's place the list shows, in columns.
const HINT_WIDTH: usize = 24;

/// Where in its article a bookmark is, in words: the text it opens at (one article can have
/// several bookmarks), or the top or the end.
fn place_hint(article: &Article, place: Place) -> String {
    match place {
        Place::Header(_) => "top".to_owned(),
        Place::FromEnd(_) => "end".to_owned(),
        Place::Offset { offset, .. } => {
            let source = article.body.text().unwrap_or_default();
            source
                .get(offset..)
                .and_then(|text| text.lines().map(str::trim).find(|l| !l.is_empty()))
                .unwrap_or_default()
                .to_owned()
        }
    }
}

/// The open article's links, numbered as in the text, each URL in full (wrapped), the selected
/// one highlighted.
pub fn render_links(reader: &Reader, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    let urls = links(reader);
    if urls.is_empty() {
        draw_note(reader, theme, area, "This article has no links.", buf);
        return;
    }
    let room = area.width.saturating_sub(2);
    let digits = urls.len().to_string().len();
    let hang = digits + 3;
    let mut rows: Vec<(String, usize)> = Vec::new();
    for (index, url) in urls.iter().enumerate() {
        let wrapped = wrap_str(
            url,
            usize::from(room).saturating_sub(hang).max(2),
            ambiguous,
        );
        for (n, part) in wrapped.iter().enumerate() {
            let prefix = if n == 0 {
                format!(
                    "{:<width$} ",
                    format!("[{}]", index + 1),
                    width = digits + 2
                )
            } else {
                " ".repeat(hang)
            };
            rows.push((format!("{prefix}{part}"), index));
        }
    }
    // Keep the selected link's first row in view.
    let first_row = rows
        .iter()
        .position(|(_, i)| *i == reader.overlays.link)
        .unwrap_or(0);
    let height = usize::from(area.height);
    let top = first_row
        .saturating_sub(height.saturating_sub(1) / 2)
        .min(rows.len().saturating_sub(height));
    let selected = reader.overlays.link;
    let list = ListRows {
        rows: &rows,
        top,
        selected,
    };
    draw_list(reader, theme, area, &list, theme.link, buf);
}

/// What a list overlay says when it has nothing to list, on its first row.
fn draw_note(reader: &Reader, theme: &Theme, area: Area, text: &str, buf: &mut Buffer) {
    let room = area.width.saturating_sub(2);
    let ambiguous = reader.settings.ambiguous;
    put_str(buf, area.x + 1, area.y, room, text, theme.text, ambiguous);
}

/// The rows of a list overlay: each row's text (cut to the area's width by the caller where
/// it needs an ellipsis) and the index of the item it belongs to; the first row on screen;
/// the selected item.
struct ListRows<'r> {
    rows: &'r [(String, usize)],
    top: usize,
    selected: usize,
}

/// Draws a list overlay; the rows of the selected item are on the selection colour, over
/// `style`.
fn draw_list(
    reader: &Reader,
    theme: &Theme,
    area: Area,
    list: &ListRows<'_>,
    style: Style,
    buf: &mut Buffer,
) {
    let room = area.width.saturating_sub(2);
    let ambiguous = reader.settings.ambiguous;
    let shown = list.rows.iter().skip(list.top);
    for (y, (text, index)) in (area.y..area.y + area.height).zip(shown) {
        let style = if *index == list.selected {
            fill(buf, area.x, y, area.width, theme.selection);
            style.patch(theme.selection)
        } else {
            style
        };
        put_str(buf, area.x + 1, y, room, text, style, ambiguous);
    }
}
