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
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    pub layout: ArticleLayout,
    /// The first line of the body (after title, subtitle, metadata and the blank line).
    pub body_start: usize,
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
        let body_start = layout
            .lines
            .iter()
            .position(|line| line.source().is_some())
            .unwrap_or(layout.lines.len());
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
            width,
            ambiguous,
            layout,
            body_start,
        })
    }

    #[must_use]
    pub fn lines(&self) -> &[Line] {
        &self.layout.lines
    }

    /// Where line `top` is, as a position that survives a re-wrap: a header line by its
    /// index, a body line by the source offset it starts at.
    #[must_use]
    pub fn anchor(&self, top: usize) -> Anchor {
        if top < self.body_start {
            return Anchor::Header(top);
        }
        match self.layout.line_offset(top) {
            Some(offset) if self.layout.line_at(offset) == Some(top) => Anchor::Offset(offset),
            // Lines after the last body line (link list, footer) have no offset of their own.
            _ => Anchor::FromEnd(self.layout.lines.len().saturating_sub(top)),
        }
    }

    /// The line an anchor points at in this layout.
    #[must_use]
    pub fn line_of(&self, anchor: Anchor) -> usize {
        match anchor {
            Anchor::Header(line) => line.min(self.body_start),
            Anchor::Offset(offset) => self.layout.line_at(offset).unwrap_or(0),
            Anchor::FromEnd(back) => self.layout.lines.len().saturating_sub(back),
        }
    }
}

/// A place in an article that does not depend on the width it is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Header(usize),
    Offset(usize),
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
