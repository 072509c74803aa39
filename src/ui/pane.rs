//! The reading pane: the visible slice of the laid-out article, each span styled by what it
//! is. Drawing reads only the lines on screen, so a frame costs the same in any article.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use super::Theme;
use super::cells::put_str;
use crate::reader::{Area, Reader};
use crate::text::{Span, SpanStyle};

pub fn render(reader: &Reader, theme: &Theme, area: Area, buf: &mut Buffer) {
    let Some(document) = &reader.document else {
        return;
    };
    let ambiguous = reader.settings.ambiguous;
    let lines = document.lines().iter().skip(reader.pane_top);
    for (y, line) in (area.y..area.y + area.height).zip(lines) {
        let mut x = area.x;
        for span in &line.spans {
            let room = area.x + area.width - x;
            x += put_str(
                buf,
                x,
                y,
                room,
                &span.text,
                style_of(span, theme),
                ambiguous,
            );
        }
    }
}

fn style_of(span: &Span, theme: &Theme) -> Style {
    match span.style {
        SpanStyle::Text(run) => {
            let mut style = if span.link.is_some() {
                theme.link
            } else {
                theme.text
            };
            if run.strong {
                style = style.add_modifier(Modifier::BOLD);
            }
            if run.emphasis {
                style = style.add_modifier(Modifier::ITALIC);
            }
            if run.strikethrough {
                style = style.add_modifier(Modifier::CROSSED_OUT);
            }
            if run.code {
                style = style.patch(theme.metadata);
            }
            style
        }
        SpanStyle::Title | SpanStyle::Heading(_) | SpanStyle::Masthead => theme.heading,
        SpanStyle::Subtitle => theme.heading.remove_modifier(Modifier::BOLD),
        SpanStyle::Meta | SpanStyle::Code | SpanStyle::Footer => theme.metadata,
        SpanStyle::LinkRef | SpanStyle::LinkUrl => theme.link,
        SpanStyle::ListMarker | SpanStyle::QuoteMarker | SpanStyle::Rule => theme.rule,
        SpanStyle::Indent => theme.text,
    }
}
