//! Views over the panes: the help (drawn from the live keymap, so it never lies) and the
//! problems: files that failed to load and a reading state that is not saved.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::reader::{ALL_ACTIONS, Area, KeyContext, Reader, bookmarks, links};
use crate::text::{AmbiguousWidth, pad_to_width, separator, str_width, truncate, wrap_str};

/// A line of an overlay and whether it is a heading.
type OverlayLine = (String, bool);

pub fn render_help(reader: &Reader, theme: &Theme, area: Area, buf: &mut Buffer) {
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
            .map(|(k, _)| str_width(k, reader.settings.ambiguous))
            .max()
            .unwrap_or(0);
        for (keys, help) in entries {
            let keys = pad_to_width(&keys, key_width, reader.settings.ambiguous);
            lines.push((format!("  {keys}  {help}"), false));
        }
    }
    draw(reader, theme, area, &lines, buf);
}

pub fn render_problems(
    reader: &Reader,
    library: &Library,
    theme: &Theme,
    area: Area,
    buf: &mut Buffer,
) {
    let ambiguous = reader.settings.ambiguous;
    let width = usize::from(area.width.saturating_sub(2)).max(2);
    let mut lines: Vec<OverlayLine> = vec![(
        format!(
            "{} of {} files could not be loaded",
            library.failed_files(),
            library.files
        ),
        true,
    )];
    let not_saved = reader.not_saved.as_ref().map(ToString::to_string);
    if library.problems.is_empty() && not_saved.is_none() {
        lines.push(("No problems.".to_owned(), false));
    }
    let problems = library.problems.iter().map(ToString::to_string);
    for problem in not_saved.into_iter().chain(problems) {
        lines.push((String::new(), false));
        lines.extend(
            wrap_str(&problem, width, ambiguous)
                .into_iter()
                .map(|l| (l, false)),
        );
    }
    draw(reader, theme, area, &lines, buf);
}

/// Draws `lines` from the overlay's scroll position, each cut to the area's width.
fn draw(reader: &Reader, theme: &Theme, area: Area, lines: &[OverlayLine], buf: &mut Buffer) {
    let ambiguous: AmbiguousWidth = reader.settings.ambiguous;
    let room = area.width.saturating_sub(2);
    let top = reader
        .overlay_top
        .min(lines.len().saturating_sub(usize::from(area.height)));
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
    let rows: Vec<(String, usize)> = marks
        .iter()
        .enumerate()
        .map(|(index, (position, _))| {
            let at = reader.rows.articles.get(*position);
            let issue = at.and_then(|at| library.issues.get(at.issue));
            let title = at
                .zip(issue)
                .and_then(|(at, i)| i.articles.get(at.article))
                .map(|a| a.title.as_str())
                .unwrap_or_default();
            let line = format!(
                "{}{}{title}",
                issue.map(|i| i.title.as_str()).unwrap_or_default(),
                separator(ambiguous)
            );
            (truncate(&line, room, ambiguous).into_owned(), index)
        })
        .collect();
    let height = usize::from(area.height);
    let top = reader.overlay_top.saturating_sub(height.saturating_sub(1));
    draw_list(reader, theme, area, &rows, top, theme.text, buf);
}

/// The open article's links, numbered as in the text, each URL in full (wrapped), the selected
/// one highlighted.
pub fn render_links(
    reader: &Reader,
    library: &Library,
    theme: &Theme,
    area: Area,
    buf: &mut Buffer,
) {
    let ambiguous = reader.settings.ambiguous;
    let urls = links(reader, library);
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
        .position(|(_, i)| *i == reader.overlay_top)
        .unwrap_or(0);
    let height = usize::from(area.height);
    let top = first_row
        .saturating_sub(height.saturating_sub(1) / 2)
        .min(rows.len().saturating_sub(height));
    draw_list(reader, theme, area, &rows, top, theme.link, buf);
}

/// What a list overlay says when it has nothing to list, on its first row.
fn draw_note(reader: &Reader, theme: &Theme, area: Area, text: &str, buf: &mut Buffer) {
    let room = area.width.saturating_sub(2);
    let ambiguous = reader.settings.ambiguous;
    put_str(buf, area.x + 1, area.y, room, text, theme.text, ambiguous);
}

/// Draws the `rows` of a list overlay from row `top`: each row's text (cut to the area's
/// width by the caller where it needs an ellipsis) and the index of the item it belongs to.
/// The rows of the selected item (`overlay_top`) are on the selection colour, over `style`.
fn draw_list(
    reader: &Reader,
    theme: &Theme,
    area: Area,
    rows: &[(String, usize)],
    top: usize,
    style: Style,
    buf: &mut Buffer,
) {
    let room = area.width.saturating_sub(2);
    let ambiguous = reader.settings.ambiguous;
    for (y, (text, index)) in (area.y..area.y + area.height).zip(rows.iter().skip(top)) {
        let style = if *index == reader.overlay_top {
            fill(buf, area.x, y, area.width, theme.selection);
            style.patch(theme.selection)
        } else {
            style
        };
        put_str(buf, area.x + 1, y, room, text, style, ambiguous);
    }
}
