//! The article list: issue headings, section headings and article titles, each cut to the
//! list's width by the layout engine's `truncate`.

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::model::Issue;
use crate::reader::{Area, Focus, Reader, Row};
use crate::text::{AmbiguousWidth, join_fields, truncate};

pub fn render(reader: &Reader, library: &Library, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    let selected_row = reader.rows.article_rows.get(reader.selected).copied();
    let rows = reader.rows.rows.iter().enumerate().skip(reader.list_top);
    for (y, (index, row)) in (area.y..area.y + area.height).zip(rows) {
        let width = usize::from(area.width);
        let (indent, text, mut style) = match row {
            Row::Issue(issue) => (
                0,
                library
                    .issues
                    .get(*issue)
                    .map(|i| heading(i, ambiguous))
                    .unwrap_or_default(),
                theme.heading,
            ),
            Row::Section { name, .. } => (1, name.clone(), theme.metadata),
            Row::Article { at, in_section } => (
                if *in_section { 3 } else { 1 },
                library
                    .issues
                    .get(at.issue)
                    .and_then(|i| i.articles.get(at.article))
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
                theme.text,
            ),
        };
        if Some(index) == selected_row {
            style = style.patch(match reader.focus {
                Focus::List => theme.selection,
                Focus::Pane => theme.selection_unfocused,
            });
            fill(buf, area.x, y, area.width, style);
        }
        let room = width.saturating_sub(indent + 1);
        let shown = truncate(&text, room, ambiguous);
        let x = area.x + u16::try_from(indent).unwrap_or(0);
        put_str(
            buf,
            x,
            y,
            u16::try_from(room).unwrap_or(0),
            &shown,
            style,
            ambiguous,
        );
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
