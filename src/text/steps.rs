//! Laying out an article a piece at a time: the first screen of a 5 MB article costs the
//! first piece, not the whole body.
//!
//! The body is cut by [`split_body`] where pieces parse as they do in the whole; each step
//! parses one piece and lays it out after the last. What a piece's layout depends on from
//! before it is small and kept here: the kind of the last top-level block (for the blank line
//! between blocks) and the links numbered so far (a piece's links continue the numbering, and
//! a URL seen before keeps its number). So the lines of all steps, in order, are exactly the
//! lines of [`layout_article`](super::layout_article), which the tests check.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::blocks::{Kind, layout_top_blocks};
use super::layout::{LayoutOptions, header, link_list};
use super::line::Line;
use crate::model::{
    Article, Block, FIRST_PIECE_BYTES, Inline, PIECE_BYTES, parse_piece, split_body,
    split_body_from,
};

/// How far an article's layout has come, and what the next piece needs to know.
#[derive(Debug, Clone)]
pub struct ArticleSteps {
    options: LayoutOptions,
    /// The body's source, read once (shared: the state is cloned to hand the work to another
    /// thread).
    source: Arc<str>,
    /// The body's pieces.
    pieces: Arc<[Range<usize>]>,
    /// The next piece to lay out.
    next: usize,
    /// Link targets in the order the text numbers them, so far.
    links: Vec<String>,
    link_index: HashMap<String, usize>,
    /// The kind of the last top-level block laid out.
    previous: Option<Kind>,
}

impl ArticleSteps {
    /// Nothing laid out yet; `article`'s body cut into pieces of [`PIECE_BYTES`], the first of
    /// [`FIRST_PIECE_BYTES`].
    #[must_use]
    pub fn new(article: &Article, options: &LayoutOptions) -> Self {
        let source = article.body.shared_source();
        let pieces = split_body_from(&source, FIRST_PIECE_BYTES, PIECE_BYTES);
        Self::with_pieces(options, source, pieces)
    }

    /// [`new`](Self::new) with pieces of at least `target` bytes (tests cut small bodies).
    #[must_use]
    pub fn with_piece_bytes(article: &Article, options: &LayoutOptions, target: usize) -> Self {
        let source = article.body.shared_source();
        let pieces = split_body(&source, target);
        Self::with_pieces(options, source, pieces)
    }

    fn with_pieces(options: &LayoutOptions, source: Arc<str>, pieces: Vec<Range<usize>>) -> Self {
        Self {
            options: *options,
            source,
            pieces: pieces.into(),
            next: 0,
            links: Vec::new(),
            link_index: HashMap::new(),
            previous: None,
        }
    }

    /// The body's source being laid out.
    #[must_use]
    pub fn source(&self) -> &Arc<str> {
        &self.source
    }

    /// Whether every piece is laid out (and the link list after them).
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.next >= self.pieces.len()
    }

    /// How many bytes of the body source are laid out: every line showing an offset below
    /// this is there.
    #[must_use]
    pub fn laid_bytes(&self) -> usize {
        self.next
            .checked_sub(1)
            .and_then(|last| self.pieces.get(last))
            .map_or(0, |piece| piece.end)
    }

    /// The link targets numbered so far, in order (the text shows index + 1).
    #[must_use]
    pub fn links(&self) -> &[String] {
        &self.links
    }

    /// Lays out the next piece of `article` (the one this state was made for) and appends its
    /// lines to `lines`: after the header (when the options ask for one) for the first piece,
    /// followed by the link list for the last. Returns `false`, adding nothing, when every
    /// piece was already laid out.
    pub fn step(&mut self, article: &Article, lines: &mut Vec<Line>) -> bool {
        let Some(piece) = self.pieces.get(self.next).cloned() else {
            return false;
        };
        let source = Arc::clone(&self.source);
        let (mut blocks, targets) = parse_piece(&source, piece);
        let numbers: Vec<usize> = targets.into_iter().map(|url| self.number(url)).collect();
        renumber(&mut blocks, &numbers);
        if self.next == 0 && self.options.header {
            header(article, &self.options, lines);
            // Only the first piece can be without blocks: every later one starts with a
            // paragraph.
            if !blocks.is_empty() || self.pieces.len() > 1 {
                lines.push(Line::blank());
            }
        }
        self.previous = layout_top_blocks(&blocks, &source, self.previous, &self.options, lines);
        self.next += 1;
        if self.is_done() {
            link_list(&self.links, &self.options, lines);
        }
        true
    }

    /// [`step`](Self::step) for laying out on another thread: the next piece's lines and
    /// what the step changed, for [`follow`](Self::follow) to apply to the state this one was
    /// cloned from. `None` when every piece was laid out.
    pub fn step_apart(&mut self, article: &Article) -> Option<Laid> {
        let links_before = self.links.len();
        let mut lines = Vec::new();
        if !self.step(article, &mut lines) {
            return None;
        }
        Some(Laid {
            lines,
            links: self.links.get(links_before..).unwrap_or_default().to_vec(),
            next: self.next,
            previous: self.previous,
        })
    }

    /// Takes in a step a clone of this state took apart ([`step_apart`](Self::step_apart))
    /// from the point this one is at, and gives its lines. `None`, changing nothing, for a
    /// step from any other point.
    pub fn follow(&mut self, laid: Laid) -> Option<Vec<Line>> {
        if laid.next != self.next + 1 {
            return None;
        }
        for url in laid.links {
            self.number(url);
        }
        self.next = laid.next;
        self.previous = laid.previous;
        Some(laid.lines)
    }

    /// The number (0-based) of link target `url`: its first number, or the next one.
    fn number(&mut self, url: String) -> usize {
        if let Some(&number) = self.link_index.get(&url) {
            return number;
        }
        let number = self.links.len();
        self.links.push(url.clone());
        self.link_index.insert(url, number);
        number
    }
}

/// One piece laid out on another thread: its lines and how the state moved on.
#[derive(Debug)]
pub struct Laid {
    lines: Vec<Line>,
    /// Link targets first numbered in this piece.
    links: Vec<String>,
    next: usize,
    previous: Option<Kind>,
}

/// Gives every run of `blocks` its link's number in the whole body: `numbers[i]` for the
/// piece's link `i`.
fn renumber(blocks: &mut [Block], numbers: &[usize]) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Heading { inlines, .. } => {
                for inline in inlines {
                    if let Inline::Text(run) = inline
                        && let Some(link) = run.link.as_mut()
                    {
                        *link = numbers.get(*link).copied().unwrap_or(*link);
                    }
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    renumber(&mut item.blocks, numbers);
                }
            }
            Block::Quote(blocks) => renumber(blocks, numbers),
            Block::Code { .. } | Block::Rule => {}
        }
    }
}
