//! The reading pane: the visible slice of the laid-out article, each span styled by what it
//! is. Drawing reads only the lines on screen, so a frame costs the same in any article.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use super::Theme;
use super::cells::{put_linked_str, put_str};
use std::ops::Range;

use crate::reader::{Area, Find, Reader, is_hyperlink_target, links as copy_links};
use crate::search::{Field, find_all};
use crate::text::{Span, SpanStyle};

pub fn render(reader: &Reader, theme: &Theme, area: Area, buf: &mut Buffer) {
    let Some(document) = &reader.document else {
        return;
    };
    let ambiguous = reader.settings.ambiguous;
    let hits = Highlights::new(reader);
    let urls = if reader.settings.hyperlinks {
        copy_links(reader)
    } else {
        &[]
    };
    let visible = document.lines().iter().skip(reader.pane_top);
    for (y, line) in (area.y..area.y + area.height).zip(visible) {
        let mut x = area.x;
        for span in &line.spans {
            let style = style_of(span, theme);
            for (text, hit) in hits.split(span) {
                let room = area.x + area.width - x;
                let style = match hit {
                    Hit::None => style,
                    Hit::Other => style.patch(theme.search_hit),
                    Hit::Current => style
                        .patch(theme.search_hit)
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                };
                // Only links a click may safely open become hyperlinks; the rest stay text.
                let url = span
                    .link
                    .and_then(|i| urls.get(i))
                    .filter(|url| is_hyperlink_target(url));
                x += match url {
                    Some(url) => put_linked_str(buf, (x, y), room, text, style, ambiguous, url),
                    None => put_str(buf, x, y, room, text, style, ambiguous),
                };
            }
        }
    }
}

/// How a piece of a span is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    None,
    Other,
    Current,
}

/// The find hits, as the pane needs them: body hits by source range (sorted), title hits
/// found again in the title's text.
struct Highlights<'r> {
    find: Option<&'r Find>,
    body: Vec<(Range<usize>, bool)>,
}

impl<'r> Highlights<'r> {
    fn new(reader: &'r Reader) -> Self {
        let find = reader.find.as_ref();
        let current = find.and_then(|f| f.current.and_then(|i| f.hits.get(i)));
        let body = find.map_or_else(Vec::new, |f| {
            f.hits
                .iter()
                .filter(|h| h.field == Field::Body)
                .map(|h| (h.range.clone(), Some(h) == current))
                .collect()
        });
        Self { find, body }
    }

    /// `span`'s text cut into pieces, each highlighted or not.
    fn split<'s>(&self, span: &'s Span) -> Vec<(&'s str, Hit)> {
        let Some(find) = self.find else {
            return vec![(span.text.as_str(), Hit::None)];
        };
        let ranges: Vec<(Range<usize>, Hit)> = match (&span.source, span.style) {
            (Some(source), _) => {
                let first = self.body.partition_point(|(r, _)| r.end <= source.start);
                let overlapping = self.body.get(first..).unwrap_or_default().iter();
                let overlapping = overlapping.take_while(|(r, _)| r.start < source.end);
                let same_text = span.text.len() == source.len();
                overlapping
                    .map(|(r, current)| {
                        let kind = if *current { Hit::Current } else { Hit::Other };
                        if same_text {
                            let start = r.start.max(source.start) - source.start;
                            let end = r.end.min(source.end) - source.start;
                            (start..end, kind)
                        } else {
                            // Escapes or entities make the text differ from its source:
                            // highlight the whole span.
                            (0..span.text.len(), kind)
                        }
                    })
                    .collect()
            }
            (None, SpanStyle::Title | SpanStyle::Subtitle) => {
                let current_field = find.current.and_then(|i| find.hits.get(i)).map(|h| h.field);
                find_all(&find.query, &span.text)
                    .into_iter()
                    .map(|r| {
                        let current = matches!(
                            (current_field, span.style),
                            (Some(Field::Title), SpanStyle::Title)
                                | (Some(Field::Subtitle), SpanStyle::Subtitle)
                        );
                        (r, if current { Hit::Current } else { Hit::Other })
                    })
                    .collect()
            }
            (None, _) => Vec::new(),
        };
        pieces(&span.text, &ranges)
    }
}

/// `text` cut at the edges of `ranges` (sorted, in bytes); a range that does not fall on
/// character boundaries is not highlighted.
fn pieces<'s>(text: &'s str, ranges: &[(Range<usize>, Hit)]) -> Vec<(&'s str, Hit)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (range, kind) in ranges {
        let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) else {
            continue;
        };
        if !before.is_empty() {
            out.push((before, Hit::None));
        }
        if !hit.is_empty() {
            out.push((hit, *kind));
        }
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push((rest, Hit::None));
    }
    out
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
