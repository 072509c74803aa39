//! Laying out a whole article: header, body and link list, with lookups between lines and
//! source offsets for search hits and saved reading positions.

use super::blocks::layout_blocks;
use super::line::{Line, LineKind, Span, SpanStyle};
use super::wrap::{Piece, WrapOptions, Wrapper};
use super::{AmbiguousWidth, str_width};
use crate::model::{Article, Body, Issue};

/// How to lay out an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Line width in cells; every line fits in it (except a lone wide character at width 1).
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    /// Start top-level paragraphs with two ideographic spaces (U+3000), the Chinese and
    /// Japanese convention, and do not separate them by blank lines.
    pub cjk_indent: bool,
    /// Include the title, subtitle and metadata lines before the body.
    pub header: bool,
}

impl LayoutOptions {
    /// Options for text in no particular language: no indent, with the header.
    #[must_use]
    pub fn new(width: usize, ambiguous: AmbiguousWidth) -> Self {
        Self {
            width,
            ambiguous,
            cjk_indent: false,
            header: true,
        }
    }

    /// The defaults for a language: Chinese and Japanese paragraphs get the first-line indent.
    /// `language` is a BCP 47 primary subtag as given by [`Issue::primary_language`].
    #[must_use]
    pub fn for_language(language: Option<&str>, width: usize, ambiguous: AmbiguousWidth) -> Self {
        Self {
            cjk_indent: matches!(language, Some("zh" | "ja")),
            ..Self::new(width, ambiguous)
        }
    }

    /// The defaults for an issue's language.
    #[must_use]
    pub fn for_issue(issue: &Issue, width: usize, ambiguous: AmbiguousWidth) -> Self {
        Self::for_language(issue.primary_language().as_deref(), width, ambiguous)
    }
}

/// An article as lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleLayout {
    pub lines: Vec<Line>,
    /// The body's link targets, numbered from 1 in the text (`[1]`, `[2]`…).
    pub links: Vec<String>,
}

impl ArticleLayout {
    /// The index of the line that shows byte `offset` of the body source: the last line that
    /// starts at or before it (an offset in a space dropped at a break belongs to the line
    /// before). Before the first body line, the first body line. `None` if no line has a
    /// source. Linear in the number of lines.
    #[must_use]
    pub fn line_at(&self, offset: usize) -> Option<usize> {
        let mut found = None;
        for (index, line) in self.lines.iter().enumerate() {
            let Some(source) = line.source() else {
                continue;
            };
            if source.start > offset {
                return found.or(Some(index));
            }
            found = Some(index);
        }
        found
    }

    /// The body source offset where line `index` starts, to save a reading position that
    /// survives re-wrapping. For a line without source (header, blank, link list) it is the
    /// start of the next line that has one.
    #[must_use]
    pub fn line_offset(&self, index: usize) -> Option<usize> {
        self.lines
            .get(index..)?
            .iter()
            .find_map(|line| line.source().map(|s| s.start))
    }
}

/// Lays out an article: title, subtitle, metadata and a blank line (when `options.header`),
/// then the body, then the link list.
#[must_use]
pub fn layout_article(article: &Article, options: &LayoutOptions) -> ArticleLayout {
    let mut lines = Vec::new();
    let link_targets = article_lines(article, options, &mut lines);
    ArticleLayout {
        lines,
        links: link_targets,
    }
}

/// [`layout_article`], appending the lines to `lines`; returns the body's links. The body is
/// parsed here and its blocks dropped once laid out.
pub(crate) fn article_lines(
    article: &Article,
    options: &LayoutOptions,
    lines: &mut Vec<Line>,
) -> Vec<String> {
    let body = article.body.parse();
    if options.header {
        header(article, options, lines);
        if !body.blocks.is_empty() {
            lines.push(Line::blank());
        }
    }
    body_lines(&body, options, lines);
    body.links
}

/// Lays out a body and its link list.
#[must_use]
pub fn layout_body(body: &Body, options: &LayoutOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    body_lines(body, options, &mut lines);
    lines
}

/// [`layout_body`], appending the lines to `lines`.
fn body_lines(body: &Body, options: &LayoutOptions, lines: &mut Vec<Line>) {
    layout_blocks(body, options, lines);
    link_list(&body.links, options, lines);
}

/// The title, subtitle and metadata lines of an article.
pub(crate) fn header(article: &Article, options: &LayoutOptions, lines: &mut Vec<Line>) {
    let mut wrapper = Wrapper::default();
    let mut add = |text: &str, style: SpanStyle, kind: LineKind| {
        wrap_plain(&mut wrapper, text, style, kind, options, lines);
    };
    add(&article.title, SpanStyle::Title, LineKind::Title);
    if let Some(subtitle) = &article.subtitle {
        add(subtitle, SpanStyle::Subtitle, LineKind::Subtitle);
    }
    let meta = meta_line(article, options.ambiguous);
    if !meta.is_empty() {
        add(&meta, SpanStyle::Meta, LineKind::Meta);
    }
}

/// Wraps `text`, one piece in `style` with no prefix, into lines of `kind` at the layout's
/// width (titles, metadata, masthead, footer).
pub(crate) fn wrap_plain(
    wrapper: &mut Wrapper,
    text: &str,
    style: SpanStyle,
    kind: LineKind,
    options: &LayoutOptions,
    lines: &mut Vec<Line>,
) {
    let wrap = WrapOptions {
        kind,
        ..WrapOptions::new(options.width, options.ambiguous)
    };
    wrapper.wrap(&[Piece::new(text, style)], &wrap, lines);
}

/// The separator between metadata fields. `·` is East Asian Ambiguous; terminals set to draw
/// those wide get a `/` that every font draws in one cell.
#[must_use]
pub fn separator(ambiguous: AmbiguousWidth) -> &'static str {
    match ambiguous {
        AmbiguousWidth::Narrow => " · ",
        AmbiguousWidth::Wide => " / ",
    }
}

/// The fields that are present and not blank, joined by the [`separator`].
pub(crate) fn join_fields<'f>(
    fields: impl IntoIterator<Item = Option<&'f str>>,
    ambiguous: AmbiguousWidth,
) -> String {
    fields
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(separator(ambiguous))
}

/// `section · author · date`, leaving out what the article does not have.
fn meta_line(article: &Article, ambiguous: AmbiguousWidth) -> String {
    let date = article.date.map(|d| d.to_string());
    join_fields(
        [
            article.section.as_deref(),
            article.author.as_deref(),
            date.as_deref(),
        ],
        ambiguous,
    )
}

/// `[1] https://…` lines after a blank line; a URL longer than the line is cut at the width
/// and continues under itself.
pub(crate) fn link_list(targets: &[String], options: &LayoutOptions, lines: &mut Vec<Line>) {
    if targets.is_empty() {
        return;
    }
    lines.push(Line::blank());
    let digits = targets.len().to_string().len();
    let mut wrapper = Wrapper::default();
    for (index, url) in targets.iter().enumerate() {
        let number = index + 1;
        let marker = format!("{:<width$} ", format!("[{number}]"), width = digits + 2);
        let hang = str_width(&marker, options.ambiguous);
        let wrap = WrapOptions {
            first_prefix: vec![Span::plain(marker, SpanStyle::LinkRef)],
            rest_prefix: vec![Span::plain(" ".repeat(hang), SpanStyle::Indent)],
            kind: LineKind::LinkList,
            verbatim: true,
            ..WrapOptions::new(options.width, options.ambiguous)
        };
        let piece = Piece {
            link: Some(index),
            ..Piece::new(url.as_str(), SpanStyle::LinkUrl)
        };
        wrapper.wrap(&[piece], &wrap, lines);
    }
}
