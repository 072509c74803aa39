//! The status line: the issue, article n/m, how far through it the reader is, failed files,
//! and how to get help.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::reader::{Area, Focus, Overlay, RESULT_LIMIT, Reader};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{AmbiguousWidth, grapheme_width, separator, str_width, truncate};

pub fn render(reader: &Reader, library: &Library, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    fill(buf, area.x, area.y, area.width, theme.status);
    let sep = separator(ambiguous);
    let mut right = Vec::new();
    if let Some((loaded, total)) = reader.loading
        && loaded > 0
    {
        right.push(format!("loading {loaded}/{total}"));
    }
    let failed = library.failed_files();
    if failed > 0 {
        let files = if failed == 1 { "file" } else { "files" };
        right.push(format!("{failed} {files} failed: !"));
    }
    if reader.not_saved.is_some() {
        right.push("state not saved: !".to_owned());
    }
    right.push(match reader.overlay {
        Overlay::None => "? help".to_owned(),
        Overlay::Help | Overlay::Problems | Overlay::Bookmarks | Overlay::Links => {
            "Esc back".to_owned()
        }
    });
    let right = right.join(sep);
    let left = match (reader.overlay, reader.rows.articles.get(reader.selected)) {
        (Overlay::Help, _) => "Keys".to_owned(),
        (Overlay::Problems, _) => "Problems".to_owned(),
        (Overlay::Bookmarks, _) => "Bookmarks: Enter opens".to_owned(),
        (Overlay::Links, _) => "Links: Enter copies".to_owned(),
        (Overlay::None, Some(at)) => {
            let issue = library.issues.get(at.issue);
            let count = issue.map_or(0, |i| i.articles.len());
            let title = issue.map(|i| i.title.as_str()).unwrap_or_default();
            let mut left = format!(
                "{title}{sep}{}/{count}{sep}{}%",
                at.article + 1,
                reader.percent()
            );
            if let Some(find) = &reader.find {
                let count = find.hits.len();
                let _ = match find.current {
                    _ if count == 0 => write!(left, "{sep}no match"),
                    Some(i) => write!(left, "{sep}match {}/{count}", i + 1),
                    None => write!(left, "{sep}{count} matches"),
                };
            }
            left
        }
        (Overlay::None, None) if reader.loading.is_some() => "loading issues...".to_owned(),
        (Overlay::None, None) => "no issues".to_owned(),
    };
    let left = match (&reader.notice, &reader.prompt, &reader.results) {
        (Some(notice), None, _) => notice.clone(),
        _ => left,
    };
    let left = match (&reader.prompt, &reader.results) {
        (Some(prompt), _) => format!("{}{}_", prompt.label(), prompt.text),
        (None, Some(results)) if reader.focus == Focus::List => {
            let count = results.matches.len();
            let more = if count >= RESULT_LIMIT { "+" } else { "" };
            format!("search: {}{sep}{count}{more} matches", results.text)
        }
        _ => left,
    };
    let width = usize::from(area.width);
    let right_width = str_width(&right, ambiguous);
    let left_room = width.saturating_sub(right_width + 3);
    // A prompt keeps its end in view: that is where the typing is.
    let left = if reader.prompt.is_some() {
        keep_end(&left, left_room, ambiguous)
    } else {
        truncate(&left, left_room, ambiguous).into_owned()
    };
    put_str(
        buf,
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        &left,
        theme.status,
        ambiguous,
    );
    if right_width + 2 <= width {
        let x = area.x + area.width - u16::try_from(right_width + 1).unwrap_or(0);
        put_str(buf, x, area.y, area.width, &right, theme.status, ambiguous);
    }
}

/// The last graphemes of `text` that fit in `width` cells.
fn keep_end(text: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (offset, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme_width(grapheme, ambiguous);
        if used > width {
            break;
        }
        start = offset;
    }
    text.get(start..).unwrap_or_default().to_owned()
}
