//! What the reading pane shows for one article: its laid-out lines, and after an issue's
//! last article the issue's footer. Built once per article and width, never per frame.

use super::ArticleRef;
use crate::load::Library;
use crate::text::{
    AmbiguousWidth, ArticleLayout, LayoutOptions, Line, LineKind, Span, SpanStyle, layout_article,
    wrap_str,
};

/// An article laid out for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub article: ArticleRef,
    /// The article's stable id: what the reading state remembers it by.
    pub id: String,
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    pub layout: ArticleLayout,
    /// The first line of the body (after title, subtitle, metadata and the blank line).
    pub body_start: usize,
    /// `(source offset, line)` of every line that has source text, in order: finding the
    /// line of an offset is a binary search, so scrolling costs the same in any article.
    starts: Vec<(usize, usize)>,
}

impl Document {
    /// Lays out `at` for `width` columns. The footer of the issue follows its last article.
    #[must_use]
    pub fn new(
        library: &Library,
        at: ArticleRef,
        width: usize,
        ambiguous: AmbiguousWidth,
        cjk_indent: bool,
    ) -> Option<Self> {
        let issue = library.issues.get(at.issue)?;
        let article = issue.articles.get(at.article)?;
        let mut options = LayoutOptions::for_issue(issue, width.max(2), ambiguous);
        options.cjk_indent &= cjk_indent;
        let mut layout = layout_article(article, &options);
        let starts: Vec<(usize, usize)> = layout
            .lines
            .iter()
            .enumerate()
            .filter_map(|(index, line)| line.source().map(|s| (s.start, index)))
            .collect();
        let body_start = starts.first().map_or(layout.lines.len(), |&(_, line)| line);
        let last = at.article + 1 == issue.articles.len();
        if let Some(footer) = issue
            .footer
            .as_deref()
            .filter(|f| last && !f.trim().is_empty())
        {
            footer_lines(footer, width.max(2), ambiguous, &mut layout.lines);
        }
        Some(Self {
            article: at,
            id: article.id.clone(),
            width,
            ambiguous,
            layout,
            body_start,
            starts,
        })
    }

    #[must_use]
    pub fn lines(&self) -> &[Line] {
        &self.layout.lines
    }

    /// Where line `top` is, as a position that survives a re-wrap: a header line by its
    /// index; a body line by the source offset of the last line at or above it that has
    /// source text, and how many lines below that (blank lines between paragraphs); a line
    /// after the body (link list, footer) by its distance from the end.
    #[must_use]
    pub fn anchor(&self, top: usize) -> Anchor {
        if top < self.body_start {
            return Anchor::Header(top);
        }
        let last_body_line = self.starts.last().map_or(0, |&(_, line)| line);
        if top > last_body_line + 1 {
            return Anchor::FromEnd(self.layout.lines.len().saturating_sub(top));
        }
        let at_or_above = self.starts.partition_point(|&(_, line)| line <= top);
        match at_or_above.checked_sub(1).and_then(|i| self.starts.get(i)) {
            Some(&(offset, line)) => Anchor::Offset {
                offset,
                below: top - line,
            },
            None => Anchor::Header(top),
        }
    }

    /// The line an anchor points at in this layout.
    #[must_use]
    pub fn line_of(&self, anchor: Anchor) -> usize {
        match anchor {
            Anchor::Header(line) => line.min(self.body_start),
            Anchor::Offset { offset, below } => self.line_at(offset) + below,
            Anchor::FromEnd(back) => self.layout.lines.len().saturating_sub(back),
        }
    }

    /// The line showing byte `offset` of the body: the last line starting at or before it.
    #[must_use]
    pub fn line_at(&self, offset: usize) -> usize {
        let after = self.starts.partition_point(|&(start, _)| start <= offset);
        after
            .checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .or_else(|| self.starts.first())
            .map_or(0, |&(_, line)| line)
    }
}

/// A place in an article that does not depend on the width it is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Header(usize),
    Offset { offset: usize, below: usize },
    FromEnd(usize),
}

/// The issue's footer after a rule, each line of it wrapped on its own.
fn footer_lines(footer: &str, width: usize, ambiguous: AmbiguousWidth, lines: &mut Vec<Line>) {
    let rule = match ambiguous {
        AmbiguousWidth::Narrow => "─",
        AmbiguousWidth::Wide => "-",
    };
    lines.push(Line::blank());
    lines.push(Line::new(
        vec![Span::plain(rule.repeat(width), SpanStyle::Rule)],
        LineKind::Rule,
    ));
    lines.push(Line::blank());
    for text in footer.trim_end().lines() {
        if text.trim().is_empty() {
            lines.push(Line::blank());
            continue;
        }
        for wrapped in wrap_str(text, width, ambiguous) {
            lines.push(Line::new(
                vec![Span::plain(wrapped, SpanStyle::Footer)],
                LineKind::Footer,
            ));
        }
    }
}
