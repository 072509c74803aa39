//! Search results in place of the list: two rows per match, `issue / article` and a snippet
//! around the hit with the hit highlighted and kept in view.

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::reader::{Area, Focus, ROWS_PER_MATCH, Reader, Results};
use crate::search::Snippet;
use crate::text::{AmbiguousWidth, separator, truncate};

pub fn render(
    reader: &Reader,
    results: &Results,
    library: &Library,
    theme: &Theme,
    area: Area,
    buf: &mut Buffer,
) {
    let ambiguous = reader.settings.ambiguous;
    let width = usize::from(area.width);
    if results.matches.is_empty() {
        let message = if results.query.is_some() {
            "no match"
        } else {
            "type to search every issue"
        };
        put_str(
            buf,
            area.x + 1,
            area.y,
            area.width.saturating_sub(1),
            message,
            theme.metadata,
            ambiguous,
        );
        return;
    }
    let visible = usize::from(area.height) / ROWS_PER_MATCH;
    for (slot, (index, found)) in results
        .matches
        .iter()
        .enumerate()
        .skip(results.top)
        .take(visible)
        .enumerate()
    {
        let y = area.y + u16::try_from(slot * ROWS_PER_MATCH).unwrap_or(u16::MAX);
        let selected = index == results.selected;
        let mut style = theme.metadata;
        if selected {
            style = style.patch(match reader.focus {
                Focus::List => theme.selection,
                Focus::Pane => theme.selection_unfocused,
            });
            fill(buf, area.x, y, area.width, style);
            fill(buf, area.x, y + 1, area.width, theme.text.patch(style));
        }
        let issue = library.issues.get(found.issue);
        let article = issue.and_then(|i| i.articles.get(found.article));
        // `issue / article`, the issue kept short so the article's title shows.
        let issue_title = issue.map(|i| i.title.as_str()).unwrap_or_default();
        let heading = format!(
            "{}{}{}",
            truncate(issue_title, width / 3, ambiguous),
            separator(ambiguous),
            article.map(|a| a.title.as_str()).unwrap_or_default()
        );
        let heading = truncate(&heading, width.saturating_sub(2), ambiguous);
        put_str(
            buf,
            area.x + 1,
            y,
            area.width.saturating_sub(1),
            &heading,
            style,
            ambiguous,
        );
        let text_style = if selected {
            theme.text.patch(style)
        } else {
            theme.text
        };
        draw_snippet(
            buf,
            area.x + 2,
            y + 1,
            area.width.saturating_sub(3),
            &found.snippet,
            text_style,
            text_style.patch(theme.search_hit),
            ambiguous,
        );
    }
}

/// The snippet cut so that its hit is in view: its context before the hit takes at most a
/// third of the row, cut where [`Snippet::with_lead_within`] may cut it.
#[allow(
    clippy::too_many_arguments,
    reason = "a drawing call: position, text and two styles"
)]
fn draw_snippet(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    snippet: &Snippet,
    style: ratatui::style::Style,
    hit_style: ratatui::style::Style,
    ambiguous: AmbiguousWidth,
) {
    let snippet = snippet.with_lead_within(usize::from(width) / 3, ambiguous);
    let text = &snippet.text;
    let before = text.get(..snippet.highlight.start).unwrap_or_default();
    let hit = text.get(snippet.highlight.clone()).unwrap_or_default();
    let after = text.get(snippet.highlight.end..).unwrap_or_default();
    let mut column = x;
    let end = x + width;
    for (part, part_style) in [(before, style), (hit, hit_style), (after, style)] {
        let room = end.saturating_sub(column);
        if room == 0 {
            break;
        }
        column += put_str(buf, column, y, room, part, part_style, ambiguous);
    }
}
