//! A quicker way through the shape nearly every issue file has: bare `key = value` lines and
//! `[[article]]` headers. It builds the very table `DeTable::parse` would, but checks the
//! text of multi-line literal strings (`'''…'''`, where bodies live) many bytes at a time;
//! the TOML library checks them a byte at a time, which was a quarter of loading a large
//! library. Anything else (a syntax error, a quoted or dotted key, an inline table or array,
//! a duplicate key, a string that needs the library's judgement) returns `None`, and the
//! caller parses the file with the library, whose messages name the fault.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml_parser::decoder::Encoding;
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use crate::model::decode_string;

/// The nesting limit the TOML library parses with; plain files never come near it.
const NESTING_LIMIT: u32 = 80;

/// The header of an article table, the only table header a plain file has.
const ARTICLE: &str = "article";

/// Parses `text` if it is a plain issue file; `None` if the TOML library must.
#[must_use]
pub fn parse_plain(text: &str) -> Option<Spanned<DeTable<'_>>> {
    let source = Source::new(text);
    // Not `into_vec`: it reserves room for two tokens per seven bytes, 24 bytes each, which
    // for a body-heavy file is seven times the file, mapped and unmapped for every file.
    let tokens: Vec<Token> = source.lex().collect();
    let mut events = Vec::with_capacity(tokens.len());
    let mut error: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut events, source);
        let mut receiver = RecursionGuard::new(&mut whitespace, NESTING_LIMIT);
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut error);
    }
    if error.is_some() {
        return None;
    }
    let mut walk = Walk {
        source,
        events: &events,
        next: 0,
    };
    let root = walk.document()?;
    Some(Spanned::new(0..0, root))
}

/// An `[[article]]` header: the key's span and the whole header's, as the library keeps them.
struct Header {
    key: Range<usize>,
    whole: Range<usize>,
}

struct Walk<'e, 'i> {
    source: Source<'i>,
    events: &'e [Event],
    next: usize,
}

impl<'i> Walk<'_, 'i> {
    fn document(&mut self) -> Option<DeTable<'i>> {
        let mut root: Option<DeTable<'i>> = None;
        let mut table = DeTable::new();
        let mut header: Option<Header> = None;
        while let Some(event) = self.next_meaningful() {
            match event.kind() {
                EventKind::SimpleKey => {
                    let (key, value) = self.key_value(event)?;
                    if table.contains_key(key.get_ref().as_ref()) {
                        return None;
                    }
                    table.insert(key, value);
                }
                EventKind::ArrayTableOpen => {
                    let next = self.article_header(event)?;
                    finish(&mut root, std::mem::take(&mut table), header.replace(next))?;
                }
                _ => return None,
            }
        }
        finish(&mut root, table, header)?;
        root
    }

    /// `key = value` with a bare key and a single value.
    fn key_value(&mut self, key: Event) -> Option<(Spanned<Cow<'i, str>>, Spanned<DeValue<'i>>)> {
        if key.encoding().is_some() {
            return None;
        }
        let name = self.text(key)?;
        if self.next_meaningful()?.kind() != EventKind::KeyValSep {
            return None;
        }
        let value = self.next_meaningful()?;
        if value.kind() != EventKind::Scalar {
            return None;
        }
        let value = Spanned::new(range(value), self.scalar(value)?);
        Some((Spanned::new(range(key), Cow::Borrowed(name)), value))
    }

    /// `[[article]]`, returning the header's span as the TOML library gives it.
    fn article_header(&mut self, open: Event) -> Option<Header> {
        let key = self.next_meaningful()?;
        if key.kind() != EventKind::SimpleKey
            || key.encoding().is_some()
            || self.text(key)? != ARTICLE
        {
            return None;
        }
        let close = self.next_meaningful()?;
        (close.kind() == EventKind::ArrayTableClose).then(|| Header {
            key: range(key),
            whole: open.span().start()..close.span().end(),
        })
    }

    fn scalar(&self, event: Event) -> Option<DeValue<'i>> {
        let raw = self.source.get(event)?;
        match event.encoding() {
            Some(Encoding::MlLiteralString) => {
                plain_ml_literal(raw.as_str()).map(|text| DeValue::String(Cow::Borrowed(text)))
            }
            Some(_) => decode_string(&raw).map(DeValue::String),
            // Numbers, dates and booleans are short; the library reads them exactly.
            None => DeValue::parse(raw.as_str()).ok().map(Spanned::into_inner),
        }
    }

    /// A bare key's name, checked as the library checks it (an empty key is an error).
    fn text(&self, event: Event) -> Option<&'i str> {
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut decoded, &mut error);
        match (error, decoded) {
            (None, Cow::Borrowed(name)) => Some(name),
            _ => None,
        }
    }

    /// The next event that is not whitespace, a comment or a line end.
    fn next_meaningful(&mut self) -> Option<Event> {
        while let Some(event) = self.events.get(self.next).copied() {
            self.next += 1;
            match event.kind() {
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline => {}
                _ => return Some(event),
            }
        }
        None
    }
}

/// Ends the table being filled: the keys before the first header are the root; each
/// article's table joins the `article` list, which starts with the first header's span.
fn finish<'i>(
    root: &mut Option<DeTable<'i>>,
    table: DeTable<'i>,
    header: Option<Header>,
) -> Option<()> {
    let Some(Header { key, whole }) = header else {
        *root = Some(table);
        return Some(());
    };
    let root = root.as_mut()?;
    let entry = root
        .entry(Spanned::new(key, Cow::Borrowed(ARTICLE)))
        .or_insert_with(|| Spanned::new(whole.clone(), DeValue::Array(DeArray::new())));
    let DeValue::Array(articles) = entry.get_mut() else {
        return None;
    };
    // An `article = […]` key in the root would be an array too; plain files have none
    // (arrays are not plain), so this list holds only tables.
    articles.push(Spanned::new(whole, DeValue::Table(table)));
    Some(())
}

fn range(event: Event) -> Range<usize> {
    event.span().start()..event.span().end()
}

/// The text of a multi-line literal string, as the TOML library decodes it, when every
/// byte in it is one the library accepts without a second look.
fn plain_ml_literal(raw: &str) -> Option<&str> {
    let text = raw.strip_prefix("'''")?;
    let text = text
        .strip_prefix('\n')
        .or_else(|| text.strip_prefix("\r\n"))
        .unwrap_or(text);
    let text = text.strip_suffix("'''")?;
    all_plain(text.as_bytes()).then_some(text)
}

/// True when no byte is a control character other than tab, line feed, or a carriage
/// return before a line feed: the rule for a literal string. Blocks are checked whole, so
/// the check vectorises; only a block with a control character is looked at byte by byte.
fn all_plain(bytes: &[u8]) -> bool {
    let mut start = 0;
    bytes.chunks(64).all(|block| {
        let block_start = start;
        start += block.len();
        !block
            .iter()
            .fold(false, |found, &byte| found | is_control(byte))
            || block.iter().enumerate().all(|(at, &byte)| {
                !is_control(byte)
                    || (byte == b'\r' && bytes.get(block_start + at + 1) == Some(&b'\n'))
            })
    })
}

fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t' && byte != b'\n') || byte == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_library(text: &str) {
        let plain = parse_plain(text).expect("a plain file");
        let library = DeTable::parse(text).expect("valid TOML");
        assert_eq!(format!("{plain:?}"), format!("{library:?}"), "for {text:?}");
    }

    #[test]
    fn an_issue_with_articles_is_the_library_s_table() {
        same_as_library(
            "title = \"邮政快讯\" # 月刊\nnumber = 3\ndate = 2024-05-01\n\n[[article]]\ntitle = '一'\nbody = '''\n第一段。\n\n第二段'''\n\n[[ article ]]\ntitle = \"二\\t\"\nbody = \"\"\"\n正文\\n\"\"\"\n",
        );
    }

    #[test]
    fn a_body_ending_in_quotes_keeps_them() {
        same_as_library("title = 'x'\n[[article]]\nbody = '''他说''''\n");
        same_as_library("title = 'x'\n[[article]]\nbody = '''\r\n他说'''''\n");
        same_as_library("title = 'x'\r\n[[article]]\r\nbody = '''\r\n一\r\n\r\n二\r\n'''\r\n");
    }

    #[test]
    fn anything_unusual_goes_to_the_library() {
        for text in [
            "title = 'x'\ntitle = 'y'\n",
            "a.b = 1\n",
            "'quoted' = 1\n",
            "tags = ['a']\n",
            "meta = { a = 1 }\n",
            "[meta]\na = 1\n",
            "[[other]]\n",
            "[[article.part]]\n",
            "article = 1\n[[article]]\n",
            "body = '''a\rb'''\n",
            "body = '''a\u{7f}b'''\n",
            "body = '''a\u{1b}[31m'''\n",
            "title = \"a\\q\"\n",
            "title = 'x' 'y'\n",
            "= 1\n",
        ] {
            assert!(parse_plain(text).is_none(), "{text:?} was taken as plain");
        }
    }

    #[test]
    fn the_control_check_sees_every_block() {
        let mut bytes = vec![b'a'; 1000];
        assert!(all_plain(&bytes));
        for at in [0, 63, 64, 999] {
            bytes[at] = 0x07;
            assert!(!all_plain(&bytes), "missed a bell at {at}");
            bytes[at] = b'a';
        }
    }
}
