//! What the reading pane shows for one article: its laid-out lines, and after an issue's
//! last article the issue's footer. Built once per article and width, never per frame.
//!
//! A long article is laid out a piece at a time ([`ArticleSteps`]): the reader lays out what
//! the pane shows and hands the rest to a thread ([`Background`]), so that the first screen of
//! a 5 MB article costs its first piece. The lines laid out so far are always the first lines
//! of the whole layout, so every line number and anchor means the same as in the whole; what
//! needs lines further on (scrolling there, `G`, a find hit, a saved place) lays out up to them
//! first, taking the pieces the thread has done and waiting for the ones it is on.

use std::sync::Arc;

use super::ArticleRef;
use super::background::Background;
use crate::load::Library;
use crate::model::{Article, BodySource, Issue, Unreadable};
use crate::text::{
    AmbiguousWidth, ArticleLayout, ArticleSteps, LayoutOptions, Line, LineKind, Span, SpanStyle,
    wrap_str,
};

/// An article laid out for a width, as far as it has been.
#[derive(Debug, Clone)]
pub struct Document {
    pub article: ArticleRef,
    /// The article's stable id: what the reading state remembers it by.
    pub id: String,
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    /// The lines laid out so far (all of them once [`is_complete`](Self::is_complete)), and
    /// the links they number.
    pub layout: ArticleLayout,
    /// The first line of the body (after title, subtitle, metadata and the blank line).
    pub body_start: usize,
    /// `(source offset, line)` of every line laid out that has source text, in order: finding
    /// the line of an offset is a binary search, so scrolling costs the same in any article.
    starts: Vec<(usize, usize)>,
    issue: Arc<Issue>,
    /// The article as this document shows it, its body read once when the document was made:
    /// what is on screen stays whatever then happens to the file (find and copy use it too).
    shown: Arc<Article>,
    /// Why the body could not be read, if it could not: the document shows that instead.
    unreadable: Option<Unreadable>,
    steps: ArticleSteps,
    /// The rest of the layout being done on another thread.
    background: Background,
    /// Every piece, the link list and the footer are laid out.
    complete: bool,
}

impl Document {
    /// Lays out the start of `at` for `width` columns (its first piece, and more if that
    /// shows no body text); [`reach_line`](Self::reach_line) and the like lay out more. The
    /// footer of the issue follows its last article. The body is read from `earlier` when that
    /// showed the same version of the article (at another width): a file that has changed
    /// since, or gone, does not take the text off the screen.
    #[must_use]
    pub fn new(
        library: &Library,
        at: ArticleRef,
        width: usize,
        ambiguous: AmbiguousWidth,
        cjk_indent: bool,
        earlier: Option<&Document>,
    ) -> Option<Self> {
        let issue = library.issues.get(at.issue)?;
        let article = issue.articles.get(at.article)?;
        let mut options = LayoutOptions::for_issue(issue, width.max(2), ambiguous);
        options.cjk_indent &= cjk_indent;
        let same = earlier
            .filter(|d| d.article == at && d.unreadable.is_none() && Arc::ptr_eq(&d.issue, issue));
        let (shown, unreadable) = match same {
            Some(earlier) => (Arc::clone(&earlier.shown), None),
            None => shown_article(article),
        };
        let mut document = Self {
            article: at,
            id: article.id.clone(),
            width,
            ambiguous,
            layout: ArticleLayout::default(),
            body_start: 0,
            starts: Vec::new(),
            steps: ArticleSteps::new(&shown, &options),
            issue: Arc::clone(issue),
            shown,
            unreadable,
            background: Background::default(),
            complete: false,
        };
        while document.starts.is_empty() && document.advance() {}
        if let Some(&(_, line)) = document.starts.first() {
            document.body_start = line;
        }
        Some(document)
    }

    /// The lines laid out so far: all of them once the document is complete, and always
    /// those the reader has asked to reach.
    #[must_use]
    pub fn lines(&self) -> &[Line] {
        &self.layout.lines
    }

    /// The article as this document shows it, its body read when the document was made.
    #[must_use]
    pub fn shown(&self) -> &Article {
        &self.shown
    }

    /// The article's body as this document shows it; `None` when it could not be read (the
    /// document shows why instead).
    #[must_use]
    pub fn text(&self) -> Option<&Arc<str>> {
        self.unreadable.is_none().then(|| self.steps.source())
    }

    /// Why the body could not be read, if it could not.
    #[must_use]
    pub fn unreadable(&self) -> Option<&Unreadable> {
        self.unreadable.as_ref()
    }

    /// Whether the whole article is laid out.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// How many lines the article has: exact once it is complete, until then an estimate
    /// from the part laid out (more than the lines there are so far).
    #[must_use]
    pub fn line_count_estimate(&self) -> usize {
        let laid = self.layout.lines.len();
        if self.complete {
            return laid;
        }
        // The length of what is laid out: the body as read, or the note that it cannot be.
        let total = self.shown.body.len();
        let done = self.steps.laid_bytes().max(1);
        let estimate = u128::from(laid as u64) * u128::from(total as u64) / u128::from(done as u64);
        usize::try_from(estimate)
            .unwrap_or(usize::MAX)
            .max(laid + 1)
    }

    /// Lays out until there are at least `count` lines (or all there are).
    pub fn reach_line(&mut self, count: usize) {
        while self.layout.lines.len() < count && self.advance() {}
    }

    /// Lays out until every line showing body offset `offset` (or before it) is there.
    pub fn reach_offset(&mut self, offset: usize) {
        while self.steps.laid_bytes() <= offset && self.advance() {}
    }

    /// Lays out whatever an anchor needs to find its line.
    pub fn reach(&mut self, anchor: Anchor) {
        match anchor {
            Anchor::Header(_) => {}
            Anchor::Offset { offset, below } => {
                self.reach_offset(offset);
                let line = self.line_at(offset);
                self.reach_line(line.saturating_add(below).saturating_add(1));
            }
            Anchor::FromEnd(_) => self.complete(),
        }
    }

    /// Lays out all of the article.
    pub fn complete(&mut self) {
        while self.advance() {}
    }

    /// Hands the rest of the layout to a thread, if there is a rest and no thread yet. Not for
    /// a first look at a large file: the whole issue replaces it as soon as the file is read,
    /// and that read needs the cores meanwhile.
    pub fn lay_out_rest_in_background(&mut self) {
        if !self.complete && !self.issue.first_look && !self.background.is_running() {
            self.background = Background::start(Arc::clone(&self.shown), self.steps.clone());
        }
    }

    /// Takes in the pieces the thread has laid out, without waiting for more.
    pub fn take_in_background(&mut self) {
        while !self.complete
            && let Some(laid) = self.background.ready()
        {
            self.take(laid);
        }
    }

    /// Lays out one more piece, or takes it from the thread (waiting for it); after the last,
    /// the footer. Returns `false` when the document was already complete.
    fn advance(&mut self) -> bool {
        if self.complete {
            return false;
        }
        if let Some(laid) = self.background.wait() {
            self.take(laid);
            return true;
        }
        let mut lines = Vec::new();
        if self.steps.step(&self.shown, &mut lines) {
            self.append(lines);
        }
        self.finish_if_done();
        true
    }

    /// Takes in a piece laid out by the thread. One that does not follow the last is
    /// dropped, with the thread: the pieces after it are laid out here.
    fn take(&mut self, laid: crate::text::Laid) {
        match self.steps.follow(laid) {
            Some(lines) => {
                self.append(lines);
                self.finish_if_done();
            }
            None => self.background = Background::default(),
        }
    }

    fn append(&mut self, lines: Vec<Line>) {
        let first = self.layout.lines.len();
        self.starts.extend(
            lines
                .iter()
                .enumerate()
                .filter_map(|(index, line)| line.source().map(|s| (s.start, first + index))),
        );
        self.layout.lines.extend(lines);
        if let Some(new) = self.steps.links().get(self.layout.links.len()..) {
            self.layout.links.extend_from_slice(new);
        }
    }

    /// Once every piece is laid out: the footer after the issue's last article.
    fn finish_if_done(&mut self) {
        if self.complete || !self.steps.is_done() {
            return;
        }
        self.complete = true;
        self.background = Background::default();
        if self.starts.is_empty() {
            // No body text: the body starts (and ends) after the header.
            self.body_start = self.layout.lines.len();
        }
        let last = self.article.article + 1 == self.issue.articles.len();
        let width = self.width.max(2);
        if let Some(footer) = self
            .issue
            .footer
            .as_deref()
            .filter(|f| last && !f.trim().is_empty())
        {
            footer_lines(footer, width, self.ambiguous, &mut self.layout.lines);
        }
    }

    /// Where line `top` is, as a position that survives a re-wrap: a header line by its
    /// index; a body line by the source offset of the last line at or above it that has
    /// source text, and how many lines below that (blank lines between paragraphs); a line
    /// after the body (link list, footer) by its distance from the end. `top` is a line laid
    /// out.
    #[must_use]
    pub fn anchor(&self, top: usize) -> Anchor {
        if top < self.body_start {
            return Anchor::Header(top);
        }
        let last_body_line = self.starts.last().map_or(0, |&(_, line)| line);
        // Until the layout is complete, pieces with body text follow every line there is.
        if self.complete && top > last_body_line + 1 {
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

    /// The line an anchor points at in this layout, once [`reach`](Self::reach) has laid out
    /// what it needs.
    #[must_use]
    pub fn line_of(&self, anchor: Anchor) -> usize {
        match anchor {
            Anchor::Header(line) => line.min(self.body_start),
            Anchor::Offset { offset, below } => self.line_at(offset) + below,
            Anchor::FromEnd(back) => self.layout.lines.len().saturating_sub(back),
        }
    }

    /// The line showing byte `offset` of the body: the last line starting at or before it,
    /// once [`reach_offset`](Self::reach_offset) has laid it out.
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

/// A copy of `article` with its body read (or, if it cannot be, the paragraph that says why,
/// and the reason).
fn shown_article(article: &Article) -> (Arc<Article>, Option<Unreadable>) {
    let (text, unreadable) = match article.body.shared_text() {
        Ok(text) => (text, None),
        Err(why) => (BodySource::unreadable_note(&why), Some(why)),
    };
    let shown = Article {
        body: BodySource::from_shared(text),
        ..article.clone()
    };
    (Arc::new(shown), unreadable)
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
