//! Parsing Markdown article bodies (pulldown-cmark) into the [`Body`] model.
//!
//! pulldown-cmark gives a flat stream of start/end tags and text, each with the byte range it
//! came from. [`parse_body`] folds that stream into the block tree of `body.rs` with a stack of
//! open container blocks (quotes, lists, items) and at most one open leaf block (a paragraph,
//! heading, raw HTML block or code block) that collects inline content.
//!
//! Only strikethrough is enabled on top of the Markdown core: newsletters use it, while tables,
//! footnotes and math would need layout the reader does not have (a table degrades to the
//! paragraph text it is written as). Raw HTML is never interpreted; it stays literal text,
//! because a reader that showed half-rendered markup would hide what the author wrote.
//!
//! The parser never panics: pulldown-cmark's stream is trusted to be well nested, but every
//! place that relies on that falls back to keeping the content rather than failing.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::nesting::Nesting;
use super::{Block, Body, Inline, ListItem, Run, RunStyle};

/// What parsing a body noticed that the file's editor should hear about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BodyNotes {
    /// The byte offset in the source of the first block quote or list nested deeper than
    /// [`MAX_NESTING`](super::MAX_NESTING), if any.
    pub too_deep: Option<usize>,
}

/// Parses a sanitized Markdown (`CommonMark`) body.
///
/// Every [`Run::source`] is a byte range of `source` taken from pulldown-cmark's offsets, so it
/// always lies on character boundaries.
#[must_use]
pub fn parse_body(source: &str) -> Body {
    parse_body_with_notes(source).0
}

/// [`parse_body`], also telling where block quotes and lists were nested too deep to keep.
#[must_use]
pub fn parse_body_with_notes(source: &str) -> (Body, BodyNotes) {
    let mut builder = Builder::new(source);
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        builder.event(event, range);
    }
    let notes = BodyNotes {
        too_deep: builder.nesting.too_deep,
    };
    (builder.finish(), notes)
}

/// Parses one piece of a body, `range` of `source` as [`split_body`](super::split_body) cut
/// it: its blocks, with every source range an offset into the whole `source`, and the link
/// targets its runs use, numbered from 0 in the piece (in order of first appearance there).
/// The whole source is not copied.
#[must_use]
pub fn parse_piece(source: &str, range: Range<usize>) -> (Vec<Block>, Vec<String>) {
    let Some(piece) = source.get(range.clone()) else {
        return (Vec::new(), Vec::new());
    };
    let mut builder = Builder::new(source);
    let parser = Parser::new_ext(piece, Options::ENABLE_STRIKETHROUGH);
    for (event, within) in parser.into_offset_iter() {
        builder.event(event, within.start + range.start..within.end + range.start);
    }
    builder.finish_parts()
}

/// An open container block whose children are collected until its end tag.
enum Container {
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item(Vec<Block>),
}

/// What an open inline-collecting leaf block becomes when it closes.
enum LeafKind {
    Paragraph,
    Heading(u8),
    /// A raw HTML block: each line after the first starts with a hard break, keeping the
    /// block laid out as written.
    Html,
}

struct Leaf {
    kind: LeafKind,
    inlines: Vec<Inline>,
}

/// An open code block: its text and the union of its content ranges.
struct Code {
    text: String,
    source: Option<Range<usize>>,
    /// Where the block starts, for the (empty) range of a block without content.
    at: usize,
}

struct Builder<'s> {
    source: &'s str,
    blocks: Vec<Block>,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    code: Option<Code>,
    // Depths rather than flags: `*a *b* c*` nests emphasis, and closing the inner one must not
    // end the outer.
    emphasis: u32,
    strong: u32,
    strikethrough: u32,
    /// Destinations of the open links and images, innermost last, with their index in `links`
    /// once a run has used them.
    targets: Vec<(String, Option<usize>)>,
    links: Vec<String>,
    /// The index in `links` of each URL in it, so that a repeated link is found at once.
    link_index: HashMap<String, usize>,
    nesting: Nesting,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Self {
            source,
            blocks: Vec::new(),
            containers: Vec::new(),
            leaf: None,
            code: None,
            emphasis: 0,
            strong: 0,
            strikethrough: 0,
            targets: Vec::new(),
            links: Vec::new(),
            link_index: HashMap::new(),
            nesting: Nesting::default(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(text) => match &mut self.code {
                Some(code) => {
                    code.text.push_str(&text);
                    code.source = Some(match code.source.take() {
                        Some(seen) => seen.start.min(range.start)..seen.end.max(range.end),
                        None => range,
                    });
                }
                None => self.push_run(&text, range, false),
            },
            Event::Code(text) => self.push_run(&text, range, true),
            Event::InlineHtml(html) => self.push_run(&html, range, false),
            Event::Html(html) => self.html_line(&html, range),
            Event::SoftBreak => self.inlines().push(Inline::SoftBreak),
            Event::HardBreak => self.inlines().push(Inline::HardBreak),
            Event::Rule => {
                self.close_leaf();
                self.push_block(Block::Rule);
            }
            // Footnotes, math and task lists are not enabled, so these do not occur; should a
            // future option bring them, show the markup as written rather than drop it.
            Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {
                let source = self.source;
                if let Some(raw) = source.get(range.clone()) {
                    self.push_run(raw, range, false);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.open_leaf(LeafKind::Paragraph),
            Tag::Heading { level, .. } => self.open_leaf(LeafKind::Heading(heading_level(level))),
            Tag::HtmlBlock => self.open_leaf(LeafKind::Html),
            Tag::CodeBlock(_) => {
                self.close_leaf();
                self.code = Some(Code {
                    text: String::new(),
                    source: None,
                    at: range.start,
                });
            }
            Tag::BlockQuote(_) => {
                let kept = self.nesting.open_level(range.start);
                self.open_container(kept.then(|| Container::Quote(Vec::new())));
            }
            Tag::List(start) => {
                let kept = self.nesting.open_level(range.start);
                self.open_container(kept.then_some(Container::List {
                    start,
                    items: Vec::new(),
                }));
            }
            Tag::Item => {
                let kept = self.nesting.open_item();
                self.open_container(kept.then(|| Container::Item(Vec::new())));
            }
            Tag::Emphasis => self.emphasis = self.emphasis.saturating_add(1),
            Tag::Strong => self.strong = self.strong.saturating_add(1),
            Tag::Strikethrough => self.strikethrough = self.strikethrough.saturating_add(1),
            Tag::Link { dest_url, .. } => self.targets.push((dest_url.into_string(), None)),
            // An image's alt text is all a terminal can show of it; linking it to the image
            // lets the reader open the picture from the link list. A linked image
            // (`[![banner](img)](article)`) keeps the outer link instead: that is where a click
            // on it would go, and its alt text is the only text the outer link has.
            Tag::Image { dest_url, .. } => {
                let target = match self.targets.last() {
                    Some(outer) => outer.clone(),
                    None => (dest_url.into_string(), None),
                };
                self.targets.push(target);
            }
            // Not enabled (tables, footnotes, definition lists, metadata, super/subscript):
            // their content, if any, flows into the surrounding blocks.
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock | TagEnd::CodeBlock => {
                self.close_leaf();
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                if self.nesting.close(true) {
                    self.close_container();
                } else {
                    self.close_leaf();
                }
            }
            TagEnd::Item => {
                if self.nesting.close(false) {
                    self.close_container();
                } else {
                    self.close_leaf();
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strikethrough = self.strikethrough.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                self.targets.pop();
            }
            _ => {}
        }
    }

    fn open_leaf(&mut self, kind: LeafKind) {
        self.close_leaf();
        self.leaf = Some(Leaf {
            kind,
            inlines: Vec::new(),
        });
    }

    /// Opens `container`; `None` for one nested too deep to keep, whose blocks go to the
    /// deepest container open.
    fn open_container(&mut self, container: Option<Container>) {
        self.close_leaf();
        self.containers.extend(container);
    }

    /// The inline list being filled. Tight list items carry their text without paragraph
    /// tags, so inline content with no open leaf starts an implicit paragraph.
    fn inlines(&mut self) -> &mut Vec<Inline> {
        if self.code.is_some() {
            self.close_leaf();
        }
        &mut self
            .leaf
            .get_or_insert_with(|| Leaf {
                kind: LeafKind::Paragraph,
                inlines: Vec::new(),
            })
            .inlines
    }

    /// Adds text in the current style and link, merging it into the previous run when both
    /// match: pulldown-cmark splits text at escapes and entities, which the layout engine and
    /// search should not see as separate runs.
    fn push_run(&mut self, text: &str, source: Range<usize>, code: bool) {
        if text.is_empty() {
            return;
        }
        let style = RunStyle {
            emphasis: self.emphasis > 0,
            strong: self.strong > 0,
            code,
            strikethrough: self.strikethrough > 0,
        };
        let link = self.current_link();
        let inlines = self.inlines();
        if let Some(Inline::Text(last)) = inlines.last_mut()
            && last.style == style
            && last.link == link
        {
            last.text.push_str(text);
            last.source = last.source.start.min(source.start)..last.source.end.max(source.end);
            return;
        }
        inlines.push(Inline::Text(Run {
            text: text.to_owned(),
            style,
            link,
            source,
        }));
    }

    /// The index in `links` of the innermost open link, registering its URL on first use so
    /// that `links` only lists targets some visible text points to. An empty destination
    /// (`[text]()`) has nowhere to go and is not a link.
    fn current_link(&mut self) -> Option<usize> {
        let (url, index) = self.targets.last_mut()?;
        if index.is_none() && !url.is_empty() {
            let found = self.link_index.get(url.as_str()).copied();
            *index = Some(found.unwrap_or_else(|| {
                let next = self.links.len();
                self.links.push(url.clone());
                self.link_index.insert(url.clone(), next);
                next
            }));
        }
        *index
    }

    /// One line of a raw HTML block (or stray HTML), kept as literal text.
    fn html_line(&mut self, html: &str, range: Range<usize>) {
        // The first line of a block starts with `<`, so it always leaves a run: any inline
        // already there means this is a later line.
        if let Some(Leaf {
            kind: LeafKind::Html,
            inlines,
        }) = &mut self.leaf
            && !inlines.is_empty()
        {
            inlines.push(Inline::HardBreak);
        }
        let source = trim_range(self.source, range);
        self.push_run(trim_line_end(html), source, false);
    }

    fn close_leaf(&mut self) {
        if let Some(Leaf { kind, inlines }) = self.leaf.take() {
            match kind {
                LeafKind::Heading(level) => self.push_block(Block::Heading { level, inlines }),
                LeafKind::Paragraph | LeafKind::Html if !inlines.is_empty() => {
                    self.push_block(Block::Paragraph(inlines));
                }
                LeafKind::Paragraph | LeafKind::Html => {}
            }
        }
        if let Some(Code {
            mut text,
            source,
            at,
        }) = self.code.take()
        {
            let mut source = source.unwrap_or(at..at);
            // Every code line ends in a newline; the model wants lines joined, not terminated,
            // and the range should end where the text does (before "\n" or "\r\n").
            if text.ends_with('\n') {
                text.pop();
                source = trim_range(self.source, source);
            }
            self.push_block(Block::Code { text, source });
        }
    }

    fn close_container(&mut self) {
        self.close_leaf();
        match self.containers.pop() {
            Some(Container::Quote(blocks)) => self.push_block(Block::Quote(blocks)),
            Some(Container::List { start, items }) => self.push_block(Block::List { start, items }),
            Some(Container::Item(blocks)) => {
                if let Some(Container::List { items, .. }) = self.containers.last_mut() {
                    items.push(ListItem { blocks });
                } else {
                    // An item outside a list does not come from pulldown-cmark; keep its text.
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            }
            None => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.containers.last_mut() {
            None => self.blocks.push(block),
            Some(Container::Quote(blocks) | Container::Item(blocks)) => blocks.push(block),
            // Blocks sit inside items, never directly in a list; should one arrive, give it an
            // item of its own rather than lose it.
            Some(Container::List { items, .. }) => items.push(ListItem {
                blocks: vec![block],
            }),
        }
    }

    fn finish(self) -> Body {
        let source = self.source.to_owned();
        let (blocks, links) = self.finish_parts();
        Body {
            source,
            blocks,
            links,
        }
    }

    /// Closes what is still open; the blocks and the links.
    fn finish_parts(mut self) -> (Vec<Block>, Vec<String>) {
        self.close_leaf();
        while !self.containers.is_empty() {
            self.close_container();
        }
        (self.blocks, self.links)
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `line` without one trailing `"\n"` or `"\r\n"`.
fn trim_line_end(line: &str) -> &str {
    line.strip_suffix('\n')
        .map_or(line, |line| line.strip_suffix('\r').unwrap_or(line))
}

/// `range` of `source` without one trailing line ending. The end stays on a char boundary
/// because it is the length of a prefix of a valid `str`.
fn trim_range(source: &str, range: Range<usize>) -> Range<usize> {
    match source.get(range.clone()) {
        Some(slice) => range.start..range.start + trim_line_end(slice).len(),
        None => range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_one_line_ending() {
        assert_eq!(trim_line_end("a\r\n"), "a");
        assert_eq!(trim_line_end("a\n\n"), "a\n");
        assert_eq!(trim_line_end("上海"), "上海");
        assert_eq!(trim_range("ab\r\ncd", 0..4), 0..2);
        assert_eq!(trim_range("ab", 5..9), 5..9);
    }

    #[test]
    fn unclosed_containers_are_kept() {
        // Close everything still open at the end even if the stream stopped early.
        let mut builder = Builder::new("x");
        builder.start(Tag::BlockQuote(None), 0..1);
        builder.start(Tag::Item, 0..1);
        builder.push_run("x", 0..1, false);
        let body = builder.finish();
        assert_eq!(body.blocks.len(), 1);
        assert!(matches!(&body.blocks[0], Block::Quote(inner) if inner.len() == 1));
    }
}
