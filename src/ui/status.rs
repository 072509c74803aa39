//! The status line: the issue, article n/m, how far through it the reader is, failed files,
//! and how to get help.

use ratatui::buffer::Buffer;

use super::Theme;
use super::cells::{fill, put_str};
use crate::load::Library;
use crate::reader::{Area, Overlay, Reader};
use crate::text::{separator, str_width, truncate};

pub fn render(reader: &Reader, library: &Library, theme: &Theme, area: Area, buf: &mut Buffer) {
    let ambiguous = reader.settings.ambiguous;
    fill(buf, area.x, area.y, area.width, theme.status);
    let sep = separator(ambiguous);
    let mut right = Vec::new();
    if reader.failed_files > 0 {
        let files = if reader.failed_files == 1 {
            "file"
        } else {
            "files"
        };
        right.push(format!("{} {files} failed: !", reader.failed_files));
    }
    right.push(match reader.overlay {
        Overlay::None => "? help".to_owned(),
        Overlay::Help | Overlay::Problems => "Esc back".to_owned(),
    });
    let right = right.join(sep);
    let left = match (reader.overlay, reader.rows.articles.get(reader.selected)) {
        (Overlay::Help, _) => "Keys".to_owned(),
        (Overlay::Problems, _) => "Problems".to_owned(),
        (Overlay::None, Some(at)) => {
            let issue = library.issues.get(at.issue);
            let count = issue.map_or(0, |i| i.articles.len());
            let title = issue.map(|i| i.title.as_str()).unwrap_or_default();
            format!(
                "{title}{sep}{}/{count}{sep}{}%",
                at.article + 1,
                reader.percent()
            )
        }
        (Overlay::None, None) => "no issues".to_owned(),
    };
    let width = usize::from(area.width);
    let right_width = str_width(&right, ambiguous);
    let left_room = width.saturating_sub(right_width + 3);
    let left = truncate(&left, left_room, ambiguous);
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
