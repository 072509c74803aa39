//! The article list: issue headings, section headings and article titles, each cut to the
//! list's width by the layout engine's `truncate`.

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::model::Issue;
use crate::reader::{Area, Focus, Reader, Row};
use crate::text::{AmbiguousWidth, join_fields, str_width, truncate};

/// Marks an unread article in the list's first column; an ASCII `*`, never an ambiguous
/// character.
const UNREAD_MARK: &str = "*";

pub fn render(reader: &Reader, library: &Library, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    let selected_row = reader.rows.article_rows.get(reader.selected).copied();
    let rows = reader.rows.rows.iter().enumerate().skip(reader.list_top);
    for (y, (index, row)) in (area.y..area.y + area.height).zip(rows) {
        let width = usize::from(area.width);
        let mut mark = None;
        let mut count = None;
        let (indent, text, mut style) = match row {
            Row::Issue(issue) => {
                let issue = library.issues.get(*issue);
                let unread = issue.map_or(0, |i| {
                    i.articles
                        .iter()
                        .filter(|a| !reader.memory.is_read(&a.id))
                        .count()
                });
                count = (unread > 0).then(|| format!(" {unread}"));
                (
                    0,
                    issue.map(|i| heading(i, ambiguous)).unwrap_or_default(),
                    theme.heading,
                )
            }
            Row::Section { name, .. } => (1, name.clone(), theme.metadata),
            Row::Article { at, in_section } => {
                let article = library
                    .issues
                    .get(at.issue)
                    .and_then(|i| i.articles.get(at.article));
                let unread = article.is_some_and(|a| !reader.memory.is_read(&a.id));
                mark = unread.then_some(UNREAD_MARK);
                let style = if unread {
                    theme.text.patch(theme.unread)
                } else {
                    theme.text
                };
                (
                    if *in_section { 3 } else { 1 },
                    article.map(|a| a.title.clone()).unwrap_or_default(),
                    style,
                )
            }
        };
        if Some(index) == selected_row {
            style = style.patch(match reader.focus {
                Focus::List => theme.selection,
                Focus::Pane => theme.selection_unfocused,
            });
            fill(buf, area.x, y, area.width, style);
        }
        if let Some(mark) = mark {
            put_str(buf, area.x, y, 1, mark, style, ambiguous);
        }
        // An issue heading ends with its unread count, kept in view.
        let count_width = count.as_deref().map_or(0, |c| str_width(c, ambiguous));
        let room = width.saturating_sub(indent + 1 + count_width);
        let shown = truncate(&text, room, ambiguous);
        let x = area.x + u16::try_from(indent).unwrap_or(0);
        let used = put_str(
            buf,
            x,
            y,
            u16::try_from(room).unwrap_or(0),
            &shown,
            style,
            ambiguous,
        );
        if let Some(count) = &count {
            put_str(
                buf,
                x + used,
                y,
                u16::try_from(count_width).unwrap_or(0),
                count,
                theme.unread.patch(style),
                ambiguous,
            );
        }
    }
}

/// `title · number · date` for an issue heading.
fn heading(issue: &Issue, ambiguous: AmbiguousWidth) -> String {
    let number = issue.number.as_ref().map(ToString::to_string);
    let date = issue.date.map(|d| d.to_string());
    join_fields(
        [
            Some(issue.title.as_str()),
            number.as_deref(),
            date.as_deref(),
        ],
        ambiguous,
    )
}
